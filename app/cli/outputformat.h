#pragma once

// `--output/-o` as az prints it (knack's formatters):
// - json: 2-space indent, keys sorted (az sorts them too), non-ASCII kept, trailing newline.
// - jsonc / yamlc: the same with ANSI colours. az falls back to plain when stdout is not a
//   terminal; the caller decides that (withoutColor()).
// - yaml: block style as PyYAML's safe_dump writes it: keys sorted, sequences under a key not
//   indented, strings quoted only when they would read as another type.
// - tsv: a list gives one line per element, anything else one line. An object's line holds
//   its values tab-separated in key order; in a line a nested list prints its length, a
//   nested object nothing, null "None", booleans "True"/"False"; a line that is just a
//   boolean prints "true"/"false". Strings are written as they are (tabs and newlines too).
// - table: tabulate's "simple" table: one row per element, the columns are the scalar
//   values' keys with the first letter upper-cased (name -> Name), "id", "type" and "etag"
//   left out, null and nested values left out; a column is 2 wider than its heading at
//   least, cells left-aligned, lines without trailing blanks. Scalars get a "Result"
//   column, nested lists Column1, Column2, ...
// - none: nothing.
// A null result prints nothing in every format (az skips output for a None result).
//
// QJsonObject keeps keys sorted, but az prints the keys of a --query multiselect hash
// ({name: name, state: provisioning_state}) in the order written, which matters for tsv
// and table. Pass Jmespath::keyOrders(query) as `keyOrders`: an object whose key set equals
// one of those lists is printed in that order.

#include "result.h"

#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace OutputFormat {

enum class Format
{
    Json,
    Jsonc,
    Yaml,
    Yamlc,
    Table,
    Tsv,
    None
};

// json, jsonc, yaml, yamlc, table, tsv, none, in any case.
Result<Format> parseFormat(const QString &text);
QString formatName(Format format);
QStringList formatNames();

// Jsonc -> Json, Yamlc -> Yaml, others unchanged: for output that is not a terminal.
Format withoutColor(Format format);

QString render(const QJsonValue &value, Format format, const QList<QStringList> &keyOrders = {});

// az refuses a table without a single column (a list of objects that hold only nested
// values); render() then gives "". This says so, with the hint az gives.
Status checkRenderable(
    const QJsonValue &value, Format format, const QList<QStringList> &keyOrders = {});

} // namespace OutputFormat

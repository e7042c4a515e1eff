#pragma once

// Internal to the YAML loader (yamlspec.h is the API): a parsed document with the `--set`
// overrides applied, and a reader that gives typed, position-aware access to it. The reader
// keeps the first problem as an Error (line, column, dotted target) and turns later reads
// into no-ops, so a schema is read field after field and checked once at the end.

#include "domain.h"
#include "result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <yaml-cpp/yaml.h>

namespace YamlSpec::Detail {

struct Document
{
    YAML::Node root;
    // Dotted path -> how it was overridden ("--set instance_count=2", "--name blue"): an
    // error about such a value names the override, as the file has no line for it.
    QHash<QString, QString> overrides;
};

// Text -> a mapping at the top level; a syntax error, an empty text, several documents or
// a top level that is not a mapping are Errors. Never throws.
Result<YAML::Node> parseText(const QByteArray &text, const QString &sourceName);

// Sets the dotted `path` of the document to `value`, creating mappings on the way, and
// records `label` as the value's origin.
Status setPath(
    Document &document, const QString &path, const YAML::Node &value, const QString &label);

// `key=value` with a dotted key; the value is read as YAML (so `2` is a number).
Status applySetOverride(Document &document, const QString &override);

// "a.b" + "c" -> "a.b.c"
QString joinTarget(const QString &prefix, const QString &key);

class Reader
{
public:
    enum class PathKind
    {
        File,
        Folder,
        Any
    };

    Reader(const Document &document, const QString &sourceName, const QString &baseDir,
        bool checkPaths);

    bool ok() const { return !m_error.has_value(); }
    Error error() const { return m_error.value_or(Error()); }
    const YAML::Node &root() const { return m_document.root; }
    bool checksPaths() const { return m_checkPaths; }

    // Records a problem at `at` unless one was recorded before.
    void fail(const YAML::Node &at, const QString &target, const QString &message);
    // Records a problem about `key` of `map`: at the value, or at the key when the value is
    // empty (yaml-cpp places an empty value on the next line).
    void failField(
        const YAML::Node &map, const QString &prefix, const QString &key, const QString &message);
    // A rule's error (rules.h), placed at the node its target names. `target` replaces the
    // rule's own target when given.
    void failRule(const Error &error, const QString &target = QString());
    void check(const Status &status, const QString &target = QString())
    {
        if (!status)
            failRule(status.error(), target);
    }

    // Fails unless `node` is a mapping; `example` shows the expected form.
    bool expectMap(const YAML::Node &node, const QString &target, const QString &example);
    // Every key of `map` must be in `known` (or `ignored`: accepted and dropped), once.
    void checkKeys(const YAML::Node &map, const QString &prefix, const QStringList &known,
        const QStringList &ignored = {});
    // Keys of a free-form mapping (tags, ...): any name, but plain and once.
    void checkFreeKeys(const YAML::Node &map, const QString &prefix);

    static YAML::Node child(const YAML::Node &map, const QString &key);
    static bool present(const YAML::Node &map, const QString &key); // there and not null
    static YAML::Node keyNode(const YAML::Node &map, const QString &key);
    static QString describe(const YAML::Node &node); // "\"two\"", "a list", ...

    // Typed fields of a mapping; std::nullopt when absent, null or wrong (then failed).
    std::optional<QString> text(const YAML::Node &map, const QString &prefix, const QString &key);
    // `range` ("from 1 to 50") and `example` go into the message that says how to fix it.
    std::optional<int> integer(const YAML::Node &map, const QString &prefix, const QString &key,
        const QString &range, int example);
    std::optional<bool> boolean(const YAML::Node &map, const QString &prefix, const QString &key);
    // One of `allowed`, compared without case and '_' (so ARM's "AMLToken" reads as
    // "aml_token"); returns the allowed spelling.
    std::optional<QString> oneOf(const YAML::Node &map, const QString &prefix, const QString &key,
        const QStringList &allowed);
    std::optional<StringMap> stringMap(
        const YAML::Node &map, const QString &prefix, const QString &key);
    std::optional<TrafficMap> percentMap(
        const YAML::Node &map, const QString &prefix, const QString &key, int maxPercent);
    std::optional<QStringList> textList(
        const YAML::Node &map, const QString &prefix, const QString &key);
    std::optional<QJsonObject> jsonObject(
        const YAML::Node &map, const QString &prefix, const QString &key);

    // `raw` relative to the file's folder -> clean absolute path.
    QString resolve(const QString &raw) const;
    // Resolves `raw` and, when paths are checked, fails unless it exists as `kind`.
    QString localPath(
        const YAML::Node &at, const QString &target, const QString &raw, PathKind kind);

private:
    std::optional<QJsonValue> jsonValue(const YAML::Node &node, const QString &target, int depth);
    QString overrideFor(const QString &target) const;
    // The node at the dotted `target` (as far as the document has it) and its key.
    std::pair<YAML::Node, YAML::Node> walk(const QString &target) const;
    void checkKeyList(const YAML::Node &map, const QString &prefix, const QStringList *known,
        const QStringList &ignored);

    const Document &m_document;
    QString m_sourceName;
    QString m_baseDir;
    bool m_checkPaths = true;
    int m_jsonNodes = 0;
    std::optional<Error> m_error;
};

} // namespace YamlSpec::Detail

#pragma once

// The JMESPath language behind `--query`, as `az` scripts use it: fields (quoted when they
// contain '-'), sub-expressions, index and slices, projections ([*], *, [], filters),
// multiselect lists and hashes, comparisons, && || !, pipes, @, literals ('raw', `json`)
// and the built-in functions (length, keys, values, sort, sort_by, contains, starts_with,
// join, to_string, ... the full JMESPath set). Missing fields give null, as the spec says.
//
// Errors carry code "ValidationError", target "--query" and the 1-based column, with a
// message like: invalid --query 'a[?b==]' at column 7: expected a value after '=='

#include "result.h"

#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace Jmespath {

// Parses and evaluates `expression` against `data`.
Result<QJsonValue> evaluate(const QString &expression, const QJsonValue &data);

// Parses only: lets a command reject a bad --query before it contacts the host.
Status check(const QString &expression);

// The key lists of the multiselect hashes in `expression`, in the order written
// ({name: name, state: provisioning_state} gives ["name", "state"]). QJsonObject sorts its
// keys, so table and tsv output use these to print columns in query order as az does.
// Empty when the expression does not parse.
QList<QStringList> keyOrders(const QString &expression);

} // namespace Jmespath

#pragma once

// Private helpers of the armjson*.cpp files: a reader that checks shapes and names the JSON
// path of the first wrong value, the patch that writes only changed fields over the JSON a
// resource was read from, and the spelling conversions between YAML and ARM values.

#include "domain.h"
#include "result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <limits>
#include <optional>

namespace ArmJson::Detail {

// The first shape error met while reading one document; later ones add nothing useful.
class ShapeErrors
{
public:
    // "<path> must be <expected>, but it is <actual>: <fix>"
    void wrongType(
        const QString &path, const QString &expected, const QJsonValue &actual, const QString &fix);
    void fail(const QString &path, const QString &message);

    bool failed() const { return m_failed; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

// Reads the fields of one JSON object. Absent and null fields give "not set" (nullopt or an
// empty value), as ARM sends null for unset optional fields; a value of another type is
// recorded in the shared ShapeErrors and also gives "not set".
class ObjectReader
{
public:
    ObjectReader(const QJsonObject &object, const QString &path, ShapeErrors *errors);

    const QJsonObject &json() const { return m_object; }
    QString pathOf(const char *key) const;
    bool has(const char *key) const; // present and not null
    // Records that key's value, of the right JSON type, is not one the mapping knows.
    void wrongValue(const QString &key, const QString &expected, const QString &fix);

    QString string(const char *key);
    std::optional<qint64> integer(const char *key, qint64 min = std::numeric_limits<qint64>::min(),
        qint64 max = std::numeric_limits<qint64>::max());
    std::optional<int> int32(const char *key);
    std::optional<double> number(const char *key);
    std::optional<bool> boolean(const char *key);
    std::optional<int> durationMs(const char *key); // ISO-8601 text, up to INT_MAX ms
    std::optional<int> durationSeconds(const char *key); // rounded to the nearest second
    std::optional<ObjectReader> object(const char *key);
    std::optional<QJsonArray> array(const char *key);
    std::optional<QJsonObject> rawObject(const char *key);
    StringMap stringMap(const char *key);
    std::optional<TrafficMap> intMap(const char *key);
    QStringList stringList(const char *key);

private:
    QJsonValue valueOf(const char *key) const;

    QJsonObject m_object;
    QString m_path;
    ShapeErrors *m_errors;
};

// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c".
QString joinPath(const QString &parent, const QString &key);

// `source` with the fields whose canonical form differs between `asRead` (the canonical form
// of source as it was read) and `now` (the canonical form of the current values) written
// over it. Everything else in source stays: unknown fields and the exact spelling of
// unchanged values. A field absent from `now` but present in `asRead` is removed.
QJsonObject applyChanges(
    const QJsonObject &source, const QJsonObject &asRead, const QJsonObject &now);
// `base` with every field of `over` written into it, objects merged key by key.
QJsonObject mergeOver(const QJsonObject &base, const QJsonObject &over);

// "SystemAssigned" -> "system_assigned", "Enabled" -> "enabled".
QString snakeFromPascal(const QString &text);
// "system_assigned" -> "SystemAssigned", "enabled" -> "Enabled" (comma lists part by part).
QString pascalFromSnake(const QString &text);

// The kind of an asset reference as ARM carries it (model, codeId, environmentId).
AssetKind assetKindOf(const QString &text);

// Writes key only when value is not empty: canonical forms leave unset fields out.
void insertIfSet(QJsonObject &json, const char *key, const QString &value);

QJsonObject toJsonObject(const StringMap &map);
QJsonObject toJsonObject(const TrafficMap &map);
QJsonArray toJsonArray(const QStringList &list);

} // namespace ArmJson::Detail

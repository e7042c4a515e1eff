#include "armjsonsupport.h"

#include "armjson.h"

#include <QDir>
#include <cmath>

namespace ArmJson::Detail {

namespace {

// How a wrong value is shown in a message: its JSON type and, when short, the value.
QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: {
        const QString text = value.toString();
        if (text.size() > 40)
            return QStringLiteral("a string");
        return QStringLiteral("the string \"%1\"").arg(text);
    }
    case QJsonValue::Double:
        return QStringLiteral("the number %1").arg(value.toDouble(), 0, 'g', 16);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

const QString IntegerFix = QStringLiteral("write a JSON number without quotes, e.g. 1");
const QString StringFix = QStringLiteral("write a JSON string in quotes");
const QString ObjectFix = QStringLiteral("write a JSON object {...}");

std::optional<qint64> checkedInteger(
    const QJsonValue &value, const QString &path, qint64 min, qint64 max, ShapeErrors *errors)
{
    const double number = value.toDouble();
    if (!value.isDouble() || std::trunc(number) != number) {
        errors->wrongType(path, QStringLiteral("an integer"), value, IntegerFix);
        return std::nullopt;
    }
    // Limits compared as doubles: integers past 2^53 are not exact in JSON anyway.
    if (number < double(min) || number > double(max)) {
        errors->fail(path,
            QStringLiteral("%1 must be an integer between %2 and %3, but it is "
                           "%4: write a number in that range.")
                .arg(path)
                .arg(min)
                .arg(max)
                .arg(number, 0, 'g', 16));
        return std::nullopt;
    }
    return value.toInteger();
}

} // namespace

void ShapeErrors::wrongType(
    const QString &path, const QString &expected, const QJsonValue &actual, const QString &fix)
{
    fail(path,
        QStringLiteral("%1 must be %2, but it is %3: %4.")
            .arg(path, expected, describe(actual), fix));
}

void ShapeErrors::fail(const QString &path, const QString &message)
{
    if (m_failed)
        return;
    m_failed = true;
    m_error = Error::validation(path, message);
}

ObjectReader::ObjectReader(const QJsonObject &object, const QString &path, ShapeErrors *errors)
    : m_object(object)
    , m_path(path)
    , m_errors(errors)
{ }

QString ObjectReader::pathOf(const char *key) const { return joinPath(m_path, QLatin1String(key)); }

bool ObjectReader::has(const char *key) const
{
    const QJsonValue value = valueOf(key);
    return !value.isUndefined() && !value.isNull();
}

void ObjectReader::wrongValue(const QString &key, const QString &expected, const QString &fix)
{
    m_errors->wrongType(joinPath(m_path, key), expected, m_object.value(key), fix);
}

QJsonValue ObjectReader::valueOf(const char *key) const
{
    return m_object.value(QLatin1String(key));
}

QString ObjectReader::string(const char *key)
{
    const QJsonValue value = valueOf(key);
    if (value.isString())
        return value.toString();
    if (!value.isUndefined() && !value.isNull())
        m_errors->wrongType(pathOf(key), QStringLiteral("a string"), value, StringFix);
    return QString();
}

std::optional<qint64> ObjectReader::integer(const char *key, qint64 min, qint64 max)
{
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    return checkedInteger(value, pathOf(key), min, max, m_errors);
}

std::optional<int> ObjectReader::int32(const char *key)
{
    const std::optional<qint64> value
        = integer(key, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
    if (!value)
        return std::nullopt;
    return int(*value);
}

std::optional<double> ObjectReader::number(const char *key)
{
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isDouble()) {
        m_errors->wrongType(pathOf(key), QStringLiteral("a number"), value,
            QStringLiteral("write a JSON number without quotes, e.g. 1.5"));
        return std::nullopt;
    }
    return value.toDouble();
}

std::optional<bool> ObjectReader::boolean(const char *key)
{
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isBool()) {
        m_errors->wrongType(pathOf(key), QStringLiteral("a boolean"), value,
            QStringLiteral("write true or false without quotes"));
        return std::nullopt;
    }
    return value.toBool();
}

std::optional<int> ObjectReader::durationMs(const char *key)
{
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    const QString duration = QStringLiteral("an ISO-8601 duration");
    const QString fix
        = QStringLiteral("write it like \"PT5S\" (5 seconds), \"PT0.5S\" or \"PT1M30S\"");
    if (!value.isString()) {
        m_errors->wrongType(pathOf(key), duration, value, fix);
        return std::nullopt;
    }
    const Result<qint64> ms = parseDurationMs(value.toString());
    if (!ms) {
        m_errors->wrongType(pathOf(key), duration, value, fix);
        return std::nullopt;
    }
    if (*ms < std::numeric_limits<int>::min() || *ms > std::numeric_limits<int>::max()) {
        m_errors->fail(pathOf(key),
            QStringLiteral("%1 is %2, longer than the 24 days this field can hold: "
                           "write a shorter duration.")
                .arg(pathOf(key), value.toString()));
        return std::nullopt;
    }
    return int(*ms);
}

std::optional<int> ObjectReader::durationSeconds(const char *key)
{
    const std::optional<int> ms = durationMs(key);
    if (!ms)
        return std::nullopt;
    return int(std::lround(*ms / 1000.0));
}

std::optional<ObjectReader> ObjectReader::object(const char *key)
{
    const std::optional<QJsonObject> object = rawObject(key);
    if (!object)
        return std::nullopt;
    return ObjectReader(*object, pathOf(key), m_errors);
}

std::optional<QJsonObject> ObjectReader::rawObject(const char *key)
{
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isObject()) {
        m_errors->wrongType(pathOf(key), QStringLiteral("an object"), value, ObjectFix);
        return std::nullopt;
    }
    return value.toObject();
}

std::optional<QJsonArray> ObjectReader::array(const char *key)
{
    const QJsonValue value = valueOf(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isArray()) {
        m_errors->wrongType(pathOf(key), QStringLiteral("an array"), value,
            QStringLiteral("write a JSON array [...]"));
        return std::nullopt;
    }
    return value.toArray();
}

StringMap ObjectReader::stringMap(const char *key)
{
    StringMap map;
    const std::optional<QJsonObject> object = rawObject(key);
    if (!object)
        return map;
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (it->isString()) {
            map.insert(it.key(), it->toString());
        } else {
            m_errors->wrongType(
                joinPath(pathOf(key), it.key()), QStringLiteral("a string"), it.value(), StringFix);
        }
    }
    return map;
}

std::optional<TrafficMap> ObjectReader::intMap(const char *key)
{
    const std::optional<QJsonObject> object = rawObject(key);
    if (!object)
        return std::nullopt;
    TrafficMap map;
    for (auto it = object->begin(); it != object->end(); ++it) {
        const std::optional<qint64> value
            = checkedInteger(it.value(), joinPath(pathOf(key), it.key()),
                std::numeric_limits<int>::min(), std::numeric_limits<int>::max(), m_errors);
        if (value)
            map.insert(it.key(), int(*value));
    }
    return map;
}

QStringList ObjectReader::stringList(const char *key)
{
    QStringList list;
    const std::optional<QJsonArray> array = this->array(key);
    if (!array)
        return list;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QJsonValue item = array->at(i);
        if (item.isString())
            list.append(item.toString());
        else
            m_errors->wrongType(pathOf(key) + QStringLiteral("[%1]").arg(i),
                QStringLiteral("a string"), item, StringFix);
    }
    return list;
}

QString joinPath(const QString &parent, const QString &key)
{
    if (parent.isEmpty())
        return key;
    return parent + QLatin1Char('.') + key;
}

QJsonObject applyChanges(
    const QJsonObject &source, const QJsonObject &asRead, const QJsonObject &now)
{
    QJsonObject out = source;
    for (auto it = asRead.begin(); it != asRead.end(); ++it) {
        if (!now.contains(it.key()))
            out.remove(it.key());
    }
    for (auto it = now.begin(); it != now.end(); ++it) {
        const QJsonValue before = asRead.value(it.key());
        if (before == it.value())
            continue;
        const QJsonValue current = out.value(it.key());
        if (before.isObject() && it->isObject()) {
            // Only the changed leaves; a null or missing source object starts empty.
            out.insert(
                it.key(), applyChanges(current.toObject(), before.toObject(), it->toObject()));
        } else if (before.isUndefined() && current.isObject() && it->isObject()) {
            // Newly set, but the source has an object there the typed values did not see.
            out.insert(it.key(), mergeOver(current.toObject(), it->toObject()));
        } else {
            out.insert(it.key(), it.value());
        }
    }
    return out;
}

QJsonObject mergeOver(const QJsonObject &base, const QJsonObject &over)
{
    QJsonObject out = base;
    for (auto it = over.begin(); it != over.end(); ++it) {
        const QJsonValue current = out.value(it.key());
        if (current.isObject() && it->isObject())
            out.insert(it.key(), mergeOver(current.toObject(), it->toObject()));
        else
            out.insert(it.key(), it.value());
    }
    return out;
}

QString snakeFromPascal(const QString &text)
{
    QString out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isUpper() && i > 0 && text.at(i - 1).isLower())
            out += QLatin1Char('_');
        out += c.toLower();
    }
    return out;
}

QString pascalFromSnake(const QString &text)
{
    QStringList items = text.split(QLatin1Char(','));
    for (QString &item : items) {
        QStringList words = item.split(QLatin1Char('_'));
        for (QString &word : words) {
            if (!word.isEmpty())
                word[0] = word.at(0).toUpper();
        }
        item = words.join(QString());
    }
    return items.join(QLatin1Char(','));
}

AssetKind assetKindOf(const QString &text)
{
    if (text.isEmpty())
        return AssetKind::None;
    if (text.startsWith(QLatin1String("azureml://registries/"), Qt::CaseInsensitive))
        return AssetKind::RegistryRef;
    if (text.startsWith(QLatin1String("azureml:"), Qt::CaseInsensitive))
        return AssetKind::AssetRef;
    if (text.startsWith(QLatin1String("/subscriptions/"), Qt::CaseInsensitive))
        return AssetKind::ArmId;
    if (text.startsWith(QLatin1Char('/')) || QDir::isAbsolutePath(text))
        return AssetKind::LocalPath;
    // Placeholders ("string"), URLs and other text: kept as a reference, checked elsewhere.
    return AssetKind::AssetRef;
}

void insertIfSet(QJsonObject &json, const char *key, const QString &value)
{
    if (!value.isEmpty())
        json.insert(QLatin1String(key), value);
}

QJsonObject toJsonObject(const StringMap &map)
{
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonObject toJsonObject(const TrafficMap &map)
{
    QJsonObject object;
    for (auto it = map.begin(); it != map.end(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonArray toJsonArray(const QStringList &list)
{
    QJsonArray array;
    for (const QString &item : list)
        array.append(item);
    return array;
}

} // namespace ArmJson::Detail

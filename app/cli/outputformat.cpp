#include "outputformat.h"

#include "outputformatinternal.h"

#include <QJsonArray>
#include <QLocale>
#include <algorithm>
#include <array>
#include <cmath>

namespace OutputFormat {

namespace {

struct NamedFormat
{
    const char *name;
    Format format;
};

// In az's order, which its error message and help use.
constexpr std::array<NamedFormat, 7> namedFormats = { {
    { "json", Format::Json },
    { "jsonc", Format::Jsonc },
    { "yaml", Format::Yaml },
    { "yamlc", Format::Yamlc },
    { "table", Format::Table },
    { "tsv", Format::Tsv },
    { "none", Format::None },
} };

} // namespace

namespace Detail {

QString numberText(const QJsonValue &value)
{
    const double number = value.toDouble();
    constexpr double int64Limit = 9223372036854775807.0;
    if (std::isfinite(number) && number == std::trunc(number) && std::fabs(number) < int64Limit)
        return QString::number(value.toInteger(qint64(number)));
    return QString::number(number, 'g', QLocale::FloatingPointShortest);
}

QStringList orderedKeys(const QJsonObject &object, const QList<QStringList> &orders)
{
    QStringList keys = object.keys();
    std::sort(keys.begin(), keys.end());
    for (const QStringList &order : orders) {
        if (order.size() != keys.size())
            continue;
        QStringList sortedOrder = order;
        std::sort(sortedOrder.begin(), sortedOrder.end());
        if (sortedOrder == keys)
            return order;
    }
    return keys;
}

namespace {

// As Python's json.dumps(ensure_ascii=False) escapes a string.
QString jsonString(const QString &text)
{
    QString quoted;
    quoted.reserve(text.size() + 2);
    quoted += QLatin1Char('"');
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'"':
            quoted += QStringLiteral("\\\"");
            break;
        case u'\\':
            quoted += QStringLiteral("\\\\");
            break;
        case u'\n':
            quoted += QStringLiteral("\\n");
            break;
        case u'\r':
            quoted += QStringLiteral("\\r");
            break;
        case u'\t':
            quoted += QStringLiteral("\\t");
            break;
        case u'\b':
            quoted += QStringLiteral("\\b");
            break;
        case u'\f':
            quoted += QStringLiteral("\\f");
            break;
        default:
            if (c.unicode() < 0x20)
                quoted += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                quoted += c;
        }
    }
    quoted += QLatin1Char('"');
    return quoted;
}

void writeJson(const QJsonValue &value, int indent, const Painter &painter, QString &out)
{
    const QString inner(indent + 2, QLatin1Char(' '));
    switch (value.type()) {
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        if (object.isEmpty()) {
            out += QStringLiteral("{}");
            return;
        }
        out += QStringLiteral("{\n");
        // az sorts keys (json.dumps(sort_keys=True)), as QJsonObject does.
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it != object.begin())
                out += QStringLiteral(",\n");
            out += inner + painter.key(jsonString(it.key())) + QStringLiteral(": ");
            writeJson(it.value(), indent + 2, painter, out);
        }
        out += QLatin1Char('\n') + QString(indent, QLatin1Char(' ')) + QLatin1Char('}');
        return;
    }
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        if (array.isEmpty()) {
            out += QStringLiteral("[]");
            return;
        }
        out += QStringLiteral("[\n");
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (i > 0)
                out += QStringLiteral(",\n");
            out += inner;
            writeJson(array.at(i), indent + 2, painter, out);
        }
        out += QLatin1Char('\n') + QString(indent, QLatin1Char(' ')) + QLatin1Char(']');
        return;
    }
    case QJsonValue::String:
        out += painter.string(jsonString(value.toString()));
        return;
    case QJsonValue::Double:
        out += painter.number(numberText(value));
        return;
    case QJsonValue::Bool:
        out += painter.keyword(value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        return;
    default:
        out += painter.keyword(QStringLiteral("null"));
        return;
    }
}

} // namespace

QString renderJson(const QJsonValue &value, const Painter &painter)
{
    QString out;
    writeJson(value, 0, painter, out);
    return out + QLatin1Char('\n');
}

} // namespace Detail

Result<Format> parseFormat(const QString &text)
{
    const QString wanted = text.trimmed().toLower();
    for (const NamedFormat &named : namedFormats) {
        if (wanted == QLatin1String(named.name))
            return named.format;
    }
    return Error::validation(QStringLiteral("--output"),
        QStringLiteral("invalid --output '%1': use one of %2")
            .arg(text, formatNames().join(QStringLiteral(", "))));
}

QString formatName(Format format)
{
    for (const NamedFormat &named : namedFormats) {
        if (named.format == format)
            return QString::fromLatin1(named.name);
    }
    return QString();
}

QStringList formatNames()
{
    QStringList names;
    for (const NamedFormat &named : namedFormats)
        names.append(QString::fromLatin1(named.name));
    return names;
}

Format withoutColor(Format format)
{
    switch (format) {
    case Format::Jsonc:
        return Format::Json;
    case Format::Yamlc:
        return Format::Yaml;
    default:
        return format;
    }
}

QString render(const QJsonValue &value, Format format, const QList<QStringList> &keyOrders)
{
    // az prints nothing at all for a None result, whatever the format.
    if (value.isNull() || value.isUndefined())
        return QString();
    switch (format) {
    case Format::Json:
    case Format::Jsonc:
        return Detail::renderJson(value, Detail::Painter(format == Format::Jsonc));
    case Format::Yaml:
    case Format::Yamlc:
        return Detail::renderYaml(value, Detail::Painter(format == Format::Yamlc));
    case Format::Table:
        return Detail::renderTable(value, keyOrders);
    case Format::Tsv:
        return Detail::renderTsv(value, keyOrders);
    case Format::None:
        return QString();
    }
    return QString();
}

Status checkRenderable(const QJsonValue &value, Format format, const QList<QStringList> &keyOrders)
{
    if (format != Format::Table || value.isNull() || value.isUndefined()
        || Detail::tableHasColumns(value, keyOrders))
        return {};
    return Error::validation(QStringLiteral("--output"),
        QStringLiteral("table output is unavailable: the result has no "
                       "scalar values to show as columns. Use --query to "
                       "pick fields, e.g. --query \"[].{name: name}\", or "
                       "use -o json"));
}

} // namespace OutputFormat

// Block YAML in the shape PyYAML's safe_dump(default_flow_style=False) gives az -o yaml.
// Differences, all still valid YAML that reads back the same: strings with control characters
// (newlines too) are double-quoted with escapes, long strings are not folded at 80 columns.

#include "outputformatinternal.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace OutputFormat::Detail {

namespace {

bool needsEscapes(const QString &text)
{
    return std::any_of(text.begin(), text.end(), [](QChar c) {
        const char16_t u = c.unicode();
        return u < 0x20 || u == 0x7f || u == 0x85 || u == 0x2028 || u == 0x2029;
    });
}

QString doubleQuoted(const QString &text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'"':
            out += QStringLiteral("\\\"");
            break;
        case u'\\':
            out += QStringLiteral("\\\\");
            break;
        case u'\n':
            out += QStringLiteral("\\n");
            break;
        case u'\t':
            out += QStringLiteral("\\t");
            break;
        case u'\r':
            out += QStringLiteral("\\r");
            break;
        case 0:
            out += QStringLiteral("\\0");
            break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f || c.unicode() == 0x85)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0')).toUpper();
            else if (c.unicode() == 0x2028 || c.unicode() == 0x2029)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out + QLatin1Char('"');
}

// Plain text that a YAML 1.1 reader (PyYAML) would take for null, a boolean, a number, a
// date or a special key: it must be quoted to stay a string.
bool readsAsOtherType(const QString &text)
{
    static const QRegularExpression other(QStringLiteral(
        "^(?:~|null|Null|NULL"
        "|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
        "|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
        "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
        "|[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
        "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"
        "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \\t]+)[0-9].*)?"
        "|=|<<)$"));
    return other.match(text).hasMatch();
}

// Whether a string can be written without quotes in block context.
bool canBePlain(const QString &text)
{
    if (text.isEmpty() || readsAsOtherType(text))
        return false;
    if (text.front().isSpace() || text.back().isSpace() || text.back() == u':')
        return false;
    const QChar first = text.front();
    if (QStringLiteral("#,[]{}&*!|>'\"%@`").contains(first))
        return false;
    // '-', '?' and ':' start a plain scalar only when a non-blank follows ("-x", not "- x").
    if (QStringLiteral("-?:").contains(first) && (text.size() == 1 || text.at(1).isSpace()))
        return false;
    return !text.contains(QStringLiteral(": ")) && !text.contains(QStringLiteral(" #"));
}

QString scalarText(const QString &text)
{
    if (needsEscapes(text))
        return doubleQuoted(text);
    if (canBePlain(text))
        return text;
    return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QStringLiteral("''"))
        + QLatin1Char('\'');
}

QString numberYaml(const QJsonValue &value)
{
    QString text = numberText(value);
    // PyYAML writes 1e-05 as 1.0e-05 so that YAML 1.1 reads it as a float.
    const qsizetype exponent = text.indexOf(QLatin1Char('e'));
    if (exponent > 0 && !text.left(exponent).contains(QLatin1Char('.')))
        text.insert(exponent, QStringLiteral(".0"));
    return text;
}

bool isBlock(const QJsonValue &value)
{
    return (value.isObject() && !value.toObject().isEmpty())
        || (value.isArray() && !value.toArray().isEmpty());
}

// A scalar or an empty collection, on one line.
QString inlineValue(const QJsonValue &value, const Painter &painter, bool *plain = nullptr)
{
    if (plain)
        *plain = true;
    switch (value.type()) {
    case QJsonValue::Object:
        return QStringLiteral("{}");
    case QJsonValue::Array:
        return QStringLiteral("[]");
    case QJsonValue::String: {
        const QString text = scalarText(value.toString());
        if (plain)
            *plain = text == value.toString();
        return painter.string(text);
    }
    case QJsonValue::Double:
        return painter.number(numberYaml(value));
    case QJsonValue::Bool:
        return painter.keyword(value.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    default:
        return painter.keyword(QStringLiteral("null"));
    }
}

void writeBlock(const QJsonValue &value, int indent, const Painter &painter, QStringList &lines)
{
    const QString pad(indent, QLatin1Char(' '));
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString key = pad + painter.key(scalarText(it.key())) + QLatin1Char(':');
            if (!isBlock(it.value())) {
                lines.append(key + QLatin1Char(' ') + inlineValue(it.value(), painter));
                continue;
            }
            lines.append(key);
            // PyYAML indents a mapping under a key but not a sequence.
            writeBlock(it.value(), it.value().isObject() ? indent + 2 : indent, painter, lines);
        }
        return;
    }
    for (const QJsonValue &item : value.toArray()) {
        if (!isBlock(item)) {
            lines.append(pad + QStringLiteral("- ") + inlineValue(item, painter));
            continue;
        }
        // The item's first line goes after the dash: "- name: blue" / "- - 1".
        QStringList itemLines;
        writeBlock(item, indent + 2, painter, itemLines);
        itemLines.first() = pad + QStringLiteral("- ") + itemLines.first().mid(indent + 2);
        lines += itemLines;
    }
}

} // namespace

QString renderYaml(const QJsonValue &value, const Painter &painter)
{
    if (!isBlock(value)) {
        bool plain = true;
        const QString text = inlineValue(value, painter, &plain);
        // A plain scalar document ends with "..." in PyYAML's output; a quoted one does not.
        const bool marker = plain && !value.isObject() && !value.isArray();
        return text + (marker ? QStringLiteral("\n...\n") : QStringLiteral("\n"));
    }
    QStringList lines;
    writeBlock(value, 0, painter, lines);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace OutputFormat::Detail

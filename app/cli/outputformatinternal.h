#pragma once

// The writers behind OutputFormat::render(), one file each. Internal to outputformat*.cpp.

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace OutputFormat::Detail {

// ANSI colours for jsonc and yamlc; every function returns the text unchanged when off.
class Painter
{
public:
    explicit Painter(bool enabled)
        : m_enabled(enabled)
    { }

    QString key(const QString &text) const { return paint("94", text); }
    QString string(const QString &text) const { return paint("32", text); }
    QString number(const QString &text) const { return paint("36", text); }
    QString keyword(const QString &text) const { return paint("35", text); } // true/false/null

private:
    QString paint(const char *code, const QString &text) const
    {
        if (!m_enabled)
            return text;
        return QStringLiteral("\x1b[") + QLatin1String(code) + QLatin1Char('m') + text
            + QStringLiteral("\x1b[0m");
    }

    bool m_enabled;
};

// A number as Python prints it: integral values without a fraction, others shortest.
QString numberText(const QJsonValue &value);

// The keys of `object` in the order of the first list in `orders` with the same key set,
// else sorted.
QStringList orderedKeys(const QJsonObject &object, const QList<QStringList> &orders);

QString renderJson(const QJsonValue &value, const Painter &painter);
QString renderYaml(const QJsonValue &value, const Painter &painter);
QString renderTsv(const QJsonValue &value, const QList<QStringList> &keyOrders);
QString renderTable(const QJsonValue &value, const QList<QStringList> &keyOrders);
bool tableHasColumns(const QJsonValue &value, const QList<QStringList> &keyOrders);

} // namespace OutputFormat::Detail

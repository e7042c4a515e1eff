// az's tsv and table output (knack's _TsvOutput and _TableOutput over tabulate "simple").

#include "outputformatinternal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace OutputFormat::Detail {

namespace {

// A list is one row per element; anything else is one row.
QJsonArray rowsOf(const QJsonValue &value)
{
    return value.isArray() ? value.toArray() : QJsonArray { value };
}

// A value inside a tsv line, as Python's str() would print it.
QString tsvCell(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Array:
        return QString::number(value.toArray().size());
    case QJsonValue::Object:
        return QString();
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Double:
        return numberText(value);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("True") : QStringLiteral("False");
    default:
        return QStringLiteral("None");
    }
}

QString tsvLine(const QJsonValue &row, const QList<QStringList> &keyOrders)
{
    QStringList cells;
    if (row.isObject()) {
        const QJsonObject object = row.toObject();
        for (const QString &key : orderedKeys(object, keyOrders))
            cells.append(tsvCell(object.value(key)));
    } else if (row.isArray()) {
        for (const QJsonValue &element : row.toArray())
            cells.append(tsvCell(element));
    } else if (row.isBool()) {
        cells.append(row.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
    } else {
        cells.append(tsvCell(row));
    }
    return cells.join(QLatin1Char('\t'));
}

// A table cell: str() of the value, None as empty, nested values as compact JSON.
QString tableCell(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return QString();
    case QJsonValue::Array:
    case QJsonValue::Object:
        return QString::fromUtf8(
            (value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject()))
                .toJson(QJsonDocument::Compact));
    default:
        return tsvCell(value);
    }
}

using Entry = QList<std::pair<QString, QString>>; // column heading, cell text

// One row's columns, as knack's _auto_table_item picks them.
Entry tableEntry(const QJsonValue &row, const QList<QStringList> &keyOrders)
{
    static const QStringList skippedKeys
        = { QStringLiteral("id"), QStringLiteral("type"), QStringLiteral("etag") };
    Entry entry;
    if (row.isObject()) {
        const QJsonObject object = row.toObject();
        for (const QString &key : orderedKeys(object, keyOrders)) {
            const QJsonValue value = object.value(key);
            if (skippedKeys.contains(key) || value.isNull() || value.isArray() || value.isObject())
                continue;
            const QString heading = key.isEmpty() ? key : key.front().toUpper() + key.mid(1);
            entry.append({ heading, tableCell(value) });
        }
    } else if (row.isArray()) {
        const QJsonArray array = row.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            entry.append({ QStringLiteral("Column%1").arg(i + 1), tableCell(array.at(i)) });
    } else {
        entry.append({ QStringLiteral("Result"), tableCell(row) });
    }
    return entry;
}

QList<Entry> tableEntries(const QJsonValue &value, const QList<QStringList> &keyOrders)
{
    QList<Entry> entries;
    for (const QJsonValue &row : rowsOf(value))
        entries.append(tableEntry(row, keyOrders));
    return entries;
}

QString rightTrimmed(QString text)
{
    qsizetype end = text.size();
    while (end > 0 && text.at(end - 1) == u' ')
        --end;
    text.truncate(end);
    return text;
}

qsizetype widestLine(const QString &text)
{
    qsizetype widest = 0;
    for (const QStringView line : QStringView(text).split(u'\n'))
        widest = std::max(widest, line.size());
    return widest;
}

} // namespace

QString renderTsv(const QJsonValue &value, const QList<QStringList> &keyOrders)
{
    QString out;
    for (const QJsonValue &row : rowsOf(value))
        out += tsvLine(row, keyOrders) + QLatin1Char('\n');
    return out;
}

bool tableHasColumns(const QJsonValue &value, const QList<QStringList> &keyOrders)
{
    const QList<Entry> entries = tableEntries(value, keyOrders);
    return entries.isEmpty() || std::any_of(entries.begin(), entries.end(), [](const Entry &entry) {
        return !entry.isEmpty();
    });
}

QString renderTable(const QJsonValue &value, const QList<QStringList> &keyOrders)
{
    const QList<Entry> entries = tableEntries(value, keyOrders);
    if (entries.isEmpty())
        return QStringLiteral("\n");
    if (!tableHasColumns(value, keyOrders))
        return QString();

    // The columns are every heading, in the order first seen; a row without one is blank.
    QStringList headings;
    for (const Entry &entry : entries) {
        for (const auto &[heading, cell] : entry) {
            if (!headings.contains(heading))
                headings.append(heading);
        }
    }
    QList<QStringList> cells;
    for (const Entry &entry : entries) {
        QStringList row(headings.size());
        for (const auto &[heading, cell] : entry)
            row[headings.indexOf(heading)] = cell.trimmed();
        cells.append(row);
    }
    // tabulate makes a column 2 wider than its heading at least.
    QList<qsizetype> widths;
    for (qsizetype c = 0; c < headings.size(); ++c) {
        qsizetype width = headings.at(c).size() + 2;
        for (const QStringList &row : std::as_const(cells))
            width = std::max(width, widestLine(row.at(c)));
        widths.append(width);
    }

    QStringList lines;
    const auto addRow = [&](const QStringList &row) {
        // A cell with line breaks makes the row several lines high.
        QList<QStringList> split;
        qsizetype height = 1;
        for (const QString &cell : row) {
            split.append(cell.split(QLatin1Char('\n')));
            height = std::max(height, split.last().size());
        }
        for (qsizetype line = 0; line < height; ++line) {
            QStringList parts;
            for (qsizetype c = 0; c < row.size(); ++c)
                parts.append(split.at(c).value(line).leftJustified(widths.at(c), QLatin1Char(' ')));
            lines.append(rightTrimmed(parts.join(QStringLiteral("  "))));
        }
    };
    addRow(headings);
    QStringList rule;
    for (const qsizetype width : std::as_const(widths))
        rule.append(QString(width, QLatin1Char('-')));
    lines.append(rule.join(QStringLiteral("  ")));
    for (const QStringList &row : std::as_const(cells))
        addRow(row);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace OutputFormat::Detail

#include "comparemodel.h"

#include <QBrush>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace {

constexpr double RelativeTolerance = 1e-9; // float noise is not a difference
constexpr int MaxRows = 2000; // a huge answer is shown in part, never freezes the view

bool sameNumber(double a, double b)
{
    return std::abs(a - b) <= RelativeTolerance * std::max({ 1.0, std::abs(a), std::abs(b) });
}

bool sameValue(const QJsonValue &a, const QJsonValue &b)
{
    if (a.isDouble() && b.isDouble())
        return sameNumber(a.toDouble(), b.toDouble());
    return a == b;
}

void flattenInto(const QJsonValue &value, const QString &path, QList<QPair<QString, QJsonValue>> &out)
{
    if (out.size() >= MaxRows)
        return;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty())
            out.append({ path, value });
        for (qsizetype i = 0; i < array.size(); ++i)
            flattenInto(array.at(i), path + QStringLiteral("[%1]").arg(i), out);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty())
            out.append({ path, value });
        for (auto it = object.begin(); it != object.end(); ++it)
            flattenInto(it.value(), path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key(), out);
    } else {
        out.append({ path, value });
    }
}

QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Double:
        return CompareModel::formatNumber(value.toDouble());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QStringLiteral("[]");
    case QJsonValue::Object:
        return QStringLiteral("{}");
    case QJsonValue::Undefined:
        break;
    }
    return QString();
}

} // namespace

CompareModel::CompareModel(QObject *parent) : QAbstractTableModel(parent), m_highlight(255, 170, 0, 90) { }

QString CompareModel::formatNumber(double value)
{
    // The shortest text that reads back as the same double: 11055.977245525677, 0.5.
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QList<QPair<QString, QJsonValue>> CompareModel::flatten(const QByteArray &body, bool *isJson)
{
    QList<QPair<QString, QJsonValue>> out;
    QJsonParseError error;
    // Wrapped in an array, so a scalar answer (0.5, "yes") parses too.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + body + "]", &error);
    *isJson = error.error == QJsonParseError::NoError && doc.array().size() == 1;
    if (*isJson)
        flattenInto(doc.array().first(), QString(), out);
    return out;
}

void CompareModel::setAnswers(const QList<Answer> &answers)
{
    beginResetModel();
    m_answers = answers;
    build();
    endResetModel();
}

void CompareModel::clear()
{
    setAnswers({});
}

void CompareModel::setHighlight(const QColor &color)
{
    m_highlight = color;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), { Qt::BackgroundRole });
}

void CompareModel::build()
{
    m_rows.clear();
    QHash<QString, int> rowOf;
    const qsizetype n = m_answers.size();
    for (qsizetype column = 0; column < n; ++column) {
        const ApiResult &result = m_answers[column].result;
        bool isJson = false;
        QList<QPair<QString, QJsonValue>> leaves = flatten(result.body, &isJson);
        if (!isJson && !result.body.isEmpty())
            leaves = { { tr("body"), QJsonValue(QString::fromUtf8(result.body.left(4000))) } };
        for (const auto &[path, value] : leaves) {
            auto it = rowOf.find(path);
            if (it == rowOf.end()) {
                it = rowOf.insert(path, int(m_rows.size()));
                m_rows.append(Row{ path, QList<std::optional<QJsonValue>>(n), false });
            }
            m_rows[*it].values[column] = value;
        }
    }
    for (Row &row : m_rows) {
        const std::optional<QJsonValue> &base = row.values.value(0);
        for (qsizetype column = 1; column < n; ++column) {
            const std::optional<QJsonValue> &other = row.values[column];
            if (base.has_value() != other.has_value() || (base && !sameValue(*base, *other)))
                row.differs = true;
        }
    }
}

int CompareModel::differingCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(), [](const Row &r) { return r.differs; }));
}

int CompareModel::rowOfPath(const QString &path) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].path == path)
            return int(i) + FixedRowCount;
    }
    return -1;
}

int CompareModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || m_answers.isEmpty())
        return 0;
    return FixedRowCount + int(m_rows.size());
}

int CompareModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_answers.size());
}

std::optional<double> CompareModel::difference(const Row &row, int column) const
{
    if (column == 0 || !row.differs)
        return std::nullopt;
    const std::optional<QJsonValue> &base = row.values.value(0);
    const std::optional<QJsonValue> &value = row.values.value(column);
    if (!base || !value || !base->isDouble() || !value->isDouble() || sameNumber(base->toDouble(), value->toDouble()))
        return std::nullopt;
    return value->toDouble() - base->toDouble();
}

QVariant CompareModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (index.row() < FixedRowCount)
        return fixedData(index.row(), index.column(), role);
    return valueData(m_rows[index.row() - FixedRowCount], index.column(), role);
}

QVariant CompareModel::fixedData(int row, int column, int role) const
{
    const ApiResult &result = m_answers[column].result;
    if (row == StatusRow) {
        switch (role) {
        case Qt::DisplayRole:
            return result.httpStatus == 0 ? tr("no answer") : QString::number(result.httpStatus);
        case Qt::ToolTipRole:
            return result.error ? result.error->message : QVariant();
        case ValueRole:
            return result.httpStatus;
        case DiffersRole:
            return column > 0 && result.httpStatus != m_answers.first().result.httpStatus;
        case Qt::BackgroundRole:
            return column > 0 && result.httpStatus != m_answers.first().result.httpStatus ? QBrush(m_highlight) : QVariant();
        case PathRole:
            return QStringLiteral("status");
        default:
            return {};
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 ms").arg(result.latencyMs, 0, 'f', 1);
    case ValueRole:
        return result.latencyMs;
    case DiffersRole:
        return false; // latency always differs a little: not a finding
    case PathRole:
        return QStringLiteral("latency");
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant CompareModel::valueData(const Row &row, int column, int role) const
{
    const std::optional<QJsonValue> &value = row.values.value(column);
    const std::optional<double> diff = difference(row, column);
    const bool highlighted = column > 0 && row.differs;
    switch (role) {
    case Qt::DisplayRole: {
        if (!value)
            return tr("—");
        const QString text = valueText(*value);
        if (diff) {
            const QString sign = *diff > 0 ? QStringLiteral("+") : QString();
            return tr("%1  (Δ %2)").arg(text, sign + formatNumber(*diff));
        }
        return text;
    }
    case Qt::ToolTipRole:
        if (diff) {
            return tr("%1 − %2 = %3")
                .arg(m_answers[column].deployment, m_answers.first().deployment, formatNumber(*diff));
        }
        if (highlighted)
            return tr("Differs from %1").arg(m_answers.first().deployment);
        return {};
    case Qt::BackgroundRole:
        return highlighted ? QBrush(m_highlight) : QVariant();
    case Qt::TextAlignmentRole:
        return value && value->isDouble() ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case DiffersRole:
        return highlighted;
    case DifferenceRole:
        return diff ? QVariant(*diff) : QVariant();
    case ValueRole:
        return value ? QVariant::fromValue(*value) : QVariant();
    case PathRole:
        return row.path;
    default:
        return {};
    }
}

QVariant CompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_answers.size())
            return {};
        const QString name = m_answers[section].deployment;
        if (section == 0)
            return role == Qt::DisplayRole ? tr("%1 (baseline)").arg(name)
                                           : tr("Differences are shown against %1").arg(name);
        return name;
    }
    if (section == StatusRow)
        return tr("HTTP status");
    if (section == LatencyRow)
        return tr("Latency");
    const qsizetype row = section - FixedRowCount;
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_rows[row].path.isEmpty() ? tr("value") : m_rows[row].path;
}

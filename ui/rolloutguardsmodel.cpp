#include "rolloutguardsmodel.h"

#include <QBrush>
#include <QColor>

namespace {
const QColor PassedBackground(0xc8, 0xe6, 0xc9);
const QColor FailedBackground(0xff, 0xcd, 0xd2);
} // namespace

RolloutGuardsModel::RolloutGuardsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void RolloutGuardsModel::setEvaluation(const std::optional<RolloutEvaluation> &evaluation)
{
    const qsizetype before = m_evaluation ? m_evaluation->checks.size() : 0;
    const qsizetype after = evaluation ? evaluation->checks.size() : 0;
    if (before != after) {
        beginResetModel();
        m_evaluation = evaluation;
        endResetModel();
        return;
    }
    m_evaluation = evaluation;
    if (after > 0)
        emit dataChanged(index(0, 0), index(int(after) - 1, ColumnCount - 1));
}

int RolloutGuardsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_evaluation ? 0 : int(m_evaluation->checks.size());
}

int RolloutGuardsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RolloutGuardsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GuardCheck &c = m_evaluation->checks.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case GuardColumn:
            return c.name;
        case MeasuredColumn:
            return QString::number(c.measured, 'f', 2);
        case LimitColumn:
            return QString::number(c.limit, 'f', 2);
        case ResultColumn:
            return c.passed ? tr("pass") : tr("fail");
        case DetailColumn:
            return c.detail;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return c.detail;
    case Qt::BackgroundRole:
        return QBrush(c.passed ? PassedBackground : FailedBackground);
    case PassedRole:
        return c.passed;
    default:
        return {};
    }
}

QVariant RolloutGuardsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case GuardColumn:
        return tr("Guard");
    case MeasuredColumn:
        return tr("Measured");
    case LimitColumn:
        return tr("Limit");
    case ResultColumn:
        return tr("Result");
    case DetailColumn:
        return tr("Details");
    default:
        return {};
    }
}

#include "rollouttimelinemodel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace {
const QColor Passed(0x2e, 0x7d, 0x32);
const QColor Failed(0xc6, 0x28, 0x28);
} // namespace

RolloutTimelineModel::RolloutTimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

void RolloutTimelineModel::setState(const RolloutState &state)
{
    if (state.steps.size() != m_state.steps.size() || state.endpoint != m_state.endpoint) {
        beginResetModel();
        m_state = state;
        endResetModel();
        return;
    }
    m_state = state;
    if (!m_state.steps.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void RolloutTimelineModel::clear() { setState(RolloutState()); }

std::optional<RolloutEvaluation> RolloutTimelineModel::evaluationOf(int step) const
{
    std::optional<RolloutEvaluation> latest;
    for (auto it = m_state.evaluations.crbegin(); it != m_state.evaluations.crend(); ++it) {
        if (it->step != step)
            continue;
        if (it->verdict != RolloutEvaluation::Verdict::Hold)
            return *it;
        if (!latest)
            latest = *it;
    }
    return latest;
}

int RolloutTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_state.steps.size());
}

int RolloutTimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RolloutTimelineModel::statusOf(int step) const
{
    using P = RolloutState::Phase;
    const std::optional<RolloutEvaluation> e = evaluationOf(step);
    if (step == m_state.step) {
        switch (m_state.phase) {
        case P::Applying:
            return tr("applying");
        case P::Baking:
            return tr("baking");
        case P::Holding:
            return tr("holding: %n request(s) missing", nullptr, int(e ? e->missingRequests : 0));
        case P::Paused:
            return tr("paused");
        case P::Completed:
            return e && e->verdict == RolloutEvaluation::Verdict::Pass ? tr("passed")
                                                                       : tr("promoted");
        case P::RolledBack:
            return tr("failed: rolled back");
        case P::Aborted:
            return tr("aborted");
        case P::Failed:
            return tr("stopped");
        }
    }
    if (step < m_state.step)
        return tr("passed");
    return tr("pending");
}

QVariant RolloutTimelineModel::passedOf(int step) const
{
    const std::optional<RolloutEvaluation> e = evaluationOf(step);
    if (!e || e->verdict == RolloutEvaluation::Verdict::Hold)
        return step < m_state.step ? QVariant(true) : QVariant();
    return e->verdict == RolloutEvaluation::Verdict::Pass;
}

QVariant RolloutTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const RolloutStep &s = m_state.steps.at(row);
    if (role == PassedRole)
        return passedOf(row);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case StepColumn:
            return row + 1;
        case SplitColumn:
            return s.mirror ? tr("mirror %1 %").arg(s.percent) : tr("%1 %").arg(s.percent);
        case BakeColumn:
            return tr("%1 s").arg(s.bakeSeconds);
        case StatusColumn:
            return statusOf(row);
        case ReasonColumn: {
            const std::optional<RolloutEvaluation> e = evaluationOf(row);
            return e ? e->summary : QString();
        }
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        const QVariant passed = passedOf(row);
        if (passed.isValid())
            return QBrush(passed.toBool() ? Passed : Failed);
    }
    if (role == Qt::FontRole && row == m_state.step && !m_state.isFinished()) {
        QFont font;
        font.setBold(true);
        return font;
    }
    return {};
}

QVariant RolloutTimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case StepColumn:
        return tr("Step");
    case SplitColumn:
        return tr("Candidate");
    case BakeColumn:
        return tr("Bake");
    case StatusColumn:
        return tr("Status");
    case ReasonColumn:
        return tr("Reason");
    default:
        return {};
    }
}

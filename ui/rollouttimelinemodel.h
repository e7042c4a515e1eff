#pragma once

// The Rollout tab's timeline: one row per step of a guarded rollout plan, filled from a
// RolloutState (rolloutstate.h): the split, the bake time, where the plan stands at that
// step and the latest verdict with its reason. Rows are updated in place.

#include "rolloutstate.h"

#include <QAbstractTableModel>

class RolloutTimelineModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutTimelineModel)
public:
    enum Column
    {
        StepColumn,
        SplitColumn,
        BakeColumn,
        StatusColumn,
        ReasonColumn,
        ColumnCount
    };
    enum Role
    {
        PassedRole = Qt::UserRole + 1, // true, false (failed) or invalid (not judged)
    };

    explicit RolloutTimelineModel(QObject *parent = nullptr);

    void setState(const RolloutState &state);
    void clear();
    const RolloutState &state() const { return m_state; }
    // The latest evaluation of `step` that judged the guards (not a hold), else the latest.
    std::optional<RolloutEvaluation> evaluationOf(int step) const;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString statusOf(int step) const;
    QVariant passedOf(int step) const;

    RolloutState m_state;
};

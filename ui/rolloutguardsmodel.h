#pragma once

// The Rollout tab's guards: one row per guard of one evaluation (rolloutevaluation.h),
// with the measured value, the limit, whether it passed (green or red) and the numbers
// behind it.

#include "rolloutevaluation.h"

#include <QAbstractTableModel>

class RolloutGuardsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutGuardsModel)
public:
    enum Column
    {
        GuardColumn,
        MeasuredColumn,
        LimitColumn,
        ResultColumn,
        DetailColumn, // the measured values and sample counts in words
        ColumnCount
    };
    enum Role
    {
        PassedRole = Qt::UserRole + 1,
    };

    explicit RolloutGuardsModel(QObject *parent = nullptr);

    void setEvaluation(const std::optional<RolloutEvaluation> &evaluation);
    const std::optional<RolloutEvaluation> &evaluation() const { return m_evaluation; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<RolloutEvaluation> m_evaluation;
};

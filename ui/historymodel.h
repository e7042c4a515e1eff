#pragma once

// An endpoint's traffic and mirror changes, newest first, as GET .../history gives them.
// Refreshes merge: entries that arrived since the last one are inserted at the top, so a
// selected row stays selected.

#include "domain.h"

#include <QAbstractTableModel>
#include <QList>

// How traffic maps read in the app: "blue 90 % · green 10 %", mirror "green 10 %" or "none".
namespace TrafficText {
// Every name in `deployments` is listed (0 % where absent), then any others in the map.
QString traffic(const TrafficMap &map, const QStringList &deployments = {});
QString mirror(const TrafficMap &map);
} // namespace TrafficText

class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryModel)
public:
    enum Column { TimeColumn, ClientColumn, TrafficColumn, MirrorColumn, RevertColumn, ColumnCount };
    Q_ENUM(Column)

    explicit HistoryModel(QObject *parent = nullptr);

    void setChanges(const QList<TrafficChange> &changes);
    void clear();
    const TrafficChange &change(int row) const { return m_changes.at(row); }
    QList<TrafficChange> changes() const { return m_changes; }

    static QString timeText(const QString &iso);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<TrafficChange> m_changes;
};

#include "historymodel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace {

bool sameChange(const TrafficChange &a, const TrafficChange &b)
{
    return a.time == b.time && a.client == b.client && a.trafficBefore == b.trafficBefore
        && a.trafficAfter == b.trafficAfter && a.mirrorBefore == b.mirrorBefore
        && a.mirrorAfter == b.mirrorAfter;
}

} // namespace

namespace TrafficText {

QString traffic(const TrafficMap &map, const QStringList &deployments)
{
    QStringList parts;
    for (const QString &name : deployments)
        parts << QCoreApplication::translate("TrafficText", "%1 %2 %").arg(name).arg(map.value(name));
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (!deployments.contains(it.key()))
            parts << QCoreApplication::translate("TrafficText", "%1 %2 %").arg(it.key()).arg(it.value());
    }
    if (parts.isEmpty())
        return QCoreApplication::translate("TrafficText", "none");
    return parts.join(QStringLiteral(" · "));
}

QString mirror(const TrafficMap &map)
{
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (it.value() > 0)
            parts << QCoreApplication::translate("TrafficText", "%1 %2 %").arg(it.key()).arg(it.value());
    }
    return parts.isEmpty() ? QCoreApplication::translate("TrafficText", "none") : parts.join(QStringLiteral(" · "));
}

} // namespace TrafficText

HistoryModel::HistoryModel(QObject *parent) : QAbstractTableModel(parent) { }

void HistoryModel::setChanges(const QList<TrafficChange> &changes)
{
    const auto equal = [](const QList<TrafficChange> &a, const QList<TrafficChange> &b, qsizetype n, qsizetype offset) {
        for (qsizetype i = 0; i < n; ++i) {
            if (!sameChange(a.at(i + offset), b.at(i)))
                return false;
        }
        return true;
    };
    // The usual case: the same list, or new entries on top of the old ones.
    const qsizetype added = changes.size() - m_changes.size();
    if (added >= 0 && equal(changes, m_changes, m_changes.size(), added)) {
        if (added > 0) {
            beginInsertRows(QModelIndex(), 0, int(added) - 1);
            m_changes = changes;
            endInsertRows();
        }
        return;
    }
    // The host keeps a bounded history: old entries fall off the bottom as new ones come.
    for (qsizetype kept = m_changes.size() - 1; kept > 0; --kept) {
        const qsizetype fresh = changes.size() - kept;
        if (fresh >= 0 && equal(changes, m_changes, kept, fresh)) {
            beginRemoveRows(QModelIndex(), int(kept), int(m_changes.size()) - 1);
            m_changes.resize(kept);
            endRemoveRows();
            if (fresh > 0) {
                beginInsertRows(QModelIndex(), 0, int(fresh) - 1);
                m_changes = changes;
                endInsertRows();
            }
            return;
        }
    }
    beginResetModel();
    m_changes = changes;
    endResetModel();
}

void HistoryModel::clear()
{
    if (m_changes.isEmpty())
        return;
    beginResetModel();
    m_changes.clear();
    endResetModel();
}

QString HistoryModel::timeText(const QString &iso)
{
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs).toLocalTime();
    if (!time.isValid())
        return iso;
    const QLocale locale;
    if (time.date() == QDate::currentDate())
        return locale.toString(time.time(), QStringLiteral("HH:mm:ss"));
    return locale.toString(time, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_changes.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case ClientColumn:
        return tr("Changed by");
    case TrafficColumn:
        return tr("Live traffic (before → after)");
    case MirrorColumn:
        return tr("Mirror (before → after)");
    case RevertColumn:
        return QString();
    case ColumnCount:
        break;
    }
    return QVariant();
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_changes.size())
        return QVariant();
    const TrafficChange &c = m_changes.at(index.row());
    const auto arrow = [](const QString &before, const QString &after) {
        return before == after ? tr("%1 (unchanged)").arg(after) : tr("%1 → %2").arg(before, after);
    };
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case TimeColumn:
            return timeText(c.time);
        case ClientColumn:
            return c.client;
        case TrafficColumn:
            return arrow(TrafficText::traffic(c.trafficBefore), TrafficText::traffic(c.trafficAfter));
        case MirrorColumn:
            return arrow(TrafficText::mirror(c.mirrorBefore), TrafficText::mirror(c.mirrorAfter));
        case RevertColumn:
            return tr("Revert to before");
        case ColumnCount:
            break;
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == TimeColumn)
            return c.time;
        if (index.column() == RevertColumn)
            return tr("Set the traffic back to %1 and the mirror to %2")
                .arg(TrafficText::traffic(c.trafficBefore), TrafficText::mirror(c.mirrorBefore));
        return data(index, Qt::DisplayRole);
    }
    return QVariant();
}

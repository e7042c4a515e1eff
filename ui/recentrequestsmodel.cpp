#include "recentrequestsmodel.h"

RecentRequestsModel::RecentRequestsModel(QObject *parent) : QAbstractListModel(parent) { }

void RecentRequestsModel::add(const TestExchange &exchange)
{
    if (m_entries.size() >= MaxEntries) {
        const int last = int(m_entries.size()) - 1;
        beginRemoveRows(QModelIndex(), last, last);
        m_entries.removeLast();
        endRemoveRows();
    }
    beginInsertRows(QModelIndex(), 0, 0);
    m_entries.prepend(exchange);
    endInsertRows();
}

void RecentRequestsModel::clear()
{
    if (m_entries.isEmpty())
        return;
    beginRemoveRows(QModelIndex(), 0, int(m_entries.size()) - 1);
    m_entries.clear();
    endRemoveRows();
}

int RecentRequestsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant RecentRequestsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TestExchange &e = m_entries.at(index.row());
    const QString target = e.deployment.isEmpty() ? tr("endpoint") : e.deployment;
    const QString status = e.result.httpStatus == 0 ? tr("failed") : QString::number(e.result.httpStatus);
    switch (role) {
    case Qt::DisplayRole: {
        const QString served = e.servedBy();
        return tr("%1  %2 → %3  %4  %5 ms")
            .arg(e.time.toString(QStringLiteral("HH:mm:ss")), target, served.isEmpty() ? tr("—") : served, status)
            .arg(e.result.latencyMs, 0, 'f', 0);
    }
    case Qt::ToolTipRole: {
        const QString body = QString::fromUtf8(e.requestBody.left(300));
        return e.result.error ? tr("%1\n\n%2").arg(body, e.result.error->message) : body;
    }
    case StatusRole:
        return e.result.httpStatus;
    case DeploymentRole:
        return e.deployment;
    case ServedByRole:
        return e.servedBy();
    case LatencyRole:
        return e.result.latencyMs;
    default:
        return {};
    }
}

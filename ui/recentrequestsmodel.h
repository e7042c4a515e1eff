#pragma once

// The Test panel's recent requests, newest first (at most 50): what was sent where and
// what came back, so a click shows an exchange again.

#include "apireply.h"

#include <QAbstractListModel>
#include <QDateTime>

struct TestExchange
{
    QDateTime time;
    QString endpoint;
    QString deployment; // the target; empty: the endpoint's traffic rules chose
    QByteArray requestBody;
    ApiResult result;

    QString servedBy() const { return QString::fromUtf8(result.header("azureml-model-deployment")); }
};

Q_DECLARE_METATYPE(TestExchange)

class RecentRequestsModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentRequestsModel)
public:
    static constexpr int MaxEntries = 50;
    enum Role { StatusRole = Qt::UserRole, DeploymentRole, ServedByRole, LatencyRole };

    explicit RecentRequestsModel(QObject *parent = nullptr);

    void add(const TestExchange &exchange); // at the top
    const TestExchange &exchange(int row) const { return m_entries.at(row); }
    void clear();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QList<TestExchange> m_entries;
};

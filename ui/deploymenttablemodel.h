#pragma once

// One endpoint's deployments as a table (Overview tab): what each runs and how it is sized.
// Follows the store row by row, like the tree.

#include "workspacestore.h"

#include <QAbstractTableModel>
#include <QPointer>

class DeploymentTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeploymentTableModel)
public:
    enum Column {
        NameColumn,
        StateColumn,
        TrafficColumn,
        ModelColumn,
        CodeColumn,
        EnvironmentColumn,
        InstanceTypeColumn,
        InstancesColumn,
        RequestSettingsColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit DeploymentTableModel(WorkspaceStore *store, QObject *parent = nullptr);

    void setEndpoint(const QString &endpoint);
    QString deploymentAt(int row) const;

    static QString modelText(const ModelRef &model);
    static QString codeText(const std::optional<CodeConfiguration> &code);
    static QString environmentText(const EnvironmentRef &environment);
    static QString requestSettingsText(const RequestSettings &settings);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QPointer<WorkspaceStore> m_store;
    QString m_endpoint;
    QList<DeploymentSnapshot> m_rows; // as announced, ordered by name
    TrafficMap m_traffic;
    TrafficMap m_mirror;
};

#pragma once

// The tree of endpoints and their deployments. It fills from the store's snapshot, then
// applies the store's row-level signals one by one (insert, remove, dataChanged), never a
// reset, so a view's selection and expansion survive every refresh.

#include "workspacestore.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QIcon>
#include <QPointer>

#include <memory>
#include <vector>

class EndpointTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointTreeModel)
public:
    enum Column { NameColumn, StateColumn, TrafficColumn, MirrorColumn, InstancesColumn, ColumnCount };
    enum Role {
        KindRole = Qt::UserRole, // Kind
        EndpointNameRole,
        DeploymentNameRole, // empty on endpoint rows
        ProvisioningStateRole, // as the server says it
        TrafficRole, // int: the deployment's live traffic %
        MirrorRole, // int: the deployment's mirror traffic %
        InstancesRole, // int: a deployment's, or the sum of an endpoint's deployments
        PendingRole, // the text of an operation in progress, when the app started one
    };
    enum class Kind { Endpoint, Deployment };
    Q_ENUM(Column)
    Q_ENUM(Kind)

    explicit EndpointTreeModel(WorkspaceStore *store, QObject *parent = nullptr);
    ~EndpointTreeModel() override;

    QModelIndex indexOf(const QString &endpoint, const QString &deployment = QString(),
                        int column = NameColumn) const;

    // Progress of an operation the user started, shown in the State column ("Scaling…")
    // until cleared, so the row shows it at once rather than at the next refresh.
    void setPending(const QString &endpoint, const QString &deployment, const QString &text);
    void clearPending(const QString &endpoint, const QString &deployment);

    // Re-announces colours and icons after the application palette changed.
    void paletteChanged();

    static QString stateText(const QString &provisioningState);

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    struct Node;

    void onEndpointAdded(const QString &endpoint, int row);
    void onEndpointChanged(const QString &endpoint);
    void onEndpointRemoved(const QString &endpoint, int row);
    void onDeploymentAdded(const QString &endpoint, const QString &deployment, int row);
    void onDeploymentChanged(const QString &endpoint, const QString &deployment);
    void onDeploymentRemoved(const QString &endpoint, const QString &deployment, int row);

    Node *endpointNode(const QString &endpoint) const;
    Node *deploymentNode(const QString &endpoint, const QString &deployment) const;
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(const Node *node, int column) const;
    int rowOf(const Node *node) const;
    void rowChanged(const Node *node, int firstColumn = NameColumn, int lastColumn = ColumnCount - 1);
    QVariant displayData(const Node *node, int column) const;
    QIcon cachedStateIcon(const QString &state) const;
    QString pendingOf(const Node *node) const;

    QPointer<WorkspaceStore> m_store;
    std::unique_ptr<Node> m_root;
    mutable QHash<QString, QIcon> m_iconCache;
    QHash<QString, QString> m_pending; // "endpoint/deployment" -> text; kept for rows still to come
};

#include "endpointtreemodel.h"

#include "style/theme.h"

#include <QFont>
#include <QGuiApplication>
#include <QJsonArray>

struct EndpointTreeModel::Node
{
    Kind kind = Kind::Endpoint;
    QString name;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;
    // A copy of what the store said when this row was last announced: the view may ask
    // for data between the store's change and its signal, and gets a consistent row.
    Endpoint endpoint;
    Deployment deployment;
    QJsonObject json;
};

namespace {

QString pendingKey(const QString &endpoint, const QString &deployment)
{
    return endpoint + QLatin1Char('/') + deployment;
}

QString percent(int value)
{
    return EndpointTreeModel::tr("%1 %").arg(value);
}

} // namespace

EndpointTreeModel::EndpointTreeModel(WorkspaceStore *store, QObject *parent)
    : QAbstractItemModel(parent), m_store(store), m_root(std::make_unique<Node>())
{
    // The snapshot first, then the store's signals keep the rows in step.
    const QList<EndpointSnapshot> endpoints = store->endpoints();
    for (const EndpointSnapshot &e : endpoints) {
        auto node = std::make_unique<Node>();
        node->kind = Kind::Endpoint;
        node->name = e.endpoint.name;
        node->parent = m_root.get();
        node->endpoint = e.endpoint;
        node->json = e.json;
        for (const DeploymentSnapshot &d : e.deployments) {
            auto child = std::make_unique<Node>();
            child->kind = Kind::Deployment;
            child->name = d.deployment.name;
            child->parent = node.get();
            child->deployment = d.deployment;
            child->json = d.json;
            node->children.push_back(std::move(child));
        }
        m_root->children.push_back(std::move(node));
    }
    connect(store, &WorkspaceStore::endpointAdded, this, &EndpointTreeModel::onEndpointAdded);
    connect(store, &WorkspaceStore::endpointChanged, this, &EndpointTreeModel::onEndpointChanged);
    connect(store, &WorkspaceStore::endpointRemoved, this, &EndpointTreeModel::onEndpointRemoved);
    connect(store, &WorkspaceStore::deploymentAdded, this, &EndpointTreeModel::onDeploymentAdded);
    connect(store, &WorkspaceStore::deploymentChanged, this, &EndpointTreeModel::onDeploymentChanged);
    connect(store, &WorkspaceStore::deploymentRemoved, this, &EndpointTreeModel::onDeploymentRemoved);
}

EndpointTreeModel::~EndpointTreeModel() = default;

QString EndpointTreeModel::stateText(const QString &provisioningState)
{
    // The resting states as the server says them; the moving ones with an ellipsis.
    if (provisioningState == QLatin1String("Creating"))
        return tr("Creating…");
    if (provisioningState == QLatin1String("Updating"))
        return tr("Updating…");
    if (provisioningState == QLatin1String("Scaling"))
        return tr("Scaling…");
    if (provisioningState == QLatin1String("Deleting"))
        return tr("Deleting…");
    if (provisioningState == QLatin1String("Succeeded"))
        return tr("Succeeded");
    if (provisioningState == QLatin1String("Failed"))
        return tr("Failed");
    if (provisioningState == QLatin1String("Canceled"))
        return tr("Canceled");
    return provisioningState;
}

// --- store signals -------------------------------------------------------------------

void EndpointTreeModel::onEndpointAdded(const QString &endpoint, int row)
{
    const EndpointSnapshot *e = m_store->endpoint(endpoint);
    Q_ASSERT(e && row >= 0 && row <= int(m_root->children.size()));
    auto node = std::make_unique<Node>();
    node->kind = Kind::Endpoint;
    node->name = endpoint;
    node->parent = m_root.get();
    node->endpoint = e->endpoint;
    node->json = e->json;
    beginInsertRows(QModelIndex(), row, row);
    m_root->children.insert(m_root->children.begin() + row, std::move(node));
    endInsertRows();
}

void EndpointTreeModel::onEndpointChanged(const QString &endpoint)
{
    Node *node = endpointNode(endpoint);
    const EndpointSnapshot *e = m_store->endpoint(endpoint);
    if (!node || !e)
        return;
    node->endpoint = e->endpoint;
    node->json = e->json;
    rowChanged(node);
    // Traffic and mirror shares live on the endpoint but show on its deployments' rows.
    if (!node->children.empty()) {
        emit dataChanged(index(0, TrafficColumn, indexOfNode(node, 0)),
                         index(int(node->children.size()) - 1, MirrorColumn, indexOfNode(node, 0)));
    }
}

void EndpointTreeModel::onEndpointRemoved(const QString &endpoint, int row)
{
    Q_ASSERT(row >= 0 && row < int(m_root->children.size()) && m_root->children[size_t(row)]->name == endpoint);
    Q_UNUSED(endpoint)
    beginRemoveRows(QModelIndex(), row, row);
    m_root->children.erase(m_root->children.begin() + row);
    endRemoveRows();
}

void EndpointTreeModel::onDeploymentAdded(const QString &endpoint, const QString &deployment, int row)
{
    Node *parentNode = endpointNode(endpoint);
    const DeploymentSnapshot *d = m_store->deployment(endpoint, deployment);
    if (!parentNode || !d)
        return;
    Q_ASSERT(row >= 0 && row <= int(parentNode->children.size()));
    auto node = std::make_unique<Node>();
    node->kind = Kind::Deployment;
    node->name = deployment;
    node->parent = parentNode;
    node->deployment = d->deployment;
    node->json = d->json;
    beginInsertRows(indexOfNode(parentNode, 0), row, row);
    parentNode->children.insert(parentNode->children.begin() + row, std::move(node));
    endInsertRows();
    rowChanged(parentNode, InstancesColumn, InstancesColumn);
}

void EndpointTreeModel::onDeploymentChanged(const QString &endpoint, const QString &deployment)
{
    Node *node = deploymentNode(endpoint, deployment);
    const DeploymentSnapshot *d = m_store->deployment(endpoint, deployment);
    if (!node || !d)
        return;
    node->deployment = d->deployment;
    node->json = d->json;
    rowChanged(node);
    rowChanged(node->parent, InstancesColumn, InstancesColumn);
}

void EndpointTreeModel::onDeploymentRemoved(const QString &endpoint, const QString &deployment, int row)
{
    Node *parentNode = endpointNode(endpoint);
    if (!parentNode)
        return;
    Q_ASSERT(row >= 0 && row < int(parentNode->children.size())
             && parentNode->children[size_t(row)]->name == deployment);
    Q_UNUSED(deployment)
    beginRemoveRows(indexOfNode(parentNode, 0), row, row);
    parentNode->children.erase(parentNode->children.begin() + row);
    endRemoveRows();
    rowChanged(parentNode, InstancesColumn, InstancesColumn);
}

// --- pending operations and palette -------------------------------------------------------

void EndpointTreeModel::setPending(const QString &endpoint, const QString &deployment, const QString &text)
{
    const QString key = pendingKey(endpoint, deployment);
    if (m_pending.value(key) == text)
        return;
    if (text.isEmpty())
        m_pending.remove(key);
    else
        m_pending.insert(key, text);
    rowChanged(deployment.isEmpty() ? endpointNode(endpoint) : deploymentNode(endpoint, deployment),
               StateColumn, StateColumn);
}

QString EndpointTreeModel::pendingOf(const Node *node) const
{
    if (m_pending.isEmpty())
        return QString();
    return node->kind == Kind::Endpoint ? m_pending.value(pendingKey(node->name, QString()))
                                        : m_pending.value(pendingKey(node->parent->name, node->name));
}

void EndpointTreeModel::clearPending(const QString &endpoint, const QString &deployment)
{
    setPending(endpoint, deployment, QString());
}

void EndpointTreeModel::paletteChanged()
{
    m_iconCache.clear();
    for (const auto &e : m_root->children) {
        rowChanged(e.get());
        if (!e->children.empty()) {
            emit dataChanged(index(0, 0, indexOfNode(e.get(), 0)),
                             index(int(e->children.size()) - 1, ColumnCount - 1, indexOfNode(e.get(), 0)));
        }
    }
}

// --- lookups -----------------------------------------------------------------------------

EndpointTreeModel::Node *EndpointTreeModel::endpointNode(const QString &endpoint) const
{
    for (const auto &node : m_root->children) {
        if (node->name == endpoint)
            return node.get();
    }
    return nullptr;
}

EndpointTreeModel::Node *EndpointTreeModel::deploymentNode(const QString &endpoint,
                                                           const QString &deployment) const
{
    Node *parentNode = endpointNode(endpoint);
    if (!parentNode)
        return nullptr;
    for (const auto &node : parentNode->children) {
        if (node->name == deployment)
            return node.get();
    }
    return nullptr;
}

EndpointTreeModel::Node *EndpointTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

int EndpointTreeModel::rowOf(const Node *node) const
{
    const auto &siblings = node->parent->children;
    for (size_t i = 0; i < siblings.size(); ++i) {
        if (siblings[i].get() == node)
            return int(i);
    }
    return -1;
}

QModelIndex EndpointTreeModel::indexOfNode(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return QModelIndex();
    return createIndex(rowOf(node), column, const_cast<Node *>(node));
}

QModelIndex EndpointTreeModel::indexOf(const QString &endpoint, const QString &deployment, int column) const
{
    const Node *node = deployment.isEmpty() ? endpointNode(endpoint) : deploymentNode(endpoint, deployment);
    return indexOfNode(node, column);
}

void EndpointTreeModel::rowChanged(const Node *node, int firstColumn, int lastColumn)
{
    if (!node || node == m_root.get())
        return;
    emit dataChanged(indexOfNode(node, firstColumn), indexOfNode(node, lastColumn));
}

// --- QAbstractItemModel ----------------------------------------------------------------

QModelIndex EndpointTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return QModelIndex();
    if (parent.isValid() && parent.column() != 0)
        return QModelIndex();
    const Node *parentNode = nodeOf(parent);
    if (row >= int(parentNode->children.size()))
        return QModelIndex();
    return createIndex(row, column, parentNode->children[size_t(row)].get());
}

QModelIndex EndpointTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return QModelIndex();
    return indexOfNode(nodeOf(child)->parent, 0);
}

int EndpointTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int EndpointTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags EndpointTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (nodeOf(index)->kind == Kind::Deployment)
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QVariant EndpointTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QVariant();
    if (role == Qt::TextAlignmentRole && section != NameColumn && section != StateColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return QVariant();
    switch (Column(section)) {
    case NameColumn:
        return tr("Name");
    case StateColumn:
        return tr("State");
    case TrafficColumn:
        return tr("Traffic");
    case MirrorColumn:
        return tr("Mirror");
    case InstancesColumn:
        return tr("Instances");
    case ColumnCount:
        break;
    }
    return QVariant();
}

QVariant EndpointTreeModel::displayData(const Node *node, int column) const
{
    const bool isEndpoint = node->kind == Kind::Endpoint;
    switch (Column(column)) {
    case NameColumn:
        return node->name;
    case StateColumn:
    {
        const QString pending = pendingOf(node);
        return pending.isEmpty()
            ? stateText(isEndpoint ? node->endpoint.provisioningState : node->deployment.provisioningState)
            : pending;
    }
    case TrafficColumn:
        return isEndpoint ? QVariant() : QVariant(percent(data(indexOfNode(node, 0), TrafficRole).toInt()));
    case MirrorColumn: {
        if (isEndpoint)
            return QVariant();
        const int mirror = data(indexOfNode(node, 0), MirrorRole).toInt();
        return mirror > 0 ? QVariant(percent(mirror)) : QVariant();
    }
    case InstancesColumn:
        return data(indexOfNode(node, 0), InstancesRole);
    case ColumnCount:
        break;
    }
    return QVariant();
}

QIcon EndpointTreeModel::cachedStateIcon(const QString &state) const
{
    auto it = m_iconCache.constFind(state);
    if (it == m_iconCache.cend())
        it = m_iconCache.insert(state, Theme::stateIcon(state, QGuiApplication::palette()));
    return it.value();
}

QVariant EndpointTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return QVariant();
    const Node *node = nodeOf(index);
    const bool isEndpoint = node->kind == Kind::Endpoint;
    const Endpoint &endpoint = isEndpoint ? node->endpoint : node->parent->endpoint;
    const QString state = isEndpoint ? node->endpoint.provisioningState : node->deployment.provisioningState;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(node, index.column());
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return cachedStateIcon(pendingOf(node).isEmpty() ? state : QStringLiteral("Updating"));
        if (index.column() == NameColumn) {
            const QString key = isEndpoint ? QStringLiteral("#endpoint")
                                           : QStringLiteral("#deployment:%1:%2").arg(node->name).arg(rowOf(node));
            auto it = m_iconCache.constFind(key);
            if (it == m_iconCache.cend()) {
                const QPalette palette = QGuiApplication::palette();
                it = m_iconCache.insert(key, isEndpoint ? Theme::icon(Theme::Icon::Endpoint, palette)
                                                        : Theme::colorDot(Theme::deploymentColor(node->name, rowOf(node), palette)));
            }
            return it.value();
        }
        return QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() >= TrafficColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant();
    case Qt::FontRole:
        if (isEndpoint && index.column() == NameColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return QVariant();
    case Qt::ForegroundRole:
        if (index.column() == StateColumn && pendingOf(node).isEmpty()
            && Theme::stateKind(state) == Theme::State::Failed)
            return Theme::errorColor(QGuiApplication::palette());
        return QVariant();
    case Qt::ToolTipRole: {
        if (isEndpoint && index.column() == NameColumn && !endpoint.scoringUri.isEmpty())
            return tr("%1\nScoring URI: %2").arg(node->name, endpoint.scoringUri);
        const QJsonObject properties = node->json.value(QStringLiteral("properties")).toObject();
        QStringList lines;
        const QString error = properties.value(QStringLiteral("localError")).toString();
        if (!error.isEmpty())
            lines << error;
        for (const QJsonValue &w : properties.value(QStringLiteral("localWarnings")).toArray())
            lines << tr("Warning: %1").arg(w.toString());
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
    }
    case KindRole:
        return QVariant::fromValue(node->kind);
    case EndpointNameRole:
        return isEndpoint ? node->name : node->parent->name;
    case DeploymentNameRole:
        return isEndpoint ? QString() : node->name;
    case ProvisioningStateRole:
        return state;
    case TrafficRole:
        return isEndpoint ? 0 : endpoint.traffic.value_or(TrafficMap()).value(node->name);
    case MirrorRole:
        return isEndpoint ? 0 : endpoint.mirrorTraffic.value_or(TrafficMap()).value(node->name);
    case InstancesRole: {
        if (!isEndpoint)
            return node->deployment.instanceCount;
        int total = 0;
        for (const auto &child : node->children)
            total += child->deployment.instanceCount;
        return total;
    }
    case PendingRole:
        return pendingOf(node);
    default:
        break;
    }
    return QVariant();
}

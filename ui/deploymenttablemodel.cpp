#include "deploymenttablemodel.h"

#include "endpointtreemodel.h"
#include "style/theme.h"

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>

namespace {

QString fullText(const ModelRef &model)
{
    return model.kind == AssetKind::Inline && model.value.isEmpty() ? model.name : model.value;
}

} // namespace

DeploymentTableModel::DeploymentTableModel(WorkspaceStore *store, QObject *parent)
    : QAbstractTableModel(parent), m_store(store)
{
    connect(store, &WorkspaceStore::deploymentAdded, this, [this](const QString &e, const QString &d, int row) {
        if (e != m_endpoint || !m_store->deployment(e, d))
            return;
        beginInsertRows(QModelIndex(), row, row);
        m_rows.insert(row, *m_store->deployment(e, d));
        endInsertRows();
    });
    connect(store, &WorkspaceStore::deploymentRemoved, this, [this](const QString &e, const QString &, int row) {
        if (e != m_endpoint || row >= m_rows.size())
            return;
        beginRemoveRows(QModelIndex(), row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    });
    connect(store, &WorkspaceStore::deploymentChanged, this, [this](const QString &e, const QString &d) {
        if (e != m_endpoint)
            return;
        for (int row = 0; row < m_rows.size(); ++row) {
            if (m_rows.at(row).deployment.name == d && m_store->deployment(e, d)) {
                m_rows[row] = *m_store->deployment(e, d);
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
        }
    });
    connect(store, &WorkspaceStore::endpointChanged, this, [this](const QString &e) {
        const EndpointSnapshot *snapshot = m_store->endpoint(e);
        if (e != m_endpoint || !snapshot)
            return;
        m_traffic = snapshot->endpoint.traffic.value_or(TrafficMap());
        m_mirror = snapshot->endpoint.mirrorTraffic.value_or(TrafficMap());
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, TrafficColumn), index(int(m_rows.size()) - 1, TrafficColumn));
    });
    connect(store, &WorkspaceStore::endpointRemoved, this, [this](const QString &e) {
        if (e == m_endpoint)
            setEndpoint(QString());
    });
}

void DeploymentTableModel::setEndpoint(const QString &endpoint)
{
    beginResetModel();
    m_endpoint = endpoint;
    const EndpointSnapshot *e = m_store ? m_store->endpoint(endpoint) : nullptr;
    m_rows = e ? e->deployments : QList<DeploymentSnapshot>();
    m_traffic = e ? e->endpoint.traffic.value_or(TrafficMap()) : TrafficMap();
    m_mirror = e ? e->endpoint.mirrorTraffic.value_or(TrafficMap()) : TrafficMap();
    endResetModel();
}

QString DeploymentTableModel::deploymentAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).deployment.name : QString();
}

QString DeploymentTableModel::modelText(const ModelRef &model)
{
    switch (model.kind) {
    case AssetKind::None:
        return tr("(none)");
    case AssetKind::LocalPath:
        return QDir::toNativeSeparators(model.value);
    case AssetKind::Inline:
        if (!model.name.isEmpty())
            return model.version.isEmpty() ? model.name : tr("%1 (version %2)").arg(model.name, model.version);
        return QDir::toNativeSeparators(model.value);
    case AssetKind::AssetRef:
    case AssetKind::RegistryRef:
    case AssetKind::ArmId:
        break;
    }
    return model.value;
}

QString DeploymentTableModel::codeText(const std::optional<CodeConfiguration> &code)
{
    if (!code)
        return tr("(none)");
    // The script's own path: elided from the left, its end (folder and script) stays visible.
    if (code->kind == AssetKind::LocalPath)
        return QDir::toNativeSeparators(QDir(code->code).filePath(code->scoringScript));
    return tr("%1 in %2").arg(code->scoringScript, code->code);
}

QString DeploymentTableModel::environmentText(const EnvironmentRef &environment)
{
    if (environment.kind == AssetKind::None)
        return tr("(none)");
    if (!environment.isInline())
        return environment.value;
    // The image by its name (registry in the tooltip), and the conda file by its name.
    const QString image = environment.image.section(QLatin1Char('/'), -1);
    if (!image.isEmpty() && !environment.condaFile.isEmpty())
        return tr("%1 + %2").arg(image, QFileInfo(environment.condaFile).fileName());
    return image.isEmpty() ? QFileInfo(environment.condaFile).fileName() : image;
}

QString DeploymentTableModel::requestSettingsText(const RequestSettings &s)
{
    return tr("timeout %1 ms · %2 concurrent · queue %3 ms")
        .arg(s.requestTimeoutMs)
        .arg(s.maxConcurrentRequestsPerInstance)
        .arg(s.maxQueueWaitMs);
}

int DeploymentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeploymentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeploymentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (Column(section)) {
    case NameColumn:
        return tr("Deployment");
    case StateColumn:
        return tr("State");
    case TrafficColumn:
        return tr("Traffic");
    case ModelColumn:
        return tr("Model");
    case CodeColumn:
        return tr("Code");
    case EnvironmentColumn:
        return tr("Environment");
    case InstanceTypeColumn:
        return tr("Instance type");
    case InstancesColumn:
        return tr("Instances");
    case RequestSettingsColumn:
        return tr("Request settings");
    case ColumnCount:
        break;
    }
    return QVariant();
}

QVariant DeploymentTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return QVariant();
    const Deployment &d = m_rows.at(index.row()).deployment;
    const QPalette palette = QGuiApplication::palette();
    if (role == Qt::DisplayRole) {
        switch (Column(index.column())) {
        case NameColumn:
            return d.name;
        case StateColumn:
            return EndpointTreeModel::stateText(d.provisioningState);
        case TrafficColumn: {
            const int mirror = m_mirror.value(d.name);
            return mirror > 0 ? tr("%1 % (mirror %2 %)").arg(m_traffic.value(d.name)).arg(mirror)
                              : tr("%1 %").arg(m_traffic.value(d.name));
        }
        case ModelColumn:
            return modelText(d.model);
        case CodeColumn:
            return codeText(d.codeConfiguration);
        case EnvironmentColumn:
            return environmentText(d.environment);
        case InstanceTypeColumn:
            return d.instanceType;
        case InstancesColumn:
            return d.instanceCount;
        case RequestSettingsColumn:
            return requestSettingsText(d.requestSettings);
        case ColumnCount:
            break;
        }
    } else if (role == Qt::DecorationRole) {
        if (index.column() == NameColumn)
            return Theme::colorDot(Theme::deploymentColor(d.name, index.row(), palette));
        if (index.column() == StateColumn)
            return Theme::stateIcon(d.provisioningState, palette);
    } else if (role == Qt::ToolTipRole) {
        switch (Column(index.column())) {
        case ModelColumn:
            return fullText(d.model);
        case CodeColumn:
            return d.codeConfiguration ? tr("Scoring script %1 in %2").arg(d.codeConfiguration->scoringScript, d.codeConfiguration->code)
                                       : QString();
        case EnvironmentColumn:
            return d.environment.isInline() ? tr("Image: %1\nConda file: %2").arg(d.environment.image, d.environment.condaFile)
                                            : d.environment.value;
        default:
            return data(index, Qt::DisplayRole);
        }
    } else if (role == Qt::TextAlignmentRole) {
        if (index.column() == TrafficColumn || index.column() == InstancesColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return QVariant();
}

#include "endpointactions.h"

#include "deploymentdialog.h"
#include "endpointdialog.h"
#include "endpointtreemodel.h"
#include "operationtracker.h"
#include "rules.h"
#include "workspaceclient.h"
#include "workspacestore.h"
#include "yamlspec.h"

#include <QInputDialog>

EndpointActions::EndpointActions(WorkspaceStore *store, OperationTracker *tracker, QWidget *window)
    : QObject(window), m_store(store), m_tracker(tracker), m_window(window)
{
    confirm = Dialogs::confirmWith(window);
    refuse = [window](const QString &title, const QString &text, const std::function<void()> &openTraffic) {
        Dialogs::inform(window, QMessageBox::Warning, title, text,
                        openTraffic ? tr("Open Traffic") : QString(), openTraffic);
    };
}

EndpointDialog *EndpointActions::newEndpoint(const QString &yamlFile)
{
    auto *dialog = new EndpointDialog(m_store, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EndpointDialog::fileUsed, this, &EndpointActions::fileUsed);
    connect(dialog, &EndpointDialog::submitted, this, [this](const ApiResult &accepted, const QString &endpoint) {
        const OperationTracker::Operation op{ endpoint, QString(), EndpointTreeModel::stateText(QStringLiteral("Creating")),
                                              tr("Create endpoint '%1'").arg(endpoint),
                                              WorkspaceClient::endpointPath(endpoint) };
        m_tracker->started(op);
        m_tracker->follow(accepted, op);
    });
    if (!yamlFile.isEmpty())
        dialog->loadFile(yamlFile);
    dialog->open();
    return dialog;
}

void EndpointActions::watchDialog(DeploymentDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeploymentDialog::fileUsed, this, &EndpointActions::fileUsed);
    connect(dialog, &DeploymentDialog::submitted, this, &EndpointActions::trackDeployment);
}

DeploymentDialog *EndpointActions::newDeployment(const QString &endpoint, const QString &yamlFile)
{
    auto *dialog = new DeploymentDialog(m_store, endpoint, QString(), m_window);
    watchDialog(dialog);
    // The first deployment of an endpoint usually takes all its traffic, as in the tutorial.
    const EndpointSnapshot *e = m_store ? m_store->endpoint(endpoint) : nullptr;
    dialog->setAllTraffic(e && e->deployments.isEmpty());
    if (!yamlFile.isEmpty())
        dialog->loadFile(yamlFile);
    dialog->open();
    return dialog;
}

DeploymentDialog *EndpointActions::updateDeployment(const QString &endpoint, const QString &deployment)
{
    auto *dialog = new DeploymentDialog(m_store, endpoint, deployment, m_window);
    watchDialog(dialog);
    dialog->open();
    return dialog;
}

void EndpointActions::openYamlFile(const QString &path, const QString &endpoint)
{
    // The loader tells the two kinds of file apart by their keys.
    if (YamlSpec::loadEndpointFile(path))
        newEndpoint(path);
    else
        newDeployment(endpoint, path);
}

void EndpointActions::trackDeployment(const ApiResult &accepted, const QString &endpoint,
                                      const QString &deployment, bool create, bool allTraffic)
{
    const OperationTracker::Operation op{
        endpoint, deployment, EndpointTreeModel::stateText(create ? QStringLiteral("Creating") : QStringLiteral("Updating")),
        create ? tr("Create deployment '%1'").arg(deployment) : tr("Update deployment '%1'").arg(deployment),
        WorkspaceClient::deploymentPath(endpoint, deployment)
    };
    m_tracker->started(op);
    OperationTracker::Then then;
    if (allTraffic) {
        QPointer<WorkspaceStore> store = m_store;
        then = [store, endpoint, deployment](const ApiResult &) -> ApiReply * {
            if (!store)
                return nullptr;
            // --all-traffic: the whole map becomes {new: 100} once it is ready.
            return store->client()->updateTraffic(endpoint, TrafficMap{ { deployment, 100 } }, std::nullopt, true);
        };
    }
    m_tracker->follow(accepted, op, then);
}

void EndpointActions::askScale(const QString &endpoint, const QString &deployment)
{
    const DeploymentSnapshot *d = m_store ? m_store->deployment(endpoint, deployment) : nullptr;
    if (!d)
        return;
    auto *dialog = new QInputDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Scale Deployment"));
    dialog->setInputMode(QInputDialog::IntInput);
    dialog->setIntRange(Rules::MinInstanceCount, Rules::MaxInstanceCount);
    dialog->setIntValue(d->deployment.instanceCount);
    dialog->setLabelText(tr("Instances of deployment '%1' (%2 to %3):")
                             .arg(deployment)
                             .arg(Rules::MinInstanceCount)
                             .arg(Rules::MaxInstanceCount));
    dialog->setOkButtonText(tr("Scale"));
    connect(dialog, &QInputDialog::intValueSelected, this, [this, endpoint, deployment](int count) {
        scale(endpoint, deployment, count);
    });
    dialog->open();
}

void EndpointActions::scale(const QString &endpoint, const QString &deployment, int instances)
{
    if (!m_store)
        return;
    const OperationTracker::Operation op{ endpoint, deployment, EndpointTreeModel::stateText(QStringLiteral("Scaling")),
                                          tr("Scale deployment '%1' to %2 instances").arg(deployment).arg(instances),
                                          WorkspaceClient::deploymentPath(endpoint, deployment) };
    m_tracker->started(op);
    ApiReply *reply = m_store->client()->scaleDeployment(endpoint, deployment, instances, false);
    connect(reply, &ApiReply::finished, this, [this, op](const ApiResult &result) {
        if (!result.ok()) {
            m_tracker->abandoned(op);
            emit actionFailed(op.description, *result.error);
            return;
        }
        m_tracker->follow(result, op);
    });
}

void EndpointActions::deleteEndpoint(const QString &endpoint)
{
    const EndpointSnapshot *e = m_store ? m_store->endpoint(endpoint) : nullptr;
    if (!e)
        return;
    QStringList names;
    for (const DeploymentSnapshot &d : e->deployments)
        names << d.deployment.name;
    const QString text = names.isEmpty()
        ? tr("Delete endpoint '%1'?\n\nIts scoring URI stops answering. This cannot be undone.").arg(endpoint)
        : tr("Delete endpoint '%1' and its deployments %2?\n\nTheir instances stop and the scoring URI stops "
             "answering. This cannot be undone.")
              .arg(endpoint, names.join(QStringLiteral(", ")));
    confirm(tr("Delete Endpoint"), text, tr("Delete"), [this, endpoint]() {
        if (!m_store)
            return;
        const OperationTracker::Operation op{ endpoint, QString(), EndpointTreeModel::stateText(QStringLiteral("Deleting")),
                                              tr("Delete endpoint '%1'").arg(endpoint), QString() };
        m_tracker->started(op);
        ApiReply *reply = m_store->client()->deleteEndpoint(endpoint, false);
        connect(reply, &ApiReply::finished, this, [this, op](const ApiResult &result) {
            if (!result.ok()) {
                m_tracker->abandoned(op);
                emit actionFailed(op.description, *result.error);
                return;
            }
            m_tracker->follow(result, op);
        });
    });
}

void EndpointActions::deleteDeployment(const QString &endpoint, const QString &deployment)
{
    const EndpointSnapshot *e = m_store ? m_store->endpoint(endpoint) : nullptr;
    const DeploymentSnapshot *d = m_store ? m_store->deployment(endpoint, deployment) : nullptr;
    if (!e || !d)
        return;
    // Refused before anything is sent: the same rule the server applies.
    if (Status can = Rules::checkCanDelete(deployment, e->endpoint.traffic.value_or(TrafficMap())); !can) {
        refuse(tr("Deployment '%1' Cannot Be Deleted").arg(deployment), can.error().message,
               [this, endpoint]() { emit trafficRequested(endpoint); });
        return;
    }
    const int mirror = e->endpoint.mirrorTraffic.value_or(TrafficMap()).value(deployment);
    QString text = tr("Delete deployment '%1' of endpoint '%2'?\n\nIts %3 instance(s) stop. This cannot be undone.")
                       .arg(deployment, endpoint)
                       .arg(d->deployment.instanceCount);
    if (mirror > 0)
        text += QLatin1Char('\n') + tr("It receives %1 % mirrored traffic: mirroring stops with it.").arg(mirror);
    confirm(tr("Delete Deployment"), text, tr("Delete"), [this, endpoint, deployment]() {
        if (!m_store)
            return;
        const OperationTracker::Operation op{ endpoint, deployment, EndpointTreeModel::stateText(QStringLiteral("Deleting")),
                                              tr("Delete deployment '%1'").arg(deployment), QString() };
        m_tracker->started(op);
        ApiReply *reply = m_store->client()->deleteDeployment(endpoint, deployment, false);
        connect(reply, &ApiReply::finished, this, [this, op](const ApiResult &result) {
            if (!result.ok()) {
                m_tracker->abandoned(op);
                emit actionFailed(op.description, *result.error);
                return;
            }
            m_tracker->follow(result, op);
        });
    });
}

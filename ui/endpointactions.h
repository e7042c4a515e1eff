#pragma once

// What the user does to endpoints and deployments (create, update, scale, delete), checked
// against the rules before anything is sent, confirmed where it destroys something, and
// handed to the OperationTracker once the server has accepted it. Dialogs open window-modal
// without a nested event loop; refusals show where the user acted.

#include "apireply.h"
#include "dialogs.h"
#include "result.h"

#include <QObject>
#include <QPointer>

#include <functional>

class DeploymentDialog;
class EndpointDialog;
class OperationTracker;
class QWidget;
class WorkspaceStore;

class EndpointActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointActions)
public:
    EndpointActions(WorkspaceStore *store, OperationTracker *tracker, QWidget *window);

    // Seams for tests: asking before something is destroyed, and explaining why something
    // cannot be done (with a way forward that destroys nothing).
    Dialogs::Confirm confirm;
    std::function<void(const QString &title, const QString &text, const std::function<void()> &openTraffic)> refuse;

    EndpointDialog *newEndpoint(const QString &yamlFile = QString());
    DeploymentDialog *newDeployment(const QString &endpoint, const QString &yamlFile = QString());
    DeploymentDialog *updateDeployment(const QString &endpoint, const QString &deployment);
    void openYamlFile(const QString &path, const QString &endpoint); // endpoint or deployment file
    void askScale(const QString &endpoint, const QString &deployment);
    void scale(const QString &endpoint, const QString &deployment, int instances);
    void deleteEndpoint(const QString &endpoint);
    void deleteDeployment(const QString &endpoint, const QString &deployment);

signals:
    void fileUsed(const QString &path);
    void trafficRequested(const QString &endpoint); // "Open Traffic" from a refusal
    void actionFailed(const QString &what, const Error &error); // the server refused at once

private:
    void trackDeployment(const ApiResult &accepted, const QString &endpoint, const QString &deployment,
                         bool create, bool allTraffic);
    void watchDialog(DeploymentDialog *dialog);

    QPointer<WorkspaceStore> m_store;
    QPointer<OperationTracker> m_tracker;
    QPointer<QWidget> m_window;
};

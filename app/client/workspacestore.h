#pragma once

// The app's picture of one workspace: endpoints and their deployments, refreshed from the
// REST contract on a timer (and on demand), so changes made elsewhere (rolloutctl, another
// window) show within the refresh interval. Emits row-level events that item models
// apply one by one, so selection and expansion survive a refresh. No widgets here.

#include "apireply.h"
#include "domain.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QTimer>

class WorkspaceClient;

struct DeploymentSnapshot
{
    Deployment deployment; // provisioningState, instanceCount, ... as the server has it
    QJsonObject json; // the ARM resource as received (local extensions: localError, localWarnings)
};

struct EndpointSnapshot
{
    Endpoint endpoint; // traffic, mirrorTraffic, scoringUri, authMode, provisioningState
    QJsonObject json;
    QList<DeploymentSnapshot> deployments; // ordered by name
};

class WorkspaceStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceStore)
public:
    explicit WorkspaceStore(WorkspaceClient *client, QObject *parent = nullptr);

    WorkspaceClient *client() const { return m_client; }

    void setRefreshInterval(int ms); // default 1000
    void start(); // first refresh now, then on the timer
    void refresh(); // now (coalesced with one in flight)

    QList<EndpointSnapshot> endpoints() const { return m_endpoints; }
    const EndpointSnapshot *endpoint(const QString &name) const;
    const DeploymentSnapshot *deployment(const QString &endpoint, const QString &name) const;
    bool isLoaded() const { return m_loaded; }

signals:
    void endpointAdded(const QString &endpoint, int row);
    void endpointChanged(const QString &endpoint);
    void endpointRemoved(const QString &endpoint, int row);
    void deploymentAdded(const QString &endpoint, const QString &deployment, int row);
    void deploymentChanged(const QString &endpoint, const QString &deployment);
    void deploymentRemoved(const QString &endpoint, const QString &deployment, int row);
    void refreshed(); // after every successful refresh
    void refreshFailed(const Error &error);

private:
    void onListed(const ApiResult &result);
    void apply(const QList<EndpointSnapshot> &fresh);

    WorkspaceClient *m_client;
    QTimer m_timer;
    QList<EndpointSnapshot> m_endpoints;
    bool m_loaded = false;
    bool m_inFlight = false;
    bool m_again = false;
};

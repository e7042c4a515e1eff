#pragma once

// rolloutd's model of the local workspace: the acknowledged state (saved before any answer
// goes out), the rules of DESIGN.md §4 enforced on every change, the per-endpoint change
// queue, long-running operations, and the running gateways and instances.

#include "changequeue.h"
#include "endpointruntime.h"
#include "hoststate.h"
#include "operationregistry.h"

#include <QObject>

class HostWorkspace final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostWorkspace)
public:
    struct Options
    {
        QString stateDir;
        QString harnessPath; // the Python scoring harness
    };

    // A change that was accepted: the operation to poll, and whether it already finished.
    struct Accepted
    {
        QString operationId;
        bool created = false; // a new resource (201) rather than an update
        bool finished = false; // applied at once (traffic, keys)
    };

    explicit HostWorkspace(const Options &options, QObject *parent = nullptr);
    ~HostWorkspace() override;

    // Loads the state, stops instances a crashed host left behind, and starts every
    // gateway and instance again.
    Status open();
    // Stops all instances and saves the state; `done` runs when everything is down.
    void shutdown(std::function<void()> done);

    // Reads: resources with their server-side fields filled in.
    QList<Endpoint> endpoints() const;
    Result<Endpoint> endpoint(const QString &name) const;
    Result<QList<Deployment>> deployments(const QString &endpoint) const;
    Result<Deployment> deployment(const QString &endpoint, const QString &name) const;
    Result<QStringList> deploymentWarnings(const QString &endpoint, const QString &name) const;
    Result<QString> deploymentError(const QString &endpoint, const QString &name) const;
    Result<EndpointKeys> keys(const QString &endpoint) const;
    Result<AccessToken> token(const QString &endpoint) const;
    Result<QString> logs(const QString &endpoint, const QString &deployment, int tail) const;
    Result<QList<TrafficChange>> history(const QString &endpoint) const;
    // The gateway's per-second metrics after `since` (GET .../metrics?since=CURSOR).
    Result<MetricsPage> metrics(const QString &endpoint, qint64 since) const;

    // Changes. Checked against the rules at once: a refused change changes nothing.
    Result<Accepted> putEndpoint(const Endpoint &spec, const QString &client);
    Result<Accepted> deleteEndpoint(const QString &name);
    Result<Accepted> putDeployment(const QString &endpoint, const Deployment &spec);
    Result<Accepted> scaleDeployment(const QString &endpoint, const QString &name, int capacity);
    Result<Accepted> deleteDeployment(const QString &endpoint, const QString &name);
    Result<Accepted> regenerateKey(const QString &endpoint, const QString &keyType,
                                   const QString &keyValue);

    OperationRegistry *operations() const { return m_operations; }
    QString stateDir() const { return m_options.stateDir; }

signals:
    void stateSaved();

private:
    Status save();
    Error notFound(const QString &what) const;
    Result<const EndpointState *> findEndpoint(const QString &name) const;
    Endpoint endpointView(const EndpointState &state) const;
    Deployment deploymentView(const QString &endpoint, const DeploymentState &state) const;
    void recordTrafficChange(EndpointState &state, const TrafficMap &trafficBefore,
                             const TrafficMap &mirrorBefore, const QString &client);
    Status applyEndpointChange(const Endpoint &spec, const QString &client);
    Status checkEndpointChange(const Endpoint &spec) const;

    // Deployments (hostworkspace_deployments.cpp)
    Result<Deployment> prepareDeployment(const QString &endpoint, const Deployment &spec,
                                         const DeploymentState *existing, int generation);
    Status checkDeploymentChange(const QString &endpoint, const Deployment &spec,
                                 const DeploymentState *existing) const;
    DeploymentRunSpec runSpec(const QString &endpoint, const DeploymentState &state) const;
    QString snapshotDir(const QString &endpoint, const QString &deployment, int generation) const;
    QString logDir(const QString &endpoint, const QString &deployment) const;
    void startDeployment(const QString &endpoint, const QString &name, const QString &operationId,
                         ChangeQueue::Done done);
    void watchProvisioning(const QString &endpoint, const QString &name,
                           DeploymentSupervisor *supervisor, const QString &operationId,
                           ChangeQueue::Done done);
    void finishDeploymentDelete(const QString &endpoint, const QString &name,
                                const QString &operationId, ChangeQueue::Done done);
    void finishEndpointDelete(const QString &name, const QString &operationId,
                              ChangeQueue::Done done);
    void republish(const QString &endpoint);
    EndpointRuntime *runtime(const QString &endpoint);

    Options m_options;
    HostState m_state;
    QMap<QString, EndpointRuntime *> m_runtimes;
    ChangeQueue *m_queue;
    OperationRegistry *m_operations;
};

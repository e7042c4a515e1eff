#pragma once

// The running side of one endpoint: its gateway and one supervisor per deployment. The
// host workspace decides; this object starts, stops and publishes routes.

#include "deploymentsupervisor.h"
#include "gateway.h"
#include "hoststate.h"

#include <QMap>
#include <QObject>
#include <QPointer>

#include <functional>

class EndpointRuntime final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointRuntime)
public:
    explicit EndpointRuntime(const QString &endpoint, QObject *parent = nullptr);
    ~EndpointRuntime() override;

    // Starts the gateway on `preferredPort`, or on a new port when that one is taken (then
    // `note` says so). Returns the port in use.
    Result<quint16> startGateway(quint16 preferredPort, QString *note);
    Gateway *gateway() const { return m_gateway; }

    DeploymentSupervisor *supervisor(const QString &deployment) const;
    DeploymentSupervisor *addSupervisor(const QString &deployment, const DeploymentRunSpec &spec);
    // Drains and stops the deployment's instances, then calls `done`.
    void removeSupervisor(const QString &deployment, std::function<void()> done);
    // Stops everything (instances and gateway), then calls `done`.
    void stopAll(std::function<void()> done);

    // Builds the route table from the state and the supervisors' ready instances.
    void publish(const EndpointState &state);

signals:
    void readyPortsChanged(const QString &deployment);

private:
    QString m_endpoint;
    Gateway *m_gateway = nullptr;
    QMap<QString, QPointer<DeploymentSupervisor>> m_supervisors;
};

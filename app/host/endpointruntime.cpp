#include "endpointruntime.h"

#include <QTimer>

#include <memory>

EndpointRuntime::EndpointRuntime(const QString &endpoint, QObject *parent)
    : QObject(parent), m_endpoint(endpoint), m_gateway(new Gateway(this))
{
}

EndpointRuntime::~EndpointRuntime() = default;

Result<quint16> EndpointRuntime::startGateway(quint16 preferredPort, QString *note)
{
    if (preferredPort != 0) {
        if (Status s = m_gateway->listen(preferredPort); s)
            return m_gateway->port();
        if (note) {
            *note = QStringLiteral("The gateway port %1 of endpoint '%2' is taken by another "
                                   "program; the endpoint now listens on a new port and its "
                                   "scoring URI changed.")
                        .arg(preferredPort)
                        .arg(m_endpoint);
        }
    }
    if (Status s = m_gateway->listen(0); !s)
        return s.error();
    return m_gateway->port();
}

DeploymentSupervisor *EndpointRuntime::supervisor(const QString &deployment) const
{
    return m_supervisors.value(deployment);
}

DeploymentSupervisor *EndpointRuntime::addSupervisor(const QString &deployment,
                                                     const DeploymentRunSpec &spec)
{
    auto *supervisor = new DeploymentSupervisor(spec, this);
    QPointer<Gateway> gateway(m_gateway);
    // Instances leave the route table first, then wait here until their requests finish.
    supervisor->setDrainHook([gateway](quint16 port, std::function<void()> drained) {
        if (gateway)
            gateway->whenDrained(port, std::move(drained));
        else
            drained();
    });
    connect(supervisor, &DeploymentSupervisor::readyPortsChanged, this,
            [this, deployment]() { emit readyPortsChanged(deployment); });
    m_supervisors.insert(deployment, supervisor);
    return supervisor;
}

void EndpointRuntime::removeSupervisor(const QString &deployment, std::function<void()> done)
{
    QPointer<DeploymentSupervisor> supervisor = m_supervisors.take(deployment);
    if (!supervisor) {
        done();
        return;
    }
    connect(supervisor, &DeploymentSupervisor::stopped, this, [supervisor, done]() {
        if (supervisor)
            supervisor->deleteLater();
        done();
    });
    supervisor->stop();
}

void EndpointRuntime::stopAll(std::function<void()> done)
{
    m_gateway->close();
    const QStringList names = m_supervisors.keys();
    if (names.isEmpty()) {
        QTimer::singleShot(0, this, done);
        return;
    }
    auto remaining = std::make_shared<int>(int(names.size()));
    for (const QString &name : names) {
        removeSupervisor(name, [remaining, done]() {
            if (--*remaining == 0)
                done();
        });
    }
}

void EndpointRuntime::publish(const EndpointState &state)
{
    auto table = std::make_shared<RouteTable>();
    table->endpoint = m_endpoint;
    table->authMode = state.spec.authMode;
    table->keys = state.keys;
    table->tokenSecret = state.tokenSecret;
    table->traffic = state.traffic;
    table->mirror = state.mirror;
    for (auto it = state.deployments.cbegin(); it != state.deployments.cend(); ++it) {
        DeploymentRoute route;
        route.name = it.key();
        route.requestSettings = it->spec.requestSettings;
        route.instanceCount = it->spec.instanceCount;
        const auto &config = it->spec.environment.inferenceConfig;
        if (config && !config->scoringRoute.path.isEmpty())
            route.scorePath = config->scoringRoute.path;
        if (const DeploymentSupervisor *supervisor = m_supervisors.value(it.key()))
            route.readyPorts = supervisor->readyPorts();
        table->deployments.insert(it.key(), route);
    }
    m_gateway->setRouteTable(table);
}

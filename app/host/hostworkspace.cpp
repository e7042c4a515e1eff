#include "hostworkspace.h"

#include "hostinfo.h"
#include "processutil.h"
#include "rules.h"
#include "secrets.h"
#include "snapshot.h"

#include <QDateTime>
#include <QDebug>
#include <QDir>
#include <QTimer>

#include <memory>

namespace {

QString nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

constexpr int MaxHistory = 500;

} // namespace

HostWorkspace::HostWorkspace(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_queue(new ChangeQueue(this))
    , m_operations(new OperationRegistry(this))
{
}

HostWorkspace::~HostWorkspace() = default;

Status HostWorkspace::save()
{
    Status s = StateStore::save(m_state, m_options.stateDir + QStringLiteral("/state.json"));
    if (s)
        emit stateSaved();
    return s;
}

Status HostWorkspace::open()
{
    if (!QDir().mkpath(m_options.stateDir)) {
        return Error{ QStringLiteral("StateDirUnusable"),
                      QStringLiteral("Cannot create the state folder %1.").arg(m_options.stateDir),
                      m_options.stateDir, 0, 0 };
    }
    Result<HostState> loaded = StateStore::load(m_options.stateDir + QStringLiteral("/state.json"));
    if (!loaded)
        return loaded.error();
    m_state = loaded.value();

    // Instances of a host that was killed are still running: find them by pid, start time
    // and process group, and stop them before starting new ones.
    QList<InstanceRecord> recorded;
    for (const EndpointState &e : std::as_const(m_state.endpoints)) {
        for (const DeploymentState &d : e.deployments)
            recorded += d.instances;
    }
    if (const int stopped = ProcessUtil::stopStaleInstances(recorded); stopped > 0)
        qInfo().noquote() << QStringLiteral("Stopped %1 instance(s) left running by a previous "
                                            "rolloutd")
                                 .arg(stopped);

    const QStringList names = m_state.endpoints.keys();
    for (const QString &name : names) {
        EndpointState &e = m_state.endpoints[name];
        if (e.provisioningState == QLatin1String("Deleting")) {
            const QString op = m_operations->start(QStringLiteral("delete endpoint ") + name);
            m_queue->enqueue(name, [this, name, op](ChangeQueue::Done done) {
                finishEndpointDelete(name, op, done);
            });
            continue;
        }
        QString note;
        Result<quint16> port = runtime(name)->startGateway(e.gatewayPort, &note);
        if (!port) {
            e.provisioningState = QStringLiteral("Failed");
            continue;
        }
        if (port.value() != e.gatewayPort)
            qWarning().noquote() << note;
        e.gatewayPort = port.value();
        e.provisioningState = QStringLiteral("Succeeded");
        // By name, not by iterator: a delete enqueued on an idle queue finishes at once and
        // removes its deployment from the map.
        const QStringList deploymentNames = e.deployments.keys();
        for (const QString &deployment : deploymentNames) {
            const auto it = e.deployments.find(deployment);
            if (it == e.deployments.end())
                continue;
            it->instances.clear();
            if (it->provisioningState == QLatin1String("Deleting")) {
                const QString op = m_operations->start(QStringLiteral("delete deployment ") + deployment);
                m_queue->enqueue(name, [this, name, deployment, op](ChangeQueue::Done done) {
                    finishDeploymentDelete(name, deployment, op, done);
                });
                continue;
            }
            if (it->provisioningState == QLatin1String("Failed"))
                continue; // stays failed until updated or deleted, as it was
            // Its instances start again: not Succeeded until every one passed readiness.
            it->provisioningState = QStringLiteral("Updating");
            const QString op = m_operations->start(QStringLiteral("restart deployment ") + deployment);
            m_queue->enqueue(name, [this, name, deployment, op](ChangeQueue::Done done) {
                startDeployment(name, deployment, op, done);
            });
        }
        republish(name);
    }
    return save();
}

void HostWorkspace::shutdown(std::function<void()> done)
{
    (void)save();
    if (m_runtimes.isEmpty()) {
        QTimer::singleShot(0, this, done);
        return;
    }
    auto remaining = std::make_shared<int>(int(m_runtimes.size()));
    for (EndpointRuntime *runtime : std::as_const(m_runtimes)) {
        runtime->stopAll([remaining, done]() {
            if (--*remaining == 0)
                done();
        });
    }
}

EndpointRuntime *HostWorkspace::runtime(const QString &endpoint)
{
    EndpointRuntime *rt = m_runtimes.value(endpoint);
    if (!rt) {
        rt = new EndpointRuntime(endpoint, this);
        connect(rt, &EndpointRuntime::readyPortsChanged, this,
                [this, endpoint]() { republish(endpoint); });
        m_runtimes.insert(endpoint, rt);
    }
    return rt;
}

void HostWorkspace::republish(const QString &endpoint)
{
    auto it = m_state.endpoints.constFind(endpoint);
    EndpointRuntime *rt = m_runtimes.value(endpoint);
    if (it != m_state.endpoints.constEnd() && rt)
        rt->publish(*it);
}

Error HostWorkspace::notFound(const QString &what) const
{
    return Error{ QStringLiteral("ResourceNotFound"), what, QString(), 0, 0 };
}

Result<const EndpointState *> HostWorkspace::findEndpoint(const QString &name) const
{
    auto it = m_state.endpoints.constFind(name);
    if (it == m_state.endpoints.constEnd()) {
        return notFound(QStringLiteral("Endpoint '%1' was not found in the local workspace. "
                                       "List the endpoints to see the names, or create it first.")
                            .arg(name));
    }
    return &it.value();
}

Endpoint HostWorkspace::endpointView(const EndpointState &state) const
{
    Endpoint e = state.spec;
    e.id = LocalWorkspace::workspacePath() + QStringLiteral("/onlineEndpoints/") + e.name;
    e.location = QStringLiteral("local");
    e.kind = QStringLiteral("Managed");
    e.traffic = state.traffic;
    e.mirrorTraffic = state.mirror;
    e.provisioningState = state.provisioningState;
    e.scoringUri = QStringLiteral("http://127.0.0.1:%1/score").arg(state.gatewayPort);
    e.swaggerUri = QStringLiteral("http://127.0.0.1:%1/swagger.json").arg(state.gatewayPort);
    return e;
}

Deployment HostWorkspace::deploymentView(const QString &endpoint, const DeploymentState &state) const
{
    Deployment d = state.spec;
    d.endpointName = endpoint;
    d.id = LocalWorkspace::workspacePath() + QStringLiteral("/onlineEndpoints/") + endpoint
        + QStringLiteral("/deployments/") + d.name;
    d.provisioningState = state.provisioningState;
    return d;
}

QList<Endpoint> HostWorkspace::endpoints() const
{
    QList<Endpoint> list;
    for (const EndpointState &e : m_state.endpoints)
        list << endpointView(e);
    return list;
}

Result<Endpoint> HostWorkspace::endpoint(const QString &name) const
{
    auto found = findEndpoint(name);
    if (!found)
        return found.error();
    return endpointView(*found.value());
}

Result<QList<Deployment>> HostWorkspace::deployments(const QString &endpoint) const
{
    auto found = findEndpoint(endpoint);
    if (!found)
        return found.error();
    QList<Deployment> list;
    for (const DeploymentState &d : found.value()->deployments)
        list << deploymentView(endpoint, d);
    return list;
}

Result<Deployment> HostWorkspace::deployment(const QString &endpoint, const QString &name) const
{
    auto found = findEndpoint(endpoint);
    if (!found)
        return found.error();
    auto it = found.value()->deployments.constFind(name);
    if (it == found.value()->deployments.constEnd()) {
        return notFound(QStringLiteral("Deployment '%1' was not found in endpoint '%2'. Existing "
                                       "deployments: %3.")
                            .arg(name, endpoint,
                                 found.value()->deployments.isEmpty()
                                     ? QStringLiteral("(none)")
                                     : found.value()->deployments.keys().join(QStringLiteral(", "))));
    }
    return deploymentView(endpoint, *it);
}

Result<QStringList> HostWorkspace::deploymentWarnings(const QString &endpoint, const QString &name) const
{
    auto d = deployment(endpoint, name);
    if (!d)
        return d.error();
    return m_state.endpoints[endpoint].deployments[name].warnings;
}

Result<QString> HostWorkspace::deploymentError(const QString &endpoint, const QString &name) const
{
    auto d = deployment(endpoint, name);
    if (!d)
        return d.error();
    return m_state.endpoints[endpoint].deployments[name].error;
}

Result<EndpointKeys> HostWorkspace::keys(const QString &endpoint) const
{
    auto found = findEndpoint(endpoint);
    if (!found)
        return found.error();
    if (found.value()->spec.authMode != AuthMode::Key) {
        return Error::validation(QStringLiteral("auth_mode"),
                                 QStringLiteral("Endpoint '%1' uses auth mode %2, which has no "
                                                "keys; get a token instead.")
                                     .arg(endpoint, authModeYamlName(found.value()->spec.authMode)));
    }
    return found.value()->keys;
}

Result<AccessToken> HostWorkspace::token(const QString &endpoint) const
{
    auto found = findEndpoint(endpoint);
    if (!found)
        return found.error();
    if (found.value()->spec.authMode != AuthMode::AmlToken) {
        return Error::validation(QStringLiteral("auth_mode"),
                                 QStringLiteral("Endpoint '%1' uses auth mode %2; tokens are for "
                                                "aml_token endpoints. Use its keys instead.")
                                     .arg(endpoint, authModeYamlName(found.value()->spec.authMode)));
    }
    return Secrets::issueToken(endpoint, found.value()->tokenSecret,
                               QDateTime::currentSecsSinceEpoch());
}

Result<QString> HostWorkspace::logs(const QString &endpoint, const QString &name, int tail) const
{
    auto d = deployment(endpoint, name);
    if (!d)
        return d.error();
    EndpointRuntime *rt = m_runtimes.value(endpoint);
    DeploymentSupervisor *supervisor = rt ? rt->supervisor(name) : nullptr;
    QString text = supervisor ? supervisor->logTail(tail) : QString();
    const DeploymentState &state = m_state.endpoints[endpoint].deployments[name];
    if (text.isEmpty() && !state.error.isEmpty())
        text = state.error;
    return text;
}

Result<QList<TrafficChange>> HostWorkspace::history(const QString &endpoint) const
{
    auto found = findEndpoint(endpoint);
    if (!found)
        return found.error();
    return found.value()->history;
}

Result<MetricsPage> HostWorkspace::metrics(const QString &endpoint, qint64 since) const
{
    auto found = findEndpoint(endpoint);
    if (!found)
        return found.error();
    const EndpointRuntime *rt = m_runtimes.value(endpoint);
    if (!rt)
        return MetricsPage{ since, {} };
    return rt->gateway()->metrics(since);
}

void HostWorkspace::recordTrafficChange(EndpointState &state, const TrafficMap &trafficBefore,
                                        const TrafficMap &mirrorBefore, const QString &client)
{
    if (trafficBefore == state.traffic && mirrorBefore == state.mirror)
        return;
    TrafficChange change;
    change.time = nowIso();
    change.client = client.isEmpty() ? QStringLiteral("unknown") : client;
    change.trafficBefore = trafficBefore;
    change.trafficAfter = state.traffic;
    change.mirrorBefore = mirrorBefore;
    change.mirrorAfter = state.mirror;
    state.history.prepend(change);
    while (state.history.size() > MaxHistory)
        state.history.removeLast();
}

Status HostWorkspace::checkEndpointChange(const Endpoint &spec) const
{
    if (spec.authMode == AuthMode::AadToken) {
        return Error::validation(QStringLiteral("auth_mode"),
                                 QStringLiteral("auth_mode aad_token needs Microsoft Entra ID, which "
                                                "the local workspace does not have. Use key or "
                                                "aml_token locally, or create the endpoint in an "
                                                "Azure ML workspace."));
    }
    if (!spec.compute.isEmpty()) {
        return Error::validation(QStringLiteral("compute"),
                                 QStringLiteral("compute is for Kubernetes endpoints; managed "
                                                "online endpoints run on their own instances. "
                                                "Remove the compute field."));
    }
    auto it = m_state.endpoints.constFind(spec.name);
    if (it == m_state.endpoints.constEnd()) {
        if (Status s = Rules::checkName(Rules::NameKind::Endpoint, spec.name); !s)
            return s;
        return Rules::checkEndpointTraffic(spec.traffic.value_or(TrafficMap()),
                                           spec.mirrorTraffic.value_or(TrafficMap()), {});
    }
    if (it->provisioningState == QLatin1String("Deleting")) {
        return Error{ QStringLiteral("Conflict"),
                      QStringLiteral("Endpoint '%1' is being deleted; wait until it is gone, then "
                                     "create it again.")
                          .arg(spec.name),
                      QString(), 0, 0 };
    }
    const QStringList deployments = it->deployments.keys();
    const TrafficMap traffic = spec.traffic.value_or(it->traffic);
    const TrafficMap mirror = spec.mirrorTraffic.value_or(it->mirror);
    if (Status s = Rules::checkEndpointTraffic(traffic, mirror, deployments); !s)
        return s;
    for (auto d = it->deployments.cbegin(); d != it->deployments.cend(); ++d) {
        const bool gets = traffic.value(d.key()) > 0 || mirror.value(d.key()) > 0;
        if (gets && d->provisioningState == QLatin1String("Deleting")) {
            return Error::validation(QStringLiteral("traffic.") + d.key(),
                                     QStringLiteral("Deployment '%1' is being deleted and cannot "
                                                    "receive traffic.")
                                         .arg(d.key()));
        }
    }
    return {};
}

Status HostWorkspace::applyEndpointChange(const Endpoint &spec, const QString &client)
{
    if (Status s = checkEndpointChange(spec); !s)
        return s;
    const HostState before = m_state;
    const bool isNew = !m_state.endpoints.contains(spec.name);
    EndpointState &e = m_state.endpoints[spec.name];
    const TrafficMap trafficBefore = e.traffic;
    const TrafficMap mirrorBefore = e.mirror;
    Endpoint stored = spec;
    stored.traffic.reset();
    stored.mirrorTraffic.reset();
    stored.provisioningState.clear();
    e.spec = stored;
    if (spec.traffic)
        e.traffic = Rules::withoutZeros(*spec.traffic);
    if (spec.mirrorTraffic)
        e.mirror = Rules::withoutZeros(*spec.mirrorTraffic);
    if (isNew) {
        e.keys = EndpointKeys{ Secrets::newKey(), Secrets::newKey() };
        e.tokenSecret = Secrets::randomBytes(32);
        e.createdAt = nowIso();
        QString note;
        Result<quint16> port = runtime(spec.name)->startGateway(0, &note);
        if (!port) {
            m_state = before;
            delete m_runtimes.take(spec.name);
            return port.error();
        }
        e.gatewayPort = port.value();
        e.provisioningState = QStringLiteral("Succeeded");
    }
    recordTrafficChange(e, trafficBefore, mirrorBefore, client);
    if (Status s = save(); !s) {
        m_state = before;
        if (isNew)
            delete m_runtimes.take(spec.name);
        return s;
    }
    republish(spec.name);
    return {};
}

Result<HostWorkspace::Accepted> HostWorkspace::putEndpoint(const Endpoint &spec, const QString &client)
{
    if (Status s = checkEndpointChange(spec); !s)
        return s.error();
    Accepted accepted;
    accepted.created = !m_state.endpoints.contains(spec.name);
    accepted.operationId = m_operations->start(QStringLiteral("put endpoint ") + spec.name);
    // Traffic and mirror changes apply at once when nothing else is queued for the endpoint:
    // the next request follows them.
    if (m_queue->isIdle(spec.name)) {
        if (Status s = applyEndpointChange(spec, client); !s) {
            m_operations->fail(accepted.operationId, s.error());
            return s.error();
        }
        m_operations->succeed(accepted.operationId);
        accepted.finished = true;
        return accepted;
    }
    const QString op = accepted.operationId;
    m_queue->enqueue(spec.name, [this, spec, client, op](ChangeQueue::Done done) {
        if (Status s = applyEndpointChange(spec, client); !s)
            m_operations->fail(op, s.error());
        else
            m_operations->succeed(op);
        done();
    });
    return accepted;
}

Result<HostWorkspace::Accepted> HostWorkspace::deleteEndpoint(const QString &name)
{
    auto found = findEndpoint(name);
    if (!found)
        return found.error();
    Accepted accepted;
    accepted.operationId = m_operations->start(QStringLiteral("delete endpoint ") + name);
    const QString op = accepted.operationId;
    m_state.endpoints[name].provisioningState = QStringLiteral("Deleting");
    if (Status s = save(); !s) {
        m_state.endpoints[name].provisioningState = found.value()->provisioningState;
        m_operations->fail(op, s.error());
        return s.error();
    }
    m_queue->enqueue(name, [this, name, op](ChangeQueue::Done done) {
        finishEndpointDelete(name, op, done);
    });
    return accepted;
}

void HostWorkspace::finishEndpointDelete(const QString &name, const QString &operationId,
                                         ChangeQueue::Done done)
{
    auto finish = [this, name, operationId, done]() {
        m_state.endpoints.remove(name);
        if (EndpointRuntime *rt = m_runtimes.take(name))
            rt->deleteLater();
        Snapshot::removeInside(m_options.stateDir, m_options.stateDir + QStringLiteral("/snapshots/") + name);
        Snapshot::removeInside(m_options.stateDir, m_options.stateDir + QStringLiteral("/logs/") + name);
        if (Status s = save(); !s)
            m_operations->fail(operationId, s.error());
        else
            m_operations->succeed(operationId);
        done();
    };
    if (EndpointRuntime *rt = m_runtimes.value(name))
        rt->stopAll(finish);
    else
        finish();
}

Result<HostWorkspace::Accepted> HostWorkspace::regenerateKey(const QString &endpoint,
                                                             const QString &keyType,
                                                             const QString &keyValue)
{
    auto found = findEndpoint(endpoint);
    if (!found)
        return found.error();
    const bool primary = keyType.compare(QLatin1String("Primary"), Qt::CaseInsensitive) == 0;
    const bool secondary = keyType.compare(QLatin1String("Secondary"), Qt::CaseInsensitive) == 0;
    if (!primary && !secondary) {
        return Error::validation(QStringLiteral("keyType"),
                                 QStringLiteral("keyType is '%1'; it must be Primary or Secondary.")
                                     .arg(keyType));
    }
    if (!keyValue.isEmpty() && keyValue.size() < 16) {
        return Error::validation(QStringLiteral("keyValue"),
                                 QStringLiteral("keyValue is too short (%1 characters); give at "
                                                "least 16, or leave it out to get a random key.")
                                     .arg(keyValue.size()));
    }
    EndpointState &e = m_state.endpoints[endpoint];
    const EndpointKeys before = e.keys;
    const QString key = keyValue.isEmpty() ? Secrets::newKey() : keyValue;
    (primary ? e.keys.primaryKey : e.keys.secondaryKey) = key;
    Accepted accepted;
    accepted.operationId = m_operations->start(QStringLiteral("regenerate keys ") + endpoint);
    if (Status s = save(); !s) {
        e.keys = before;
        m_operations->fail(accepted.operationId, s.error());
        return s.error();
    }
    republish(endpoint); // the old key stops working with the next request
    m_operations->succeed(accepted.operationId);
    accepted.finished = true;
    return accepted;
}

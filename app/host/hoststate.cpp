#include "hoststate.h"

#include "armjson.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <cerrno>
#include <cstring>

namespace {

QString g_saveFault;

// The fault a test asked for from outside the process: while the file named by
// $ROLLOUTDESK_STATE_FAULT_FILE exists, saving fails as the errno it names would (ENOSPC,
// EACCES or EROFS; anything else is taken as the message). Empty: no fault.
QString injectedFault()
{
    if (!g_saveFault.isEmpty())
        return g_saveFault;
    const QString path = qEnvironmentVariable("ROLLOUTDESK_STATE_FAULT_FILE");
    if (path.isEmpty())
        return QString();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    const QByteArray name = file.readLine().trimmed();
    const int code = name == "ENOSPC" ? ENOSPC
        : name == "EACCES"            ? EACCES
        : name == "EROFS"             ? EROFS
                                      : 0;
    if (code != 0)
        return QString::fromLocal8Bit(std::strerror(code));
    return name.isEmpty() ? QString::fromLocal8Bit(std::strerror(ENOSPC))
                          : QString::fromUtf8(name);
}

QJsonObject mapToJson(const TrafficMap &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

TrafficMap mapFromJson(const QJsonValue &value)
{
    TrafficMap map;
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        map.insert(it.key(), it.value().toInt());
    return map;
}

QJsonObject instanceToJson(const InstanceRecord &r)
{
    return QJsonObject { { QStringLiteral("pid"), r.pid }, { QStringLiteral("pgid"), r.pgid },
        { QStringLiteral("startTicks"), QString::number(r.startTicks) },
        { QStringLiteral("port"), r.port }, { QStringLiteral("logFile"), r.logFile } };
}

InstanceRecord instanceFromJson(const QJsonObject &o)
{
    InstanceRecord r;
    r.pid = o.value(QStringLiteral("pid")).toInteger();
    r.pgid = o.value(QStringLiteral("pgid")).toInteger();
    r.startTicks = o.value(QStringLiteral("startTicks")).toString().toULongLong();
    r.port = quint16(o.value(QStringLiteral("port")).toInt());
    r.logFile = o.value(QStringLiteral("logFile")).toString();
    return r;
}

QJsonObject deploymentToJson(const DeploymentState &d)
{
    QJsonArray instances;
    for (const InstanceRecord &r : d.instances)
        instances.append(instanceToJson(r));
    return QJsonObject { { QStringLiteral("spec"), ArmJson::deploymentToJson(d.spec) },
        { QStringLiteral("provisioningState"), d.provisioningState },
        { QStringLiteral("error"), d.error },
        { QStringLiteral("warnings"), QJsonArray::fromStringList(d.warnings) },
        { QStringLiteral("generation"), d.generation },
        { QStringLiteral("instances"), instances } };
}

Result<DeploymentState> deploymentFromJson(const QJsonObject &o)
{
    Result<Deployment> spec
        = ArmJson::deploymentFromJson(o.value(QStringLiteral("spec")).toObject());
    if (!spec)
        return spec.error();
    DeploymentState d;
    d.spec = spec.value();
    d.provisioningState = o.value(QStringLiteral("provisioningState")).toString();
    d.error = o.value(QStringLiteral("error")).toString();
    for (const QJsonValue &w : o.value(QStringLiteral("warnings")).toArray())
        d.warnings << w.toString();
    d.generation = o.value(QStringLiteral("generation")).toInt(1);
    for (const QJsonValue &i : o.value(QStringLiteral("instances")).toArray())
        d.instances << instanceFromJson(i.toObject());
    return d;
}

QJsonObject historyEntryToJson(const TrafficChange &c)
{
    return QJsonObject {
        { QStringLiteral("time"), c.time },
        { QStringLiteral("client"), c.client },
        { QStringLiteral("traffic"),
            QJsonObject { { QStringLiteral("before"), mapToJson(c.trafficBefore) },
                { QStringLiteral("after"), mapToJson(c.trafficAfter) } } },
        { QStringLiteral("mirrorTraffic"),
            QJsonObject { { QStringLiteral("before"), mapToJson(c.mirrorBefore) },
                { QStringLiteral("after"), mapToJson(c.mirrorAfter) } } },
    };
}

TrafficChange historyEntryFromJson(const QJsonObject &o)
{
    TrafficChange c;
    c.time = o.value(QStringLiteral("time")).toString();
    c.client = o.value(QStringLiteral("client")).toString();
    const QJsonObject t = o.value(QStringLiteral("traffic")).toObject();
    const QJsonObject m = o.value(QStringLiteral("mirrorTraffic")).toObject();
    c.trafficBefore = mapFromJson(t.value(QStringLiteral("before")));
    c.trafficAfter = mapFromJson(t.value(QStringLiteral("after")));
    c.mirrorBefore = mapFromJson(m.value(QStringLiteral("before")));
    c.mirrorAfter = mapFromJson(m.value(QStringLiteral("after")));
    return c;
}

QJsonObject endpointToJson(const EndpointState &e)
{
    QJsonObject deployments;
    for (auto it = e.deployments.cbegin(); it != e.deployments.cend(); ++it)
        deployments.insert(it.key(), deploymentToJson(it.value()));
    QJsonArray history;
    for (const TrafficChange &c : e.history)
        history.append(historyEntryToJson(c));
    return QJsonObject {
        { QStringLiteral("spec"), ArmJson::endpointToJson(e.spec) },
        { QStringLiteral("keys"), ArmJson::keysToJson(e.keys) },
        { QStringLiteral("tokenSecret"), QString::fromLatin1(e.tokenSecret.toBase64()) },
        { QStringLiteral("gatewayPort"), e.gatewayPort },
        { QStringLiteral("traffic"), mapToJson(e.traffic) },
        { QStringLiteral("mirrorTraffic"), mapToJson(e.mirror) },
        { QStringLiteral("provisioningState"), e.provisioningState },
        { QStringLiteral("deployments"), deployments },
        { QStringLiteral("history"), history },
        { QStringLiteral("createdAt"), e.createdAt },
    };
}

Result<EndpointState> endpointFromJson(const QString &name, const QJsonObject &o)
{
    Result<Endpoint> spec = ArmJson::endpointFromJson(o.value(QStringLiteral("spec")).toObject());
    if (!spec)
        return spec.error();
    Result<EndpointKeys> keys = ArmJson::keysFromJson(o.value(QStringLiteral("keys")).toObject());
    if (!keys)
        return keys.error();
    EndpointState e;
    e.spec = spec.value();
    e.spec.name = name;
    e.keys = keys.value();
    e.tokenSecret
        = QByteArray::fromBase64(o.value(QStringLiteral("tokenSecret")).toString().toLatin1());
    e.gatewayPort = quint16(o.value(QStringLiteral("gatewayPort")).toInt());
    e.traffic = mapFromJson(o.value(QStringLiteral("traffic")));
    e.mirror = mapFromJson(o.value(QStringLiteral("mirrorTraffic")));
    e.provisioningState = o.value(QStringLiteral("provisioningState")).toString();
    e.createdAt = o.value(QStringLiteral("createdAt")).toString();
    const QJsonObject deployments = o.value(QStringLiteral("deployments")).toObject();
    for (auto it = deployments.begin(); it != deployments.end(); ++it) {
        Result<DeploymentState> d = deploymentFromJson(it.value().toObject());
        if (!d)
            return d.error();
        e.deployments.insert(it.key(), d.value());
    }
    for (const QJsonValue &h : o.value(QStringLiteral("history")).toArray())
        e.history << historyEntryFromJson(h.toObject());
    return e;
}

} // namespace

namespace StateStore {

Result<HostState> load(const QString &path)
{
    QFile file(path);
    if (!file.exists())
        return HostState();
    if (!file.open(QIODevice::ReadOnly)) {
        return Error { QStringLiteral("StateUnreadable"),
            QStringLiteral("Cannot read the state file %1: %2. Check its permissions.")
                .arg(path, file.errorString()),
            path, 0, 0 };
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        return Error { QStringLiteral("StateCorrupt"),
            QStringLiteral("The state file %1 is not valid JSON (%2 at offset %3). "
                           "Restore it from %1.bak or move it away to start empty.")
                .arg(path, parseError.errorString())
                .arg(parseError.offset),
            path, 0, 0 };
    }
    const QJsonObject root = doc.object();
    const int version = root.value(QStringLiteral("formatVersion")).toInt(0);
    if (version < 1 || version > HostState::FormatVersion) {
        return Error { QStringLiteral("StateVersion"),
            QStringLiteral("The state file %1 has format version %2, but this rolloutd "
                           "reads versions 1 to %3. Use a newer rolloutd.")
                .arg(path)
                .arg(version)
                .arg(HostState::FormatVersion),
            path, 0, 0 };
    }
    HostState state;
    const QJsonObject endpoints = root.value(QStringLiteral("endpoints")).toObject();
    for (auto it = endpoints.begin(); it != endpoints.end(); ++it) {
        Result<EndpointState> e = endpointFromJson(it.key(), it.value().toObject());
        if (!e) {
            Error error = e.error();
            error.message
                = QStringLiteral("The state file %1 has a bad entry for endpoint '%2': %3")
                      .arg(path, it.key(), error.message);
            return error;
        }
        state.endpoints.insert(it.key(), e.value());
    }
    return state;
}

Status save(const HostState &state, const QString &path)
{
    auto failed = [&](const QString &why) {
        return Error { QStringLiteral("StateNotSaved"),
            QStringLiteral("The change was not made because the state could not be "
                           "saved to %1: %2. Free disk space or make the state folder "
                           "writable, then try again.")
                .arg(path, why),
            path, 0, 0 };
    };
    if (const QString fault = injectedFault(); !fault.isEmpty())
        return failed(fault);
    QJsonObject endpoints;
    for (auto it = state.endpoints.cbegin(); it != state.endpoints.cend(); ++it)
        endpoints.insert(it.key(), endpointToJson(it.value()));
    const QJsonObject root { { QStringLiteral("formatVersion"), HostState::FormatVersion },
        { QStringLiteral("endpoints"), endpoints } };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failed(file.errorString());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QByteArray bytes = QJsonDocument(root).toJson(QJsonDocument::Indented);
    if (file.write(bytes) != bytes.size())
        return failed(file.errorString());
    if (!file.commit()) // QSaveFile flushes, fsyncs and renames
        return failed(file.errorString());
    return {};
}

void setSaveFault(const QString &message) { g_saveFault = message; }

} // namespace StateStore

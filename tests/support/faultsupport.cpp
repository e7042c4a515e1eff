#include "faultsupport.h"

#include "hostfixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace FaultSupport {

QString writeScoringScript(const QString &root, const QString &name, const QByteArray &script)
{
    const QString folder = root + QLatin1Char('/') + name;
    QDir().mkpath(folder);
    QFile file(folder + QStringLiteral("/score.py"));
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(script);
    return folder;
}

Deployment scriptDeployment(const QString &name, const QString &codeDir, int instances)
{
    Deployment d;
    d.name = name;
    d.instanceCount = instances;
    d.localPython = QStringLiteral("/usr/bin/python3");
    CodeConfiguration code;
    code.kind = AssetKind::LocalPath;
    code.code = codeDir;
    code.scoringScript = QStringLiteral("score.py");
    d.codeConfiguration = code;
    // Quick probes: faults are seen in seconds, not after Azure's 10 s initial delays.
    for (ProbeSettings *probe : { &d.livenessProbe, &d.readinessProbe }) {
        probe->initialDelaySec = 1;
        probe->periodSec = 1;
        probe->timeoutSec = 2;
    }
    return d;
}

QList<InstanceRecord> recordedInstances(
    const QString &stateDir, const QString &endpoint, const QString &deployment)
{
    const QJsonObject state
        = QJsonDocument::fromJson(readFile(stateDir + QStringLiteral("/state.json")).toUtf8())
              .object();
    const QJsonArray instances = state.value(QStringLiteral("endpoints"))
                                     .toObject()
                                     .value(endpoint)
                                     .toObject()
                                     .value(QStringLiteral("deployments"))
                                     .toObject()
                                     .value(deployment)
                                     .toObject()
                                     .value(QStringLiteral("instances"))
                                     .toArray();
    QList<InstanceRecord> records;
    for (const QJsonValue &value : instances) {
        const QJsonObject o = value.toObject();
        InstanceRecord record;
        record.pid = o.value(QStringLiteral("pid")).toInteger();
        record.pgid = o.value(QStringLiteral("pgid")).toInteger();
        record.startTicks = o.value(QStringLiteral("startTicks")).toString().toULongLong();
        record.port = quint16(o.value(QStringLiteral("port")).toInt());
        record.logFile = o.value(QStringLiteral("logFile")).toString();
        records << record;
    }
    return records;
}

bool running(const InstanceRecord &record) { return ProcessUtil::isSameProcess(record); }

InstanceRecord recordOf(qint64 pid)
{
    InstanceRecord record;
    record.pid = pid;
    record.pgid = pid;
    record.startTicks = ProcessUtil::processStartTicks(pid);
    return record;
}

bool hasServed(const InstanceRecord &record)
{
    return readFile(record.logFile)
        .contains(QStringLiteral("[%1] rolloutd.harness - POST /score").arg(record.pid));
}

QString provisioningState(HostFixture &host, const QString &endpoint, const QString &deployment)
{
    const ApiResult r = HostFixture::wait(host.client()->getDeployment(endpoint, deployment));
    if (r.httpStatus == 404)
        return QStringLiteral("NotFound");
    return r.json.value(QStringLiteral("properties"))
        .toObject()
        .value(QStringLiteral("provisioningState"))
        .toString();
}

QString readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll());
}

} // namespace FaultSupport

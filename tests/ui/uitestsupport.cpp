#include "uitestsupport.h"

#include "armjson.h"
#include "rules.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>

namespace UiTest {

void isolateSettings()
{
    QStandardPaths::setTestModeEnabled(true);
}

bool createDemo(HostFixture &host, QString *error)
{
    const auto failed = [error](const ApiResult &r) {
        *error = r.error ? r.error->message : QStringLiteral("no answer");
        return false;
    };
    if (!host.start(error))
        return false;
    const QString demo = HostFixture::demoDir();
    if (ApiResult r = host.createEndpoint(QStringLiteral("demo")); !r.ok())
        return failed(r);
    if (ApiResult r = host.createDeployment(QStringLiteral("demo"), demo + QStringLiteral("/blue-deployment.yml"), QStringLiteral("blue")); !r.ok())
        return failed(r);
    if (ApiResult r = HostFixture::wait(host.client()->updateTraffic(QStringLiteral("demo"), TrafficMap{ { QStringLiteral("blue"), 100 } }, std::nullopt, true)); !r.ok())
        return failed(r);
    if (ApiResult r = host.createDeployment(QStringLiteral("demo"), demo + QStringLiteral("/green-deployment.yml"), QStringLiteral("green")); !r.ok())
        return failed(r);
    return true;
}

int rolloutctl(const HostFixture &host, const QStringList &arguments, QString *output)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ROLLOUTDESK_STATE_DIR"), host.stateDir());
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QSignalSpy finished(&process, &QProcess::finished);
    process.start(HostFixture::binary(QStringLiteral("rolloutctl")), arguments);
    // The event loop keeps running while it works: the app under test keeps refreshing.
    if (!finished.wait(60000))
        return -1;
    if (output)
        *output = QString::fromUtf8(process.readAll());
    return process.exitCode();
}

TrafficMap hostTraffic(HostFixture &host, const QString &endpoint)
{
    const ApiResult r = HostFixture::wait(host.client()->getEndpoint(endpoint));
    Result<Endpoint> e = ArmJson::endpointFromJson(r.json);
    return e ? Rules::withoutZeros(e->traffic.value_or(TrafficMap())) : TrafficMap();
}

TrafficMap hostMirror(HostFixture &host, const QString &endpoint)
{
    const ApiResult r = HostFixture::wait(host.client()->getEndpoint(endpoint));
    Result<Endpoint> e = ArmJson::endpointFromJson(r.json);
    return e ? Rules::withoutZeros(e->mirrorTraffic.value_or(TrafficMap())) : TrafficMap();
}

} // namespace UiTest

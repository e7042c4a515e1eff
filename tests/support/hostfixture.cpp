#include "hostfixture.h"

#include "hostinfo.h"
#include "localhost.h"
#include "scoringclient.h"
#include "yamlspec.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

HostFixture::HostFixture()
    : m_dir(std::make_unique<QTemporaryDir>())
{ }

HostFixture::~HostFixture()
{
    if (m_process && m_process->state() != QProcess::NotRunning)
        terminate();
}

QString HostFixture::binary(const QString &name)
{
    return QStringLiteral(ROLLOUTDESK_BINARY_DIR "/bin/") + name;
}

QString HostFixture::demoDir() { return QStringLiteral(ROLLOUTDESK_BINARY_DIR "/demo"); }

QString HostFixture::harnessPath()
{
    return QStringLiteral(ROLLOUTDESK_SOURCE_DIR "/resources/harness/rolloutd_harness.py");
}

bool HostFixture::start(QString *error)
{
    QFile::remove(LocalWorkspace::hostInfoPath(stateDir()));
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start(
        binary(QStringLiteral("rolloutd")), { QStringLiteral("--state-dir"), stateDir() });
    if (!m_process->waitForStarted(10000)) {
        *error = m_process->errorString();
        return false;
    }
    // rolloutd prints one line once it listens and rolloutd.json is written.
    QDeadlineTimer deadline(20000);
    while (!m_process->canReadLine() && !deadline.hasExpired()
        && m_process->state() == QProcess::Running)
        m_process->waitForReadyRead(100);
    Result<WorkspaceConnection> connection
        = LocalHostLauncher::connectionFor(stateDir(), QStringLiteral("tst/1"));
    if (!connection) {
        *error = connection.error().message;
        return false;
    }
    m_client = std::make_unique<WorkspaceClient>(connection.value());
    return true;
}

void HostFixture::kill()
{
    m_process->kill();
    m_process->waitForFinished(10000);
}

int HostFixture::terminate()
{
    m_process->terminate();
    m_process->waitForFinished(60000);
    return m_process->exitCode();
}

ApiResult HostFixture::wait(ApiReply *reply, int timeoutMs)
{
    if (reply->isFinished())
        return reply->result();
    QSignalSpy spy(reply, &ApiReply::finished);
    if (!spy.wait(timeoutMs)) {
        ApiResult result;
        result.error = Error { QStringLiteral("TestTimeout"), QStringLiteral("no answer in time"),
            {}, 0, 0 };
        return result;
    }
    return spy.first().first().value<ApiResult>();
}

ApiResult HostFixture::createEndpoint(const QString &name)
{
    Endpoint endpoint;
    endpoint.name = name;
    return wait(m_client->putEndpoint(endpoint, true));
}

ApiResult HostFixture::createDeployment(const QString &endpoint, const QString &yamlFile,
    const QString &name, const QStringList &overrides)
{
    YamlSpec::LoadOptions options;
    options.nameOverride = name;
    options.endpointNameOverride = endpoint;
    options.setOverrides = overrides;
    Result<Deployment> loaded = YamlSpec::loadDeploymentFile(yamlFile, options);
    if (!loaded) {
        ApiResult failed;
        failed.error = loaded.error();
        return failed;
    }
    return wait(m_client->putDeployment(endpoint, loaded.value(), true));
}

QPair<QString, QString> HostFixture::keyAndUri(const QString &endpoint)
{
    const ApiResult keys = wait(m_client->listKeys(endpoint));
    const ApiResult e = wait(m_client->getEndpoint(endpoint));
    return { keys.json.value(QStringLiteral("primaryKey")).toString(),
        e.json.value(QStringLiteral("properties"))
            .toObject()
            .value(QStringLiteral("scoringUri"))
            .toString() };
}

ApiResult HostFixture::score(
    const QString &endpoint, const QByteArray &body, const QString &deployment, const QString &key)
{
    const auto [primary, uri] = keyAndUri(endpoint);
    ScoringClient scoring;
    return wait(scoring.score(QUrl(uri), key.isEmpty() ? primary : key, body, deployment));
}

#include "demoseeder.h"

#include "workspaceclient.h"
#include "workspacestore.h"
#include "yamlspec.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

namespace {

bool isBuiltDemo(const QString &dir)
{
    // expected.json is written last when the demo is built.
    return !dir.isEmpty() && QFileInfo::exists(dir + QStringLiteral("/endpoint.yml"))
        && QFileInfo::exists(dir + QStringLiteral("/blue-deployment.yml"))
        && QFileInfo::exists(dir + QStringLiteral("/green-deployment.yml"));
}

} // namespace

DemoSeeder::DemoSeeder(WorkspaceStore *store, QObject *parent) : QObject(parent), m_store(store) { }

QString DemoSeeder::findDemoDir()
{
    const QStringList candidates = {
        qEnvironmentVariable("ROLLOUTDESK_DEMO_DIR"),
        QCoreApplication::applicationDirPath() + QStringLiteral("/../share/rolloutdesk/demo"),
        QStringLiteral(ROLLOUTDESK_BUILD_DEMO_DIR),
    };
    for (const QString &dir : candidates) {
        if (isBuiltDemo(dir))
            return QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    }
    return QString();
}

QString DemoSeeder::endpointName()
{
    return QStringLiteral("demo");
}

void DemoSeeder::fail(const Error &error)
{
    m_running = false;
    if (m_store)
        m_store->refresh();
    emit failed(error);
}

ApiReply *DemoSeeder::putDeployment(const QString &file, const QString &name)
{
    YamlSpec::LoadOptions options;
    options.nameOverride = name;
    options.endpointNameOverride = endpointName();
    Result<Deployment> d = YamlSpec::loadDeploymentFile(m_dir + QLatin1Char('/') + file, options);
    if (!d) {
        fail(d.error());
        return nullptr;
    }
    return m_store->client()->putDeployment(endpointName(), d.value(), false);
}

void DemoSeeder::run(const QString &demoDir)
{
    if (m_running || !m_store)
        return;
    m_dir = demoDir;
    m_running = true;
    if (!isBuiltDemo(m_dir)) {
        // Reported from the event loop, like every other outcome.
        QTimer::singleShot(0, this, [this]() {
            fail(Error{ QStringLiteral("DemoMissing"),
                        tr("The demo files were not found. Set ROLLOUTDESK_DEMO_DIR to the folder that holds "
                           "endpoint.yml and the deployment files (the build's demo folder)."),
                        QString(), 0, 0 });
        });
        return;
    }
    Result<Endpoint> endpoint = YamlSpec::loadEndpointFile(m_dir + QStringLiteral("/endpoint.yml"));
    if (!endpoint) {
        const Error error = endpoint.error();
        QTimer::singleShot(0, this, [this, error]() { fail(error); });
        return;
    }
    Endpoint e = endpoint.value();
    e.name = endpointName();
    emit progress(tr("Creating endpoint '%1'…").arg(e.name));
    WorkspaceClient *client = m_store->client();
    ApiReply *created = client->putEndpoint(e, true);
    connect(created, &ApiReply::finished, this, [this, client](const ApiResult &r) {
        if (!r.ok())
            return fail(*r.error);
        m_store->refresh();
        emit progress(tr("Starting deployments 'blue' (demo model v1) and 'green' (v2)…"));
        ApiReply *blue = putDeployment(QStringLiteral("blue-deployment.yml"), QStringLiteral("blue"));
        if (!blue)
            return;
        connect(blue, &ApiReply::finished, this, [this, client](const ApiResult &blueAccepted) {
            if (!blueAccepted.ok())
                return fail(*blueAccepted.error);
            ApiReply *green = putDeployment(QStringLiteral("green-deployment.yml"), QStringLiteral("green"));
            if (!green)
                return;
            connect(green, &ApiReply::finished, this, [this, client, blueAccepted](const ApiResult &greenAccepted) {
                if (!greenAccepted.ok())
                    return fail(*greenAccepted.error);
                m_store->refresh();
                const QString bluePath = WorkspaceClient::deploymentPath(endpointName(), QStringLiteral("blue"));
                ApiReply *blueReady = client->waitForOperation(blueAccepted, bluePath);
                connect(blueReady, &ApiReply::finished, this, [this, client, greenAccepted](const ApiResult &b) {
                    if (!b.ok())
                        return fail(*b.error);
                    emit progress(tr("Deployment 'blue' is ready: sending it all traffic…"));
                    ApiReply *traffic = client->updateTraffic(endpointName(), TrafficMap{ { QStringLiteral("blue"), 100 } },
                                                              std::nullopt, true);
                    connect(traffic, &ApiReply::finished, this, [this, client, greenAccepted](const ApiResult &t) {
                        if (!t.ok())
                            return fail(*t.error);
                        m_store->refresh();
                        const QString greenPath = WorkspaceClient::deploymentPath(endpointName(), QStringLiteral("green"));
                        ApiReply *greenReady = client->waitForOperation(greenAccepted, greenPath);
                        connect(greenReady, &ApiReply::finished, this, [this](const ApiResult &g) {
                            if (!g.ok())
                                return fail(*g.error);
                            m_running = false;
                            m_store->refresh();
                            emit finished();
                        });
                    });
                });
            });
        });
    });
}

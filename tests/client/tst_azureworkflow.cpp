// The whole rollout (create, scale, mirror, traffic, invoke by header, delete) through the
// Azure code path: a WorkspaceProfile, the credential chain signing in at a local OAuth2
// token endpoint (client credentials, or device code), the ARM transport, against a real
// rolloutd. rolloutd accepts only its own control token, so the token endpoint hands that
// out as the access token: the ARM path sends it as "Authorization: Bearer <token>".
// rolloutd is a local host and takes local model folders, so the Azure-only asset check
// is off here (it has its own tests).

#include "chainedtokencredential.h"
#include "devicecodecredential.h"
#include "environmentcredential.h"
#include "fakeoauthserver.h"
#include "hostfixture.h"
#include "hostinfo.h"
#include "scoringclient.h"
#include "workspaceprofile.h"
#include "yamlspec.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {

Deployment loadDemo(const QString &file, const QString &name, const QString &endpoint)
{
    YamlSpec::LoadOptions options;
    options.nameOverride = name;
    options.endpointNameOverride = endpoint;
    Result<Deployment> loaded
        = YamlSpec::loadDeploymentFile(HostFixture::demoDir() + QLatin1Char('/') + file, options);
    return loaded ? loaded.value() : Deployment();
}

// The failure's message (QVERIFY2 evaluates it even when the check passes).
QString why(const ApiResult &r) { return r.error ? r.error->message : QString(); }

QJsonObject props(const ApiResult &r)
{
    return r.json.value(QStringLiteral("properties")).toObject();
}

} // namespace

class TestAzureWorkflow : public QObject
{
    Q_OBJECT
private slots:
    void workflow_data();
    void workflow();
};

void TestAzureWorkflow::workflow_data()
{
    QTest::addColumn<bool>("deviceCode");
    QTest::newRow("client credentials") << false;
    QTest::newRow("device code") << true;
}

void TestAzureWorkflow::workflow()
{
    QFETCH(bool, deviceCode);
    HostFixture host;
    QString error;
    QVERIFY2(host.start(&error), qPrintable(error));
    FakeOAuthServer oauth;
    QVERIFY(oauth.listen());
    oauth.accessToken = host.client()->connection().bearerToken;
    oauth.devicePolls = { QStringLiteral("authorization_pending"), QStringLiteral("ok") };

    WorkspaceProfile profile;
    profile.subscriptionId = QLatin1String(LocalWorkspace::SubscriptionId);
    profile.resourceGroup = QLatin1String(LocalWorkspace::ResourceGroup);
    profile.workspaceName = QStringLiteral("local");
    profile.armHost = host.client()->connection().baseUrl;
    profile.authorityHost = oauth.authority();
    profile.tenantId = oauth.tenant;
    const Status valid = profile.validate();
    QVERIFY2(valid.ok(), qPrintable(valid.ok() ? QString() : valid.error().message));

    QProcessEnvironment env;
    env.insert(QStringLiteral("AZURE_TENANT_ID"), oauth.tenant);
    env.insert(QStringLiteral("AZURE_CLIENT_ID"), oauth.clientId);
    env.insert(QStringLiteral("AZURE_CLIENT_SECRET"), oauth.clientSecret);
    auto *device = new DeviceCodeCredential(
        profile.authorityBaseUrl(), profile.tenantId, profile.armScope());
    device->setSecondMs(20);
    QSignalSpy userCode(device, &DeviceCodeCredential::userCodeReceived);
    QList<TokenCredential *> chain { new EnvironmentCredential(
        profile.authorityBaseUrl(), profile.armScope(), QProcessEnvironment()) };
    if (deviceCode)
        chain << device;
    else
        chain << new EnvironmentCredential(profile.authorityBaseUrl(), profile.armScope(), env);
    ChainedTokenCredential credential(chain);
    if (!deviceCode)
        delete device;

    WorkspaceConnection connection = profile.connection(QStringLiteral("tst_azureworkflow/1"));
    QVERIFY(connection.azure);
    QVERIFY(connection.bearerToken.isEmpty()); // only the credential can sign in
    connection.azure = false; // rolloutd takes the demo's local folders
    WorkspaceClient client(connection);
    client.setCredential(&credential);

    const QString e = QStringLiteral("azure-flow");
    Endpoint endpoint;
    endpoint.name = e;
    ApiResult r = HostFixture::wait(client.putEndpoint(endpoint, true));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(props(r).value(QStringLiteral("provisioningState")).toString(),
        QStringLiteral("Succeeded"));

    // blue with all traffic, scaled to 2
    r = HostFixture::wait(client.putDeployment(
        e, loadDemo(QStringLiteral("blue-deployment.yml"), QStringLiteral("blue"), e), true));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    r = HostFixture::wait(client.updateTraffic(
        e, TrafficMap { { QStringLiteral("blue"), 100 } }, std::nullopt, true));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    r = HostFixture::wait(client.scaleDeployment(e, QStringLiteral("blue"), 2, true));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(
        r.json.value(QStringLiteral("sku")).toObject().value(QStringLiteral("capacity")).toInt(),
        2);

    // green at 0 %, mirrored 10 %, then unmirrored
    r = HostFixture::wait(client.putDeployment(
        e, loadDemo(QStringLiteral("green-deployment.yml"), QStringLiteral("green"), e), true));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    r = HostFixture::wait(client.updateTraffic(
        e, std::nullopt, TrafficMap { { QStringLiteral("green"), 10 } }, true));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(props(r)
                 .value(QStringLiteral("mirrorTraffic"))
                 .toObject()
                 .value(QStringLiteral("green"))
                 .toInt(),
        10);
    QCOMPARE(
        props(r).value(QStringLiteral("traffic")).toObject().value(QStringLiteral("blue")).toInt(),
        100);
    r = HostFixture::wait(
        client.updateTraffic(e, std::nullopt, TrafficMap { { QStringLiteral("green"), 0 } }, true));
    QVERIFY2(r.ok(), qPrintable(why(r)));

    // live traffic 90/10, then 0/100
    r = HostFixture::wait(client.updateTraffic(e,
        TrafficMap { { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } },
        std::nullopt, true));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(
        props(r).value(QStringLiteral("traffic")).toObject().value(QStringLiteral("green")).toInt(),
        10);

    // invoke each deployment by header, with the key from listKeys
    const ApiResult keys = HostFixture::wait(client.listKeys(e));
    QVERIFY(keys.ok());
    const QString uri = props(HostFixture::wait(client.getEndpoint(e)))
                            .value(QStringLiteral("scoringUri"))
                            .toString();
    QFile expectedFile(HostFixture::demoDir() + QStringLiteral("/expected.json"));
    QVERIFY(expectedFile.open(QIODevice::ReadOnly));
    const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();
    QFile request(HostFixture::demoDir() + QStringLiteral("/sample-request.json"));
    QVERIFY(request.open(QIODevice::ReadOnly));
    const QByteArray body = request.readAll();
    ScoringClient scoring;
    for (const auto &[deployment, model] :
        { std::pair { QStringLiteral("blue"), QStringLiteral("model-1") },
            std::pair { QStringLiteral("green"), QStringLiteral("model-2") } }) {
        const ApiResult answer = HostFixture::wait(scoring.score(
            QUrl(uri), keys.json.value(QStringLiteral("primaryKey")).toString(), body, deployment));
        QVERIFY2(answer.ok(), qPrintable(answer.error ? answer.error->message : QString()));
        QCOMPARE(QJsonDocument::fromJson(answer.body).array(), expected.value(model).toArray());
    }

    r = HostFixture::wait(client.updateTraffic(e,
        TrafficMap { { QStringLiteral("blue"), 0 }, { QStringLiteral("green"), 100 } },
        std::nullopt, true));
    QVERIFY2(r.ok(), qPrintable(why(r)));

    // delete blue, then the endpoint
    r = HostFixture::wait(client.deleteDeployment(e, QStringLiteral("blue"), true));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    const ApiResult deployments = HostFixture::wait(client.listDeployments(e));
    QCOMPARE(deployments.json.value(QStringLiteral("value")).toArray().size(), 1);
    r = HostFixture::wait(client.deleteEndpoint(e, true));
    QVERIFY2(r.ok(), qPrintable(why(r)));
    QCOMPARE(HostFixture::wait(client.getEndpoint(e)).httpStatus, 404);

    // One sign-in for the whole rollout: the token was cached, not fetched per call.
    QCOMPARE(oauth.issued, 1);
    QCOMPARE(userCode.size(), deviceCode ? 1 : 0);
}

QTEST_GUILESS_MAIN(TestAzureWorkflow)
#include "tst_azureworkflow.moc"

// The REST contract's JSON form (ArmJson): lossless round trips of the public Azure REST
// examples and of our own fixtures, canonical writing of changed and YAML-built values, the
// local extensions and the error envelope. Wrong shapes and durations: tst_armjsonshapes.

#include "../testsupport.h"
#include "armjson.h"
#include "armjsonfixtures.h"
#include "armjsontesthelpers.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QTest>

using namespace ArmJson;
using namespace ArmJsonTest;

Q_DECLARE_METATYPE(AssetKind)

namespace {

// Which mapping a body of a rest-examples file goes through; "" for none known.
QString exampleKind(const QString &relativePath, bool request)
{
    const QString file = relativePath.section(QLatin1Char('/'), -1);
    if (relativePath.contains(QLatin1String("/OnlineEndpoint/"))) {
        if (file == QLatin1String("list.json"))
            return QStringLiteral("endpointPage");
        if (file == QLatin1String("regenerateKeys.json"))
            return QStringLiteral("regenerateKeys");
        if (file == QLatin1String("getToken.json"))
            return QStringLiteral("token");
        if (file == QLatin1String("listKeys.json"))
            return QStringLiteral("keys");
        return QStringLiteral("endpoint");
    }
    if (relativePath.contains(QLatin1String("/OnlineDeployment/"))) {
        if (file == QLatin1String("list.json"))
            return QStringLiteral("deploymentPage");
        if (file == QLatin1String("listSkus.json"))
            return QStringLiteral("page");
        if (file == QLatin1String("getLogs.json"))
            return request ? QStringLiteral("logsRequest") : QStringLiteral("logs");
        return QStringLiteral("deployment");
    }
    return QString();
}

QString examplesDir()
{
    return TestSupport::sharedDir() + QStringLiteral("/azureml/rest-examples");
}

QJsonObject exampleBody(const QString &relativePath, const QString &response = QString())
{
    QFile file(examplesDir() + QLatin1Char('/') + relativePath);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    const QJsonObject example = parse(file.readAll());
    if (response.isEmpty())
        return example.value(QLatin1String("parameters"))
            .toObject()
            .value(QLatin1String("body"))
            .toObject();
    return example.value(QLatin1String("responses"))
        .toObject()
        .value(response)
        .toObject()
        .value(QLatin1String("body"))
        .toObject();
}

// "a.b.c" = value in a copy of object; an undefined value removes the key.
QJsonObject withPath(QJsonObject object, const QStringList &path, const QJsonValue &value)
{
    const QString key = path.first();
    if (path.size() == 1) {
        if (value.isUndefined())
            object.remove(key);
        else
            object.insert(key, value);
        return object;
    }
    object.insert(key, withPath(object.value(key).toObject(), path.mid(1), value));
    return object;
}

// Edits "a.b=JSON" (set) or "a.b" (remove), as the test tables write them.
QJsonObject edited(QJsonObject object, const QStringList &edits)
{
    for (const QString &edit : edits) {
        const qsizetype equals = edit.indexOf(QLatin1Char('='));
        const QStringList path = edit.left(equals).split(QLatin1Char('.'));
        QJsonValue value = QJsonValue::Undefined;
        if (equals >= 0) {
            const QByteArray wrapped = "{\"v\": " + edit.mid(equals + 1).toUtf8() + '}';
            value = parse(wrapped).value(QLatin1String("v"));
        }
        object = withPath(object, path, value);
    }
    return object;
}

} // namespace

class TestArmJson : public QObject
{
    Q_OBJECT

private slots:
    void restExamplesRoundTrip_data();
    void restExamplesRoundTrip();
    void restExamplesValues();
    void fixturesRoundTrip_data();
    void fixturesRoundTrip();
    void fixtureValues();
    void assetKinds_data();
    void assetKinds();
    void changedFieldsAreCanonical_data();
    void changedFieldsAreCanonical();
    void builtFromYamlIsWhatAzSends_data();
    void builtFromYamlIsWhatAzSends();
    void metricsAndHistory();
    void errorEnvelope();
};

// ---- (1) the public Azure REST examples ---------------------------------------------------

void TestArmJson::restExamplesRoundTrip_data()
{
    RD_REQUIRE_SHARED();
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QJsonObject>("body");
    const QDir root(examplesDir());
    QStringList files;
    QDirIterator it(
        root.path(), { QStringLiteral("*.json") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(root.relativeFilePath(it.next()));
    files.sort();
    for (const QString &file : files) {
        const QJsonObject example = parse([&] {
            QFile f(root.filePath(file));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("{}");
        }());
        const QJsonObject parameters = example.value(QLatin1String("parameters")).toObject();
        if (parameters.contains(QLatin1String("body"))) {
            QTest::addRow("%s parameters.body", qPrintable(file))
                << exampleKind(file, true) << parameters.value(QLatin1String("body")).toObject();
        }
        const QJsonObject responses = example.value(QLatin1String("responses")).toObject();
        for (auto response = responses.begin(); response != responses.end(); ++response) {
            const QJsonObject answer = response->toObject();
            if (answer.contains(QLatin1String("body"))) {
                QTest::addRow("%s responses.%s.body", qPrintable(file), qPrintable(response.key()))
                    << exampleKind(file, false) << answer.value(QLatin1String("body")).toObject();
            }
        }
    }
}

void TestArmJson::restExamplesRoundTrip()
{
    QFETCH(QString, kind);
    QFETCH(QJsonObject, body);
    QVERIFY2(!kind.isEmpty(), "no mapping is known for this file: add it to exampleKind()");
    const Result<QJsonObject> out = roundTrip(kind, body);
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    RD_COMPARE_JSON(out.value(), body);
}

void TestArmJson::restExamplesValues()
{
    RD_REQUIRE_SHARED();
    int files = 0;
    QDirIterator it(
        examplesDir(), { QStringLiteral("*.json") }, QDir::Files, QDirIterator::Subdirectories);
    for (; it.hasNext(); it.next())
        ++files;
    QVERIFY2(files >= 14, "the rest-examples folder lost files");

    const QString v = QStringLiteral("2025-12-01/");
    const Result<Endpoint> endpoint = endpointFromJson(exampleBody(
        v + QStringLiteral("Workspace/OnlineEndpoint/get.json"), QStringLiteral("200")));
    QVERIFY(endpoint.ok());
    QCOMPARE(endpoint->authMode, AuthMode::AmlToken);
    QVERIFY(endpoint->traffic.has_value());
    QCOMPARE(*endpoint->traffic, (TrafficMap { { QStringLiteral("string"), 1 } }));
    QVERIFY(!endpoint->mirrorTraffic.has_value());
    QVERIFY(endpoint->identity.has_value());
    QCOMPARE(endpoint->identity->type, QStringLiteral("system_assigned"));
    QCOMPARE(endpoint->identity->userAssignedIdentities, QStringList { QStringLiteral("string") });
    QCOMPARE(endpoint->scoringUri, QStringLiteral("https://www.contoso.com/example"));
    QCOMPARE(endpoint->provisioningState, QStringLiteral("Creating"));
    QCOMPARE(endpoint->properties.value(QStringLiteral("string")), QStringLiteral("string"));

    const Result<Deployment> deployment = deploymentFromJson(exampleBody(
        v + QStringLiteral("OnlineDeployment/ManagedOnlineDeployment/createOrUpdate.json")));
    QVERIFY(deployment.ok());
    QCOMPARE(deployment->instanceCount, 1);
    QCOMPARE(deployment->requestSettings.requestTimeoutMs, 300000);
    QCOMPARE(deployment->requestSettings.maxQueueWaitMs, 300000);
    QCOMPARE(deployment->requestSettings.maxConcurrentRequestsPerInstance, 1);
    QCOMPARE(deployment->livenessProbe.periodSec, 300);
    QCOMPARE(deployment->livenessProbe.failureThreshold, 1);
    QCOMPARE(deployment->readinessProbe.initialDelaySec, 1);
    QCOMPARE(deployment->readinessProbe.failureThreshold, 30);
    QCOMPARE(deployment->model.kind, AssetKind::AssetRef);
    QCOMPARE(deployment->model.value, QStringLiteral("string"));
    QCOMPARE(deployment->environment.kind, AssetKind::AssetRef);
    QVERIFY(deployment->codeConfiguration.has_value());
    QCOMPARE(deployment->codeConfiguration->scoringScript, QStringLiteral("string"));
    QCOMPARE(deployment->scaleSettings.type, QStringLiteral("default"));
    QCOMPARE(
        deployment->environmentVariables.value(QStringLiteral("string")), QStringLiteral("string"));

    const Result<LogsRequest> logs
        = logsRequestFromJson(exampleBody(v + QStringLiteral("OnlineDeployment/getLogs.json")));
    QVERIFY(logs.ok());
    QCOMPARE(logs->containerType, QStringLiteral("StorageInitializer"));
    QCOMPARE(logs->tail, std::optional<int>(0));
    const Result<AccessToken> token = tokenFromJson(exampleBody(
        v + QStringLiteral("Workspace/OnlineEndpoint/getToken.json"), QStringLiteral("200")));
    QVERIFY(token.ok());
    QCOMPARE(token->expiryTimeUtc, 1);
    const Result<RegenerateKeysRequest> regenerate = regenerateKeysRequestFromJson(
        exampleBody(v + QStringLiteral("Workspace/OnlineEndpoint/regenerateKeys.json")));
    QVERIFY(regenerate.ok());
    QCOMPARE(regenerate->keyType, QStringLiteral("Primary"));
}

// ---- (2) our own fixtures -------------------------------------------------------------------

void TestArmJson::fixturesRoundTrip_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("json");
    using namespace ArmJsonFixtures;
    QTest::newRow("endpoint") << QStringLiteral("endpoint") << EndpointJson;
    QTest::newRow("endpoint patch") << QStringLiteral("endpoint") << EndpointPatchJson;
    QTest::newRow("endpoint null traffic") << QStringLiteral("endpoint") << EndpointNullTrafficJson;
    QTest::newRow("deployment") << QStringLiteral("deployment") << DeploymentJson;
    QTest::newRow("local deployment") << QStringLiteral("deployment") << LocalDeploymentJson;
    QTest::newRow("kubernetes deployment")
        << QStringLiteral("deployment") << KubernetesDeploymentJson;
    QTest::newRow("deployment patch") << QStringLiteral("deployment") << DeploymentPatchJson;
    QTest::newRow("endpoint page")
        << QStringLiteral("endpointPage")
        << QByteArray("{\"value\": [" + EndpointJson + "," + EndpointPatchJson + "]}");
    QTest::newRow("deployment page")
        << QStringLiteral("deploymentPage")
        << QByteArray("{\"value\": [" + DeploymentJson + "," + LocalDeploymentJson
               + "], \"nextLink\": \"http://x/next\"}");
    QTest::newRow("page") << QStringLiteral("page") << PageJson;
    QTest::newRow("keys") << QStringLiteral("keys") << KeysJson;
    QTest::newRow("token") << QStringLiteral("token") << TokenJson;
    QTest::newRow("logs request") << QStringLiteral("logsRequest") << LogsRequestJson;
    QTest::newRow("logs") << QStringLiteral("logs") << LogsJson;
    QTest::newRow("regenerate keys") << QStringLiteral("regenerateKeys") << RegenerateKeysJson;
    QTest::newRow("operation") << QStringLiteral("operation") << OperationJson;
    QTest::newRow("error") << QStringLiteral("error") << ErrorEnvelopeJson;
    QTest::newRow("metrics") << QStringLiteral("metrics") << MetricsJson;
    QTest::newRow("history") << QStringLiteral("history") << HistoryJson;
}

void TestArmJson::fixturesRoundTrip()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, json);
    const QJsonObject source = parse(json);
    const Result<QJsonObject> out = roundTrip(kind, source);
    QVERIFY2(out.ok(), qPrintable(out.ok() ? QString() : out.error().message));
    RD_COMPARE_JSON(out.value(), source);
    // Writing what was written changes nothing either.
    const Result<QJsonObject> again = roundTrip(kind, out.value());
    QVERIFY(again.ok());
    RD_COMPARE_JSON(again.value(), source);
}

void TestArmJson::fixtureValues()
{
    const Result<Endpoint> endpoint = endpointFromJson(parse(ArmJsonFixtures::EndpointJson));
    QVERIFY(endpoint.ok());
    QCOMPARE(endpoint->name, QStringLiteral("my-endpoint"));
    QCOMPARE(endpoint->authMode, AuthMode::Key);
    QCOMPARE(endpoint->publicNetworkAccess, QStringLiteral("disabled"));
    QCOMPARE(*endpoint->traffic,
        (TrafficMap { { QStringLiteral("blue"), 100 }, { QStringLiteral("green"), 0 } }));
    QCOMPARE(*endpoint->mirrorTraffic, (TrafficMap { { QStringLiteral("green"), 20 } }));
    QCOMPARE(endpoint->tags.value(QStringLiteral("team")), QStringLiteral("fraud"));
    QCOMPARE(endpoint->location, QStringLiteral("local"));
    QVERIFY(endpoint->description.isEmpty());
    QVERIFY(endpoint->swaggerUri.isEmpty());
    QCOMPARE(endpoint->sourceJson, parse(ArmJsonFixtures::EndpointJson));

    const Result<Deployment> deployment
        = deploymentFromJson(parse(ArmJsonFixtures::DeploymentJson));
    QVERIFY(deployment.ok());
    QCOMPARE(deployment->name, QStringLiteral("blue"));
    QCOMPARE(deployment->endpointName, QStringLiteral("my-endpoint"));
    QCOMPARE(deployment->instanceCount, 2);
    QCOMPARE(deployment->requestSettings.requestTimeoutMs, 60000);
    QCOMPARE(deployment->requestSettings.maxQueueWaitMs, 500);
    QCOMPARE(deployment->requestSettings.maxConcurrentRequestsPerInstance, 2);
    QCOMPARE(deployment->readinessProbe.periodSec, 5);
    QCOMPARE(deployment->readinessProbe.failureThreshold, 3);
    QCOMPARE(deployment->model.kind, AssetKind::LocalPath);
    QCOMPARE(deployment->codeConfiguration->kind, AssetKind::LocalPath);
    QCOMPARE(deployment->codeConfiguration->code, QStringLiteral("/home/me/src"));
    QCOMPARE(deployment->environment.kind, AssetKind::AssetRef);
    QCOMPARE(deployment->environment.value, QStringLiteral("azureml:sklearn-env:3"));
    QCOMPARE(deployment->environmentVariables.value(QStringLiteral("WORKER_COUNT")),
        QStringLiteral("2"));
    QCOMPARE(deployment->appInsightsEnabled, true);
    QCOMPARE(deployment->egressPublicNetworkAccess, QStringLiteral("enabled"));
    QVERIFY(deployment->dataCollector.has_value());
    QCOMPARE(deployment->dataCollector->value(QLatin1String("rollingRate")).toString(),
        QStringLiteral("Hour"));
    QCOMPARE(deployment->localPython, QStringLiteral("/usr/bin/python3"));
    QCOMPARE(deployment->provisioningState, QStringLiteral("Succeeded"));

    const Result<Deployment> local
        = deploymentFromJson(parse(ArmJsonFixtures::LocalDeploymentJson));
    QVERIFY(local.ok());
    QCOMPARE(local->model.kind, AssetKind::RegistryRef);
    QVERIFY(local->environment.isInline());
    QCOMPARE(local->environment.name, QStringLiteral("inline-env"));
    QCOMPARE(local->environment.condaFile, QStringLiteral("/home/me/env/conda.yml"));
    QCOMPARE(local->environment.build->dockerfilePath, QStringLiteral("Dockerfile"));
    QCOMPARE(local->environment.inferenceConfig->scoringRoute.port, 5001);
    QCOMPARE(local->environment.inferenceConfig->readinessRoute.path, QStringLiteral("/ready"));
    QCOMPARE(local->localCommand.size(), 5);
    QCOMPARE(local->localCommand.at(2), QStringLiteral("server"));
    QCOMPARE(local->requestSettings.requestTimeoutMs, 5000); // null: the default
    QCOMPARE(local->livenessProbe.periodSec, 1); // PT0.5S, rounded to whole seconds
    QVERIFY(local->endpointName.isEmpty());

    const Result<Deployment> kubernetes
        = deploymentFromJson(parse(ArmJsonFixtures::KubernetesDeploymentJson));
    QVERIFY(kubernetes.ok());
    QCOMPARE(kubernetes->environment.kind, AssetKind::ArmId);
    QCOMPARE(kubernetes->scaleSettings.type, QStringLiteral("target_utilization"));

    const Result<Endpoint> nullTraffic
        = endpointFromJson(parse(ArmJsonFixtures::EndpointNullTrafficJson));
    QVERIFY(nullTraffic.ok());
    QVERIFY(!nullTraffic->traffic.has_value());
    QVERIFY(nullTraffic->mirrorTraffic.has_value());
    QVERIFY(nullTraffic->mirrorTraffic->isEmpty());

    const Result<Endpoint> patch = endpointFromJson(parse(ArmJsonFixtures::EndpointPatchJson));
    QVERIFY(patch.ok());
    QCOMPARE(patch->identity->type, QStringLiteral("user_assigned"));
    QCOMPARE(patch->identity->userAssignedIdentities,
        QStringList { QStringLiteral("/subscriptions/0/id1") });
}

void TestArmJson::assetKinds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<AssetKind>("kind");
    QTest::newRow("registry") << QStringLiteral("azureml://registries/azureml/models/m/versions/1")
                              << AssetKind::RegistryRef;
    QTest::newRow("asset name:version") << QStringLiteral("azureml:model:1") << AssetKind::AssetRef;
    QTest::newRow("asset name@label")
        << QStringLiteral("azureml:model@latest") << AssetKind::AssetRef;
    QTest::newRow("arm id") << QStringLiteral(
        "/subscriptions/0/resourceGroups/rg/providers/"
        "Microsoft.MachineLearningServices/workspaces/w/models/m/versions/1")
                            << AssetKind::ArmId;
    QTest::newRow("local path") << QStringLiteral("/home/me/model") << AssetKind::LocalPath;
    QTest::newRow("placeholder") << QStringLiteral("string") << AssetKind::AssetRef;
    QTest::newRow("absent") << QString() << AssetKind::None;
}

void TestArmJson::assetKinds()
{
    QFETCH(QString, text);
    QFETCH(AssetKind, kind);
    QJsonObject properties;
    if (!text.isEmpty()) {
        properties = QJsonObject { { QStringLiteral("model"), text },
            { QStringLiteral("environmentId"), text },
            { QStringLiteral("codeConfiguration"),
                QJsonObject { { QStringLiteral("codeId"), text } } } };
    }
    const Result<Deployment> deployment
        = deploymentFromJson(QJsonObject { { QStringLiteral("properties"), properties } });
    QVERIFY(deployment.ok());
    QCOMPARE(deployment->model.kind, kind);
    QCOMPARE(deployment->model.value, text);
    QCOMPARE(deployment->environment.kind, kind);
    QCOMPARE(deployment->environment.value, text);
    if (!text.isEmpty())
        QCOMPARE(deployment->codeConfiguration->kind, kind);
}

// ---- (3) changed typed values are written in canonical form, the rest stays ----------------

namespace {

bool changeEndpoint(Endpoint &e, const QString &change)
{
    if (change == QLatin1String("traffic split")) {
        e.traffic = TrafficMap { { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } };
    } else if (change == QLatin1String("traffic replaced")) {
        e.traffic = TrafficMap { { QStringLiteral("blue"), 100 } };
    } else if (change == QLatin1String("mirror cleared")) {
        e.mirrorTraffic.reset();
    } else if (change == QLatin1String("auth mode")) {
        e.authMode = AuthMode::AmlToken;
    } else if (change == QLatin1String("description")) {
        e.description = QStringLiteral("new");
    } else if (change == QLatin1String("public network access")) {
        e.publicNetworkAccess = QStringLiteral("enabled");
    } else if (change == QLatin1String("provisioning state")) {
        e.provisioningState = QStringLiteral("Updating");
    } else if (change == QLatin1String("user assigned identity")) {
        e.identity->type = QStringLiteral("user_assigned");
        e.identity->userAssignedIdentities = QStringList { QStringLiteral("/subscriptions/0/id1") };
    } else if (change == QLatin1String("tag removed")) {
        e.tags.remove(QStringLiteral("stage"));
    } else if (change == QLatin1String("tag added")) {
        e.tags.insert(QStringLiteral("owner"), QStringLiteral("me"));
    } else {
        return false;
    }
    return true;
}

bool changeDeployment(Deployment &d, const QString &change)
{
    if (change == QLatin1String("request timeout")) {
        d.requestSettings.requestTimeoutMs
            = d.requestSettings.requestTimeoutMs == 60000 ? 90000 : 6000;
    } else if (change == QLatin1String("max queue wait")) {
        d.requestSettings.maxQueueWaitMs = 1500;
    } else if (change == QLatin1String("instance count")) {
        d.instanceCount = 3;
    } else if (change == QLatin1String("liveness period")) {
        d.livenessProbe.periodSec = 20;
    } else if (change == QLatin1String("readiness failure threshold")) {
        d.readinessProbe.failureThreshold = 10;
    } else if (change == QLatin1String("model")) {
        d.model = ModelRef { AssetKind::AssetRef, QStringLiteral("azureml:fraud-model:2"), {}, {},
            {}, {} };
    } else if (change == QLatin1String("inline environment")) {
        d.environment = EnvironmentRef();
        d.environment.kind = AssetKind::Inline;
        d.environment.image = QStringLiteral("python:3.11-slim");
        d.environment.condaFile = QStringLiteral("/home/me/conda.yml");
    } else if (change == QLatin1String("environment reference")) {
        d.environment = EnvironmentRef();
        d.environment.kind = AssetKind::AssetRef;
        d.environment.value = QStringLiteral("azureml:env:1");
    } else if (change == QLatin1String("scoring port")) {
        d.environment.inferenceConfig->scoringRoute.port = 6000;
    } else if (change == QLatin1String("local command")) {
        d.localCommand = QStringList { QStringLiteral("/usr/bin/python3"), QStringLiteral("-m"),
            QStringLiteral("http.server") };
    } else if (change == QLatin1String("description cleared")) {
        d.description.clear();
    } else if (change == QLatin1String("variable added")) {
        d.environmentVariables.insert(QStringLiteral("NEW"), QStringLiteral("1"));
    } else if (change == QLatin1String("egress disabled")) {
        d.egressPublicNetworkAccess = QStringLiteral("disabled");
    } else if (change == QLatin1String("tag added")) {
        d.tags.insert(QStringLiteral("owner"), QStringLiteral("me"));
    } else if (change == QLatin1String("data collector removed")) {
        d.dataCollector.reset();
    } else if (change == QLatin1String("scoring script")) {
        d.codeConfiguration->scoringScript = QStringLiteral("main.py");
    } else {
        return false;
    }
    return true;
}

} // namespace

void TestArmJson::changedFieldsAreCanonical_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("change");
    QTest::addColumn<QStringList>("edits"); // expected: the source with these edits
    using namespace ArmJsonFixtures;
    const auto endpoint = [](const char *change, const QStringList &edits) {
        QTest::newRow(change) << QStringLiteral("endpoint") << EndpointJson
                              << QString::fromLatin1(change) << edits;
    };
    const auto deployment = [](const char *change, const QStringList &edits) {
        QTest::newRow(change) << QStringLiteral("deployment") << DeploymentJson
                              << QString::fromLatin1(change) << edits;
    };
    endpoint("traffic split", { QStringLiteral(R"(properties.traffic={"blue":90,"green":10})") });
    endpoint("traffic replaced", { QStringLiteral(R"(properties.traffic={"blue":100})") });
    endpoint("mirror cleared", { QStringLiteral("properties.mirrorTraffic") });
    endpoint("auth mode", { QStringLiteral(R"(properties.authMode="AMLToken")") });
    endpoint("description", { QStringLiteral(R"(properties.description="new")") });
    endpoint(
        "public network access", { QStringLiteral(R"(properties.publicNetworkAccess="Enabled")") });
    endpoint(
        "provisioning state", { QStringLiteral(R"(properties.provisioningState="Updating")") });
    endpoint("user assigned identity",
        { QStringLiteral(R"(identity.type="UserAssigned")"),
            QStringLiteral(R"(identity.userAssignedIdentities={"/subscriptions/0/id1":{}})") });
    endpoint("tag removed", { QStringLiteral("tags.stage") });
    endpoint("tag added", { QStringLiteral(R"(tags.owner="me")") });

    deployment("request timeout",
        { QStringLiteral(R"(properties.requestSettings.requestTimeout="PT1M30S")") });
    deployment("max queue wait",
        { QStringLiteral(R"(properties.requestSettings.maxQueueWait="PT1.5S")") });
    deployment("instance count", { QStringLiteral("sku.capacity=3") });
    deployment("liveness period", { QStringLiteral(R"(properties.livenessProbe.period="PT20S")") });
    deployment("readiness failure threshold",
        { QStringLiteral("properties.readinessProbe.failureThreshold=10") });
    deployment("model", { QStringLiteral(R"(properties.model="azureml:fraud-model:2")") });
    deployment("inline environment",
        { QStringLiteral("properties.environmentId"),
            QStringLiteral(
                R"(properties.localEnvironment={"image":"python:3.11-slim","condaFile":"/home/me/conda.yml"})") });
    deployment("local command",
        { QStringLiteral(R"(properties.localCommand=["/usr/bin/python3","-m","http.server"])") });
    deployment("description cleared", { QStringLiteral("properties.description") });
    deployment("variable added", { QStringLiteral(R"(properties.environmentVariables.NEW="1")") });
    deployment("egress disabled",
        { QStringLiteral(R"(properties.egressPublicNetworkAccess="Disabled")") });
    deployment("tag added", { QStringLiteral(R"(tags.owner="me")") });
    deployment("data collector removed", { QStringLiteral("properties.dataCollector") });
    deployment("scoring script",
        { QStringLiteral(R"(properties.codeConfiguration.scoringScript="main.py")") });

    // Sources where the field was null or absent: only the changed leaf is added.
    QTest::newRow("timeout over null requestSettings")
        << QStringLiteral("deployment") << LocalDeploymentJson << QStringLiteral("request timeout")
        << QStringList { QStringLiteral(
               R"(properties.requestSettings={"requestTimeout":"PT6S"})") };
    QTest::newRow("scoring port inside localEnvironment")
        << QStringLiteral("deployment") << LocalDeploymentJson << QStringLiteral("scoring port")
        << QStringList { QStringLiteral(
               "properties.localEnvironment.inferenceConfig.scoringRoute.port=6000") };
    QTest::newRow("inline environment to reference")
        << QStringLiteral("deployment") << LocalDeploymentJson
        << QStringLiteral("environment reference")
        << QStringList { QStringLiteral("properties.localEnvironment"),
               QStringLiteral(R"(properties.environmentId="azureml:env:1")") };
    QTest::newRow("capacity of a sku-only patch")
        << QStringLiteral("deployment") << DeploymentPatchJson << QStringLiteral("instance count")
        << QStringList { QStringLiteral("sku.capacity=3") };
    QTest::newRow("auth mode into a patch without properties")
        << QStringLiteral("endpoint") << EndpointPatchJson << QStringLiteral("auth mode")
        << QStringList { QStringLiteral(R"(properties={"authMode":"AMLToken"})") };
}

void TestArmJson::changedFieldsAreCanonical()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, json);
    QFETCH(QString, change);
    QFETCH(QStringList, edits);
    const QJsonObject source = parse(json);
    QJsonObject out;
    if (kind == QLatin1String("endpoint")) {
        Result<Endpoint> endpoint = endpointFromJson(source);
        QVERIFY(endpoint.ok());
        QVERIFY2(changeEndpoint(endpoint.value(), change), "unknown change");
        out = endpointToJson(endpoint.value());
    } else {
        Result<Deployment> deployment = deploymentFromJson(source);
        QVERIFY(deployment.ok());
        QVERIFY2(changeDeployment(deployment.value(), change), "unknown change");
        out = deploymentToJson(deployment.value());
    }
    RD_COMPARE_JSON(out, edited(source, edits));
}

// ---- (4) resources built from YAML are written as `az ml` sends them -----------------------

namespace {

const QByteArray ProbeDefaults
    = R"({"initialDelay": "PT10S", "period": "PT10S", "timeout": "PT2S", "successThreshold": 1, "failureThreshold": 30})";

} // namespace

void TestArmJson::builtFromYamlIsWhatAzSends_data()
{
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("endpoint key") << QByteArray(
        R"({"name": "my-endpoint", "properties": {"authMode": "Key", "publicNetworkAccess": "Enabled"}})");
    QTest::newRow("endpoint full")
        << QByteArray(R"({"name": "my-endpoint", "tags": {"team": "fraud"},
        "identity": {"type": "SystemAssigned"},
        "properties": {"authMode": "AMLToken", "description": "fraud scoring", "traffic": {"blue": 100},
                       "mirrorTraffic": {"green": 20}, "publicNetworkAccess": "Disabled"}})");
    QTest::newRow("deployment defaults")
        << QByteArray(R"({"name": "blue", "sku": {"name": "Default", "capacity": 1},
        "properties": {"endpointComputeType": "Managed",
          "model": "/home/me/model/sklearn_regression_model.pkl",
          "codeConfiguration": {"codeId": "/home/me/onlinescoring", "scoringScript": "score.py"},
          "environmentId": "azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:1",
          "instanceType": "Standard_DS3_v2", "appInsightsEnabled": false,
          "scaleSettings": {"scaleType": "Default"},
          "requestSettings": {"requestTimeout": "PT5S", "maxConcurrentRequestsPerInstance": 1, "maxQueueWait": "PT0.5S"},
          "livenessProbe": )"
               + ProbeDefaults + R"(, "readinessProbe": )" + ProbeDefaults + R"(,
          "egressPublicNetworkAccess": "Enabled"}})");
    QTest::newRow("deployment local") << QByteArray(R"({"name": "blue", "tags": {"stage": "canary"},
        "sku": {"name": "Default", "capacity": 3},
        "properties": {"endpointComputeType": "Managed", "description": "local server",
          "model": "azureml:fraud:3",
          "localEnvironment": {"image": "python:3.11-slim", "condaFile": "/home/me/env/conda.yml",
            "build": {"path": "/home/me/env", "dockerfilePath": "Dockerfile"},
            "inferenceConfig": {"livenessRoute": {"port": 8080, "path": "/live"},
                                "readinessRoute": {"port": 8080, "path": "/ready"},
                                "scoringRoute": {"port": 8080, "path": "/score"}}},
          "environmentVariables": {"WORKER_COUNT": "2"},
          "instanceType": "Standard_DS3_v2", "appInsightsEnabled": true,
          "scaleSettings": {"scaleType": "Default"},
          "requestSettings": {"requestTimeout": "PT1M30S", "maxConcurrentRequestsPerInstance": 4, "maxQueueWait": "PT0.5S"},
          "livenessProbe": )"
        + ProbeDefaults + R"(,
          "readinessProbe": {"initialDelay": "PT10S", "period": "PT5S", "timeout": "PT2S", "successThreshold": 1, "failureThreshold": 30},
          "egressPublicNetworkAccess": "Disabled",
          "dataCollector": {"samplingRate": 0.5},
          "localCommand": ["/usr/bin/python3", "server.py"], "localPython": "/usr/bin/python3"}})");
}

void TestArmJson::builtFromYamlIsWhatAzSends()
{
    const QString which = QString::fromLatin1(QTest::currentDataTag());
    QFETCH(QByteArray, expected);
    const QJsonObject want = parse(expected);
    if (which.startsWith(QLatin1String("endpoint"))) {
        const Endpoint built = ArmJsonFixtures::yamlEndpoint(which);
        RD_COMPARE_JSON(endpointToJson(built), want);
        // The typed values survive the trip: read back, forget the JSON, write again.
        Result<Endpoint> back = endpointFromJson(want);
        QVERIFY(back.ok());
        QCOMPARE(back->authMode, built.authMode);
        QCOMPARE(back->traffic, built.traffic);
        back->sourceJson = QJsonObject();
        RD_COMPARE_JSON(endpointToJson(back.value()), want);
    } else {
        const Deployment built = ArmJsonFixtures::yamlDeployment(which);
        RD_COMPARE_JSON(deploymentToJson(built), want);
        Result<Deployment> back = deploymentFromJson(want);
        QVERIFY(back.ok());
        QCOMPARE(back->model.kind, built.model.kind);
        QCOMPARE(back->environment.kind, built.environment.kind);
        QCOMPARE(back->requestSettings.requestTimeoutMs, built.requestSettings.requestTimeoutMs);
        QCOMPARE(back->instanceCount, built.instanceCount);
        back->sourceJson = QJsonObject();
        RD_COMPARE_JSON(deploymentToJson(back.value()), want);
    }
}

// ---- (7) metrics and history ----------------------------------------------------------------

void TestArmJson::metricsAndHistory()
{
    const Result<MetricsPage> metrics = metricsFromJson(parse(ArmJsonFixtures::MetricsJson));
    QVERIFY(metrics.ok());
    QCOMPARE(metrics->cursor, 1735689605);
    QCOMPARE(metrics->buckets.size(), 2);
    const MetricsBucket &blue = metrics->buckets.at(0);
    QCOMPARE(blue.deployment, QStringLiteral("blue"));
    QCOMPARE(blue.t, 1735689600);
    QCOMPARE(blue.requests, 120);
    QCOMPARE(blue.status2xx, 118);
    QCOMPARE(blue.status5xx, 1);
    QCOMPARE(blue.p95Ms, 40.25);
    QCOMPARE(blue.p99Ms, 88.0);
    QCOMPARE(blue.bytesOut, 3600);
    QCOMPARE(metrics->buckets.at(1).mirrored, 24);
    RD_COMPARE_JSON(metricsToJson(metrics.value()), parse(ArmJsonFixtures::MetricsJson));

    MetricsPage built;
    built.cursor = 42;
    MetricsBucket bucket;
    bucket.t = 1700000000;
    bucket.deployment = QStringLiteral("green");
    bucket.requests = 7;
    bucket.status4xx = 2;
    bucket.p50Ms = 1.5;
    bucket.bytesIn = 99;
    built.buckets.append(bucket);
    const Result<MetricsPage> back = metricsFromJson(metricsToJson(built));
    QVERIFY(back.ok());
    QCOMPARE(back->cursor, 42);
    QCOMPARE(back->buckets.size(), 1);
    QCOMPARE(back->buckets.at(0).deployment, QStringLiteral("green"));
    QCOMPARE(back->buckets.at(0).status4xx, 2);
    QCOMPARE(back->buckets.at(0).p50Ms, 1.5);
    QCOMPARE(back->buckets.at(0).bytesIn, 99);
    QCOMPARE(metricsToJson(built)
                 .value(QLatin1String("buckets"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QLatin1String("latency_ms"))
                 .toObject()
                 .value(QLatin1String("p50"))
                 .toDouble(),
        1.5);

    const Result<QList<TrafficChange>> history
        = historyFromJson(parse(ArmJsonFixtures::HistoryJson));
    QVERIFY(history.ok());
    QCOMPARE(history->size(), 2);
    const TrafficChange &newest = history->at(0);
    QCOMPARE(newest.client, QStringLiteral("rolloutctl"));
    QCOMPARE(newest.time, QStringLiteral("2025-01-01T10:00:05Z"));
    QCOMPARE(newest.trafficAfter,
        (TrafficMap { { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } }));
    QCOMPARE(newest.mirrorBefore, (TrafficMap { { QStringLiteral("green"), 20 } }));
    QVERIFY(newest.mirrorAfter.isEmpty());
    QCOMPARE(history->at(1).mirrorAfter, (TrafficMap { { QStringLiteral("green"), 20 } }));
    RD_COMPARE_JSON(historyToJson(history.value()), parse(ArmJsonFixtures::HistoryJson));
    const Result<QList<TrafficChange>> empty = historyFromJson(historyToJson({}));
    QVERIFY(empty.ok());
    QVERIFY(empty->isEmpty());
}

// ---- (8) the ARM error envelope -------------------------------------------------------------

void TestArmJson::errorEnvelope()
{
    const Error conflict { QStringLiteral("Conflict"),
        QStringLiteral("Deployment blue still has 10% traffic: move it first."),
        QStringLiteral("blue"), 3, 4 };
    const QJsonObject written = errorToJson(conflict);
    RD_COMPARE_JSON(written, parse(R"({"error": {"code": "Conflict", "target": "blue",
                                      "message": "Deployment blue still has 10% traffic: move it first."}})"));
    const Result<ErrorResponse> read = errorFromJson(written);
    QVERIFY(read.ok());
    QCOMPARE(read->error.code, conflict.code);
    QCOMPARE(read->error.message, conflict.message);
    QCOMPARE(read->error.target, conflict.target);
    QVERIFY(read->details.isEmpty());
    QCOMPARE(read->withDetails().message, conflict.message);

    const Error noTarget { QStringLiteral("NotFound"), QStringLiteral("No endpoint x."), QString(),
        0, 0 };
    QVERIFY(!errorToJson(noTarget)
                 .value(QLatin1String("error"))
                 .toObject()
                 .contains(QLatin1String("target")));

    const Result<ErrorResponse> azure = errorFromJson(parse(ArmJsonFixtures::ErrorEnvelopeJson));
    QVERIFY(azure.ok());
    QCOMPARE(azure->error.code, QStringLiteral("BadArgument"));
    QCOMPARE(azure->error.target, QStringLiteral("properties.traffic"));
    QCOMPARE(azure->details.size(), 1);
    QCOMPARE(azure->additionalInfo.size(), 1);
    QCOMPARE(azure->withDetails().message,
        QStringLiteral("Bad traffic. Details: TrafficSum: Traffic values need to sum to 100."));
    RD_COMPARE_JSON(errorToJson(azure.value()), parse(ArmJsonFixtures::ErrorEnvelopeJson));
}

QTEST_APPLESS_MAIN(TestArmJson)
#include "tst_armjson.moc"

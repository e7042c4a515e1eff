// rolloutd end to end: real host process, real model instances, real gateway, on the demo
// made at build time and, when ../shared is present, on the Azure ML tutorial's sample.

#include "armjson.h"
#include "hostfixture.h"
#include "scoringclient.h"
#include "testsupport.h"
#include "yamlspec.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <csignal>
#include <functional>

namespace {

QList<double> numbers(const QByteArray &json)
{
    QList<double> list;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array())
        list << v.toDouble();
    return list;
}

bool closeTo(const QList<double> &a, const QList<double> &b)
{
    if (a.size() != b.size() || a.isEmpty())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (std::abs(a[i] - b[i]) > 1e-9 * std::max(1.0, std::abs(b[i])))
            return false;
    }
    return true;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

// The failure's message; empty when the call worked (QVERIFY2 evaluates it either way).
QByteArray why(const ApiResult &r) { return r.error ? r.error->message.toUtf8() : QByteArray(); }

TrafficMap trafficOf(const ApiResult &endpoint)
{
    TrafficMap map;
    const QJsonObject t = endpoint.json.value(QStringLiteral("properties"))
                              .toObject()
                              .value(QStringLiteral("traffic"))
                              .toObject();
    for (auto it = t.begin(); it != t.end(); ++it)
        map.insert(it.key(), it.value().toInt());
    return map;
}

} // namespace

Q_DECLARE_METATYPE(QList<double>)

class TestRolloutd : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void tutorial_data();
    void tutorial();
    void keys();
    void initFailureEndsFailedWithTraceback();
    void rulesRefusedStateUnchanged_data();
    void rulesRefusedStateUnchanged();
    void secondHostRefused();
    void historyAndOmittedMaps();
    void snapshotIsolatesRunningDeployment();
    void killAndRestartKeepsEverything();
    void sigtermExitsCleanly();

private:
    // Sends `count` requests through the gateway, returns how many each deployment served.
    void spread(const QString &endpoint, int count, QMap<QString, int> *served);

    HostFixture m_host;
    QByteArray m_demoRequest;
};

void TestRolloutd::initTestCase()
{
    QString error;
    QVERIFY2(m_host.start(&error), qPrintable(error));
    m_demoRequest = readFile(HostFixture::demoDir() + QStringLiteral("/sample-request.json"));
    QVERIFY(!m_demoRequest.isEmpty());
}

void TestRolloutd::tutorial_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("blueYaml");
    QTest::addColumn<QString>("greenYaml");
    QTest::addColumn<QString>("requestFile");
    QTest::addColumn<QList<double>>("blueAnswer");
    QTest::addColumn<QList<double>>("greenAnswer");

    const QString demo = HostFixture::demoDir();
    const QJsonObject expected
        = QJsonDocument::fromJson(readFile(demo + QStringLiteral("/expected.json"))).object();
    auto values = [](const QJsonValue &v) {
        QList<double> list;
        for (const QJsonValue &x : v.toArray())
            list << x.toDouble();
        return list;
    };
    QTest::newRow("demo") << "tut-demo" << demo + QStringLiteral("/blue-deployment.yml")
                          << demo + QStringLiteral("/green-deployment.yml")
                          << demo + QStringLiteral("/sample-request.json")
                          << values(expected.value(QStringLiteral("model-1")))
                          << values(expected.value(QStringLiteral("model-2")));
    const QString shared = TestSupport::sharedDir();
    const QString sample
        = shared + QStringLiteral("/azureml/sample/endpoints/online/managed/sample");
    QTest::newRow("shared sample")
        << "tut-shared" << sample + QStringLiteral("/blue-deployment.yml")
        << sample + QStringLiteral("/green-deployment.yml")
        << sample + QStringLiteral("/sample-request.json")
        << QList<double> { 11055.977245525677, 4503.079536107787 } << QList<double> { 0.5, 0.5 };
}

void TestRolloutd::spread(const QString &endpoint, int count, QMap<QString, int> *result)
{
    const auto [key, uri] = m_host.keyAndUri(endpoint);
    ScoringClient scoring;
    QMap<QString, int> served;
    int answered = 0;
    // Replies delete themselves once finished: collect through connections made at once.
    int finished = 0;
    const int batch = 25;
    for (int sent = 0; sent < count; sent += batch) {
        const int inBatch = std::min(batch, count - sent);
        for (int i = 0; i < inBatch; ++i) {
            ApiReply *reply = scoring.score(QUrl(uri), key, m_demoRequest);
            QObject::connect(reply, &ApiReply::finished, [&](const ApiResult &r) {
                ++finished;
                if (r.ok()) {
                    ++answered;
                    served[QString::fromUtf8(r.header("azureml-model-deployment"))]++;
                }
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished, sent + inBatch, 60000);
    }
    served[QStringLiteral("(answered)")] = answered;
    *result = served;
}

void TestRolloutd::tutorial()
{
    QFETCH(QString, endpoint);
    QFETCH(QString, blueYaml);
    QFETCH(QString, greenYaml);
    QFETCH(QString, requestFile);
    QFETCH(QList<double>, blueAnswer);
    QFETCH(QList<double>, greenAnswer);
    if (qstrcmp(QTest::currentDataTag(), "shared sample") == 0)
        RD_REQUIRE_SHARED();
    WorkspaceClient *client = m_host.client();
    const QByteArray request = readFile(requestFile);

    ApiResult r = m_host.createEndpoint(endpoint);
    QVERIFY2(r.ok(), why(r).constData());

    // blue with all traffic, as --all-traffic does: create, then {blue: 100}.
    r = m_host.createDeployment(endpoint, blueYaml, QStringLiteral("blue"));
    QVERIFY2(r.ok(), why(r).constData());
    QCOMPARE(r.json.value(QStringLiteral("properties"))
                 .toObject()
                 .value(QStringLiteral("provisioningState"))
                 .toString(),
        QStringLiteral("Succeeded"));
    r = HostFixture::wait(client->updateTraffic(
        endpoint, TrafficMap { { QStringLiteral("blue"), 100 } }, std::nullopt, true));
    QVERIFY2(r.ok(), why(r).constData());

    r = m_host.score(endpoint, request);
    QVERIFY2(r.ok(), why(r).constData());
    QVERIFY2(closeTo(numbers(r.body), blueAnswer), r.body.constData());
    QCOMPARE(r.header("azureml-model-deployment"), QByteArray("blue"));

    // Scale blue to 2.
    r = HostFixture::wait(client->scaleDeployment(endpoint, QStringLiteral("blue"), 2, true));
    QVERIFY2(r.ok(), why(r).constData());
    r = HostFixture::wait(client->getDeployment(endpoint, QStringLiteral("blue")));
    QCOMPARE(
        r.json.value(QStringLiteral("sku")).toObject().value(QStringLiteral("capacity")).toInt(),
        2);
    QCOMPARE(r.json.value(QStringLiteral("properties"))
                 .toObject()
                 .value(QStringLiteral("provisioningState"))
                 .toString(),
        QStringLiteral("Succeeded"));

    // green with no traffic; the traffic map is unchanged.
    r = m_host.createDeployment(endpoint, greenYaml, QStringLiteral("green"));
    QVERIFY2(r.ok(), why(r).constData());
    r = HostFixture::wait(client->getEndpoint(endpoint));
    QCOMPARE(trafficOf(r), (TrafficMap { { QStringLiteral("blue"), 100 } }));

    // green directly, by header, at 0 %.
    r = m_host.score(endpoint, request, QStringLiteral("green"));
    QVERIFY2(r.ok(), why(r).constData());
    QVERIFY2(closeTo(numbers(r.body), greenAnswer), r.body.constData());
    QCOMPARE(r.header("azureml-model-deployment"), QByteArray("green"));
    QVERIFY(!QUuid::fromString(QString::fromLatin1(r.header("x-request-id"))).isNull());

    // 90/10 over 1000 requests lands within ±3 points.
    r = HostFixture::wait(client->updateTraffic(endpoint,
        TrafficMap { { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } },
        std::nullopt, true));
    QVERIFY2(r.ok(), why(r).constData());
    QMap<QString, int> served;
    spread(endpoint, 1000, &served);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(served.value(QStringLiteral("(answered)")), 1000);
    QVERIFY2(std::abs(served.value(QStringLiteral("green")) - 100) <= 30,
        qPrintable(
            QStringLiteral("green served %1 of 1000").arg(served.value(QStringLiteral("green")))));

    // 0/100: everything to green.
    r = HostFixture::wait(client->updateTraffic(endpoint,
        TrafficMap { { QStringLiteral("blue"), 0 }, { QStringLiteral("green"), 100 } },
        std::nullopt, true));
    QVERIFY2(r.ok(), why(r).constData());
    r = m_host.score(endpoint, request);
    QCOMPARE(r.header("azureml-model-deployment"), QByteArray("green"));

    // Delete blue, then the endpoint.
    r = HostFixture::wait(client->deleteDeployment(endpoint, QStringLiteral("blue"), true));
    QVERIFY2(r.ok(), why(r).constData());
    QCOMPARE(
        HostFixture::wait(client->getDeployment(endpoint, QStringLiteral("blue"))).httpStatus, 404);
    QVERIFY(!QDir(
        m_host.stateDir() + QStringLiteral("/snapshots/") + endpoint + QStringLiteral("/blue"))
                 .exists());
    r = HostFixture::wait(client->deleteEndpoint(endpoint, true));
    QVERIFY2(r.ok(), why(r).constData());
    QCOMPARE(HostFixture::wait(client->getEndpoint(endpoint)).httpStatus, 404);
}

void TestRolloutd::keys()
{
    const QString endpoint = QStringLiteral("keys-test");
    QVERIFY(m_host.createEndpoint(endpoint).ok());
    ApiResult r = m_host.createDeployment(endpoint,
        HostFixture::demoDir() + QStringLiteral("/blue-deployment.yml"), QStringLiteral("blue"));
    QVERIFY2(r.ok(), why(r).constData());
    WorkspaceClient *client = m_host.client();
    QVERIFY(
        HostFixture::wait(client->updateTraffic(endpoint,
                              TrafficMap { { QStringLiteral("blue"), 100 } }, std::nullopt, true))
            .ok());
    const ApiResult keys = HostFixture::wait(client->listKeys(endpoint));
    const QString primary = keys.json.value(QStringLiteral("primaryKey")).toString();
    const QString secondary = keys.json.value(QStringLiteral("secondaryKey")).toString();
    QVERIFY(primary.size() >= 43); // 32 random bytes, base64
    QVERIFY(primary != secondary);

    QCOMPARE(
        m_host.score(endpoint, m_demoRequest, QString(), QStringLiteral("wrong-key")).httpStatus,
        401);
    QCOMPARE(m_host.score(endpoint, m_demoRequest, QString(), primary.left(primary.size() - 1))
                 .httpStatus,
        401);
    QCOMPARE(m_host.score(endpoint, m_demoRequest, QString(), secondary).httpStatus, 200);
    QCOMPARE(m_host.score(endpoint, m_demoRequest, QString(), primary).httpStatus, 200);

    // Regenerating the primary key invalidates the old one at once.
    QVERIFY(
        HostFixture::wait(client->regenerateKeys(endpoint, QStringLiteral("Primary"), true)).ok());
    QCOMPARE(m_host.score(endpoint, m_demoRequest, QString(), primary).httpStatus, 401);
    QCOMPARE(m_host.score(endpoint, m_demoRequest, QString(), secondary).httpStatus, 200);
    QVERIFY(HostFixture::wait(client->deleteEndpoint(endpoint, true)).ok());
}

void TestRolloutd::initFailureEndsFailedWithTraceback()
{
    QTemporaryDir dir;
    QDir(dir.path()).mkpath(QStringLiteral("code"));
    QDir(dir.path()).mkpath(QStringLiteral("model"));
    QFile script(dir.path() + QStringLiteral("/code/score.py"));
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write(
        "def init():\n    raise RuntimeError('model file is corrupt: cannot load weights')\n\n"
        "def run(raw):\n    return raw\n");
    script.close();
    QFile yaml(dir.path() + QStringLiteral("/broken.yml"));
    QVERIFY(yaml.open(QIODevice::WriteOnly));
    yaml.write(
        "name: broken\nendpoint_name: failing\nmodel:\n  path: ./model\n"
        "code_configuration:\n  code: ./code\n  scoring_script: score.py\n"
        "environment:\n  image: python:3.11\ninstance_type: Standard_DS3_v2\ninstance_count: 1\n");
    yaml.close();

    QVERIFY(m_host.createEndpoint(QStringLiteral("failing")).ok());
    const ApiResult r = m_host.createDeployment(
        QStringLiteral("failing"), yaml.fileName(), QStringLiteral("broken"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error->message.contains(QStringLiteral("Traceback")), why(r).constData());
    QVERIFY2(
        r.error->message.contains(QStringLiteral("model file is corrupt")), why(r).constData());
    const ApiResult d = HostFixture::wait(
        m_host.client()->getDeployment(QStringLiteral("failing"), QStringLiteral("broken")));
    QCOMPARE(d.json.value(QStringLiteral("properties"))
                 .toObject()
                 .value(QStringLiteral("provisioningState"))
                 .toString(),
        QStringLiteral("Failed"));
    const ApiResult e = HostFixture::wait(m_host.client()->getEndpoint(QStringLiteral("failing")));
    QVERIFY(trafficOf(e).isEmpty()); // traffic untouched
    QVERIFY(
        HostFixture::wait(m_host.client()->deleteEndpoint(QStringLiteral("failing"), true)).ok());
}

using Change = std::function<ApiReply *(WorkspaceClient *)>;
Q_DECLARE_METATYPE(Change)

void TestRolloutd::rulesRefusedStateUnchanged_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("keyword");

    const QString ep = QStringLiteral("rules");
    auto traffic = [ep](TrafficMap t, std::optional<TrafficMap> m = std::nullopt) {
        return Change([=](WorkspaceClient *c) { return c->updateTraffic(ep, t, m, true); });
    };
    const QString b = QStringLiteral("blue"), g = QStringLiteral("green");
    QTest::newRow("total 95") << traffic({ { b, 90 }, { g, 5 } }) << 400 << "totals 95";
    QTest::newRow("unknown deployment")
        << traffic({ { b, 90 }, { QStringLiteral("pink"), 10 } }) << 400 << "'pink'";
    QTest::newRow("over 100") << traffic({ { b, 110 }, { g, -10 } }) << 400 << "0 to 100";
    QTest::newRow("mirror 60") << traffic({ { b, 100 } }, TrafficMap { { g, 60 } }) << 400
                               << "at most 50";
    QTest::newRow("mirror to live deployment")
        << traffic({ { b, 100 } }, TrafficMap { { b, 10 } }) << 400 << "cannot also receive";
    QTest::newRow("delete blue with traffic")
        << Change([ep, b](WorkspaceClient *c) { return c->deleteDeployment(ep, b, true); }) << 400
        << "Move its traffic";
    QTest::newRow("scale to 0") << Change([ep, b](WorkspaceClient *c) {
        return c->scaleDeployment(ep, b, 0, true);
    }) << 400 << "instance_count";
    QTest::newRow("scale to 51") << Change([ep, b](WorkspaceClient *c) {
        return c->scaleDeployment(ep, b, 51, true);
    }) << 400 << "from 1 to 50";
    QTest::newRow("instance_type change") << Change([ep, b](WorkspaceClient *c) {
        const ApiResult current = HostFixture::wait(c->getDeployment(ep, b));
        Deployment d = ArmJson::deploymentFromJson(current.json).value();
        d.instanceType = QStringLiteral("Standard_F2s_v2");
        return c->putDeployment(ep, d, true);
    }) << 400 << "instance_type";
    QTest::newRow("request timeout 0") << Change([ep, b](WorkspaceClient *c) {
        const ApiResult current = HostFixture::wait(c->getDeployment(ep, b));
        Deployment d = ArmJson::deploymentFromJson(current.json).value();
        d.requestSettings.requestTimeoutMs = 0;
        return c->putDeployment(ep, d, true);
    }) << 400 << "request_timeout_ms";
    QTest::newRow("registered model asset") << Change([ep](WorkspaceClient *c) {
        Deployment d;
        d.name = QStringLiteral("remote");
        d.instanceType = QStringLiteral("Standard_DS3_v2");
        d.model.kind = AssetKind::AssetRef;
        d.model.value = QStringLiteral("azureml:my-model:1");
        d.localCommand = QStringList { QStringLiteral("/bin/true") };
        return c->putDeployment(ep, d, true);
    }) << 400 << "registered asset";
    QTest::newRow("scoring script missing") << Change([ep](WorkspaceClient *c) {
        Deployment d;
        d.name = QStringLiteral("noscript");
        d.instanceType = QStringLiteral("Standard_DS3_v2");
        d.codeConfiguration = CodeConfiguration { AssetKind::LocalPath, QDir::tempPath(),
            QStringLiteral("no-such-score.py") };
        return c->putDeployment(ep, d, true);
    }) << 400 << "does not exist";
    QTest::newRow("bad deployment name") << Change([ep](WorkspaceClient *c) {
        Deployment d;
        d.name = QStringLiteral("9lives");
        d.instanceType = QStringLiteral("Standard_DS3_v2");
        d.localCommand = QStringList { QStringLiteral("/bin/true") };
        return c->putDeployment(ep, d, true);
    }) << 400 << "start with a letter";
    QTest::newRow("aad_token endpoint") << Change([](WorkspaceClient *c) {
        Endpoint e;
        e.name = QStringLiteral("entra");
        e.authMode = AuthMode::AadToken;
        return c->putEndpoint(e, true);
    }) << 400 << "aad_token";
    QTest::newRow("bad endpoint name") << Change([](WorkspaceClient *c) {
        Endpoint e;
        e.name = QStringLiteral("a_b");
        return c->putEndpoint(e, true);
    }) << 400 << "not valid";
    QTest::newRow("body not JSON") << Change([ep](WorkspaceClient *c) {
        return c->send("PUT", WorkspaceClient::endpointPath(ep),
            QJsonObject { { QStringLiteral("properties"), QStringLiteral("x") } });
    }) << 400 << "properties";
    QTest::newRow("no api-version") << Change([ep](WorkspaceClient *c) {
        return c->send("GET",
            c->connection().baseUrl + c->connection().workspacePath
                + WorkspaceClient::endpointPath(ep));
    }) << 400 << "api-version";
}

void TestRolloutd::rulesRefusedStateUnchanged()
{
    QFETCH(Change, change);
    QFETCH(int, status);
    QFETCH(QString, keyword);
    WorkspaceClient *client = m_host.client();
    const QString ep = QStringLiteral("rules");
    if (HostFixture::wait(client->getEndpoint(ep)).httpStatus == 404) {
        QVERIFY(m_host.createEndpoint(ep).ok());
        const QString demo = HostFixture::demoDir();
        QVERIFY(m_host
                    .createDeployment(
                        ep, demo + QStringLiteral("/blue-deployment.yml"), QStringLiteral("blue"))
                    .ok());
        QVERIFY(m_host
                    .createDeployment(
                        ep, demo + QStringLiteral("/green-deployment.yml"), QStringLiteral("green"))
                    .ok());
        QVERIFY(HostFixture::wait(
            client->updateTraffic(
                ep, TrafficMap { { QStringLiteral("blue"), 100 } }, std::nullopt, true))
                    .ok());
    }
    const QByteArray stateBefore = readFile(m_host.stateDir() + QStringLiteral("/state.json"));
    const ApiResult endpointBefore = HostFixture::wait(client->getEndpoint(ep));
    const ApiResult deploymentsBefore = HostFixture::wait(client->listDeployments(ep));

    const ApiResult r = HostFixture::wait(change(client));
    QVERIFY(!r.ok());
    QCOMPARE(r.httpStatus, status);
    QVERIFY2(r.error->message.contains(keyword), why(r).constData());

    QCOMPARE(readFile(m_host.stateDir() + QStringLiteral("/state.json")), stateBefore);
    QCOMPARE(HostFixture::wait(client->getEndpoint(ep)).json, endpointBefore.json);
    QCOMPARE(HostFixture::wait(client->listDeployments(ep)).json, deploymentsBefore.json);
}

void TestRolloutd::secondHostRefused()
{
    QProcess second;
    second.start(HostFixture::binary(QStringLiteral("rolloutd")),
        { QStringLiteral("--state-dir"), m_host.stateDir() });
    QVERIFY(second.waitForFinished(20000));
    QCOMPARE(second.exitCode(), 1);
    const QString err = QString::fromUtf8(second.readAllStandardError());
    QVERIFY2(err.contains(m_host.client()->connection().baseUrl), qPrintable(err));
    // The first host is unaffected.
    QCOMPARE(HostFixture::wait(m_host.client()->listEndpoints()).httpStatus, 200);
}

void TestRolloutd::historyAndOmittedMaps()
{
    WorkspaceClient *client = m_host.client();
    const QString ep = QStringLiteral("hist");
    QVERIFY(m_host.createEndpoint(ep).ok());
    QVERIFY(
        m_host
            .createDeployment(ep, HostFixture::demoDir() + QStringLiteral("/blue-deployment.yml"),
                QStringLiteral("blue"))
            .ok());
    QVERIFY(
        m_host
            .createDeployment(ep, HostFixture::demoDir() + QStringLiteral("/green-deployment.yml"),
                QStringLiteral("green"))
            .ok());
    const TrafficMap all { { QStringLiteral("blue"), 100 } };
    const TrafficMap mirror { { QStringLiteral("green"), 10 } };
    QVERIFY(HostFixture::wait(client->updateTraffic(ep, all, std::nullopt, true)).ok());
    QVERIFY(HostFixture::wait(client->updateTraffic(ep, std::nullopt, mirror, true)).ok());

    // A PUT that omits traffic and mirrorTraffic keeps both.
    Endpoint bare;
    bare.name = ep;
    bare.description = QStringLiteral("described later");
    QVERIFY(HostFixture::wait(client->putEndpoint(bare, true)).ok());
    const ApiResult e = HostFixture::wait(client->getEndpoint(ep));
    QCOMPARE(trafficOf(e), all);
    const Endpoint parsed = ArmJson::endpointFromJson(e.json).value();
    QCOMPARE(parsed.mirrorTraffic.value_or(TrafficMap()), mirror);
    QCOMPARE(parsed.description, QStringLiteral("described later"));

    // The history has both changes, newest first, with the client that made them.
    const ApiResult h = HostFixture::wait(client->history(ep));
    const QList<TrafficChange> history = ArmJson::historyFromJson(h.json).value();
    QCOMPARE(history.size(), 2);
    QCOMPARE(history[0].client, QStringLiteral("tst"));
    QCOMPARE(history[0].mirrorBefore, TrafficMap());
    QCOMPARE(history[0].mirrorAfter, mirror);
    QCOMPARE(history[0].trafficAfter, all);
    QCOMPARE(history[1].trafficBefore, TrafficMap());
    QCOMPARE(history[1].trafficAfter, all);
    QVERIFY(!history[1].time.isEmpty());
    QVERIFY(HostFixture::wait(client->deleteEndpoint(ep, true)).ok());
}

void TestRolloutd::snapshotIsolatesRunningDeployment()
{
    // A copy of the demo's blue that the test edits after creating the deployment.
    QTemporaryDir dir;
    const QString demo = HostFixture::demoDir();
    for (const QString &sub : { QStringLiteral("model-1/model"),
             QStringLiteral("model-1/onlinescoring"), QStringLiteral("model-1/environment") }) {
        QDir().mkpath(dir.path() + QLatin1Char('/') + sub);
        for (const QString &f : QDir(demo + QLatin1Char('/') + sub).entryList(QDir::Files))
            QVERIFY(QFile::copy(demo + QLatin1Char('/') + sub + QLatin1Char('/') + f,
                dir.path() + QLatin1Char('/') + sub + QLatin1Char('/') + f));
    }
    QVERIFY(QFile::copy(demo + QStringLiteral("/blue-deployment.yml"),
        dir.path() + QStringLiteral("/blue-deployment.yml")));
    const QString ep = QStringLiteral("snap");
    QVERIFY(m_host.createEndpoint(ep).ok());
    QVERIFY(m_host
                .createDeployment(
                    ep, dir.path() + QStringLiteral("/blue-deployment.yml"), QStringLiteral("blue"))
                .ok());
    const QByteArray before = m_host.score(ep, m_demoRequest, QStringLiteral("blue")).body;

    QFile script(dir.path() + QStringLiteral("/model-1/onlinescoring/score.py"));
    QVERIFY(script.open(QIODevice::WriteOnly | QIODevice::Truncate));
    script.write("def init():\n    pass\n\ndef run(raw):\n    return 'edited'\n");
    script.close();
    // Restart the instances by scaling: they run the snapshot, not the edited file.
    QVERIFY(HostFixture::wait(m_host.client()->scaleDeployment(ep, QStringLiteral("blue"), 2, true))
                .ok());
    for (int i = 0; i < 4; ++i)
        QCOMPARE(m_host.score(ep, m_demoRequest, QStringLiteral("blue")).body, before);
    QVERIFY(HostFixture::wait(m_host.client()->deleteEndpoint(ep, true)).ok());
}

void TestRolloutd::killAndRestartKeepsEverything()
{
    WorkspaceClient *client = m_host.client();
    const QString ep = QStringLiteral("persist");
    QVERIFY(m_host.createEndpoint(ep).ok());
    QVERIFY(
        m_host
            .createDeployment(ep, HostFixture::demoDir() + QStringLiteral("/blue-deployment.yml"),
                QStringLiteral("blue"))
            .ok());
    QVERIFY(
        m_host
            .createDeployment(ep, HostFixture::demoDir() + QStringLiteral("/green-deployment.yml"),
                QStringLiteral("green"))
            .ok());
    QVERIFY(HostFixture::wait(
        client->updateTraffic(ep,
            TrafficMap { { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } },
            std::nullopt, true))
                .ok());
    const ApiResult keysBefore = HostFixture::wait(client->listKeys(ep));
    const ApiResult endpointBefore = HostFixture::wait(client->getEndpoint(ep));
    // The instances' pids, as the state records them.
    QList<qint64> pids;
    const QJsonObject state
        = QJsonDocument::fromJson(readFile(m_host.stateDir() + QStringLiteral("/state.json")))
              .object();
    const QJsonObject deployments = state.value(QStringLiteral("endpoints"))
                                        .toObject()
                                        .value(ep)
                                        .toObject()
                                        .value(QStringLiteral("deployments"))
                                        .toObject();
    for (const QJsonValue &d : deployments) {
        for (const QJsonValue &i : d.toObject().value(QStringLiteral("instances")).toArray())
            pids << i.toObject().value(QStringLiteral("pid")).toInteger();
    }
    QCOMPARE(pids.size(), 2);

    m_host.kill();
    QString error;
    QVERIFY2(m_host.start(&error), qPrintable(error));
    client = m_host.client();

    // The orphaned instances were found and stopped.
    for (qint64 pid : pids)
        QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(pid), 0) != 0, 10000);
    QCOMPARE(HostFixture::wait(client->listKeys(ep)).json, keysBefore.json);
    const ApiResult endpointAfter = HostFixture::wait(client->getEndpoint(ep));
    QCOMPARE(trafficOf(endpointAfter), trafficOf(endpointBefore));
    QCOMPARE(endpointAfter.json.value(QStringLiteral("properties"))
                 .toObject()
                 .value(QStringLiteral("scoringUri")),
        endpointBefore.json.value(QStringLiteral("properties"))
            .toObject()
            .value(QStringLiteral("scoringUri")));
    // Instances come back; the endpoint answers with the same key at the same URI.
    QTRY_VERIFY_WITH_TIMEOUT(HostFixture::wait(client->getDeployment(ep, QStringLiteral("green")))
                                 .json.value(QStringLiteral("properties"))
                                 .toObject()
                                 .value(QStringLiteral("provisioningState"))
                                 .toString()
            == QLatin1String("Succeeded"),
        30000);
    QTRY_VERIFY_WITH_TIMEOUT(HostFixture::wait(client->getDeployment(ep, QStringLiteral("blue")))
                                 .json.value(QStringLiteral("properties"))
                                 .toObject()
                                 .value(QStringLiteral("provisioningState"))
                                 .toString()
            == QLatin1String("Succeeded"),
        30000);
    const ApiResult scored = m_host.score(ep, m_demoRequest, QStringLiteral("green"),
        keysBefore.json.value(QStringLiteral("primaryKey")).toString());
    QCOMPARE(scored.httpStatus, 200);
}

void TestRolloutd::sigtermExitsCleanly()
{
    QCOMPARE(m_host.terminate(), 0);
    QCOMPARE(m_host.process()->exitStatus(), QProcess::NormalExit);
    QVERIFY(!QFile::exists(m_host.stateDir() + QStringLiteral("/rolloutd.json")));
    // A second start on the same state dir works after a clean stop.
    QString error;
    QVERIFY2(m_host.start(&error), qPrintable(error));
    QCOMPARE(
        HostFixture::wait(m_host.client()->getEndpoint(QStringLiteral("persist"))).httpStatus, 200);
}

QTEST_GUILESS_MAIN(TestRolloutd)
#include "tst_rolloutd.moc"

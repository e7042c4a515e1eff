// The gateway's limits: each deployment's request settings (408, 429, concurrency), model
// errors as 424, refused input (400/413/431), slow and idle clients, and that none of it
// touches other clients.

#include "gateway.h"
#include "gatewayfakes.h"
#include "metricsstore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>

#include <memory>

static const QByteArray kKey = "limits-key-0123456789";

class TestGatewayLimits : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void requestTimeoutClosesInstanceConnection();
    void concurrencyPerInstanceAndPendingLimit();
    void queueWaitLimit();
    void modelErrorAs424_data();
    void modelErrorAs424();
    void refusedInput_data();
    void refusedInput();
    void slowClientCutOff_data();
    void slowClientCutOff();
    void idleClientClosed();
    void noReadyInstanceNamesDeployment();

private:
    void useTable(const RequestSettings &settings, int instanceCount = 1);
    HttpResponse call(const QByteArray &bytes);
    qint64 endpointLevelRequests();

    std::unique_ptr<FakeInstance> m_blue;
    std::unique_ptr<Gateway> m_gateway;
};

void TestGatewayLimits::init()
{
    m_blue = std::make_unique<FakeInstance>(QStringLiteral("blue-1"));
    m_gateway = std::make_unique<Gateway>();
    GatewayOptions options;
    options.clientReadTimeoutMs = 400;
    options.clientIdleTimeoutMs = 400;
    m_gateway->setOptions(options);
    QVERIFY(m_gateway->listen(0).ok());
    useTable(RequestSettings());
}

void TestGatewayLimits::cleanup()
{
    m_gateway.reset();
    m_blue.reset();
}

void TestGatewayLimits::useTable(const RequestSettings &settings, int instanceCount)
{
    auto table = std::make_shared<RouteTable>();
    table->endpoint = QStringLiteral("limits");
    table->keys = { QString::fromLatin1(kKey), QStringLiteral("other-key-123") };
    table->traffic = { { QStringLiteral("blue"), 100 } };
    DeploymentRoute blue;
    blue.name = QStringLiteral("blue");
    blue.readyPorts = { m_blue->port() };
    blue.requestSettings = settings;
    blue.instanceCount = instanceCount;
    table->deployments.insert(blue.name, blue);
    m_gateway->setRouteTable(table);
}

HttpResponse TestGatewayLimits::call(const QByteArray &bytes)
{
    TestClient client(m_gateway->port());
    client.send(bytes);
    if (!client.waitFor(1))
        return HttpResponse { 0, {}, "no answer" };
    return client.responses.first();
}

qint64 TestGatewayLimits::endpointLevelRequests()
{
    // Far enough ahead that every second is settled.
    const MetricsPage page = m_gateway->metricsStore()->page(0,
        QDateTime::currentMSecsSinceEpoch() + 5000);
    qint64 total = 0;
    for (const MetricsBucket &b : page.buckets) {
        if (b.deployment.isEmpty())
            total += b.requests;
    }
    return total;
}

static QString messageOf(const HttpResponse &r)
{
    return QJsonDocument::fromJson(r.body).object().value(QStringLiteral("message")).toString();
}

void TestGatewayLimits::requestTimeoutClosesInstanceConnection()
{
    RequestSettings settings;
    settings.requestTimeoutMs = 300;
    useTable(settings);
    m_blue->setDelayMs(3000); // sleeps far longer than request_timeout_ms

    const HttpResponse timedOut = call(fakeScoreRequest(kKey));
    QCOMPARE(timedOut.status, 408);
    QVERIFY2(messageOf(timedOut).contains(QStringLiteral("request_timeout_ms (300 ms)")),
        qPrintable(messageOf(timedOut)));
    QCOMPARE(timedOut.headers.value("azureml-model-deployment"), QByteArray("blue"));
    QCOMPARE(m_blue->answered(), 0); // answered before the model did
    // The instance's connection is closed: its late answer cannot reach anyone else.
    QTRY_COMPARE(m_blue->closedConnections(), 1);

    m_blue->setDelayMs(0);
    const HttpResponse next = call(fakeScoreRequest(kKey));
    QCOMPARE(next.status, 200);
    QCOMPARE(m_blue->connections(), 2); // a fresh connection, not the stale one
}

void TestGatewayLimits::concurrencyPerInstanceAndPendingLimit()
{
    RequestSettings settings; // max_concurrent_requests_per_instance 1
    settings.maxQueueWaitMs = 10000;
    settings.requestTimeoutMs = 20000;
    useTable(settings);
    m_blue->setDelayMs(200);

    // A flood: 1 in flight, 2 × 1 × 1 = 2 waiting, the others refused at once.
    std::vector<std::unique_ptr<TestClient>> clients;
    for (int i = 0; i < 8; ++i) {
        clients.push_back(std::make_unique<TestClient>(m_gateway->port()));
        clients.back()->send(fakeScoreRequest(kKey));
    }
    int ok = 0;
    int tooMany = 0;
    for (auto &client : clients) {
        QVERIFY(client->waitFor(1, 20000));
        const HttpResponse &r = client->responses.first();
        if (r.status == 200) {
            ++ok;
        } else {
            QCOMPARE(r.status, 429);
            QCOMPARE(r.headers.value("ms-azureml-model-error-reason"),
                QByteArray("too_many_pending_request"));
            QVERIFY2(messageOf(r).contains(QStringLiteral("max_concurrent_requests_per_instance")),
                qPrintable(messageOf(r)));
            ++tooMany;
        }
    }
    QCOMPARE(ok, 3);
    QCOMPARE(tooMany, 5);
    QCOMPARE(m_blue->maxInFlight(), 1);
    QCOMPARE(m_blue->requests(), 3);

    // With room for 4 at a time (2 instances' worth on one here), they overlap.
    settings.maxConcurrentRequestsPerInstance = 4;
    useTable(settings);
    clients.clear();
    for (int i = 0; i < 4; ++i) {
        clients.push_back(std::make_unique<TestClient>(m_gateway->port()));
        clients.back()->send(fakeScoreRequest(kKey));
    }
    for (auto &client : clients) {
        QVERIFY(client->waitFor(1, 20000));
        QCOMPARE(client->responses.first().status, 200);
    }
    QCOMPARE(m_blue->maxInFlight(), 4);
}

void TestGatewayLimits::queueWaitLimit()
{
    RequestSettings settings;
    settings.maxQueueWaitMs = 100;
    useTable(settings);
    m_blue->setDelayMs(1500);
    TestClient first(m_gateway->port());
    first.send(fakeScoreRequest(kKey));
    QTRY_COMPARE(m_blue->requests(), 1);
    TestClient second(m_gateway->port());
    second.send(fakeScoreRequest(kKey));
    QVERIFY(second.waitFor(1));
    QCOMPARE(second.responses.first().status, 429);
    QVERIFY2(messageOf(second.responses.first()).contains(QStringLiteral("max_queue_wait_ms (100 ms)")),
        qPrintable(messageOf(second.responses.first())));
    QCOMPARE(m_blue->answered(), 0); // refused while the first still ran
    QVERIFY(first.waitFor(1));
    QCOMPARE(first.responses.first().status, 200);
}

void TestGatewayLimits::modelErrorAs424_data()
{
    QTest::addColumn<QByteArray>("modelStatus");
    QTest::newRow("500 run() raised") << QByteArray("500");
    QTest::newRow("400 bad input") << QByteArray("400");
    QTest::newRow("201") << QByteArray("201");
}

void TestGatewayLimits::modelErrorAs424()
{
    QFETCH(QByteArray, modelStatus);
    const HttpResponse r = call(fakeScoreRequest(kKey, "{\"x\": 1}", { { "x-test-status", modelStatus } }));
    QCOMPARE(r.status, 424);
    QCOMPARE(r.headers.value("ms-azureml-model-error-statuscode"), modelStatus);
    QCOMPARE(r.headers.value("ms-azureml-model-error-reason"), QByteArray("model_error"));
    QCOMPARE(r.headers.value("azureml-model-deployment"), QByteArray("blue"));
    // The model's own answer is passed on.
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QStringLiteral("instance")).toString(),
        QStringLiteral("blue-1"));
}

void TestGatewayLimits::refusedInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::newRow("garbage") << QByteArray("\x01\x02 nonsense\r\n\r\n") << 400;
    QTest::newRow("body over 1.5 MiB") << fakeScoreRequest(kKey, QByteArray(1572865, 'x')) << 413;
    QTest::newRow("head over 16 KiB")
        << fakeScoreRequest(kKey, "{}", { { "X-Big", QByteArray(20000, 'a') } }) << 431;
    QTest::newRow("too many fields") << [] {
        QList<std::pair<QByteArray, QByteArray>> many;
        for (int i = 0; i < 150; ++i)
            many.append({ "X-F" + QByteArray::number(i), "v" });
        return fakeScoreRequest(kKey, "{}", many);
    }() << 431;
}

void TestGatewayLimits::refusedInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    // Another client is in the middle of a request meanwhile: it is served as usual.
    m_blue->setDelayMs(300);
    TestClient bystander(m_gateway->port());
    bystander.send(fakeScoreRequest(kKey));
    QTRY_COMPARE(m_blue->requests(), 1);

    TestClient client(m_gateway->port());
    client.send(bytes);
    QVERIFY(client.waitFor(1));
    QCOMPARE(client.responses.first().status, status);
    QVERIFY(!messageOf(client.responses.first()).isEmpty());
    QVERIFY(client.waitClosed());
    QCOMPARE(m_blue->requests(), 1); // nothing of it reached the model

    QVERIFY(bystander.waitFor(1));
    QCOMPARE(bystander.responses.first().status, 200);
    // Counted at the endpoint level: no deployment was chosen.
    QTRY_COMPARE(endpointLevelRequests(), qint64(1));
}

void TestGatewayLimits::slowClientCutOff_data()
{
    QTest::addColumn<QByteArray>("partial");
    QTest::newRow("half a head") << QByteArray("POST /score HTTP/1.1\r\nHost: x\r\n");
    QTest::newRow("half a body") << fakeScoreRequest(kKey, QByteArray(1000, 'x')).chopped(500);
}

void TestGatewayLimits::slowClientCutOff()
{
    QFETCH(QByteArray, partial);
    TestClient slow(m_gateway->port());
    slow.send(partial); // and nothing more: a slow (or malicious) client

    // Others are served meanwhile, more than once.
    for (int i = 0; i < 3; ++i)
        QCOMPARE(call(fakeScoreRequest(kKey)).status, 200);

    QElapsedTimer clock;
    clock.start();
    QVERIFY(slow.waitFor(1));
    QCOMPARE(slow.responses.first().status, 408);
    QVERIFY2(messageOf(slow.responses.first()).contains(QStringLiteral("400 ms")),
        qPrintable(messageOf(slow.responses.first())));
    QVERIFY(slow.waitClosed());
    QCOMPARE(m_blue->requests(), 3);
}

void TestGatewayLimits::idleClientClosed()
{
    // Connected, never sends (or a half-open connection): closed by the idle timeout.
    TestClient silent(m_gateway->port());
    QVERIFY(silent.waitClosed(5000));
    QVERIFY(silent.responses.isEmpty());

    // Kept alive after an answer, then idle: closed too.
    TestClient keptAlive(m_gateway->port());
    keptAlive.send(fakeScoreRequest(kKey));
    QVERIFY(keptAlive.waitFor(1));
    QCOMPARE(keptAlive.responses.first().status, 200);
    QVERIFY(!keptAlive.isClosed());
    QVERIFY(keptAlive.waitClosed(5000));
}

void TestGatewayLimits::noReadyInstanceNamesDeployment()
{
    auto table = std::make_shared<RouteTable>(*m_gateway->routeTable());
    table->deployments[QStringLiteral("blue")].readyPorts.clear();
    m_gateway->setRouteTable(table);
    const HttpResponse r = call(fakeScoreRequest(kKey));
    QCOMPARE(r.status, 503);
    QVERIFY2(messageOf(r).contains(QStringLiteral("'blue'")), qPrintable(messageOf(r)));
    QVERIFY(messageOf(r).contains(QStringLiteral("no ready instance")));
}

QTEST_GUILESS_MAIN(TestGatewayLimits)
#include "tst_gatewaylimits.moc"

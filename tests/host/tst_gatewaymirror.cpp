// Mirror traffic (DESIGN.md §4): the given share of the requests routed by weight is
// copied to the mirror deployment, whose answers are dropped; a slow, failing or dead
// mirror never delays, changes or fails a live answer; named requests are not mirrored;
// copies are counted in the metrics.

#include "gateway.h"
#include "gatewayfakes.h"
#include "metricsstore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>

#include <memory>

static const QByteArray kKey = "mirror-key-0123456789";

class TestGatewayMirror : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void shareOfWeightedRequests_data();
    void shareOfWeightedRequests();
    void namedRequestsNotMirrored();
    void slowMirrorNeverDelaysLiveAnswers();
    void deadMirrorNeverFailsLiveAnswers_data();
    void deadMirrorNeverFailsLiveAnswers();

private:
    void useMirror(int share, int mirrorConcurrency = 1000);
    // Sends `count` weighted requests over `connections` connections (pipelined), checks
    // every answer is blue's and 200, and returns how long the answers took.
    qint64 sendLive(int count, int connections = 4,
        const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    qint64 mirroredInMetrics(const QString &deployment);

    std::unique_ptr<FakeInstance> m_blue, m_green;
    std::unique_ptr<Gateway> m_gateway;
};

void TestGatewayMirror::init()
{
    m_blue = std::make_unique<FakeInstance>(QStringLiteral("blue-1"));
    m_green = std::make_unique<FakeInstance>(QStringLiteral("green-1"));
    m_gateway = std::make_unique<Gateway>();
    QVERIFY(m_gateway->listen(0).ok());
}

void TestGatewayMirror::cleanup()
{
    m_gateway.reset();
    m_blue.reset();
    m_green.reset();
}

void TestGatewayMirror::useMirror(int share, int mirrorConcurrency)
{
    auto table = std::make_shared<RouteTable>();
    table->endpoint = QStringLiteral("mirrored");
    table->keys = { QString::fromLatin1(kKey), QStringLiteral("second-key-0000") };
    table->traffic = { { QStringLiteral("blue"), 100 }, { QStringLiteral("green"), 0 } };
    table->mirror = { { QStringLiteral("green"), share } };
    DeploymentRoute blue;
    blue.name = QStringLiteral("blue");
    blue.readyPorts = { m_blue->port() };
    blue.requestSettings.maxConcurrentRequestsPerInstance = 1000;
    DeploymentRoute green;
    green.name = QStringLiteral("green");
    green.readyPorts = { m_green->port() };
    green.requestSettings.maxConcurrentRequestsPerInstance = mirrorConcurrency;
    table->deployments.insert(blue.name, blue);
    table->deployments.insert(green.name, green);
    m_gateway->setRouteTable(table);
}

qint64 TestGatewayMirror::sendLive(
    int count, int connections, const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    QElapsedTimer clock;
    clock.start();
    std::vector<std::unique_ptr<TestClient>> clients;
    for (int c = 0; c < connections; ++c) {
        clients.push_back(std::make_unique<TestClient>(m_gateway->port()));
        QByteArray all;
        for (int i = c; i < count; i += connections)
            all += fakeScoreRequest(kKey, QByteArray::number(i), headers);
        clients.back()->send(all);
    }
    for (int c = 0; c < connections; ++c) {
        const int expected = (count - c + connections - 1) / connections;
        TestClient &client = *clients[size_t(c)];
        if (!client.waitFor(expected, 30000)) {
            qWarning("connection %d: %d of %d answers", c, int(client.responses.size()), expected);
            return -1;
        }
        for (const HttpResponse &r : client.responses) {
            if (r.status != 200 || r.headers.value("azureml-model-deployment") != "blue") {
                qWarning("live answer %d from '%s'", r.status,
                    r.headers.value("azureml-model-deployment").constData());
                return -1;
            }
        }
    }
    return clock.elapsed();
}

qint64 TestGatewayMirror::mirroredInMetrics(const QString &deployment)
{
    const MetricsPage page
        = m_gateway->metricsStore()->page(0, QDateTime::currentMSecsSinceEpoch() + 5000);
    qint64 total = 0;
    for (const MetricsBucket &b : page.buckets) {
        if (b.deployment == deployment)
            total += b.mirrored;
    }
    return total;
}

void TestGatewayMirror::shareOfWeightedRequests_data()
{
    QTest::addColumn<int>("share");
    QTest::newRow("10 %") << 10;
    QTest::newRow("33 %") << 33;
    QTest::newRow("50 %") << 50;
}

void TestGatewayMirror::shareOfWeightedRequests()
{
    QFETCH(int, share);
    useMirror(share);
    QVERIFY(sendLive(2000) >= 0);
    // Within ±3 points over 2000 requests (the smooth sequence makes it exact).
    const int expected = 2000 * share / 100;
    QTRY_VERIFY_WITH_TIMEOUT(m_green->answered() >= expected - 60, 10000);
    QVERIFY2(qAbs(m_green->requests() - expected) <= 60, qPrintable(QString::number(m_green->requests())));
    QCOMPARE(m_blue->requests(), 2000);
    // Copies are recorded as mirrored, under the mirror deployment.
    QTRY_COMPARE(mirroredInMetrics(QStringLiteral("green")), qint64(m_green->requests()));
    QCOMPARE(mirroredInMetrics(QStringLiteral("blue")), qint64(0));
}

void TestGatewayMirror::namedRequestsNotMirrored()
{
    useMirror(50);
    QVERIFY(sendLive(200, 2, { { "azureml-model-deployment", "blue" } }) >= 0);
    QCOMPARE(m_blue->requests(), 200);
    // The same number routed by weight is mirrored: the copies would have had time.
    QVERIFY(sendLive(20, 1) >= 0);
    QTRY_COMPARE(m_green->requests(), 10);
    QCOMPARE(m_blue->requests(), 220);
}

void TestGatewayMirror::slowMirrorNeverDelaysLiveAnswers()
{
    useMirror(50, 1);
    m_green->setDelayMs(5000); // the mirror sleeps 5 s per request
    const qint64 elapsed = sendLive(200);
    QVERIFY(elapsed >= 0);
    // Every live answer arrived while the mirror was still asleep on its first copy.
    QVERIFY(m_green->requests() >= 1);
    QCOMPARE(m_green->answered(), 0);
    QVERIFY2(elapsed < 5000, qPrintable(QString::number(elapsed)));
}

void TestGatewayMirror::deadMirrorNeverFailsLiveAnswers_data()
{
    QTest::addColumn<bool>("midRequest");
    QTest::newRow("mirror down") << false;
    QTest::newRow("mirror crashes during copies") << true;
}

void TestGatewayMirror::deadMirrorNeverFailsLiveAnswers()
{
    QFETCH(bool, midRequest);
    useMirror(50);
    if (midRequest) {
        m_green->setDelayMs(2000);
        TestClient first(m_gateway->port());
        first.send(fakeScoreRequest(kKey));
        QVERIFY(first.waitFor(1));
        QCOMPARE(first.responses.first().status, 200);
        QTRY_VERIFY(m_green->requests() >= 1); // a copy is in the mirror now
    }
    m_green->kill();
    QVERIFY(sendLive(300) >= 0);
    QCOMPARE(m_blue->requests(), midRequest ? 301 : 300);
}

QTEST_GUILESS_MAIN(TestGatewayMirror)
#include "tst_gatewaymirror.moc"

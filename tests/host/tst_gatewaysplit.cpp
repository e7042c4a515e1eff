// Split accuracy: within ±1 point over any 1000 consecutive requests, also when several
// worker threads pick at once (one shared position in WeightedChoice's sequence).

#include "gateway.h"
#include "gatewayfakes.h"
#include "gatewayplan.h"

#include <QTest>

#include <memory>
#include <thread>

static const QByteArray kKey = "split-key-0123456789";

static std::shared_ptr<RouteTable> splitTable(const TrafficMap &traffic,
    const QList<quint16> &bluePorts = { 1 }, const QList<quint16> &greenPorts = { 2 })
{
    auto table = std::make_shared<RouteTable>();
    table->endpoint = QStringLiteral("split");
    table->keys = { QString::fromLatin1(kKey), QStringLiteral("second-key-0000") };
    table->traffic = traffic;
    for (const auto &[name, ports] : { std::pair { QStringLiteral("blue"), bluePorts },
             std::pair { QStringLiteral("green"), greenPorts } }) {
        DeploymentRoute route;
        route.name = name;
        route.readyPorts = ports;
        route.requestSettings.maxConcurrentRequestsPerInstance = 1000;
        table->deployments.insert(name, route);
    }
    return table;
}

class TestGatewaySplit : public QObject
{
    Q_OBJECT
private slots:
    void everyWindowOf1000_data();
    void everyWindowOf1000();
    void exactAcrossThreads();
    void unrelatedRebuildKeepsRotation();
    void gatewayOverManyConnections();
};

void TestGatewaySplit::everyWindowOf1000_data()
{
    QTest::addColumn<int>("green");
    QTest::newRow("90/10") << 10;
    QTest::newRow("67/33") << 33;
    QTest::newRow("99/1") << 1;
    QTest::newRow("50/50") << 50;
}

void TestGatewaySplit::everyWindowOf1000()
{
    QFETCH(int, green);
    GatewayPlanBuilder builder;
    const GatewayPlanPtr plan = builder.build(splitTable(
        { { QStringLiteral("blue"), 100 - green }, { QStringLiteral("green"), green } }));
    const int greenIndex = plan->find("green");
    std::vector<int> isGreen;
    for (int i = 0; i < 5000; ++i)
        isGreen.push_back(plan->nextPick() == greenIndex ? 1 : 0);
    int inWindow = 0;
    for (int i = 0; i < 1000; ++i)
        inWindow += isGreen[size_t(i)];
    for (size_t start = 0;; ++start) {
        QVERIFY2(qAbs(inWindow - green * 10) <= 10,
            qPrintable(QStringLiteral("window at %1: %2 of 1000").arg(start).arg(inWindow)));
        if (start + 1000 >= isGreen.size())
            break;
        inWindow += isGreen[start + 1000] - isGreen[start];
    }
}

void TestGatewaySplit::exactAcrossThreads()
{
    GatewayPlanBuilder builder;
    const GatewayPlanPtr plan = builder.build(
        splitTable({ { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } }));
    const int greenIndex = plan->find("green");
    std::atomic<int> greens { 0 };
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            int mine = 0;
            for (int i = 0; i < 25000; ++i)
                mine += plan->nextPick() == greenIndex ? 1 : 0;
            greens += mine;
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    // 100000 picks from one shared position: exactly a tenth, whoever picked.
    QCOMPARE(greens.load(), 10000);
}

void TestGatewaySplit::unrelatedRebuildKeepsRotation()
{
    GatewayPlanBuilder builder;
    const TrafficMap traffic { { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } };
    GatewayPlanPtr plan = builder.build(splitTable(traffic));
    int greens = 0;
    for (int i = 0; i < 1000; ++i) {
        // An instance became ready: a new table every 7 requests, same weights.
        if (i % 7 == 0)
            plan = builder.build(splitTable(traffic, { 1, quint16(100 + i) }));
        greens += plan->nextPick() == plan->find("green") ? 1 : 0;
    }
    QCOMPARE(greens, 100);
    // Other weights start over.
    plan = builder.build(
        splitTable({ { QStringLiteral("blue"), 50 }, { QStringLiteral("green"), 50 } }));
    QCOMPARE(plan->pickCursor->next.load(), quint64(0));
}

void TestGatewaySplit::gatewayOverManyConnections()
{
    FakeInstance blue(QStringLiteral("blue-1"));
    FakeInstance green(QStringLiteral("green-1"));
    Gateway gateway;
    QVERIFY(gateway.listen(0).ok());
    gateway.setRouteTable(splitTable(
        { { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } }, { blue.port() },
        { green.port() }));
    // 8 connections at once, spread over the worker threads: 1000 requests in all.
    std::vector<std::unique_ptr<TestClient>> clients;
    for (int c = 0; c < 8; ++c) {
        clients.push_back(std::make_unique<TestClient>(gateway.port()));
        QByteArray all;
        for (int i = 0; i < 125; ++i)
            all += fakeScoreRequest(kKey);
        clients.back()->send(all);
    }
    int greens = 0;
    for (auto &client : clients) {
        QVERIFY(client->waitFor(125, 30000));
        for (const HttpResponse &r : client->responses) {
            QCOMPARE(r.status, 200);
            greens += r.headers.value("azureml-model-deployment") == "green" ? 1 : 0;
        }
    }
    QVERIFY2(qAbs(greens - 100) <= 10, qPrintable(QString::number(greens)));
    QCOMPARE(green.requests(), greens);
}

QTEST_GUILESS_MAIN(TestGatewaySplit)
#include "tst_gatewaysplit.moc"

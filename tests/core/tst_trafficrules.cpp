#include "rules.h"

#include <QTest>

Q_DECLARE_METATYPE(TrafficMap)

class TestTrafficRules : public QObject
{
    Q_OBJECT
private slots:
    void traffic_data();
    void traffic();
    void mirror_data();
    void mirror();
    void deletionGuard_data();
    void deletionGuard();
    void deploymentLimit();
    void showForm();
};

static const QStringList kDeployments
    = { QStringLiteral("blue"), QStringLiteral("green"), QStringLiteral("red") };

static TrafficMap map(std::initializer_list<std::pair<const char *, int>> entries)
{
    TrafficMap m;
    for (const auto &[name, value] : entries)
        m.insert(QString::fromLatin1(name), value);
    return m;
}

void TestTrafficRules::traffic_data()
{
    QTest::addColumn<TrafficMap>("traffic");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("keyword");
    QTest::addColumn<QString>("target");

    QTest::newRow("all to blue") << map({ { "blue", 100 } }) << true << ""
                                 << "";
    QTest::newRow("90/10") << map({ { "blue", 90 }, { "green", 10 } }) << true << ""
                           << "";
    QTest::newRow("0/100") << map({ { "blue", 0 }, { "green", 100 } }) << true << ""
                           << "";
    QTest::newRow("three ways") << map({ { "blue", 50 }, { "green", 25 }, { "red", 25 } }) << true
                                << ""
                                << "";
    QTest::newRow("empty map totals 0") << TrafficMap() << true << ""
                                        << "";
    QTest::newRow("all zero") << map({ { "blue", 0 }, { "green", 0 } }) << true << ""
                              << "";
    QTest::newRow("total 95") << map({ { "blue", 90 }, { "green", 5 } }) << false << "totals 95"
                              << "traffic";
    QTest::newRow("total 110") << map({ { "blue", 100 }, { "green", 10 } }) << false << "totals 110"
                               << "traffic";
    QTest::newRow("negative") << map({ { "blue", 110 }, { "green", -10 } }) << false << "0 to 100"
                              << "traffic.blue";
    QTest::newRow("over 100") << map({ { "blue", 101 } }) << false << "0 to 100"
                              << "traffic.blue";
    QTest::newRow("unknown deployment")
        << map({ { "blue", 90 }, { "purple", 10 } }) << false << "'purple', which does not exist"
        << "traffic.purple";
}

void TestTrafficRules::traffic()
{
    QFETCH(TrafficMap, traffic);
    QFETCH(bool, valid);
    QFETCH(QString, keyword);
    QFETCH(QString, target);
    const Status status = Rules::checkTraffic(traffic, kDeployments);
    QCOMPARE(status.ok(), valid);
    if (!valid) {
        QVERIFY2(status.error().message.contains(keyword), qPrintable(status.error().message));
        QCOMPARE(status.error().target, target);
    }
}

void TestTrafficRules::mirror_data()
{
    QTest::addColumn<TrafficMap>("mirror");
    QTest::addColumn<TrafficMap>("traffic");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("keyword");

    const TrafficMap blueAll = map({ { "blue", 100 } });
    QTest::newRow("green 10") << map({ { "green", 10 } }) << blueAll << true << "";
    QTest::newRow("green 50") << map({ { "green", 50 } }) << blueAll << true << "";
    QTest::newRow("green 0 clears") << map({ { "green", 0 } }) << blueAll << true << "";
    QTest::newRow("none") << TrafficMap() << blueAll << true << "";
    QTest::newRow("green 51") << map({ { "green", 51 } }) << blueAll << false << "at most 50 %";
    QTest::newRow("negative") << map({ { "green", -1 } }) << blueAll << false << "at most 50 %";
    QTest::newRow("two targets") << map({ { "green", 10 }, { "red", 10 } }) << blueAll << false
                                 << "only one deployment";
    QTest::newRow("target has live traffic")
        << map({ { "blue", 10 } }) << blueAll << false << "cannot also receive mirror";
    QTest::newRow("zero on a live one is fine")
        << map({ { "blue", 0 }, { "green", 20 } }) << blueAll << true << "";
    QTest::newRow("unknown") << map({ { "pink", 10 } }) << blueAll << false << "does not exist";
}

void TestTrafficRules::mirror()
{
    QFETCH(TrafficMap, mirror);
    QFETCH(TrafficMap, traffic);
    QFETCH(bool, valid);
    QFETCH(QString, keyword);
    const Status status = Rules::checkMirrorTraffic(mirror, traffic, kDeployments);
    QCOMPARE(status.ok(), valid);
    if (!valid)
        QVERIFY2(status.error().message.contains(keyword), qPrintable(status.error().message));
    // The endpoint-level check agrees with the mirror check when traffic is valid.
    QCOMPARE(Rules::checkEndpointTraffic(traffic, mirror, kDeployments).ok(), valid);
}

void TestTrafficRules::deletionGuard_data()
{
    QTest::addColumn<QString>("deployment");
    QTest::addColumn<TrafficMap>("traffic");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("blue with 100") << "blue" << map({ { "blue", 100 } }) << false;
    QTest::newRow("blue with 10") << "blue" << map({ { "blue", 10 }, { "green", 90 } }) << false;
    QTest::newRow("blue at 0") << "blue" << map({ { "blue", 0 }, { "green", 100 } }) << true;
    QTest::newRow("blue absent") << "blue" << map({ { "green", 100 } }) << true;
}

void TestTrafficRules::deletionGuard()
{
    QFETCH(QString, deployment);
    QFETCH(TrafficMap, traffic);
    QFETCH(bool, allowed);
    const Status status = Rules::checkCanDelete(deployment, traffic);
    QCOMPARE(status.ok(), allowed);
    if (!allowed) {
        QVERIFY(status.error().message.contains(deployment));
        QVERIFY(status.error().message.contains(QStringLiteral("Move its traffic")));
    }
}

void TestTrafficRules::deploymentLimit()
{
    QVERIFY(Rules::checkCanAddDeployment(QStringLiteral("e"), 19).ok());
    const Status full = Rules::checkCanAddDeployment(QStringLiteral("my-endpoint"), 20);
    QVERIFY(!full.ok());
    QVERIFY(full.error().message.contains(QStringLiteral("20 deployments")));
    QVERIFY(full.error().message.contains(QStringLiteral("my-endpoint")));
}

void TestTrafficRules::showForm()
{
    // As `az ml online-endpoint show --query traffic` prints it: 0 for the deployments not in
    // the map, except the mirrored one.
    const QStringList deployments = { QStringLiteral("blue"), QStringLiteral("green") };
    QCOMPARE(Rules::withAllDeployments(map({ { "blue", 100 } }), {}, deployments),
        map({ { "blue", 100 }, { "green", 0 } }));
    QCOMPARE(
        Rules::withAllDeployments(map({ { "blue", 100 } }), map({ { "green", 10 } }), deployments),
        map({ { "blue", 100 } }));
    QCOMPARE(
        Rules::withoutZeros(map({ { "blue", 0 }, { "green", 100 } })), map({ { "green", 100 } }));
    QCOMPARE(Rules::formatTraffic(map({ { "blue", 90 }, { "green", 10 } })),
        QStringLiteral("blue=90 green=10"));
}

QTEST_APPLESS_MAIN(TestTrafficRules)
#include "tst_trafficrules.moc"

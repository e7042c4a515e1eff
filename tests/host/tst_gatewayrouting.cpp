#include "gatewayrouting.h"
#include "secrets.h"
#include "weightedchoice.h"

#include <QTest>

using namespace GatewayRouting;

// The gateway's pure decisions: auth, deployment choice, instance choice.
class TestGatewayRouting : public QObject
{
    Q_OBJECT
private slots:
    void chooseInstance_data();
    void chooseInstance();
    void authorization_data();
    void authorization();
    void deploymentByHeader_data();
    void deploymentByHeader();
    void clientRequestId();
};

void TestGatewayRouting::chooseInstance_data()
{
    QTest::addColumn<QList<quint16>>("ports");
    QTest::addColumn<QList<int>>("load"); // in flight, parallel to ports
    QTest::addColumn<int>("exclude");
    QTest::addColumn<QList<quint16>>("picks"); // successive picks, load unchanged

    QTest::newRow("equal loads rotate")
        << QList<quint16> { 1001, 1002, 1003 } << QList<int> { 0, 0, 0 } << 0
        << QList<quint16> { 1001, 1002, 1003, 1001, 1002 };
    QTest::newRow("least in flight wins")
        << QList<quint16> { 1001, 1002, 1003 } << QList<int> { 2, 0, 1 } << 0
        << QList<quint16> { 1002, 1002 };
    QTest::newRow("ties among the least loaded rotate") << QList<quint16> { 1001, 1002,
        1003 } << QList<int> { 1, 0, 0 } << 0 << QList<quint16> { 1002, 1003, 1002, 1003 };
    QTest::newRow("excluded one is skipped") << QList<quint16> { 1001, 1002 } << QList<int> { 0, 5 }
                                             << 1001 << QList<quint16> { 1002, 1002 };
    QTest::newRow("only the excluded one")
        << QList<quint16> { 1001 } << QList<int> { 0 } << 1001 << QList<quint16> { 0 };
    QTest::newRow("none ready") << QList<quint16> {} << QList<int> {} << 0 << QList<quint16> { 0 };
}

void TestGatewayRouting::chooseInstance()
{
    QFETCH(QList<quint16>, ports);
    QFETCH(QList<int>, load);
    QFETCH(int, exclude);
    QFETCH(QList<quint16>, picks);
    QHash<quint16, int> inFlight;
    for (qsizetype i = 0; i < ports.size(); ++i)
        inFlight.insert(ports.at(i), load.at(i));
    quint32 cursor = 0;
    for (quint16 expected : picks)
        QCOMPARE(
            GatewayRouting::chooseInstance(ports, inFlight, cursor, quint16(exclude)), expected);
}

void TestGatewayRouting::authorization_data()
{
    QTest::addColumn<int>("mode"); // AuthMode
    QTest::addColumn<QString>("secondary");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<QString>("keyword");

    const int key = int(AuthMode::Key);
    QTest::newRow("primary") << key << "s2" << QByteArray("Bearer p1") << true << "";
    QTest::newRow("secondary") << key << "s2" << QByteArray("Bearer s2") << true << "";
    QTest::newRow("extra spaces") << key << "s2" << QByteArray("  Bearer   p1  ") << true << "";
    QTest::newRow("missing") << key << "s2" << QByteArray() << false << "missing";
    QTest::newRow("wrong") << key << "s2" << QByteArray("Bearer p2") << false << "invalid";
    QTest::newRow("longer") << key << "s2" << QByteArray("Bearer p1p1") << false << "invalid";
    QTest::newRow("unset secondary never matches")
        << key << "" << QByteArray("Bearer ") << false << "Bearer";
    QTest::newRow("other scheme") << key << "s2" << QByteArray("Token p1") << false << "Bearer";
    QTest::newRow("token mode refuses keys")
        << int(AuthMode::AmlToken) << "s2" << QByteArray("Bearer p1") << false << "expired";
    QTest::newRow("aad_token is not local")
        << int(AuthMode::AadToken) << "s2" << QByteArray("Bearer p1") << false << "aad_token";
}

void TestGatewayRouting::authorization()
{
    QFETCH(int, mode);
    QFETCH(QString, secondary);
    QFETCH(QByteArray, header);
    QFETCH(bool, allowed);
    QFETCH(QString, keyword);
    RouteTable table;
    table.endpoint = QStringLiteral("ep");
    table.authMode = AuthMode(mode);
    table.keys = { QStringLiteral("p1"), secondary };
    table.tokenSecret = "secret";
    const auto refusal = checkAuthorization(table, header, 1000);
    QCOMPARE(!refusal.has_value(), allowed);
    if (refusal) {
        QCOMPARE(refusal->status, 401);
        QVERIFY2(refusal->message.contains(keyword), qPrintable(refusal->message));
    }
}

void TestGatewayRouting::deploymentByHeader_data()
{
    QTest::addColumn<QStringList>("deployments");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("chosen");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("keyword");

    const QStringList two { QStringLiteral("blue"), QStringLiteral("green") };
    QTest::newRow("named") << two << QByteArray("green") << "green" << 0 << "";
    QTest::newRow("padded") << two << QByteArray(" green ") << "green" << 0 << "";
    QTest::newRow("empty header routes by weight") << two << QByteArray("") << "blue" << 0 << "";
    QTest::newRow("unknown") << two << QByteArray("red") << "" << 404
                             << "'red' named by the azureml-model-deployment header was not "
                                "found in endpoint 'ep'; deployments: blue, green";
    QTest::newRow("unknown, none exist")
        << QStringList() << QByteArray("red") << "" << 404 << "none exist yet";
}

void TestGatewayRouting::deploymentByHeader()
{
    QFETCH(QStringList, deployments);
    QFETCH(QByteArray, header);
    QFETCH(QString, chosen);
    QFETCH(int, status);
    QFETCH(QString, keyword);
    RouteTable table;
    table.endpoint = QStringLiteral("ep");
    for (const QString &name : deployments) {
        DeploymentRoute route;
        route.name = name;
        route.readyPorts = { 1001 };
        table.deployments.insert(name, route);
    }
    table.traffic = { { QStringLiteral("blue"), 100 } };
    WeightedChoice weights(table.traffic);
    const DeploymentChoice choice = chooseDeployment(table, header, weights);
    QCOMPARE(choice.deployment, chosen);
    QCOMPARE(choice.refusal.has_value(), status != 0);
    if (choice.refusal) {
        QCOMPARE(choice.refusal->status, status);
        QVERIFY2(choice.refusal->message.contains(keyword), qPrintable(choice.refusal->message));
    }
}

void TestGatewayRouting::clientRequestId()
{
    QCOMPARE(echoedClientRequestId("abc"), QByteArray("abc"));
    QCOMPARE(echoedClientRequestId(QByteArray(41, 'x')), QByteArray(40, 'x'));
    QCOMPARE(echoedClientRequestId(QByteArray(40, 'y')), QByteArray(40, 'y'));
    QCOMPARE(echoedClientRequestId(""), QByteArray());
}

QTEST_APPLESS_MAIN(TestGatewayRouting)
#include "tst_gatewayrouting.moc"

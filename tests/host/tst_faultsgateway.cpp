// The gateway in front of an instance that is dying: it still accepts connections but
// cuts each one once the request is in (as a process being killed does for a moment). A
// request already sent to it fails once (502); the next ones go to the healthy instance
// instead of failing one after another while the supervisor has not yet taken it out.

#include "gateway.h"
#include "gatewayfakes.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace {

const QString kKey = QStringLiteral("primary-key-0123456789");

// Accepts, reads the request, resets the connection.
class DyingInstance final : public QObject
{
public:
    DyingInstance()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    ++m_requests;
                    socket->abort();
                    socket->deleteLater();
                });
            }
        });
        QVERIFY(m_server.listen(QHostAddress(QHostAddress::LocalHost)));
    }
    quint16 port() const { return m_server.serverPort(); }
    int requests() const { return m_requests; }

private:
    QTcpServer m_server;
    int m_requests = 0;
};

} // namespace

class TestFaultsGateway : public QObject
{
    Q_OBJECT
private slots:
    void dyingInstanceFailsOnce();
};

void TestFaultsGateway::dyingInstanceFailsOnce()
{
    DyingInstance dying;
    FakeInstance healthy(QStringLiteral("blue-2"));
    Gateway gateway;
    QVERIFY(gateway.listen(0).ok());
    auto table = std::make_shared<RouteTable>();
    table->endpoint = QStringLiteral("my-endpoint");
    table->keys = { kKey, QStringLiteral("secondary-key-9876543210") };
    table->traffic = { { QStringLiteral("blue"), 100 } };
    DeploymentRoute blue;
    blue.name = QStringLiteral("blue");
    blue.readyPorts = { dying.port(), healthy.port() };
    blue.instanceCount = 2;
    table->deployments.insert(blue.name, blue);
    gateway.setRouteTable(table);

    // One after another: the instances take turns while both look alike.
    constexpr int kRequests = 10;
    TestClient client(gateway.port());
    int failed = 0;
    for (int i = 0; i < kRequests; ++i) {
        client.send(fakeScoreRequest(kKey.toUtf8()));
        QVERIFY(client.waitFor(i + 1));
        const int status = client.responses.last().status;
        QVERIFY2(status == 200 || status == 502, qPrintable(QString::number(status)));
        failed += status == 502 ? 1 : 0;
    }
    QCOMPARE(dying.requests(), 1);
    QCOMPARE(failed, 1);
    QCOMPARE(healthy.requests(), kRequests - 1);
}

QTEST_GUILESS_MAIN(TestFaultsGateway)
#include "tst_faultsgateway.moc"

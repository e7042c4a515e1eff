#include "gateway.h"
#include "gatewayfakes.h"
#include "secrets.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

#include <memory>

Q_DECLARE_METATYPE(TrafficMap)

static const QString kPrimary = QStringLiteral("primary-key-0123456789");
static const QString kSecondary = QStringLiteral("secondary-key-9876543210");

struct Call
{
    QByteArray body = "{\"data\": [[1, 2]]}";
    QByteArray authorization = "Bearer " + kPrimary.toUtf8(); // empty: none
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray method = "POST";
    QByteArray target = "/score";
};

static QByteArray requestBytes(const Call &call)
{
    QByteArray out = call.method + ' ' + call.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!call.authorization.isEmpty())
        out += "Authorization: " + call.authorization + "\r\n";
    for (const auto &[name, value] : call.headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Type: application/json\r\nContent-Length: "
        + QByteArray::number(call.body.size()) + "\r\n\r\n";
    return out + call.body;
}

static QJsonObject bodyOf(const HttpResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

static QString messageOf(const HttpResponse &response)
{
    return bodyOf(response).value(QStringLiteral("message")).toString();
}

class TestGateway : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void auth_data();
    void auth();
    void amlToken();
    void pathAndMethod();
    void routeByHeader_data();
    void routeByHeader();
    void split9010();
    void noValidDeployment_data();
    void noValidDeployment();
    void noReadyInstance();
    void responseHeaders();
    void keepAliveReuse();
    void pipelinedAnswersInOrder();
    void routeTableSwap();
    void whenDrained();
    void upstreamKilled();
    void deadPortRetried();
    void bodyTooLarge();
    void chunkedAndContinue();
    void badInput_data();
    void badInput();
    void requestServedSignal();
    void closeStopsListening();

private:
    // Issues one request on a fresh connection and returns its answer.
    HttpResponse call(const Call &c = {});
    std::shared_ptr<RouteTable> table(const TrafficMap &traffic) const;

    std::unique_ptr<FakeInstance> m_blue1, m_blue2, m_green;
    std::unique_ptr<Gateway> m_gateway;
};

std::shared_ptr<RouteTable> TestGateway::table(const TrafficMap &traffic) const
{
    auto t = std::make_shared<RouteTable>();
    t->endpoint = QStringLiteral("my-endpoint");
    t->keys = { kPrimary, kSecondary };
    t->traffic = traffic;
    DeploymentRoute blue;
    blue.name = QStringLiteral("blue");
    blue.readyPorts = { m_blue1->port(), m_blue2->port() };
    blue.instanceCount = 2;
    DeploymentRoute green;
    green.name = QStringLiteral("green");
    green.readyPorts = { m_green->port() };
    t->deployments.insert(blue.name, blue);
    t->deployments.insert(green.name, green);
    return t;
}

void TestGateway::init()
{
    m_blue1 = std::make_unique<FakeInstance>(QStringLiteral("blue-1"));
    m_blue2 = std::make_unique<FakeInstance>(QStringLiteral("blue-2"));
    m_green = std::make_unique<FakeInstance>(QStringLiteral("green-1"));
    m_gateway = std::make_unique<Gateway>();
    const Status listening = m_gateway->listen(0);
    QVERIFY2(listening.ok(), qPrintable(listening.error().message));
    QVERIFY(m_gateway->port() != 0);
    m_gateway->setRouteTable(
        table({ { QStringLiteral("blue"), 100 }, { QStringLiteral("green"), 0 } }));
}

void TestGateway::cleanup()
{
    m_gateway.reset();
    m_blue1.reset();
    m_blue2.reset();
    m_green.reset();
}

HttpResponse TestGateway::call(const Call &c)
{
    TestClient client(m_gateway->port());
    client.send(requestBytes(c));
    if (!client.waitFor(1))
        return HttpResponse { 0, {}, "no answer" };
    return client.responses.first();
}

void TestGateway::auth_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("keyword");
    QTest::newRow("primary key") << QByteArray("Bearer " + kPrimary.toUtf8()) << 200 << "";
    QTest::newRow("secondary key") << QByteArray("Bearer " + kSecondary.toUtf8()) << 200 << "";
    QTest::newRow("scheme in lower case") << QByteArray("bearer " + kPrimary.toUtf8()) << 200 << "";
    QTest::newRow("missing") << QByteArray() << 401 << "missing";
    QTest::newRow("wrong key") << QByteArray("Bearer not-the-key") << 401 << "invalid";
    QTest::newRow("key prefix") << QByteArray("Bearer " + kPrimary.left(10).toUtf8()) << 401
                                << "invalid";
    QTest::newRow("key without scheme") << kPrimary.toUtf8() << 401 << "Bearer";
    QTest::newRow("basic scheme") << QByteArray("Basic dXNlcjpwYXNz") << 401 << "Bearer";
    QTest::newRow("empty bearer") << QByteArray("Bearer ") << 401 << "Bearer";
}

void TestGateway::auth()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, keyword);
    Call c;
    c.authorization = authorization;
    const HttpResponse response = call(c);
    QCOMPARE(response.status, status);
    if (status == 200) {
        QCOMPARE(bodyOf(response).value(QStringLiteral("instance")).toString().left(4),
            QStringLiteral("blue"));
        // The key stays at the gateway.
        QCOMPARE(bodyOf(response).value(QStringLiteral("sawAuthorization")).toBool(), false);
    } else {
        QVERIFY2(messageOf(response).contains(keyword), qPrintable(messageOf(response)));
        QVERIFY(messageOf(response).contains(QStringLiteral("my-endpoint")));
        QCOMPARE(m_blue1->requests() + m_blue2->requests(), 0);
    }
}

void TestGateway::amlToken()
{
    auto t = table({ { QStringLiteral("blue"), 100 } });
    t->authMode = AuthMode::AmlToken;
    t->tokenSecret = "token-secret";
    m_gateway->setRouteTable(t);
    const qint64 now = QDateTime::currentSecsSinceEpoch();

    Call c;
    c.authorization
        = "Bearer " + Secrets::issueToken(t->endpoint, t->tokenSecret, now).accessToken.toUtf8();
    QCOMPARE(call(c).status, 200);

    c.authorization = "Bearer " + kPrimary.toUtf8(); // a key is no token
    QCOMPARE(call(c).status, 401);
    c.authorization = "Bearer "
        + Secrets::issueToken(t->endpoint, t->tokenSecret, now - 7200, 3600).accessToken.toUtf8();
    const HttpResponse expired = call(c);
    QCOMPARE(expired.status, 401);
    QVERIFY(messageOf(expired).contains(QStringLiteral("expired")));
    c.authorization = "Bearer "
        + Secrets::issueToken(QStringLiteral("other"), t->tokenSecret, now).accessToken.toUtf8();
    QCOMPARE(call(c).status, 401);
}

void TestGateway::pathAndMethod()
{
    Call query;
    query.target = "/score?verbose=true";
    const HttpResponse withQuery = call(query);
    QCOMPARE(withQuery.status, 200);
    QCOMPARE(bodyOf(withQuery).value(QStringLiteral("target")).toString(),
        QStringLiteral("/score?verbose=true"));

    Call other;
    other.target = "/predict";
    const HttpResponse notFound = call(other);
    QCOMPARE(notFound.status, 404);
    QVERIFY(messageOf(notFound).contains(QStringLiteral("/score")));

    Call get;
    get.method = "GET";
    get.body.clear();
    const HttpResponse notAllowed = call(get);
    QCOMPARE(notAllowed.status, 405);
    QCOMPARE(notAllowed.headers.value("allow"), QByteArray("POST"));
    QVERIFY(!messageOf(notAllowed).isEmpty());
    QCOMPARE(m_blue1->requests() + m_blue2->requests(), 1);
}

void TestGateway::routeByHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("served");
    QTest::addColumn<QString>("instance");
    QTest::newRow("0 % deployment") << QByteArray("green") << 200 << "green"
                                    << "green-1";
    QTest::newRow("100 % deployment") << QByteArray("blue") << 200 << "blue"
                                      << "blue";
    QTest::newRow("other case") << QByteArray("GREEN") << 200 << "green"
                                << "green-1";
    QTest::newRow("unknown") << QByteArray("purple") << 404 << ""
                             << "";
}

void TestGateway::routeByHeader()
{
    QFETCH(QByteArray, header);
    QFETCH(int, status);
    QFETCH(QString, served);
    QFETCH(QString, instance);
    Call c;
    c.headers = { { "azureml-model-deployment", header } };
    const HttpResponse response = call(c);
    QCOMPARE(response.status, status);
    QCOMPARE(QString::fromUtf8(response.headers.value("azureml-model-deployment")), served);
    if (status == 200) {
        QVERIFY(bodyOf(response).value(QStringLiteral("instance")).toString().startsWith(instance));
    } else {
        const QString message = messageOf(response);
        QVERIFY2(message.contains(QStringLiteral("deployment 'purple'"))
                && message.contains(QStringLiteral("not found"))
                && message.contains(QStringLiteral("deployments: blue, green")),
            qPrintable(message));
    }
}

void TestGateway::split9010()
{
    m_gateway->setRouteTable(
        table({ { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } }));
    // 1000 requests pipelined on one connection: they are routed in order, so the smooth
    // weighted round-robin gives the exact split.
    TestClient client(m_gateway->port());
    QByteArray all;
    for (int i = 0; i < 1000; ++i) {
        Call c;
        c.body = QByteArray::number(i);
        all += requestBytes(c);
    }
    client.send(all);
    QVERIFY(client.waitFor(1000, 60000));
    QHash<QString, int> byDeployment;
    for (int i = 0; i < 1000; ++i) {
        const HttpResponse &r = client.responses.at(i);
        QCOMPARE(r.status, 200);
        QCOMPARE(
            bodyOf(r).value(QStringLiteral("body")).toString(), QString::number(i)); // in order
        const QString deployment = QString::fromUtf8(r.headers.value("azureml-model-deployment"));
        QVERIFY(bodyOf(r).value(QStringLiteral("instance")).toString().startsWith(deployment));
        ++byDeployment[deployment];
    }
    QVERIFY2(qAbs(byDeployment.value(QStringLiteral("blue")) - 900) <= 10,
        qPrintable(QString::number(byDeployment.value(QStringLiteral("blue")))));
    QVERIFY(qAbs(byDeployment.value(QStringLiteral("green")) - 100) <= 10);
    QCOMPARE(m_green->requests(), byDeployment.value(QStringLiteral("green")));
    // Both blue instances took a share.
    QVERIFY(m_blue1->requests() > 300);
    QVERIFY(m_blue2->requests() > 300);
    QVERIFY(!client.isClosed());
}

void TestGateway::noValidDeployment_data()
{
    QTest::addColumn<TrafficMap>("traffic");
    QTest::newRow("all zero") << TrafficMap { { QStringLiteral("blue"), 0 },
        { QStringLiteral("green"), 0 } };
    QTest::newRow("no traffic") << TrafficMap();
}

void TestGateway::noValidDeployment()
{
    QFETCH(TrafficMap, traffic);
    m_gateway->setRouteTable(table(traffic));
    const HttpResponse response = call();
    QCOMPARE(response.status, 404);
    QCOMPARE(messageOf(response),
        QStringLiteral(
            "No valid deployments to route to. Please check that the endpoint has at least one "
            "deployment "
            "with positive weight values or use a deployment specific header to route."));
    // The header still routes.
    Call c;
    c.headers = { { "azureml-model-deployment", "green" } };
    QCOMPARE(call(c).status, 200);
}

void TestGateway::noReadyInstance()
{
    auto t = table({ { QStringLiteral("blue"), 0 }, { QStringLiteral("green"), 100 } });
    t->deployments[QStringLiteral("green")].readyPorts.clear();
    m_gateway->setRouteTable(t);
    const HttpResponse byWeight = call();
    QCOMPARE(byWeight.status, 503);
    QVERIFY2(
        messageOf(byWeight).contains(QStringLiteral("'green'")), qPrintable(messageOf(byWeight)));
    QVERIFY(messageOf(byWeight).contains(QStringLiteral("no ready instance")));
    QCOMPARE(byWeight.headers.value("azureml-model-deployment"), QByteArray("green"));

    Call c;
    c.headers = { { "azureml-model-deployment", "green" } };
    QCOMPARE(call(c).status, 503);
    c.headers = { { "azureml-model-deployment", "blue" } };
    QCOMPARE(call(c).status, 200);
}

void TestGateway::responseHeaders()
{
    const QByteArray longId = QByteArray(50, 'a') + "-tail-0123456789";
    Call c;
    c.headers = { { "x-ms-client-request-id", longId }, { "x-request-id", "client-chosen" },
        { "x-test-content-type", "application/vnd.test+json" } };
    TestClient client(m_gateway->port());
    client.send(requestBytes(c) + requestBytes(Call {}));
    QVERIFY(client.waitFor(2));
    const HttpResponse &first = client.responses.at(0);
    const HttpResponse &second = client.responses.at(1);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.headers.value("azureml-model-deployment"), QByteArray("blue"));
    QCOMPARE(first.headers.value("x-ms-client-request-id"), longId.left(40));
    QCOMPARE(first.headers.value("content-type"), QByteArray("application/vnd.test+json"));
    QCOMPARE(second.headers.value("content-type"), QByteArray("application/json; charset=utf-8"));
    QVERIFY(!second.headers.contains("x-ms-client-request-id"));

    const QByteArray id1 = first.headers.value("x-request-id");
    const QByteArray id2 = second.headers.value("x-request-id");
    QVERIFY2(!QUuid::fromString(QLatin1String(id1)).isNull(), id1.constData());
    QVERIFY(!QUuid::fromString(QLatin1String(id2)).isNull());
    QVERIFY(id1 != id2);
    QCOMPARE(first.headers.values("x-request-id").size(), 1);
    // The model sees the gateway's id, not the client's.
    QCOMPARE(bodyOf(first).value(QStringLiteral("requestId")).toString(), QString::fromLatin1(id1));

    // Refusals carry the ids too.
    Call bad;
    bad.authorization.clear();
    bad.headers = { { "x-ms-client-request-id", "abc" } };
    const HttpResponse refused = call(bad);
    QCOMPARE(refused.status, 401);
    QVERIFY(!QUuid::fromString(QLatin1String(refused.headers.value("x-request-id"))).isNull());
    QCOMPARE(refused.headers.value("x-ms-client-request-id"), QByteArray("abc"));
}

void TestGateway::keepAliveReuse()
{
    TestClient client(m_gateway->port());
    for (int i = 0; i < 20; ++i) {
        client.send(requestBytes(Call {}));
        QVERIFY(client.waitFor(i + 1));
        QCOMPARE(client.responses.last().status, 200);
    }
    QCOMPARE(m_blue1->requests() + m_blue2->requests(), 20);
    // One kept-alive connection per instance at most, not one per request.
    QVERIFY2(m_blue1->connections() + m_blue2->connections() <= 2,
        qPrintable(
            QStringLiteral("%1 + %2").arg(m_blue1->connections()).arg(m_blue2->connections())));
    QVERIFY(!client.isClosed());
}

void TestGateway::pipelinedAnswersInOrder()
{
    // The first request is slow upstream; the later ones must still be answered after it.
    TestClient client(m_gateway->port());
    QByteArray all;
    for (int i = 0; i < 5; ++i) {
        Call c;
        c.body = QByteArray::number(i);
        if (i == 0)
            c.headers = { { "x-test-delay-ms", "150" } };
        all += requestBytes(c);
    }
    client.send(all);
    QVERIFY(client.waitFor(5));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(bodyOf(client.responses.at(i)).value(QStringLiteral("body")).toString(),
            QString::number(i));
}

void TestGateway::routeTableSwap()
{
    // A slow request started under the old table finishes there.
    TestClient slow(m_gateway->port());
    Call c;
    c.headers = { { "x-test-delay-ms", "150" } };
    slow.send(requestBytes(c));
    QTRY_COMPARE(m_blue1->requests() + m_blue2->requests(), 1);

    m_gateway->setRouteTable(
        table({ { QStringLiteral("blue"), 0 }, { QStringLiteral("green"), 100 } }));
    QCOMPARE(m_gateway->routeTable()->traffic.value(QStringLiteral("green")), 100);
    const HttpResponse next = call();
    QCOMPARE(next.status, 200);
    QCOMPARE(next.headers.value("azureml-model-deployment"), QByteArray("green"));

    QVERIFY(slow.waitFor(1));
    QCOMPARE(slow.responses.first().headers.value("azureml-model-deployment"), QByteArray("blue"));
}

void TestGateway::whenDrained()
{
    auto t = table({ { QStringLiteral("blue"), 100 } });
    t->deployments[QStringLiteral("blue")].readyPorts = { m_blue1->port() };
    m_gateway->setRouteTable(t);

    bool idleDrained = false;
    m_gateway->whenDrained(m_green->port(), [&] { idleDrained = true; });
    QVERIFY(idleDrained); // nothing in flight: at once

    TestClient client(m_gateway->port());
    Call c;
    c.headers = { { "x-test-delay-ms", "200" } };
    client.send(requestBytes(c));
    QTRY_COMPARE(m_blue1->requests(), 1);

    int drainedCalls = 0;
    int answeredWhenDrained = -1;
    m_gateway->whenDrained(m_blue1->port(), [&] {
        ++drainedCalls;
        answeredWhenDrained = m_blue1->answered();
    });
    QCOMPARE(drainedCalls, 0);
    QCOMPARE(m_blue1->answered(), 0);
    QTRY_COMPARE(drainedCalls, 1);
    QCOMPARE(answeredWhenDrained, 1);
    QVERIFY(client.waitFor(1));
    QCOMPARE(client.responses.first().status, 200);
    // Called once only.
    QVERIFY(client.waitFor(1));
    QCOMPARE(drainedCalls, 1);
}

void TestGateway::upstreamKilled()
{
    // Warm up: kept-alive connections to both blue instances.
    TestClient client(m_gateway->port());
    for (int i = 0; i < 6; ++i) {
        client.send(requestBytes(Call {}));
        QVERIFY(client.waitFor(i + 1));
    }
    QVERIFY(m_blue1->requests() > 0 && m_blue2->requests() > 0);

    m_blue1->kill();
    m_blue1->resetCounts();
    m_blue2->resetCounts();
    for (int i = 0; i < 10; ++i) {
        client.send(requestBytes(Call {}));
        QVERIFY(client.waitFor(7 + i));
        const HttpResponse &r = client.responses.last();
        QCOMPARE(r.status, 200);
        QCOMPARE(bodyOf(r).value(QStringLiteral("instance")).toString(), QStringLiteral("blue-2"));
    }
    QCOMPARE(m_blue2->requests(), 10);

    m_blue2->kill();
    client.send(requestBytes(Call {}));
    QVERIFY(client.waitFor(17));
    const HttpResponse &failed = client.responses.last();
    QCOMPARE(failed.status, 502);
    QVERIFY2(messageOf(failed).contains(QStringLiteral("'blue'")), qPrintable(messageOf(failed)));
    QCOMPARE(failed.headers.value("azureml-model-deployment"), QByteArray("blue"));
}

void TestGateway::deadPortRetried()
{
    // A port nobody listens on (an instance that died before the host noticed).
    quint16 deadPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress(QHostAddress::LocalHost)));
        deadPort = probe.serverPort();
    }
    auto t = table({ { QStringLiteral("blue"), 100 } });
    t->deployments[QStringLiteral("blue")].readyPorts = { deadPort, m_blue2->port() };
    m_gateway->setRouteTable(t);
    for (int i = 0; i < 6; ++i) {
        const HttpResponse r = call();
        QCOMPARE(r.status, 200);
        QCOMPARE(bodyOf(r).value(QStringLiteral("instance")).toString(), QStringLiteral("blue-2"));
    }
    // Only the dead one: nowhere to retry.
    t = table({ { QStringLiteral("blue"), 100 } });
    t->deployments[QStringLiteral("blue")].readyPorts = { deadPort };
    m_gateway->setRouteTable(t);
    const HttpResponse r = call();
    QCOMPARE(r.status, 502);
    QVERIFY(messageOf(r).contains(QString::number(deadPort)));
}

void TestGateway::bodyTooLarge()
{
    TestClient client(m_gateway->port());
    Call c;
    c.body = QByteArray(2 * 1024 * 1024, 'x');
    client.send(requestBytes(c));
    QVERIFY(client.waitFor(1));
    const HttpResponse &r = client.responses.first();
    QCOMPARE(r.status, 413);
    QVERIFY2(messageOf(r).contains(QStringLiteral("1572864")), qPrintable(messageOf(r)));
    QVERIFY(client.waitClosed());
    QCOMPARE(m_blue1->requests() + m_blue2->requests(), 0);

    // 1.5 MiB exactly is fine.
    Call atLimit;
    atLimit.body = QByteArray(1572864, 'x');
    QCOMPARE(call(atLimit).status, 200);
}

void TestGateway::chunkedAndContinue()
{
    // A chunked body reaches the model whole; "Expect: 100-continue" gets its interim answer
    // before the body is sent.
    TestClient client(m_gateway->port());
    client.send("POST /score HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kPrimary.toUtf8()
        + "\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n");
    QVERIFY(client.waitForBytes(qstrlen("HTTP/1.1 100 Continue\r\n\r\n")));
    QVERIFY(client.responses.isEmpty());
    client.send("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    QVERIFY(client.waitFor(1));
    QCOMPARE(client.responses.first().status, 200);
    QCOMPARE(client.interimCounts.first(), 1);
    QCOMPARE(bodyOf(client.responses.first()).value(QStringLiteral("body")).toString(),
        QStringLiteral("hello world"));
    const HttpRequest &seen = m_blue1->requests() ? m_blue1->lastRequest() : m_blue2->lastRequest();
    QCOMPARE(seen.header("content-length"), QByteArray("11"));
    QVERIFY(!seen.hasHeader("transfer-encoding"));
    QVERIFY(!seen.hasHeader("expect"));
}

void TestGateway::badInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::newRow("garbage") << QByteArray("GARBAGE\r\n\r\n") << 400;
    QTest::newRow("no host") << QByteArray("POST /score HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
                             << 400;
    QTest::newRow("bad length") << QByteArray(
        "POST /score HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n")
                                << 400;
    QTest::newRow("huge head") << QByteArray(
        "POST /score HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(20000, 'a') + "\r\n\r\n")
                               << 431;
}

void TestGateway::badInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    TestClient client(m_gateway->port());
    client.send(bytes);
    QVERIFY(client.waitFor(1));
    const HttpResponse &r = client.responses.first();
    QCOMPARE(r.status, status);
    QVERIFY(r.headers.value("content-type").startsWith("application/json"));
    QVERIFY(!messageOf(r).isEmpty());
    QVERIFY(client.waitClosed());
}

void TestGateway::requestServedSignal()
{
    QSignalSpy served(m_gateway.get(), &Gateway::requestServed);
    Call c;
    c.body = "12345";
    QCOMPARE(call(c).status, 200);
    Call bad;
    bad.authorization = "Bearer wrong";
    QCOMPARE(call(bad).status, 401);
    QCOMPARE(served.size(), 2);
    QCOMPARE(served.at(0).at(0).toString(), QStringLiteral("blue"));
    QCOMPARE(served.at(0).at(1).toInt(), 200);
    QVERIFY(served.at(0).at(2).toDouble() > 0);
    QCOMPARE(served.at(0).at(3).toLongLong(), 5);
    QVERIFY(served.at(0).at(4).toLongLong() > 10);
    QCOMPARE(served.at(0).at(5).toBool(), false);
    QCOMPARE(served.at(1).at(0).toString(), QString());
    QCOMPARE(served.at(1).at(1).toInt(), 401);
}

void TestGateway::closeStopsListening()
{
    const quint16 port = m_gateway->port();
    TestClient idle(port);
    QCOMPARE(call().status, 200);
    m_gateway->close();
    QCOMPARE(m_gateway->port(), quint16(0));
    QVERIFY(idle.waitClosed());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    QTRY_COMPARE(socket.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
}

QTEST_GUILESS_MAIN(TestGateway)
#include "tst_gateway.moc"

// The ARM side of WorkspaceClient against a local server that replays what Azure sends,
// in the shapes of the REST spec: 201 + Azure-AsyncOperation, 202 + Location + Retry-After,
// nextLink pages with another api-version, 429/5xx retries (idempotent calls only), the
// error envelope, a revoked token, and traffic updates that wait for a GET to show them.

#include "armtransport.h"
#include "core/armjsonfixtures.h"
#include "tokencredential.h"
#include "ui/fakehttpserver.h"
#include "workspaceclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

namespace {

const QByteArray Ws
    = "/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/rg/providers/"
      "Microsoft.MachineLearningServices/workspaces/ws";

// A credential handing out "tok-1", "tok-2", ... (a new one after each clearCache).
class CountingCredential final : public TokenCredential
{
public:
    int fetches = 0;
    QString name() const override { return QStringLiteral("CountingCredential"); }

protected:
    void fetch() override
    {
        ++fetches;
        fetchFinished(BearerToken {
            QStringLiteral("tok-%1").arg(fetches), QDateTime::currentDateTimeUtc().addSecs(3600) });
    }
};

// Answers in order; each step names the method and the start of the target it expects.
struct Step
{
    QByteArray method;
    QByteArray target; // prefix, relative to the server root
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

class Replay
{
public:
    QList<Step> steps;
    QStringList mismatches;
    QList<qint64> timesMs;
    FakeHttpServer http;
    QElapsedTimer clock;

    Replay()
    {
        clock.start();
        http.handler = [this](const FakeHttpServer::Request &r) {
            timesMs << clock.elapsed();
            FakeHttpServer::Answer a;
            if (steps.isEmpty()) {
                mismatches << QStringLiteral("unexpected %1 %2")
                                  .arg(
                                      QString::fromLatin1(r.method), QString::fromLatin1(r.target));
                a.status = 599;
                return std::optional(a);
            }
            const Step s = steps.takeFirst();
            if (r.method != s.method || !r.target.startsWith(s.target))
                mismatches << QStringLiteral("expected %1 %2, got %3 %4")
                                  .arg(QString::fromLatin1(s.method), QString::fromLatin1(s.target),
                                      QString::fromLatin1(r.method), QString::fromLatin1(r.target));
            a.status = s.status;
            a.body = s.body;
            a.headers = s.headers;
            return std::optional(a);
        };
    }
    QByteArray url(const QByteArray &path) const
    {
        return http.url(QString::fromLatin1(path)).toLatin1();
    }
};

QByteArray endpointJson(
    const QByteArray &traffic, const QByteArray &mirror, const QByteArray &state = "Succeeded")
{
    return R"({"name": "e", "location": "westeurope", "properties": {"authMode": "Key", "provisioningState": ")"
        + state + R"(", "traffic": )" + traffic + R"(, "mirrorTraffic": )" + mirror + "}}";
}

ApiResult wait(ApiReply *reply)
{
    QSignalSpy spy(reply, &ApiReply::finished);
    if (!spy.wait(30000))
        return ApiResult();
    return spy.at(0).at(0).value<ApiResult>();
}

} // namespace

class TestArmTransport : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void createWaitsForAsyncOperation_data();
    void createWaitsForAsyncOperation();
    void deleteFollowsLocationWithRetryAfter();
    void pagesFollowNextLink();
    void nextLinkToAnotherHostIsRefused();
    void retries_data();
    void retries();
    void pollIsNotRetried();
    void errorEnvelopeBecomesTheMessage();
    void revokedTokenIsRenewedOnce();
    void trafficUpdateKeepsMirrorAndWaitsForGet();
    void azureGoesThroughTheSystemProxy();

private:
    std::unique_ptr<Replay> m_replay;
    std::unique_ptr<CountingCredential> m_credential;
    std::unique_ptr<WorkspaceClient> m_client;
};

void TestArmTransport::init()
{
    m_replay = std::make_unique<Replay>();
    QVERIFY(m_replay->http.listen());
    WorkspaceConnection c;
    c.baseUrl = m_replay->http.url(QString());
    c.workspacePath = QString::fromLatin1(Ws);
    c.azure = true;
    m_client = std::make_unique<WorkspaceClient>(c);
    m_credential = std::make_unique<CountingCredential>();
    m_client->setCredential(m_credential.get());
    m_client->transport()->baseRetryDelayMs = 20;
}

void TestArmTransport::cleanup()
{
    QVERIFY2(
        m_replay->mismatches.isEmpty(), qPrintable(m_replay->mismatches.join(QLatin1Char('\n'))));
    QVERIFY2(m_replay->steps.isEmpty(), "not every replayed answer was asked for");
    m_client.reset();
    m_credential.reset();
    m_replay.reset();
}

void TestArmTransport::createWaitsForAsyncOperation_data()
{
    QTest::addColumn<QByteArray>("finalStatus");
    QTest::addColumn<QString>("error");
    QTest::newRow("Succeeded") << QByteArray(R"({"status": "Succeeded"})") << QString();
    QTest::newRow("Failed") << QByteArray(
        R"({"status": "Failed", "error": {"code": "DeploymentFailed", "message": "Image build failed for environment env:1."}})")
                            << QStringLiteral("Image build failed for environment env:1.");
    QTest::newRow("Canceled") << QByteArray(R"({"status": "Canceled"})")
                              << QStringLiteral("The operation ended Canceled.");
}

void TestArmTransport::createWaitsForAsyncOperation()
{
    QFETCH(QByteArray, finalStatus);
    QFETCH(QString, error);
    const QByteArray op = "/subscriptions/s/providers/Microsoft.MachineLearningServices/locations/"
                          "westeurope/mfeOperationsStatus/op-1?api-version=2025-12-01";
    m_replay->steps = {
        { "PUT", Ws + "/onlineEndpoints/e?api-version=2025-12-01", 201,
            endpointJson("{}", "{}", "Creating"),
            { { "Azure-AsyncOperation", m_replay->url(op) },
                { "x-ms-async-operation-timeout", "PT1H" } } },
        { "GET", op, 200, R"({"status": "InProgress"})", { { "Retry-After", "0" } } },
        { "GET", op, 200, finalStatus, {} },
    };
    if (error.isEmpty())
        m_replay->steps.append({ "GET", Ws + "/onlineEndpoints/e?api-version=2025-12-01", 200,
            ArmJsonFixtures::EndpointJson, {} });
    Endpoint e;
    e.name = QStringLiteral("e");
    const ApiResult result = wait(m_client->putEndpoint(e, true));
    if (error.isEmpty()) {
        QVERIFY(result.ok());
        QCOMPARE(
            result.json.value(QStringLiteral("name")).toString(), QStringLiteral("my-endpoint"));
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(result.error->message, error);
    }
    QCOMPARE(m_replay->http.requests().constFirst().headers.value("authorization"),
        QByteArray("Bearer tok-1"));
    QCOMPARE(m_credential->fetches, 1); // one token for the whole sequence
}

void TestArmTransport::deleteFollowsLocationWithRetryAfter()
{
    const QByteArray result
        = "/subscriptions/s/providers/Microsoft.MachineLearningServices/locations/westeurope/"
          "mfeOperationResults/op-2?api-version=2025-12-01";
    m_replay->steps = {
        { "DELETE", Ws + "/onlineEndpoints/e/deployments/blue?", 202, QByteArray(),
            { { "Location", m_replay->url(result) }, { "Retry-After", "1" } } },
        { "GET", result, 202, QByteArray(),
            { { "Location", m_replay->url(result) }, { "Retry-After", "1" } } },
        { "GET", result, 204, QByteArray(), {} },
    };
    const ApiResult r
        = wait(m_client->deleteDeployment(QStringLiteral("e"), QStringLiteral("blue"), true));
    QVERIFY(r.ok());
    QCOMPARE(r.httpStatus, 204);
    const QList<qint64> &t = m_replay->timesMs;
    QCOMPARE(t.size(), 3);
    QVERIFY2(t[1] - t[0] >= 900 && t[2] - t[1] >= 900, "Retry-After: 1 was not honoured");
}

void TestArmTransport::pagesFollowNextLink()
{
    // The second page's link carries another api-version and a skip token: used as given.
    const QByteArray next = Ws + "/onlineEndpoints?api-version=2025-07-01-preview&$skipToken=abc";
    m_replay->steps = {
        { "GET", Ws + "/onlineEndpoints?api-version=2025-12-01", 200,
            R"({"value": [{"name": "a"}, {"name": "b"}], "nextLink": ")" + m_replay->url(next)
                + "\"}",
            {} },
        { "GET", next, 200, R"({"value": [{"name": "c"}]})", {} },
    };
    const ApiResult r = wait(m_client->listEndpoints());
    QVERIFY(r.ok());
    const QJsonArray all = r.json.value(QStringLiteral("value")).toArray();
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(2).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("c"));
    QCOMPARE(m_replay->http.requests().at(1).target, next);
    QCOMPARE(
        m_replay->http.requests().at(1).headers.value("authorization"), QByteArray("Bearer tok-1"));
}

void TestArmTransport::nextLinkToAnotherHostIsRefused()
{
    m_replay->steps = { { "GET", Ws + "/onlineEndpoints/e/deployments?", 200,
        R"({"value": [{"name": "a"}], "nextLink": "https://evil.example.com/steal?api-version=1"})",
        {} } };
    const ApiResult r = wait(m_client->listDeployments(QStringLiteral("e")));
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, QStringLiteral("InvalidNextLink"));
    QVERIFY(r.error->message.contains(QLatin1String("evil.example.com")));
}

void TestArmTransport::retries_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::addColumn<int>("failures"); // answers with `status` before a 200
    QTest::addColumn<int>("requests");
    QTest::addColumn<bool>("ok");
    QTest::newRow("GET 429 Retry-After 1")
        << QByteArray("GET") << 429 << QByteArray("1") << 1 << 2 << true;
    QTest::newRow("GET 503 backoff") << QByteArray("GET") << 503 << QByteArray() << 2 << 3 << true;
    QTest::newRow("PUT 500 gives up")
        << QByteArray("PUT") << 500 << QByteArray() << ArmTransport::MaxRetries + 1
        << ArmTransport::MaxRetries + 1 << false;
    QTest::newRow("POST 503 not retried")
        << QByteArray("POST") << 503 << QByteArray("0") << 1 << 1 << false;
    QTest::newRow("PATCH 429 not retried")
        << QByteArray("PATCH") << 429 << QByteArray("0") << 1 << 1 << false;
}

void TestArmTransport::retries()
{
    QFETCH(QByteArray, method);
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    QFETCH(int, failures);
    QFETCH(int, requests);
    QFETCH(bool, ok);
    const QByteArray path = Ws + "/onlineEndpoints/e";
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!retryAfter.isEmpty())
        headers.append({ "Retry-After", retryAfter });
    for (int i = 0; i < failures; ++i)
        m_replay->steps.append({ method, path, status,
            R"({"error": {"code": "TooManyRequests", "message": "Throttled, try later."}})",
            headers });
    if (requests > failures)
        m_replay->steps.append({ method, path, 200, ArmJsonFixtures::EndpointJson, {} });
    const ApiResult r = wait(m_client->send(method, QStringLiteral("/onlineEndpoints/e"),
        method == "GET" ? std::nullopt : std::optional(QJsonObject())));
    QCOMPARE(r.ok(), ok);
    QCOMPARE(m_replay->http.requests().size(), requests);
    if (!ok)
        QCOMPARE(r.error->message, QStringLiteral("Throttled, try later."));
    if (retryAfter == "1")
        QVERIFY2(
            m_replay->timesMs[1] - m_replay->timesMs[0] >= 900, "Retry-After: 1 was not honoured");
}

void TestArmTransport::pollIsNotRetried()
{
    // A poller (the metrics feed) asks again on its own clock: a failure shows at once.
    const QByteArray path = Ws + "/onlineEndpoints/e";
    m_replay->steps.append({ "GET", path, 503,
        R"({"error": {"code": "ServiceUnavailable", "message": "Busy."}})", {} });
    const ApiResult r = wait(m_client->poll(QStringLiteral("/onlineEndpoints/e")));
    QVERIFY(!r.ok());
    QCOMPARE(r.error->message, QStringLiteral("Busy."));
    QCOMPARE(m_replay->http.requests().size(), 1);
}

void TestArmTransport::errorEnvelopeBecomesTheMessage()
{
    m_replay->steps = { { "POST", Ws + "/onlineEndpoints/e/listKeys", 403,
        R"({"error": {"code": "AuthorizationFailed", "message": "The client 'u@x' does not have authorization to perform action 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints/listKeys/action'.", "target": "e", "details": [], "additionalInfo": [{"type": "PolicyViolation", "info": {}}]}})",
        {} } };
    const ApiResult r = wait(m_client->listKeys(QStringLiteral("e")));
    QVERIFY(!r.ok());
    QCOMPARE(r.httpStatus, 403);
    QCOMPARE(r.error->code, QStringLiteral("AuthorizationFailed"));
    QVERIFY(
        r.error->message.startsWith(QLatin1String("The client 'u@x' does not have authorization")));
}

void TestArmTransport::revokedTokenIsRenewedOnce()
{
    const QByteArray expired
        = R"({"error": {"code": "ExpiredAuthenticationToken", "message": "The access token expiry UTC time is earlier than current UTC time."}})";
    m_replay->steps = {
        { "GET", Ws + "/onlineEndpoints/e?", 401, expired, {} },
        { "GET", Ws + "/onlineEndpoints/e?", 200, ArmJsonFixtures::EndpointJson, {} },
        { "GET", Ws + "/onlineEndpoints/x?", 401, expired, {} },
        { "GET", Ws + "/onlineEndpoints/x?", 401, expired, {} },
    };
    QVERIFY(wait(m_client->getEndpoint(QStringLiteral("e"))).ok());
    QCOMPARE(
        m_replay->http.requests().at(1).headers.value("authorization"), QByteArray("Bearer tok-2"));
    const ApiResult r = wait(m_client->getEndpoint(QStringLiteral("x")));
    QVERIFY(!r.ok()); // a second 401 in a row is the answer
    QCOMPARE(r.error->code, QStringLiteral("ExpiredAuthenticationToken"));
    QCOMPARE(m_credential->fetches, 3);
}

void TestArmTransport::trafficUpdateKeepsMirrorAndWaitsForGet()
{
    const QByteArray path = Ws + "/onlineEndpoints/e?";
    const QByteArray before
        = endpointJson(R"({"blue": 100, "green": 0, "red": 0})", R"({"red": 10})");
    const QByteArray after
        = endpointJson(R"({"blue": 90, "green": 10, "red": 0})", R"({"red": 10})");
    m_replay->steps = {
        { "GET", path, 200, before, {} },
        { "PUT", path, 200, after, {} },
        { "GET", path, 200, before, {} }, // Azure is eventually consistent: old values first
        { "GET", path, 200, before, {} },
        { "GET", path, 200, after, {} },
    };
    const TrafficMap traffic { { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } };
    const ApiResult r
        = wait(m_client->updateTraffic(QStringLiteral("e"), traffic, std::nullopt, true));
    QVERIFY2(r.ok(), r.error ? qPrintable(r.error->message) : "");
    const QJsonObject put = QJsonDocument::fromJson(m_replay->http.requests().at(1).body).object();
    const QJsonObject props = put.value(QStringLiteral("properties")).toObject();
    QCOMPARE(props.value(QStringLiteral("traffic")).toObject(),
        (QJsonObject { { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } }));
    QCOMPARE(props.value(QStringLiteral("mirrorTraffic")).toObject(),
        (QJsonObject { { QStringLiteral("red"), 10 } }));
    QCOMPARE(m_replay->http.requests().size(), 5); // finished only when a GET showed the change
    QCOMPARE(r.json.value(QStringLiteral("properties"))
                 .toObject()
                 .value(QStringLiteral("traffic"))
                 .toObject()
                 .value(QStringLiteral("green"))
                 .toInt(),
        10);
}

void TestArmTransport::azureGoesThroughTheSystemProxy()
{
    // http_proxy names a local server standing in for a corporate proxy: a request to a
    // remote ARM host reaches it with the absolute URL; loopback never does (init's client).
    FakeHttpServer proxy;
    QVERIFY(proxy.listen());
    proxy.handler = [](const FakeHttpServer::Request &) {
        FakeHttpServer::Answer a;
        a.body = ArmJsonFixtures::EndpointJson;
        return std::optional(a);
    };
    qputenv("http_proxy", proxy.url(QString()).toLatin1());
    qunsetenv("no_proxy");
    WorkspaceConnection c;
    c.baseUrl = QStringLiteral("http://arm.example.test");
    c.workspacePath = QString::fromLatin1(Ws);
    WorkspaceClient remote(c);
    remote.setCredential(m_credential.get());
    const ApiResult r = wait(remote.getEndpoint(QStringLiteral("e")));
    qunsetenv("http_proxy");
    QVERIFY2(r.ok(), r.error ? qPrintable(r.error->message) : "");
    QCOMPARE(proxy.requests().size(), 1);
    QVERIFY2(
        proxy.requests().constFirst().target.startsWith("http://arm.example.test/subscriptions/"),
        proxy.requests().constFirst().target.constData());
}

QTEST_GUILESS_MAIN(TestArmTransport)
#include "tst_armtransport.moc"

// The metrics feed: the ring buffer, the 15-minute history trimmed by bucket time, and the
// poll against a fake workspace (cursor handed back, 404 = no feed, endpoint switches).

#include "armjson.h"
#include "fakehttpserver.h"
#include "hostinfo.h"
#include "metricsfeed.h"
#include "ringbuffer.h"
#include "workspaceclient.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

namespace {

MetricsBucket bucket(qint64 t, const QString &deployment, qint64 requests = 1)
{
    MetricsBucket b;
    b.t = t;
    b.deployment = deployment;
    b.requests = requests;
    b.status2xx = requests;
    b.p50Ms = 3;
    b.p95Ms = 5;
    b.p99Ms = 9;
    return b;
}

QByteArray pageJson(qint64 cursor, const QList<MetricsBucket> &buckets)
{
    MetricsPage page;
    page.cursor = cursor;
    page.buckets = buckets;
    return QJsonDocument(ArmJson::metricsToJson(page)).toJson(QJsonDocument::Compact);
}

} // namespace

class TestMetricsFeed : public QObject
{
    Q_OBJECT
private slots:
    void ringBufferDropsOldest();
    void historyTrimsToWindow_data();
    void historyTrimsToWindow();
    void historyReplacesTheSameSecond();
    void historySinceSelects();
    void pollsWithTheCursor();
    void noFeedIsUnsupported_data();
    void noFeedIsUnsupported();
    void serverErrorIsTransient();
    void endpointSwitchStartsOver();

private:
    WorkspaceConnection connectionTo(const FakeHttpServer &server) const
    {
        WorkspaceConnection c;
        c.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(server.port());
        c.workspacePath = LocalWorkspace::workspacePath();
        c.bearerToken = QStringLiteral("ctl");
        c.userAgent = QStringLiteral("tst_metricsfeed/1");
        return c;
    }
};

void TestMetricsFeed::ringBufferDropsOldest()
{
    RingBuffer<int> ring(3);
    QVERIFY(ring.isEmpty());
    for (int i = 1; i <= 5; ++i)
        ring.append(i);
    QCOMPARE(ring.size(), 3);
    QCOMPARE(ring.first(), 3);
    QCOMPARE(ring.last(), 5);
    QCOMPARE(ring.at(1), 4);
    ring.removeFirst();
    QCOMPARE(ring.size(), 2);
    QCOMPARE(ring.first(), 4);
    ring.append(6);
    ring.append(7);
    QCOMPARE(ring.size(), 3);
    QCOMPARE(ring.first(), 5);
    QCOMPARE(ring.last(), 7);
    ring.clear();
    QVERIFY(ring.isEmpty());
}

void TestMetricsFeed::historyTrimsToWindow_data()
{
    QTest::addColumn<int>("seconds"); // one bucket a second for blue
    QTest::addColumn<int>("step");
    QTest::addColumn<int>("kept");
    QTest::newRow("under the window") << 600 << 1 << 600;
    QTest::newRow("exactly 15 min") << 900 << 1 << 900;
    QTest::newRow("20 min") << 1200 << 1 << 900;
    QTest::newRow("20 min, a bucket every 10 s") << 1200 << 10 << 90;
}

void TestMetricsFeed::historyTrimsToWindow()
{
    QFETCH(int, seconds);
    QFETCH(int, step);
    QFETCH(int, kept);
    MetricsHistory history;
    QCOMPARE(history.windowSeconds(), 900);
    constexpr qint64 T0 = 1700000000;
    for (int s = 0; s < seconds; s += step)
        history.add(bucket(T0 + s, QStringLiteral("blue")));
    QCOMPARE(history.size(QStringLiteral("blue")), kept);
    const qint64 newest = T0 + ((seconds - 1) / step) * step;
    QCOMPARE(history.newestTime(), newest);
    QVERIFY(history.oldestTime() > newest - 900);
    // A bucket older than the window is not taken; one just inside is.
    QVERIFY(!history.add(bucket(newest - 900, QStringLiteral("green"))));
    QVERIFY(history.add(bucket(newest - 899, QStringLiteral("green"))));
}

void TestMetricsFeed::historyReplacesTheSameSecond()
{
    MetricsHistory history;
    history.add(bucket(100, QStringLiteral("blue"), 3));
    history.add(bucket(101, QStringLiteral("blue"), 4));
    QVERIFY(history.add(bucket(101, QStringLiteral("blue"), 9))); // the second filled up
    QVERIFY(!history.add(bucket(100, QStringLiteral("blue"), 1))); // stale
    const QList<MetricsBucket> kept = history.buckets(QStringLiteral("blue"));
    QCOMPARE(kept.size(), 2);
    QCOMPARE(kept.last().requests, 9);
    // The green series trims with blue's clock: one clock per endpoint.
    history.add(bucket(102, QStringLiteral("green")));
    history.add(bucket(102 + 900, QStringLiteral("blue")));
    QCOMPARE(history.deployments(), QStringList { QStringLiteral("blue") });
}

void TestMetricsFeed::historySinceSelects()
{
    MetricsHistory history;
    for (qint64 t = 10; t < 20; ++t)
        history.add(bucket(t, QStringLiteral("blue")));
    QCOMPARE(history.buckets(QStringLiteral("blue"), 15).size(), 5);
    QCOMPARE(history.buckets(QStringLiteral("blue"), 15).first().t, 15);
    QCOMPARE(history.buckets(QStringLiteral("blue"), 0).size(), 10);
    QCOMPARE(history.buckets(QStringLiteral("blue"), 99).size(), 0);
    QCOMPARE(history.buckets(QStringLiteral("nobody")).size(), 0);
}

void TestMetricsFeed::pollsWithTheCursor()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    QList<qint64> asked;
    server.handler = [&asked](const FakeHttpServer::Request &request) {
        const QUrlQuery query(QUrl(QString::fromUtf8(request.target)).query());
        const qint64 since = query.queryItemValue(QStringLiteral("since")).toLongLong();
        asked.append(since);
        FakeHttpServer::Answer answer;
        // Cursor 0 -> 5 with two seconds of blue and green, 5 -> 7 with one more, then nothing.
        if (since == 0)
            answer.body = pageJson(5, { bucket(1000, QStringLiteral("blue"), 9), bucket(1000, QStringLiteral("green"), 1),
                                         bucket(1001, QStringLiteral("blue"), 8) });
        else if (since == 5)
            answer.body = pageJson(7, { bucket(1002, QStringLiteral("green"), 2) });
        else
            answer.body = pageJson(since, {});
        return std::optional(answer);
    };
    WorkspaceClient client(connectionTo(server));
    MetricsFeed feed(&client);
    feed.setInterval(50);
    QSignalSpy added(&feed, &MetricsFeed::bucketsAdded);
    QSignalSpy availability(&feed, &MetricsFeed::availabilityChanged);
    feed.setEndpoint(QStringLiteral("demo"));
    feed.start();
    QTRY_VERIFY(asked.size() >= 3);
    QCOMPARE(asked.mid(0, 3), (QList<qint64> { 0, 5, 7 }));
    QCOMPARE(feed.cursor(), 7);
    QCOMPARE(added.size(), 2); // the empty page adds nothing
    QCOMPARE(added.at(0).first().value<QList<MetricsBucket>>().size(), 3);
    QCOMPARE(feed.history().size(QStringLiteral("blue")), 2);
    QCOMPARE(feed.history().size(QStringLiteral("green")), 2);
    QCOMPARE(feed.availability(), MetricsFeed::Availability::Available);
    QCOMPARE(availability.size(), 1);
    // The request: GET on the workspace path, the contract's api-version, the bearer.
    const FakeHttpServer::Request &first = server.requests().first();
    QCOMPARE(first.method, QByteArray("GET"));
    QVERIFY(first.target.startsWith(QByteArray(LocalWorkspace::workspacePath().toUtf8() + "/onlineEndpoints/demo/metrics?")));
    QVERIFY(first.target.contains("api-version=2025-12-01"));
    QCOMPARE(first.headers.value("authorization"), QByteArray("Bearer ctl"));
    feed.stop();
    QVERIFY(!feed.isRunning());
}

void TestMetricsFeed::noFeedIsUnsupported_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("404 not found") << 404;
    QTest::newRow("405 older host") << 405;
}

void TestMetricsFeed::noFeedIsUnsupported()
{
    QFETCH(int, status);
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.handler = [status](const FakeHttpServer::Request &) {
        FakeHttpServer::Answer answer;
        answer.status = status;
        answer.body = R"({"error": {"code": "ResourceNotFound", "message": "no metrics here"}})";
        return std::optional(answer);
    };
    WorkspaceClient client(connectionTo(server));
    MetricsFeed feed(&client);
    feed.setInterval(50);
    QSignalSpy availability(&feed, &MetricsFeed::availabilityChanged);
    feed.setEndpoint(QStringLiteral("demo"));
    feed.start();
    QVERIFY(availability.wait(5000));
    QCOMPARE(feed.availability(), MetricsFeed::Availability::Unsupported);
    QVERIFY(availability.first().at(1).toString().contains(QLatin1String("no metrics here")));
    QVERIFY(feed.history().deployments().isEmpty());
}

void TestMetricsFeed::serverErrorIsTransient()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    int calls = 0;
    server.handler = [&calls](const FakeHttpServer::Request &) {
        FakeHttpServer::Answer answer;
        if (calls++ == 0) {
            answer.status = 500;
            answer.body = R"({"error": {"code": "Internal", "message": "boom"}})";
        } else {
            answer.body = pageJson(3, { bucket(50, QStringLiteral("blue")) });
        }
        return std::optional(answer);
    };
    WorkspaceClient client(connectionTo(server));
    MetricsFeed feed(&client);
    feed.setInterval(50);
    QSignalSpy failed(&feed, &MetricsFeed::pollFailed);
    QSignalSpy added(&feed, &MetricsFeed::bucketsAdded);
    feed.setEndpoint(QStringLiteral("demo"));
    feed.start();
    QVERIFY(added.wait(5000));
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().first().value<Error>().message.contains(QLatin1String("boom")));
    QCOMPARE(feed.cursor(), 3);
}

void TestMetricsFeed::endpointSwitchStartsOver()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    QList<QPointer<QTcpSocket>> heldForA;
    server.handler = [&heldForA](const FakeHttpServer::Request &request) -> std::optional<FakeHttpServer::Answer> {
        if (request.target.contains("/onlineEndpoints/a/")) {
            heldForA.append(request.socket); // answered only after the switch
            return std::nullopt;
        }
        FakeHttpServer::Answer answer;
        answer.body = pageJson(2, { bucket(10, QStringLiteral("green")) });
        return answer;
    };
    WorkspaceClient client(connectionTo(server));
    int exchanges = 0; // the client traces each answer just before handing it on
    client.traceHook = [&exchanges](const QString &) { ++exchanges; };
    MetricsFeed feed(&client);
    feed.setInterval(60000);
    feed.setEndpoint(QStringLiteral("a"));
    feed.start();
    QTRY_COMPARE(heldForA.size(), 1);
    QSignalSpy added(&feed, &MetricsFeed::bucketsAdded);
    feed.setEndpoint(QStringLiteral("b"));
    QCOMPARE(feed.cursor(), 0);
    QVERIFY(added.wait(5000));
    // A's late answer is dropped: its buckets never mix into b's history.
    FakeHttpServer::Answer late;
    late.body = pageJson(99, { bucket(11, QStringLiteral("blue")) });
    FakeHttpServer::respond(heldForA.first(), late);
    QTRY_COMPARE(exchanges, 2);
    QCOMPARE(feed.history().deployments(), QStringList { QStringLiteral("green") });
    QCOMPARE(feed.cursor(), 2);
}

QTEST_GUILESS_MAIN(TestMetricsFeed)
#include "tst_metricsfeed.moc"

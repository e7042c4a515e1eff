// The load generator against a small HTTP server in the test: headers on the wire, the
// rate, more than six connections really in use, stop(), reconnects, failures, timeouts.

#include "fakehttpserver.h"
#include "loadgenerator.h"

#include <QSignalSpy>
#include <QTest>

namespace {

LoadProgress runToEnd(LoadGenerator &generator, const LoadSettings &settings, int timeoutMs = 20000)
{
    QSignalSpy finished(&generator, &LoadGenerator::finished);
    const Status started = generator.start(settings);
    if (!started) {
        qWarning("start failed: %s", qPrintable(started.error().message));
        return {};
    }
    if (!finished.wait(timeoutMs))
        return {};
    return finished.first().first().value<LoadProgress>();
}

} // namespace

class TestLoadGenerator : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void validate_data();
    void validate();
    void sendsRequestsAndCountsServedBy();
    void deploymentHeaderAimsAtOne();
    void rateIsHonoured_data();
    void rateIsHonoured();
    void usesMoreThanSixConnectionsAtOnce();
    void stopEndsTheRun();
    void reconnectsWhenTheServerCloses();
    void unreachableCountsFailures();
    void timeoutCountsFailure();
    void refusesASecondRun();

private:
    std::unique_ptr<FakeHttpServer> m_server;
    LoadSettings base() const;
};

void TestLoadGenerator::init()
{
    m_server = std::make_unique<FakeHttpServer>();
    QVERIFY(m_server->listen());
}

LoadSettings TestLoadGenerator::base() const
{
    LoadSettings settings;
    settings.scoringUri = QUrl(m_server->url(QStringLiteral("/score")));
    settings.credential = QStringLiteral("k3y");
    settings.body = QByteArrayLiteral("{\"data\": [[1, 2]]}");
    settings.ratePerSecond = 100;
    settings.durationMs = 300;
    settings.concurrency = 2;
    settings.requestTimeoutMs = 5000;
    return settings;
}

void TestLoadGenerator::validate_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("target"); // empty: valid

    QTest::newRow("ok") << QString() << QVariant() << QString();
    QTest::newRow("rate negative") << "rate" << QVariant(-1.0) << "rate";
    QTest::newRow("rate too high") << "rate" << QVariant(1e6) << "rate";
    QTest::newRow("rate zero is fastest") << "rate" << QVariant(0.0) << QString();
    QTest::newRow("no duration") << "duration" << QVariant(0) << "duration";
    QTest::newRow("duration over an hour") << "duration" << QVariant(3600 * 1000 + 1) << "duration";
    QTest::newRow("no connection") << "concurrency" << QVariant(0) << "concurrency";
    QTest::newRow("too many connections") << "concurrency" << QVariant(257) << "concurrency";
    QTest::newRow("ftp uri") << "uri" << QVariant(QStringLiteral("ftp://127.0.0.1/score")) << "scoringUri";
    QTest::newRow("no host") << "uri" << QVariant(QStringLiteral("/score")) << "scoringUri";
}

void TestLoadGenerator::validate()
{
    QFETCH(QString, field);
    QFETCH(QVariant, value);
    QFETCH(QString, target);
    LoadSettings settings = base();
    if (field == QLatin1String("rate"))
        settings.ratePerSecond = value.toDouble();
    else if (field == QLatin1String("duration"))
        settings.durationMs = value.toInt();
    else if (field == QLatin1String("concurrency"))
        settings.concurrency = value.toInt();
    else if (field == QLatin1String("uri"))
        settings.scoringUri = QUrl(value.toString());
    const Status status = settings.validate();
    QCOMPARE(status.ok(), target.isEmpty());
    if (!target.isEmpty()) {
        QCOMPARE(status.error().target, target);
        QVERIFY(!status.error().message.isEmpty());
    }
}

void TestLoadGenerator::sendsRequestsAndCountsServedBy()
{
    int answered = 0;
    m_server->handler = [&answered](const FakeHttpServer::Request &) {
        // Every fourth answer comes from green, the rest from blue; a few say nothing.
        const int n = answered++;
        FakeHttpServer::Answer answer;
        answer.body = "[1.5]";
        if (n % 7 == 6)
            return std::optional(answer);
        answer.headers.append(qMakePair(QByteArray("azureml-model-deployment"), QByteArray(n % 4 == 3 ? "green" : "blue")));
        return std::optional(answer);
    };
    LoadGenerator generator;
    QSignalSpy progressed(&generator, &LoadGenerator::progressed);
    const LoadProgress last = runToEnd(generator, base());
    QVERIFY(last.finished);
    QVERIFY(!generator.isRunning());
    QVERIFY2(last.sent >= 5, qPrintable(QString::number(last.sent)));
    QCOMPARE(last.ok, last.sent);
    QCOMPARE(last.failed, 0);
    QCOMPARE(qint64(m_server->requests().size()), last.sent);
    QCOMPARE(last.statusCounts.value(200), last.sent);
    // The counts by served-by are exactly what the server said.
    qint64 green = 0;
    qint64 silent = 0;
    for (int n = 0; n < answered; ++n) {
        if (n % 7 == 6)
            ++silent;
        else if (n % 4 == 3)
            ++green;
    }
    QCOMPARE(last.servedBy.value(QStringLiteral("green")), green);
    QCOMPARE(last.servedBy.value(QString()), silent);
    QCOMPARE(last.servedBy.value(QStringLiteral("blue")), last.sent - green - silent);
    QVERIFY(last.p50Ms > 0);
    QVERIFY(last.p50Ms <= last.p95Ms && last.p95Ms <= last.p99Ms);
    // What went on the wire.
    const FakeHttpServer::Request &first = m_server->requests().first();
    QCOMPARE(first.method, QByteArray("POST"));
    QCOMPARE(first.target, QByteArray("/score"));
    QCOMPARE(first.headers.value("authorization"), QByteArray("Bearer k3y"));
    QCOMPARE(first.body, base().body);
    QVERIFY(!first.headers.contains("azureml-model-deployment"));
    // Keep-alive: at most the two connections carried all requests.
    QVERIFY(m_server->connections() <= 2);
    QCOMPARE(last.connectionsOpened, m_server->connections());
    QVERIFY(!progressed.isEmpty() || last.elapsedMs < 200);
}

void TestLoadGenerator::deploymentHeaderAimsAtOne()
{
    m_server->handler = [](const FakeHttpServer::Request &request) {
        FakeHttpServer::Answer answer;
        answer.headers.append(qMakePair(QByteArray("azureml-model-deployment"), request.headers.value("azureml-model-deployment", "blue")));
        return std::optional(answer);
    };
    LoadSettings settings = base();
    settings.deployment = QStringLiteral("green");
    LoadGenerator generator;
    const LoadProgress last = runToEnd(generator, settings);
    QVERIFY(last.sent > 0);
    QCOMPARE(last.servedBy.keys(), QStringList { QStringLiteral("green") });
    QCOMPARE(last.servedBy.value(QStringLiteral("green")), last.sent);
}

void TestLoadGenerator::rateIsHonoured_data()
{
    QTest::addColumn<double>("rate");
    QTest::addColumn<int>("durationMs");
    QTest::addColumn<int>("concurrency");
    QTest::newRow("20/s for 1 s, 1 connection") << 20.0 << 1000 << 1;
    QTest::newRow("50/s for 1 s, 8 connections") << 50.0 << 1000 << 8;
    QTest::newRow("5/s for 1.2 s, 4 connections") << 5.0 << 1200 << 4;
}

void TestLoadGenerator::rateIsHonoured()
{
    QFETCH(double, rate);
    QFETCH(int, durationMs);
    QFETCH(int, concurrency);
    LoadSettings settings = base();
    settings.ratePerSecond = rate;
    settings.durationMs = durationMs;
    settings.concurrency = concurrency;
    LoadGenerator generator;
    const LoadProgress last = runToEnd(generator, settings);
    QVERIFY(last.finished);
    // Requests go out at n / rate: never more than the rate allows over the duration
    // (plus the one at time 0); a busy machine may send fewer, not many fewer.
    const double expected = rate * durationMs / 1000.0;
    QVERIFY2(double(last.sent) <= expected + 1, qPrintable(QStringLiteral("sent %1, expected %2").arg(last.sent).arg(expected)));
    QVERIFY2(double(last.sent) >= expected * 0.5, qPrintable(QStringLiteral("sent %1, expected %2").arg(last.sent).arg(expected)));
    QCOMPARE(last.ok, last.sent);
}

void TestLoadGenerator::usesMoreThanSixConnectionsAtOnce()
{
    constexpr int Concurrency = 10;
    // The first ten requests are held until all ten are pending at once: only ten
    // connections really in use release them (a QNetworkAccessManager would stop at six).
    QList<QPointer<QTcpSocket>> held;
    bool released = false;
    m_server->handler = [&](const FakeHttpServer::Request &request) -> std::optional<FakeHttpServer::Answer> {
        if (released)
            return FakeHttpServer::Answer();
        held.append(request.socket);
        if (held.size() < Concurrency)
            return std::nullopt;
        released = true;
        for (const QPointer<QTcpSocket> &socket : std::as_const(held))
            FakeHttpServer::respond(socket, FakeHttpServer::Answer());
        return std::nullopt;
    };
    LoadSettings settings = base();
    settings.concurrency = Concurrency;
    settings.ratePerSecond = 0;
    settings.durationMs = 1500;
    settings.requestTimeoutMs = 4000;
    LoadGenerator generator;
    const LoadProgress last = runToEnd(generator, settings);
    QVERIFY(released);
    QVERIFY(m_server->connections() >= Concurrency);
    QCOMPARE(last.connectionsOpened, Concurrency);
    QVERIFY(last.ok >= Concurrency);
    QCOMPARE(last.failed, 0);
}

void TestLoadGenerator::stopEndsTheRun()
{
    LoadSettings settings = base();
    settings.ratePerSecond = 0;
    settings.durationMs = 60000;
    settings.concurrency = 4;
    LoadGenerator generator;
    QSignalSpy finished(&generator, &LoadGenerator::finished);
    QVERIFY(generator.start(settings).ok());
    QVERIFY(generator.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requests().size() >= 20, 10000);
    generator.stop();
    QVERIFY(finished.wait(5000));
    QVERIFY(!generator.isRunning());
    const LoadProgress last = finished.first().first().value<LoadProgress>();
    QVERIFY(last.finished);
    QVERIFY(last.elapsedMs < 60000);
    QVERIFY(last.sent >= 20);
    // The sockets are closed: nothing more can arrive.
    QTRY_COMPARE(m_server->openConnections(), 0);
    QCOMPARE(generator.lastProgress().sent, last.sent);
}

void TestLoadGenerator::reconnectsWhenTheServerCloses()
{
    m_server->handler = [](const FakeHttpServer::Request &) {
        FakeHttpServer::Answer answer;
        answer.close = true;
        return std::optional(answer);
    };
    LoadSettings settings = base();
    settings.ratePerSecond = 50;
    settings.durationMs = 400;
    LoadGenerator generator;
    const LoadProgress last = runToEnd(generator, settings);
    QVERIFY(last.sent >= 5);
    QCOMPARE(last.ok, last.sent);
    // Every answer closed its connection, so every request had a fresh one.
    QCOMPARE(qint64(m_server->connections()), last.sent);
    QCOMPARE(last.connectionsOpened, last.sent);
}

void TestLoadGenerator::unreachableCountsFailures()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close(); // nobody listens there now
    LoadSettings settings = base();
    settings.scoringUri = QUrl(QStringLiteral("http://127.0.0.1:%1/score").arg(port));
    settings.durationMs = 600;
    LoadGenerator generator;
    const LoadProgress last = runToEnd(generator, settings);
    QVERIFY(last.finished);
    QCOMPARE(last.ok, 0);
    QVERIFY(last.failed >= 1);
    QCOMPARE(last.failed, last.sent);
    QCOMPARE(last.statusCounts.value(0), last.failed);
    QVERIFY(!last.lastError.isEmpty());
    // Failed connections back off instead of spinning.
    QVERIFY2(last.sent <= 2 * (600 / 250 + 1), qPrintable(QString::number(last.sent)));
}

void TestLoadGenerator::timeoutCountsFailure()
{
    m_server->handler = [](const FakeHttpServer::Request &) { return std::optional<FakeHttpServer::Answer>(); };
    LoadSettings settings = base();
    settings.concurrency = 1;
    settings.durationMs = 200;
    settings.requestTimeoutMs = 300;
    LoadGenerator generator;
    const LoadProgress last = runToEnd(generator, settings);
    QVERIFY(last.finished);
    QCOMPARE(last.sent, 1);
    QCOMPARE(last.failed, 1);
    QVERIFY2(last.lastError.contains(QLatin1String("300 ms")), qPrintable(last.lastError));
}

void TestLoadGenerator::refusesASecondRun()
{
    LoadSettings settings = base();
    settings.durationMs = 2000;
    LoadGenerator generator;
    QSignalSpy finished(&generator, &LoadGenerator::finished);
    QVERIFY(generator.start(settings).ok());
    const Status second = generator.start(settings);
    QVERIFY(!second.ok());
    QVERIFY(second.error().message.contains(QLatin1String("stop")));
    generator.stop();
    QVERIFY(finished.wait(5000));
    QVERIFY(generator.start(settings).ok()); // once finished, a new run may start
    generator.stop();
    QVERIFY(finished.wait(5000));
}

QTEST_GUILESS_MAIN(TestLoadGenerator)
#include "tst_loadgenerator.moc"

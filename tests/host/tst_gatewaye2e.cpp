// The gateway inside a real rolloutd, with real instances (fastupstream as local_command):
// the metrics feed of the control API counts what was sent, and the tutorial's changes run
// under continuous load on 16 connections without a single failed request, the served-by
// header following each acknowledged change.

#include "armjson.h"
#include "hostfixture.h"
#include "httpresponseparser.h"
#include "metricsfeed.h"

#include <QDir>
#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

namespace {

QString fastUpstream() { return HostFixture::binary(QStringLiteral("fastupstream")); }

Deployment upstreamDeployment(const QString &name, const QString &codeDir = QString())
{
    Deployment d;
    d.name = name;
    d.localCommand = { fastUpstream(), QStringLiteral("--name"), name };
    d.instanceCount = 1;
    // 16 connections at once must not meet the 429 limit of the default (1 per instance).
    d.requestSettings.maxConcurrentRequestsPerInstance = 32;
    d.requestSettings.maxQueueWaitMs = 5000;
    if (!codeDir.isEmpty()) {
        CodeConfiguration code;
        code.kind = AssetKind::LocalPath;
        code.code = codeDir;
        code.scoringScript = QStringLiteral("score.py");
        d.codeConfiguration = code;
    }
    return d;
}

QString codeFolder(QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    const QString path = dir.filePath(name);
    QDir().mkpath(path);
    QFile file(path + QStringLiteral("/score.py"));
    file.open(QIODevice::WriteOnly);
    file.write(text);
    return path;
}

// Continuous load: each connection sends the next request as soon as the answer is in.
// Every answer is kept with the phase it was sent in and the phase it came back in.
class Load final : public QObject
{
public:
    struct Answer
    {
        int sentPhase = 0;
        int answeredPhase = 0;
        int status = 0;
        QByteArray servedBy;
    };

    Load(quint16 port, const QByteArray &key, int connections)
    {
        m_request = "POST /score HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
            + "\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"data\": 1}";
        for (int i = 0; i < connections; ++i) {
            auto c = std::make_unique<Conn>();
            Conn *conn = c.get();
            connect(&conn->socket, &QTcpSocket::connected, this, [this, conn] { sendNext(conn); });
            connect(&conn->socket, &QTcpSocket::readyRead, this, [this, conn] { onReadyRead(conn); });
            connect(&conn->socket, &QTcpSocket::disconnected, this, [this] {
                if (m_running)
                    ++m_connectionErrors;
            });
            conn->socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
            m_conns.push_back(std::move(c));
        }
    }
    ~Load() override
    {
        for (auto &c : m_conns)
            disconnect(&c->socket, nullptr, this, nullptr);
    }

    void setPhase(int phase) { m_phase = phase; }
    int phase() const { return m_phase; }
    void stop() { m_running = false; }
    bool idle() const
    {
        for (const auto &c : m_conns) {
            if (c->outstanding)
                return false;
        }
        return true;
    }
    const QList<Answer> &answers() const { return m_answers; }
    int connectionErrors() const { return m_connectionErrors; }
    int answeredIn(int phase) const
    {
        int n = 0;
        for (const Answer &a : m_answers)
            n += a.sentPhase == phase && a.answeredPhase == phase ? 1 : 0;
        return n;
    }

private:
    struct Conn
    {
        QTcpSocket socket;
        HttpResponseParser parser;
        int sentPhase = 0;
        bool outstanding = false;
    };

    void sendNext(Conn *c)
    {
        if (!m_running)
            return;
        c->sentPhase = m_phase;
        c->outstanding = true;
        c->socket.write(m_request);
    }

    void onReadyRead(Conn *c)
    {
        HttpParseState state = c->parser.feed(c->socket.readAll());
        while (state == HttpParseState::Complete) {
            m_answers.append({ c->sentPhase, m_phase, c->parser.statusCode(),
                c->parser.header("azureml-model-deployment").toByteArray() });
            c->parser.reset();
            c->outstanding = false;
            sendNext(c);
            state = c->parser.parse();
        }
        if (state == HttpParseState::Error)
            ++m_connectionErrors;
    }

    QByteArray m_request;
    std::vector<std::unique_ptr<Conn>> m_conns;
    QList<Answer> m_answers;
    int m_phase = 0;
    int m_connectionErrors = 0;
    bool m_running = true;
};

} // namespace

class TestGatewayE2e : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void metricsFeedCountsWhatWasSent();
    void rolloutUnderLoad();

private:
    bool createWithTraffic(const QString &endpoint, const Deployment &d, const TrafficMap &traffic);
    // Sums the feed from `since` on, cursor after cursor, as the desktop app polls it.
    bool pollMetrics(const QString &endpoint, qint64 *cursor, QMap<QString, MetricsBucket> *sums);
    QString m_pollError;

    HostFixture m_host;
};

void TestGatewayE2e::initTestCase()
{
    QVERIFY2(QFileInfo(fastUpstream()).isExecutable(), qPrintable(fastUpstream()));
    QString error;
    QVERIFY2(m_host.start(&error), qPrintable(error));
}

bool TestGatewayE2e::createWithTraffic(
    const QString &endpoint, const Deployment &d, const TrafficMap &traffic)
{
    const ApiResult created = HostFixture::wait(m_host.client()->putDeployment(endpoint, d, true));
    if (!created.ok()) {
        qWarning("%s", qPrintable(created.error->message));
        return false;
    }
    if (traffic.isEmpty())
        return true;
    return HostFixture::wait(m_host.client()->updateTraffic(endpoint, traffic, std::nullopt, true)).ok();
}

bool TestGatewayE2e::pollMetrics(
    const QString &endpoint, qint64 *cursor, QMap<QString, MetricsBucket> *sums)
{
    const ApiResult r = HostFixture::wait(
        m_host.client()->send("GET", MetricsFeed::metricsPath(endpoint, *cursor)));
    if (!r.ok()) {
        m_pollError = r.error->message;
        return false;
    }
    const Result<MetricsPage> page = ArmJson::metricsFromJson(r.json);
    if (!page.ok() || page->cursor < *cursor) {
        m_pollError = QStringLiteral("bad page: %1").arg(QString::fromUtf8(r.body));
        return false;
    }
    for (const MetricsBucket &b : page->buckets) {
        if (b.t <= *cursor || (b.requests > 0 && !(b.p99Ms >= b.p50Ms && b.p50Ms > 0))) {
            m_pollError = QStringLiteral("bucket at %1 after cursor %2, p50 %3, p99 %4")
                              .arg(b.t).arg(*cursor).arg(b.p50Ms).arg(b.p99Ms);
            return false;
        }
        MetricsBucket &sum = (*sums)[b.deployment];
        sum.requests += b.requests;
        sum.mirrored += b.mirrored;
        sum.status2xx += b.status2xx;
        sum.status4xx += b.status4xx;
        sum.status5xx += b.status5xx;
        sum.bytesIn += b.bytesIn;
        sum.bytesOut += b.bytesOut;
    }
    *cursor = page->cursor;
    return true;
}

void TestGatewayE2e::metricsFeedCountsWhatWasSent()
{
    const QString endpoint = QStringLiteral("gw-metrics");
    QVERIFY(m_host.createEndpoint(endpoint).ok());
    QVERIFY(createWithTraffic(endpoint, upstreamDeployment(QStringLiteral("blue")),
        { { QStringLiteral("blue"), 100 } }));
    const auto [key, uri] = m_host.keyAndUri(endpoint);

    qint64 cursor = 0;
    QMap<QString, MetricsBucket> sums;
    QVERIFY2(pollMetrics(endpoint, &cursor, &sums), qPrintable(m_pollError)); // as the app does

    Load ok(QUrl(uri).port(), key.toUtf8(), 4);
    QTRY_VERIFY_WITH_TIMEOUT(ok.answers().size() >= 300, 20000);
    ok.stop();
    QTRY_VERIFY(ok.idle());
    Load refused(QUrl(uri).port(), "not-the-key", 1);
    QTRY_VERIFY(refused.answers().size() >= 7);
    refused.stop();
    QTRY_VERIFY(refused.idle());
    for (const Load::Answer &a : ok.answers())
        QCOMPARE(a.status, 200);
    for (const Load::Answer &a : refused.answers())
        QCOMPARE(a.status, 401);

    const qint64 sent = ok.answers().size();
    const qint64 unauthorized = refused.answers().size();
    // Each poll goes on from the last cursor; the sums reach what was sent.
    QTRY_VERIFY_WITH_TIMEOUT(!pollMetrics(endpoint, &cursor, &sums)
            || (sums.value(QStringLiteral("blue")).requests >= sent
                && sums.value(QString()).requests >= unauthorized),
        15000);
    QVERIFY2(m_pollError.isEmpty(), qPrintable(m_pollError));
    const MetricsBucket blue = sums.value(QStringLiteral("blue"));
    QCOMPARE(blue.requests, sent);
    QCOMPARE(blue.status2xx, sent);
    QCOMPARE(blue.bytesIn, sent * 11);
    // Refused before a deployment was chosen: the endpoint-level bucket "".
    QCOMPARE(sums.value(QString()).requests, unauthorized);
    QCOMPARE(sums.value(QString()).status4xx, unauthorized);
}

void TestGatewayE2e::rolloutUnderLoad()
{
    const QString endpoint = QStringLiteral("gw-rollout");
    QTemporaryDir code;
    const QString codeV1 = codeFolder(code, QStringLiteral("v1"), "# version 1\n");
    const QString codeV2 = codeFolder(code, QStringLiteral("v2"), "# version 2\n");
    WorkspaceClient *client = m_host.client();
    QVERIFY(m_host.createEndpoint(endpoint).ok());
    QVERIFY(createWithTraffic(endpoint, upstreamDeployment(QStringLiteral("blue")),
        { { QStringLiteral("blue"), 100 } }));
    const auto [key, uri] = m_host.keyAndUri(endpoint);

    Load load(QUrl(uri).port(), key.toUtf8(), 16);
    // Each change runs in an odd phase; the even phase after it starts once it is
    // acknowledged, and enough answers are in before the next change.
    int phase = 0;
    auto settle = [&] {
        load.setPhase(++phase);
        QTRY_VERIFY_WITH_TIMEOUT(load.answeredIn(phase) >= 400, 30000);
    };
    auto change = [&](ApiReply *reply) {
        load.setPhase(++phase);
        const ApiResult r = HostFixture::wait(reply);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error->message));
        settle();
    };
    const QString blue = QStringLiteral("blue"), green = QStringLiteral("green");
    QMap<int, QString> expect; // phase -> what serves it: "blue", "green" or "90/10"
    settle();
    expect[phase] = blue;
    change(client->scaleDeployment(endpoint, blue, 2, true));
    expect[phase] = blue;
    change(client->putDeployment(endpoint, upstreamDeployment(green, codeV1), true));
    expect[phase] = blue;
    change(client->updateTraffic(endpoint, std::nullopt, TrafficMap { { green, 10 } }, true));
    expect[phase] = blue;
    const int mirrorPhase = phase;
    change(client->updateTraffic(endpoint, std::nullopt, TrafficMap { { green, 0 } }, true));
    expect[phase] = blue;
    change(client->updateTraffic(endpoint, TrafficMap { { blue, 90 }, { green, 10 } }, std::nullopt, true));
    expect[phase] = QStringLiteral("90/10");
    // In-place update of green's code: a new code folder replaces its instance, rolling.
    change(client->putDeployment(endpoint, upstreamDeployment(green, codeV2), true));
    expect[phase] = QStringLiteral("90/10");
    change(client->updateTraffic(endpoint, TrafficMap { { blue, 0 }, { green, 100 } }, std::nullopt, true));
    expect[phase] = green;
    change(client->scaleDeployment(endpoint, blue, 1, true));
    expect[phase] = green;
    change(client->deleteDeployment(endpoint, blue, true));
    expect[phase] = green;
    load.stop();
    QTRY_VERIFY(load.idle());

    // Not one failed request, whatever ran meanwhile.
    QCOMPARE(load.connectionErrors(), 0);
    QMap<int, QMap<QByteArray, int>> served;
    for (const Load::Answer &a : load.answers()) {
        QVERIFY2(a.status == 200,
            qPrintable(QStringLiteral("%1 in phase %2").arg(a.status).arg(a.sentPhase)));
        if (a.sentPhase == a.answeredPhase)
            ++served[a.sentPhase][a.servedBy];
    }
    // The served-by header follows each acknowledged change.
    for (auto it = expect.cbegin(); it != expect.cend(); ++it) {
        const QMap<QByteArray, int> &by = served.value(it.key());
        qInfo("phase %d (%s): blue %d, green %d", it.key(), qPrintable(it.value()),
            by.value("blue"), by.value("green"));
        const int total = by.value("blue") + by.value("green");
        int all = 0;
        for (int n : by)
            all += n;
        QCOMPARE(all, total); // served by nothing else
        QVERIFY(total >= 400);
        if (it.value() == QLatin1String("90/10")) {
            const double share = double(by.value("green")) / total;
            QVERIFY2(qAbs(share - 0.10) <= 0.03,
                qPrintable(QStringLiteral("phase %1: green %2 of %3")
                        .arg(it.key())
                        .arg(by.value("green"))
                        .arg(total)));
        } else {
            QVERIFY2(by.value(it.value().toUtf8()) == total,
                qPrintable(QStringLiteral("phase %1: %2 served by blue, %3 by green, expected %4")
                        .arg(it.key())
                        .arg(by.value("blue"))
                        .arg(by.value("green"))
                        .arg(it.value())));
        }
    }

    // The metrics feed saw every request, and the mirrored copies of the mirror phase.
    qint64 cursor = 0;
    QMap<QString, MetricsBucket> sums;
    const qint64 sent = load.answers().size();
    auto counted = [&] { return sums.value(blue).requests + sums.value(green).requests; };
    QTRY_VERIFY_WITH_TIMEOUT(!pollMetrics(endpoint, &cursor, &sums) || counted() >= sent, 15000);
    QVERIFY2(m_pollError.isEmpty(), qPrintable(m_pollError));
    QCOMPARE(counted(), sent);
    QVERIFY2(sums.value(green).mirrored >= load.answeredIn(mirrorPhase) / 20,
        qPrintable(QString::number(sums.value(green).mirrored)));
    QVERIFY(HostFixture::wait(client->deleteEndpoint(endpoint, true)).ok());
}

QTEST_GUILESS_MAIN(TestGatewayE2e)
#include "tst_gatewaye2e.moc"

// The Python scoring harness (resources/harness/rolloutd_harness.py) as the host runs it:
// a real process per case, spoken to over loopback with raw HTTP/1.1.

#include "../testsupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>
#include <memory>
#include <optional>
#include <vector>

namespace {

// Python start-up plus a scikit-learn import on a busy two-core machine.
constexpr int StartTimeoutMs = 30000;
constexpr int AnswerTimeoutMs = 20000;

QString demoDir() { return TestSupport::binaryDir() + QStringLiteral("/demo"); }

QString sampleDir()
{
    return TestSupport::sharedDir() + QStringLiteral("/azureml/sample/endpoints/online");
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(content) == content.size();
}

bool nearlyEqual(double a, double b) { return qAbs(a - b) <= 1e-9 * qMax(qAbs(a), qAbs(b)); }

struct HttpReply
{
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;

    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
};

// One complete answer taken off the front of buffer; nothing while it is incomplete.
std::optional<HttpReply> takeReply(QByteArray &buffer)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return std::nullopt;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    HttpReply reply;
    reply.status = lines.first().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            reply.headers.insert(
                lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = reply.header("content-length").toLongLong();
    if (buffer.size() < headEnd + 4 + length)
        return std::nullopt;
    reply.body = buffer.mid(headEnd + 4, length);
    buffer.remove(0, headEnd + 4 + length);
    return reply;
}

QByteArray httpRequest(const QByteArray &method, const QByteArray &path,
    const QByteArray &body = {}, const QList<QByteArray> &headers = {})
{
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const QByteArray &header : headers)
        request += header + "\r\n";
    if (!body.isEmpty() || method == "POST")
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return request + "\r\n" + body;
}

// A client connection that speaks raw HTTP, so keep-alive and odd requests stay visible.
class HttpConnection
{
public:
    bool open(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.waitForConnected(AnswerTimeoutMs);
    }

    void send(const QByteArray &request)
    {
        m_socket.write(request);
        m_socket.flush();
    }

    std::optional<HttpReply> receive()
    {
        const QDeadlineTimer deadline(AnswerTimeoutMs);
        for (;;) {
            m_buffer += m_socket.readAll();
            if (auto reply = takeReply(m_buffer))
                return reply;
            if (deadline.hasExpired() || m_socket.state() != QAbstractSocket::ConnectedState)
                return std::nullopt;
            m_socket.waitForReadyRead(static_cast<int>(qMax<qint64>(1, deadline.remainingTime())));
        }
    }

    std::optional<HttpReply> exchange(const QByteArray &request)
    {
        send(request);
        return receive();
    }

    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

std::optional<HttpReply> call(quint16 port, const QByteArray &request)
{
    HttpConnection connection;
    if (!connection.open(port))
        return std::nullopt;
    return connection.exchange(request);
}

// One harness process with its output, started as the host starts it.
class Harness
{
public:
    Harness(const QString &codeDir, const QString &modelDir,
        const QString &script = QStringLiteral("score.py"))
        : m_arguments { QStringLiteral("-u"),
            TestSupport::sourceDir() + QStringLiteral("/resources/harness/rolloutd_harness.py"),
            QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--code-dir"), codeDir,
            QStringLiteral("--scoring-script"), script }
    {
        m_environment = QProcessEnvironment::systemEnvironment();
        m_environment.insert(QStringLiteral("AZUREML_MODEL_DIR"), modelDir);
    }

    ~Harness()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(AnswerTimeoutMs);
        }
    }

    void setEnvironment(const QString &name, const QString &value)
    {
        m_environment.insert(name, value);
    }
    void setArgument(qsizetype index, const QString &value) { m_arguments[index] = value; }

    void start()
    {
        m_process.setProcessEnvironment(m_environment);
        m_process.start(QStringLiteral(ROLLOUTDESK_PYTHON), m_arguments);
    }

    // Starts and waits for the "ready" line: init() has returned.
    bool startReady()
    {
        start();
        return QTest::qWaitFor([this] { return isReady() || !isRunning(); }, StartTimeoutMs)
            && isReady();
    }

    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    bool isReady() { return output().contains("rolloutd-harness: ready"); }
    bool hasFinished()
    {
        return QTest::qWaitFor([this] { return !isRunning(); }, StartTimeoutMs);
    }

    QByteArray output()
    {
        m_output += m_process.readAllStandardOutput();
        return m_output;
    }

    QByteArray errors()
    {
        m_errors += m_process.readAllStandardError();
        return m_errors;
    }

    QByteArray log() { return "--- stdout:\n" + output() + "--- stderr:\n" + errors(); }

    quint16 port()
    {
        static const QRegularExpression listening(
            QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(output()));
        return match.hasMatch() ? static_cast<quint16>(match.captured(1).toUInt()) : 0;
    }

    QProcess &process() { return m_process; }

private:
    QStringList m_arguments;
    QProcessEnvironment m_environment;
    QProcess m_process;
    QByteArray m_output;
    QByteArray m_errors;
};

// A scoring script whose behaviour the request body picks.
const QByteArray BehaviourScript = R"PY(
import json, logging, os, threading, time

lock = threading.Lock()
active = 0
peak = 0


def init():
    gate = os.environ.get("RD_TEST_INIT_GATE")
    while gate and not os.path.exists(gate):
        time.sleep(0.02)
    logging.info("behaviour script initialised")


class Opaque:
    pass


def hold(name):
    # Blocks until the test creates the release file; answers the highest number of
    # run() calls seen at once when it started.
    global active, peak
    with lock:
        active += 1
        peak = max(peak, active)
        seen = peak
    folder = os.environ["RD_TEST_DIR"]
    open(os.path.join(folder, "started-" + name), "w").close()
    while not os.path.exists(os.path.join(folder, "release")):
        time.sleep(0.02)
    with lock:
        active -= 1
    return {"peak": seen}


def run(raw_data):
    if raw_data == "raise":
        raise RuntimeError("scoring exploded on purpose")
    if raw_data == "none":
        return None
    if raw_data == "string":
        return '{"a": 1}'
    if raw_data == "object":
        return Opaque()
    if raw_data.startswith("hold:"):
        return hold(raw_data[5:])
    return {"echo": raw_data}
)PY";

} // namespace

class TestScoringHarness : public QObject
{
    Q_OBJECT

private:
    // A harness over BehaviourScript in m_dir.
    std::unique_ptr<Harness> behaviourHarness()
    {
        auto harness = std::make_unique<Harness>(m_dir.path(), m_dir.path());
        harness->setEnvironment(QStringLiteral("RD_TEST_DIR"), m_dir.path());
        return harness;
    }

    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(QStringLiteral(ROLLOUTDESK_PYTHON)),
            ROLLOUTDESK_PYTHON " is missing");
        QVERIFY2(QFileInfo::exists(demoDir() + QStringLiteral("/expected.json")),
            "the demo is not built: build the 'demo' target");
        QVERIFY(m_dir.isValid());
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("score.py")), BehaviourScript));
    }

    void cleanup() { QFile::remove(m_dir.filePath(QStringLiteral("release"))); }

    void demoModelsAnswerExpected_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("v1 linear regression") << QStringLiteral("model-1");
        QTest::newRow("v2 gradient boosting") << QStringLiteral("model-2");
    }

    void demoModelsAnswerExpected()
    {
        QFETCH(QString, model);
        const QJsonArray expected
            = QJsonDocument::fromJson(readFile(demoDir() + QStringLiteral("/expected.json")))
                  .object()
                  .value(model)
                  .toArray();
        QCOMPARE(expected.size(), 2);

        Harness harness(
            demoDir() + u'/' + model + QStringLiteral("/onlinescoring"), demoDir() + u'/' + model);
        QVERIFY2(harness.startReady(), harness.log().constData());
        const auto reply = call(harness.port(),
            httpRequest("POST", "/score",
                readFile(demoDir() + QStringLiteral("/sample-request.json")),
                { "Content-Type: application/json" }));
        QVERIFY2(reply, harness.log().constData());
        QCOMPARE(reply->status, 200);
        QCOMPARE(reply->header("content-type"), QByteArray("application/json"));
        QCOMPARE(reply->header("x-ms-run-function-failed"), QByteArray("False"));
        bool isNumber = false;
        QVERIFY(reply->header("x-ms-run-fn-exec-ms").toDouble(&isNumber) >= 0 && isNumber);
        const QJsonArray answer = QJsonDocument::fromJson(reply->body).array();
        QCOMPARE(answer.size(), expected.size());
        for (qsizetype i = 0; i < answer.size(); ++i)
            QVERIFY2(
                nearlyEqual(answer[i].toDouble(), expected[i].toDouble()), reply->body.constData());
    }

    void demoVersionsAnswerDifferently()
    {
        const QByteArray request = readFile(demoDir() + QStringLiteral("/sample-request.json"));
        Harness blue(demoDir() + QStringLiteral("/model-1/onlinescoring"),
            demoDir() + QStringLiteral("/model-1"));
        Harness green(demoDir() + QStringLiteral("/model-2/onlinescoring"),
            demoDir() + QStringLiteral("/model-2"));
        QVERIFY2(blue.startReady(), blue.log().constData());
        QVERIFY2(green.startReady(), green.log().constData());
        const auto blueReply = call(blue.port(), httpRequest("POST", "/score", request));
        const auto greenReply = call(green.port(), httpRequest("POST", "/score", request));
        QVERIFY(blueReply && greenReply);
        QCOMPARE(blueReply->status, 200);
        QCOMPARE(greenReply->status, 200);
        const QJsonArray v1 = QJsonDocument::fromJson(blueReply->body).array();
        const QJsonArray v2 = QJsonDocument::fromJson(greenReply->body).array();
        QCOMPARE(v1.size(), 2);
        QCOMPARE(v2.size(), 2);
        for (qsizetype i = 0; i < v1.size(); ++i)
            QVERIFY2(qAbs(v1[i].toDouble() - v2[i].toDouble()) > 1.0,
                QByteArray(blueReply->body + " vs " + greenReply->body).constData());
    }

    void sharedSampleAnswers_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QList<double>>("expected");
        QTest::newRow("model-1 (blue)")
            << QStringLiteral("model-1") << QList<double> { 11055.977245525677, 4503.079536107787 };
        QTest::newRow("model-2 (green)") << QStringLiteral("model-2") << QList<double> { 0.5, 0.5 };
    }

    void sharedSampleAnswers()
    {
        RD_REQUIRE_SHARED();
        QFETCH(QString, model);
        QFETCH(QList<double>, expected);
        const QString modelDir = sampleDir() + u'/' + model;
        Harness harness(modelDir + QStringLiteral("/onlinescoring"), modelDir);
        QVERIFY2(harness.startReady(), harness.log().constData());
        const auto reply = call(harness.port(),
            httpRequest(
                "POST", "/score", readFile(modelDir + QStringLiteral("/sample-request.json"))));
        QVERIFY2(reply, harness.log().constData());
        QCOMPARE(reply->status, 200);
        const QJsonArray answer = QJsonDocument::fromJson(reply->body).array();
        QCOMPARE(answer.size(), expected.size());
        for (qsizetype i = 0; i < answer.size(); ++i)
            QVERIFY2(nearlyEqual(answer[i].toDouble(), expected[i]), reply->body.constData());
    }

    void probeWaitsForInit()
    {
        const QString gate = m_dir.filePath(QStringLiteral("init-gate"));
        auto harness = behaviourHarness();
        harness->setEnvironment(QStringLiteral("RD_TEST_INIT_GATE"), gate);
        harness->start();
        QTRY_VERIFY2_WITH_TIMEOUT(harness->port() != 0, harness->log().constData(), StartTimeoutMs);

        auto reply = call(harness->port(), httpRequest("GET", "/"));
        QVERIFY(reply);
        QCOMPARE(reply->status, 503);
        reply = call(harness->port(), httpRequest("POST", "/score", "hello"));
        QVERIFY(reply);
        QCOMPARE(reply->status, 503);
        QVERIFY(!harness->isReady());

        QVERIFY(writeFile(gate, {}));
        QTRY_VERIFY2_WITH_TIMEOUT(harness->isReady(), harness->log().constData(), StartTimeoutMs);
        reply = call(harness->port(), httpRequest("GET", "/"));
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QCOMPARE(reply->body, QByteArray("Healthy"));
        QVERIFY(harness->errors().contains("behaviour script initialised"));
    }

    void keepAlive()
    {
        auto harness = behaviourHarness();
        QVERIFY2(harness->startReady(), harness->log().constData());
        HttpConnection connection;
        QVERIFY(connection.open(harness->port()));
        for (const QByteArray &body : { QByteArray("first"), QByteArray("second") }) {
            const auto reply = connection.exchange(httpRequest("POST", "/score", body));
            QVERIFY2(reply, harness->log().constData());
            QCOMPARE(reply->status, 200);
            QCOMPARE(reply->body, QByteArray("{\"echo\": \"" + body + "\"}"));
            QVERIFY(reply->header("connection") != "close");
            QCOMPARE(connection.socket().state(), QAbstractSocket::ConnectedState);
        }
        const auto probe
            = connection.exchange(httpRequest("GET", "/", {}, { "Connection: close" }));
        QVERIFY(probe);
        QCOMPARE(probe->status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(
            connection.socket().state(), QAbstractSocket::UnconnectedState, AnswerTimeoutMs);
    }

    void scoreResults_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<QByteArray>("runFailed");
        QTest::addColumn<QByteArray>("logged");

        QTest::newRow("dict") << QByteArray("héllo") << 200
                              << QByteArray(R"({"echo": "h\u00e9llo"})") << QByteArray("False")
                              << QByteArray("POST /score 200");
        QTest::newRow("None is {}") << QByteArray("none") << 200 << QByteArray("{}")
                                    << QByteArray("False") << QByteArray("POST /score 200");
        QTest::newRow("str is a JSON string")
            << QByteArray("string") << 200 << QByteArray("\"{\\\"a\\\": 1}\"")
            << QByteArray("False") << QByteArray("POST /score 200");
        QTest::newRow("run raises")
            << QByteArray("raise") << 500
            << QByteArray(
                   R"({"message": "An unexpected error occurred in scoring script. Check the logs for more info."})")
            << QByteArray("True") << QByteArray("RuntimeError: scoring exploded on purpose");
        QTest::newRow("not serialisable")
            << QByteArray("object") << 500
            << QByteArray(
                   R"({"message": "An unexpected internal error occurred. Check the logs for more info."})")
            << QByteArray("False") << QByteArray("Object of type Opaque is not JSON serializable");
    }

    void scoreResults()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QByteArray, answer);
        QFETCH(QByteArray, runFailed);
        QFETCH(QByteArray, logged);
        auto harness = behaviourHarness();
        QVERIFY2(harness->startReady(), harness->log().constData());
        const auto reply = call(harness->port(), httpRequest("POST", "/score", body));
        QVERIFY2(reply, harness->log().constData());
        QCOMPARE(reply->status, status);
        QCOMPARE(reply->body, answer);
        QCOMPARE(reply->header("content-type"), QByteArray("application/json"));
        QCOMPARE(reply->header("x-ms-run-function-failed"), runFailed);
        QTRY_VERIFY2_WITH_TIMEOUT(
            harness->errors().contains(logged), harness->log().constData(), AnswerTimeoutMs);
        if (status == 500)
            QVERIFY(harness->errors().contains("Traceback (most recent call last)"));
    }

    void requests_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("answer");

        const QByteArray notAllowed = R"({"message": "Method not allowed"})";
        QTest::newRow("PUT /score") << httpRequest("PUT", "/score", "x") << 405 << notAllowed;
        QTest::newRow("DELETE /score") << httpRequest("DELETE", "/score") << 405 << notAllowed;
        QTest::newRow("unknown method") << httpRequest("BREW", "/score") << 405 << notAllowed;
        QTest::newRow("POST /") << httpRequest("POST", "/", "x") << 405 << notAllowed;
        QTest::newRow("OPTIONS /score") << httpRequest("OPTIONS", "/score") << 200 << QByteArray();
        QTest::newRow("GET /score passes the query as JSON")
            << httpRequest("GET", "/score?x=1&name=ann&x=2") << 200
            << QByteArray("{\"echo\": \"{\\\"x\\\": [1, 2], \\\"name\\\": \\\"ann\\\"}\"}");
        QTest::newRow("bad UTF-8") << httpRequest("POST", "/score",
            "caf\xe9") << 400 << QByteArray("{\"message\": \"Input cannot be decoded as UTF-8: ");
        QTest::newRow("unknown path")
            << httpRequest("GET", "/predict") << 404 << QByteArray(R"({"message": )");
        QTest::newRow("chunked body")
            << QByteArray("POST /score HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
            << 200 << QByteArray(R"({"echo": "abcde"})");
        QTest::newRow("request id too long")
            << httpRequest("GET", "/", {}, { "x-request-id: " + QByteArray(101, 'r') }) << 431
            << QByteArray(R"({"message": "x-request-id must not exceed 100 characters"})");
    }

    void requests()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, answer);
        auto harness = behaviourHarness();
        QVERIFY2(harness->startReady(), harness->log().constData());
        const auto reply = call(harness->port(), request);
        QVERIFY2(reply, harness->log().constData());
        QCOMPARE(reply->status, status);
        QVERIFY2(reply->body.startsWith(answer), reply->body.constData());
        if (answer.isEmpty())
            QVERIFY(reply->body.isEmpty());
    }

    void requestIds()
    {
        auto harness = behaviourHarness();
        QVERIFY2(harness->startReady(), harness->log().constData());
        auto reply = call(harness->port(),
            httpRequest("POST", "/score", "x",
                { "x-request-id: req-42", "x-ms-client-request-id: client-7" }));
        QVERIFY(reply);
        QCOMPARE(reply->header("x-request-id"), QByteArray("req-42"));
        QCOMPARE(reply->header("x-ms-client-request-id"), QByteArray("client-7"));
        QCOMPARE(reply->header("x-ms-request-id"), QByteArray("client-7"));

        reply = call(harness->port(), httpRequest("POST", "/score", "x"));
        QVERIFY(reply);
        QVERIFY2(!QUuid::fromString(QString::fromLatin1(reply->header("x-request-id"))).isNull(),
            reply->header("x-request-id").constData());
        QVERIFY(!reply->headers.contains("x-ms-client-request-id"));
    }

    void workersBoundConcurrentRuns_data()
    {
        QTest::addColumn<int>("workers");
        QTest::addColumn<int>("requests");
        QTest::newRow("default: one at a time") << 0 << 2;
        QTest::newRow("WORKER_COUNT=2") << 2 << 3;
    }

    void workersBoundConcurrentRuns()
    {
        QFETCH(int, workers);
        QFETCH(int, requests);
        auto harness = behaviourHarness();
        if (workers > 0)
            harness->setEnvironment(QStringLiteral("WORKER_COUNT"), QString::number(workers));
        const int expectedPeak = qMax(workers, 1);
        QVERIFY2(harness->startReady(), harness->log().constData());

        const QString tag = QString::number(workers);
        std::vector<std::unique_ptr<HttpConnection>> connections;
        for (int i = 0; i < requests; ++i) {
            connections.push_back(std::make_unique<HttpConnection>());
            QVERIFY(connections.back()->open(harness->port()));
            connections.back()->send(httpRequest(
                "POST", "/score", "hold:" + tag.toLatin1() + '-' + QByteArray::number(i)));
        }
        const auto started = [&] {
            return QDir(m_dir.path())
                .entryList({ QStringLiteral("started-") + tag + QStringLiteral("-*") })
                .size();
        };
        QTRY_VERIFY_WITH_TIMEOUT(started() >= expectedPeak, AnswerTimeoutMs);
        QCOMPARE(started(), expectedPeak); // the others wait for a free worker

        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("release")), {}));
        int peak = 0;
        for (const auto &connection : connections) {
            const auto reply = connection->receive();
            QVERIFY2(reply, harness->log().constData());
            QCOMPARE(reply->status, 200);
            peak = qMax(peak,
                QJsonDocument::fromJson(reply->body)
                    .object()
                    .value(QStringLiteral("peak"))
                    .toInt());
        }
        QCOMPARE(started(), requests);
        QCOMPARE(peak, expectedPeak);
    }

    void scriptFailsToStart_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<QByteArray>("logged");

        QTest::newRow("init raises")
            << QByteArray("def init():\n    raise ValueError('no model here')\n"
                          "def run(data):\n    return data\n")
            << QByteArray("ValueError: no model here");
        QTest::newRow("no run()") << QByteArray("def init():\n    pass\n")
                                  << QByteArray("does not have a run() function defined.");
        QTest::newRow("no init()") << QByteArray("def run(data):\n    return data\n")
                                   << QByteArray("does not have a init() function defined.");
        QTest::newRow("import fails")
            << QByteArray("import module_that_is_not_there\n")
            << QByteArray("ModuleNotFoundError: No module named 'module_that_is_not_there'");
        QTest::newRow("run(*args)")
            << QByteArray("def init():\n    pass\ndef run(*args):\n    return 1\n")
            << QByteArray("cannot accept positional-only arguments, *args or **kwargs");
    }

    void scriptFailsToStart()
    {
        QFETCH(QByteArray, script);
        QFETCH(QByteArray, logged);
        QTemporaryDir code;
        QVERIFY(writeFile(code.filePath(QStringLiteral("broken.py")), script));
        Harness harness(code.path(), code.path(), QStringLiteral("broken.py"));
        harness.start();
        QVERIFY2(harness.hasFinished(), harness.log().constData());
        QCOMPARE(harness.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(harness.process().exitCode(), 3);
        QVERIFY2(harness.errors().contains(logged), harness.log().constData());
        QVERIFY(!harness.isReady());
        if (QByteArray(QTest::currentDataTag()) == "init raises") {
            QVERIFY(harness.errors().contains("User's init function failed"));
            QVERIFY(harness.errors().contains("Traceback (most recent call last)"));
        }
    }

    void usageErrors_data()
    {
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("logged");
        QTest::newRow("missing code folder") << 2 << QByteArray("check code_configuration.code");
        QTest::newRow("missing scoring script")
            << 2 << QByteArray("check code_configuration.scoring_script");
        QTest::newRow("port taken") << 4 << QByteArray("Cannot listen on 127.0.0.1:");
    }

    void usageErrors()
    {
        QFETCH(int, exitCode);
        QFETCH(QByteArray, logged);
        Harness harness(m_dir.path(), m_dir.path());
        QTcpServer taken;
        const QByteArray tag = QTest::currentDataTag();
        if (tag == "missing code folder") {
            harness.setArgument(5, m_dir.filePath(QStringLiteral("no-such-folder")));
        } else if (tag == "missing scoring script") {
            harness.setArgument(7, QStringLiteral("no_such_score.py"));
        } else {
            QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
            harness.setArgument(3, QString::number(taken.serverPort()));
        }
        harness.start();
        QVERIFY2(harness.hasFinished(), harness.log().constData());
        QCOMPARE(harness.process().exitCode(), exitCode);
        QVERIFY2(harness.errors().contains(logged), harness.log().constData());
    }

    void sigtermStopsCleanly()
    {
        auto harness = behaviourHarness();
        QVERIFY2(harness->startReady(), harness->log().constData());
        harness->process().terminate();
        QVERIFY2(harness->hasFinished(), harness->log().constData());
        QCOMPARE(harness->process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(harness->process().exitCode(), 0);
        QVERIFY(harness->output().contains("rolloutd-harness: stopped"));
    }

    void sigtermFinishesRequestInFlight()
    {
        auto harness = behaviourHarness();
        QVERIFY2(harness->startReady(), harness->log().constData());
        HttpConnection connection;
        QVERIFY(connection.open(harness->port()));
        connection.send(httpRequest("POST", "/score", "hold:stop"));
        QTRY_VERIFY_WITH_TIMEOUT(
            QFileInfo::exists(m_dir.filePath(QStringLiteral("started-stop"))), AnswerTimeoutMs);

        harness->process().terminate();
        QTRY_VERIFY2_WITH_TIMEOUT(harness->errors().contains("for 1 request(s) in flight"),
            harness->log().constData(), AnswerTimeoutMs);
        QVERIFY(harness->isRunning());
        QVERIFY(writeFile(m_dir.filePath(QStringLiteral("release")), {}));
        const auto reply = connection.receive();
        QVERIFY2(reply, harness->log().constData());
        QCOMPARE(reply->status, 200);
        QVERIFY2(harness->hasFinished(), harness->log().constData());
        QCOMPARE(harness->process().exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestScoringHarness)
#include "tst_scoringharness.moc"

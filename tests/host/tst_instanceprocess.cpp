// InstanceProcess and processutil with real processes over loopback: readiness, failure
// after three exits, restarts after a crash or a failed liveness probe, process-group stop,
// the capped log, the environment, and the cleanup of a stale instance after a host crash.

#include "../testsupport.h"
#include "instanceprocess.h"
#include "processutil.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>
#include <memory>
#include <unistd.h>

namespace {

constexpr int ReadyTimeoutMs = 30000; // Python start-up on a busy two-core machine

struct Answer
{
    int status = 0;
    QByteArray body;
};

Answer request(quint16 port, const QByteArray &body, const QString &path = QStringLiteral("/score"))
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(15000);
    std::unique_ptr<QNetworkReply> reply(
        body.isNull() ? network.get(request) : network.post(request, body));
    if (!reply->isFinished()) {
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        finished.wait(20000);
    }
    return Answer { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
        reply->readAll() };
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(content) == content.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString python()
{
    const Result<QString> interpreter = ProcessUtil::resolveInterpreter(QString());
    return interpreter ? interpreter.value() : QString();
}

QString harness()
{
    return TestSupport::sourceDir() + QStringLiteral("/resources/harness/rolloutd_harness.py");
}

ProbeSettings quickProbe()
{
    ProbeSettings probe;
    probe.initialDelaySec = 1;
    probe.periodSec = 1;
    probe.timeoutSec = 1;
    probe.successThreshold = 1;
    probe.failureThreshold = 2;
    return probe;
}

QProcessEnvironment minimalEnvironment(const QString &modelDir)
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
    environment.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    environment.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    environment.insert(QStringLiteral("AZUREML_MODEL_DIR"), modelDir);
    return environment;
}

// Answers GET /env with its environment; GET /live fails once HEALTHY_SECONDS have passed.
const QByteArray ServerScript = R"(import http.server, json, os, time
START = time.time()
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        healthy = float(os.environ.get("HEALTHY_SECONDS", "1e9"))
        if self.path == "/live" and time.time() - START > healthy:
            code, body = 500, b"sick"
        elif self.path == "/env":
            code, body = 200, json.dumps(dict(os.environ)).encode()
        else:
            code, body = 200, b"ok"
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
print("serving on", os.environ["PORT"])
http.server.HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
)";

bool gone(const InstanceRecord &record) { return !ProcessUtil::isSameProcess(record); }

} // namespace

class TestInstanceProcess : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void goodScriptBecomesReadyAndScores();
    void initRaisingFailsAfterThreeExits();
    void crashAfterReadyRestarts_data();
    void crashAfterReadyRestarts();
    void livenessFailureRestarts();
    void stopEndsTheWholeProcessGroup();
    void logFileIsCappedAndRotated();
    void environmentIsOnlyWhatIsGiven();
    void missingProgramFailsAtOnce();
    void staleInstanceIsStoppedOnlyWhenItIsTheSameProcess();
    void freePortsAreDistinct();

private:
    InstanceSpec harnessSpec(const QString &score);
    InstanceSpec serverSpec(const QProcessEnvironment &extra = QProcessEnvironment());
    InstanceProcess *startInstance(const InstanceSpec &spec);
    void stopInstance(InstanceProcess *instance);

    std::unique_ptr<QTemporaryDir> m_dir;
    QList<InstanceProcess *> m_instances;
    QList<QProcess *> m_processes;
};

void TestInstanceProcess::initTestCase()
{
    if (python().isEmpty())
        QSKIP("no Python 3 interpreter on this machine");
    QVERIFY2(QFile::exists(harness()), qPrintable(harness()));
}

void TestInstanceProcess::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestInstanceProcess::cleanup()
{
    // Deleting an InstanceProcess kills its process group: no orphans after a failed check.
    qDeleteAll(m_instances);
    m_instances.clear();
    for (QProcess *process : std::as_const(m_processes)) {
        if (process->state() != QProcess::NotRunning) {
            ::kill(pid_t(-process->processId()), SIGKILL);
            process->waitForFinished(3000);
        }
        delete process;
    }
    m_processes.clear();
    m_dir.reset();
}

InstanceSpec TestInstanceProcess::harnessSpec(const QString &score)
{
    const QString code = m_dir->filePath(QStringLiteral("code"));
    QDir().mkpath(code);
    writeFile(code + QStringLiteral("/score.py"), score.toUtf8());
    InstanceSpec spec;
    spec.program = python();
    spec.arguments = { QStringLiteral("-u"), harness(), QStringLiteral("--port"),
        QStringLiteral("{port}"), QStringLiteral("--code-dir"), code,
        QStringLiteral("--scoring-script"), QStringLiteral("score.py") };
    spec.environment = minimalEnvironment(m_dir->path());
    spec.workingDir = code;
    spec.port = ProcessUtil::pickFreePort();
    spec.liveness = quickProbe();
    spec.readiness = quickProbe();
    spec.logFile = m_dir->filePath(QStringLiteral("logs/instance-1.log"));
    return spec;
}

InstanceSpec TestInstanceProcess::serverSpec(const QProcessEnvironment &extra)
{
    const QString script = m_dir->filePath(QStringLiteral("server.py"));
    writeFile(script, ServerScript);
    InstanceSpec spec;
    spec.program = python();
    spec.arguments = { QStringLiteral("-u"), script };
    spec.environment = minimalEnvironment(m_dir->path());
    for (const QString &key : extra.keys())
        spec.environment.insert(key, extra.value(key));
    spec.workingDir = m_dir->path();
    spec.port = ProcessUtil::pickFreePort();
    spec.liveness = quickProbe();
    spec.readiness = quickProbe();
    spec.logFile = m_dir->filePath(QStringLiteral("logs/server.log"));
    return spec;
}

InstanceProcess *TestInstanceProcess::startInstance(const InstanceSpec &spec)
{
    auto *instance = new InstanceProcess(spec);
    m_instances << instance;
    instance->start();
    return instance;
}

void TestInstanceProcess::stopInstance(InstanceProcess *instance)
{
    QSignalSpy stopped(instance, &InstanceProcess::stopped);
    instance->stop();
    QVERIFY(stopped.wait(15000));
    QCOMPARE(instance->state(), InstanceProcess::State::Stopped);
}

void TestInstanceProcess::goodScriptBecomesReadyAndScores()
{
    InstanceProcess *instance = startInstance(harnessSpec(QStringLiteral(
        "import json, os\n"
        "def init():\n"
        "    global prefix\n"
        "    prefix = 'model at ' + os.environ['AZUREML_MODEL_DIR']\n"
        "def run(raw_data):\n"
        "    return {'answer': json.loads(raw_data)['x'] * 2, 'prefix': prefix}\n")));
    QSignalSpy ready(instance, &InstanceProcess::becameReady);
    QSignalSpy started(instance, &InstanceProcess::started);
    QVERIFY(ready.wait(ReadyTimeoutMs));
    QCOMPARE(started.count(), 1);
    QCOMPARE(instance->state(), InstanceProcess::State::Ready);

    const Answer answer = request(instance->port(), QByteArrayLiteral("{\"x\": 21}"));
    QCOMPARE(answer.status, 200);
    const QJsonObject json = QJsonDocument::fromJson(answer.body).object();
    QCOMPARE(json.value(QStringLiteral("answer")).toInt(), 42);
    QCOMPARE(json.value(QStringLiteral("prefix")).toString(),
        QStringLiteral("model at ") + m_dir->path());

    const InstanceRecord record = instance->record();
    QVERIFY(record.pid > 0);
    QCOMPARE(record.pgid, record.pid);
    QCOMPARE(::getpgid(pid_t(record.pid)), pid_t(record.pid)); // its own process group
    QCOMPARE(record.startTicks, ProcessUtil::processStartTicks(record.pid));
    QCOMPARE(record.port, instance->port());
    QVERIFY(ProcessUtil::isSameProcess(record));

    const QByteArray log = readFile(instance->spec().logFile);
    QVERIFY2(log.contains("rolloutd-harness: ready"), log.constData());
    QVERIFY(log.contains("rolloutd: ready: GET / answered HTTP 200"));
    // Every line carries a UTC timestamp.
    QVERIFY(
        QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z "))
            .match(QString::fromUtf8(log))
            .hasMatch());

    stopInstance(instance);
    QTRY_VERIFY_WITH_TIMEOUT(gone(record), 5000);
}

void TestInstanceProcess::initRaisingFailsAfterThreeExits()
{
    InstanceProcess *instance = startInstance(
        harnessSpec(QStringLiteral("def init():\n"
                                   "    raise RuntimeError('the model file is missing: boom')\n"
                                   "def run(raw_data):\n"
                                   "    return 1\n")));
    QSignalSpy failed(instance, &InstanceProcess::failed);
    QSignalSpy crashed(instance, &InstanceProcess::crashed);
    QSignalSpy ready(instance, &InstanceProcess::becameReady);
    QVERIFY(failed.wait(ReadyTimeoutMs));
    QCOMPARE(crashed.count(), 3);
    QCOMPARE(crashed.at(2).at(0).toInt(), 3); // the harness's exit code for a failed init()
    QCOMPARE(ready.count(), 0);
    QCOMPARE(instance->state(), InstanceProcess::State::Failed);

    const QString reason = failed.at(0).at(0).toString();
    const QString tail = failed.at(0).at(1).toString();
    QVERIFY2(reason.contains(QStringLiteral("3 times"))
            && reason.contains(QStringLiteral("exit code 3")),
        qPrintable(reason));
    QVERIFY2(tail.contains(QStringLiteral("RuntimeError: the model file is missing: boom")),
        qPrintable(tail));
    QVERIFY(tail.split(QLatin1Char('\n')).size() <= 20);
    QVERIFY(instance->logTail(200)
                .join(QLatin1Char('\n'))
                .contains(QStringLiteral("Traceback (most recent call last)")));

    QVERIFY(!ProcessUtil::isSameProcess(instance->record())); // nothing left running
    stopInstance(instance);
    QCOMPARE(crashed.count(), 3); // stopping a failed instance starts nothing
}

void TestInstanceProcess::crashAfterReadyRestarts_data()
{
    QTest::addColumn<bool>("exitFromRun");
    QTest::newRow("run() calls os._exit") << true;
    QTest::newRow("SIGKILL from outside") << false;
}

void TestInstanceProcess::crashAfterReadyRestarts()
{
    QFETCH(bool, exitFromRun);
    InstanceProcess *instance
        = startInstance(harnessSpec(QStringLiteral("import os\n"
                                                   "def init():\n"
                                                   "    pass\n"
                                                   "def run(raw_data):\n"
                                                   "    if raw_data == 'crash':\n"
                                                   "        os._exit(1)\n"
                                                   "    return os.getpid()\n")));
    QSignalSpy ready(instance, &InstanceProcess::becameReady);
    QSignalSpy unready(instance, &InstanceProcess::becameUnready);
    QSignalSpy crashed(instance, &InstanceProcess::crashed);
    QSignalSpy restarted(instance, &InstanceProcess::restarted);
    QVERIFY(ready.wait(ReadyTimeoutMs));
    const InstanceRecord first = instance->record();

    if (exitFromRun)
        request(instance->port(), QByteArrayLiteral("crash")); // the connection just drops
    else
        ::kill(pid_t(first.pid), SIGKILL);

    QTRY_COMPARE_WITH_TIMEOUT(crashed.count(), 1, 10000);
    QCOMPARE(crashed.at(0).at(0).toInt(), exitFromRun ? 1 : 128 + SIGKILL);
    QCOMPARE(unready.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(restarted.count(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, ReadyTimeoutMs);
    QCOMPARE(instance->state(), InstanceProcess::State::Ready);
    const InstanceRecord second = instance->record();
    QVERIFY(second.pid != first.pid);
    QVERIFY(gone(first));

    const Answer answer = request(instance->port(), QByteArrayLiteral("again"));
    QCOMPARE(answer.status, 200);
    QCOMPARE(answer.body.toLongLong(), second.pid);
    stopInstance(instance);
}

void TestInstanceProcess::livenessFailureRestarts()
{
    QProcessEnvironment extra;
    extra.insert(QStringLiteral("HEALTHY_SECONDS"), QStringLiteral("1.5"));
    InstanceSpec spec = serverSpec(extra);
    spec.livenessPath = QStringLiteral("/live");
    spec.stopGraceMs = 2000;
    InstanceProcess *instance = startInstance(spec);
    QSignalSpy ready(instance, &InstanceProcess::becameReady);
    QSignalSpy crashed(instance, &InstanceProcess::crashed);
    QSignalSpy restarted(instance, &InstanceProcess::restarted);
    QVERIFY(ready.wait(ReadyTimeoutMs));
    const qint64 firstPid = instance->record().pid;

    // /live fails from 1.5 s on; two failures one second apart restart the instance.
    QVERIFY(crashed.wait(15000));
    QVERIFY2(crashed.at(0).at(1).toString().contains(
                 QStringLiteral("liveness probe GET /live failed 2 times")),
        qPrintable(crashed.at(0).at(1).toString()));
    QTRY_COMPARE_WITH_TIMEOUT(restarted.count(), 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, ReadyTimeoutMs);
    QVERIFY(instance->record().pid != firstPid);
    stopInstance(instance);
}

void TestInstanceProcess::stopEndsTheWholeProcessGroup()
{
    // init() starts a helper that ignores SIGTERM: only the SIGKILL after the grace ends it.
    InstanceSpec spec = harnessSpec(
        QStringLiteral("import subprocess, sys\n"
                       "def init():\n"
                       "    global child\n"
                       "    child = subprocess.Popen([sys.executable, '-c',\n"
                       "        'import signal, time; signal.signal(signal.SIGTERM, "
                       "signal.SIG_IGN); print(1, flush=True); '\n"
                       "        'time.sleep(600)'], stdout=subprocess.PIPE)\n"
                       "    child.stdout.readline()  # SIGTERM is ignored from here on\n"
                       "def run(raw_data):\n"
                       "    return child.pid\n"));
    spec.stopGraceMs = 1000;
    InstanceProcess *instance = startInstance(spec);
    QSignalSpy ready(instance, &InstanceProcess::becameReady);
    QVERIFY(ready.wait(ReadyTimeoutMs));
    const Answer answer = request(instance->port(), QByteArrayLiteral("pid"));
    QCOMPARE(answer.status, 200);
    const qint64 childPid = answer.body.toLongLong();
    QVERIFY(childPid > 0);
    const InstanceRecord leader = instance->record();
    InstanceRecord child { childPid, leader.pgid, ProcessUtil::processStartTicks(childPid), 0,
        QString() };
    QVERIFY(ProcessUtil::isSameProcess(child));
    QCOMPARE(::getpgid(pid_t(childPid)), pid_t(leader.pgid));

    stopInstance(instance);
    QTRY_VERIFY_WITH_TIMEOUT(gone(leader), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(gone(child), 5000);
    QVERIFY(!ProcessUtil::processGroupAlive(leader.pgid));
    QVERIFY(readFile(spec.logFile).contains("sending SIGKILL"));
}

void TestInstanceProcess::logFileIsCappedAndRotated()
{
    const qint64 cap = 16 * 1024;
    InstanceSpec spec = serverSpec();
    spec.arguments = { QStringLiteral("-u"), QStringLiteral("-c"),
        QStringLiteral("import time\n"
                       "for i in range(3000):\n"
                       "    print('line', i, 'x' * 60)\n"
                       "print('all printed')\n"
                       "time.sleep(600)\n") };
    spec.logCapBytes = cap;
    spec.readiness.initialDelaySec = 600; // not an HTTP server: keep the counted probes away
    spec.liveness.initialDelaySec = 600;
    InstanceProcess *instance = startInstance(spec);
    QTRY_VERIFY_WITH_TIMEOUT(
        instance->logTail(1).value(0).endsWith(QStringLiteral("all printed")), 20000);
    QVERIFY(readFile(spec.logFile).contains("line 2999 xxx"));
    QVERIFY(QFile::exists(spec.logFile + QStringLiteral(".1")));
    QVERIFY2(QFileInfo(spec.logFile).size() <= cap,
        qPrintable(QString::number(QFileInfo(spec.logFile).size())));
    QVERIFY(QFileInfo(spec.logFile + QStringLiteral(".1")).size() <= cap);
    QVERIFY(QFileInfo(spec.logFile + QStringLiteral(".1")).size() > cap / 2);
    // Whole lines only: the rotated file ends with a line break and starts with a timestamp.
    const QByteArray rotated = readFile(spec.logFile + QStringLiteral(".1"));
    QVERIFY(rotated.endsWith('\n'));
    QVERIFY(rotated.startsWith("20"));
    stopInstance(instance);
}

void TestInstanceProcess::environmentIsOnlyWhatIsGiven()
{
    qputenv("ROLLOUTDESK_TEST_SECRET", "hunter2");
    QProcessEnvironment extra;
    extra.insert(QStringLiteral("GIVEN_VARIABLE"), QStringLiteral("given value"));
    InstanceProcess *instance = startInstance(serverSpec(extra));
    QSignalSpy ready(instance, &InstanceProcess::becameReady);
    QVERIFY(ready.wait(ReadyTimeoutMs));
    const Answer answer = request(instance->port(), QByteArray(), QStringLiteral("/env"));
    qunsetenv("ROLLOUTDESK_TEST_SECRET");
    QCOMPARE(answer.status, 200);
    const QJsonObject environment = QJsonDocument::fromJson(answer.body).object();
    QVERIFY(!environment.isEmpty());
    QCOMPARE(environment.value(QStringLiteral("GIVEN_VARIABLE")).toString(),
        QStringLiteral("given value"));
    QCOMPARE(
        environment.value(QStringLiteral("PORT")).toString(), QString::number(instance->port()));
    QCOMPARE(environment.value(QStringLiteral("AZUREML_MODEL_DIR")).toString(), m_dir->path());
    QVERIFY(!environment.contains(QStringLiteral("ROLLOUTDESK_TEST_SECRET")));
    QVERIFY(
        !environment.contains(QStringLiteral("QT_QPA_PLATFORM"))); // set for every test by CTest
    stopInstance(instance);
}

void TestInstanceProcess::missingProgramFailsAtOnce()
{
    InstanceSpec spec = serverSpec();
    spec.program = m_dir->filePath(QStringLiteral("no-such-program"));
    InstanceProcess *instance = startInstance(spec);
    QSignalSpy failed(instance, &InstanceProcess::failed);
    QSignalSpy started(instance, &InstanceProcess::started);
    QVERIFY(failed.wait(5000));
    QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("is not an executable file")),
        qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(started.count(), 0);
    stopInstance(instance); // stop() after a failure still ends in stopped()
}

void TestInstanceProcess::staleInstanceIsStoppedOnlyWhenItIsTheSameProcess()
{
    // Stand-ins for instances left behind by a crashed host: own process groups.
    const auto spawn = [this] {
        auto *process = new QProcess;
        m_processes << process;
        process->setChildProcessModifier([] { ::setpgid(0, 0); });
        process->start(
            python(), { QStringLiteral("-c"), QStringLiteral("import time; time.sleep(600)") });
        return process;
    };
    QProcess *ours = spawn();
    QProcess *someoneElse = spawn();
    QVERIFY(ours->waitForStarted(10000));
    QVERIFY(someoneElse->waitForStarted(10000));

    const InstanceRecord recorded { ours->processId(), ours->processId(),
        ProcessUtil::processStartTicks(ours->processId()), 0, QString() };
    QVERIFY(recorded.startTicks > 0);
    QVERIFY(ProcessUtil::isSameProcess(recorded));
    // The pid now belongs to a process that started at another time: not ours.
    const InstanceRecord reused { someoneElse->processId(), someoneElse->processId(),
        ProcessUtil::processStartTicks(someoneElse->processId()) + 1, 0, QString() };
    QVERIFY(!ProcessUtil::isSameProcess(reused));

    QVERIFY(!ProcessUtil::stopStaleInstance(reused));
    QVERIFY(ProcessUtil::stopStaleInstance(recorded));
    QVERIFY(ours->waitForFinished(5000));
    QVERIFY(gone(recorded));
    QCOMPARE(someoneElse->state(), QProcess::Running);
    const InstanceRecord untouched { someoneElse->processId(), someoneElse->processId(),
        ProcessUtil::processStartTicks(someoneElse->processId()), 0, QString() };
    QVERIFY(ProcessUtil::isSameProcess(untouched));

    const InstanceRecord nobody { 0, 0, 0, 0, QString() };
    QVERIFY(!ProcessUtil::isSameProcess(nobody));
    QVERIFY(!ProcessUtil::stopStaleInstance(nobody));
}

void TestInstanceProcess::freePortsAreDistinct()
{
    QSet<quint16> ports;
    for (int i = 0; i < 20; ++i) {
        const quint16 port = ProcessUtil::pickFreePort();
        QVERIFY(port != 0);
        QVERIFY(ProcessUtil::isPortFree(port));
        ports.insert(port);
    }
    QCOMPARE(ports.size(), 20);
}

QTEST_GUILESS_MAIN(TestInstanceProcess)
#include "tst_instanceprocess.moc"

// DeploymentSupervisor with real score.py instances over loopback: provisioning, scaling,
// rolling replacement that never leaves the deployment without a ready instance, failure
// with the traceback, rollback of a failed update, and dependency warnings.

#include "../testsupport.h"
#include "deploymentsupervisor.h"
#include "processutil.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>
#include <thread>
#include <vector>

namespace {

constexpr int ProvisionTimeoutMs = 60000; // several Python start-ups on a busy two-core machine

struct Answer
{
    int status = 0;
    QByteArray body;
};

Answer post(quint16 port, const QByteArray &body)
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/score").arg(port)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(15000);
    std::unique_ptr<QNetworkReply> reply(network.post(request, body));
    if (!reply->isFinished()) {
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        finished.wait(20000);
    }
    return Answer { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
        reply->readAll() };
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(content) == content.size();
}

QByteArray scoreAnswering(const QByteArray &version)
{
    return "import os\n"
           "def init():\n"
           "    global model\n"
           "    model = os.path.join(os.environ['AZUREML_MODEL_DIR'], 'weights.txt')\n"
           "def run(raw_data):\n"
           "    return {'version': '"
        + version + "', 'model': open(model).read().strip()}\n";
}

const QByteArray RaisingScore
    = "def init():\n"
      "    raise ValueError('cannot load the model: weights are corrupt')\n"
      "def run(raw_data):\n"
      "    return None\n";

ProbeSettings quickProbe()
{
    ProbeSettings probe;
    probe.initialDelaySec = 1;
    probe.periodSec = 1;
    probe.timeoutSec = 1;
    probe.successThreshold = 1;
    probe.failureThreshold = 3;
    return probe;
}

QString versionAt(quint16 port)
{
    const Answer answer = post(port, QByteArrayLiteral("{}"));
    return QJsonDocument::fromJson(answer.body)
        .object()
        .value(QStringLiteral("version"))
        .toString();
}

} // namespace

class TestDeploymentSupervisor : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void twoInstancesBecomeReady();
    void scalesUpAndDown();
    void replaceKeepsAReadyInstanceThroughout();
    void failingInitFailsProvisioningWithTraceback();
    void failedUpdateRollsBack();
    void readinessDeadlineFailsProvisioning();
    void missingDependencyIsWarned();
    void localCommandDeployment();
    void environmentHoldsOnlyWhatInstancesNeed();
    void stopEndsEverything();

private:
    DeploymentRunSpec makeSpec(const QByteArray &score, const QString &codeName, int count);
    DeploymentSupervisor *makeSupervisor(const DeploymentRunSpec &spec);
    bool waitProvisioned(DeploymentSupervisor *supervisor, QSignalSpy &finished, bool expected);
    void stopAndCheck(DeploymentSupervisor *supervisor);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<DeploymentSupervisor>> m_supervisors;
    QString m_python;
};

void TestDeploymentSupervisor::initTestCase()
{
    const Result<QString> interpreter = ProcessUtil::resolveInterpreter(QString());
    if (!interpreter)
        QSKIP("no Python 3 interpreter on this machine");
    m_python = interpreter.value();
}

void TestDeploymentSupervisor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(writeFile(m_dir->filePath(QStringLiteral("model/weights.txt")), "forty-two\n"));
}

void TestDeploymentSupervisor::cleanup()
{
    m_supervisors.clear(); // kills whatever a failed check left running
    m_dir.reset();
}

DeploymentRunSpec TestDeploymentSupervisor::makeSpec(
    const QByteArray &score, const QString &codeName, int count)
{
    const QString code = m_dir->filePath(codeName);
    writeFile(code + QStringLiteral("/score.py"), score);
    DeploymentRunSpec spec;
    spec.endpoint = QStringLiteral("my-endpoint");
    spec.deployment.name = QStringLiteral("blue");
    spec.deployment.endpointName = spec.endpoint;
    spec.deployment.instanceCount = count;
    spec.deployment.codeConfiguration
        = CodeConfiguration { AssetKind::LocalPath, code, QStringLiteral("score.py") };
    spec.deployment.livenessProbe = quickProbe();
    spec.deployment.readinessProbe = quickProbe();
    spec.deployment.requestSettings.requestTimeoutMs = 3000;
    spec.modelDir = m_dir->filePath(QStringLiteral("model"));
    spec.codeDir = code;
    spec.logDir = m_dir->filePath(QStringLiteral("logs"));
    spec.harnessPath
        = TestSupport::sourceDir() + QStringLiteral("/resources/harness/rolloutd_harness.py");
    spec.python = m_python;
    return spec;
}

DeploymentSupervisor *TestDeploymentSupervisor::makeSupervisor(const DeploymentRunSpec &spec)
{
    m_supervisors.push_back(std::make_unique<DeploymentSupervisor>(spec));
    return m_supervisors.back().get();
}

// True when provisioning finished once, as expected; says why not otherwise.
bool TestDeploymentSupervisor::waitProvisioned(
    DeploymentSupervisor *supervisor, QSignalSpy &finished, bool expected)
{
    if (finished.isEmpty() && !finished.wait(ProvisionTimeoutMs)) {
        qWarning().noquote() << "provisioning did not finish; log:\n" << supervisor->logTail(40);
        return false;
    }
    const bool ok = finished.at(0).at(0).toBool();
    if (finished.count() != 1 || ok != expected || supervisor->isProvisioning()) {
        qWarning().noquote() << "provisioning finished" << finished.count() << "times, ok =" << ok
                             << "\n"
                             << finished.at(0).at(1).toString() << "\nlog:\n"
                             << supervisor->logTail(40);
        return false;
    }
    return true;
}

void TestDeploymentSupervisor::stopAndCheck(DeploymentSupervisor *supervisor)
{
    const QList<InstanceRecord> records = supervisor->records();
    QSignalSpy stopped(supervisor, &DeploymentSupervisor::stopped);
    supervisor->stop();
    QVERIFY(stopped.wait(20000));
    QVERIFY(supervisor->records().isEmpty());
    QVERIFY(supervisor->readyPorts().isEmpty());
    for (const InstanceRecord &record : records)
        QTRY_VERIFY_WITH_TIMEOUT(!ProcessUtil::isSameProcess(record), 5000);
}

void TestDeploymentSupervisor::twoInstancesBecomeReady()
{
    DeploymentSupervisor *supervisor
        = makeSupervisor(makeSpec(scoreAnswering("v1"), QStringLiteral("v1"), 2));
    QSignalSpy finished(supervisor, &DeploymentSupervisor::provisioningFinished);
    QSignalSpy portsChanged(supervisor, &DeploymentSupervisor::readyPortsChanged);
    supervisor->start();
    QVERIFY(waitProvisioned(supervisor, finished, true));

    const QList<quint16> ports = supervisor->readyPorts();
    QCOMPARE(ports.size(), 2);
    QVERIFY(ports.at(0) != ports.at(1));
    QCOMPARE(portsChanged.last().at(0).value<QList<quint16>>(), ports);
    const QList<InstanceRecord> records = supervisor->records();
    QCOMPARE(records.size(), 2);
    for (const InstanceRecord &record : records) {
        QVERIFY(ProcessUtil::isSameProcess(record));
        QVERIFY(ports.contains(record.port));
        QVERIFY(QFile::exists(record.logFile));
    }
    for (quint16 port : ports) {
        const Answer answer = post(port, QByteArrayLiteral("{\"data\": [1]}"));
        QCOMPARE(answer.status, 200);
        QCOMPARE(
            QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("model")).toString(),
            QStringLiteral("forty-two"));
    }
    // The merged log has both instances, in time order.
    const QString tail = supervisor->logTail(200);
    QVERIFY2(
        tail.contains(QStringLiteral("[blue-1] ")) && tail.contains(QStringLiteral("[blue-2] ")),
        qPrintable(tail));
    const QStringList lines = tail.split(QLatin1Char('\n'));
    QStringList times;
    for (const QString &line : lines)
        times << line.section(QLatin1Char(' '), 0, 0);
    QStringList sorted = times;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(times, sorted);
    QCOMPARE(supervisor->logTail(5).split(QLatin1Char('\n')).size(), 5);
    stopAndCheck(supervisor);
}

void TestDeploymentSupervisor::scalesUpAndDown()
{
    DeploymentSupervisor *supervisor
        = makeSupervisor(makeSpec(scoreAnswering("v1"), QStringLiteral("v1"), 1));
    QSignalSpy finished(supervisor, &DeploymentSupervisor::provisioningFinished);
    supervisor->start();
    QVERIFY(waitProvisioned(supervisor, finished, true));
    const quint16 first = supervisor->readyPorts().value(0);

    finished.clear();
    supervisor->scaleTo(3);
    QVERIFY(waitProvisioned(supervisor, finished, true));
    QCOMPARE(supervisor->readyPorts().size(), 3);
    QCOMPARE(supervisor->records().size(), 3);

    QList<quint16> drainedPorts;
    supervisor->setDrainHook([&drainedPorts](quint16 port, std::function<void()> drained) {
        drainedPorts << port;
        QTimer::singleShot(50, drained); // the gateway reports the drain later
    });
    finished.clear();
    supervisor->scaleTo(1);
    QVERIFY(waitProvisioned(supervisor, finished, true));
    QCOMPARE(supervisor->readyPorts(), QList<quint16> { first }); // the newest went
    QCOMPARE(supervisor->records().size(), 1);
    QCOMPARE(drainedPorts.size(), 2);
    QVERIFY(!drainedPorts.contains(first));
    QCOMPARE(versionAt(first), QStringLiteral("v1"));
    stopAndCheck(supervisor);
}

void TestDeploymentSupervisor::replaceKeepsAReadyInstanceThroughout()
{
    DeploymentSupervisor *supervisor
        = makeSupervisor(makeSpec(scoreAnswering("v1"), QStringLiteral("v1"), 2));
    QSignalSpy finished(supervisor, &DeploymentSupervisor::provisioningFinished);
    supervisor->start();
    QVERIFY(waitProvisioned(supervisor, finished, true));
    const QList<quint16> oldPorts = supervisor->readyPorts();

    QList<QList<quint16>> sequence;
    connect(supervisor, &DeploymentSupervisor::readyPortsChanged, this,
        [&sequence](const QList<quint16> &ports) { sequence << ports; });
    // The gateway drains on its own threads: `drained` must be callable from any of them.
    QList<quint16> drainedPorts;
    int readyWhenDraining = -1;
    struct Threads
    {
        std::vector<std::thread> list;
        ~Threads()
        {
            for (std::thread &thread : list)
                thread.join();
        }
    } gatewayThreads;
    supervisor->setDrainHook([&, supervisor](quint16 port, std::function<void()> drained) {
        drainedPorts << port;
        readyWhenDraining = readyWhenDraining < 0
            ? int(supervisor->readyPorts().size())
            : qMin(readyWhenDraining, int(supervisor->readyPorts().size()));
        gatewayThreads.list.emplace_back([drained] { drained(); });
    });

    finished.clear();
    supervisor->replace(makeSpec(scoreAnswering("v2"), QStringLiteral("v2"), 2));
    QVERIFY(waitProvisioned(supervisor, finished, true));

    QVERIFY(!sequence.isEmpty());
    for (const QList<quint16> &ports : std::as_const(sequence))
        QVERIFY2(!ports.isEmpty(), "the deployment had no ready instance during the replacement");
    QVERIFY(readyWhenDraining >= 1); // a new instance was ready before an old one drained
    QCOMPARE(drainedPorts.size(), 2);
    for (quint16 port : oldPorts)
        QVERIFY(drainedPorts.contains(port));

    const QList<quint16> newPorts = supervisor->readyPorts();
    QCOMPARE(newPorts.size(), 2);
    QCOMPARE(supervisor->records().size(), 2);
    for (quint16 port : newPorts) {
        QVERIFY(!oldPorts.contains(port));
        QCOMPARE(versionAt(port), QStringLiteral("v2"));
    }
    stopAndCheck(supervisor);
}

void TestDeploymentSupervisor::failingInitFailsProvisioningWithTraceback()
{
    DeploymentSupervisor *supervisor
        = makeSupervisor(makeSpec(RaisingScore, QStringLiteral("bad"), 1));
    QSignalSpy finished(supervisor, &DeploymentSupervisor::provisioningFinished);
    QSignalSpy instanceFailed(supervisor, &DeploymentSupervisor::instanceFailed);
    supervisor->start();
    QVERIFY(waitProvisioned(supervisor, finished, false));
    const QString error = finished.at(0).at(1).toString();
    QVERIFY2(error.contains(QStringLiteral("exited 3 times in a row before it was ready")),
        qPrintable(error));
    QVERIFY2(
        error.contains(QStringLiteral("ValueError: cannot load the model: weights are corrupt")),
        qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("Traceback")));
    QCOMPARE(instanceFailed.count(), 1);
    QVERIFY(supervisor->readyPorts().isEmpty());
    // No endless replacements of an instance that cannot start.
    QTRY_VERIFY_WITH_TIMEOUT(supervisor->records().isEmpty(), 5000);
    QCOMPARE(supervisor->instanceCount(), 0);
    QVERIFY(supervisor->logTail(50).contains(QStringLiteral("weights are corrupt")));
    stopAndCheck(supervisor);
}

void TestDeploymentSupervisor::failedUpdateRollsBack()
{
    DeploymentSupervisor *supervisor
        = makeSupervisor(makeSpec(scoreAnswering("v1"), QStringLiteral("v1"), 1));
    QSignalSpy finished(supervisor, &DeploymentSupervisor::provisioningFinished);
    supervisor->start();
    QVERIFY(waitProvisioned(supervisor, finished, true));
    const QList<quint16> before = supervisor->readyPorts();

    QList<QList<quint16>> sequence;
    connect(supervisor, &DeploymentSupervisor::readyPortsChanged, this,
        [&sequence](const QList<quint16> &ports) { sequence << ports; });
    finished.clear();
    supervisor->replace(makeSpec(RaisingScore, QStringLiteral("bad"), 1));
    QVERIFY(waitProvisioned(supervisor, finished, false));
    QVERIFY(finished.at(0).at(1).toString().contains(QStringLiteral("weights are corrupt")));
    for (const QList<quint16> &ports : std::as_const(sequence))
        QVERIFY(!ports.isEmpty());
    QCOMPARE(supervisor->readyPorts(), before);
    QCOMPARE(versionAt(before.first()), QStringLiteral("v1"));
    QCOMPARE(
        supervisor->spec().codeDir, m_dir->filePath(QStringLiteral("v1"))); // back to what runs
    QTRY_COMPARE_WITH_TIMEOUT(supervisor->records().size(), 1, 5000);
    stopAndCheck(supervisor);
}

void TestDeploymentSupervisor::readinessDeadlineFailsProvisioning()
{
    // init() outlasts initial_delay 1 + period 1 × failure_threshold 2 = 3 s.
    DeploymentRunSpec spec = makeSpec("import time\n"
                                      "def init():\n"
                                      "    time.sleep(600)\n"
                                      "def run(raw_data):\n"
                                      "    return 1\n",
        QStringLiteral("slow"), 1);
    spec.deployment.readinessProbe.failureThreshold = 2;
    spec.deployment.livenessProbe.initialDelaySec = 600; // only readiness is under test here
    DeploymentSupervisor *supervisor = makeSupervisor(spec);
    QSignalSpy finished(supervisor, &DeploymentSupervisor::provisioningFinished);
    supervisor->start();
    QVERIFY(waitProvisioned(supervisor, finished, false));
    const QString error = finished.at(0).at(1).toString();
    QVERIFY2(error.contains(QStringLiteral("did not pass its readiness probe (GET /) within 3 s")),
        qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("rolloutd: starting")));
    stopAndCheck(supervisor);
}

void TestDeploymentSupervisor::missingDependencyIsWarned()
{
    DeploymentRunSpec spec = makeSpec(scoreAnswering("v1"), QStringLiteral("v1"), 1);
    const QString conda = m_dir->filePath(QStringLiteral("env/conda.yaml"));
    QVERIFY(writeFile(conda,
        "name: env\n"
        "dependencies:\n"
        "  - python=3.11\n"
        "  - pip\n"
        "  - pip:\n"
        "    - azureml-inference-server-http==1.4.1\n"
        "    - definitely-not-installed-pkg==0.1\n"
        "    - json5-but-not-really-there\n"));
    spec.deployment.environment.kind = AssetKind::Inline;
    spec.deployment.environment.image
        = QStringLiteral("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest");
    spec.deployment.environment.condaFile = conda;
    DeploymentSupervisor *supervisor = makeSupervisor(spec);
    QSignalSpy warnings(supervisor, &DeploymentSupervisor::warning);
    QSignalSpy finished(supervisor, &DeploymentSupervisor::provisioningFinished);
    supervisor->start();
    QTRY_COMPARE_WITH_TIMEOUT(warnings.count(), 2, 30000);
    const QString first = warnings.at(0).at(0).toString();
    QCOMPARE(first,
        QStringLiteral("conda file lists definitely-not-installed-pkg but %1 cannot import "
                       "definitely_not_installed_pkg; install it (e.g. %2) or set local_python")
            .arg(m_python,
                m_python.startsWith(QLatin1String("/usr/bin/"))
                    ? QStringLiteral("apt install python3-definitely-not-installed-pkg")
                    : m_python + QStringLiteral(" -m pip install definitely-not-installed-pkg")));
    QVERIFY(warnings.at(1).at(0).toString().contains(QStringLiteral("json5_but_not_really_there")));
    QCOMPARE(supervisor->warnings().size(), 2);
    // A warning, not a failure: the instance still serves.
    QVERIFY(waitProvisioned(supervisor, finished, true));
    // ... and the log says it too, with the note about the inference server.
    const QString tail = supervisor->logTail(100);
    QVERIFY2(tail.contains(QStringLiteral(
                 "rolloutd: warning: conda file lists definitely-not-installed-pkg")),
        qPrintable(tail));
    QVERIFY(tail.contains(QStringLiteral("azureml-inference-server-http: not needed locally")));
    QVERIFY(!tail.contains(QStringLiteral("cannot import python")));
    stopAndCheck(supervisor);
}

void TestDeploymentSupervisor::localCommandDeployment()
{
    DeploymentRunSpec spec = makeSpec(scoreAnswering("unused"), QStringLiteral("v1"), 1);
    writeFile(spec.codeDir + QStringLiteral("/server.py"),
        "import http.server, os\n"
        "class Handler(http.server.BaseHTTPRequestHandler):\n"
        "    def do_GET(self):\n"
        "        code = 200 if self.path == '/health/ready' else 404\n"
        "        self.send_response(code)\n"
        "        self.send_header('Content-Length', '0')\n"
        "        self.end_headers()\n"
        "    def log_message(self, *args):\n"
        "        pass\n"
        "http.server.HTTPServer(('127.0.0.1', int(os.environ['PORT'])), "
        "Handler).serve_forever()\n");
    spec.deployment.codeConfiguration.reset();
    spec.deployment.localCommand = { m_python, QStringLiteral("server.py") };
    spec.deployment.environment.kind = AssetKind::Inline;
    InferenceConfig routes;
    routes.livenessRoute = InferenceRoute { 5001, QStringLiteral("/health/ready") };
    routes.readinessRoute = InferenceRoute { 5001, QStringLiteral("/health/ready") };
    routes.scoringRoute = InferenceRoute { 5001, QStringLiteral("/predict") };
    spec.deployment.environment.inferenceConfig = routes;
    DeploymentSupervisor *supervisor = makeSupervisor(spec);
    QCOMPARE(supervisor->scoringPath(), QStringLiteral("/predict"));
    QSignalSpy finished(supervisor, &DeploymentSupervisor::provisioningFinished);
    supervisor->start();
    QVERIFY(waitProvisioned(supervisor, finished, true)); // only /health/ready answers 200
    QCOMPARE(supervisor->readyPorts().size(), 1);
    stopAndCheck(supervisor);
}

void TestDeploymentSupervisor::environmentHoldsOnlyWhatInstancesNeed()
{
    qputenv("ROLLOUTDESK_TEST_SECRET", "hunter2");
    DeploymentRunSpec spec = makeSpec(scoreAnswering("v1"), QStringLiteral("v1"), 1);
    spec.deployment.requestSettings.maxConcurrentRequestsPerInstance = 4;
    spec.deployment.environmentVariables.insert(QStringLiteral("MY_SETTING"), QStringLiteral("on"));
    spec.deployment.environmentVariables.insert(
        QStringLiteral("AZUREML_MODEL_DIR"), QStringLiteral("/elsewhere"));
    const QProcessEnvironment environment = DeploymentSupervisor::instanceEnvironment(spec);
    qunsetenv("ROLLOUTDESK_TEST_SECRET");
    QVERIFY(!environment.contains(QStringLiteral("ROLLOUTDESK_TEST_SECRET")));
    QVERIFY(!environment.contains(QStringLiteral("QT_QPA_PLATFORM")));
    QCOMPARE(environment.value(QStringLiteral("WORKER_COUNT")), QStringLiteral("4"));
    QCOMPARE(environment.value(QStringLiteral("MY_SETTING")), QStringLiteral("on"));
    QCOMPARE(
        environment.value(QStringLiteral("AZUREML_MODEL_DIR")), spec.modelDir); // the snapshot wins
    QCOMPARE(environment.value(QStringLiteral("AZUREML_ENTRY_SCRIPT")), QStringLiteral("score.py"));
    QCOMPARE(environment.value(QStringLiteral("PYTHONUNBUFFERED")), QStringLiteral("1"));
    QVERIFY(environment.contains(QStringLiteral("PATH")));

    const Result<InstanceSpec> instance = DeploymentSupervisor::instanceSpec(spec, m_python);
    QVERIFY(instance.ok());
    QCOMPARE(instance->program, m_python);
    QVERIFY(instance->arguments.contains(QStringLiteral("{port}")));
    QCOMPARE(instance->workingDir, spec.codeDir);

    spec.deployment.codeConfiguration->scoringScript = QStringLiteral("missing.py");
    const Result<InstanceSpec> bad = DeploymentSupervisor::instanceSpec(spec, m_python);
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.contains(QStringLiteral("code_configuration.scoring_script")));
}

void TestDeploymentSupervisor::stopEndsEverything()
{
    DeploymentSupervisor *supervisor
        = makeSupervisor(makeSpec(scoreAnswering("v1"), QStringLiteral("v1"), 2));
    QSignalSpy finished(supervisor, &DeploymentSupervisor::provisioningFinished);
    supervisor->start();
    QVERIFY(waitProvisioned(supervisor, finished, true));
    QSignalSpy ports(supervisor, &DeploymentSupervisor::readyPortsChanged);
    stopAndCheck(supervisor);
    QVERIFY(!ports.isEmpty());
    QVERIFY(ports.last().at(0).value<QList<quint16>>().isEmpty());
}

QTEST_GUILESS_MAIN(TestDeploymentSupervisor)
#include "tst_deploymentsupervisor.moc"

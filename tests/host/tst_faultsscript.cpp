// Scoring scripts that misbehave, each a deployment beside a good one on the same endpoint
// of a real rolloutd: run() that hangs, run() that leaks memory, a script that writes to
// stdout in a loop, init() that exits. The host stays responsive (the control API answers
// at once), the deployment shows why (its answer, state or log), and the good deployment
// keeps answering.

#include "faultsupport.h"
#include "hostfixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kEndpoint = QStringLiteral("misbehave");
constexpr int kMemoryLimitMb = 512;
// The host answers a read at once even while an instance misbehaves: well under a second
// on a loaded CI machine.
constexpr qint64 kResponsiveMs = 1500;

QByteArray why(const ApiResult &r) { return r.error ? r.error->message.toUtf8() : QByteArray(); }

QString localError(const ApiResult &deployment)
{
    return deployment.json.value(QStringLiteral("properties"))
        .toObject()
        .value(QStringLiteral("localError"))
        .toString();
}

} // namespace

class TestFaultsScript : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void hangInRunTimesOut();
    void leakIsBoundedAndRestarted();
    void stdoutFloodIsCapped();
    void exitInInitFailsWithReason();

private:
    // The control API answers quickly and the good deployment serves.
    void checkHostAndNeighbour();
    ApiResult create(const QString &name, const QByteArray &script, int timeoutMs = 5000);

    HostFixture m_host;
    QTemporaryDir m_dir;
    QString m_current; // the misbehaving deployment of the running test function
};

void TestFaultsScript::initTestCase()
{
    qputenv("ROLLOUTDESK_INSTANCE_MEMORY_MB", QByteArray::number(kMemoryLimitMb));
    QString error;
    QVERIFY2(m_host.start(&error), qPrintable(error));
    QVERIFY(m_host.createEndpoint(kEndpoint).ok());
    QVERIFY(create(QStringLiteral("good"),
        "def init():\n    pass\n"
        "def run(raw_data):\n    return {\"good\": True}\n")
                .ok());
    QVERIFY(
        HostFixture::wait(m_host.client()->updateTraffic(kEndpoint,
                              TrafficMap { { QStringLiteral("good"), 100 } }, std::nullopt, true))
            .ok());
}

void TestFaultsScript::init() { m_current.clear(); }

void TestFaultsScript::cleanup()
{
    // The misbehaving deployment goes, so that the next test runs on a quiet machine.
    if (!m_current.isEmpty())
        HostFixture::wait(m_host.client()->deleteDeployment(kEndpoint, m_current, true));
}

ApiResult TestFaultsScript::create(const QString &name, const QByteArray &script, int timeoutMs)
{
    Deployment d = FaultSupport::scriptDeployment(
        name, FaultSupport::writeScoringScript(m_dir.path(), name, script));
    d.requestSettings.requestTimeoutMs = timeoutMs;
    if (name != QLatin1String("good"))
        m_current = name;
    return HostFixture::wait(m_host.client()->putDeployment(kEndpoint, d, true));
}

void TestFaultsScript::checkHostAndNeighbour()
{
    for (int i = 0; i < 3; ++i) {
        QElapsedTimer clock;
        clock.start();
        const ApiResult endpoint
            = HostFixture::wait(m_host.client()->getEndpoint(kEndpoint), 10000);
        QVERIFY2(endpoint.ok(), why(endpoint).constData());
        QVERIFY2(clock.elapsed() < kResponsiveMs,
            qPrintable(QStringLiteral("the control API took %1 ms").arg(clock.elapsed())));
    }
    const ApiResult scored = m_host.score(kEndpoint, "{}");
    QCOMPARE(scored.httpStatus, 200);
    QCOMPARE(scored.header("azureml-model-deployment"), QByteArray("good"));
}

void TestFaultsScript::hangInRunTimesOut()
{
    const ApiResult created = create(QStringLiteral("hang"),
        "import time\ndef init():\n    pass\ndef run(raw_data):\n    time.sleep(600)\n", 1500);
    QVERIFY2(created.ok(), why(created).constData());
    for (int i = 0; i < 2; ++i) {
        const ApiResult answer = m_host.score(kEndpoint, "{}", QStringLiteral("hang"));
        QCOMPARE(answer.httpStatus, 408);
        QVERIFY2(answer.body.contains("'hang' did not answer within request_timeout_ms (1500 ms)"),
            answer.body.constData());
        checkHostAndNeighbour();
    }
}

void TestFaultsScript::leakIsBoundedAndRestarted()
{
    const ApiResult created = create(QStringLiteral("leak"),
        "LEAK = []\ndef init():\n    pass\ndef run(raw_data):\n"
        "    LEAK.append(bytearray(64 * 1024 * 1024))\n"
        "    return {\"held_mb\": 64 * len(LEAK)}\n");
    QVERIFY2(created.ok(), why(created).constData());
    const QList<InstanceRecord> before
        = FaultSupport::recordedInstances(m_host.stateDir(), kEndpoint, QStringLiteral("leak"));
    QCOMPARE(before.size(), 1);
    // 64 MB a request: the limit ends it after at most 512 / 64 requests.
    int served = 0;
    int status = 200;
    while (status == 200 && served <= kMemoryLimitMb / 64) {
        status = m_host.score(kEndpoint, "{}", QStringLiteral("leak")).httpStatus;
        served += status == 200 ? 1 : 0;
    }
    QVERIFY2(status != 200, "the leak was never stopped");
    QVERIFY(served >= 1);
    checkHostAndNeighbour();
    // The log says why, and the instance comes back with its memory given back.
    QTRY_VERIFY_WITH_TIMEOUT(
        HostFixture::wait(m_host.client()->getLogs(kEndpoint, QStringLiteral("leak"), 100))
            .body.contains("out of memory in run() (memory limit 512 MB)"),
        10000);
    QList<InstanceRecord> after;
    QTRY_VERIFY_WITH_TIMEOUT((after = FaultSupport::recordedInstances(
                                  m_host.stateDir(), kEndpoint, QStringLiteral("leak")),
                                 after.size() == 1 && after.first().pid != before.first().pid),
        15000);
    // Back in routing once the host saw it ready (503 until then: no instance to take it).
    // Polled by hand: QTRY_* would send the leaking request again to report it.
    ApiResult again;
    QDeadlineTimer deadline(15000);
    while ((again = m_host.score(kEndpoint, "{}", QStringLiteral("leak"))).httpStatus == 503
        && !deadline.hasExpired())
        QTest::qWait(100);
    QCOMPARE(again.httpStatus, 200);
    QCOMPARE(again.json.value(QStringLiteral("held_mb")).toInt(), 64);
    QCOMPARE(FaultSupport::provisioningState(m_host, kEndpoint, QStringLiteral("leak")),
        QStringLiteral("Succeeded"));
}

void TestFaultsScript::stdoutFloodIsCapped()
{
    const ApiResult created = create(QStringLiteral("chatty"),
        "import threading\n"
        "def spam():\n"
        "    n = 0\n"
        "    while True:\n"
        "        n += 1\n"
        "        print(f\"chatter line {n} \" + \"x\" * 200, flush=True)\n"
        "def init():\n"
        "    threading.Thread(target=spam, daemon=True).start()\n"
        "def run(raw_data):\n"
        "    return {\"ok\": True}\n");
    QVERIFY2(created.ok(), why(created).constData());
    const QString logDir
        = m_host.stateDir() + QStringLiteral("/logs/") + kEndpoint + QStringLiteral("/chatty");
    // The log rotates at its cap (2 MB) instead of filling the disk.
    const auto logBytes = [&](bool *rotated) {
        qint64 total = 0;
        QDirIterator it(logDir, QDir::Files);
        while (it.hasNext()) {
            const QFileInfo file(it.next());
            total += file.size();
            *rotated = *rotated || file.fileName().endsWith(QLatin1String(".1"));
        }
        return total;
    };
    bool rotated = false;
    QTRY_VERIFY_WITH_TIMEOUT((logBytes(&rotated), rotated), 30000);
    checkHostAndNeighbour();
    QCOMPARE(m_host.score(kEndpoint, "{}", QStringLiteral("chatty")).httpStatus, 200);
    rotated = false;
    const qint64 total = logBytes(&rotated);
    QVERIFY2(total <= 2 * (2 * 1024 * 1024) + 256 * 1024,
        qPrintable(QStringLiteral("%1 bytes of logs").arg(total)));
    QVERIFY(HostFixture::wait(m_host.client()->getLogs(kEndpoint, QStringLiteral("chatty"), 20))
                .body.contains("chatter line"));
}

void TestFaultsScript::exitInInitFailsWithReason()
{
    const ApiResult created = create(QStringLiteral("quitter"),
        "import sys\ndef init():\n"
        "    print(\"init: the model file is missing, giving up\", flush=True)\n"
        "    sys.exit(3)\n"
        "def run(raw_data):\n    return {}\n");
    QVERIFY(!created.ok());
    QVERIFY2(why(created).contains("giving up"), why(created).constData());
    const ApiResult deployment
        = HostFixture::wait(m_host.client()->getDeployment(kEndpoint, QStringLiteral("quitter")));
    QCOMPARE(deployment.json.value(QStringLiteral("properties"))
                 .toObject()
                 .value(QStringLiteral("provisioningState"))
                 .toString(),
        QStringLiteral("Failed"));
    QVERIFY2(localError(deployment).contains(QLatin1String("exited with code 3")),
        qPrintable(localError(deployment)));
    QVERIFY(localError(deployment).contains(QLatin1String("giving up")));
    checkHostAndNeighbour();
}

QTEST_GUILESS_MAIN(TestFaultsScript)
#include "tst_faultsscript.moc"

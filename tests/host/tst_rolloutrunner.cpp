// Guarded rollouts end to end on a real rolloutd with the demo: blue (the baseline) and
// candidates that are healthy (the demo's green), fail one request in five, or answer
// slowly, under steady client load from the load generator. The runner promotes the
// healthy one, reverts the failing one at its first step naming the error-rate guard with
// its numbers, pauses on the slow one when told to, holds when requests are too few,
// aborts back to the split from before the plan, and a runner killed mid-step (the real
// rolloutctl) leaves a valid split that `rolloutctl rollout status` reports. Client
// requests never fail because of the plan's own traffic moves.

#include "hostfixture.h"
#include "loadgenerator.h"
#include "rolloutplan.h"
#include "rolloutrunner.h"
#include "rolloutstate.h"
#include "rules.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString TestEndpoint = QStringLiteral("guarded");

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

// Each step bakes 2 s; guards need 15 requests of each side.
QByteArray planYaml(const QString &candidate, const QByteArray &steps, const QByteArray &guards,
    const QByteArray &onFailure = "revert")
{
    return "endpoint: " + TestEndpoint.toUtf8() + "\ncandidate: " + candidate.toUtf8()
        + "\nbaseline: blue\nsteps:\n" + steps + "guards:\n" + guards + "on_failure: " + onFailure
        + "\n";
}

const QByteArray ThreeSteps
    = "  - {traffic: 10, bake_seconds: 2}\n  - {traffic: 50, bake_seconds: 2}\n"
      "  - {traffic: 100, bake_seconds: 2}\n";

} // namespace

class TestRolloutRunner : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void healthyGreenPromotes();
    void failingGreenRevertsAtFirstStep();
    void slowGreenPausesThenAbortRestores();
    void tooFewRequestsHolds();
    void abortFromAnotherProcessRestoresOriginalSplit();
    void killedRunnerLeavesKnownSplit();
    void probeTrafficJudgesQuietEndpoint();

private:
    bool addCandidate(const QString &name, const QByteArray &script);
    RolloutPlan parsePlan(const QByteArray &yaml);
    TrafficMap traffic();
    bool setTraffic(const TrafficMap &map);
    void startLoad();
    LoadProgress stopLoad();
    QString rolloutctl(const QStringList &args, int *exitCode, QProcess *detached = nullptr);

    HostFixture m_host;
    QTemporaryDir m_dir;
    QByteArray m_request;
    LoadGenerator m_load;
};

void TestRolloutRunner::initTestCase()
{
    QString error;
    QVERIFY2(m_host.start(&error), qPrintable(error));
    m_request = readFile(HostFixture::demoDir() + QStringLiteral("/sample-request.json"));
    QVERIFY(!m_request.isEmpty());
    QVERIFY(writeFile(m_dir.filePath(QStringLiteral("request.json")), m_request));
    QVERIFY(m_host.createEndpoint(TestEndpoint).ok());
    // One request at a time per instance is Azure's default: the load sends 8 at once.
    const QStringList concurrency
        = { QStringLiteral("request_settings.max_concurrent_requests_per_instance=16") };
    const QString demo = HostFixture::demoDir();
    ApiResult r = m_host.createDeployment(TestEndpoint,
        demo + QStringLiteral("/blue-deployment.yml"), QStringLiteral("blue"), concurrency);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error->message));
    r = m_host.createDeployment(TestEndpoint, demo + QStringLiteral("/green-deployment.yml"),
        QStringLiteral("green"), concurrency);
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error->message));
    QVERIFY(addCandidate(QStringLiteral("flaky"),
        "import threading\n_lock = threading.Lock()\n_count = 0\n\ndef init():\n    pass\n\n"
        "def run(raw):\n    global _count\n    with _lock:\n        _count += 1\n        n = "
        "_count\n"
        "    if n % 5 == 0:\n        raise RuntimeError('flaky model: every fifth request fails')\n"
        "    return [0.5]\n"));
    QVERIFY(addCandidate(QStringLiteral("slow"),
        "import time\n\ndef init():\n    pass\n\ndef run(raw):\n    time.sleep(0.05)\n"
        "    return [0.5]\n"));
}

bool TestRolloutRunner::addCandidate(const QString &name, const QByteArray &script)
{
    QDir dir(m_dir.filePath(name));
    dir.mkpath(QStringLiteral("code"));
    dir.mkpath(QStringLiteral("model"));
    if (!writeFile(dir.filePath(QStringLiteral("code/score.py")), script))
        return false;
    const QString yaml = dir.filePath(QStringLiteral("deployment.yml"));
    writeFile(yaml,
        "model:\n  path: ./model\ncode_configuration:\n  code: ./code\n  scoring_script: score.py\n"
        "environment:\n  image: python:3.11\ninstance_type: Standard_DS3_v2\ninstance_count: 1\n"
        "request_settings:\n  max_concurrent_requests_per_instance: 16\n");
    const ApiResult r = m_host.createDeployment(TestEndpoint, yaml, name);
    if (!r.ok())
        qWarning("%s", qPrintable(r.error->message));
    return r.ok();
}

void TestRolloutRunner::init()
{
    QVERIFY(setTraffic({ { QStringLiteral("blue"), 100 } }));
    QFile::remove(RolloutStateFile::path(m_host.stateDir(), TestEndpoint));
}

void TestRolloutRunner::cleanup()
{
    if (m_load.isRunning())
        stopLoad();
}

RolloutPlan TestRolloutRunner::parsePlan(const QByteArray &yaml)
{
    const QString path = m_dir.filePath(QStringLiteral("plan.yml"));
    writeFile(path, yaml);
    Result<RolloutPlan> plan = RolloutPlanFile::load(path);
    if (!plan)
        qFatal("bad test plan: %s", qPrintable(plan.error().toString()));
    return plan.value();
}

TrafficMap TestRolloutRunner::traffic()
{
    const ApiResult e = HostFixture::wait(m_host.client()->getEndpoint(TestEndpoint));
    TrafficMap map;
    const QJsonObject t = e.json.value(QStringLiteral("properties"))
                              .toObject()
                              .value(QStringLiteral("traffic"))
                              .toObject();
    for (auto it = t.begin(); it != t.end(); ++it) {
        if (it.value().toInt() > 0)
            map.insert(it.key(), it.value().toInt());
    }
    return map;
}

bool TestRolloutRunner::setTraffic(const TrafficMap &map)
{
    return HostFixture::wait(m_host.client()->updateTraffic(TestEndpoint, map, TrafficMap(), true))
        .ok();
}

void TestRolloutRunner::startLoad()
{
    const auto [key, uri] = m_host.keyAndUri(TestEndpoint);
    LoadSettings s;
    s.scoringUri = QUrl(uri);
    s.credential = key;
    s.body = m_request;
    s.ratePerSecond = 100;
    s.concurrency = 8;
    s.durationMs = 120000;
    QVERIFY(m_load.start(s).ok());
}

LoadProgress TestRolloutRunner::stopLoad()
{
    QSignalSpy done(&m_load, &LoadGenerator::finished);
    m_load.stop();
    if (done.isEmpty())
        done.wait(10000);
    return done.isEmpty() ? LoadProgress() : done.first().first().value<LoadProgress>();
}

QString TestRolloutRunner::rolloutctl(const QStringList &args, int *exitCode, QProcess *detached)
{
    QProcess local;
    QProcess *p = detached ? detached : &local;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ROLLOUTDESK_STATE_DIR"), m_host.stateDir());
    p->setProcessEnvironment(env);
    p->start(HostFixture::binary(QStringLiteral("rolloutctl")), args);
    if (detached)
        return QString();
    // Spins the event loop: a runner in this process keeps acting meanwhile.
    QSignalSpy finished(p, &QProcess::finished);
    if (!finished.wait(60000))
        return QStringLiteral("rolloutctl timed out");
    *exitCode = p->exitCode();
    return QString::fromUtf8(p->readAllStandardOutput() + p->readAllStandardError());
}

void TestRolloutRunner::healthyGreenPromotes()
{
    startLoad();
    RolloutRunner runner(m_host.client(), m_host.stateDir());
    QSignalSpy finished(&runner, &RolloutRunner::finished);
    QSignalSpy failed(&runner, &RolloutRunner::startFailed);
    runner.start(parsePlan(planYaml(QStringLiteral("green"), ThreeSteps,
        "  min_requests: 15\n  max_error_rate_increase: 2\n  max_p99_ratio: 20\n")));
    QVERIFY(finished.wait(60000));
    QVERIFY(failed.isEmpty());
    const LoadProgress load = stopLoad();
    const RolloutState &s = runner.state();
    QCOMPARE(s.phase, RolloutState::Phase::Completed);
    QCOMPARE(s.step, 2);
    QCOMPARE(s.evaluations.last().verdict, RolloutEvaluation::Verdict::Pass);
    int passes = 0;
    for (const RolloutEvaluation &e : s.evaluations)
        passes += e.verdict == RolloutEvaluation::Verdict::Pass ? 1 : 0;
    QCOMPARE(passes, 3);
    QCOMPARE(traffic(), (TrafficMap { { QStringLiteral("green"), 100 } }));
    // Zero failed client requests through three traffic moves, and both served.
    QVERIFY(load.sent > 500);
    QCOMPARE(load.failed, 0);
    QVERIFY(load.servedBy.value(QStringLiteral("green")) > 0);
    QVERIFY(load.servedBy.value(QStringLiteral("blue")) > 0);
    // The record on disk is what the runner had.
    const Result<RolloutState> onDisk = RolloutStateFile::read(m_host.stateDir(), TestEndpoint);
    QVERIFY(onDisk.ok());
    QCOMPARE(onDisk->phase, RolloutState::Phase::Completed);
    QCOMPARE(onDisk->evaluations.size(), s.evaluations.size());
}

void TestRolloutRunner::failingGreenRevertsAtFirstStep()
{
    startLoad();
    RolloutRunner runner(m_host.client(), m_host.stateDir());
    QSignalSpy finished(&runner, &RolloutRunner::finished);
    QStringList lines;
    connect(&runner, &RolloutRunner::reported, this, [&](const QString &line) { lines << line; });
    runner.start(parsePlan(planYaml(QStringLiteral("flaky"), ThreeSteps,
        "  min_requests: 15\n  max_error_rate_increase: 5\n")));
    QVERIFY(finished.wait(60000));
    const LoadProgress load = stopLoad();
    const RolloutState &s = runner.state();
    QCOMPARE(s.phase, RolloutState::Phase::RolledBack);
    QCOMPARE(s.step, 0);
    QCOMPARE(traffic(), (TrafficMap { { QStringLiteral("blue"), 100 } }));
    const RolloutEvaluation &e = s.evaluations.last();
    QCOMPARE(e.verdict, RolloutEvaluation::Verdict::Fail);
    QCOMPARE(e.checks.size(), 1);
    QCOMPARE(e.checks[0].name, QStringLiteral("max_error_rate_increase"));
    QCOMPARE(e.checks[0].limit, 5.0);
    QVERIFY2(e.checks[0].measured > 10 && e.checks[0].measured < 30,
        qPrintable(QString::number(e.checks[0].measured)));
    QVERIFY(e.candidate.requests >= 15);
    QVERIFY(e.candidate.errors > 0);
    const QString text = lines.join(QLatin1Char('\n'));
    QVERIFY2(text.contains(QStringLiteral("[FAIL] max_error_rate_increase: error rate flaky ")),
        qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("rolled back to blue=100")), qPrintable(text));
    // The only failed requests are the flaky model's own errors (424, as Azure answers a
    // failing run()): none refused, cut or unanswered.
    QVERIFY(load.failed > 0);
    QCOMPARE(load.failed, load.statusCounts.value(424));
    QCOMPARE(load.statusCounts.keys(), (QList<int> { 200, 424 }));
}

void TestRolloutRunner::slowGreenPausesThenAbortRestores()
{
    startLoad();
    RolloutRunner runner(m_host.client(), m_host.stateDir());
    QSignalSpy finished(&runner, &RolloutRunner::finished);
    runner.start(parsePlan(planYaml(
        QStringLiteral("slow"), ThreeSteps, "  min_requests: 15\n  max_p99_ratio: 3\n", "pause")));
    QTRY_COMPARE_WITH_TIMEOUT(runner.state().phase, RolloutState::Phase::Paused, 30000);
    QVERIFY(finished.isEmpty());
    QCOMPARE(runner.state().step, 0);
    const RolloutEvaluation &e = runner.state().evaluations.last();
    QCOMPARE(e.verdict, RolloutEvaluation::Verdict::Fail);
    QCOMPARE(e.checks[0].name, QStringLiteral("max_p99_ratio"));
    QVERIFY2(e.checks[0].measured > 3, qPrintable(e.checks[0].detail));
    QVERIFY(e.candidate.p99Ms >= 50); // it sleeps 50 ms
    // Paused: the failing split stays until a person decides.
    QCOMPARE(
        traffic(), (TrafficMap { { QStringLiteral("blue"), 90 }, { QStringLiteral("slow"), 10 } }));
    QVERIFY(runner.request(QStringLiteral("abort")).ok());
    QVERIFY(finished.wait(20000));
    const LoadProgress load = stopLoad();
    QCOMPARE(runner.state().phase, RolloutState::Phase::Aborted);
    QCOMPARE(traffic(), (TrafficMap { { QStringLiteral("blue"), 100 } }));
    QCOMPARE(load.failed, 0);
}

void TestRolloutRunner::tooFewRequestsHolds()
{
    // No load at all: nothing to judge.
    RolloutRunner runner(m_host.client(), m_host.stateDir());
    runner.start(parsePlan(planYaml(QStringLiteral("green"), "  - {traffic: 10, bake_seconds: 1}\n",
        "  min_requests: 50\n  max_error_rate: 1\n")));
    QTRY_COMPARE_WITH_TIMEOUT(runner.state().phase, RolloutState::Phase::Holding, 15000);
    const RolloutEvaluation &e = runner.state().evaluations.last();
    QCOMPARE(e.verdict, RolloutEvaluation::Verdict::Hold);
    QCOMPARE(e.missingRequests, 50);
    QVERIFY2(runner.state().message.contains(
                 QStringLiteral("green has 0 of the 50 requests needed (50 missing)")),
        qPrintable(runner.state().message));
    QCOMPARE(traffic(),
        (TrafficMap { { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } }));
    // A few requests later it says how many are still missing.
    for (int i = 0; i < 30; ++i)
        QVERIFY(m_host.score(TestEndpoint, m_request, QStringLiteral("green")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(runner.state().evaluations.last().missingRequests == 20, 10000);
    QVERIFY2(runner.state().message.contains(QStringLiteral("(20 missing)")),
        qPrintable(runner.state().message));
    QSignalSpy finished(&runner, &RolloutRunner::finished);
    QVERIFY(runner.request(QStringLiteral("abort")).ok());
    QVERIFY(finished.wait(20000));
    QCOMPARE(traffic(), (TrafficMap { { QStringLiteral("blue"), 100 } }));
}

void TestRolloutRunner::abortFromAnotherProcessRestoresOriginalSplit()
{
    // A split that is not 100/0, and a mirror: both come back exactly.
    QVERIFY(HostFixture::wait(
        m_host.client()->updateTraffic(TestEndpoint,
            TrafficMap { { QStringLiteral("blue"), 80 }, { QStringLiteral("flaky"), 20 } },
            TrafficMap { { QStringLiteral("slow"), 5 } }, true))
                .ok());
    RolloutRunner runner(m_host.client(), m_host.stateDir());
    QSignalSpy finished(&runner, &RolloutRunner::finished);
    const RolloutPlan plan = parsePlan(planYaml(QStringLiteral("green"),
        "  - {traffic: 30, bake_seconds: 60}\n  - {traffic: 80, bake_seconds: 60}\n",
        "  max_error_rate: 1\n"));
    runner.start(plan);
    QTRY_COMPARE_WITH_TIMEOUT(runner.state().phase, RolloutState::Phase::Baking, 15000);
    // blue takes what the others leave; flaky keeps its 20 %, the mirror stays.
    QCOMPARE(traffic(),
        (TrafficMap { { QStringLiteral("blue"), 50 }, { QStringLiteral("flaky"), 20 },
            { QStringLiteral("green"), 30 } }));
    int code = -1;
    const QString out = rolloutctl({ QStringLiteral("rollout"), QStringLiteral("abort"),
                                       QStringLiteral("-f"), plan.sourceFile },
        &code);
    QCOMPARE(code, 0);
    QVERIFY2(out.contains(QStringLiteral("aborted")), qPrintable(out));
    QVERIFY(!finished.isEmpty() || finished.wait(10000));
    QCOMPARE(runner.state().phase, RolloutState::Phase::Aborted);
    QCOMPARE(traffic(),
        (TrafficMap { { QStringLiteral("blue"), 80 }, { QStringLiteral("flaky"), 20 } }));
    const ApiResult e = HostFixture::wait(m_host.client()->getEndpoint(TestEndpoint));
    QCOMPARE(e.json.value(QStringLiteral("properties"))
                 .toObject()
                 .value(QStringLiteral("mirrorTraffic"))
                 .toObject()
                 .value(QStringLiteral("slow"))
                 .toInt(),
        5);
}

void TestRolloutRunner::killedRunnerLeavesKnownSplit()
{
    const QString plan = m_dir.filePath(QStringLiteral("killed.yml"));
    QVERIFY(writeFile(plan,
        planYaml(QStringLiteral("green"),
            "  - {traffic: 10, bake_seconds: 120}\n  - {traffic: 100, bake_seconds: 120}\n",
            "  max_error_rate_increase: 1\n")));
    QProcess runner;
    int code = -1;
    rolloutctl({ QStringLiteral("rollout"), QStringLiteral("start"), QStringLiteral("-f"), plan },
        &code, &runner);
    QVERIFY(runner.waitForStarted(10000));
    auto phase = [this]() {
        const Result<RolloutState> s = RolloutStateFile::read(m_host.stateDir(), TestEndpoint);
        return s ? RolloutState::phaseName(s->phase) : QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(phase(), QStringLiteral("baking"), 20000);
    runner.kill(); // as a crash would
    QVERIFY(runner.waitForFinished(10000));

    const QString out = rolloutctl(
        { QStringLiteral("rollout"), QStringLiteral("status"), QStringLiteral("-f"), plan }, &code);
    QCOMPARE(code, 0);
    QVERIFY2(out.contains(QStringLiteral("baking at step 1/2 (10 %)")), qPrintable(out));
    QVERIFY2(
        out.contains(QStringLiteral("endpoint traffic now: blue=90 green=10")), qPrintable(out));
    QVERIFY2(out.contains(QStringLiteral("runner: not running")), qPrintable(out));
    QCOMPARE(traffic(),
        (TrafficMap { { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } }));
    // A new plan is refused while this one is unfinished; abort takes it over.
    const QString refused = rolloutctl(
        { QStringLiteral("rollout"), QStringLiteral("start"), QStringLiteral("-f"), plan }, &code);
    QCOMPARE(code, 1);
    QVERIFY2(refused.contains(QStringLiteral("before starting another")), qPrintable(refused));
    const QString aborted = rolloutctl(
        { QStringLiteral("rollout"), QStringLiteral("abort"), QStringLiteral("-f"), plan }, &code);
    QCOMPARE(code, 0);
    QVERIFY2(aborted.contains(QStringLiteral("aborted by request")), qPrintable(aborted));
    QCOMPARE(traffic(), (TrafficMap { { QStringLiteral("blue"), 100 } }));
}

void TestRolloutRunner::probeTrafficJudgesQuietEndpoint()
{
    // No client load: the plan's own probe makes the requests it judges, on the mirror
    // step (straight to the candidate and through the endpoint) and on the live step.
    RolloutRunner runner(m_host.client(), m_host.stateDir());
    QSignalSpy finished(&runner, &RolloutRunner::finished);
    QList<TrafficMap> mirrors;
    connect(&runner, &RolloutRunner::stateChanged, this, [&](const RolloutState &s) {
        if (s.phase == RolloutState::Phase::Baking)
            mirrors << Rules::withoutZeros(s.appliedMirror);
    });
    runner.start(parsePlan(planYaml(QStringLiteral("green"), "  - {traffic: 50, bake_seconds: 2}\n",
                               "  min_requests: 10\n  max_error_rate_increase: 1\n")
        + "mirror:\n  percent: 10\n  bake_seconds: 2\nprobe:\n  request_file: request.json\n"
          "  rate: 30\n"));
    QVERIFY(finished.wait(30000));
    const RolloutState &s = runner.state();
    QCOMPARE(s.phase, RolloutState::Phase::Completed);
    QCOMPARE(mirrors,
        (QList<TrafficMap> { TrafficMap { { QStringLiteral("green"), 10 } }, TrafficMap() }));
    QCOMPARE(s.evaluations.size(), 2);
    for (const RolloutEvaluation &e : s.evaluations) {
        QCOMPARE(e.verdict, RolloutEvaluation::Verdict::Pass);
        QVERIFY(e.candidate.requests >= 10);
        QVERIFY(e.baseline.requests >= 10);
        QCOMPARE(e.candidate.errors, 0);
    }
    QCOMPARE(s.evaluations[0].step, 0);
    QCOMPARE(traffic(),
        (TrafficMap { { QStringLiteral("blue"), 50 }, { QStringLiteral("green"), 50 } }));
}

QTEST_GUILESS_MAIN(TestRolloutRunner)
#include "tst_rolloutrunner.moc"

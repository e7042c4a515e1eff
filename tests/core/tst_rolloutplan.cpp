// The rollout plan file: a full plan reads into every field; each kind of bad input is an
// error that names the field, points at its line and column and says how to fix it.

#include "rolloutplan.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestRolloutPlan : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void fullPlan();
    void defaults();
    void badInput_data();
    void badInput();
    void missingFile();

private:
    QTemporaryDir m_dir;
};

void TestRolloutPlan::initTestCase()
{
    QFile request(m_dir.path() + QStringLiteral("/request.json"));
    QVERIFY(request.open(QIODevice::WriteOnly));
    request.write("{\"data\": [[1,2,3,4,5,6,7,8,9,10]]}");
}

void TestRolloutPlan::fullPlan()
{
    QFile file(m_dir.path() + QStringLiteral("/plan.yml"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("endpoint: demo\ncandidate: green\nbaseline: blue\n"
               "mirror:\n  percent: 10\n  bake_seconds: 30\n"
               "steps:\n  - traffic: 1\n    bake_seconds: 60\n  - {traffic: 25, bake_seconds: 0}\n"
               "  - traffic: 100\n    bake_seconds: 120\n"
               "guards:\n  min_requests: 50\n  max_error_rate_increase: 0.5\n"
               "  max_p95_ratio: 1.5\n  max_p99_ratio: 2\n  max_error_rate: 5\n"
               "  max_p95_ms: 300\n  max_p99_ms: 800.5\n"
               "on_failure: pause\nprobe:\n  request_file: request.json\n  rate: 2.5\n");
    file.close();
    const Result<RolloutPlan> plan = RolloutPlanFile::load(file.fileName());
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
    QCOMPARE(plan->endpoint, QStringLiteral("demo"));
    QCOMPARE(plan->candidate, QStringLiteral("green"));
    QCOMPARE(plan->baseline, QStringLiteral("blue"));
    QCOMPARE(plan->sourceFile, QFileInfo(file.fileName()).absoluteFilePath());
    QCOMPARE(plan->steps.size(), 4);
    QVERIFY(plan->steps[0].mirror);
    QCOMPARE(plan->steps[0].percent, 10);
    QCOMPARE(plan->steps[0].bakeSeconds, 30);
    QVERIFY(!plan->steps[1].mirror);
    QCOMPARE(plan->steps[1].percent, 1);
    QCOMPARE(plan->steps[2].percent, 25);
    QCOMPARE(plan->steps[2].bakeSeconds, 0);
    QCOMPARE(plan->steps[3].percent, 100);
    QCOMPARE(plan->steps[3].bakeSeconds, 120);
    QCOMPARE(plan->guards.minRequests, 50);
    QCOMPARE(plan->guards.maxErrorRateIncrease.value_or(-1), 0.5);
    QCOMPARE(plan->guards.maxP95Ratio.value_or(-1), 1.5);
    QCOMPARE(plan->guards.maxP99Ratio.value_or(-1), 2.0);
    QCOMPARE(plan->guards.maxErrorRate.value_or(-1), 5.0);
    QCOMPARE(plan->guards.maxP95Ms.value_or(-1), 300.0);
    QCOMPARE(plan->guards.maxP99Ms.value_or(-1), 800.5);
    QCOMPARE(plan->onFailure, RolloutPlan::OnFailure::Pause);
    QVERIFY(plan->probe.has_value());
    QCOMPARE(plan->probe->requestFile,
        QDir(m_dir.path()).absoluteFilePath(QStringLiteral("request.json")));
    QCOMPARE(plan->probe->ratePerSecond, 2.5);
}

void TestRolloutPlan::defaults()
{
    const Result<RolloutPlan> plan = RolloutPlanFile::parse(
        "endpoint: demo\ncandidate: green\nbaseline: blue\n"
        "steps:\n  - traffic: 100\n    bake_seconds: 5\nguards:\n  max_error_rate: 1\n",
        m_dir.path());
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().toString()));
    QCOMPARE(plan->onFailure, RolloutPlan::OnFailure::Revert);
    QCOMPARE(plan->guards.minRequests, 20);
    QVERIFY(!plan->guards.maxP99Ratio);
    QVERIFY(!plan->probe);
    QCOMPARE(plan->steps.size(), 1);
}

void TestRolloutPlan::badInput_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("says");

    const QByteArray head = "endpoint: demo\ncandidate: green\nbaseline: blue\n";
    const QByteArray steps = "steps:\n  - traffic: 10\n    bake_seconds: 5\n";
    const QByteArray guards = "guards:\n  max_error_rate_increase: 1\n";
    // Lines: head is 1-3, steps 4-6, guards 7-8.
    QTest::newRow("syntax") << QByteArray("endpoint: [demo\n") << QString() << 0 << "syntax";
    QTest::newRow("empty") << QByteArray("\n") << QString() << 0 << "empty";
    QTest::newRow("not a map") << QByteArray("- a\n- b\n") << QString() << 0 << "mapping";
    QTest::newRow("unknown key") << head + steps + guards + "on_failur: revert\n"
                                 << "on_failur" << 9 << "Did you mean `on_failure`";
    QTest::newRow("no endpoint") << QByteArray("candidate: green\nbaseline: blue\n") + steps
            + guards << "endpoint"
                                 << 0 << "`endpoint` is missing";
    QTest::newRow("bad name") << QByteArray("endpoint: demo\ncandidate: 9green\nbaseline: blue\n")
            + steps + guards << "candidate"
                              << 2 << "candidate";
    QTest::newRow("same deployments")
        << QByteArray("endpoint: demo\ncandidate: blue\nbaseline: blue\n") + steps + guards
        << "baseline" << 3 << "must be another one";
    QTest::newRow("no steps") << head + guards << "steps" << 0 << "`steps` is missing";
    QTest::newRow("steps not a list")
        << head + "steps: 10\n" + guards << "steps" << 4 << "non-empty list";
    QTest::newRow("empty steps") << head + "steps: []\n" + guards << "steps" << 4
                                 << "non-empty list";
    QTest::newRow("traffic over 100")
        << head + "steps:\n  - traffic: 150\n    bake_seconds: 5\n" + guards << "steps[0].traffic"
        << 5 << "from 1 to 100";
    QTest::newRow("traffic text") << head + "steps:\n  - traffic: ten\n    bake_seconds: 5\n"
            + guards << "steps[0].traffic"
                                  << 5 << "integer";
    QTest::newRow("no traffic") << head + "steps:\n  - bake_seconds: 5\n" + guards
                                << "steps[0].traffic" << 0 << "has no `traffic`";
    QTest::newRow("not increasing") << head
            + "steps:\n  - traffic: 50\n    bake_seconds: 5\n  - traffic: 10\n    bake_seconds: 5\n"
            + guards << "steps[1].traffic"
                                    << 7 << "more traffic than the last";
    QTest::newRow("no bake") << head + "steps:\n  - traffic: 10\n" + guards
                             << "steps[0].bake_seconds" << 0 << "bake_seconds: 60";
    QTest::newRow("negative bake")
        << head + "steps:\n  - traffic: 10\n    bake_seconds: -1\n" + guards
        << "steps[0].bake_seconds" << 6 << "from 0 to";
    QTest::newRow("step unknown key")
        << head + "steps:\n  - traffic: 10\n    bake_second: 5\n" + guards << "steps[0].bake_second"
        << 6 << "Did you mean `bake_seconds`";
    QTest::newRow("mirror over 50")
        << head + "mirror:\n  percent: 60\n  bake_seconds: 5\n" + steps + guards << "mirror.percent"
        << 0 << "from 1 to 50";
    QTest::newRow("no guards") << head + steps << "guards" << 0 << "`guards` is missing";
    QTest::newRow("no limit") << head + steps + "guards:\n  min_requests: 10\n"
                              << "guards" << 0 << "sets no limit";
    QTest::newRow("ratio text") << head + steps + "guards:\n  max_p99_ratio: fast\n"
                                << "guards.max_p99_ratio" << 8 << "must be a number";
    QTest::newRow("negative points") << head + steps + "guards:\n  max_error_rate_increase: -1\n"
                                     << "guards.max_error_rate_increase" << 8 << "from 0 to 100";
    QTest::newRow("min requests zero")
        << head + steps + "guards:\n  min_requests: 0\n  max_error_rate: 1\n"
        << "guards.min_requests" << 8 << "from 1 to 1000000";
    QTest::newRow("on_failure") << head + steps + guards + "on_failure: retry\n"
                                << "on_failure" << 9 << "revert";
    QTest::newRow("probe file missing")
        << head + steps + guards + "probe:\n  request_file: nope.json\n"
        << "probe.request_file" << 10 << "no such file";
    QTest::newRow("probe rate") << head + steps + guards
            + "probe:\n  request_file: request.json\n  rate: 0\n"
                                << "probe.rate" << 11 << "from 0.1 to 1000";
}

void TestRolloutPlan::badInput()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, target);
    QFETCH(int, line);
    QFETCH(QString, says);
    const Result<RolloutPlan> plan
        = RolloutPlanFile::parse(yaml, m_dir.path(), QStringLiteral("plan.yml"));
    QVERIFY(!plan.ok());
    const Error &e = plan.error();
    QVERIFY2(e.message.contains(says, Qt::CaseInsensitive), qPrintable(e.message));
    if (!target.isEmpty())
        QCOMPARE(e.target, target);
    if (line > 0)
        QCOMPARE(e.line, line);
    QVERIFY2(e.message.size() > 30, qPrintable(e.message)); // says how to fix it, not just "bad"
}

void TestRolloutPlan::missingFile()
{
    const Result<RolloutPlan> plan
        = RolloutPlanFile::load(m_dir.path() + QStringLiteral("/none.yml"));
    QVERIFY(!plan.ok());
    QCOMPARE(plan.error().code, QStringLiteral("NotFound"));
    QVERIFY(plan.error().message.contains(QStringLiteral("--file")));
}

QTEST_APPLESS_MAIN(TestRolloutPlan)
#include "tst_rolloutplan.moc"

// The guards' verdicts: windows summed from per-second buckets, hold with the number of
// requests missing, each guard passing or failing with its measured value and limit.

#include "rolloutevaluation.h"

#include <QTest>

namespace {

MetricsBucket bucket(
    qint64 t, const QString &deployment, qint64 requests, qint64 ok, double p95, double p99)
{
    MetricsBucket b;
    b.t = t;
    b.deployment = deployment;
    b.requests = requests;
    b.status2xx = ok;
    b.status5xx = requests - ok;
    b.p95Ms = p95;
    b.p99Ms = p99;
    return b;
}

RolloutPlan plan()
{
    RolloutPlan p;
    p.endpoint = QStringLiteral("demo");
    p.candidate = QStringLiteral("green");
    p.baseline = QStringLiteral("blue");
    p.steps = { RolloutStep { 10, 5, false }, RolloutStep { 100, 5, false } };
    p.guards.minRequests = 20;
    p.guards.maxErrorRateIncrease = 2;
    p.guards.maxP99Ratio = 1.5;
    return p;
}

} // namespace

class TestRolloutEvaluation : public QObject
{
    Q_OBJECT
private slots:
    void windowSums();
    void verdicts_data();
    void verdicts();
    void jsonRoundTrip();
};

void TestRolloutEvaluation::windowSums()
{
    const WindowStats s = WindowStats::fromBuckets({ bucket(10, QStringLiteral("g"), 10, 9, 2, 4),
        bucket(11, QStringLiteral("g"), 30, 30, 4, 8),
        bucket(12, QStringLiteral("g"), 0, 0, 0, 0) });
    QCOMPARE(s.requests, 40);
    QCOMPARE(s.errors, 1);
    QCOMPARE(s.from, 10);
    QCOMPARE(s.to, 11);
    QCOMPARE(s.errorRate(), 2.5);
    QCOMPARE(s.p95Ms, (2.0 * 10 + 4.0 * 30) / 40);
    QCOMPARE(s.p99Ms, (4.0 * 10 + 8.0 * 30) / 40);
}

void TestRolloutEvaluation::verdicts_data()
{
    QTest::addColumn<qint64>("candidateRequests");
    QTest::addColumn<qint64>("candidateErrors");
    QTest::addColumn<double>("candidateP99");
    QTest::addColumn<qint64>("baselineRequests");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QStringList>("failed");
    QTest::addColumn<QString>("says");

    using V = RolloutEvaluation::Verdict;
    QTest::newRow("healthy") << qint64(100) << qint64(1) << 10.0 << qint64(900) << int(V::Pass)
                             << QStringList() << "pass";
    QTest::newRow("too few candidate") << qint64(12) << qint64(0) << 10.0 << qint64(900)
                                       << int(V::Hold) << QStringList() << "8 missing";
    QTest::newRow("too few baseline") << qint64(50) << qint64(0) << 10.0 << qint64(5)
                                      << int(V::Hold) << QStringList() << "15 missing";
    QTest::newRow("errors")
        << qint64(100) << qint64(20) << 10.0 << qint64(900) << int(V::Fail)
        << QStringList { QStringLiteral("max_error_rate_increase") }
        << "green 20.0 % (20/100) vs blue 0.0 % (0/900) = +20.0 points, limit 2.0";
    QTest::newRow("slow") << qint64(100) << qint64(0) << 30.0 << qint64(900) << int(V::Fail)
                          << QStringList { QStringLiteral("max_p99_ratio") }
                          << "ratio 3.00, limit 1.50";
    QTest::newRow("both") << qint64(100) << qint64(50) << 30.0 << qint64(900) << int(V::Fail)
                          << QStringList { QStringLiteral("max_error_rate_increase"),
                                 QStringLiteral("max_p99_ratio") }
                          << "fail: max_error_rate_increase, max_p99_ratio";
}

void TestRolloutEvaluation::verdicts()
{
    QFETCH(qint64, candidateRequests);
    QFETCH(qint64, candidateErrors);
    QFETCH(double, candidateP99);
    QFETCH(qint64, baselineRequests);
    QFETCH(int, verdict);
    QFETCH(QStringList, failed);
    QFETCH(QString, says);
    WindowStats c;
    c.requests = candidateRequests;
    c.errors = candidateErrors;
    c.p99Ms = candidateP99;
    WindowStats b;
    b.requests = baselineRequests;
    b.p99Ms = 10;
    const RolloutEvaluation e = RolloutGuardCheck::evaluate(plan(), 0, c, b, false, 1000);
    QCOMPARE(int(e.verdict), verdict);
    QStringList failedNames;
    for (const GuardCheck &check : e.checks) {
        if (!check.passed)
            failedNames << check.name;
    }
    QCOMPARE(failedNames, failed);
    if (e.verdict != RolloutEvaluation::Verdict::Hold)
        QCOMPARE(e.checks.size(), 2); // every guard reported, passing or not
    const QString text = e.lines(plan()).join(QLatin1Char('\n'));
    QVERIFY2(text.contains(says), qPrintable(text));
    QVERIFY2(text.startsWith(QStringLiteral("step 1/2 (10 %): ")), qPrintable(text));
}

void TestRolloutEvaluation::jsonRoundTrip()
{
    WindowStats c;
    c.requests = 100;
    c.errors = 20;
    c.p99Ms = 12.5;
    WindowStats b;
    b.requests = 900;
    b.p99Ms = 10;
    const RolloutEvaluation e = RolloutGuardCheck::evaluate(plan(), 1, c, b, true, 1234);
    const RolloutEvaluation back = RolloutEvaluation::fromJson(e.toJson());
    QCOMPARE(back.lines(plan()), e.lines(plan()));
    QCOMPARE(back.time, 1234);
    QVERIFY(back.baselineFromEarlierStep);
    QCOMPARE(back.checks.size(), 2);
    QCOMPARE(back.checks[0].measured, 20.0);
    QCOMPARE(back.candidate.errors, 20);
    QVERIFY(e.lines(plan())
                .join(QLatin1Char(' '))
                .contains(QStringLiteral("baseline from an earlier step")));
}

QTEST_APPLESS_MAIN(TestRolloutEvaluation)
#include "tst_rolloutevaluation.moc"

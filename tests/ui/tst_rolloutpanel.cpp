// The Rollout tab: a plan's recorded state shown as a timeline with each guard green or
// red and its numbers, following the state file as another process writes it, buttons
// that match where the plan stands, and a bad plan file refused with its line and
// nothing written.

#include "hostfixture.h"
#include "rolloutguardsmodel.h"
#include "rolloutpanel.h"
#include "rollouttimelinemodel.h"
#include "uitestsupport.h"
#include "workspaceclient.h"
#include "workspacestore.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QFile>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString DemoEndpoint = QStringLiteral("demo");

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

RolloutEvaluation evaluation(
    int step, RolloutEvaluation::Verdict verdict, const QList<GuardCheck> &checks)
{
    RolloutEvaluation e;
    e.step = step;
    e.verdict = verdict;
    e.checks = checks;
    e.summary = RolloutEvaluation::verdictName(verdict);
    return e;
}

RolloutState recordedState()
{
    RolloutState s;
    s.endpoint = DemoEndpoint;
    s.candidate = QStringLiteral("green");
    s.baseline = QStringLiteral("blue");
    s.steps = { RolloutStep { 10, 60, false }, RolloutStep { 50, 60, false },
        RolloutStep { 100, 60, false } };
    s.originalTraffic = s.appliedTraffic = s.lastGoodTraffic = { { QStringLiteral("blue"), 100 } };
    using V = RolloutEvaluation::Verdict;
    s.evaluations = { evaluation(0, V::Pass,
                          { GuardCheck { QStringLiteral("max_error_rate_increase"), 0, 1, true,
                              QStringLiteral("ok") } }),
        evaluation(1, V::Hold, {}),
        evaluation(1, V::Fail,
            { GuardCheck { QStringLiteral("max_error_rate_increase"), 20, 1, false,
                  QStringLiteral("green 20.0 %") },
                GuardCheck {
                    QStringLiteral("max_p99_ratio"), 1.1, 2, true, QStringLiteral("p99") } }) };
    s.step = 1;
    s.phase = RolloutState::Phase::RolledBack;
    s.message = QStringLiteral("rolled back to blue=100 at step 2");
    return s;
}

} // namespace

class TestRolloutPanel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void showsRecordedPlan();
    void followsTheStateFile();
    void orphanedPlanCanBeResumed();
    void badPlanFileChangesNothing();
    void runsAPlanOnTheDemo();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRolloutPanel::init() { m_dir = std::make_unique<QTemporaryDir>(); }

void TestRolloutPanel::showsRecordedPlan()
{
    QVERIFY(RolloutStateFile::write(m_dir->path(), recordedState()).ok());
    RolloutPanel panel(nullptr);
    QAbstractItemModelTester timelineTester(
        panel.timeline(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester guardsTester(
        panel.guards(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.setStateDir(m_dir->path());
    panel.setEndpoint(DemoEndpoint);

    RolloutTimelineModel *t = panel.timeline();
    QCOMPARE(t->rowCount(), 3);
    auto cell = [t](int row, int column, int role = Qt::DisplayRole) {
        return t->index(row, column).data(role);
    };
    QCOMPARE(cell(0, RolloutTimelineModel::SplitColumn).toString(), QStringLiteral("10 %"));
    QCOMPARE(cell(0, RolloutTimelineModel::StatusColumn).toString(), QStringLiteral("passed"));
    QCOMPARE(cell(1, RolloutTimelineModel::StatusColumn).toString(),
        QStringLiteral("failed: rolled back"));
    QCOMPARE(cell(2, RolloutTimelineModel::StatusColumn).toString(), QStringLiteral("pending"));
    QCOMPARE(cell(0, 0, RolloutTimelineModel::PassedRole), QVariant(true));
    QCOMPARE(cell(1, 0, RolloutTimelineModel::PassedRole),
        QVariant(false)); // the failure, not the hold before it
    QVERIFY(!cell(2, 0, RolloutTimelineModel::PassedRole).isValid());

    // The guards of the step where the plan stands: one red, one green, with numbers.
    RolloutGuardsModel *g = panel.guards();
    QCOMPARE(g->rowCount(), 2);
    QCOMPARE(g->index(0, RolloutGuardsModel::GuardColumn).data().toString(),
        QStringLiteral("max_error_rate_increase"));
    QCOMPARE(
        g->index(0, RolloutGuardsModel::MeasuredColumn).data().toString(), QStringLiteral("20.00"));
    QCOMPARE(
        g->index(0, RolloutGuardsModel::LimitColumn).data().toString(), QStringLiteral("1.00"));
    QCOMPARE(
        g->index(0, RolloutGuardsModel::ResultColumn).data().toString(), QStringLiteral("fail"));
    QCOMPARE(
        g->index(1, RolloutGuardsModel::ResultColumn).data().toString(), QStringLiteral("pass"));
    QVERIFY(g->index(0, 0).data(Qt::BackgroundRole).value<QBrush>().color()
        != g->index(1, 0).data(Qt::BackgroundRole).value<QBrush>().color());
    QCOMPARE(g->index(0, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("green 20.0 %"));
    QCOMPARE(g->index(0, RolloutGuardsModel::DetailColumn).data().toString(),
        QStringLiteral("green 20.0 %"));

    QVERIFY2(panel.status().contains(QStringLiteral("rolled_back at step 2 of 3")),
        qPrintable(panel.status()));
    QVERIFY2(panel.status().contains(QStringLiteral("blue=100")), qPrintable(panel.status()));
    // Over: nothing to pause or abort; no workspace: nothing to start.
    for (const QString &name :
        { QStringLiteral("Pa&use"), QStringLiteral("&Abort"), QStringLiteral("&Start") }) {
        QPushButton *button = nullptr;
        for (QPushButton *b : panel.findChildren<QPushButton *>()) {
            if (b->text() == name)
                button = b;
        }
        QVERIFY2(button && !button->isEnabled(), qPrintable(name));
    }
}

void TestRolloutPanel::followsTheStateFile()
{
    RolloutPanel panel(nullptr);
    panel.setStateDir(m_dir->path());
    panel.setEndpoint(DemoEndpoint);
    QVERIFY2(panel.status().contains(QStringLiteral("No rollout plan has run on demo")),
        qPrintable(panel.status()));
    QCOMPARE(panel.timeline()->rowCount(), 0);
    // rolloutctl's runner writes the state: the tab follows within its watch interval.
    RolloutState s = recordedState();
    s.phase = RolloutState::Phase::Holding;
    s.step = 0;
    s.evaluations = { evaluation(0, RolloutEvaluation::Verdict::Hold, {}) };
    s.evaluations[0].missingRequests = 7;
    QVERIFY(RolloutStateFile::write(m_dir->path(), s).ok());
    QTRY_COMPARE_WITH_TIMEOUT(panel.timeline()->rowCount(), 3, 5000);
    QCOMPARE(panel.timeline()->index(0, RolloutTimelineModel::StatusColumn).data().toString(),
        QStringLiteral("holding: 7 request(s) missing"));
    QCOMPARE(panel.guards()->rowCount(), 0); // a hold judged no guard
}

void TestRolloutPanel::orphanedPlanCanBeResumed()
{
    RolloutState s = recordedState();
    s.phase = RolloutState::Phase::Baking;
    s.runnerPid = 0; // no runner
    QVERIFY(RolloutStateFile::write(m_dir->path(), s).ok());
    RolloutPanel panel(nullptr);
    panel.setStateDir(m_dir->path());
    panel.setEndpoint(DemoEndpoint);
    QStringList enabled;
    for (QPushButton *b : panel.findChildren<QPushButton *>()) {
        if (b->isEnabled())
            enabled << b->text();
    }
    enabled.sort();
    QCOMPARE(enabled,
        (QStringList { QStringLiteral("&Abort"), QStringLiteral("&Browse…"),
            QStringLiteral("&Resume"), QStringLiteral("Pa&use"), QStringLiteral("Pro&mote") }));
}

void TestRolloutPanel::badPlanFileChangesNothing()
{
    WorkspaceClient client(WorkspaceConnection {});
    WorkspaceStore store(&client);
    const QString plan = m_dir->filePath(QStringLiteral("plan.yml"));
    QFile file(plan);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("endpoint: demo\ncandidate: green\nbaseline: blue\nsteps: 10\nguards:\n  "
               "max_error_rate: 1\n");
    file.close();
    RolloutPanel panel(&store);
    panel.setStateDir(m_dir->path());
    panel.setEndpoint(DemoEndpoint);
    panel.setPlanFile(plan);
    panel.start();
    QVERIFY2(
        panel.status().contains(QStringLiteral("line 4, column 8")), qPrintable(panel.status()));
    QVERIFY2(panel.status().contains(QStringLiteral("`steps` must be a non-empty list")),
        qPrintable(panel.status()));
    QVERIFY(!panel.isRunningHere());
    QVERIFY(!QFile::exists(RolloutStateFile::path(m_dir->path(), DemoEndpoint)));
    // The error stays while the tab reads the state again every second.
    panel.refresh();
    QVERIFY2(panel.status().contains(QStringLiteral("`steps` must be a non-empty list")),
        qPrintable(panel.status()));
    QVERIFY2(panel.status().contains(QStringLiteral("No rollout plan has run on demo")),
        qPrintable(panel.status()));
    // A plan for another endpoint than the one selected is refused too.
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("endpoint: other\ncandidate: green\nbaseline: blue\nsteps:\n  - {traffic: 10, "
               "bake_seconds: 1}\n"
               "guards:\n  max_error_rate: 1\n");
    file.close();
    panel.start();
    QVERIFY2(panel.status().contains(
                 QStringLiteral("The plan is for endpoint other, but demo is selected")),
        qPrintable(panel.status()));
    QVERIFY(!QFile::exists(RolloutStateFile::path(m_dir->path(), DemoEndpoint)));
}

void TestRolloutPanel::runsAPlanOnTheDemo()
{
    // Start pressed in the tab: the plan runs in the app against a real rolloutd, its own
    // probe making the requests, and the timeline and guards show how it went.
    HostFixture host;
    QString error;
    QVERIFY2(host.start(&error), qPrintable(error));
    QVERIFY2(UiTest::createDemo(host, &error), qPrintable(error));
    QVERIFY(writeFile(m_dir->filePath(QStringLiteral("request.json")), [] {
        QFile f(HostFixture::demoDir() + QStringLiteral("/sample-request.json"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }()));
    const QString plan = m_dir->filePath(QStringLiteral("plan.yml"));
    QVERIFY(writeFile(plan,
        "endpoint: demo\ncandidate: green\nbaseline: blue\nsteps:\n"
        "  - {traffic: 50, bake_seconds: 1}\nguards:\n  min_requests: 5\n"
        "  max_error_rate_increase: 1\nprobe:\n  request_file: request.json\n  rate: 20\n"));
    WorkspaceStore store(host.client());
    RolloutPanel panel(&store);
    panel.setStateDir(host.stateDir());
    panel.setEndpoint(DemoEndpoint);
    panel.setPlanFile(plan);
    panel.start();
    QTRY_VERIFY_WITH_TIMEOUT(panel.isRunningHere(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunningHere(), 30000);
    QVERIFY2(panel.status().contains(QStringLiteral("completed at step 1 of 1")),
        qPrintable(panel.status()));
    QCOMPARE(panel.timeline()->index(0, RolloutTimelineModel::StatusColumn).data().toString(),
        QStringLiteral("passed"));
    QCOMPARE(panel.guards()->rowCount(), 1);
    QCOMPARE(panel.guards()->index(0, RolloutGuardsModel::ResultColumn).data().toString(),
        QStringLiteral("pass"));
    QVERIFY(panel.guards()
                ->index(0, RolloutGuardsModel::DetailColumn)
                .data()
                .toString()
                .contains(QStringLiteral("green")));
}

QTEST_MAIN(TestRolloutPanel)
#include "tst_rolloutpanel.moc"

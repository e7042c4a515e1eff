// The main window on a real rolloutd: it connects (status bar), shows the demo in the tree,
// picks up a change made with rolloutctl within 2 s, refuses to delete a deployment that
// has live traffic (with the reason, nothing sent), shows "Deleting…" at once for one that
// can go, and on an empty workspace offers the demo, or creates it with --demo.
// With ROLLOUTDESK_SCREENSHOT_DIR set, it saves PNGs of the window's tabs there.

#include "endpointactions.h"
#include "endpointtreemodel.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "overviewpanel.h"
#include "trafficpanel.h"
#include "uitestsupport.h"
#include "workspacestore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

namespace {
const QString Demo = QStringLiteral("demo");
const QString Blue = QStringLiteral("blue");
const QString Green = QStringLiteral("green");
} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void connectsAndShowsTheDemo();
    void parsesCommandLine_data();
    void parsesCommandLine();
    void rolloutctlChangeAppearsWithinTwoSeconds();
    void screenshots();
    void deleteBlueWithTrafficIsRefused();
    void deleteGreenShowsProgress();
    void emptyWorkspaceOffersTheDemo();
    void demoOptionCreatesTheDemo();

private:
    void saveScreenshot(QWidget *widget, const QString &name);
    QString cell(MainWindow &window, const QString &deployment, int column) const
    {
        return window.treeModel()->indexOf(Demo, deployment, column).data().toString();
    }

    HostFixture m_host;
    std::unique_ptr<MainWindow> m_window;
};

void tst_MainWindow::initTestCase()
{
    UiTest::isolateSettings();
    QString error;
    QVERIFY2(UiTest::createDemo(m_host, &error), qPrintable(error));
    m_window = std::make_unique<MainWindow>(StartOptions{ m_host.stateDir(), false });
    m_window->resize(1280, 800);
    m_window->show();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->store() && m_window->store()->isLoaded(), 20000);
}

void tst_MainWindow::connectsAndShowsTheDemo()
{
    QVERIFY2(m_window->hostStatus().startsWith(QStringLiteral("Connected to rolloutd at http://127.0.0.1:")),
             qPrintable(m_window->hostStatus()));
    EndpointTreeModel *model = m_window->treeModel();
    QCOMPARE(m_window->treeView()->model(), model);
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->rowCount(model->indexOf(Demo)), 2);
    QVERIFY(m_window->treeView()->isExpanded(model->indexOf(Demo)));
    // The only endpoint is selected and the panels follow it.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->selectedEndpoint(), Demo, 5000);
    QCOMPARE(m_window->trafficPanel()->endpoint(), Demo);
    QStringList tabs;
    for (int i = 0; i < m_window->panels()->count(); ++i)
        tabs << m_window->panels()->tabText(i);
    QVERIFY2(tabs.startsWith(QStringLiteral("Overview")) && tabs.contains(QStringLiteral("Traffic")) && tabs.endsWith(QStringLiteral("Logs")),
             qPrintable(tabs.join(QLatin1Char(','))));
}

void tst_MainWindow::parsesCommandLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("stateDir");
    QTest::addColumn<bool>("demo");
    QTest::newRow("nothing") << QStringList{ QStringLiteral("rolloutdesk") } << QString() << false;
    QTest::newRow("--demo") << QStringList{ QStringLiteral("rolloutdesk"), QStringLiteral("--demo") } << QString() << true;
    QTest::newRow("--state-dir") << QStringList{ QStringLiteral("rolloutdesk"), QStringLiteral("--state-dir"), QStringLiteral("/tmp/x") }
                                 << QStringLiteral("/tmp/x") << false;
}

void tst_MainWindow::parsesCommandLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, stateDir);
    QFETCH(bool, demo);
    const StartOptions options = MainWindow::parseCommandLine(arguments);
    QCOMPARE(options.stateDir, stateDir);
    QCOMPARE(options.demo, demo);
}

void tst_MainWindow::rolloutctlChangeAppearsWithinTwoSeconds()
{
    QCOMPARE(UiTest::rolloutctl(m_host, { QStringLiteral("online-endpoint"), QStringLiteral("update"), QStringLiteral("--name"), Demo,
                                          QStringLiteral("--traffic"), QStringLiteral("blue=90 green=10") }),
             0);
    QElapsedTimer since;
    since.start();
    QTRY_COMPARE_WITH_TIMEOUT(cell(*m_window, Green, EndpointTreeModel::TrafficColumn), QStringLiteral("10 %"), 2000);
    QVERIFY(since.elapsed() <= 2000);
    QCOMPARE(cell(*m_window, Blue, EndpointTreeModel::TrafficColumn), QStringLiteral("90 %"));
}

void tst_MainWindow::saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("ROLLOUTDESK_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void tst_MainWindow::screenshots()
{
    // Every tab renders with the demo selected (and, when asked, is saved for a look).
    QTabWidget *tabs = m_window->panels();
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(!m_window->grab().isNull());
        saveScreenshot(m_window.get(), QStringLiteral("mainwindow-%1").arg(tabs->tabText(i).toLower()));
    }
    tabs->setCurrentIndex(0);
}

void tst_MainWindow::deleteBlueWithTrafficIsRefused()
{
    EndpointActions *actions = m_window->actions();
    QString refusedTitle;
    QString refusedText;
    int asked = 0;
    actions->refuse = [&](const QString &title, const QString &text, const std::function<void()> &) {
        refusedTitle = title;
        refusedText = text;
    };
    actions->confirm = [&](const QString &, const QString &, const QString &, const std::function<void()> &) { ++asked; };

    m_window->selectEndpoint(Demo, Blue);
    QSignalSpy refreshed(m_window->store(), &WorkspaceStore::refreshed);
    actions->deleteDeployment(Demo, Blue);
    QCOMPARE(refusedTitle, QStringLiteral("Deployment 'blue' Cannot Be Deleted"));
    QVERIFY2(refusedText.contains(QStringLiteral("still receives 90 % of the live traffic and cannot be deleted")), qPrintable(refusedText));
    QVERIFY2(refusedText.contains(QStringLiteral("Move its traffic")), qPrintable(refusedText));
    QCOMPARE(asked, 0); // nothing destructive was offered
    QVERIFY(refreshed.wait(5000));
    QVERIFY(m_window->store()->deployment(Demo, Blue));
    QCOMPARE(cell(*m_window, Blue, EndpointTreeModel::StateColumn), QStringLiteral("Succeeded"));
}

void tst_MainWindow::deleteGreenShowsProgress()
{
    QCOMPARE(UiTest::rolloutctl(m_host, { QStringLiteral("online-endpoint"), QStringLiteral("update"), QStringLiteral("--name"), Demo,
                                          QStringLiteral("--traffic"), QStringLiteral("blue=100") }),
             0);
    QTRY_COMPARE_WITH_TIMEOUT(cell(*m_window, Green, EndpointTreeModel::TrafficColumn), QStringLiteral("0 %"), 5000);
    EndpointActions *actions = m_window->actions();
    QString question;
    actions->confirm = [&](const QString &, const QString &text, const QString &, const std::function<void()> &yes) {
        question = text;
        yes();
    };
    actions->deleteDeployment(Demo, Green);
    QVERIFY2(question.contains(QStringLiteral("Delete deployment 'green' of endpoint 'demo'?")), qPrintable(question));
    // At once, before the server has answered.
    QCOMPARE(cell(*m_window, Green, EndpointTreeModel::StateColumn), QStringLiteral("Deleting…"));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->treeModel()->indexOf(Demo, Green).isValid(), 15000);
    QVERIFY(m_window->messageBar()->text().isEmpty());
}

void tst_MainWindow::emptyWorkspaceOffersTheDemo()
{
    HostFixture empty;
    QString error;
    QVERIFY2(empty.start(&error), qPrintable(error));
    MainWindow window(StartOptions{ empty.stateDir(), false });
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.store() && window.store()->isLoaded(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(window.placeholderText().startsWith(QStringLiteral("This workspace has no endpoints yet.")), 5000);
    auto *offer = window.findChild<QPushButton *>(QStringLiteral("demoButton"));
    QVERIFY(offer);
    QVERIFY(offer->isVisible());
    saveScreenshot(&window, QStringLiteral("mainwindow-empty"));
    // Offered, not forced: nothing is created until the button is pressed.
    QSignalSpy refreshed(window.store(), &WorkspaceStore::refreshed);
    QVERIFY(refreshed.wait(5000));
    QVERIFY(window.store()->endpoints().isEmpty());
    QTest::mouseClick(offer, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.treeModel()->indexOf(Demo).isValid(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.selectedEndpoint(), Demo, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(UiTest::hostTraffic(empty, Demo), TrafficMap({ { Blue, 100 } }), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(window.messageBar()->text().startsWith(QStringLiteral("The demo is ready")), 60000);
}

void tst_MainWindow::demoOptionCreatesTheDemo()
{
    HostFixture empty;
    QString error;
    QVERIFY2(empty.start(&error), qPrintable(error));
    MainWindow window(StartOptions{ empty.stateDir(), true });
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.treeModel() && window.treeModel()->indexOf(Demo, Green).isValid(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(window.messageBar()->text().startsWith(QStringLiteral("The demo is ready")), 60000);
    QCOMPARE(UiTest::hostTraffic(empty, Demo), TrafficMap({ { Blue, 100 } }));
    QTRY_COMPARE_WITH_TIMEOUT(window.treeModel()->indexOf(Demo, Green, EndpointTreeModel::StateColumn).data().toString(),
                              QStringLiteral("Succeeded"), 5000);
    QCOMPARE(window.treeModel()->indexOf(Demo, Blue, EndpointTreeModel::TrafficColumn).data().toString(), QStringLiteral("100 %"));
    saveScreenshot(&window, QStringLiteral("mainwindow-demo"));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"

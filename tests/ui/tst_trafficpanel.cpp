// The Traffic panel on a real rolloutd with the demo: the blue/green slider applied sets
// the host's traffic; with three deployments a wrong total keeps Apply disabled with the
// reason; mirror is capped at 50 %; the history shows a change made with rolloutctl, and
// revert applies that change's 'before' maps.

#include "clientinfo.h"
#include "historymodel.h"
#include "localhost.h"
#include "historyview.h"
#include "trafficpanel.h"
#include "trafficslider.h"
#include "uitestsupport.h"
#include "workspacestore.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>

namespace {
const QString Demo = QStringLiteral("demo");
const QString Blue = QStringLiteral("blue");
const QString Green = QStringLiteral("green");
const QString Red = QStringLiteral("red");
} // namespace

class tst_TrafficPanel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void twoDeploymentsShowOneSlider();
    void sliderToTenAndApply();
    void presetsAndKeyboard_data();
    void presetsAndKeyboard();
    void mirrorCappedAtFifty();
    void mirrorToLiveDeploymentRefused();
    void threeDeploymentsNeedRightTotal();
    void historyShowsRolloutctlChangeAndReverts();
    void cleanupTestCase();

private:
    HostFixture m_host;
    WorkspaceClient *m_client = nullptr;
    WorkspaceStore *m_store = nullptr;
    TrafficPanel *m_panel = nullptr;
    QStringList m_asked; // every confirmation the panel asked for
};

void tst_TrafficPanel::initTestCase()
{
    UiTest::isolateSettings();
    QString error;
    QVERIFY2(UiTest::createDemo(m_host, &error), qPrintable(error));
    // The app's own client, so the host records the panel's changes as "rolloutdesk".
    Result<WorkspaceConnection> connection =
        LocalHostLauncher::connectionFor(m_host.stateDir(), ClientInfo::userAgent(QStringLiteral("rolloutdesk")));
    QVERIFY2(connection, qPrintable(connection ? QString() : connection.error().message));
    m_client = new WorkspaceClient(connection.value(), this);
    m_store = new WorkspaceStore(m_client, this);
    m_store->setRefreshInterval(300);
    m_store->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_store->isLoaded(), 10000);
    m_panel = new TrafficPanel(m_store);
    // The seam: confirmations are recorded and accepted at once.
    m_panel->confirm = [this](const QString &, const QString &text, const QString &, const std::function<void()> &yes) {
        m_asked << text;
        yes();
    };
    m_panel->resize(900, 700);
    m_panel->setEndpoint(Demo);
    m_panel->show();
}

void tst_TrafficPanel::twoDeploymentsShowOneSlider()
{
    TrafficSlider *slider = m_panel->splitSlider();
    QVERIFY(slider->isVisible());
    QCOMPARE(slider->firstName(), Blue);
    QCOMPARE(slider->secondName(), Green);
    QCOMPARE(slider->value(), 0); // green's share
    QCOMPARE(m_panel->findChild<QLabel *>(QStringLiteral("trafficSplitLabel"))->text(), QStringLiteral("blue 100 % · green 0 %"));
    QVERIFY(!m_panel->applyButton()->isEnabled()); // nothing changed yet
}

void tst_TrafficPanel::sliderToTenAndApply()
{
    TrafficSlider *slider = m_panel->splitSlider();
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_PageUp); // one page: 10 %
    QCOMPARE(slider->value(), 10);
    QCOMPARE(m_panel->findChild<QLabel *>(QStringLiteral("trafficSplitLabel"))->text(), QStringLiteral("blue 90 % · green 10 %"));
    QCOMPARE(m_panel->editedTraffic(), TrafficMap({ { Blue, 90 }, { Green, 10 } }));
    QVERIFY(m_panel->reason().isEmpty());
    QVERIFY(m_panel->applyButton()->isEnabled());

    m_asked.clear();
    QSignalSpy applied(m_panel, &TrafficPanel::trafficApplied);
    QTest::mouseClick(m_panel->applyButton(), Qt::LeftButton);
    // Asked first, with before → after.
    QCOMPARE(m_asked.size(), 1);
    QVERIFY2(m_asked.first().contains(QStringLiteral("blue 100 % · green 0 %  →  blue 90 % · green 10 %")), qPrintable(m_asked.first()));
    // Busy while it runs: Apply cannot be pressed twice.
    QVERIFY(!m_panel->applyButton()->isEnabled());
    QVERIFY(applied.wait(10000));
    QCOMPARE(UiTest::hostTraffic(m_host, Demo), TrafficMap({ { Blue, 90 }, { Green, 10 } }));
    QVERIFY2(m_panel->resultText().startsWith(QStringLiteral("Applied")), qPrintable(m_panel->resultText()));
    QVERIFY(!m_panel->applyButton()->isEnabled()); // the editors show what the host has
}

void tst_TrafficPanel::presetsAndKeyboard_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("expected");
    QTest::newRow("preset 50") << QStringLiteral("trafficPreset50") << 0 << 50;
    QTest::newRow("preset 100") << QStringLiteral("trafficPreset100") << 0 << 100;
    QTest::newRow("left arrow moves the border left: +1 % green") << QStringLiteral("trafficPreset25") << int(Qt::Key_Left) << 26;
    QTest::newRow("right arrow: -1 % green") << QStringLiteral("trafficPreset25") << int(Qt::Key_Right) << 24;
    QTest::newRow("page down: -10 % green") << QStringLiteral("trafficPreset75") << int(Qt::Key_PageDown) << 65;
    QTest::newRow("home") << QStringLiteral("trafficPreset75") << int(Qt::Key_Home) << 0;
    QTest::newRow("end") << QStringLiteral("trafficPreset0") << int(Qt::Key_End) << 100;
}

void tst_TrafficPanel::presetsAndKeyboard()
{
    QFETCH(QString, button);
    QFETCH(int, key);
    QFETCH(int, expected);
    auto *preset = m_panel->findChild<QToolButton *>(button);
    QVERIFY(preset);
    QTest::mouseClick(preset, Qt::LeftButton);
    if (key != 0)
        QTest::keyClick(m_panel->splitSlider(), Qt::Key(key));
    QCOMPARE(m_panel->splitSlider()->value(), expected);
    QCOMPARE(m_panel->editedTraffic().value(Green), expected);
    QCOMPARE(m_panel->editedTraffic().value(Blue), 100 - expected);
    // Back to what the host has.
    m_panel->findChild<QPushButton *>(QStringLiteral("trafficReset"))->click();
    QTest::mouseClick(m_panel->findChild<QToolButton *>(QStringLiteral("trafficPreset10")), Qt::LeftButton);
    QVERIFY(!m_panel->applyButton()->isEnabled());
}

void tst_TrafficPanel::mirrorCappedAtFifty()
{
    // Mirror to green needs green without live traffic: all to blue first (not applied).
    QTest::mouseClick(m_panel->findChild<QToolButton *>(QStringLiteral("trafficPreset0")), Qt::LeftButton);
    QComboBox *target = m_panel->mirrorTargetBox();
    target->setCurrentIndex(target->findData(Green));
    QSlider *mirror = m_panel->mirrorSlider();
    QVERIFY(mirror->isEnabled());
    QCOMPARE(mirror->maximum(), 50);
    mirror->setValue(60); // impossible: the slider stops at 50
    QCOMPARE(mirror->value(), 50);
    QCOMPARE(m_panel->editedMirror(), TrafficMap({ { Green, 50 } }));
    QVERIFY(m_panel->reason().isEmpty());
    QVERIFY(m_panel->applyButton()->isEnabled());
    mirror->setValue(10);
    QTest::mouseClick(m_panel->applyButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(UiTest::hostMirror(m_host, Demo), TrafficMap({ { Green, 10 } }), 10000);
    QCOMPARE(UiTest::hostTraffic(m_host, Demo), TrafficMap({ { Blue, 100 } }));
}

void tst_TrafficPanel::mirrorToLiveDeploymentRefused()
{
    // Green is mirrored; giving it live traffic breaks the mirror rule: the reason says so.
    QTRY_VERIFY_WITH_TIMEOUT(!m_panel->applyButton()->isEnabled(), 5000);
    QTest::mouseClick(m_panel->findChild<QToolButton *>(QStringLiteral("trafficPreset10")), Qt::LeftButton);
    QVERIFY(!m_panel->applyButton()->isEnabled());
    QVERIFY2(m_panel->reason().contains(QStringLiteral("cannot also receive mirror traffic")), qPrintable(m_panel->reason()));
    QVERIFY(m_panel->findChild<QLabel *>(QStringLiteral("trafficReason"))->isVisible());
    // Mirror off: the change is fine again.
    m_panel->mirrorTargetBox()->setCurrentIndex(0);
    QVERIFY(m_panel->reason().isEmpty());
    QVERIFY(m_panel->applyButton()->isEnabled());
    QTest::mouseClick(m_panel->applyButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(UiTest::hostTraffic(m_host, Demo), TrafficMap({ { Blue, 90 }, { Green, 10 } }), 10000);
    QCOMPARE(UiTest::hostMirror(m_host, Demo), TrafficMap());
}

void tst_TrafficPanel::threeDeploymentsNeedRightTotal()
{
    QVERIFY(m_host.createDeployment(Demo, HostFixture::demoDir() + QStringLiteral("/green-deployment.yml"), Red).ok());
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->shareBox(Red) != nullptr, 5000);
    QVERIFY(!m_panel->splitSlider()->isVisible());
    QSpinBox *blue = m_panel->shareBox(Blue);
    QSpinBox *green = m_panel->shareBox(Green);
    QSpinBox *red = m_panel->shareBox(Red);
    QCOMPARE(blue->value(), 90);
    QCOMPARE(green->value(), 10);
    QCOMPARE(red->value(), 0);

    blue->setValue(50);
    green->setValue(45);
    QVERIFY(!m_panel->applyButton()->isEnabled());
    QCOMPARE(m_panel->reason(), QStringLiteral("Total is 95 %: it must be 100 % (or 0 %)."));
    auto *reasonLabel = m_panel->findChild<QLabel *>(QStringLiteral("trafficReason"));
    QVERIFY(reasonLabel->isVisible());
    QCOMPARE(reasonLabel->text(), m_panel->reason());
    QCOMPARE(m_panel->findChild<QLabel *>(QStringLiteral("trafficTotal"))->text(), QStringLiteral("Total: 95 %"));

    red->setValue(5);
    QVERIFY(m_panel->reason().isEmpty());
    QVERIFY(m_panel->applyButton()->isEnabled());
    QTest::mouseClick(m_panel->applyButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(UiTest::hostTraffic(m_host, Demo), TrafficMap({ { Blue, 50 }, { Green, 45 }, { Red, 5 } }), 10000);
}

void tst_TrafficPanel::historyShowsRolloutctlChangeAndReverts()
{
    QString output;
    QCOMPARE(UiTest::rolloutctl(m_host, { QStringLiteral("online-endpoint"), QStringLiteral("update"), QStringLiteral("--name"), Demo,
                                          QStringLiteral("--traffic"), QStringLiteral("blue=0 green=100 red=0") }, &output),
             0);
    HistoryModel *history = m_panel->historyModel();
    QTRY_VERIFY_WITH_TIMEOUT(history->rowCount() > 0 && history->change(0).client == QStringLiteral("rolloutctl"), 5000);
    const TrafficChange change = history->change(0);
    QCOMPARE(change.trafficAfter, TrafficMap({ { Green, 100 } }));
    QCOMPARE(change.trafficBefore, TrafficMap({ { Blue, 50 }, { Green, 45 }, { Red, 5 } }));
    QCOMPARE(history->index(0, HistoryModel::ClientColumn).data().toString(), QStringLiteral("rolloutctl"));
    QCOMPARE(history->index(0, HistoryModel::TrafficColumn).data().toString(),
             QStringLiteral("blue 50 % · green 45 % · red 5 % → green 100 %"));
    // Earlier changes made here are recorded as the app's.
    QCOMPARE(history->change(1).client, QStringLiteral("rolloutdesk"));

    // One click on the row's button: asked, then the 'before' maps are applied.
    m_asked.clear();
    HistoryView *view = m_panel->historyView();
    const QRect button = view->revertButtonRect(0);
    QVERIFY(button.isValid());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, button.center());
    QCOMPARE(m_asked.size(), 1);
    QVERIFY2(m_asked.first().contains(QStringLiteral("blue 50 % · green 45 % · red 5 %")), qPrintable(m_asked.first()));
    QTRY_COMPARE_WITH_TIMEOUT(UiTest::hostTraffic(m_host, Demo), change.trafficBefore, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(history->change(0).trafficAfter, change.trafficBefore, 5000);
}

void tst_TrafficPanel::cleanupTestCase()
{
    delete m_panel;
}

QTEST_MAIN(tst_TrafficPanel)
#include "tst_trafficpanel.moc"

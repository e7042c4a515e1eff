// EndpointTreeModel over a WorkspaceStore on a real rolloutd with the demo: checked by
// QAbstractItemModelTester throughout; rows added, changed and removed from the store's
// signals; a view's selection and expansion survive refreshes.

#include "endpointtreemodel.h"
#include "uitestsupport.h"
#include "workspacestore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

class tst_EndpointTreeModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void firstPicture();
    void columns_data();
    void columns();
    void rowAdded();
    void rowChanged();
    void rowRemoved();
    void selectionAndExpansionSurvive();
    void pendingOperationShows();
    void cleanupTestCase();

private:
    QString text(const QString &endpoint, const QString &deployment, int column) const
    {
        return m_model->indexOf(endpoint, deployment, column).data().toString();
    }

    HostFixture m_host;
    WorkspaceStore *m_store = nullptr;
    EndpointTreeModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void tst_EndpointTreeModel::initTestCase()
{
    UiTest::isolateSettings();
    QString error;
    QVERIFY2(UiTest::createDemo(m_host, &error), qPrintable(error));
    m_store = new WorkspaceStore(m_host.client(), this);
    m_store->setRefreshInterval(200);
    // The model exists before the first refresh: every row arrives through the signals,
    // each one checked by the tester.
    m_model = new EndpointTreeModel(m_store, this);
    m_tester = new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    m_store->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_store->isLoaded(), 10000);
}

void tst_EndpointTreeModel::firstPicture()
{
    QCOMPARE(m_model->rowCount(), 1);
    const QModelIndex demo = m_model->index(0, 0);
    QCOMPARE(demo.data().toString(), QStringLiteral("demo"));
    QCOMPARE(demo.data(EndpointTreeModel::KindRole).value<EndpointTreeModel::Kind>(), EndpointTreeModel::Kind::Endpoint);
    QCOMPARE(m_model->rowCount(demo), 2);
    QCOMPARE(m_model->index(0, 0, demo).data().toString(), QStringLiteral("blue"));
    QCOMPARE(m_model->index(1, 0, demo).data().toString(), QStringLiteral("green"));
    QCOMPARE(m_model->index(1, 0, demo).data(EndpointTreeModel::EndpointNameRole).toString(), QStringLiteral("demo"));
    QCOMPARE(m_model->columnCount(), int(EndpointTreeModel::ColumnCount));
    QCOMPARE(m_model->headerData(EndpointTreeModel::TrafficColumn, Qt::Horizontal).toString(), QStringLiteral("Traffic"));
}

void tst_EndpointTreeModel::columns_data()
{
    QTest::addColumn<QString>("deployment");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");
    QTest::newRow("endpoint name") << QString() << int(EndpointTreeModel::NameColumn) << QStringLiteral("demo");
    QTest::newRow("endpoint state") << QString() << int(EndpointTreeModel::StateColumn) << QStringLiteral("Succeeded");
    QTest::newRow("endpoint instances") << QString() << int(EndpointTreeModel::InstancesColumn) << QStringLiteral("2");
    QTest::newRow("blue state") << QStringLiteral("blue") << int(EndpointTreeModel::StateColumn) << QStringLiteral("Succeeded");
    QTest::newRow("blue traffic") << QStringLiteral("blue") << int(EndpointTreeModel::TrafficColumn) << QStringLiteral("100 %");
    QTest::newRow("green traffic") << QStringLiteral("green") << int(EndpointTreeModel::TrafficColumn) << QStringLiteral("0 %");
    QTest::newRow("green mirror") << QStringLiteral("green") << int(EndpointTreeModel::MirrorColumn) << QString();
    QTest::newRow("green instances") << QStringLiteral("green") << int(EndpointTreeModel::InstancesColumn) << QStringLiteral("1");
}

void tst_EndpointTreeModel::columns()
{
    QFETCH(QString, deployment);
    QFETCH(int, column);
    QFETCH(QString, expected);
    QCOMPARE(text(QStringLiteral("demo"), deployment, column), expected);
}

void tst_EndpointTreeModel::rowAdded()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QVERIFY(m_host.createEndpoint(QStringLiteral("alpha")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 2, 5000);
    // Sorted by name: alpha before demo, inserted at row 0 (not appended and re-sorted).
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("alpha"));
    QCOMPARE(m_model->index(1, 0).data().toString(), QStringLiteral("demo"));
    QCOMPARE(inserted.size(), 1);
    QVERIFY(!inserted.first().at(0).toModelIndex().isValid());
    QCOMPARE(inserted.first().at(1).toInt(), 0);
}

void tst_EndpointTreeModel::rowChanged()
{
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    QVERIFY(HostFixture::wait(m_host.client()->updateTraffic(QStringLiteral("demo"),
        TrafficMap{ { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } }, std::nullopt, true)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("demo"), QStringLiteral("green"), EndpointTreeModel::TrafficColumn), QStringLiteral("10 %"), 5000);
    QCOMPARE(text(QStringLiteral("demo"), QStringLiteral("blue"), EndpointTreeModel::TrafficColumn), QStringLiteral("90 %"));
    QCOMPARE(m_model->indexOf(QStringLiteral("demo"), QStringLiteral("green")).data(EndpointTreeModel::TrafficRole).toInt(), 10);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(reset.size(), 0);
}

void tst_EndpointTreeModel::rowRemoved()
{
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(HostFixture::wait(m_host.client()->deleteEndpoint(QStringLiteral("alpha"), true)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 1, 5000);
    QCOMPARE(m_model->index(0, 0).data().toString(), QStringLiteral("demo"));
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().at(1).toInt(), 0);
}

void tst_EndpointTreeModel::selectionAndExpansionSurvive()
{
    QTreeView view;
    view.setModel(m_model);
    view.setSelectionBehavior(QAbstractItemView::SelectRows);
    view.show();
    const QModelIndex demo = m_model->indexOf(QStringLiteral("demo"));
    view.expand(demo);
    const QModelIndex green = m_model->indexOf(QStringLiteral("demo"), QStringLiteral("green"));
    view.selectionModel()->setCurrentIndex(green, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    // A change to the selected row, a row added above it and one removed: all merged in place.
    QVERIFY(HostFixture::wait(m_host.client()->updateTraffic(QStringLiteral("demo"),
        TrafficMap{ { QStringLiteral("blue"), 75 }, { QStringLiteral("green"), 25 } }, std::nullopt, true)).ok());
    QVERIFY(m_host.createEndpoint(QStringLiteral("aardvark")).ok());
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("demo"), QStringLiteral("green"), EndpointTreeModel::TrafficColumn), QStringLiteral("25 %"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 2, 5000);
    QVERIFY(HostFixture::wait(m_host.client()->deleteEndpoint(QStringLiteral("aardvark"), true)).ok());
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 1, 5000);

    const QModelIndexList selected = view.selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data().toString(), QStringLiteral("green"));
    QCOMPARE(view.currentIndex().data(EndpointTreeModel::DeploymentNameRole).toString(), QStringLiteral("green"));
    QVERIFY(view.isExpanded(m_model->indexOf(QStringLiteral("demo"))));
}

void tst_EndpointTreeModel::pendingOperationShows()
{
    m_model->setPending(QStringLiteral("demo"), QStringLiteral("green"), EndpointTreeModel::stateText(QStringLiteral("Scaling")));
    QCOMPARE(text(QStringLiteral("demo"), QStringLiteral("green"), EndpointTreeModel::StateColumn), QStringLiteral("Scaling…"));
    // A pending text for a row still to come shows as soon as the row does.
    m_model->setPending(QStringLiteral("demo"), QStringLiteral("red"), EndpointTreeModel::stateText(QStringLiteral("Creating")));
    QVERIFY(m_host.createDeployment(QStringLiteral("demo"), HostFixture::demoDir() + QStringLiteral("/green-deployment.yml"), QStringLiteral("red")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(m_model->indexOf(QStringLiteral("demo"), QStringLiteral("red")).isValid(), 5000);
    QCOMPARE(text(QStringLiteral("demo"), QStringLiteral("red"), EndpointTreeModel::StateColumn), QStringLiteral("Creating…"));
    m_model->clearPending(QStringLiteral("demo"), QStringLiteral("red"));
    m_model->clearPending(QStringLiteral("demo"), QStringLiteral("green"));
    QTRY_COMPARE_WITH_TIMEOUT(text(QStringLiteral("demo"), QStringLiteral("red"), EndpointTreeModel::StateColumn), QStringLiteral("Succeeded"), 5000);
    QCOMPARE(text(QStringLiteral("demo"), QStringLiteral("green"), EndpointTreeModel::StateColumn), QStringLiteral("Succeeded"));
    QCOMPARE(text(QStringLiteral("demo"), QString(), EndpointTreeModel::InstancesColumn), QStringLiteral("3"));
}

void tst_EndpointTreeModel::cleanupTestCase()
{
    delete m_tester;
    delete m_model;
    delete m_store;
}

QTEST_MAIN(tst_EndpointTreeModel)
#include "tst_endpointtreemodel.moc"

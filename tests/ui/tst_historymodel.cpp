// HistoryModel: how traffic maps read, and refreshes merged in place (new entries inserted
// at the top, old ones falling off the bottom) so the selection survives.

#include "historymodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

TrafficChange change(const QString &time, const TrafficMap &before, const TrafficMap &after)
{
    TrafficChange c;
    c.time = time;
    c.client = QStringLiteral("rolloutctl");
    c.trafficBefore = before;
    c.trafficAfter = after;
    return c;
}

const TrafficMap Blue100{ { QStringLiteral("blue"), 100 } };
const TrafficMap Split{ { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } };
const TrafficMap Green100{ { QStringLiteral("green"), 100 } };

} // namespace

class tst_HistoryModel : public QObject
{
    Q_OBJECT

private slots:
    void trafficText_data();
    void trafficText();
    void newEntriesInsertedAtTop();
    void oldEntriesFallOff();
    void unrelatedListResets();
    void columns();
};

void tst_HistoryModel::trafficText_data()
{
    QTest::addColumn<TrafficMap>("map");
    QTest::addColumn<QStringList>("deployments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << TrafficMap() << QStringList() << QStringLiteral("none");
    QTest::newRow("split") << Split << QStringList() << QStringLiteral("blue 90 % · green 10 %");
    QTest::newRow("zeros listed for known deployments")
        << Blue100 << QStringList{ QStringLiteral("blue"), QStringLiteral("green") } << QStringLiteral("blue 100 % · green 0 %");
    QTest::newRow("unknown names still shown")
        << TrafficMap{ { QStringLiteral("old"), 100 } } << QStringList{ QStringLiteral("blue") } << QStringLiteral("blue 0 % · old 100 %");
}

void tst_HistoryModel::trafficText()
{
    QFETCH(TrafficMap, map);
    QFETCH(QStringList, deployments);
    QFETCH(QString, expected);
    QCOMPARE(TrafficText::traffic(map, deployments), expected);
}

void tst_HistoryModel::newEntriesInsertedAtTop()
{
    HistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<TrafficChange> first = { change(QStringLiteral("2026-01-01T10:00:00Z"), TrafficMap(), Blue100) };
    model.setChanges(first);
    QCOMPARE(model.rowCount(), 1);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setChanges(first);
    QCOMPARE(inserted.size(), 0); // same list: nothing happens
    const QList<TrafficChange> second = { change(QStringLiteral("2026-01-01T10:05:00Z"), Split, Green100),
                                          change(QStringLiteral("2026-01-01T10:01:00Z"), Blue100, Split),
                                          first.first() };
    model.setChanges(second);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.change(0).trafficAfter, Green100);
}

void tst_HistoryModel::oldEntriesFallOff()
{
    HistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const TrafficChange a = change(QStringLiteral("2026-01-01T10:00:00Z"), TrafficMap(), Blue100);
    const TrafficChange b = change(QStringLiteral("2026-01-01T10:01:00Z"), Blue100, Split);
    const TrafficChange c = change(QStringLiteral("2026-01-01T10:02:00Z"), Split, Green100);
    model.setChanges({ b, a });
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setChanges({ c, b }); // a fell off the bounded history
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.change(0).time, c.time);
    QCOMPARE(model.change(1).time, b.time);
}

void tst_HistoryModel::unrelatedListResets()
{
    HistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setChanges({ change(QStringLiteral("2026-01-01T10:00:00Z"), TrafficMap(), Blue100) });
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setChanges({ change(QStringLiteral("2026-02-01T10:00:00Z"), Split, Green100) });
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.change(0).trafficAfter, Green100);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_HistoryModel::columns()
{
    HistoryModel model;
    TrafficChange c = change(QStringLiteral("2026-01-01T10:00:00Z"), Split, Green100);
    c.mirrorBefore = TrafficMap{ { QStringLiteral("green"), 10 } };
    model.setChanges({ c });
    QCOMPARE(model.index(0, HistoryModel::ClientColumn).data().toString(), QStringLiteral("rolloutctl"));
    QCOMPARE(model.index(0, HistoryModel::TrafficColumn).data().toString(), QStringLiteral("blue 90 % · green 10 % → green 100 %"));
    QCOMPARE(model.index(0, HistoryModel::MirrorColumn).data().toString(), QStringLiteral("green 10 % → none"));
    QCOMPARE(model.index(0, HistoryModel::RevertColumn).data().toString(), QStringLiteral("Revert to before"));
    QCOMPARE(model.index(0, HistoryModel::TimeColumn).data(Qt::ToolTipRole).toString(), c.time);
    TrafficChange same = c;
    same.mirrorAfter = same.mirrorBefore;
    model.setChanges({ same });
    QCOMPARE(model.index(0, HistoryModel::MirrorColumn).data().toString(), QStringLiteral("green 10 % (unchanged)"));
}

QTEST_APPLESS_MAIN(tst_HistoryModel)
#include "tst_historymodel.moc"

// The Monitor charts scroll between the host's once-a-second buckets: with the panel shown,
// the time axes of the charts over time move several times a second, to moments between
// whole seconds, and the series are drawn once a second (when a second completes), not on
// every scroll step.

#include "charts/errorschart.h"
#include "charts/latencychart.h"
#include "charts/requestschart.h"
#include "monitorpanel.h"

#include <QAreaSeries>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>

class tst_MonitorScroll : public QObject
{
    Q_OBJECT

private slots:
    void timeAxesScrollBetweenSeconds();
    void seriesAreDrawnOncePerSecond();
};

void tst_MonitorScroll::timeAxesScrollBetweenSeconds()
{
    MonitorPanel panel(nullptr);
    panel.resize(1200, 800);
    panel.show();
    const QList<TimeChartView *> charts { panel.requestsChart(), panel.latencyChart(),
        panel.errorsChart() };
    QList<std::shared_ptr<QSignalSpy>> spies;
    for (TimeChartView *chart : charts)
        spies << std::make_shared<QSignalSpy>(chart->timeAxis(), &QDateTimeAxis::maxChanged);

    // A whole-second clock would move the axes at most five times in five seconds.
    QElapsedTimer elapsed;
    elapsed.start();
    QTRY_VERIFY_WITH_TIMEOUT(spies.first()->count() >= 10, 5000);
    qInfo("10 scroll steps in %lld ms", qlonglong(elapsed.elapsed()));
    bool betweenSeconds = false;
    for (const QList<QVariant> &step : std::as_const(*spies.first()))
        betweenSeconds = betweenSeconds || step.first().toDateTime().time().msec() != 0;
    QVERIFY(betweenSeconds);
    for (const auto &spy : std::as_const(spies))
        QVERIFY(spy->count() >= 9);

    // The window stays five minutes wide and trails the clock by about a second.
    for (TimeChartView *chart : charts) {
        const QDateTimeAxis *axis = chart->timeAxis();
        QCOMPARE(axis->min().msecsTo(axis->max()), (MonitorPanel::WindowSeconds - 1) * 1000);
        const qint64 lag = axis->max().msecsTo(QDateTime::currentDateTime());
        QVERIFY2(lag >= 900 && lag < 3000, qPrintable(QString::number(lag)));
    }
}

void tst_MonitorScroll::seriesAreDrawnOncePerSecond()
{
    MonitorPanel panel(nullptr);
    panel.resize(1200, 800);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    MetricsPage page;
    page.cursor = now - 1;
    for (qint64 t = now - 30; t < now; ++t) {
        MetricsBucket b;
        b.t = t;
        b.deployment = QStringLiteral("blue");
        b.requests = 10;
        b.status2xx = 10;
        page.buckets << b;
    }
    panel.feed()->ingest(page);
    panel.show();
    QTRY_VERIFY(panel.requestsChart()->areaOf(QStringLiteral("blue")));
    QLineSeries *upper = panel.requestsChart()->areaOf(QStringLiteral("blue"))->upperSeries();
    QSignalSpy redrawn(upper, &QXYSeries::pointsReplaced);
    QSignalSpy scrolled(panel.requestsChart()->timeAxis(), &QDateTimeAxis::maxChanged);
    QTRY_VERIFY_WITH_TIMEOUT(scrolled.count() >= 20, 10000);
    // About two seconds of scrolling: the points were replaced once a second at most
    // (plus one for a second boundary right at the start).
    const qint64 seconds = qMax<qint64>(1, QDateTime::currentSecsSinceEpoch() - now);
    QVERIFY2(redrawn.count() <= seconds + 1,
        qPrintable(QStringLiteral("%1 redraws in %2 s").arg(redrawn.count()).arg(seconds)));
    QVERIFY(redrawn.count() < scrolled.count());
}

QTEST_MAIN(tst_MonitorScroll)
#include "tst_monitorscroll.moc"

// The Monitor panel: buckets fed into its ring buffer come out as series with the right
// point counts and axis ranges (stacked requests, split, latency, errors), traffic changes
// are marked, the charts follow the palette; then end to end on a real rolloutd with the
// demo at 90/10 under the panel's own load generator, and on the host's metrics feed
// (skipped while the host does not serve it).

#include "armjson.h"
#include "charts/errorschart.h"
#include "charts/latencychart.h"
#include "charts/requestschart.h"
#include "charts/splitchart.h"
#include "hostfixture.h"
#include "loadcontrols.h"
#include "monitorpanel.h"
#include "uitestsupport.h"
#include "workspacestore.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFontMetricsF>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

namespace {

MetricsBucket bucket(qint64 t, const QString &deployment, qint64 requests, double p50, double p95, double p99,
                     qint64 errors5xx = 0)
{
    MetricsBucket b;
    b.t = t;
    b.deployment = deployment;
    b.requests = requests;
    b.status2xx = requests - errors5xx;
    b.status5xx = errors5xx;
    b.p50Ms = p50;
    b.p95Ms = p95;
    b.p99Ms = p99;
    return b;
}

// Two minutes of traffic at 9:1, green failing once every ten seconds.
MetricsPage twoMinutes(qint64 now)
{
    MetricsPage page;
    page.cursor = 120;
    for (qint64 t = now - 120; t < now; ++t) {
        page.buckets.append(bucket(t, QStringLiteral("blue"), 9, 3, 5, 9));
        page.buckets.append(bucket(t, QStringLiteral("green"), 1, 4, 8, 20, t % 10 == 0 ? 1 : 0));
    }
    return page;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    p.setColor(QPalette::Base, QColor(0x1f, 0x21, 0x24));
    p.setColor(QPalette::Text, QColor(0xe8, 0xea, 0xed));
    p.setColor(QPalette::WindowText, QColor(0xe8, 0xea, 0xed));
    p.setColor(QPalette::Button, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::ButtonText, QColor(0xe8, 0xea, 0xed));
    return p;
}

} // namespace

class TestMonitorPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void chartsDrawFromTheRingBuffer();
    void chartWindowIsFiveMinutes();
    void markersOnTheTimeAxis();
    void markerLabelsStayReadable();
    void followsThePalette();
    void loadAt90to10OnRealHost();
    void realMetricsFeed();

private:
    HostFixture m_host;
    bool m_hostUp = false;
    QString m_hostError;
};

void TestMonitorPanel::initTestCase()
{
    UiTest::isolateSettings();
}

void TestMonitorPanel::chartsDrawFromTheRingBuffer()
{
    MonitorPanel panel(nullptr);
    panel.resize(1200, 800);
    panel.show();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    panel.feed()->ingest(twoMinutes(now));
    // Coalesced: nothing is drawn until the timer fires.
    QVERIFY(!panel.requestsChart()->areaOf(QStringLiteral("blue")));
    QTRY_VERIFY(panel.requestsChart()->areaOf(QStringLiteral("green")));

    // Requests: one point a second over the whole five minutes, stacked blue then green.
    QAreaSeries *blue = panel.requestsChart()->areaOf(QStringLiteral("blue"));
    QAreaSeries *green = panel.requestsChart()->areaOf(QStringLiteral("green"));
    QDateTimeAxis *time = panel.requestsChart()->timeAxis();
    // From the left edge to the newest bucket (the right edge may be a second further on).
    const int points = int(time->min().toSecsSinceEpoch() <= now - 1 ? now - time->min().toSecsSinceEpoch() : 0);
    QVERIFY(points >= int(MonitorPanel::WindowSeconds) - 1);
    QCOMPARE(blue->upperSeries()->count(), points);
    QCOMPARE(green->lowerSeries(), blue->upperSeries());
    QCOMPARE(blue->upperSeries()->points().last().y(), 9.0);
    QCOMPARE(green->upperSeries()->points().last().y(), 10.0);
    QCOMPARE(blue->upperSeries()->points().first().y(), 0.0); // before the traffic began
    QCOMPARE(time->min().secsTo(time->max()), MonitorPanel::WindowSeconds - 1);
    QVERIFY(time->max().toSecsSinceEpoch() >= now - 1);
    QCOMPARE(panel.requestsChart()->valueAxis()->max(), 20.0); // 10 req/s, rounded up
    QCOMPARE(panel.requestsChart()->valueAxis()->min(), 0.0);
    QVERIFY(panel.requestsChart()->chart()->animationOptions() == QChart::NoAnimation);

    // Latency: a point for each second that had requests, p99 on top.
    QCOMPARE(panel.latencyChart()->line(QStringLiteral("green"), LatencyChart::P99)->count(), 120);
    QCOMPARE(panel.latencyChart()->line(QStringLiteral("blue"), LatencyChart::P50)->points().last().y(), 3.0);
    QCOMPARE(panel.latencyChart()->valueAxis()->max(), 50.0); // 20 ms * 1.1, rounded up

    // Errors: 5xx of green, 0 for blue.
    QLineSeries *green5xx = panel.errorsChart()->line(QStringLiteral("green"), ErrorsChart::Server5xx);
    QCOMPARE(green5xx->count(), points);
    double failures = 0;
    for (const QPointF &p : green5xx->points())
        failures += p.y();
    QCOMPARE(failures, 12.0);
    QCOMPARE(panel.errorsChart()->line(QStringLiteral("blue"), ErrorsChart::Server5xx)->points().last().y(), 0.0);
    QCOMPARE(panel.errorsChart()->valueAxis()->max(), 2.0);

    // The split: 90 / 10 over the last 30 s.
    SplitChart *split = panel.splitChart();
    QCOMPARE(split->categoryAxis()->categories(), (QStringList { QStringLiteral("blue"), QStringLiteral("green") }));
    QVERIFY(qAbs(split->observedSet()->at(0) - 90.0) < 1e-9);
    QVERIFY(qAbs(split->observedSet()->at(1) - 10.0) < 1e-9);
    QCOMPARE(split->configuredSet()->count(), 2);
    QCOMPARE(split->valueAxis()->max(), 100.0);

    // More data replaces the lists, never appends to them.
    MetricsPage more;
    more.cursor = 121;
    more.buckets.append(bucket(now, QStringLiteral("blue"), 20, 3, 5, 9));
    panel.feed()->ingest(more);
    QTRY_COMPARE(panel.requestsChart()->areaOf(QStringLiteral("blue"))->upperSeries()->points().last().y(), 20.0);
    QCOMPARE(panel.requestsChart()->areaOf(QStringLiteral("blue"))->upperSeries()->count(),
             int(now - panel.requestsChart()->timeAxis()->min().toSecsSinceEpoch() + 1));
    QCOMPARE(panel.requestsChart()->valueAxis()->max(), 50.0);
}

void TestMonitorPanel::chartWindowIsFiveMinutes()
{
    MonitorPanel panel(nullptr);
    panel.show();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    MetricsPage page;
    // Ten minutes: the ring keeps all of it (15 min), the charts show the last five.
    for (qint64 t = now - 600; t < now; t += 2)
        page.buckets.append(bucket(t, QStringLiteral("blue"), 4, 2, 3, 4));
    panel.feed()->ingest(page);
    QCOMPARE(panel.feed()->history().size(QStringLiteral("blue")), 300);
    panel.redrawNow();
    QLineSeries *p50 = panel.latencyChart()->line(QStringLiteral("blue"), LatencyChart::P50);
    QVERIFY(p50);
    QCOMPARE(p50->count(), 150); // one every two seconds, five minutes
    QVERIFY(p50->points().first().x() >= double((now - MonitorPanel::WindowSeconds) * 1000));
}

void TestMonitorPanel::markersOnTheTimeAxis()
{
    MonitorPanel panel(nullptr);
    panel.show();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    panel.feed()->ingest(twoMinutes(nowMs / 1000));
    panel.addMarker(TrafficMarker{ nowMs - 60000, QStringLiteral("blue 100→90, green 0→10") });
    panel.addMarker(TrafficMarker{ nowMs - 600000, QStringLiteral("too old to show") });
    panel.addMarker(TrafficMarker{ nowMs - 59000, QStringLiteral("blue 100→90, green 0→10") }); // the same change
    QCOMPARE(panel.markers().size(), 2);
    panel.redrawNow();
    QCOMPARE(panel.requestsChart()->visibleMarkerCount(), 1);
    QCOMPARE(panel.latencyChart()->visibleMarkerCount(), 1);
    QCOMPARE(panel.errorsChart()->visibleMarkerCount(), 1);
    // The marker spans the value axis at the change's time and carries its label.
    for (QAbstractSeries *series : panel.requestsChart()->chart()->series()) {
        auto *line = qobject_cast<QLineSeries *>(series);
        if (!line || !line->isVisible() || line->name() != QStringLiteral("blue 100→90, green 0→10"))
            continue;
        QCOMPARE(line->points().first().x(), double(nowMs - 60000)); // the first sighting stays
        QCOMPARE(line->points().last().y(), panel.requestsChart()->valueAxis()->max());
        return;
    }
    QFAIL("no visible marker series");
}

void TestMonitorPanel::markerLabelsStayReadable()
{
    MonitorPanel panel(nullptr);
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    panel.feed()->ingest(twoMinutes(nowMs / 1000));
    panel.addMarker(TrafficMarker{ nowMs - 200000, QStringLiteral("blue 100→90") });
    panel.addMarker(TrafficMarker{ nowMs - 5000, QStringLiteral("blue 90→50") });
    panel.addMarker(TrafficMarker{ nowMs - 4000, QStringLiteral("blue 50→0") });
    panel.redrawNow();
    panel.redrawNow(); // the second frame knows the laid-out plot area
    TimeChartView *chart = panel.requestsChart();
    QCOMPARE(chart->visibleMarkerCount(), 3);
    const auto labels = chart->visibleMarkerLabels();
    // The two changes a second apart share one label, the newer; the old one keeps its own.
    QCOMPARE(labels.size(), 2);
    QCOMPARE(labels[0].second, QStringLiteral("blue 50→0"));
    QCOMPARE(labels[1].second, QStringLiteral("blue 100→90"));
    // A change at the right edge has its label pulled inside the plot, not cut in half.
    const QFontMetricsF metrics(chart->font());
    const double msPerPx = double(chart->timeAxis()->max().toMSecsSinceEpoch() - chart->timeAxis()->min().toMSecsSinceEpoch())
        / chart->chart()->plotArea().width();
    const double halfWidthMs = metrics.horizontalAdvance(labels[0].second) / 2 * msPerPx;
    QVERIFY(labels[0].first + halfWidthMs <= double(chart->timeAxis()->max().toMSecsSinceEpoch()));
    QVERIFY(labels[0].first < double(nowMs - 4000));
}

void TestMonitorPanel::followsThePalette()
{
    MonitorPanel panel(nullptr);
    panel.show();
    panel.feed()->ingest(twoMinutes(QDateTime::currentSecsSinceEpoch()));
    panel.redrawNow();
    const QPalette dark = darkPalette();
    panel.setPalette(dark);
    QCOMPARE(panel.requestsChart()->chart()->backgroundBrush().color(), dark.color(QPalette::Base));
    QCOMPARE(panel.requestsChart()->timeAxis()->labelsBrush().color(), dark.color(QPalette::Text));
    QCOMPARE(panel.splitChart()->chart()->backgroundBrush().color(), dark.color(QPalette::Base));
    QCOMPARE(panel.latencyChart()->chart()->legend()->labelColor(), dark.color(QPalette::Text));
    // The series get their deployment colours back after the theme change.
    QTRY_VERIFY(panel.requestsChart()->areaOf(QStringLiteral("blue"))->brush().color().blue() > 150);
    QPalette light;
    light.setColor(QPalette::Base, Qt::white);
    light.setColor(QPalette::Text, Qt::black);
    panel.setPalette(light);
    QCOMPARE(panel.requestsChart()->chart()->backgroundBrush().color(), QColor(Qt::white));
    QCOMPARE(panel.errorsChart()->valueAxis()->labelsBrush().color(), QColor(Qt::black));
}

void TestMonitorPanel::loadAt90to10OnRealHost()
{
    QString error;
    QVERIFY2(UiTest::createDemo(m_host, &error), qPrintable(error));
    m_hostUp = true;
    const TrafficMap split{ { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } };
    QVERIFY(HostFixture::wait(m_host.client()->updateTraffic(QStringLiteral("demo"), split, std::nullopt, true)).ok());
    WorkspaceStore store(m_host.client());
    store.setRefreshInterval(300);
    QSignalSpy refreshed(&store, &WorkspaceStore::refreshed);
    store.start();
    QVERIFY(refreshed.wait(20000));

    MonitorPanel panel(&store);
    panel.resize(1200, 800);
    panel.show();
    panel.setEndpoint(QStringLiteral("demo"));
    QTRY_VERIFY_WITH_TIMEOUT(panel.feed()->availability() != MetricsFeed::Availability::Unknown, 10000);

    LoadControls *load = panel.loadControls();
    // One connection: the demo's instances take one request at a time, and a request that
    // waits in their queue past max_queue_wait_ms is refused with 429, as on Azure.
    load->setRate(40);
    load->setDurationSeconds(4);
    load->setConcurrency(1);
    QSignalSpy finished(load->generator(), &LoadGenerator::finished);
    load->start();
    QVERIFY(finished.wait(30000));
    const LoadProgress last = finished.first().first().value<LoadProgress>();
    QVERIFY2(last.failed == 0, qPrintable(last.lastError));
    QVERIFY(last.ok >= 80);
    QVERIFY(last.servedBy.value(QStringLiteral("blue")) > last.servedBy.value(QStringLiteral("green")));
    QVERIFY(last.servedBy.value(QStringLiteral("green")) > 0);
    QVERIFY(load->statusText().contains(QLatin1String("Finished")));

    // Whichever source the charts draw from, they show both deployments near 90 / 10.
    if (panel.feed()->availability() != MetricsFeed::Availability::Available)
        QVERIFY(panel.showsLocalObservations());
    QTRY_VERIFY_WITH_TIMEOUT(panel.shownHistory().size(QStringLiteral("green")) > 0, 15000);
    panel.redrawNow();
    SplitChart *chart = panel.splitChart();
    QCOMPARE(chart->categoryAxis()->categories(), (QStringList { QStringLiteral("blue"), QStringLiteral("green") }));
    QCOMPARE(chart->configuredSet()->at(0), 90.0);
    QCOMPARE(chart->configuredSet()->at(1), 10.0);
    QVERIFY2(chart->observedSet()->at(0) > 75 && chart->observedSet()->at(0) < 99,
             qPrintable(QString::number(chart->observedSet()->at(0))));
    QVERIFY(panel.requestsChart()->areaOf(QStringLiteral("green")));

    // A traffic change made elsewhere shows as a marker.
    const TrafficMap next{ { QStringLiteral("blue"), 50 }, { QStringLiteral("green"), 50 } };
    QVERIFY(HostFixture::wait(m_host.client()->updateTraffic(QStringLiteral("demo"), next, std::nullopt, true)).ok());
    const auto marked = [&panel](const QString &label) {
        const QList<TrafficMarker> markers = panel.markers();
        return std::any_of(markers.begin(), markers.end(), [&label](const TrafficMarker &m) { return m.label == label; });
    };
    // The changes before the panel opened come from the host's history, this one as it happens.
    QTRY_VERIFY_WITH_TIMEOUT(marked(QStringLiteral("blue 90→50, green 10→50")), 10000);
    QVERIFY(marked(QStringLiteral("blue 100→90, green 0→10")));
    QVERIFY(marked(QStringLiteral("blue 0→100")));
    QTRY_VERIFY(panel.markers().last().fromHistory); // the exact time replaced the one seen
    QCOMPARE(panel.markers().size(), 3);
    panel.redrawNow();
    QVERIFY(panel.requestsChart()->visibleMarkerCount() >= 1);
    QCOMPARE(panel.splitChart()->configuredSet()->at(1), 50.0);
}

void TestMonitorPanel::realMetricsFeed()
{
    if (!m_hostUp)
        QSKIP("the host did not start in loadAt90to10OnRealHost");
    const ApiResult probe = HostFixture::wait(m_host.client()->send("GET", MetricsFeed::metricsPath(QStringLiteral("demo"), 0)));
    if (probe.httpStatus == 404 || probe.httpStatus == 405)
        QSKIP(qPrintable(QStringLiteral("rolloutd does not serve GET .../onlineEndpoints/{e}/metrics yet (HTTP %1); "
                                        "this test turns on when it does")
                             .arg(probe.httpStatus)));
    QCOMPARE(probe.httpStatus, 200);
    QVERIFY(ArmJson::metricsFromJson(probe.json).ok());

    MetricsFeed feed(m_host.client());
    feed.setInterval(200);
    feed.setEndpoint(QStringLiteral("demo"));
    feed.start();
    QTRY_COMPARE_WITH_TIMEOUT(feed.availability(), MetricsFeed::Availability::Available, 10000);
    LoadGenerator generator;
    const auto [key, uri] = m_host.keyAndUri(QStringLiteral("demo"));
    QVERIFY(!key.isEmpty());
    LoadSettings settings;
    settings.scoringUri = QUrl(uri);
    settings.credential = key;
    settings.body = R"({"data": [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]]})";
    settings.ratePerSecond = 50;
    settings.durationMs = 3000;
    settings.concurrency = 1; // no 429s: every request is answered by a deployment
    // Seconds from the next one on hold only this run's requests.
    const qint64 from = QDateTime::currentSecsSinceEpoch() + 1;
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentSecsSinceEpoch() >= from, 2000);
    const auto countsOf = [&feed, from]() {
        QMap<QString, qint64> counts;
        for (const QString &d : feed.history().deployments()) {
            for (const MetricsBucket &b : feed.history().buckets(d, from))
                counts[d] += b.requests;
        }
        return counts;
    };
    QSignalSpy finished(&generator, &LoadGenerator::finished);
    QVERIFY(generator.start(settings).ok());
    QVERIFY(finished.wait(30000));
    const LoadProgress last = finished.first().first().value<LoadProgress>();
    QCOMPARE(last.failed, 0);
    QVERIFY(last.servedBy.value(QStringLiteral("green")) > 0);
    // The host's counts per deployment are exactly what the run saw answered.
    for (const QString &d : { QStringLiteral("blue"), QStringLiteral("green") })
        QTRY_COMPARE_WITH_TIMEOUT(countsOf().value(d), last.servedBy.value(d), 15000);
    // And the bucket shape is the contract's: latency percentiles in order.
    const QList<MetricsBucket> blue = feed.history().buckets(QStringLiteral("blue"), from);
    QVERIFY(!blue.isEmpty());
    QVERIFY(blue.first().p50Ms > 0 && blue.first().p50Ms <= blue.first().p99Ms);
}

QTEST_MAIN(TestMonitorPanel)
#include "tst_monitorpanel.moc"

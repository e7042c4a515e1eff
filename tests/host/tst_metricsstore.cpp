// The gateway's per-second metrics: histogram percentiles, settled seconds and the cursor,
// bounded memory, merges from several threads.

#include "metricsstore.h"

#include <QTest>

#include <thread>

class TestMetricsStore : public QObject
{
    Q_OBJECT
private slots:
    void percentiles_data();
    void percentiles();
    void settledSecondsAndCursor();
    void settlesWhenEveryWorkerCaughtUp();
    void endpointLevelAndMirrored();
    void boundedMemory();
    void mergesFromThreads();
};

void TestMetricsStore::percentiles_data()
{
    QTest::addColumn<QList<double>>("samplesMs");
    QTest::addColumn<double>("p50");
    QTest::addColumn<double>("p95");
    QTest::addColumn<double>("p99");
    QList<double> uniform;
    for (int i = 1; i <= 1000; ++i)
        uniform << i;
    QTest::newRow("1..1000 ms") << uniform << 500.0 << 950.0 << 990.0;
    QList<double> fast(990, 0.2);
    fast << QList<double>(10, 250.0);
    QTest::newRow("fast with a slow tail") << fast << 0.2 << 0.2 << 0.2;
    QList<double> tail(980, 0.5);
    tail << QList<double>(20, 40.0);
    QTest::newRow("2 % slow") << tail << 0.5 << 0.5 << 40.0;
    QTest::newRow("one sample") << QList<double> { 3.0 } << 3.0 << 3.0 << 3.0;
}

void TestMetricsStore::percentiles()
{
    QFETCH(QList<double>, samplesMs);
    QFETCH(double, p50);
    QFETCH(double, p95);
    QFETCH(double, p99);
    GatewayLatencyHistogram h;
    for (double ms : samplesMs)
        h.add(qint64(ms * 1e6));
    QCOMPARE(h.count(), qint64(samplesMs.size()));
    // Log-linear buckets: within 1/16 (+ 1 µs) of the true value.
    for (const auto &[q, expected] : { std::pair { 0.50, p50 }, std::pair { 0.95, p95 },
             std::pair { 0.99, p99 } }) {
        const double got = h.quantileMs(q);
        QVERIFY2(qAbs(got - expected) <= expected / 16 + 0.001,
            qPrintable(QStringLiteral("q%1: %2, expected %3").arg(q).arg(got).arg(expected)));
    }
}

void TestMetricsStore::settledSecondsAndCursor()
{
    MetricsStore store(960, 400);
    const qint64 t = 1700000000;
    SecondStats s;
    for (int i = 0; i < 5; ++i)
        s.addAnswer(200, 2000000, 10, 20);
    s.addAnswer(503, 1000000, 10, 30);
    store.merge(t, QStringLiteral("blue"), s);

    // Not settled yet: the other workers may still add to that second.
    MetricsPage page = store.page(0, (t + 1) * 1000 + 100);
    QVERIFY(page.buckets.isEmpty());
    QCOMPARE(page.cursor, t - 1);

    page = store.page(page.cursor, (t + 1) * 1000 + 450);
    QCOMPARE(page.buckets.size(), 1);
    const MetricsBucket &b = page.buckets.first();
    QCOMPARE(b.t, t);
    QCOMPARE(b.deployment, QStringLiteral("blue"));
    QCOMPARE(b.requests, 6);
    QCOMPARE(b.status2xx, 5);
    QCOMPARE(b.status5xx, 1);
    QCOMPARE(b.bytesIn, 60);
    QCOMPARE(b.bytesOut, 130);
    QVERIFY(qAbs(b.p50Ms - 2.0) < 0.15);
    QCOMPARE(page.cursor, t);

    // Polling on from the cursor gives each bucket once.
    store.merge(t + 1, QStringLiteral("blue"), s);
    page = store.page(page.cursor, (t + 2) * 1000 + 450);
    QCOMPARE(page.buckets.size(), 1);
    QCOMPARE(page.buckets.first().t, t + 1);
    page = store.page(page.cursor, (t + 2) * 1000 + 900);
    QVERIFY(page.buckets.isEmpty());
    // since=0 gives everything kept.
    QCOMPARE(store.page(0, (t + 3) * 1000).buckets.size(), 2);
}

void TestMetricsStore::settlesWhenEveryWorkerCaughtUp()
{
    MetricsStore store(960, 400);
    store.setWorkerCount(2);
    const qint64 t = 1700000000;
    SecondStats s;
    s.addAnswer(200, 2000000, 10, 20);
    store.merge(t, QStringLiteral("blue"), s);
    store.workerCaughtUp(0, t + 1);
    store.workerCaughtUp(1, t); // kept off the CPU: its part of second t is not in yet

    // The clock alone would settle second t here; the slow worker holds it back.
    MetricsPage page = store.page(0, (t + 3) * 1000);
    QVERIFY(page.buckets.isEmpty());
    QCOMPARE(page.cursor, t - 1);

    store.merge(t, QStringLiteral("blue"), s);
    store.workerCaughtUp(1, t + 2);
    page = store.page(page.cursor, (t + 3) * 1000);
    QCOMPARE(page.buckets.size(), 1);
    QCOMPARE(page.buckets.first().requests, 2); // both workers' answers, in one bucket sent once

    // A worker stalled for longer than StallSeconds no longer holds the feed back.
    store.merge(t + 5, QStringLiteral("blue"), s);
    store.workerCaughtUp(0, t + 30);
    QVERIFY(store.page(page.cursor, (t + 7) * 1000 + 500).buckets.isEmpty()); // worker 1 is at t + 2
    page = store.page(page.cursor, (t + 7 + MetricsStore::StallSeconds) * 1000 + 500);
    QCOMPARE(page.buckets.size(), 1);
    QCOMPARE(page.buckets.first().t, t + 5);
}

void TestMetricsStore::endpointLevelAndMirrored()
{
    MetricsStore store;
    const qint64 t = 1700000000;
    SecondStats refused;
    refused.addAnswer(401, 100000, 0, 50);
    store.merge(t, QString(), refused);
    SecondStats copies;
    copies.mirrored = 7;
    store.merge(t, QStringLiteral("green"), copies);
    const MetricsPage page = store.page(0, (t + 5) * 1000);
    QCOMPARE(page.buckets.size(), 2);
    QCOMPARE(page.buckets.at(0).deployment, QString()); // the endpoint level sorts first
    QCOMPARE(page.buckets.at(0).status4xx, 1);
    QCOMPARE(page.buckets.at(1).deployment, QStringLiteral("green"));
    QCOMPARE(page.buckets.at(1).mirrored, 7);
    QCOMPARE(page.buckets.at(1).requests, 0);
}

void TestMetricsStore::boundedMemory()
{
    MetricsStore store(900, 400);
    const qint64 t0 = 1700000000;
    SecondStats s;
    s.addAnswer(200, 1000000, 1, 1);
    for (qint64 t = t0; t < t0 + 3000; ++t) {
        store.merge(t, QStringLiteral("blue"), s);
        store.merge(t, QStringLiteral("green"), s);
    }
    const MetricsPage page = store.page(0, (t0 + 3000) * 1000 + 500);
    // 15 minutes of seconds, two deployments each: the rest is gone.
    QVERIFY2(page.buckets.size() <= 2 * 900, qPrintable(QString::number(page.buckets.size())));
    QVERIFY(page.buckets.size() >= 2 * 898);
    QVERIFY(page.buckets.first().t > t0 + 3000 - 900 - 2);
}

void TestMetricsStore::mergesFromThreads()
{
    MetricsStore store;
    const qint64 t = 1700000000;
    std::vector<std::thread> threads;
    for (int w = 0; w < 4; ++w) {
        threads.emplace_back([&store, t] {
            for (int i = 0; i < 1000; ++i) {
                SecondStats s;
                s.addAnswer(200, 1000000, 1, 2);
                store.merge(t + i % 10, QStringLiteral("blue"), s);
            }
        });
    }
    for (std::thread &thread : threads)
        thread.join();
    qint64 total = 0;
    for (const MetricsBucket &b : store.page(0, (t + 20) * 1000).buckets)
        total += b.requests;
    QCOMPARE(total, 4000);
}

QTEST_APPLESS_MAIN(TestMetricsStore)
#include "tst_metricsstore.moc"

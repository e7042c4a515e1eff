#include "weightedchoice.h"

#include <QTest>
#include <cmath>

Q_DECLARE_METATYPE(TrafficMap)

// Smooth weighted round-robin: over every window of 1000 consecutive picks each name's
// share stays within one percentage point of its weight.
class TestWeightedChoice : public QObject
{
    Q_OBJECT
private slots:
    void windowShares_data();
    void windowShares();
    void interleaves();
    void sameWeightsKeepRotation();
    void weightsChangeMidStream_data();
    void weightsChangeMidStream();
    void nothingToChoose_data();
    void nothingToChoose();
};

static TrafficMap weights(std::initializer_list<int> values)
{
    TrafficMap map;
    int i = 0;
    for (int v : values)
        map.insert(QStringLiteral("d%1").arg(i++), v);
    return map;
}

// Checks every window of `window` consecutive picks of `picks` (slid one pick at a time);
// returns the worst deviation in percentage points, and counts picks of zero weights.
static double worstWindowDeviation(
    const QStringList &picks, const TrafficMap &map, int window, int *zeroPicks)
{
    qint64 total = 0;
    for (int w : map)
        total += std::max(w, 0);
    QHash<QString, int> counts;
    double worst = 0;
    *zeroPicks = 0;
    for (qsizetype i = 0; i < picks.size(); ++i) {
        if (map.value(picks.at(i)) <= 0)
            ++*zeroPicks;
        ++counts[picks.at(i)];
        if (i >= window)
            --counts[picks.at(i - window)];
        if (i + 1 < window)
            continue;
        for (auto it = map.cbegin(); it != map.cend(); ++it) {
            const double expected = 100.0 * std::max(it.value(), 0) / double(total);
            const double observed = 100.0 * counts.value(it.key()) / double(window);
            worst = std::max(worst, std::abs(observed - expected));
        }
    }
    return worst;
}

void TestWeightedChoice::windowShares_data()
{
    QTest::addColumn<TrafficMap>("map");
    QTest::newRow("90/10") << weights({ 90, 10 });
    QTest::newRow("50/50") << weights({ 50, 50 });
    QTest::newRow("1/99") << weights({ 1, 99 });
    QTest::newRow("99/1") << weights({ 99, 1 });
    QTest::newRow("33/33/34") << weights({ 33, 33, 34 });
    QTest::newRow("100/0") << weights({ 100, 0 });
    QTest::newRow("0/100") << weights({ 0, 100 });
    QTest::newRow("50/30/20") << weights({ 50, 30, 20 });
    QTest::newRow("7 deployments") << weights({ 5, 10, 15, 20, 25, 15, 10 });
    QTest::newRow("7 uneven") << weights({ 1, 2, 3, 4, 5, 6, 79 });
    QTest::newRow("0/60/40") << weights({ 0, 60, 40 });
    QTest::newRow("20 deployments of 5")
        << weights({ 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 });
    QTest::newRow("total 3, not 100") << weights({ 1, 2 });
    QTest::newRow("total 7, not 100") << weights({ 3, 4 });
}

void TestWeightedChoice::windowShares()
{
    QFETCH(TrafficMap, map);
    WeightedChoice choice(map);
    QVERIFY(choice.hasChoice());
    QStringList picks;
    for (int i = 0; i < 5000; ++i)
        picks.append(choice.next());
    int zeroPicks = 0;
    const double worst = worstWindowDeviation(picks, map, 1000, &zeroPicks);
    QVERIFY2(worst <= 1.0, qPrintable(QStringLiteral("a window is %1 points off").arg(worst)));
    QCOMPARE(zeroPicks, 0);
    // Every period of `total` picks holds each entry exactly its weight.
    int total = 0;
    for (int w : map)
        total += w;
    for (int start = 0; start + total <= 1000; start += total) {
        const QStringList period = picks.mid(start, total);
        for (auto it = map.cbegin(); it != map.cend(); ++it)
            QCOMPARE(period.count(it.key()), it.value());
    }
}

void TestWeightedChoice::interleaves()
{
    // 90/10 spreads the 10 % evenly: never two in a row, one in every 10 picks.
    WeightedChoice choice(weights({ 90, 10 }));
    QStringList picks;
    for (int i = 0; i < 200; ++i)
        picks.append(choice.next());
    for (int start = 0; start + 10 <= picks.size(); start += 10)
        QCOMPARE(picks.mid(start, 10).count(QStringLiteral("d1")), 1);
    for (int i = 1; i < picks.size(); ++i)
        QVERIFY(!(picks.at(i) == QStringLiteral("d1") && picks.at(i - 1) == QStringLiteral("d1")));
}

void TestWeightedChoice::sameWeightsKeepRotation()
{
    // A table rebuilt for another reason hands over the same weights: the split must not
    // restart (which would skew it towards the first entry).
    WeightedChoice a(weights({ 70, 30 }));
    WeightedChoice b(weights({ 70, 30 }));
    for (int i = 0; i < 1000; ++i) {
        if (i % 7 == 0)
            b.setWeights(weights({ 70, 30 }));
        QCOMPARE(b.next(), a.next());
    }
    // Other weights do restart.
    a.setWeights(weights({ 30, 70 }));
    WeightedChoice fresh(weights({ 30, 70 }));
    for (int i = 0; i < 100; ++i)
        QCOMPARE(a.next(), fresh.next());
}

void TestWeightedChoice::weightsChangeMidStream_data()
{
    QTest::addColumn<TrafficMap>("before");
    QTest::addColumn<TrafficMap>("after");
    QTest::addColumn<int>("changeAt");
    QTest::newRow("90/10 -> 10/90") << weights({ 90, 10 }) << weights({ 10, 90 }) << 537;
    QTest::newRow("100/0 -> 50/50") << weights({ 100, 0 }) << weights({ 50, 50 }) << 1;
    QTest::newRow("50/50 -> 0/100") << weights({ 50, 50 }) << weights({ 0, 100 }) << 999;
    QTest::newRow("2 -> 3 deployments") << weights({ 60, 40 }) << weights({ 20, 30, 50 }) << 250;
}

void TestWeightedChoice::weightsChangeMidStream()
{
    QFETCH(TrafficMap, before);
    QFETCH(TrafficMap, after);
    QFETCH(int, changeAt);
    WeightedChoice choice(before);
    QStringList old;
    for (int i = 0; i < changeAt; ++i)
        old.append(choice.next());
    choice.setWeights(after);
    QCOMPARE(choice.weights(), after);
    QStringList picks;
    for (int i = 0; i < 4000; ++i)
        picks.append(choice.next());
    int zeroPicks = 0;
    QVERIFY(worstWindowDeviation(picks, after, 1000, &zeroPicks) <= 1.0);
    QCOMPARE(zeroPicks, 0);
    int oldZeroPicks = 0;
    worstWindowDeviation(old, before, 1000, &oldZeroPicks);
    QCOMPARE(oldZeroPicks, 0);
}

void TestWeightedChoice::nothingToChoose_data()
{
    QTest::addColumn<TrafficMap>("map");
    QTest::newRow("empty") << TrafficMap();
    QTest::newRow("0/0") << weights({ 0, 0 });
    QTest::newRow("negative") << weights({ -5, 0 });
}

void TestWeightedChoice::nothingToChoose()
{
    QFETCH(TrafficMap, map);
    WeightedChoice choice(map);
    QVERIFY(!choice.hasChoice());
    QVERIFY(choice.names().isEmpty());
    QCOMPARE(choice.next(), QString());
    QCOMPARE(choice.nextIndex(), -1);
    // And choices come back once a weight is positive.
    TrafficMap some = map;
    some.insert(QStringLiteral("late"), 100);
    choice.setWeights(some);
    QCOMPARE(choice.next(), QStringLiteral("late"));
}

QTEST_APPLESS_MAIN(TestWeightedChoice)
#include "tst_weightedchoice.moc"

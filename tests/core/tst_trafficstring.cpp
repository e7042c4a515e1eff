#include "rules.h"

#include <QTest>

Q_DECLARE_METATYPE(TrafficMap)

class TestTrafficString : public QObject
{
    Q_OBJECT
private slots:
    void good_data();
    void good();
    void bad_data();
    void bad();
    void roundTrip();
};

void TestTrafficString::good_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<TrafficMap>("expected");

    TrafficMap split { { QStringLiteral("blue"), 90 }, { QStringLiteral("green"), 10 } };
    QTest::newRow("tutorial") << "blue=90 green=10" << split;
    QTest::newRow("extra spaces between") << "blue=90    green=10" << split;
    QTest::newRow("leading and trailing spaces") << "  blue=90 green=10  " << split;
    QTest::newRow("spaces around =") << "blue = 90 green= 10" << split;
    QTest::newRow("tabs") << "blue=90\tgreen=10" << split;
    QTest::newRow("zero clears mirror")
        << "green=0" << TrafficMap { { QStringLiteral("green"), 0 } };
    QTest::newRow("0/100") << "blue=0 green=100"
                           << TrafficMap { { QStringLiteral("blue"), 0 },
                                  { QStringLiteral("green"), 100 } };
    QTest::newRow("leading zero") << "blue=010 green=090"
                                  << TrafficMap { { QStringLiteral("blue"), 10 },
                                         { QStringLiteral("green"), 90 } };
}

void TestTrafficString::good()
{
    QFETCH(QString, text);
    QFETCH(TrafficMap, expected);
    const Result<TrafficMap> parsed = Rules::parseTrafficString(text);
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().message));
    QCOMPARE(parsed.value(), expected);
}

void TestTrafficString::bad_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("badToken");
    QTest::addColumn<QString>("keyword");

    QTest::newRow("decimal") << "blue=90.5 green=9.5"
                             << "blue=90.5"
                             << "whole numbers";
    QTest::newRow("negative") << "blue=100 green=-10"
                              << "green=-10"
                              << "negative";
    QTest::newRow("percent sign") << "blue=90% green=10%"
                                  << "blue=90%"
                                  << "'%'";
    QTest::newRow("colon") << "blue:90 green:10"
                           << "blue:90"
                           << "not ':'";
    QTest::newRow("duplicate") << "blue=50 blue=50"
                               << "blue=50"
                               << "given twice";
    QTest::newRow("empty name") << "=100"
                                << "=100"
                                << "name before '=' is empty";
    QTest::newRow("empty value") << "blue= green=100"
                                 << "blue=green=100"
                                 << "more than one";
    QTest::newRow("trailing garbage") << "blue=90 green=10 x"
                                      << "x"
                                      << "name=percent";
    QTest::newRow("comma separated") << "blue=90,green=10"
                                     << "blue=90,green=10"
                                     << "";
    QTest::newRow("comma and space") << "blue=90, green=10"
                                     << "blue=90,"
                                     << "commas";
    QTest::newRow("word value") << "blue=ninety"
                                << "blue=ninety"
                                << "not a whole number";
    QTest::newRow("over 100") << "blue=101"
                              << "blue=101"
                              << "at most 100";
    QTest::newRow("huge number") << "blue=99999999999999999999"
                                 << "blue=99999999999999999999"
                                 << "at most 100";
    QTest::newRow("missing value at end") << "blue="
                                          << "blue="
                                          << "percent after '=' is empty";
    QTest::newRow("empty") << ""
                           << ""
                           << "is empty";
    QTest::newRow("only spaces") << "   "
                                 << ""
                                 << "is empty";
    QTest::newRow("plus sign") << "blue=+90 green=10"
                               << "blue=+90"
                               << "not a whole number";
}

void TestTrafficString::bad()
{
    QFETCH(QString, text);
    QFETCH(QString, badToken);
    QFETCH(QString, keyword);
    const Result<TrafficMap> parsed = Rules::parseTrafficString(text, QStringLiteral("--traffic"));
    QVERIFY(!parsed.ok());
    const QString message = parsed.error().message;
    QVERIFY2(message.contains(QStringLiteral("'") + badToken + QStringLiteral("'"))
            || badToken.isEmpty(),
        qPrintable(message));
    QVERIFY2(message.contains(keyword, Qt::CaseInsensitive), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("--traffic")), qPrintable(message));
    // Every error shows the expected form.
    QVERIFY2(message.contains(QStringLiteral("blue=90 green=10")), qPrintable(message));
}

void TestTrafficString::roundTrip()
{
    const TrafficMap map { { QStringLiteral("blue"), 25 }, { QStringLiteral("green"), 75 } };
    QCOMPARE(Rules::parseTrafficString(Rules::formatTraffic(map)).value(), map);
    const Result<TrafficMap> mirror
        = Rules::parseTrafficString(QStringLiteral("green=x"), QStringLiteral("--mirror-traffic"));
    QVERIFY(!mirror.ok());
    QVERIFY(mirror.error().message.contains(QStringLiteral("--mirror-traffic")));
}

QTEST_APPLESS_MAIN(TestTrafficString)
#include "tst_trafficstring.moc"

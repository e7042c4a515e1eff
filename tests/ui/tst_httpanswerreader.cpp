// The load generator's answer reader: framings, interim answers, bytes split anywhere,
// and the latency histogram's percentiles.

#include "httpanswerreader.h"
#include "latencyhistogram.h"

#include <QTest>

class TestHttpAnswerReader : public QObject
{
    Q_OBJECT
private slots:
    void complete_data();
    void complete();
    void untilClose();
    void cutShortIsBad();
    void malformed_data();
    void malformed();
    void keepsBytesOfTheNextAnswer();
    void histogram();
};

void TestHttpAnswerReader::complete_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("servedBy");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<qint64>("bodyBytes");

    QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                                                  "azureml-model-deployment: green\r\n\r\n[0.5]")
                                    << 200 << QByteArray("green") << true << qint64(5);
    QTest::newRow("header names any case") << QByteArray("HTTP/1.1 424 Failed\r\nCONTENT-LENGTH: 2\r\n"
                                                         "AzureML-Model-Deployment:  blue \r\n\r\n{}")
                                           << 424 << QByteArray("blue") << true << qint64(2);
    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-Trailer: 1\r\n\r\n")
                             << 200 << QByteArray() << true << qint64(13);
    QTest::newRow("connection close") << QByteArray("HTTP/1.1 503 Busy\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
                                      << 503 << QByteArray() << false << qint64(0);
    QTest::newRow("http/1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx")
                              << 200 << QByteArray() << false << qint64(1);
    QTest::newRow("100 continue first") << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok")
                                        << 201 << QByteArray() << true << qint64(2);
    QTest::newRow("204 has no body") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << 204 << QByteArray() << true << qint64(0);
}

void TestHttpAnswerReader::complete()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    QFETCH(QByteArray, servedBy);
    QFETCH(bool, keepAlive);
    QFETCH(qint64, bodyBytes);
    // Whole, and split at every position: a socket may deliver any slice.
    for (qsizetype split = 0; split <= wire.size(); ++split) {
        HttpAnswerReader reader;
        HttpAnswerReader::State state = reader.feed(wire.left(split));
        if (split < wire.size()) {
            QCOMPARE(state, HttpAnswerReader::State::Incomplete);
            state = reader.feed(wire.mid(split));
        }
        QCOMPARE(state, HttpAnswerReader::State::Complete);
        QCOMPARE(reader.status(), status);
        QCOMPARE(reader.servedBy(), servedBy);
        QCOMPARE(reader.keepAlive(), keepAlive);
        QCOMPARE(reader.bodyBytes(), bodyBytes);
    }
}

void TestHttpAnswerReader::untilClose()
{
    HttpAnswerReader reader;
    QCOMPARE(reader.feed("HTTP/1.1 200 OK\r\n\r\nsome"), HttpAnswerReader::State::Incomplete);
    QCOMPARE(reader.feed(" more"), HttpAnswerReader::State::Incomplete);
    QCOMPARE(reader.finishOnClose(), HttpAnswerReader::State::Complete);
    QCOMPARE(reader.bodyBytes(), 9);
    QVERIFY(!reader.keepAlive());
}

void TestHttpAnswerReader::cutShortIsBad()
{
    HttpAnswerReader reader;
    QCOMPARE(reader.feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"), HttpAnswerReader::State::Incomplete);
    QCOMPARE(reader.finishOnClose(), HttpAnswerReader::State::Bad);
    QVERIFY(reader.errorText().contains("closed"));
}

void TestHttpAnswerReader::malformed_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH\r\n\r\n");
    QTest::newRow("no status code") << QByteArray("HTTP/1.1 abc OK\r\n\r\n");
    QTest::newRow("bad length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n");
    QTest::newRow("field without colon") << QByteArray("HTTP/1.1 200 OK\r\nnonsense\r\n\r\n");
    QTest::newRow("bad chunk size") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
}

void TestHttpAnswerReader::malformed()
{
    QFETCH(QByteArray, wire);
    HttpAnswerReader reader;
    QCOMPARE(reader.feed(wire), HttpAnswerReader::State::Bad);
    QVERIFY(!reader.errorText().isEmpty());
}

void TestHttpAnswerReader::keepsBytesOfTheNextAnswer()
{
    HttpAnswerReader reader;
    const QByteArray two = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naHTTP/1.1 500 X\r\nContent-Length: 0\r\n\r\n";
    QCOMPARE(reader.feed(two), HttpAnswerReader::State::Complete);
    QCOMPARE(reader.status(), 200);
    reader.reset();
    QCOMPARE(reader.feed(QByteArray()), HttpAnswerReader::State::Complete);
    QCOMPARE(reader.status(), 500);
}

void TestHttpAnswerReader::histogram()
{
    LatencyHistogram h;
    QCOMPARE(h.percentile(0.5), 0.0);
    for (int ms = 1; ms <= 100; ++ms)
        h.add(ms);
    QCOMPARE(h.count(), 100);
    // Bins are 2 % wide: each percentile within 2 % of the exact value.
    QVERIFY(qAbs(h.percentile(0.50) - 50) <= 1.0);
    QVERIFY(qAbs(h.percentile(0.95) - 95) <= 1.9);
    QVERIFY(qAbs(h.percentile(0.99) - 99) <= 2.0);
    QCOMPARE(h.percentile(1.0), 100.0);
    h.add(0); // a zero-latency sample lands in the first bin
    QVERIFY(h.percentile(0.0) <= 0.01);
    h.clear();
    QCOMPARE(h.count(), 0);
}

QTEST_APPLESS_MAIN(TestHttpAnswerReader)
#include "tst_httpanswerreader.moc"

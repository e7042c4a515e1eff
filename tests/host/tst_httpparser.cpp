// The pure HTTP parts: request parser, response parser and response writer.

#include "httpparser.h"
#include "httpresponseparser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <cstring>

namespace {

const QByteArray kHost = "Host: 127.0.0.1\r\n";

// One line that says everything a row checks: "more", "error 400", or
// "METHOD path?query [body] keep|close".
QByteArray summary(const HttpRequestParser &parser)
{
    switch (parser.state()) {
    case HttpParseState::NeedMore:
        return "more";
    case HttpParseState::Error:
        return "error " + QByteArray::number(parser.errorStatus());
    case HttpParseState::Complete:
        break;
    }
    QByteArray out = parser.method().toByteArray() + ' ' + parser.path().toByteArray();
    if (parser.hasQuery())
        out += '?' + parser.query().toByteArray();
    out += " [" + parser.body().toByteArray() + "] " + (parser.keepAlive() ? "keep" : "close");
    return out;
}

// "more", "error 502", or "STATUS [body] keep|close i=INTERIM".
QByteArray summary(const HttpResponseParser &parser)
{
    switch (parser.state()) {
    case HttpParseState::NeedMore:
        return "more";
    case HttpParseState::Error:
        return "error " + QByteArray::number(parser.errorStatus());
    case HttpParseState::Complete:
        break;
    }
    return QByteArray::number(parser.statusCode()) + " [" + parser.body().toByteArray() + "] "
        + (parser.keepAlive() ? "keep" : "close")
        + " i=" + QByteArray::number(parser.interimCount());
}

QByteArray manyHeaders(int n)
{
    QByteArray out;
    for (int i = 0; i < n; ++i)
        out += "X-H" + QByteArray::number(i) + ": v\r\n";
    return out;
}

} // namespace

class TestHttpParser : public QObject
{
    Q_OBJECT

private slots:
    void requests_data();
    void requests();
    void byteByByte_data() { requests_data(); }
    void byteByByte();
    void splitEverywhere_data() { requests_data(); }
    void splitEverywhere();
    void mutatedInputIsConsistent();
    void zeroCopyInput();
    void pipelined();
    void resetAfterErrorDropsTheRest();
    void headerLookup();
    void customLimits_data();
    void customLimits();
    void keepAlive_data();
    void keepAlive();
    void responses_data();
    void responses();
    void responsesByteByByte_data() { responses_data(); }
    void responsesByteByByte();
    void pipelinedResponses();
    void writer_data();
    void writer();
    void writerDateAndRoundTrip();
    void errorEnvelope();
};

void TestHttpParser::requests_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArray>("messagePart"); // the error message must say this

    const QByteArray big(17000, 'a');
    // --- complete requests
    QTest::newRow("simple GET") << "GET / HTTP/1.1\r\n" + kHost + "\r\n"
                                << QByteArray("GET / [] keep") << QByteArray();
    QTest::newRow("GET with query")
        << "GET /subscriptions/s/onlineEndpoints?api-version=2025-12-01&x= HTTP/1.1\r\n" + kHost
            + "\r\n"
        << QByteArray("GET /subscriptions/s/onlineEndpoints?api-version=2025-12-01&x= [] keep")
        << QByteArray();
    QTest::newRow("POST with body")
        << "POST /score HTTP/1.1\r\n" + kHost
            + "Content-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"data\":[]}"
        << QByteArray("POST /score [{\"data\":[]}] keep") << QByteArray();
    QTest::newRow("Content-Length 0")
        << "POST /x HTTP/1.1\r\n" + kHost + "Content-Length: 0\r\n\r\n"
        << QByteArray("POST /x [] keep") << QByteArray();
    QTest::newRow("chunked with extensions and trailer") << "POST /c HTTP/1.1\r\n" + kHost
            + "Transfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n6 ; ext=\"q\"\r\n "
              "world\r\n0\r\nX-Sum: ab\r\n\r\n" << QByteArray("POST /c [hello world] keep")
                                                         << QByteArray();
    QTest::newRow("chunked upper-case hex, leading zeros")
        << "PUT /c HTTP/1.1\r\n" + kHost
            + "Transfer-Encoding: Chunked\r\n\r\n00A\r\n0123456789\r\n000\r\n\r\n"
        << QByteArray("PUT /c [0123456789] keep") << QByteArray();
    QTest::newRow("absolute-form target")
        << "GET http://127.0.0.1:8080/a/b?c=d HTTP/1.1\r\n" + kHost + "\r\n"
        << QByteArray("GET /a/b?c=d [] keep") << QByteArray();
    QTest::newRow("absolute-form without path") << "GET HTTP://h HTTP/1.1\r\n" + kHost + "\r\n"
                                                << QByteArray("GET / [] keep") << QByteArray();
    QTest::newRow("OPTIONS *") << "OPTIONS * HTTP/1.1\r\n" + kHost + "\r\n"
                               << QByteArray("OPTIONS / [] keep") << QByteArray();
    QTest::newRow("bare LF line ends") << QByteArray("GET /lf HTTP/1.1\nHost: x\n\n")
                                       << QByteArray("GET /lf [] keep") << QByteArray();
    QTest::newRow("empty line before the request") << "\r\nGET / HTTP/1.1\r\n" + kHost + "\r\n"
                                                   << QByteArray("GET / [] keep") << QByteArray();
    QTest::newRow("HTTP/1.0 needs no Host") << QByteArray("GET /old HTTP/1.0\r\n\r\n")
                                            << QByteArray("GET /old [] close") << QByteArray();
    QTest::newRow("Connection: close")
        << "DELETE /d HTTP/1.1\r\n" + kHost + "Connection: close\r\n\r\n"
        << QByteArray("DELETE /d [] close") << QByteArray();
    QTest::newRow("repeated equal Content-Length")
        << "POST /x HTTP/1.1\r\n" + kHost + "Content-Length: 3\r\ncontent-length: 3\r\n\r\nabc"
        << QByteArray("POST /x [abc] keep") << QByteArray();
    QTest::newRow("Content-Length list of equal values")
        << "POST /x HTTP/1.1\r\n" + kHost + "Content-Length: 3, 3\r\n\r\nabc"
        << QByteArray("POST /x [abc] keep") << QByteArray();
    // --- incomplete
    QTest::newRow("head not finished")
        << "GET / HTTP/1.1\r\n" + kHost << QByteArray("more") << QByteArray();
    QTest::newRow("body not finished")
        << "POST /x HTTP/1.1\r\n" + kHost + "Content-Length: 10\r\n\r\nabc" << QByteArray("more")
        << QByteArray();
    QTest::newRow("chunked not finished")
        << "POST /x HTTP/1.1\r\n" + kHost + "Transfer-Encoding: chunked\r\n\r\n5\r\nhel"
        << QByteArray("more") << QByteArray();
    QTest::newRow("body exactly at the limit waits")
        << "POST /x HTTP/1.1\r\n" + kHost + "Content-Length: 1572864\r\n\r\n"
        << QByteArray("more") << QByteArray();
    // --- limits
    QTest::newRow("413 before the body arrives")
        << "POST /x HTTP/1.1\r\n" + kHost + "Content-Length: 1572865\r\n\r\n"
        << QByteArray("error 413") << QByteArray("1572864-byte limit");
    QTest::newRow("413 for a huge Content-Length")
        << "POST /x HTTP/1.1\r\n" + kHost + "Content-Length: 99999999999999999999999\r\n\r\n"
        << QByteArray("error 413") << QByteArray("limit");
    QTest::newRow("413 chunked over the limit")
        << "POST /x HTTP/1.1\r\n" + kHost
            + "Transfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n180000\r\n"
        << QByteArray("error 413") << QByteArray("chunked body");
    QTest::newRow("431 header section over 16 KiB")
        << "GET / HTTP/1.1\r\n" + kHost + "X-Big: " + big + "\r\n\r\n"
        << QByteArray("error 431") << QByteArray("16384-byte limit");
    QTest::newRow("431 endless header line")
        << "GET / HTTP/1.1\r\n" + kHost + "X-Big: " + big << QByteArray("error 431")
        << QByteArray("16384-byte limit");
    QTest::newRow("431 too many fields") << "GET / HTTP/1.1\r\n" + kHost + manyHeaders(100) + "\r\n"
                                         << QByteArray("error 431") << QByteArray("more than 100");
    // --- malformed request line
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << QByteArray("error 400")
                                << QByteArray("METHOD /path");
    QTest::newRow("garbage") << QByteArray("hello there\r\n\r\n") << QByteArray("error 400")
                             << QByteArray("METHOD /path");
    QTest::newRow("lower-case version") << "GET / http/1.1\r\n" + kHost + "\r\n"
                                        << QByteArray("error 400") << QByteArray("METHOD /path");
    QTest::newRow("HTTP/2.0 is 505") << "GET / HTTP/2.0\r\n" + kHost + "\r\n"
                                     << QByteArray("error 505") << QByteArray("use HTTP/1.1");
    QTest::newRow("HTTP/3 is 505") << "GET / HTTP/3\r\n" + kHost + "\r\n"
                                   << QByteArray("error 505") << QByteArray("HTTP/3");
    QTest::newRow("HTTP/1 malformed") << "GET / HTTP/1\r\n" + kHost + "\r\n"
                                      << QByteArray("error 400") << QByteArray("malformed");
    QTest::newRow("two spaces") << "GET  / HTTP/1.1\r\n" + kHost + "\r\n"
                                << QByteArray("error 400") << QByteArray();
    QTest::newRow("text after the version") << "GET / HTTP/1.1 x\r\n" + kHost + "\r\n"
                                            << QByteArray("error 400") << QByteArray("malformed");
    QTest::newRow("bad method character") << "GE@T / HTTP/1.1\r\n" + kHost + "\r\n"
                                          << QByteArray("error 400") << QByteArray("GE@T");
    QTest::newRow("target without slash")
        << "GET index.html HTTP/1.1\r\n" + kHost + "\r\n"
        << QByteArray("error 400") << QByteArray("starting with '/'");
    QTest::newRow("target with fragment")
        << "GET /a#b HTTP/1.1\r\n" + kHost + "\r\n"
        << QByteArray("error 400") << QByteArray("percent-encoded");
    QTest::newRow("CONNECT is 501") << "CONNECT h:443 HTTP/1.1\r\n" + kHost + "\r\n"
                                    << QByteArray("error 501") << QByteArray("CONNECT");
    // --- malformed fields
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost x\r\n\r\n")
                                          << QByteArray("error 400") << QByteArray("no colon");
    QTest::newRow("space before colon")
        << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << QByteArray("error 400")
        << QByteArray("before the colon");
    QTest::newRow("obs-fold") << "GET / HTTP/1.1\r\n" + kHost + "X-A: 1\r\n  continued\r\n\r\n"
                              << QByteArray("error 400") << QByteArray("folding");
    QTest::newRow("NUL in a value")
        << "GET / HTTP/1.1\r\n" + kHost + QByteArray("X-A: a\0b\r\n\r\n", 12)
        << QByteArray("error 400") << QByteArray("control character");
    QTest::newRow("bare CR in a value")
        << "GET / HTTP/1.1\r\n" + kHost + "X-A: a\rb\r\n\r\n"
        << QByteArray("error 400") << QByteArray("control character");
    QTest::newRow("missing Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << QByteArray("error 400")
                                  << QByteArray("Host");
    QTest::newRow("two Hosts") << "GET / HTTP/1.1\r\n" + kHost + kHost + "\r\n"
                               << QByteArray("error 400") << QByteArray("Host");
    // --- framing
    QTest::newRow("Content-Length with Transfer-Encoding")
        << "POST /x HTTP/1.1\r\n" + kHost
            + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        << QByteArray("error 400") << QByteArray("only one");
    QTest::newRow("conflicting Content-Length")
        << "POST /x HTTP/1.1\r\n" + kHost + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"
        << QByteArray("error 400") << QByteArray("conflicting Content-Length values 3 and 4");
    QTest::newRow("conflicting Content-Length list")
        << "POST /x HTTP/1.1\r\n" + kHost + "Content-Length: 3, 4\r\n\r\nabc"
        << QByteArray("error 400") << QByteArray("conflicting");
    QTest::newRow("negative Content-Length")
        << "POST /x HTTP/1.1\r\n" + kHost + "Content-Length: -1\r\n\r\n"
        << QByteArray("error 400") << QByteArray("\"-1\"");
    QTest::newRow("empty Content-Length")
        << "POST /x HTTP/1.1\r\n" + kHost + "Content-Length:\r\n\r\n"
        << QByteArray("error 400") << QByteArray("empty");
    QTest::newRow("gzip transfer coding is 501")
        << "POST /x HTTP/1.1\r\n" + kHost + "Transfer-Encoding: gzip, chunked\r\n\r\n"
        << QByteArray("error 501") << QByteArray("gzip");
    QTest::newRow("chunked twice")
        << "POST /x HTTP/1.1\r\n" + kHost + "Transfer-Encoding: chunked, chunked\r\n\r\n"
        << QByteArray("error 400") << QByteArray("exactly once");
    QTest::newRow("Transfer-Encoding in HTTP/1.0")
        << QByteArray("POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n")
        << QByteArray("error 400") << QByteArray("HTTP/1.0");
    QTest::newRow("chunk size garbage")
        << "POST /x HTTP/1.1\r\n" + kHost + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"
        << QByteArray("error 400") << QByteArray("hex number");
    QTest::newRow("chunk size overflow") << "POST /x HTTP/1.1\r\n" + kHost
            + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n"
                                         << QByteArray("error 400") << QByteArray("too large");
    QTest::newRow("garbage after chunk size")
        << "POST /x HTTP/1.1\r\n" + kHost + "Transfer-Encoding: chunked\r\n\r\n5 x\r\n"
        << QByteArray("error 400") << QByteArray("garbage");
    QTest::newRow("chunk longer than its size") << "POST /x HTTP/1.1\r\n" + kHost
            + "Transfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n"
                                                << QByteArray("error 400") << QByteArray("CRLF");
}

void TestHttpParser::requests()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, messagePart);

    HttpRequestParser parser;
    parser.feed(raw);
    QCOMPARE(summary(parser), expected);
    if (parser.state() == HttpParseState::Error) {
        QVERIFY2(!parser.errorMessage().isEmpty(), "an error says what is wrong");
        QVERIFY2(parser.errorMessage().contains(messagePart), parser.errorMessage().constData());
        QVERIFY(!parser.keepAlive());
    }
}

void TestHttpParser::byteByByte()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);

    HttpRequestParser parser;
    for (char c : std::as_const(raw))
        parser.feed(QByteArrayView(&c, 1));
    QCOMPARE(summary(parser), expected);
}

void TestHttpParser::splitEverywhere()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, expected);
    if (raw.size() > 4096)
        QSKIP("long row: covered byte by byte");

    for (qsizetype at = 1; at < raw.size(); ++at) {
        HttpRequestParser parser;
        parser.feed(QByteArrayView(raw).first(at));
        parser.feed(QByteArrayView(raw).sliced(at));
        if (summary(parser) != expected)
            QFAIL(qPrintable(
                QStringLiteral("split at %1: %2").arg(at).arg(QString::fromUtf8(summary(parser)))));
    }
}

void TestHttpParser::mutatedInputIsConsistent()
{
    // Damaged requests: whatever the verdict, it must not depend on how the bytes were cut,
    // and an error is always one of the statuses the parser promises.
    const QList<QByteArray> seeds = {
        "GET /a?b=c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "POST /score HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n{\"data\":[]}",
        "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n6\r\n "
        "world\r\n0\r\nT: 1\r\n\r\n",
    };
    static const char alphabet[] = "\r\n :;,0123456789abcdefABCDEF/?HTTP\t\x7f\x80x";
    const int letters = int(sizeof alphabet - 1);
    const QList<int> statuses = { 400, 413, 431, 501, 505 };
    QRandomGenerator random(20251203); // fixed: a failure reproduces
    for (int round = 0; round < 3000; ++round) {
        QByteArray raw = seeds[random.bounded(int(seeds.size()))];
        for (int m = 1 + random.bounded(3); m > 0; --m) {
            const int at = random.bounded(int(raw.size()));
            switch (random.bounded(3)) {
            case 0:
                raw[at] = alphabet[random.bounded(letters)];
                break;
            case 1:
                raw.remove(at, 1 + random.bounded(3));
                break;
            default:
                raw.insert(at, alphabet[random.bounded(letters)]);
                break;
            }
        }
        HttpRequestParser whole;
        whole.feed(raw);
        HttpRequestParser bytes;
        for (char c : std::as_const(raw))
            bytes.feed(QByteArrayView(&c, 1));
        const QByteArray context = raw.toPercentEncoding();
        QVERIFY2(summary(whole) == summary(bytes), context.constData());
        if (whole.state() == HttpParseState::Error)
            QVERIFY2(statuses.contains(whole.errorStatus()), context.constData());
    }
}

void TestHttpParser::zeroCopyInput()
{
    const QByteArray raw = "POST /z HTTP/1.1\r\n" + kHost + "Content-Length: 4\r\n\r\nbody";
    HttpRequestParser parser;
    // Socket-style reads into the parser's own buffer, with more room offered than used.
    for (qsizetype at = 0; at < raw.size(); at += 7) {
        const qsizetype n = std::min<qsizetype>(7, raw.size() - at);
        char *into = parser.prepareWrite(64);
        std::memcpy(into, raw.constData() + at, size_t(n));
        parser.commitWrite(n);
    }
    QCOMPARE(summary(parser), QByteArray("POST /z [body] keep"));
    QCOMPARE(parser.unparsedBytes(), 0);
}

void TestHttpParser::pipelined()
{
    const QByteArray first = "POST /one HTTP/1.1\r\n" + kHost + "Content-Length: 3\r\n\r\nabc";
    const QByteArray second = "POST /two HTTP/1.1\r\n" + kHost
        + "Transfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n";
    const QByteArray third = "GET /three HTTP/1.1\r\n" + kHost; // not finished yet

    HttpRequestParser parser;
    QCOMPARE(parser.feed(QByteArray(first + second + third)), HttpParseState::Complete);
    QCOMPARE(summary(parser), QByteArray("POST /one [abc] keep"));
    QCOMPARE(parser.unparsedBytes(), second.size() + third.size());
    const HttpRequest one = parser.toRequest(); // an owning copy outlives reset()

    parser.reset();
    QVERIFY(!parser.isIdle());
    QCOMPARE(parser.parse(), HttpParseState::Complete);
    QCOMPARE(summary(parser), QByteArray("POST /two [de] keep"));

    parser.reset();
    QCOMPARE(parser.parse(), HttpParseState::NeedMore);
    QCOMPARE(parser.feed("\r\n"), HttpParseState::Complete);
    QCOMPARE(summary(parser), QByteArray("GET /three [] keep"));
    parser.reset();
    QVERIFY(parser.isIdle());

    QCOMPARE(one.method, QByteArray("POST"));
    QCOMPARE(one.path, QByteArray("/one"));
    QCOMPARE(one.body, QByteArray("abc"));
    QCOMPARE(one.header("content-length"), QByteArray("3"));
}

void TestHttpParser::resetAfterErrorDropsTheRest()
{
    HttpRequestParser parser;
    QCOMPARE(parser.feed(QByteArray("BAD\r\nGET / HTTP/1.1\r\n" + kHost + "\r\n")),
        HttpParseState::Error);
    QCOMPARE(parser.errorStatus(), 400);
    parser.reset(); // nothing after a framing error can be trusted
    QVERIFY(parser.isIdle());
    QCOMPARE(parser.parse(), HttpParseState::NeedMore);
}

void TestHttpParser::headerLookup()
{
    HttpRequestParser parser;
    parser.feed("POST /h HTTP/1.1\r\nhost: a\r\nX-Tag:   one  \r\nx-tag: two\r\nEmpty:\r\n"
                "Transfer-Encoding: chunked\r\n\r\n1\r\nz\r\n0\r\nX-Trailer: t\r\n\r\n");
    QCOMPARE(parser.state(), HttpParseState::Complete);
    QCOMPARE(parser.header("HOST"), QByteArrayView("a"));
    QCOMPARE(parser.header("X-TAG"), QByteArrayView("one")); // first of two, OWS trimmed
    QVERIFY(parser.hasHeader("empty"));
    QVERIFY(parser.header("empty").isEmpty());
    QVERIFY(!parser.hasHeader("missing"));
    QVERIFY(parser.header("missing").isNull());
    QCOMPARE(parser.headerCount(), 5);
    QCOMPARE(parser.headerName(2), QByteArrayView("x-tag"));
    QCOMPARE(parser.trailerCount(), 1);
    QCOMPARE(parser.trailerName(0), QByteArrayView("X-Trailer"));
    QCOMPARE(parser.trailerValue(0), QByteArrayView("t"));
    QVERIFY(parser.isChunked());

    const HttpRequest request = parser.toRequest();
    QCOMPARE(request.headers.values("X-Tag"), (QList<QByteArray> { "one", "two" }));
    QCOMPARE(request.header("transfer-ENCODING"), QByteArray("chunked"));
    QCOMPARE(request.body, QByteArray("z"));
}

void TestHttpParser::customLimits_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("status");

    QTest::newRow("4 fields over a limit of 3") << "GET / HTTP/1.1\r\n" + kHost + manyHeaders(3)
            + "\r\n" << 431;
    QTest::newRow("3 fields at a limit of 3") << "GET / HTTP/1.1\r\n" + kHost + manyHeaders(2)
            + "\r\n" << 0;
    QTest::newRow("head over 64 bytes")
        << "GET / HTTP/1.1\r\n" + kHost + "X-Long: " + QByteArray(40, 'x') + "\r\n\r\n"
        << 431;
    QTest::newRow("body over 10 bytes")
        << "POST / HTTP/1.1\r\n" + kHost + "Content-Length: 11\r\n\r\n"
        << 413;
    QTest::newRow("body at 10 bytes")
        << "POST / HTTP/1.1\r\n" + kHost + "Content-Length: 10\r\n\r\n0123456789" << 0;
}

void TestHttpParser::customLimits()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, status);

    HttpLimits limits;
    limits.maxHeaderCount = 3;
    limits.maxHeaderBytes = 64;
    limits.maxBodyBytes = 10;
    HttpRequestParser parser(limits);
    parser.feed(raw);
    if (status == 0) {
        QCOMPARE(parser.state(), HttpParseState::Complete);
    } else {
        QCOMPARE(parser.state(), HttpParseState::Error);
        QCOMPARE(parser.errorStatus(), status);
    }
}

void TestHttpParser::keepAlive_data()
{
    QTest::addColumn<QByteArray>("version");
    QTest::addColumn<QByteArray>("connection"); // empty: no Connection header
    QTest::addColumn<bool>("keepAlive");

    QTest::newRow("1.1 default") << QByteArray("HTTP/1.1") << QByteArray() << true;
    QTest::newRow("1.1 close") << QByteArray("HTTP/1.1") << QByteArray("close") << false;
    QTest::newRow("1.1 Close, any case") << QByteArray("HTTP/1.1") << QByteArray("CLOSE") << false;
    QTest::newRow("1.1 close in a list")
        << QByteArray("HTTP/1.1") << QByteArray("Upgrade, close") << false;
    QTest::newRow("1.1 keep-alive") << QByteArray("HTTP/1.1") << QByteArray("keep-alive") << true;
    QTest::newRow("1.1 other token") << QByteArray("HTTP/1.1") << QByteArray("Upgrade") << true;
    QTest::newRow("1.1 keep-alive and close")
        << QByteArray("HTTP/1.1") << QByteArray("keep-alive, close") << false;
    QTest::newRow("1.0 default") << QByteArray("HTTP/1.0") << QByteArray() << false;
    QTest::newRow("1.0 keep-alive") << QByteArray("HTTP/1.0") << QByteArray("keep-alive") << true;
    QTest::newRow("1.0 Keep-Alive, any case")
        << QByteArray("HTTP/1.0") << QByteArray("Keep-Alive") << true;
    QTest::newRow("1.0 close") << QByteArray("HTTP/1.0") << QByteArray("close") << false;
    QTest::newRow("1.0 keep-alive and close")
        << QByteArray("HTTP/1.0") << QByteArray("keep-alive,close") << false;
}

void TestHttpParser::keepAlive()
{
    QFETCH(QByteArray, version);
    QFETCH(QByteArray, connection);
    QFETCH(bool, keepAlive);

    QByteArray raw = "GET / " + version + "\r\n" + kHost;
    if (!connection.isEmpty())
        raw += "Connection: " + connection + "\r\n";
    raw += "\r\n";
    HttpRequestParser parser;
    QCOMPARE(parser.feed(raw), HttpParseState::Complete);
    QCOMPARE(parser.keepAlive(), keepAlive);
    QCOMPARE(parser.toRequest().keepAlive, keepAlive);
}

void TestHttpParser::responses_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("headRequest");
    QTest::addColumn<bool>("eof"); // the upstream closed after raw
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("content-length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") << false << false
        << QByteArray("200 [hello] keep i=0");
    QTest::newRow("chunked") << QByteArray(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;x=y\r\npedia\r\n"
        "0\r\nX-T: 1\r\n\r\n")
                             << false << false << QByteArray("200 [Wikipedia] keep i=0");
    QTest::newRow("close-delimited at eof")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it") << false
        << true << QByteArray("200 [all of it] close i=0");
    QTest::newRow("close-delimited waits for eof")
        << QByteArray("HTTP/1.1 200 OK\r\n\r\nsome") << false << false << QByteArray("more");
    QTest::newRow("unknown coding is close-delimited")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxyz") << false << true
        << QByteArray("200 [xyz] close i=0");
    QTest::newRow("204 has no body") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << false
                                     << false << QByteArray("204 [] keep i=0");
    QTest::newRow("304 has no body")
        << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n") << false << false
        << QByteArray("304 [] keep i=0");
    QTest::newRow("answer to HEAD has no body")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n") << true << false
        << QByteArray("200 [] keep i=0");
    QTest::newRow("100-continue then 200")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        << false << false << QByteArray("200 [ok] keep i=1");
    QTest::newRow("103 and 100 then 201")
        << QByteArray("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 100 Continue\r\n"
                      "\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n")
        << false << false << QByteArray("201 [] keep i=2");
    QTest::newRow("no reason phrase") << QByteArray("HTTP/1.1 200\r\nContent-Length: 1\r\n\r\nx")
                                      << false << false << QByteArray("200 [x] keep i=0");
    QTest::newRow("1.0 keep-alive")
        << QByteArray("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 1\r\n\r\nx")
        << false << false << QByteArray("200 [x] keep i=0");
    QTest::newRow("1.0 default close")
        << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx") << false << false
        << QByteArray("200 [x] close i=0");
    QTest::newRow("Connection: close")
        << QByteArray("HTTP/1.1 500 Oops\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx")
        << false << false << QByteArray("500 [x] close i=0");
    QTest::newRow("cut short at eof")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc") << false << true
        << QByteArray("error 502");
    QTest::newRow("eof before any answer")
        << QByteArray() << false << true << QByteArray("error 502");
    QTest::newRow("garbage status line")
        << QByteArray("HTP/1.1 200 OK\r\n\r\n") << false << false << QByteArray("error 502");
    QTest::newRow("HTTP/2 status line")
        << QByteArray("HTTP/2.0 200 OK\r\n\r\n") << false << false << QByteArray("error 502");
    QTest::newRow("Content-Length with Transfer-Encoding")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
        << false << false << QByteArray("error 502");
}

void TestHttpParser::responses()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, headRequest);
    QFETCH(bool, eof);
    QFETCH(QByteArray, expected);

    HttpResponseParser parser;
    parser.setHeadRequest(headRequest);
    parser.feed(raw);
    if (eof)
        parser.finish();
    QCOMPARE(summary(parser), expected);
    if (parser.state() == HttpParseState::Error)
        QVERIFY(!parser.errorMessage().isEmpty());
}

void TestHttpParser::responsesByteByByte()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, headRequest);
    QFETCH(bool, eof);
    QFETCH(QByteArray, expected);

    HttpResponseParser parser;
    parser.setHeadRequest(headRequest);
    for (char c : std::as_const(raw))
        parser.feed(QByteArrayView(&c, 1));
    if (eof)
        parser.finish();
    QCOMPARE(summary(parser), expected);
}

void TestHttpParser::pipelinedResponses()
{
    HttpResponseParser parser;
    parser.setHeadRequest(true);
    QCOMPARE(parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nHTTP/1.1 200 "
                         "OK\r\nContent-Length: 4\r\n\r\nbody"),
        HttpParseState::Complete);
    QCOMPARE(summary(parser), QByteArray("200 [] keep i=0"));
    parser.reset(); // the next answer is to a GET
    QCOMPARE(parser.parse(), HttpParseState::Complete);
    QCOMPARE(summary(parser), QByteArray("200 [body] keep i=0"));
    QCOMPARE(parser.toResponse().headers.value("content-length"), QByteArray("4"));
}

void TestHttpParser::writer_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<bool>("http10");
    QTest::addColumn<bool>("head");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("200 kept alive")
        << 200 << QByteArray("hi") << true << false << false
        << QByteArray("HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 2\r\n\r\nhi");
    QTest::newRow("404 closing") << 404 << QByteArray() << false << false << false
                                 << QByteArray(
                                        "HTTP/1.1 404 Not Found\r\nX-A: 1\r\nContent-Length: "
                                        "0\r\nConnection: close\r\n\r\n");
    QTest::newRow("1.0 kept alive")
        << 200 << QByteArray("x") << true << true << false
        << QByteArray(
               "HTTP/1.0 200 OK\r\nX-A: 1\r\nContent-Length: 1\r\nConnection: keep-alive\r\n\r\nx");
    QTest::newRow("204 has no length") << 204 << QByteArray("dropped") << true << false << false
                                       << QByteArray("HTTP/1.1 204 No Content\r\nX-A: 1\r\n\r\n");
    QTest::newRow("HEAD: length, no body")
        << 200 << QByteArray("abc") << true << false << true
        << QByteArray("HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 3\r\n\r\n");
    QTest::newRow("413") << 413 << QByteArray("{}") << false << false << false
                         << QByteArray("HTTP/1.1 413 Content Too Large\r\nX-A: "
                                       "1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    QTest::newRow("431")
        << 431 << QByteArray() << false << false << false
        << QByteArray(
               "HTTP/1.1 431 Request Header Fields Too Large\r\nX-A: 1\r\nContent-Length: 0\r\n"
               "Connection: close\r\n\r\n");
    QTest::newRow("unregistered status")
        << 599 << QByteArray() << true << false << false
        << QByteArray("HTTP/1.1 599 Unknown\r\nX-A: 1\r\nContent-Length: 0\r\n\r\n");
}

void TestHttpParser::writer()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);
    QFETCH(bool, http10);
    QFETCH(bool, head);
    QFETCH(QByteArray, expected);

    HttpResponse response;
    response.status = status;
    response.body = body;
    response.headers.add("X-A", "1");
    // The writer owns framing: what the caller set is replaced.
    response.headers.add("Content-Length", "999");
    response.headers.add("Connection", "upgrade");
    response.headers.add("Transfer-Encoding", "chunked");
    HttpWriteOptions options;
    options.keepAlive = keepAlive;
    options.version = http10 ? HttpVersion::Http10 : HttpVersion::Http11;
    options.headRequest = head;
    if (head)
        response.headers.remove("content-length");
    QCOMPARE(response.toBytes(options), expected);
}

void TestHttpParser::writerDateAndRoundTrip()
{
    HttpResponse response;
    response.status = 201;
    response.headers.add("Azure-AsyncOperation", "http://127.0.0.1/op/1");
    response.body = QByteArray(5000, 'b');
    HttpWriteOptions options;
    options.date = true;
    const QByteArray bytes = response.toBytes(options);

    HttpResponseParser parser;
    QCOMPARE(parser.feed(bytes), HttpParseState::Complete);
    QCOMPARE(parser.statusCode(), 201);
    QCOMPARE(parser.reason(), QByteArrayView("Created"));
    QCOMPARE(parser.body(), QByteArrayView(response.body));
    QCOMPARE(parser.header("azure-asyncoperation"), QByteArrayView("http://127.0.0.1/op/1"));
    const QString date = QString::fromLatin1(parser.header("date").toByteArray());
    static const QRegularExpression imfFixdate(QStringLiteral(
        "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
        "\\d{4} \\d\\d:\\d\\d:\\d\\d GMT$"));
    QVERIFY2(imfFixdate.match(date).hasMatch(), qPrintable(date));
}

void TestHttpParser::errorEnvelope()
{
    const HttpResponse response
        = HttpResponse::error(413, QStringLiteral("body too big: send less"));
    QCOMPARE(response.status, 413);
    QVERIFY(response.headers.value("content-type").startsWith("application/json"));
    const QJsonObject error
        = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(
        error.value(QStringLiteral("code")).toString(), QStringLiteral("RequestEntityTooLarge"));
    QCOMPARE(error.value(QStringLiteral("message")).toString(),
        QStringLiteral("body too big: send less"));

    const HttpResponse custom
        = HttpResponse::error(400, QStringLiteral("m"), QStringLiteral("ValidationError"));
    const QJsonObject customError
        = QJsonDocument::fromJson(custom.body).object().value(QStringLiteral("error")).toObject();
    QCOMPARE(
        customError.value(QStringLiteral("code")).toString(), QStringLiteral("ValidationError"));
}

QTEST_APPLESS_MAIN(TestHttpParser)
#include "tst_httpparser.moc"

// libFuzzer target: the incremental HTTP/1.1 request parser the control API and the
// gateway share (app/host/httpparser*). Besides never crashing, the parser must not care
// how the bytes are cut: the same input fed at once, in the chunks the first byte picks,
// and through the zero-copy prepareWrite()/commitWrite() path gives the same messages
// (pipelined ones included) and the same error.

#include "httpparser.h"

#include <QByteArray>
#include <QUrlQuery>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace {

// Small limits, so the fuzzer reaches 413 and 431 with short inputs.
HttpLimits limits()
{
    HttpLimits l;
    l.maxBodyBytes = 2048;
    l.maxHeaderBytes = 1024;
    l.maxHeaderCount = 16;
    return l;
}

// Everything a message's consumer reads, as one comparable text.
QByteArray describe(const HttpRequestParser &parser)
{
    if (parser.state() == HttpParseState::Error)
        return "error " + QByteArray::number(parser.errorStatus()) + ' ' + parser.errorMessage();
    QByteArray out = parser.method().toByteArray() + ' ' + parser.target().toByteArray() + ' '
        + parser.path().toByteArray() + (parser.hasQuery() ? "?" : "")
        + parser.query().toByteArray() + ' ' + QByteArray::number(int(parser.version()))
        + (parser.keepAlive() ? " keep" : " close") + (parser.expectsContinue() ? " continue" : "")
        + '\n';
    for (qsizetype i = 0; i < parser.headerCount(); ++i)
        out += parser.headerName(i).toByteArray() + ':' + parser.headerValue(i).toByteArray()
            + '\n';
    for (qsizetype i = 0; i < parser.trailerCount(); ++i)
        out += parser.trailerName(i).toByteArray() + ':' + parser.trailerValue(i).toByteArray()
            + '\n';
    const HttpRequest request = parser.toRequest();
    (void)request.decodedPath();
    (void)request.urlQuery();
    return out + '[' + parser.body().toByteArray() + ']';
}

// Takes every complete message out of the parser; true when it ends in an error.
bool drain(HttpRequestParser &parser, HttpParseState state, QByteArray &log)
{
    while (state == HttpParseState::Complete) {
        log += describe(parser) + '\n';
        parser.reset();
        state = parser.parse();
    }
    if (state != HttpParseState::Error)
        return false;
    log += describe(parser) + '\n';
    return true;
}

enum class Feed
{
    Whole,
    Chunks,
    ZeroCopy
};

QByteArray run(const QByteArray &input, Feed how, uint8_t chunk)
{
    HttpRequestParser parser(limits());
    QByteArray log;
    qsizetype pos = 0;
    const qsizetype step = how == Feed::Whole ? qMax<qsizetype>(1, input.size()) : chunk % 17 + 1;
    while (pos < input.size()) {
        const qsizetype n = qMin(step, input.size() - pos);
        HttpParseState state;
        if (how == Feed::ZeroCopy) {
            char *space = parser.prepareWrite(n);
            std::memcpy(space, input.constData() + pos, size_t(n));
            state = parser.commitWrite(n);
        } else {
            state = parser.feed(QByteArrayView(input.constData() + pos, n));
        }
        pos += n;
        if (drain(parser, state, log))
            return log; // the connection closes: the bytes after the error are never read
    }
    // What is left over must be a message still waiting for bytes.
    return log + (parser.isIdle() ? "idle" : "waiting");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const uint8_t chunk = data[0];
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const QByteArray whole = run(input, Feed::Whole, chunk);
    if (run(input, Feed::Chunks, chunk) != whole)
        std::abort();
    if (run(input, Feed::ZeroCopy, chunk) != whole)
        std::abort();
    return 0;
}

#pragma once

// The machinery the request and response parsers share: one contiguous buffer, line-wise
// head parsing that scans each byte once, header fields stored as offsets into the buffer
// (no allocation per field), Content-Length and chunked bodies, and the size limits.
// No Qt event loop and no QObject: the epoll gateway feeds it from its own threads.

#include "httpmessage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <vector>

enum class HttpParseState
{
    NeedMore, // feed more bytes
    Complete, // a whole message is parsed; reset() to go on with the bytes after it
    Error, // errorStatus() / errorMessage() say what; the connection should close
};

struct HttpLimits
{
    qint64 maxBodyBytes = 1572864; // Azure ML's 1.5 MiB scoring limit
    qsizetype maxHeaderBytes = 16 * 1024; // start line + header fields + the empty line
    int maxHeaderCount = 100;
};

// Quotes received bytes for an error message: control bytes as '?', cut after max.
QByteArray httpPrintable(QByteArrayView text, qsizetype max);

class HttpParserBase
{
public:
    // Appends and parses. Views handed out before are invalid afterwards.
    HttpParseState feed(QByteArrayView bytes);
    // Zero-copy input: read up to maxBytes straight into the returned space, then commit
    // how many arrived (0 is fine). Nothing else may be called in between.
    char *prepareWrite(qsizetype maxBytes);
    HttpParseState commitWrite(qsizetype written);
    // Parses what is buffered (after reset(), the bytes following the previous message).
    HttpParseState parse();
    // Drops the finished (or failed) message and keeps the bytes after it.
    void reset();
    // Drops everything, buffered bytes included.
    void clear();

    HttpParseState state() const { return m_state; }
    // The start line and all header fields are in (also true once Complete).
    bool isHeadComplete() const { return m_headComplete; }
    // No byte of a next message is buffered and none is being parsed.
    bool isIdle() const;
    // Bytes buffered after the current message (pipelining), or not yet parsed.
    qsizetype unparsedBytes() const { return m_buffer.size() - m_pos; }

    int errorStatus() const { return m_errorStatus; }
    const QByteArray &errorMessage() const { return m_errorMessage; }

    const HttpLimits &limits() const { return m_limits; }
    void setLimits(const HttpLimits &limits) { m_limits = limits; }

    // Valid once the head is complete; views point into the buffer until the next call
    // that feeds, resets or clears.
    HttpVersion version() const { return m_version; }
    qsizetype headerCount() const { return qsizetype(m_headers.size()); }
    QByteArrayView headerName(qsizetype i) const { return view(m_headers[size_t(i)].name); }
    QByteArrayView headerValue(qsizetype i) const { return view(m_headers[size_t(i)].value); }
    // The first field of that name (case-insensitive); a null view when absent.
    QByteArrayView header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    HttpHeaders headers() const; // an owning copy
    // Trailer fields of a chunked body (valid once Complete).
    qsizetype trailerCount() const { return qsizetype(m_trailers.size()); }
    QByteArrayView trailerName(qsizetype i) const { return view(m_trailers[size_t(i)].name); }
    QByteArrayView trailerValue(qsizetype i) const { return view(m_trailers[size_t(i)].value); }

    bool isChunked() const { return m_framing == Framing::Chunked; }
    qint64 contentLength() const { return m_hasContentLength ? m_contentLength : -1; }
    // Valid once Complete; decoded when chunked.
    QByteArrayView body() const;
    // Whether the connection may carry another message after this one.
    bool keepAlive() const { return m_keepAlive; }

protected:
    explicit HttpParserBase(const HttpLimits &limits);
    ~HttpParserBase() = default;
    HttpParserBase(const HttpParserBase &) = default;
    HttpParserBase &operator=(const HttpParserBase &) = default;

    enum class Framing
    {
        None,
        Length,
        Chunked,
        UntilClose
    };
    struct Span
    {
        qsizetype begin = 0;
        qsizetype size = 0;
    };

    // The derived parser's start line; false after fail().
    virtual bool parseStartLine(QByteArrayView line, qsizetype lineBegin) = 0;
    // Called when the empty line ends the head: decide the framing with startBody(), or
    // restartHead() to skip an interim response. False after fail().
    virtual bool headComplete() = 0;
    virtual void messageReset() { }

    bool fail(int status, const QByteArray &message);
    void startBody(Framing framing);
    // Forgets the head just parsed and reads another one (interim 1xx responses).
    void restartHead();
    // End of input while reading a read-until-close body completes it; false otherwise.
    bool finishUntilClose();

    QByteArrayView view(Span span) const
    {
        return QByteArrayView(m_buffer.constData() + span.begin, span.size);
    }
    Span spanOf(QByteArrayView part) const
    {
        return { part.data() - m_buffer.constData(), part.size() };
    }
    // Bytes of the body received so far.
    qsizetype bodyBytesSoFar() const;
    bool isAtMessageStart() const { return m_stage == Stage::StartLine && m_pos == m_messageStart; }

    HttpLimits m_limits;
    int m_fixedErrorStatus = 0; // when set, every error reports this status (502 upstream)
    HttpVersion m_version = HttpVersion::Http11;
    bool m_keepAlive = false;
    Framing m_framing = Framing::None;

    // Seen while reading the head (filled before headComplete()).
    bool m_hasContentLength = false;
    qint64 m_contentLength = 0;
    bool m_hasTransferEncoding = false;
    bool m_chunkedLast = false; // "chunked" is the final transfer coding
    int m_chunkedCount = 0;
    QByteArray m_otherCoding; // the first coding that is not "chunked"
    bool m_connectionClose = false;
    bool m_connectionKeepAlive = false;
    bool m_expectContinue = false;
    int m_hostCount = 0;

private:
    enum class Stage
    {
        StartLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Done
    };
    struct Field
    {
        Span name;
        Span value;
    };

    bool takeLine(QByteArrayView &line, qsizetype &lineBegin);
    bool parseField(QByteArrayView line, std::vector<Field> &into, bool trailer);
    bool noteFramingField(QByteArrayView name, QByteArrayView value);
    bool parseChunkSize(QByteArrayView line);
    HttpParseState step();
    void resetMessage();
    void clearMessageFields();

    QByteArray m_buffer;
    qsizetype m_pos = 0; // next byte to parse
    qsizetype m_scan = 0; // where the search for the next LF resumes
    qsizetype m_messageStart = 0;
    qsizetype m_sectionStart = 0; // start of the head or of the trailer section
    qsizetype m_writeBase = -1; // prepareWrite() in progress
    HttpParseState m_state = HttpParseState::NeedMore;
    Stage m_stage = Stage::StartLine;
    bool m_headComplete = false;
    std::vector<Field> m_headers;
    std::vector<Field> m_trailers;
    Span m_body;
    QByteArray m_decoded; // chunked body
    qint64 m_chunkRemaining = 0;
    int m_errorStatus = 0;
    QByteArray m_errorMessage;
};

#include "httpparserbase.h"

#include "httpsyntax.h"

#include <algorithm>
#include <cstring>

using namespace HttpSyntax;

namespace {

// A chunk-size line with its extensions; longer ones are garbage, not a big chunk.
constexpr qsizetype kMaxChunkLine = 4096;
// Compaction and shrinking thresholds: keep idle keep-alive connections small.
constexpr qsizetype kCompactAfter = 32 * 1024;
constexpr qsizetype kShrinkAbove = 256 * 1024;

} // namespace

QByteArray httpPrintable(QByteArrayView text, qsizetype max)
{
    // For error messages: quote what was received without control bytes or huge lines.
    QByteArray out;
    const qsizetype n = std::min(text.size(), max);
    out.reserve(n + 3);
    for (qsizetype i = 0; i < n; ++i) {
        const auto u = static_cast<unsigned char>(text[i]);
        out.append((u < 0x20 || u >= 0x7f) ? '?' : text[i]);
    }
    if (text.size() > max)
        out.append("...");
    return out;
}

HttpParserBase::HttpParserBase(const HttpLimits &limits)
    : m_limits(limits)
{
    m_headers.reserve(32);
}

HttpParseState HttpParserBase::feed(QByteArrayView bytes)
{
    m_buffer.append(bytes.data(), bytes.size());
    return parse();
}

char *HttpParserBase::prepareWrite(qsizetype maxBytes)
{
    Q_ASSERT(m_writeBase < 0);
    m_writeBase = m_buffer.size();
    m_buffer.resize(m_writeBase + maxBytes);
    return m_buffer.data() + m_writeBase;
}

HttpParseState HttpParserBase::commitWrite(qsizetype written)
{
    Q_ASSERT(m_writeBase >= 0);
    m_buffer.resize(m_writeBase + std::max<qsizetype>(written, 0));
    m_writeBase = -1;
    return parse();
}

HttpParseState HttpParserBase::parse()
{
    if (m_state != HttpParseState::NeedMore)
        return m_state;
    return step();
}

void HttpParserBase::reset()
{
    // After an error nothing that follows can be framed: drop it. Mid-message, start over.
    qsizetype consumed = m_pos;
    if (m_state == HttpParseState::Error)
        consumed = m_buffer.size();
    else if (m_state == HttpParseState::NeedMore)
        consumed = m_messageStart;

    const qsizetype rest = m_buffer.size() - consumed;
    if (rest == 0) {
        if (m_buffer.capacity() > kShrinkAbove)
            m_buffer = QByteArray();
        else
            m_buffer.resize(0);
        consumed = 0;
    } else if (m_buffer.capacity() > kShrinkAbove && rest < kShrinkAbove / 4) {
        m_buffer = m_buffer.sliced(consumed); // a fresh, small allocation
        consumed = 0;
    } else if (consumed >= kCompactAfter || consumed > rest) {
        m_buffer.remove(0, consumed);
        consumed = 0;
    }
    m_pos = m_scan = m_messageStart = m_sectionStart = consumed;

    if (m_decoded.capacity() > kShrinkAbove)
        m_decoded = QByteArray();
    else
        m_decoded.resize(0);
    resetMessage();
}

void HttpParserBase::clear()
{
    m_buffer = QByteArray();
    m_decoded = QByteArray();
    m_pos = m_scan = m_messageStart = m_sectionStart = 0;
    m_writeBase = -1;
    resetMessage();
}

void HttpParserBase::resetMessage()
{
    clearMessageFields();
    messageReset();
}

void HttpParserBase::clearMessageFields()
{
    m_state = HttpParseState::NeedMore;
    m_stage = Stage::StartLine;
    m_headComplete = false;
    m_headers.clear();
    m_trailers.clear();
    m_body = {};
    m_chunkRemaining = 0;
    m_errorStatus = 0;
    m_errorMessage.clear();
    m_version = HttpVersion::Http11;
    m_keepAlive = false;
    m_framing = Framing::None;
    m_hasContentLength = false;
    m_contentLength = 0;
    m_hasTransferEncoding = false;
    m_chunkedLast = false;
    m_chunkedCount = 0;
    m_otherCoding.clear();
    m_connectionClose = false;
    m_connectionKeepAlive = false;
    m_expectContinue = false;
    m_hostCount = 0;
}

bool HttpParserBase::isIdle() const
{
    return m_state == HttpParseState::NeedMore && m_stage == Stage::StartLine
        && m_pos == m_buffer.size();
}

QByteArrayView HttpParserBase::header(QByteArrayView name) const
{
    for (const Field &f : m_headers) {
        if (equalsIgnoreCase(view(f.name), name))
            return view(f.value);
    }
    return {};
}

bool HttpParserBase::hasHeader(QByteArrayView name) const { return !header(name).isNull(); }

HttpHeaders HttpParserBase::headers() const
{
    HttpHeaders result;
    result.reserve(headerCount());
    for (const Field &f : m_headers)
        result.add(view(f.name).toByteArray(), view(f.value).toByteArray());
    return result;
}

QByteArrayView HttpParserBase::body() const
{
    if (m_framing == Framing::Chunked)
        return m_decoded;
    return view(m_body);
}

bool HttpParserBase::fail(int status, const QByteArray &message)
{
    m_state = HttpParseState::Error;
    m_errorStatus = m_fixedErrorStatus ? m_fixedErrorStatus : status;
    m_errorMessage = message;
    m_keepAlive = false;
    return false;
}

void HttpParserBase::startBody(Framing framing)
{
    m_framing = framing;
    m_body = { m_pos, 0 };
    switch (framing) {
    case Framing::None:
        m_stage = Stage::Done;
        break;
    case Framing::Length:
        m_body.size = m_contentLength;
        m_stage = m_contentLength == 0 ? Stage::Done : Stage::Body;
        break;
    case Framing::Chunked:
        m_stage = Stage::ChunkSize;
        break;
    case Framing::UntilClose:
        m_stage = Stage::UntilClose;
        break;
    }
}

void HttpParserBase::restartHead()
{
    clearMessageFields();
    m_messageStart = m_sectionStart = m_pos;
}

qsizetype HttpParserBase::bodyBytesSoFar() const
{
    return m_framing == Framing::Chunked ? m_decoded.size() : m_body.size;
}

bool HttpParserBase::finishUntilClose()
{
    if (m_state != HttpParseState::NeedMore || m_stage != Stage::UntilClose)
        return false;
    m_stage = Stage::Done;
    m_state = HttpParseState::Complete;
    return true;
}

bool HttpParserBase::takeLine(QByteArrayView &line, qsizetype &lineBegin)
{
    const char *data = m_buffer.constData();
    const qsizetype size = m_buffer.size();
    const qsizetype from = std::max(m_scan, m_pos);
    const void *lf = from < size ? std::memchr(data + from, '\n', size_t(size - from)) : nullptr;
    if (!lf) {
        m_scan = size;
        return false;
    }
    const qsizetype end = static_cast<const char *>(lf) - data;
    // CRLF ends a line; a bare LF is accepted too (RFC 9112 §2.2 allows it).
    const qsizetype lineEnd = (end > m_pos && data[end - 1] == '\r') ? end - 1 : end;
    line = QByteArrayView(data + m_pos, lineEnd - m_pos);
    lineBegin = m_pos;
    m_pos = m_scan = end + 1;
    return true;
}

bool HttpParserBase::parseField(QByteArrayView line, std::vector<Field> &into, bool trailer)
{
    const char *what = trailer ? "trailer" : "header";
    if (isOws(line.front()))
        return fail(400,
            QByteArray(what) + " line \"" + httpPrintable(line, 60)
                + "\" starts with whitespace (obsolete line folding): put each field on one line");
    // One pass over the name up to the colon; the error cases are sorted out afterwards.
    qsizetype colon = 0;
    while (colon < line.size() && isTokenChar(line[colon]))
        ++colon;
    if (colon == line.size() || line[colon] != ':') {
        const void *colonPtr = std::memchr(line.data(), ':', size_t(line.size()));
        if (!colonPtr)
            return fail(400,
                QByteArray(what) + " line \"" + httpPrintable(line, 60)
                    + "\" has no colon: send \"Name: value\"");
        const QByteArrayView name = line.first(static_cast<const char *>(colonPtr) - line.data());
        if (!name.isEmpty() && isOws(name.back()) && isToken(trimOws(name)))
            return fail(400,
                QByteArray(what) + " name \"" + httpPrintable(trimOws(name), 60)
                    + "\" is followed by whitespace before the colon: remove it");
        return fail(400,
            QByteArray(what) + " name \"" + httpPrintable(name, 60)
                + "\" has characters a field name cannot have (only letters, digits and "
                  "!#$%&'*+-.^_`|~)");
    }
    if (colon == 0)
        return fail(400,
            QByteArray(what) + " line \"" + httpPrintable(line, 60) + "\" has an empty field name");
    const QByteArrayView name = line.first(colon);
    const QByteArrayView value = trimOws(line.sliced(colon + 1));
    if (!isFieldValue(value))
        return fail(400,
            QByteArray(what) + " \"" + httpPrintable(name, 60)
                + "\" has a control character (CR, NUL, ...) in its value");
    if (qsizetype(into.size()) >= m_limits.maxHeaderCount)
        return fail(431,
            "more than " + QByteArray::number(m_limits.maxHeaderCount) + ' ' + what
                + " fields: send fewer");
    into.push_back({ spanOf(name), spanOf(value) });
    return trailer || noteFramingField(name, value);
}

bool HttpParserBase::noteFramingField(QByteArrayView name, QByteArrayView value)
{
    // Dispatch on the length first: most fields are none of these five.
    switch (name.size()) {
    case 4:
    case 6:
    case 10:
    case 14:
    case 17:
        break;
    default:
        return true;
    }
    if (equalsIgnoreCase(name, "content-length")) {
        // Repeated or listed values must all agree (RFC 9112 §6.3), else the framing is unknown.
        bool ok = true;
        bool any = false;
        forEachListItem(value, [&](QByteArrayView item) {
            any = true;
            qint64 n = 0;
            if (!ok)
                return;
            if (!parseDecimal(item, n)) {
                ok = fail(400,
                    "Content-Length \"" + httpPrintable(item, 40)
                        + "\" is not a decimal number of bytes");
            } else if (m_hasContentLength && n != m_contentLength) {
                ok = fail(400,
                    "conflicting Content-Length values " + QByteArray::number(m_contentLength)
                        + " and " + QByteArray::number(n) + ": send one");
            }
            m_hasContentLength = true;
            m_contentLength = n;
        });
        if (ok && !any)
            return fail(400, "Content-Length is empty: send the body size in bytes");
        return ok;
    }
    if (equalsIgnoreCase(name, "transfer-encoding")) {
        m_hasTransferEncoding = true;
        forEachListItem(value, [&](QByteArrayView item) {
            qsizetype end = 0;
            while (end < item.size() && item[end] != ';')
                ++end;
            const QByteArrayView coding = trimOws(item.first(end));
            if (equalsIgnoreCase(coding, "chunked")) {
                ++m_chunkedCount;
                m_chunkedLast = true;
            } else {
                if (m_otherCoding.isEmpty())
                    m_otherCoding = httpPrintable(coding, 40);
                m_chunkedLast = false;
            }
        });
        return true;
    }
    if (equalsIgnoreCase(name, "connection")) {
        forEachListItem(value, [&](QByteArrayView item) {
            if (equalsIgnoreCase(item, "close"))
                m_connectionClose = true;
            else if (equalsIgnoreCase(item, "keep-alive"))
                m_connectionKeepAlive = true;
        });
        return true;
    }
    if (equalsIgnoreCase(name, "expect")) {
        if (equalsIgnoreCase(value, "100-continue"))
            m_expectContinue = true;
        return true;
    }
    if (equalsIgnoreCase(name, "host"))
        ++m_hostCount;
    return true;
}

bool HttpParserBase::parseChunkSize(QByteArrayView line)
{
    qint64 size = 0;
    int significant = 0;
    qsizetype i = 0;
    for (; i < line.size(); ++i) {
        const int digit = hexValue(line[i]);
        if (digit < 0)
            break;
        if (size == 0 && digit == 0)
            continue; // leading zeros do not count towards overflow
        if (++significant > 15)
            return fail(
                400, "chunk size \"" + httpPrintable(line, 40) + "\" is too large to be real");
        size = size * 16 + digit;
    }
    if (i == 0)
        return fail(400,
            "chunk size line \"" + httpPrintable(line, 40) + "\" does not start with a hex number");
    QByteArrayView rest = line.sliced(i);
    while (!rest.isEmpty() && isOws(rest.front()))
        rest = rest.sliced(1);
    if (!rest.isEmpty() && (rest.front() != ';' || !isFieldValue(rest)))
        return fail(400,
            "chunk size line \"" + httpPrintable(line, 40)
                + "\" has garbage after the size (extensions start with ';')");

    if (size == 0) {
        m_sectionStart = m_pos;
        m_stage = Stage::Trailers;
        return true;
    }
    if (m_decoded.size() + size > m_limits.maxBodyBytes)
        return fail(413,
            "the chunked body grows over the " + QByteArray::number(m_limits.maxBodyBytes)
                + "-byte limit: send a smaller body");
    m_chunkRemaining = size;
    m_stage = Stage::ChunkData;
    return true;
}

HttpParseState HttpParserBase::step()
{
    const qsizetype headLimit = m_limits.maxHeaderBytes;
    auto headTooLarge = [this, headLimit](bool trailer) {
        fail(431,
            QByteArray(trailer ? "trailer section" : "start line and header fields") + " over the "
                + QByteArray::number(headLimit) + "-byte limit: send fewer or shorter fields");
        return m_state;
    };

    for (;;) {
        QByteArrayView line;
        qsizetype lineBegin = 0;
        switch (m_stage) {
        case Stage::StartLine:
        case Stage::Headers: {
            if (!takeLine(line, lineBegin))
                return m_buffer.size() - m_sectionStart > headLimit ? headTooLarge(false) : m_state;
            if (m_pos - m_sectionStart > headLimit)
                return headTooLarge(false);
            if (m_stage == Stage::StartLine) {
                if (line.isEmpty())
                    continue; // empty lines before a message are ignored (RFC 9112 §2.2)
                if (!parseStartLine(line, lineBegin))
                    return m_state;
                m_stage = Stage::Headers;
            } else if (line.isEmpty()) {
                m_headComplete = true;
                if (!headComplete())
                    return m_state;
            } else if (!parseField(line, m_headers, false)) {
                return m_state;
            }
            continue;
        }
        case Stage::Body: {
            const qsizetype end = m_body.begin + m_body.size;
            if (m_buffer.size() < end)
                return m_state;
            m_pos = m_scan = end;
            m_stage = Stage::Done;
            continue;
        }
        case Stage::ChunkSize:
            if (!takeLine(line, lineBegin)) {
                if (m_buffer.size() - m_pos > kMaxChunkLine)
                    fail(400,
                        "chunk size line over " + QByteArray::number(kMaxChunkLine) + " bytes");
                return m_state;
            }
            if (!parseChunkSize(line))
                return m_state;
            continue;
        case Stage::ChunkData: {
            const qsizetype take = std::min<qint64>(m_buffer.size() - m_pos, m_chunkRemaining);
            m_decoded.append(m_buffer.constData() + m_pos, take);
            m_pos += take;
            m_scan = m_pos;
            m_chunkRemaining -= take;
            if (m_chunkRemaining > 0)
                return m_state;
            m_stage = Stage::ChunkDataEnd;
            continue;
        }
        case Stage::ChunkDataEnd: {
            const qsizetype avail = m_buffer.size() - m_pos;
            if (avail < 1)
                return m_state;
            const char c = m_buffer.at(m_pos);
            if (c == '\r') {
                if (avail < 2)
                    return m_state;
                if (m_buffer.at(m_pos + 1) != '\n') {
                    fail(400,
                        "chunk data is not followed by CRLF: the chunk is longer than its size "
                        "says");
                    return m_state;
                }
                m_pos += 2;
            } else if (c == '\n') {
                m_pos += 1;
            } else {
                fail(400,
                    "chunk data is not followed by CRLF: the chunk is longer than its size says");
                return m_state;
            }
            m_scan = m_pos;
            m_stage = Stage::ChunkSize;
            continue;
        }
        case Stage::Trailers:
            if (!takeLine(line, lineBegin))
                return m_buffer.size() - m_sectionStart > headLimit ? headTooLarge(true) : m_state;
            if (m_pos - m_sectionStart > headLimit)
                return headTooLarge(true);
            if (line.isEmpty())
                m_stage = Stage::Done;
            else if (!parseField(line, m_trailers, true))
                return m_state;
            continue;
        case Stage::UntilClose:
            m_body.size = m_buffer.size() - m_body.begin;
            m_pos = m_scan = m_buffer.size();
            if (m_body.size > m_limits.maxBodyBytes)
                fail(502,
                    "the body is over the " + QByteArray::number(m_limits.maxBodyBytes)
                        + "-byte limit");
            return m_state;
        case Stage::Done:
            m_state = HttpParseState::Complete;
            return m_state;
        }
    }
}

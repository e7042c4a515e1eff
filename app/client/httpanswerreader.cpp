#include "httpanswerreader.h"

namespace {
constexpr qsizetype MaxHeadBytes = 64 * 1024;
}

void HttpAnswerReader::reset()
{
    // Keep unread bytes: they belong to the next answer.
    m_buffer.remove(0, m_pos);
    m_pos = 0;
    m_stage = Stage::StatusLine;
    m_status = 0;
    m_servedBy.clear();
    m_keepAlive = true;
    m_chunked = false;
    m_contentLength = -1;
    m_remaining = 0;
    m_bodyBytes = 0;
    m_headBytes = 0;
    m_error.clear();
}

HttpAnswerReader::State HttpAnswerReader::feed(const QByteArray &data)
{
    if (m_stage == Stage::Done)
        return State::Complete;
    m_buffer.append(data);
    return parse();
}

HttpAnswerReader::State HttpAnswerReader::finishOnClose()
{
    if (m_stage == Stage::Done)
        return State::Complete;
    if (m_stage == Stage::UntilClose) {
        m_stage = Stage::Done;
        m_keepAlive = false;
        return State::Complete;
    }
    return fail("the server closed the connection before the answer was complete");
}

HttpAnswerReader::State HttpAnswerReader::fail(const char *why)
{
    m_error = why;
    return State::Bad;
}

bool HttpAnswerReader::takeLine(QByteArray *line)
{
    const qsizetype end = m_buffer.indexOf("\r\n", m_pos);
    if (end < 0)
        return false;
    *line = m_buffer.mid(m_pos, end - m_pos);
    m_headBytes += end + 2 - m_pos;
    m_pos = end + 2;
    return true;
}

bool HttpAnswerReader::fieldLine(const QByteArray &line)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return false;
    const QByteArray name = line.left(colon).trimmed().toLower();
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (name == "content-length") {
        bool ok = false;
        m_contentLength = value.toLongLong(&ok);
        return ok && m_contentLength >= 0;
    }
    if (name == "transfer-encoding")
        m_chunked = value.toLower().contains("chunked");
    else if (name == "connection")
        m_keepAlive = !value.toLower().contains("close");
    else if (name == "azureml-model-deployment")
        m_servedBy = value;
    return true;
}

HttpAnswerReader::State HttpAnswerReader::startBody()
{
    if (m_status >= 100 && m_status < 200) {
        // An interim answer (100 Continue): the real one follows on the same connection.
        m_buffer.remove(0, m_pos);
        m_pos = 0;
        m_stage = Stage::StatusLine;
        m_status = 0;
        m_headBytes = 0;
        return parse();
    }
    if (m_status == 204 || m_status == 304)
        m_stage = Stage::Done;
    else if (m_chunked)
        m_stage = Stage::ChunkSize;
    else if (m_contentLength >= 0) {
        m_remaining = m_contentLength;
        m_stage = m_remaining == 0 ? Stage::Done : Stage::FixedBody;
    } else {
        m_stage = Stage::UntilClose;
        m_keepAlive = false;
    }
    return parse();
}

HttpAnswerReader::State HttpAnswerReader::parse()
{
    QByteArray line;
    for (;;) {
        switch (m_stage) {
        case Stage::StatusLine:
            if (!takeLine(&line))
                return m_buffer.size() - m_pos > MaxHeadBytes ? fail("the status line is too long") : State::Incomplete;
            if (line.isEmpty())
                continue; // a stray CRLF between answers is tolerated
            if (!line.startsWith("HTTP/1.") || line.size() < 12)
                return fail("the answer does not start with an HTTP/1.x status line");
            {
                bool ok = false;
                m_status = line.mid(9, 3).toInt(&ok);
                if (!ok || m_status < 100 || m_status > 999)
                    return fail("the status line has no valid status code");
                m_keepAlive = !line.startsWith("HTTP/1.0");
            }
            m_stage = Stage::Fields;
            break;
        case Stage::Fields:
            if (!takeLine(&line))
                return m_headBytes + m_buffer.size() - m_pos > MaxHeadBytes ? fail("the answer's head is too large") : State::Incomplete;
            if (line.isEmpty())
                return startBody();
            if (!fieldLine(line))
                return fail("the answer has a malformed header field");
            break;
        case Stage::FixedBody: {
            const qint64 take = std::min<qint64>(m_remaining, m_buffer.size() - m_pos);
            m_pos += take;
            m_remaining -= take;
            m_bodyBytes += take;
            if (m_remaining > 0) {
                m_buffer.remove(0, m_pos); // the body is counted, not kept
                m_pos = 0;
                return State::Incomplete;
            }
            m_stage = Stage::Done;
            break;
        }
        case Stage::ChunkSize: {
            if (!takeLine(&line))
                return State::Incomplete;
            const qsizetype semicolon = line.indexOf(';');
            bool ok = false;
            m_remaining = (semicolon >= 0 ? line.left(semicolon) : line).trimmed().toLongLong(&ok, 16);
            if (!ok || m_remaining < 0)
                return fail("the answer has a malformed chunk size");
            m_stage = m_remaining == 0 ? Stage::Trailers : Stage::ChunkData;
            break;
        }
        case Stage::ChunkData: {
            const qint64 take = std::min<qint64>(m_remaining, m_buffer.size() - m_pos);
            m_pos += take;
            m_remaining -= take;
            m_bodyBytes += take;
            if (m_remaining > 0) {
                m_buffer.remove(0, m_pos);
                m_pos = 0;
                return State::Incomplete;
            }
            m_stage = Stage::ChunkEnd;
            break;
        }
        case Stage::ChunkEnd:
            if (!takeLine(&line))
                return State::Incomplete;
            if (!line.isEmpty())
                return fail("a chunk is not followed by CRLF");
            m_stage = Stage::ChunkSize;
            break;
        case Stage::Trailers:
            if (!takeLine(&line))
                return State::Incomplete;
            if (line.isEmpty())
                m_stage = Stage::Done;
            break;
        case Stage::UntilClose:
            m_bodyBytes += m_buffer.size() - m_pos;
            m_buffer.clear();
            m_pos = 0;
            return State::Incomplete;
        case Stage::Done:
            return State::Complete;
        }
    }
}

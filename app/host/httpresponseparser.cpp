#include "httpresponseparser.h"

#include "httpsyntax.h"

using namespace HttpSyntax;

HttpLimits HttpResponseParser::defaultLimits()
{
    HttpLimits limits;
    limits.maxBodyBytes = 64 * 1024 * 1024;
    limits.maxHeaderBytes = 64 * 1024;
    limits.maxHeaderCount = 200;
    return limits;
}

HttpResponseParser::HttpResponseParser(const HttpLimits &limits)
    : HttpParserBase(limits)
{
    m_fixedErrorStatus = 502;
}

void HttpResponseParser::messageReset()
{
    m_status = 0;
    m_reason = {};
    m_headRequest = false;
    m_interimCount = 0;
}

bool HttpResponseParser::parseStartLine(QByteArrayView line, qsizetype)
{
    // status-line = HTTP-version SP 3DIGIT SP [reason-phrase]; a missing last SP is tolerated.
    const auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    const bool shapeOk = line.size() >= 12 && line.startsWith("HTTP/") && isDigit(line[5])
        && line[6] == '.' && isDigit(line[7]) && line[8] == ' ' && isDigit(line[9])
        && isDigit(line[10]) && isDigit(line[11]) && (line.size() == 12 || line[12] == ' ');
    if (!shapeOk)
        return fail(
            502, "status line \"" + httpPrintable(line, 80) + "\" is not \"HTTP/1.1 200 OK\"");
    if (line[5] != '1')
        return fail(
            502, "HTTP version \"" + httpPrintable(line.first(8), 8) + "\" is not supported");
    m_version = line[7] == '0' ? HttpVersion::Http10 : HttpVersion::Http11;
    m_status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    if (m_status < 100)
        return fail(
            502, "status code " + QByteArray::number(m_status) + " is not a valid HTTP status");
    const QByteArrayView reason = line.size() > 13 ? line.sliced(13) : line.sliced(line.size());
    if (!isFieldValue(reason))
        return fail(502, "status line has control characters in its reason phrase");
    m_reason = spanOf(reason);
    return true;
}

bool HttpResponseParser::headComplete()
{
    const bool interim = m_status >= 100 && m_status < 200;
    if (interim && m_status != 101) {
        ++m_interimCount;
        restartHead(); // the real answer follows on the same connection
        return true;
    }
    m_keepAlive = m_status != 101
        && (m_version == HttpVersion::Http11 ? !m_connectionClose
                                             : (m_connectionKeepAlive && !m_connectionClose));

    if (interim || m_headRequest || m_status == 204 || m_status == 304) {
        startBody(Framing::None);
        return true;
    }
    if (m_hasTransferEncoding) {
        if (m_hasContentLength)
            return fail(502, "both Content-Length and Transfer-Encoding are set in the answer");
        if (m_chunkedLast) {
            if (m_chunkedCount != 1)
                return fail(502, "Transfer-Encoding lists \"chunked\" more than once");
            startBody(Framing::Chunked);
        } else {
            m_keepAlive = false; // the end of the connection ends the body
            startBody(Framing::UntilClose);
        }
        return true;
    }
    if (m_hasContentLength) {
        if (m_contentLength > m_limits.maxBodyBytes)
            return fail(502,
                "Content-Length " + QByteArray::number(m_contentLength) + " is over the "
                    + QByteArray::number(m_limits.maxBodyBytes) + "-byte limit for answers");
        startBody(Framing::Length);
        return true;
    }
    m_keepAlive = false;
    startBody(Framing::UntilClose);
    return true;
}

HttpParseState HttpResponseParser::finish()
{
    if (state() != HttpParseState::NeedMore || finishUntilClose())
        return state();
    if (isIdle() || isAtMessageStart())
        fail(502, "the upstream closed the connection without answering");
    else if (!isHeadComplete())
        fail(502, "the upstream closed the connection in the middle of the answer's head");
    else
        fail(502,
            "the upstream closed the connection after " + QByteArray::number(bodyBytesSoFar())
                + " bytes of the answer's body");
    return state();
}

HttpResponse HttpResponseParser::toResponse() const
{
    HttpResponse response;
    response.status = m_status;
    response.headers = headers();
    response.body = body().toByteArray();
    return response;
}

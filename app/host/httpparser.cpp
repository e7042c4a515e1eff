#include "httpparser.h"

#include "httpsyntax.h"

#include <cstring>

using namespace HttpSyntax;

namespace {

const char *findChar(QByteArrayView s, char c)
{
    return static_cast<const char *>(std::memchr(s.data(), c, size_t(s.size())));
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

} // namespace

HttpRequestParser::HttpRequestParser(const HttpLimits &limits)
    : HttpParserBase(limits)
{ }

QByteArrayView HttpRequestParser::path() const
{
    if (m_rootPath)
        return "/";
    return view(m_path);
}

void HttpRequestParser::messageReset()
{
    m_method = m_target = m_path = m_query = {};
    m_hasQuery = false;
    m_rootPath = false;
}

bool HttpRequestParser::parseStartLine(QByteArrayView line, qsizetype)
{
    // Built only on failure: the common path allocates nothing.
    const auto badShape = [this, line] {
        return fail(400,
            "request line \"" + httpPrintable(line, 80) + "\" is not \"METHOD /path HTTP/1.1\"");
    };
    const char *sp1 = findChar(line, ' ');
    if (!sp1)
        return badShape();
    const QByteArrayView method = line.first(sp1 - line.data());
    const QByteArrayView rest = line.sliced(method.size() + 1);
    const char *sp2 = findChar(rest, ' ');
    if (!sp2)
        return badShape();
    const QByteArrayView target = rest.first(sp2 - rest.data());
    const QByteArrayView version = rest.sliced(target.size() + 1);
    if (method.isEmpty() || target.isEmpty() || version.isEmpty())
        return badShape();
    if (!isToken(method))
        return fail(400,
            "method \"" + httpPrintable(method, 40) + "\" has characters a method cannot have");

    // HTTP-version = "HTTP/" DIGIT "." DIGIT; other well-formed majors get 505.
    if (!version.startsWith("HTTP/"))
        return badShape();
    const QByteArrayView number = version.sliced(5);
    qsizetype majorEnd = 0;
    while (majorEnd < number.size() && isDigit(number[majorEnd]))
        ++majorEnd;
    const QByteArrayView major = number.first(majorEnd);
    const QByteArrayView afterMajor = number.sliced(majorEnd);
    bool minorOk = afterMajor.size() >= 2 && afterMajor.front() == '.';
    for (qsizetype i = 1; minorOk && i < afterMajor.size(); ++i)
        minorOk = isDigit(afterMajor[i]);
    if (major.isEmpty() || (!afterMajor.isEmpty() && !minorOk))
        return fail(
            400, "HTTP version \"" + httpPrintable(version, 20) + "\" is malformed: use HTTP/1.1");
    if (major != "1")
        return fail(505,
            "HTTP version \"" + httpPrintable(version, 20) + "\" is not supported: use HTTP/1.1");
    if (!minorOk)
        return fail(
            400, "HTTP version \"" + httpPrintable(version, 20) + "\" is malformed: use HTTP/1.1");
    m_version = afterMajor == ".0" ? HttpVersion::Http10 : HttpVersion::Http11;

    m_method = spanOf(method);
    if (method == "CONNECT")
        return fail(501, "CONNECT is not supported: this server is not a forward proxy");
    return parseTarget(target);
}

bool HttpRequestParser::parseTarget(QByteArrayView target)
{
    for (char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '#')
            return fail(400,
                "request target \"" + httpPrintable(target, 80)
                    + "\" has a character that must be percent-encoded (space, control, non-ASCII "
                      "or '#')");
    }
    m_target = spanOf(target);

    QByteArrayView pathAndQuery;
    if (target.front() == '/') {
        pathAndQuery = target;
    } else if (target == "*") {
        if (method() != "OPTIONS")
            return fail(400, "request target \"*\" is only allowed with OPTIONS");
        m_rootPath = true;
        return true;
    } else {
        // absolute-form "http://authority/path?query" (RFC 9112 §3.2.2): keep path and query.
        qsizetype skip = 0;
        if (equalsIgnoreCase(target.first(std::min<qsizetype>(7, target.size())), "http://"))
            skip = 7;
        else if (equalsIgnoreCase(target.first(std::min<qsizetype>(8, target.size())), "https://"))
            skip = 8;
        else
            return fail(400,
                "request target \"" + httpPrintable(target, 80)
                    + "\" must be a path starting with '/'");
        const QByteArrayView afterScheme = target.sliced(skip);
        qsizetype authorityEnd = 0;
        while (authorityEnd < afterScheme.size() && afterScheme[authorityEnd] != '/'
            && afterScheme[authorityEnd] != '?')
            ++authorityEnd;
        if (authorityEnd == 0)
            return fail(400, "request target \"" + httpPrintable(target, 80) + "\" has no host");
        pathAndQuery = afterScheme.sliced(authorityEnd);
        if (pathAndQuery.isEmpty() || pathAndQuery.front() == '?')
            m_rootPath = true;
    }

    const char *q = findChar(pathAndQuery, '?');
    if (q) {
        const qsizetype at = q - pathAndQuery.data();
        m_path = spanOf(pathAndQuery.first(at));
        m_query = spanOf(pathAndQuery.sliced(at + 1));
        m_hasQuery = true;
    } else {
        m_path = spanOf(pathAndQuery);
    }
    return true;
}

bool HttpRequestParser::headComplete()
{
    if (m_hasTransferEncoding) {
        if (m_version == HttpVersion::Http10)
            return fail(
                400, "Transfer-Encoding in an HTTP/1.0 request: send Content-Length instead");
        if (m_hasContentLength)
            return fail(
                400, "both Content-Length and Transfer-Encoding are set: send only one of them");
        if (!m_otherCoding.isEmpty())
            return fail(501,
                "Transfer-Encoding \"" + m_otherCoding
                    + "\" is not supported: send the body as is with Content-Length, or chunked");
        if (!m_chunkedLast || m_chunkedCount != 1)
            return fail(400, "Transfer-Encoding must be \"chunked\" exactly once");
    }
    if (m_version == HttpVersion::Http11 && m_hostCount != 1)
        return fail(400,
            m_hostCount == 0 ? QByteArray("HTTP/1.1 request without a Host header: add one")
                             : QByteArray("more than one Host header: send one"));

    m_keepAlive = m_version == HttpVersion::Http11 ? !m_connectionClose
                                                   : (m_connectionKeepAlive && !m_connectionClose);

    if (m_hasTransferEncoding) {
        startBody(Framing::Chunked);
    } else if (m_hasContentLength) {
        if (m_contentLength > m_limits.maxBodyBytes)
            return fail(413,
                "Content-Length " + QByteArray::number(m_contentLength) + " is over the "
                    + QByteArray::number(m_limits.maxBodyBytes)
                    + "-byte limit for request bodies: send a smaller body");
        startBody(Framing::Length);
    } else {
        startBody(Framing::None);
    }
    return true;
}

HttpRequest HttpRequestParser::toRequest() const
{
    HttpRequest request;
    request.method = method().toByteArray();
    request.target = target().toByteArray();
    request.path = path().toByteArray();
    request.query = query().toByteArray();
    request.version = version();
    request.headers = headers();
    request.body = body().toByteArray();
    request.keepAlive = keepAlive();
    return request;
}

#include "httpmessage.h"

#include "httpsyntax.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>
#include <cstdio>

using HttpSyntax::equalsIgnoreCase;

void HttpHeaders::set(const QByteArray &name, const QByteArray &value)
{
    remove(name);
    add(name, value);
}

void HttpHeaders::remove(QByteArrayView name)
{
    m_list.removeIf([name](const HttpHeader &h) { return equalsIgnoreCase(h.name, name); });
}

bool HttpHeaders::contains(QByteArrayView name) const
{
    for (const HttpHeader &h : m_list) {
        if (equalsIgnoreCase(h.name, name))
            return true;
    }
    return false;
}

QByteArray HttpHeaders::value(QByteArrayView name) const
{
    for (const HttpHeader &h : m_list) {
        if (equalsIgnoreCase(h.name, name))
            return h.value;
    }
    return {};
}

QList<QByteArray> HttpHeaders::values(QByteArrayView name) const
{
    QList<QByteArray> result;
    for (const HttpHeader &h : m_list) {
        if (equalsIgnoreCase(h.name, name))
            result.append(h.value);
    }
    return result;
}

QString HttpRequest::decodedPath() const { return QUrl::fromPercentEncoding(path); }

QUrlQuery HttpRequest::urlQuery() const
{
    // '+' stays '+': ARM clients percent-encode; QUrlQuery decodes %XX on access.
    return QUrlQuery(QString::fromUtf8(query));
}

QByteArrayView httpReasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 101:
        return "Switching Protocols";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 203:
        return "Non-Authoritative Information";
    case 204:
        return "No Content";
    case 205:
        return "Reset Content";
    case 206:
        return "Partial Content";
    case 300:
        return "Multiple Choices";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 303:
        return "See Other";
    case 304:
        return "Not Modified";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 411:
        return "Length Required";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 424:
        return "Failed Dependency";
    case 426:
        return "Upgrade Required";
    case 428:
        return "Precondition Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

QString httpErrorCode(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("BadRequest");
    case 401:
        return QStringLiteral("Unauthorized");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("NotFound");
    case 405:
        return QStringLiteral("MethodNotAllowed");
    case 408:
        return QStringLiteral("RequestTimeout");
    case 409:
        return QStringLiteral("Conflict");
    case 413:
        return QStringLiteral("RequestEntityTooLarge");
    case 415:
        return QStringLiteral("UnsupportedMediaType");
    case 424:
        return QStringLiteral("FailedDependency");
    case 429:
        return QStringLiteral("TooManyRequests");
    case 431:
        return QStringLiteral("RequestHeaderFieldsTooLarge");
    case 500:
        return QStringLiteral("InternalServerError");
    case 501:
        return QStringLiteral("NotImplemented");
    case 502:
        return QStringLiteral("BadGateway");
    case 503:
        return QStringLiteral("ServiceUnavailable");
    case 504:
        return QStringLiteral("GatewayTimeout");
    case 505:
        return QStringLiteral("HttpVersionNotSupported");
    default:
        return status >= 500 ? QStringLiteral("InternalServerError") : QStringLiteral("BadRequest");
    }
}

QByteArray httpDate()
{
    // Fixed English names: the format must not follow the user's locale.
    static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    static const char *const months[]
        = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDate d = now.date();
    const QTime t = now.time();
    char text[40];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[d.dayOfWeek() - 1],
        d.day(), months[d.month() - 1], d.year(), t.hour(), t.minute(), t.second());
    return QByteArray(text);
}

QByteArray HttpResponse::toBytes(const HttpWriteOptions &options) const
{
    const bool interim = status >= 100 && status < 200;
    const bool noBody = interim || status == 204 || status == 304 || options.headRequest;
    // HEAD and 304 answers describe a body they do not carry: a length the caller set stays.
    const bool keptLength
        = (options.headRequest || status == 304) && headers.contains("content-length");
    const bool writeLength = !interim && status != 204 && status != 304 && !keptLength;

    QByteArray out;
    out.reserve(128 + headers.size() * 48 + (noBody ? 0 : body.size()));
    out.append(options.version == HttpVersion::Http10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    out.append(QByteArray::number(status));
    out.append(' ');
    out.append(httpReasonPhrase(status));
    out.append("\r\n");
    for (const HttpHeader &h : headers) {
        if (equalsIgnoreCase(h.name, "connection") || equalsIgnoreCase(h.name, "transfer-encoding")
            || (!keptLength && equalsIgnoreCase(h.name, "content-length"))
            || (options.date && equalsIgnoreCase(h.name, "date")))
            continue;
        out.append(h.name);
        out.append(": ");
        out.append(h.value);
        out.append("\r\n");
    }
    if (options.date) {
        out.append("Date: ");
        out.append(httpDate());
        out.append("\r\n");
    }
    if (writeLength) {
        out.append("Content-Length: ");
        out.append(QByteArray::number(body.size()));
        out.append("\r\n");
    }
    if (!interim) {
        if (!options.keepAlive)
            out.append("Connection: close\r\n");
        else if (options.version == HttpVersion::Http10)
            out.append("Connection: keep-alive\r\n");
    }
    out.append("\r\n");
    if (!noBody)
        out.append(body);
    return out;
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    HttpResponse response;
    response.status = status;
    response.headers.add("Content-Type", "application/json; charset=utf-8");
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::error(int status, const QString &message, const QString &code)
{
    const QJsonObject error { { QStringLiteral("code"),
                                  code.isEmpty() ? httpErrorCode(status) : code },
        { QStringLiteral("message"), message } };
    return json(status, QJsonObject { { QStringLiteral("error"), error } });
}

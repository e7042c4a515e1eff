#pragma once

// HTTP/1.1 message values shared by the parsers, the control API server and the gateway:
// owning headers, a request as a handler sees it, and a response with its wire writer.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

class QJsonObject;
class QUrlQuery;

enum class HttpVersion
{
    Http10,
    Http11
};

struct HttpHeader
{
    QByteArray name;
    QByteArray value;
};

// An ordered header list; names compare case-insensitively (RFC 9110 §5.1), order and
// duplicates are kept as received.
class HttpHeaders
{
public:
    void add(const QByteArray &name, const QByteArray &value) { m_list.append({ name, value }); }
    // Replaces every field of that name with one (appended when absent).
    void set(const QByteArray &name, const QByteArray &value);
    void remove(QByteArrayView name);

    bool contains(QByteArrayView name) const;
    // The first value of that name; an empty array when absent.
    QByteArray value(QByteArrayView name) const;
    QList<QByteArray> values(QByteArrayView name) const;

    qsizetype size() const { return m_list.size(); }
    bool isEmpty() const { return m_list.isEmpty(); }
    const HttpHeader &at(qsizetype i) const { return m_list.at(i); }
    QList<HttpHeader>::const_iterator begin() const { return m_list.cbegin(); }
    QList<HttpHeader>::const_iterator end() const { return m_list.cend(); }
    void reserve(qsizetype n) { m_list.reserve(n); }
    void clear() { m_list.clear(); }

private:
    QList<HttpHeader> m_list;
};

// A complete request, owning its bytes (a copy out of the parser's buffer), so a handler
// may keep it while it answers later.
struct HttpRequest
{
    QByteArray method; // as sent, e.g. "GET"
    QByteArray target; // request-target as sent, e.g. "/a/b?x=1"
    QByteArray path; // percent-encoded path part, "/a/b"
    QByteArray query; // after '?', without it; empty when none
    HttpVersion version = HttpVersion::Http11;
    HttpHeaders headers;
    QByteArray body; // decoded (chunked framing removed)
    bool keepAlive = true;
    QString peerAddress; // filled by the server
    quint16 peerPort = 0;

    QByteArray header(QByteArrayView name) const { return headers.value(name); }
    bool hasHeader(QByteArrayView name) const { return headers.contains(name); }
    QString decodedPath() const; // percent-decoded, UTF-8
    QUrlQuery urlQuery() const;
};

// What the writer needs to know about the request being answered.
struct HttpWriteOptions
{
    bool keepAlive = true;
    HttpVersion version = HttpVersion::Http11;
    bool headRequest = false; // answer to HEAD: headers only
    bool date = false; // add a Date header (IMF-fixdate)
};

struct HttpResponse
{
    int status = 200;
    HttpHeaders headers;
    QByteArray body;

    // Bytes on the wire. The writer owns framing: Content-Length and Connection are written
    // from the body and the options, replacing any the caller set; Transfer-Encoding is
    // dropped. 1xx, 204 and 304 answers and answers to HEAD carry no body; 1xx and 204 get
    // no Content-Length; for HEAD and 304 a Content-Length the caller set is kept (it
    // describes the body a GET would get), else HEAD gets the body's size and 304 none.
    QByteArray toBytes(const HttpWriteOptions &options = {}) const;

    static HttpResponse json(int status, const QJsonObject &object);
    // The ARM error envelope {"error": {"code", "message"}}; an empty code takes the
    // status's usual one (httpErrorCode()).
    static HttpResponse error(int status, const QString &message, const QString &code = {});
};

// "Not Found" for 404; "Unknown" for codes without a registered phrase.
QByteArrayView httpReasonPhrase(int status);
// ARM-style error codes: 400 BadRequest, 404 NotFound, 413 RequestEntityTooLarge, ...
QString httpErrorCode(int status);
// The current time as IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
QByteArray httpDate();

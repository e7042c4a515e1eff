#pragma once

// A pure, incremental HTTP/1.1 request parser (RFC 9112): feed bytes as they arrive and
// ask for the state. Complete: method, target, fields and body are read (views into one
// contiguous buffer, no allocation per field); NeedMore: feed again; Error: answer
// errorStatus() (400 malformed, 413 body over the limit, 431 head over the limit or too many
// fields, 501 unsupported transfer coding or CONNECT, 505 HTTP version other than 1.x) with
// errorMessage() and close the connection. After Complete, reset() keeps the bytes that
// follow (pipelined requests) and parse() goes on with them.
//
// Lenient where RFC 9112 allows it (bare LF line ends, empty lines before a request),
// strict where framing is at stake (Content-Length with Transfer-Encoding, conflicting
// Content-Length values, obsolete line folding, whitespace before a colon: all 400).

#include "httpparserbase.h"

class HttpRequestParser final : public HttpParserBase
{
public:
    explicit HttpRequestParser(const HttpLimits &limits = {});

    // Valid once the head is complete.
    QByteArrayView method() const { return view(m_method); }
    QByteArrayView target() const { return view(m_target); } // as sent
    QByteArrayView path() const; // percent-encoded; "/" for "http://host" and "*"
    QByteArrayView query() const { return view(m_query); } // after '?', without it
    bool hasQuery() const { return m_hasQuery; }
    bool isHead() const { return method() == "HEAD"; }
    // The client waits for "100 Continue" before it sends the body.
    bool expectsContinue() const { return m_expectContinue; }

    // An owning copy of the complete request (for handlers that answer later).
    HttpRequest toRequest() const;

protected:
    bool parseStartLine(QByteArrayView line, qsizetype lineBegin) override;
    bool headComplete() override;
    void messageReset() override;

private:
    bool parseTarget(QByteArrayView target);

    Span m_method;
    Span m_target;
    Span m_path;
    Span m_query;
    bool m_hasQuery = false;
    bool m_rootPath = false; // absolute-form without a path, or "*"
};

#pragma once

// A pure, incremental HTTP/1.1 response parser for the gateway's upstream side: status
// line, fields, bodies framed by Content-Length, chunked or the end of the connection;
// interim 1xx responses (100 Continue, 103 Early Hints) are skipped; answers to HEAD and
// 204 / 304 have no body. Every error reports status 502: what a gateway answers its client.

#include "httpparserbase.h"

class HttpResponseParser final : public HttpParserBase
{
public:
    // Upstream answers may be larger than requests: 64 MiB body, 64 KiB head, 200 fields.
    static HttpLimits defaultLimits();
    explicit HttpResponseParser(const HttpLimits &limits = defaultLimits());

    // Call before the answer to a HEAD request arrives: it has no body whatever its fields
    // say. reset() clears it.
    void setHeadRequest(bool head) { m_headRequest = head; }
    // The upstream closed the connection: completes a read-until-close body; an answer cut
    // short becomes an Error.
    HttpParseState finish();

    // Valid once the head is complete.
    int statusCode() const { return m_status; }
    QByteArrayView reason() const { return view(m_reason); }
    int interimCount() const { return m_interimCount; } // 1xx answers skipped before this one
    bool isUntilClose() const { return m_framing == Framing::UntilClose; }

    // An owning copy of the complete response.
    HttpResponse toResponse() const;

protected:
    bool parseStartLine(QByteArrayView line, qsizetype lineBegin) override;
    bool headComplete() override;
    void messageReset() override;

private:
    int m_status = 0;
    Span m_reason;
    bool m_headRequest = false;
    int m_interimCount = 0;
};

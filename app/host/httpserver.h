#pragma once

// A small HTTP/1.1 server on QTcpServer for the control API: one thread, the Qt event loop,
// one HttpConnection per socket, a HttpHandler that may answer later. Keep-alive and
// pipelining (answers in request order), limits on body, head, idle time, slow clients and
// connections; protocol errors are answered with the ARM error envelope and
// `Connection: close`. (Qt's HttpServer module is a preview in 6.4 and has no limits.)

#include "httphandler.h"
#include "httpparserbase.h"
#include "result.h"

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QTcpServer>
#include <memory>

class HttpConnection;

struct HttpServerOptions
{
    HttpLimits limits; // request body (413) and head (431) limits
    int idleTimeoutMs = 60000; // a kept-alive connection without a request is closed
    int readTimeoutMs = 30000; // the head must arrive within this of its first byte, body bytes no
                               // further apart (408)
    int maxConnections = 256; // more are answered 503 and closed
    int maxPipelinedRequests = 16; // requests read ahead of their answers; then reading pauses
    int lingerMs = 2000; // after the last answer, how long to wait for the client to close
};

class HttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    // Not owned: it must outlive the server. Requests without a handler get 500.
    void setHandler(HttpHandler *handler);
    void setHandler(HttpFunctionHandler::Function function);
    // Applies to connections accepted afterwards.
    void setOptions(const HttpServerOptions &options) { m_options = options; }
    const HttpServerOptions &options() const { return m_options; }

    // Port 0 picks a free one (see serverPort()).
    Status listen(
        const QHostAddress &address = QHostAddress(QHostAddress::LocalHost), quint16 port = 0);
    // Stops listening and drops every connection (answers still pending are lost).
    void close();
    bool isListening() const { return m_server.isListening(); }
    QHostAddress serverAddress() const { return m_server.serverAddress(); }
    quint16 serverPort() const { return m_server.serverPort(); }
    // Connections being served (refused ones do not count).
    int connectionCount() const { return int(m_connections.size()); }

signals:
    void connectionCountChanged(int count);

private:
    void onNewConnection();
    void dispatch(const HttpRequest &request, HttpResponder responder);

    QTcpServer m_server;
    HttpHandler *m_handler = nullptr;
    std::unique_ptr<HttpHandler> m_ownedHandler;
    HttpFunctionHandler m_dispatcher; // what connections call: the handler current at that time
    HttpServerOptions m_options;
    QSet<HttpConnection *> m_connections;
};

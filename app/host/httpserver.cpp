#include "httpserver.h"

#include "httpconnection.h"

#include <QTcpSocket>

HttpServer::HttpServer(QObject *parent)
    : QObject(parent)
    , m_dispatcher([this](const HttpRequest &request, HttpResponder responder) {
        dispatch(request, std::move(responder));
    })
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] { onNewConnection(); });
}

HttpServer::~HttpServer() { close(); }

void HttpServer::setHandler(HttpHandler *handler)
{
    m_handler = handler;
    m_ownedHandler.reset();
}

void HttpServer::setHandler(HttpFunctionHandler::Function function)
{
    m_ownedHandler = std::make_unique<HttpFunctionHandler>(std::move(function));
    m_handler = m_ownedHandler.get();
}

Status HttpServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_server.isListening())
        m_server.close();
    if (!m_server.listen(address, port)) {
        const QString where = address.toString() + QLatin1Char(':') + QString::number(port);
        return Error { QStringLiteral("ListenFailed"),
            QStringLiteral(
                "cannot listen on %1: %2; pick another port or stop the program using it")
                .arg(where, m_server.errorString()),
            QStringLiteral("port"), 0, 0 };
    }
    return {};
}

void HttpServer::close()
{
    m_server.close();
    const QSet<HttpConnection *> connections = std::exchange(m_connections, {});
    for (HttpConnection *connection : connections)
        connection->abort();
    if (!connections.isEmpty())
        emit connectionCountChanged(0);
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto *connection = new HttpConnection(socket, &m_dispatcher, m_options, this);
        if (m_connections.size() >= m_options.maxConnections) {
            connection->refuse(HttpResponse::error(503,
                QStringLiteral(
                    "the server already has %1 connections open: close idle ones or retry later")
                    .arg(m_options.maxConnections)));
            continue;
        }
        m_connections.insert(connection);
        connect(connection, &QObject::destroyed, this, [this, connection] {
            if (m_connections.remove(connection))
                emit connectionCountChanged(connectionCount());
        });
        emit connectionCountChanged(connectionCount());
    }
}

void HttpServer::dispatch(const HttpRequest &request, HttpResponder responder)
{
    if (!m_handler) {
        responder.respondError(
            500, QStringLiteral("no request handler is installed: this is a bug in rolloutd"));
        return;
    }
    m_handler->handle(request, std::move(responder));
}

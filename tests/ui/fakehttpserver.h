#pragma once

// A tiny HTTP/1.1 server on loopback for client tests: keep-alive connections, requests
// framed by Content-Length, a handler that answers now or later. It counts connections and
// records requests, so a test can see what a client really did on the wire.

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <csignal>
#include <functional>
#include <optional>

// No Q_OBJECT: it has no signals, so a test needs no moc run for this header.
class FakeHttpServer final : public QObject
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        QMap<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;
        int connection = 0; // 1-based number of the connection it came on
        QPointer<QTcpSocket> socket;
    };

    struct Answer
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool close = false; // Connection: close, then the server closes
    };

    // Return an answer, or std::nullopt to answer later with respond().
    std::function<std::optional<Answer>(const Request &)> handler;

    explicit FakeHttpServer(QObject *parent = nullptr) : QObject(parent)
    {
        // A client that hangs up while an answer is written must not kill the test.
        std::signal(SIGPIPE, SIG_IGN);
        connect(&m_server, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                accept(socket);
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    QString url(const QString &path) const
    {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path);
    }

    int connections() const { return m_connections; }
    int openConnections() const { return m_open; }
    const QList<Request> &requests() const { return m_requests; }

    static void respond(QTcpSocket *socket, const Answer &answer)
    {
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return;
        QByteArray out = "HTTP/1.1 " + QByteArray::number(answer.status) + " X\r\nContent-Length: "
            + QByteArray::number(answer.body.size()) + "\r\nContent-Type: application/json\r\n";
        for (const auto &[name, value] : answer.headers)
            out += name + ": " + value + "\r\n";
        if (answer.close)
            out += "Connection: close\r\n";
        socket->write(out + "\r\n" + answer.body);
        if (answer.close)
            socket->disconnectFromHost();
    }

private:
    void accept(QTcpSocket *socket)
    {
        const int number = ++m_connections;
        ++m_open;
        socket->setParent(this);
        connect(socket, &QTcpSocket::disconnected, this, [this, socket]() {
            --m_open;
            m_buffers.remove(socket);
            socket->deleteLater();
        });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, number]() {
            QByteArray &buffer = m_buffers[socket];
            buffer += socket->readAll();
            for (;;) {
                const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
                if (headEnd < 0)
                    return;
                Request request;
                const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
                const QList<QByteArray> start = lines.value(0).trimmed().split(' ');
                request.method = start.value(0);
                request.target = start.value(1);
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines[i].indexOf(':');
                    if (colon > 0)
                        request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
                }
                const qsizetype length = request.headers.value("content-length", "0").toLongLong();
                if (buffer.size() < headEnd + 4 + length)
                    return;
                request.body = buffer.mid(headEnd + 4, length);
                buffer.remove(0, headEnd + 4 + length);
                request.connection = number;
                request.socket = socket;
                m_requests.append(request);
                const std::optional<Answer> answer = handler ? handler(request) : std::optional<Answer>(Answer());
                if (answer)
                    respond(socket, *answer);
                if (!m_buffers.contains(socket))
                    return; // closed while answering
            }
        });
    }

    QTcpServer m_server;
    QMap<QTcpSocket *, QByteArray> m_buffers;
    QList<Request> m_requests;
    int m_connections = 0;
    int m_open = 0;
};

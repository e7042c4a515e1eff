#pragma once

// Stand-ins for tst_gateway: a model instance (a small keep-alive HTTP server) and a raw
// HTTP/1.1 client, both on 127.0.0.1 and driven by the test's event loop.

#include "httpparser.h"
#include "httpresponseparser.h"

#include <QEventLoop>
#include <QJsonObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <functional>
#include <map>
#include <memory>

// A model instance stand-in: a keep-alive HTTP server on 127.0.0.1 answering
// {"instance": NAME, "body": ..., "requestId": ...}. Test headers steer it:
// x-test-delay-ms answers later (QTimer), x-test-content-type sets the answer's type,
// x-test-status answers with that status. setDelayMs() delays every answer (a slow model).
class FakeInstance final : public QObject
{
public:
    explicit FakeInstance(const QString &name)
        : m_name(name)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] { onNewConnection(); });
        QVERIFY(m_server.listen(QHostAddress(QHostAddress::LocalHost)));
    }

    quint16 port() const { return m_port ? m_port : m_server.serverPort(); }
    int connections() const { return m_connections; }
    int requests() const { return m_requests; }
    int answered() const { return m_answered; }
    int closedConnections() const { return m_closed; } // closed by the other side
    int maxInFlight() const { return m_maxInFlight; } // requests read but not yet answered
    void setDelayMs(int ms) { m_delayMs = ms; }
    const HttpRequest &lastRequest() const { return m_last; }
    void resetCounts() { m_connections = m_requests = m_answered = 0; }

    // The instance dies: no new connections, open ones are cut.
    void kill()
    {
        m_port = m_server.serverPort();
        m_server.close();
        QList<QTcpSocket *> open; // abort() erases from m_parsers
        for (auto &[socket, parser] : m_parsers)
            open.append(socket);
        for (QTcpSocket *socket : open)
            socket->abort();
    }

private:
    void onNewConnection()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            ++m_connections;
            socket->setParent(this);
            m_parsers[socket] = std::make_unique<HttpRequestParser>();
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                ++m_closed;
                m_parsers.erase(socket);
                socket->deleteLater();
            });
        }
    }

    void onReadyRead(QTcpSocket *socket)
    {
        auto it = m_parsers.find(socket);
        if (it == m_parsers.end())
            return;
        HttpRequestParser &parser = *it->second;
        HttpParseState state = parser.feed(socket->readAll());
        while (state == HttpParseState::Complete) {
            const HttpRequest request = parser.toRequest();
            parser.reset();
            ++m_requests;
            m_maxInFlight = std::max(m_maxInFlight, m_requests - m_answered);
            m_last = request;
            const int delay = request.hasHeader("x-test-delay-ms")
                ? request.header("x-test-delay-ms").toInt()
                : m_delayMs;
            QPointer<QTcpSocket> guard(socket);
            auto reply = [this, guard, request] {
                if (!guard)
                    return;
                HttpResponse response = HttpResponse::json(200,
                    QJsonObject { { QStringLiteral("instance"), m_name },
                        { QStringLiteral("body"), QString::fromUtf8(request.body) },
                        { QStringLiteral("target"), QString::fromUtf8(request.target) },
                        { QStringLiteral("requestId"),
                            QString::fromUtf8(request.header("x-request-id")) },
                        { QStringLiteral("sawAuthorization"),
                            request.hasHeader("authorization") } });
                if (request.hasHeader("x-test-status"))
                    response.status = request.header("x-test-status").toInt();
                if (request.hasHeader("x-test-content-type"))
                    response.headers.set("Content-Type", request.header("x-test-content-type"));
                ++m_answered;
                guard->write(response.toBytes());
            };
            if (delay > 0)
                QTimer::singleShot(delay, this, reply);
            else
                reply();
            state = parser.parse();
        }
    }

    QString m_name;
    QTcpServer m_server;
    quint16 m_port = 0;
    std::map<QTcpSocket *, std::unique_ptr<HttpRequestParser>> m_parsers;
    int m_connections = 0;
    int m_requests = 0;
    int m_answered = 0;
    int m_closed = 0;
    int m_maxInFlight = 0;
    int m_delayMs = 0;
    HttpRequest m_last;
};

// POST /score with a bearer key (none when empty), extra fields and a JSON body.
inline QByteArray fakeScoreRequest(const QByteArray &key, const QByteArray &body = "{\"data\": 1}",
    const QList<std::pair<QByteArray, QByteArray>> &headers = {})
{
    QByteArray out = "POST /score HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!key.isEmpty())
        out += "Authorization: Bearer " + key + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n";
    return out + body;
}

// A raw HTTP/1.1 client: writes bytes, collects parsed answers in order. Waits run an
// event loop that stops as soon as what is awaited has happened.
class TestClient final : public QObject
{
public:
    explicit TestClient(quint16 port)
    {
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
        connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
            m_closed = true;
            m_progress.quit();
        });
        m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    }
    // The socket outlives the event loop member: it must not call back while it closes.
    ~TestClient() override { disconnect(&m_socket, nullptr, this, nullptr); }

    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    bool waitFor(int count, int timeoutMs = 10000)
    {
        waitUntil(
            [&] { return int(responses.size()) >= count || m_failed || m_closed; }, timeoutMs);
        return int(responses.size()) >= count;
    }
    bool waitClosed(int timeoutMs = 10000)
    {
        waitUntil([&] { return m_closed; }, timeoutMs);
        return m_closed;
    }
    bool isClosed() const { return m_closed; }

    bool waitForBytes(qint64 count, int timeoutMs = 10000)
    {
        waitUntil([&] { return m_received >= count || m_closed; }, timeoutMs);
        return m_received >= count;
    }

    QList<HttpResponse> responses;
    QList<int> interimCounts; // 1xx answers before each response

private:
    void waitUntil(const std::function<bool()> &done, int timeoutMs)
    {
        QTimer timeout;
        timeout.setSingleShot(true);
        connect(&timeout, &QTimer::timeout, &m_progress, &QEventLoop::quit);
        timeout.start(timeoutMs);
        while (!done() && timeout.isActive())
            m_progress.exec();
    }

    void onReadyRead()
    {
        const QByteArray bytes = m_socket.readAll();
        m_received += bytes.size();
        HttpParseState state = m_parser.feed(bytes);
        while (state == HttpParseState::Complete) {
            responses.append(m_parser.toResponse());
            interimCounts.append(m_parser.interimCount());
            m_parser.reset();
            state = m_parser.parse();
        }
        if (state == HttpParseState::Error)
            m_failed = true;
        m_progress.quit();
    }

    QTcpSocket m_socket;
    HttpResponseParser m_parser;
    QEventLoop m_progress;
    qint64 m_received = 0;
    bool m_closed = false;
    bool m_failed = false;
};

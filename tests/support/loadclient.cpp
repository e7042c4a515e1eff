#include "loadclient.h"

#include <QHostAddress>
#include <QTimer>

LoadClient::LoadClient(quint16 port, const QByteArray &key, const QByteArray &body, int connections,
    const QByteArray &deployment, QObject *parent)
    : QObject(parent)
    , m_port(port)
{
    m_request = "POST /score HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
        + "\r\nContent-Type: application/json\r\n"
        + (deployment.isEmpty() ? QByteArray() : "azureml-model-deployment: " + deployment + "\r\n")
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    for (int i = 0; i < connections; ++i) {
        auto c = std::make_unique<Connection>();
        Connection *conn = c.get();
        connect(&conn->socket, &QTcpSocket::connected, this, [this, conn] { sendNext(conn); });
        connect(&conn->socket, &QTcpSocket::readyRead, this, [this, conn] { onReadyRead(conn); });
        connect(&conn->socket, &QTcpSocket::disconnected, this, [this, conn] { onBroken(conn); });
        connect(&conn->socket, &QTcpSocket::errorOccurred, this, [this, conn] {
            if (conn->socket.state() == QAbstractSocket::UnconnectedState)
                onBroken(conn);
        });
        m_connections.push_back(std::move(c));
        open(conn);
    }
}

LoadClient::~LoadClient()
{
    for (auto &c : m_connections)
        disconnect(&c->socket, nullptr, this, nullptr);
}

void LoadClient::stop() { m_running = false; }

bool LoadClient::idle() const
{
    for (const auto &c : m_connections) {
        if (c->outstanding)
            return false;
    }
    return true;
}

void LoadClient::open(Connection *c)
{
    c->parser.reset();
    c->socket.connectToHost(QHostAddress(QHostAddress::LocalHost), m_port);
}

void LoadClient::sendNext(Connection *c)
{
    if (!m_running)
        return;
    c->outstanding = true;
    c->socket.write(m_request);
}

void LoadClient::onReadyRead(Connection *c)
{
    HttpParseState state = c->parser.feed(c->socket.readAll());
    while (state == HttpParseState::Complete) {
        ++m_answered;
        ++m_statuses[c->parser.statusCode()];
        c->parser.reset();
        c->outstanding = false;
        sendNext(c);
        state = c->parser.parse();
    }
    if (state == HttpParseState::Error)
        c->socket.abort(); // counted by onBroken
}

void LoadClient::onBroken(Connection *c)
{
    if (!c->outstanding && !m_running)
        return;
    ++m_broken;
    c->outstanding = false;
    if (!m_running)
        return;
    // Opened again from the event loop: never inside the socket's own signal.
    QTimer::singleShot(50, this, [this, c] {
        if (c->socket.state() == QAbstractSocket::UnconnectedState)
            open(c);
    });
}

#include "httpprobe.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>
#include <memory>

namespace {

// The state of one probe, shared by the socket's handlers.
class ProbeCall
{
public:
    static void run(
        QObject *context, quint16 port, const QString &path, int timeoutMs, HttpProbe::Done done)
    {
        auto call = std::make_shared<ProbeCall>();
        call->m_socket = new QTcpSocket(context);
        call->m_done = std::move(done);
        call->m_timeoutMs = timeoutMs;
        QTcpSocket *socket = call->m_socket;
        auto *timer = new QTimer(socket);
        timer->setSingleShot(true);
        QObject::connect(timer, &QTimer::timeout, socket, [call] { call->onTimeout(); });
        QObject::connect(socket, &QTcpSocket::connected, socket, [call, path, port] {
            const QByteArray request = "GET " + path.toUtf8()
                + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
                + "\r\nUser-Agent: rolloutd-probe\r\nConnection: close\r\n\r\n";
            call->m_socket->write(request);
        });
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [call] { call->consume(); });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, [call] { call->onClosed(); });
        QObject::connect(
            socket, &QTcpSocket::errorOccurred, socket, [call](QAbstractSocket::SocketError error) {
                if (error == QAbstractSocket::RemoteHostClosedError)
                    call->onClosed();
                else
                    call->finish(false, call->m_socket->errorString());
            });
        timer->start(timeoutMs);
        socket->connectToHost(QHostAddress::LocalHost, port);
    }

private:
    void consume()
    {
        if (m_finished)
            return;
        m_buffer += m_socket->readAll();
        if (m_status == 0) {
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0) {
                if (m_buffer.size() > 8192)
                    finish(false, QStringLiteral("the answer is not HTTP"));
                return;
            }
            const QList<QByteArray> parts = m_buffer.left(eol).split(' ');
            m_status
                = parts.size() >= 2 && parts.at(0).startsWith("HTTP/") ? parts.at(1).toInt() : -1;
            if (m_status <= 0) {
                finish(false, QStringLiteral("the answer is not HTTP"));
                return;
            }
        }
        if (m_headerEnd < 0) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            m_headerEnd = end + 4;
            for (const QByteArray &line : m_buffer.left(end).split('\n')) {
                if (line.trimmed().toLower().startsWith("content-length:"))
                    m_contentLength = line.mid(line.indexOf(':') + 1).trimmed().toLongLong();
            }
        }
        // Read the whole answer before closing, so the server never writes into a reset.
        if (m_contentLength >= 0 && m_buffer.size() - m_headerEnd >= m_contentLength)
            finishWithStatus();
    }

    void onClosed()
    {
        consume();
        if (m_status > 0)
            finishWithStatus();
        else
            finish(false, QStringLiteral("the connection closed without an answer"));
    }

    void onTimeout()
    {
        if (m_status > 0)
            finishWithStatus();
        else
            finish(false, QStringLiteral("no answer within %1 ms").arg(m_timeoutMs));
    }

    void finishWithStatus()
    {
        finish(m_status >= 200 && m_status < 400, QStringLiteral("HTTP %1").arg(m_status));
    }

    void finish(bool ok, const QString &detail)
    {
        if (m_finished)
            return;
        m_finished = true;
        QObject::disconnect(m_socket, nullptr, nullptr, nullptr);
        m_socket->abort();
        m_socket->deleteLater();
        m_done(ok, detail);
    }

    QTcpSocket *m_socket = nullptr;
    HttpProbe::Done m_done;
    QByteArray m_buffer;
    int m_timeoutMs = 0;
    int m_status = 0;
    qsizetype m_headerEnd = -1;
    qint64 m_contentLength = -1;
    bool m_finished = false;
};

} // namespace

namespace HttpProbe {

void get(QObject *context, quint16 port, const QString &path, int timeoutMs, Done done)
{
    ProbeCall::run(context, port, path, timeoutMs, std::move(done));
}

} // namespace HttpProbe

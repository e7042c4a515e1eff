#include "upstreampool.h"

#include "httpresponseparser.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <utility>

#ifdef Q_OS_UNIX
#include <poll.h>
#endif

// One connection to one instance, carrying one request at a time.
class UpstreamConnection final : public QObject
{
public:
    UpstreamConnection(UpstreamPool *pool, quint16 port);

    quint16 port() const { return m_port; }
    void connectAndSend(const QByteArray &request, UpstreamPool::Done done);
    void send(const QByteArray &request, UpstreamPool::Done done);
    // An idle connection that the instance has not closed (nor sent stray bytes on).
    bool isStillOpen() const;
    void abort();

private:
    void onConnected();
    void onReadyRead();
    void onClosed(const QByteArray &why);
    void finish(UpstreamResult result, bool reusable);

    UpstreamPool *m_pool;
    QTcpSocket *m_socket;
    quint16 m_port;
    HttpResponseParser m_parser;
    UpstreamPool::Done m_done; // set while a request is out
    QByteArray m_request; // held until connected
    qint64 m_written = 0;
    bool m_answerStarted = false;
};

UpstreamConnection::UpstreamConnection(UpstreamPool *pool, quint16 port)
    : QObject(pool)
    , m_pool(pool)
    , m_socket(new QTcpSocket(this))
    , m_port(port)
{
    connect(m_socket, &QTcpSocket::connected, this, [this] { onConnected(); });
    connect(m_socket, &QTcpSocket::readyRead, this, [this] { onReadyRead(); });
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this](qint64 n) { m_written += n; });
    connect(m_socket, &QTcpSocket::disconnected, this,
        [this] { onClosed("the instance closed the connection"); });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        // The instance closing an idle connection is normal; everything else is news.
        onClosed(error == QAbstractSocket::RemoteHostClosedError
                ? QByteArray("the instance closed the connection")
                : m_socket->errorString().toUtf8());
    });
}

void UpstreamConnection::connectAndSend(const QByteArray &request, UpstreamPool::Done done)
{
    m_done = std::move(done);
    m_request = request;
    // Connect from the event loop: a refusal reported inside connectToHost() would call
    // `done` from within UpstreamPool::send().
    QMetaObject::invokeMethod(
        this, [this] { m_socket->connectToHost(QHostAddress(QHostAddress::LocalHost), m_port); },
        Qt::QueuedConnection);
}

void UpstreamConnection::send(const QByteArray &request, UpstreamPool::Done done)
{
    m_done = std::move(done);
    m_written = 0;
    m_answerStarted = false;
    m_socket->write(request); // buffered: goes out from the event loop
}

void UpstreamConnection::onConnected()
{
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (!m_done)
        return;
    m_written = 0;
    m_answerStarted = false;
    m_socket->write(m_request);
    m_request = QByteArray();
}

bool UpstreamConnection::isStillOpen() const
{
    if (m_socket->state() != QAbstractSocket::ConnectedState || m_socket->bytesAvailable() > 0)
        return false;
#ifdef Q_OS_UNIX
    // A close (or stray bytes) the event loop has not reported yet: an idle connection must
    // have nothing to read. Cheap, and it keeps requests off connections already gone.
    pollfd fd { int(m_socket->socketDescriptor()), POLLIN, 0 };
    if (::poll(&fd, 1, 0) != 0)
        return false;
#endif
    return true;
}

void UpstreamConnection::abort()
{
    m_done = nullptr;
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
}

void UpstreamConnection::onReadyRead()
{
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return;
    if (!m_done) {
        // Bytes nobody asked for: the connection is out of step, drop it.
        m_socket->readAll();
        m_pool->forget(this);
        return;
    }
    m_answerStarted = true;
    char *into = m_parser.prepareWrite(available);
    const qint64 got = m_socket->read(into, available);
    const HttpParseState state = m_parser.commitWrite(got);
    if (state == HttpParseState::NeedMore)
        return;

    UpstreamResult result;
    result.port = m_port;
    if (state == HttpParseState::Complete) {
        result.ok = true;
        result.response = m_parser.toResponse();
        // Bytes after the answer mean the instance is out of step: do not reuse.
        const bool reusable = m_parser.keepAlive() && m_parser.unparsedBytes() == 0;
        m_parser.reset();
        finish(std::move(result), reusable);
        return;
    }
    result.error = "the instance sent an invalid answer (" + m_parser.errorMessage() + ")";
    m_parser.clear();
    finish(std::move(result), false);
}

void UpstreamConnection::onClosed(const QByteArray &why)
{
    if (!m_done) {
        m_pool->forget(this); // an idle connection went away
        return;
    }
    // Anything still buffered first: an answer framed by the end of the connection
    // completes here.
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (!m_done) {
        m_pool->forget(this); // answered, but the connection is gone: not for reuse
        return;
    }

    UpstreamResult result;
    result.port = m_port;
    if (m_parser.finish() == HttpParseState::Complete) {
        result.ok = true;
        result.response = m_parser.toResponse();
    } else {
        result.retryable = m_written == 0 && !m_answerStarted;
        result.error = m_answerStarted ? m_parser.errorMessage() : why;
    }
    m_parser.clear();
    finish(std::move(result), false);
}

void UpstreamConnection::finish(UpstreamResult result, bool reusable)
{
    UpstreamPool::Done done = std::move(m_done);
    m_done = nullptr;
    m_pool->release(this, reusable); // may delete this later, not now
    done(result);
}

UpstreamPool::UpstreamPool(QObject *parent)
    : QObject(parent)
{ }

UpstreamPool::~UpstreamPool() { abortAll(); }

void UpstreamPool::send(quint16 port, const QByteArray &request, Done done)
{
    if (UpstreamConnection *idle = takeIdle(port)) {
        idle->send(request, std::move(done));
        return;
    }
    auto *connection = new UpstreamConnection(this, port);
    m_all.append(connection);
    ++m_opened;
    connection->connectAndSend(request, std::move(done));
}

UpstreamConnection *UpstreamPool::takeIdle(quint16 port)
{
    auto it = m_idle.find(port);
    if (it == m_idle.end())
        return nullptr;
    QList<UpstreamConnection *> &idle = it.value();
    // Most recently used first: it is the least likely to have been closed meanwhile.
    while (!idle.isEmpty()) {
        UpstreamConnection *connection = idle.takeLast();
        if (connection->isStillOpen())
            return connection;
        forget(connection);
    }
    return nullptr;
}

void UpstreamPool::release(UpstreamConnection *connection, bool reusable)
{
    QList<UpstreamConnection *> &idle = m_idle[connection->port()];
    if (reusable && idle.size() < m_maxIdlePerPort)
        idle.append(connection);
    else
        forget(connection);
}

void UpstreamPool::forget(UpstreamConnection *connection)
{
    if (!m_all.removeOne(connection))
        return;
    auto it = m_idle.find(connection->port());
    if (it != m_idle.end())
        it.value().removeOne(connection);
    connection->abort();
    connection->deleteLater();
}

void UpstreamPool::abortAll()
{
    const QList<UpstreamConnection *> all = std::exchange(m_all, {});
    m_idle.clear();
    for (UpstreamConnection *connection : all) {
        connection->abort();
        connection->deleteLater(); // abortAll() may run inside one of its callbacks
    }
}

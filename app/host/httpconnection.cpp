#include "httpconnection.h"

#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace {

// Bytes taken from the socket at once, and what Qt buffers when reading pauses: reading
// less than the kernel has gives back-pressure when a client pipelines too far ahead.
constexpr qint64 kReadChunk = 64 * 1024;

bool asksToClose(const HttpResponse &response)
{
    const QByteArray connection = response.headers.value("connection").toLower();
    return connection.contains("close");
}

} // namespace

HttpConnection::HttpConnection(
    QTcpSocket *socket, HttpHandler *handler, const HttpServerOptions &options, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(handler)
    , m_options(options)
    , m_parser(options.limits)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kReadChunk);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { onTimeout(); });
    connect(m_socket, &QTcpSocket::readyRead, this, [this] { processInput(); });
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { onBytesWritten(); });
    connect(m_socket, &QTcpSocket::disconnected, this, [this] { onDisconnected(); });
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        // The client went before we got to it.
        m_phase = Phase::Closed;
        deleteLater();
        return;
    }
    updateTimer();
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(
            this, [this] { processInput(); }, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection()
{
    m_phase = Phase::Closed;
    m_socket->disconnect(this);
}

void HttpConnection::processInput()
{
    if (m_phase == Phase::Lingering) {
        m_socket->readAll(); // nothing after the last answer is read: drop it
        return;
    }
    if (m_phase != Phase::Open || m_processing)
        return;
    m_processing = true;
    while (m_phase == Phase::Open && !m_stopParsing) {
        const HttpParseState state = m_parser.state();
        if (state == HttpParseState::Complete) {
            if (qsizetype(m_slots.size()) >= m_options.maxPipelinedRequests)
                break; // flush() resumes when answers go out
            dispatch();
            continue;
        }
        if (state == HttpParseState::Error) {
            queueFinal(HttpResponse::error(
                m_parser.errorStatus(), QString::fromUtf8(m_parser.errorMessage())));
            break;
        }
        sendContinueIfAsked();
        const qint64 available = std::min(m_socket->bytesAvailable(), kReadChunk);
        if (available <= 0)
            break;
        char *into = m_parser.prepareWrite(available);
        m_parser.commitWrite(m_socket->read(into, available));
        if (m_timerMode == TimerMode::Read && m_parser.isHeadComplete())
            m_timer.start(m_options.readTimeoutMs); // the body is moving: a new gap starts
    }
    m_processing = false;
    updateTimer();
}

void HttpConnection::dispatch()
{
    HttpRequest request = m_parser.toRequest();
    request.peerAddress = m_socket->peerAddress().toString();
    request.peerPort = m_socket->peerPort();

    Slot slot;
    slot.sequence = m_nextSequence++;
    slot.version = request.version;
    slot.keepAlive = request.keepAlive;
    slot.head = m_parser.isHead();
    m_slots.push_back(slot);
    if (!request.keepAlive)
        m_stopParsing = true; // the client said this is its last request

    m_parser.reset();
    m_continueSent = false;
    if (!m_stopParsing)
        m_parser.parse(); // a pipelined request may already be buffered

    m_handler->handle(request, makeResponder(slot.sequence));
}

void HttpConnection::sendContinueIfAsked()
{
    // Only when nothing is ahead of it: interim answers must not overtake earlier answers.
    if (m_continueSent || !m_parser.isHeadComplete() || !m_parser.expectsContinue()
        || !m_slots.empty() || m_parser.version() != HttpVersion::Http11)
        return;
    m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    m_continueSent = true;
}

void HttpConnection::deliver(quint64 sequence, HttpResponse response)
{
    if (m_phase != Phase::Open || m_slots.empty())
        return;
    const quint64 first = m_slots.front().sequence;
    if (sequence < first || sequence - first >= m_slots.size())
        return;
    Slot &slot = m_slots[size_t(sequence - first)];
    if (slot.ready)
        return;
    slot.close = !slot.keepAlive || asksToClose(response);
    HttpWriteOptions options;
    options.keepAlive = !slot.close;
    options.version = slot.version;
    options.headRequest = slot.head;
    options.date = true;
    slot.bytes = response.toBytes(options);
    slot.ready = true;
    flush();
}

void HttpConnection::refuse(const HttpResponse &response)
{
    if (m_phase != Phase::Open)
        return;
    queueFinal(response);
}

void HttpConnection::queueFinal(const HttpResponse &response)
{
    Slot slot;
    slot.sequence = m_nextSequence++;
    slot.ready = true;
    slot.close = true;
    HttpWriteOptions options;
    options.keepAlive = false;
    options.date = true;
    slot.bytes = response.toBytes(options);
    m_slots.push_back(std::move(slot));
    m_stopParsing = true;
    flush();
}

void HttpConnection::flush()
{
    while (m_phase == Phase::Open && !m_slots.empty() && m_slots.front().ready) {
        const Slot slot = std::move(m_slots.front());
        m_slots.pop_front();
        m_socket->write(slot.bytes);
        if (slot.close) {
            beginClose();
            return;
        }
    }
    if (!m_processing)
        processInput(); // reading may have paused at the pipelining limit
}

void HttpConnection::beginClose()
{
    m_phase = Phase::Closing;
    m_stopParsing = true;
    m_slots.clear(); // requests after a closing answer are not answered
    if (m_socket->bytesToWrite() == 0)
        startLinger();
    else
        setTimer(TimerMode::Write, m_options.readTimeoutMs);
}

void HttpConnection::onBytesWritten()
{
    if (m_phase != Phase::Closing)
        return;
    if (m_socket->bytesToWrite() == 0)
        startLinger();
    else
        m_timer.start(m_options.readTimeoutMs); // still moving
}

void HttpConnection::startLinger()
{
    // Close our side but keep reading a while: closing with unread input makes the kernel
    // send RST, which can destroy the answer (a 413) before the client reads it.
    m_phase = Phase::Lingering;
#ifdef Q_OS_UNIX
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
#else
    m_socket->disconnectFromHost();
#endif
    setTimer(TimerMode::Linger, m_options.lingerMs);
    m_socket->readAll();
}

void HttpConnection::setTimer(TimerMode mode, int ms)
{
    m_timerMode = mode;
    if (mode == TimerMode::None)
        m_timer.stop();
    else
        m_timer.start(ms);
}

void HttpConnection::updateTimer()
{
    if (m_phase != Phase::Open)
        return;
    // While the handler works the client is not at fault; otherwise wait for the client.
    TimerMode want = TimerMode::None;
    int ms = 0;
    if (m_slots.empty()) {
        if (m_parser.isIdle()) {
            want = TimerMode::Idle;
            ms = m_options.idleTimeoutMs;
        } else {
            want = TimerMode::Read;
            ms = m_options.readTimeoutMs;
        }
    }
    if (want != m_timerMode)
        setTimer(want, ms); // an unchanged mode keeps its running deadline
}

void HttpConnection::onTimeout()
{
    const TimerMode mode = std::exchange(m_timerMode, TimerMode::None);
    switch (mode) {
    case TimerMode::None:
        break;
    case TimerMode::Idle:
        if (m_phase == Phase::Open)
            beginClose();
        break;
    case TimerMode::Read:
        if (m_phase == Phase::Open)
            queueFinal(HttpResponse::error(408,
                QStringLiteral(
                    "the request did not arrive in full within %1 ms: send the whole request "
                    "without pauses")
                    .arg(m_options.readTimeoutMs)));
        break;
    case TimerMode::Write:
    case TimerMode::Linger:
        abort();
        break;
    }
}

void HttpConnection::abort()
{
    if (m_phase == Phase::Closed)
        return;
    m_socket->abort();
    onDisconnected();
}

void HttpConnection::onDisconnected()
{
    if (m_phase == Phase::Closed)
        return;
    m_phase = Phase::Closed;
    m_timer.stop();
    m_slots.clear();
    deleteLater();
}

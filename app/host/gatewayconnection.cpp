#include "gatewayconnection.h"

#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace {

// Requests read ahead of their answers; past this the connection stops reading, and TCP
// pushes back on a client that pipelines without end.
constexpr size_t kMaxPipeline = 32;
// Qt's own read buffer, bounded for the same reason.
constexpr qint64 kSocketReadBuffer = 256 * 1024;
// After a last answer, how long unread input is still drained so the client sees the answer
// instead of a reset.
constexpr int kLingerMs = 2000;

} // namespace

GatewayConnection::GatewayConnection(
    QTcpSocket *socket, const HttpLimits &limits, Handler handler, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_parser(limits)
    , m_handler(std::move(handler))
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setReadBufferSize(kSocketReadBuffer);
    connect(m_socket, &QTcpSocket::readyRead, this, [this] { pump(); });
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { onWritten(); });
    connect(m_socket, &QTcpSocket::disconnected, this, [this] { onGone(); });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] { onGone(); });
    // Bytes may have arrived before the signals were connected.
    QMetaObject::invokeMethod(
        this, [this] { pump(); }, Qt::QueuedConnection);
}

GatewayConnection::~GatewayConnection() = default;

void GatewayConnection::pump()
{
    if (m_gone || m_pumping)
        return;
    if (!m_reading) {
        if (m_lingering)
            m_socket->readAll(); // drained unread, see closeGently()
        return;
    }
    m_pumping = true;
    while (m_reading && m_slots.size() < kMaxPipeline) {
        HttpParseState state = m_parser.parse();
        if (state == HttpParseState::NeedMore) {
            const qint64 available = m_socket->bytesAvailable();
            if (available <= 0)
                break;
            if (!m_started.isValid())
                m_started.start();
            char *into = m_parser.prepareWrite(available);
            state = m_parser.commitWrite(m_socket->read(into, available));
            if (state == HttpParseState::NeedMore)
                continue;
        }
        if (!dispatchParsed(state))
            break;
    }
    m_pumping = false;
    if (!m_gone)
        maybeSendContinue();
}

bool GatewayConnection::dispatchParsed(HttpParseState state)
{
    GatewayIncoming incoming;
    incoming.id = m_nextId++;
    incoming.started = m_started;
    if (!incoming.started.isValid())
        incoming.started.start();

    Slot slot;
    slot.id = incoming.id;
    if (state == HttpParseState::Complete) {
        incoming.request = m_parser.toRequest();
        incoming.request.peerAddress = m_socket->peerAddress().toString();
        incoming.request.peerPort = m_socket->peerPort();
        incoming.bytesIn = incoming.request.body.size();
        slot.options.keepAlive = incoming.request.keepAlive;
        slot.options.version = incoming.request.version;
        slot.options.headRequest = m_parser.isHead();
        m_parser.reset();
        m_continueSent = false;
        if (!incoming.request.keepAlive)
            m_reading = false;
    } else {
        incoming.errorStatus = m_parser.errorStatus();
        incoming.errorMessage = m_parser.errorMessage();
        slot.options.keepAlive = false; // the framing is lost: nothing after it can be read
        m_parser.clear();
        m_reading = false;
    }
    // The next request's clock starts with its first byte; pipelined bytes are here now.
    if (m_parser.unparsedBytes() > 0)
        m_started.start();
    else
        m_started.invalidate();

    m_slots.push_back(std::move(slot));
    m_handler(this, std::move(incoming)); // may answer at once
    return !m_gone;
}

void GatewayConnection::maybeSendContinue()
{
    // "100 Continue" only when no earlier answer is still owed: interim answers must not
    // overtake final ones.
    if (!m_reading || m_continueSent || !m_slots.empty() || !m_parser.isHeadComplete()
        || m_parser.state() != HttpParseState::NeedMore || !m_parser.expectsContinue()
        || m_parser.version() != HttpVersion::Http11)
        return;
    m_continueSent = true;
    m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
}

void GatewayConnection::answer(quint64 id, const HttpResponse &response)
{
    if (m_gone)
        return;
    for (Slot &slot : m_slots) {
        if (slot.id == id && !slot.answered) {
            slot.answered = true;
            slot.bytes = response.toBytes(slot.options);
            flush();
            return;
        }
    }
}

void GatewayConnection::flush()
{
    while (!m_slots.empty() && m_slots.front().answered && !m_closeAfterWrite) {
        Slot slot = std::move(m_slots.front());
        m_slots.pop_front();
        m_socket->write(slot.bytes);
        if (!slot.options.keepAlive) {
            m_reading = false;
            m_closeAfterWrite = true;
        }
    }
    if (m_closeAfterWrite) {
        m_slots.clear();
        if (m_socket->bytesToWrite() == 0)
            closeGently();
        return;
    }
    // Room in the pipeline again: go on with requests already buffered.
    pump();
}

void GatewayConnection::onWritten()
{
    if (m_closeAfterWrite && !m_lingering && m_socket->bytesToWrite() == 0)
        closeGently();
}

void GatewayConnection::closeGently()
{
    // Closing with unread input makes the kernel send a reset, which can destroy the answer
    // before the client reads it (a 413 for a body still on its way). So: end our side
    // only, read and drop what still comes, and close when the client does or time is up.
    m_lingering = true;
#ifdef Q_OS_UNIX
    if (m_socket->state() == QAbstractSocket::ConnectedState
        && ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) == 0) {
        m_lingerTimer = new QTimer(this);
        m_lingerTimer->setSingleShot(true);
        connect(m_lingerTimer, &QTimer::timeout, this, [this] {
            m_socket->abort();
            onGone();
        });
        m_lingerTimer->start(kLingerMs);
        m_socket->readAll();
        return;
    }
#endif
    m_socket->disconnectFromHost();
}

void GatewayConnection::abort()
{
    if (m_gone)
        return;
    m_socket->abort();
    onGone();
}

void GatewayConnection::onGone()
{
    if (m_gone)
        return;
    m_gone = true;
    m_reading = false;
    m_slots.clear();
    if (m_lingerTimer)
        m_lingerTimer->stop();
    emit closed();
    deleteLater();
}

#include "clientconnection.h"

#include "gatewayworker.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace {

constexpr qsizetype kReadChunk = 16 * 1024;
// An output buffer that grew past this for a large answer is given back afterwards.
constexpr qsizetype kKeptOutputCapacity = 256 * 1024;

qint64 msToNs(int ms) { return qint64(ms) * 1000000; }

} // namespace

ClientConnection::ClientConnection(GatewayWorker &worker, int fd)
    : m_worker(worker)
    , m_fd(fd)
    , m_parser(worker.shared().limits)
    , m_timer([this] { onTimer(); })
{ }

ClientConnection::~ClientConnection()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool ClientConnection::start()
{
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    m_lastActivityNs = m_worker.loop().now();
    // Edge-triggered: an event comes for bytes that arrive; bytes already there give one
    // at once.
    if (!m_worker.loop().add(m_fd, EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET, this))
        return false;
    updateTimer();
    return true;
}

void ClientConnection::onEvents(std::uint32_t events)
{
    if (m_closed)
        return;
    if (events & EPOLLERR) {
        abort();
        return;
    }
    if ((events & EPOLLOUT) && m_outPos < m_out.size()) {
        flush();
        if (m_closed)
            return;
    }
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP)) {
        m_inputPending = true;
        if (m_lingering) {
            closeGently(); // drains and closes at the end of input
            return;
        }
        if (m_exchange) {
            // Served one at a time: what follows stays in the socket until the answer.
            if (events & EPOLLHUP) {
                abort(); // reset or gone both ways: nobody will read the answer
                return;
            }
            if (events & EPOLLRDHUP)
                m_peerClosed = true; // half-closed: still answered, then closed
            return;
        }
        if (events & EPOLLRDHUP)
            m_peerClosed = true;
        readInput();
    }
}

void ClientConnection::readInput()
{
    while (!m_closed && m_reading && !m_exchange) {
        const HttpParseState state = m_parser.parse();
        if (state != HttpParseState::NeedMore) {
            handleState(state);
            break; // one request at a time; the next after its answer
        }
        if (!m_inputPending)
            break;
        const bool wasIdle = m_parser.isIdle();
        char *into = m_parser.prepareWrite(kReadChunk);
        const ssize_t n = ::recv(m_fd, into, size_t(kReadChunk), 0);
        if (n > 0) {
            if (wasIdle || m_requestStartNs == 0)
                m_requestStartNs = EpollLoop::clockNs();
            m_lastActivityNs = m_worker.loop().now();
            // A short read drained the socket: later bytes raise a new edge.
            m_inputPending = n == kReadChunk;
            m_parser.commitWrite(n);
            continue;
        }
        m_parser.commitWrite(0);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_inputPending = false;
            break;
        }
        if (n < 0 && errno == EINTR)
            continue;
        // The client ended the connection (between requests, or in the middle of one it
        // will never finish): nothing more to answer; what is still owed goes out first.
        m_peerClosed = true;
        if (n == 0 && m_outPos < m_out.size()) {
            m_reading = false;
            m_closeAfterWrite = true;
            break;
        }
        abort();
        return;
    }
    if (m_closed)
        return;
    maybeSendContinue();
    updateTimer();
}

bool ClientConnection::handleState(HttpParseState state)
{
    if (state == HttpParseState::Complete) {
        m_continueSent = false;
        if (!m_parser.keepAlive())
            m_reading = false;
        m_worker.onRequest(*this); // may answer at once
        if (m_closed)
            return false;
        m_parser.reset();
        // Pipelined bytes already here start the next request's clock now.
        m_requestStartNs = m_parser.unparsedBytes() > 0 ? EpollLoop::clockNs() : 0;
        return false;
    }
    if (state == HttpParseState::Error) {
        m_reading = false; // the framing is lost: nothing after it can be read
        m_worker.onRefusedInput(*this, m_parser.errorStatus(), m_parser.errorMessage());
        return false;
    }
    return true;
}

void ClientConnection::maybeSendContinue()
{
    // "100 Continue" once per request, when the head is in and the body awaited.
    if (!m_reading || m_continueSent || m_exchange || !m_parser.isHeadComplete()
        || m_parser.state() != HttpParseState::NeedMore || !m_parser.expectsContinue()
        || m_parser.version() != HttpVersion::Http11)
        return;
    m_continueSent = true;
    m_out.append("HTTP/1.1 100 Continue\r\n\r\n");
    m_lastWriteNs = m_worker.loop().now();
    flush();
}

void ClientConnection::answered(bool keepAlive)
{
    m_exchange = nullptr;
    m_lastActivityNs = m_worker.loop().now();
    m_lastWriteNs = m_lastActivityNs;
    const bool more = m_parser.unparsedBytes() > 0 || m_inputPending;
    if (!keepAlive || (m_peerClosed && !more)) {
        m_reading = false;
        m_closeAfterWrite = true;
    }
    flush();
    if (m_closed || m_closeAfterWrite)
        return;
    if (more) {
        // Go on from the loop, not from here: a long pipeline must not nest calls.
        m_resume = true;
        m_worker.loop().arm(&m_timer, 0);
        return;
    }
    updateTimer();
}

void ClientConnection::flush()
{
    while (m_outPos < m_out.size()) {
        const ssize_t n = ::send(m_fd, m_out.constData() + m_outPos,
            size_t(m_out.size() - m_outPos), MSG_NOSIGNAL);
        if (n > 0) {
            m_outPos += n;
            m_lastWriteNs = m_worker.loop().now();
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            updateTimer(); // the client must take it within the write timeout
            return;
        }
        if (n < 0 && errno == EINTR)
            continue;
        abort();
        return;
    }
    if (m_out.capacity() > kKeptOutputCapacity)
        m_out = QByteArray();
    else
        m_out.resize(0);
    m_outPos = 0;
    if (m_closeAfterWrite && !m_lingering)
        closeGently();
}

void ClientConnection::closeGently()
{
    // Closing with unread input makes the kernel send a reset, which can destroy the answer
    // before the client reads it (a 413 for a body still on its way). So: end our side,
    // read and drop what still comes, close when the client does or the time is up.
    if (!m_lingering) {
        m_lingering = true;
        m_lingerUntilNs = m_worker.loop().now() + msToNs(m_worker.shared().timeouts.lingerMs);
        ::shutdown(m_fd, SHUT_WR);
    }
    char sink[4096];
    for (;;) {
        const ssize_t n = ::recv(m_fd, sink, sizeof sink, 0);
        if (n > 0)
            continue;
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        abort(); // the client closed too: done
        return;
    }
    updateTimer();
}

void ClientConnection::updateTimer()
{
    if (m_closed)
        return;
    const GatewayTimeouts &t = m_worker.shared().timeouts;
    qint64 deadline = 0;
    if (m_lingering)
        deadline = m_lingerUntilNs;
    else if (m_outPos < m_out.size())
        deadline = m_lastWriteNs + msToNs(t.clientWriteMs);
    else if (m_exchange)
        return; // the request's own timeout runs
    else if (m_requestStartNs != 0)
        deadline = m_requestStartNs + msToNs(t.clientReadMs);
    else
        deadline = m_lastActivityNs + msToNs(t.clientIdleMs);
    // Only ever earlier: a timer that fires early looks again and re-arms (cheap per request).
    if (!m_timer.isArmed() || deadline < m_timer.deadline())
        m_worker.loop().arm(&m_timer, deadline);
}

void ClientConnection::onTimer()
{
    if (m_closed)
        return;
    if (m_resume) {
        m_resume = false;
        readInput();
        if (m_closed)
            return;
    }
    const GatewayTimeouts &t = m_worker.shared().timeouts;
    const qint64 now = EpollLoop::clockNs();
    if (m_lingering) {
        if (now >= m_lingerUntilNs) {
            abort();
            return;
        }
    } else if (m_outPos < m_out.size()) {
        if (now - m_lastWriteNs >= msToNs(t.clientWriteMs)) {
            abort(); // the client does not read (or is gone without a word)
            return;
        }
    } else if (!m_exchange && m_requestStartNs != 0) {
        if (now - m_requestStartNs >= msToNs(t.clientReadMs)) {
            m_reading = false;
            m_worker.onRefusedInput(*this, 408,
                QByteArrayLiteral("The request did not arrive in time: it must be sent whole "
                                  "within ")
                    + QByteArray::number(t.clientReadMs) + " ms of its first byte");
            return;
        }
    } else if (!m_exchange) {
        if (now - m_lastActivityNs >= msToNs(t.clientIdleMs)) {
            abort(); // idle keep-alive connection (or a half-open one)
            return;
        }
    }
    updateTimer();
}

void ClientConnection::abort()
{
    if (m_closed)
        return;
    m_closed = true;
    m_worker.loop().cancel(&m_timer);
    if (m_fd >= 0) {
        m_worker.loop().remove(m_fd);
        ::close(m_fd);
        m_fd = -1;
    }
    m_worker.onClientGone(*this); // retires this object
}

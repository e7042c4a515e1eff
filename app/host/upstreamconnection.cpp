#include "upstreamconnection.h"

#include "gatewayworker.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace {

constexpr qsizetype kReadChunk = 16 * 1024;

QByteArray errnoText(int error) { return QByteArray(std::strerror(error)); }

} // namespace

UpstreamConnection::UpstreamConnection(GatewayWorker &worker, quint16 port)
    : m_worker(worker)
    , m_port(port)
    , m_deferred([this] {
        if (m_exchange && m_connectError != 0)
            fail(true, "connecting failed: " + errnoText(m_connectError));
    })
{ }

UpstreamConnection::~UpstreamConnection()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool UpstreamConnection::open()
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return false;
    const int one = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) == 0)
        m_connected = true;
    else if (errno != EINPROGRESS)
        m_connectError = errno;
    if (!m_worker.loop().add(m_fd, EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET, this)) {
        ::close(m_fd);
        m_fd = -1;
        return false;
    }
    return true;
}

void UpstreamConnection::send(Exchange *exchange)
{
    m_exchange = exchange;
    m_written = 0;
    m_answerStarted = false;
    if (m_connectError != 0) {
        m_worker.loop().arm(&m_deferred, 0);
        return;
    }
    if (m_connected)
        writeRequest();
}

bool UpstreamConnection::isStillOpen() const
{
    if (m_closed || !m_connected)
        return false;
    // A close (or stray bytes) the loop has not seen yet: an idle connection must have
    // nothing to read.
    char byte = 0;
    const ssize_t n = ::recv(m_fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

void UpstreamConnection::onEvents(std::uint32_t events)
{
    if (m_closed)
        return;
    if (!m_connected) {
        if (!(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
            return;
        int error = 0;
        socklen_t length = sizeof error;
        ::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error != 0 || (events & (EPOLLERR | EPOLLHUP))) {
            if (!m_exchange) {
                m_worker.releaseUpstream(this, false);
                return;
            }
            // Nothing reached the instance: the request may go elsewhere.
            fail(true, "connecting failed: " + errnoText(error != 0 ? error : ECONNREFUSED));
            return;
        }
        m_connected = true;
    }
    if (m_exchange && (events & EPOLLOUT) && m_written < m_exchange->request.size()) {
        writeRequest();
        if (m_closed || !m_exchange)
            return;
    }
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))
        readAnswer();
}

void UpstreamConnection::writeRequest()
{
    const QByteArray &request = m_exchange->request;
    while (m_written < request.size()) {
        const ssize_t n = ::send(m_fd, request.constData() + m_written,
            size_t(request.size() - m_written), MSG_NOSIGNAL);
        if (n > 0) {
            m_written += n;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return; // the rest goes out on the next EPOLLOUT
        if (n < 0 && errno == EINTR)
            continue;
        const int error = errno;
        fail(m_written == 0, "sending the request failed: " + errnoText(error));
        return;
    }
}

void UpstreamConnection::readAnswer()
{
    if (!m_exchange) {
        // An idle connection became readable: the instance closed it or is out of step.
        m_worker.releaseUpstream(this, false);
        return;
    }
    for (;;) {
        char *into = m_parser.prepareWrite(kReadChunk);
        const ssize_t n = ::recv(m_fd, into, size_t(kReadChunk), 0);
        if (n > 0) {
            m_answerStarted = true;
            const HttpParseState state = m_parser.commitWrite(n);
            if (state == HttpParseState::Complete) {
                // Bytes after the answer mean the instance is out of step: not reused.
                const bool reusable = m_parser.keepAlive() && m_parser.unparsedBytes() == 0;
                Exchange *exchange = m_exchange;
                m_exchange = nullptr;
                m_worker.onUpstreamAnswer(this, exchange, reusable);
                return;
            }
            if (state == HttpParseState::Error) {
                fail(false, "the instance sent an invalid answer (" + m_parser.errorMessage() + ")");
                return;
            }
            continue;
        }
        m_parser.commitWrite(0);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        if (n < 0 && errno == EINTR)
            continue;
        const int error = n < 0 ? errno : 0;
        // The end of the connection completes an answer framed by it.
        if (n == 0 && m_parser.finish() == HttpParseState::Complete) {
            Exchange *exchange = m_exchange;
            m_exchange = nullptr;
            m_worker.onUpstreamAnswer(this, exchange, false);
            return;
        }
        const QByteArray why = m_answerStarted
            ? "the answer was cut short (" + m_parser.errorMessage() + ")"
            : (error != 0 ? errnoText(error) : QByteArray("the instance closed the connection"));
        fail(m_written == 0 && !m_answerStarted, why);
        return;
    }
}

void UpstreamConnection::fail(bool retryable, const QByteArray &error)
{
    Exchange *exchange = m_exchange;
    m_exchange = nullptr;
    m_worker.onUpstreamFailed(this, exchange, retryable, error);
}

void UpstreamConnection::close()
{
    if (m_closed)
        return;
    m_closed = true;
    m_exchange = nullptr;
    m_worker.loop().cancel(&m_deferred);
    if (m_fd >= 0) {
        m_worker.loop().remove(m_fd);
        ::close(m_fd);
        m_fd = -1;
    }
}

// A tiny, fast HTTP/1.1 server for the gateway benchmark and the gateway's end-to-end
// tests: one epoll loop, kept-alive connections, pipelining, and the same fixed JSON answer
// for every request (GET / included, so it passes a readiness probe). It stands in for a
// model instance so that what is measured is the proxy, not the model.
//
//   fastupstream [--port N] [--name NAME] [--body JSON]
//
// The port comes from --port, else the PORT environment variable (as rolloutd's
// local_command instances get it). --name answers {"served_by": NAME}; --body any JSON.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>

namespace {

struct Connection
{
    std::string in;
    std::string out;
    size_t outPos = 0;
    bool watchingOut = false;
};

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = char(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

// Length of the first complete request in `in`, 0 when incomplete, -1 when unusable.
long requestLength(std::string_view in, bool *close)
{
    const size_t headEnd = in.find("\r\n\r\n");
    if (headEnd == std::string_view::npos)
        return in.size() > 65536 ? -1 : 0;
    long body = 0;
    *close = false;
    size_t lineStart = in.find("\r\n") + 2;
    while (lineStart < headEnd) {
        const size_t lineEnd = in.find("\r\n", lineStart);
        const std::string_view line = in.substr(lineStart, lineEnd - lineStart);
        const size_t colon = line.find(':');
        if (colon != std::string_view::npos) {
            const std::string_view name = line.substr(0, colon);
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ')
                value.remove_prefix(1);
            if (equalsIgnoreCase(name, "content-length"))
                body = std::strtol(std::string(value).c_str(), nullptr, 10);
            else if (equalsIgnoreCase(name, "connection") && equalsIgnoreCase(value, "close"))
                *close = true;
            else if (equalsIgnoreCase(name, "transfer-encoding"))
                return -1; // not needed by the gateway, which always sends a length
        }
        lineStart = lineEnd + 2;
    }
    const size_t total = headEnd + 4 + size_t(body);
    return in.size() >= total ? long(total) : 0;
}

} // namespace

int main(int argc, char **argv)
{
    int port = 0;
    std::string body = "[11055.977245525677, 4503.079536107787]";
    if (const char *env = std::getenv("PORT"))
        port = std::atoi(env);
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view option = argv[i];
        if (option == "--port")
            port = std::atoi(argv[i + 1]);
        else if (option == "--name")
            body = std::string("{\"served_by\": \"") + argv[i + 1] + "\"}";
        else if (option == "--body")
            body = argv[i + 1];
    }
    if (port <= 0 || port > 65535) {
        std::fprintf(stderr, "fastupstream: give the port with --port N or PORT=N\n");
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    const std::string answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + std::to_string(body.size()) + "\r\n\r\n" + body;

    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(uint16_t(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::listen(listener, 4096) != 0) {
        std::fprintf(stderr, "fastupstream: cannot listen on 127.0.0.1:%d: %s\n", port,
            std::strerror(errno));
        return 1;
    }
    const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
    epoll_event event {};
    event.events = EPOLLIN;
    event.data.fd = listener;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    std::fprintf(stderr, "fastupstream: listening on 127.0.0.1:%d\n", port);

    std::unordered_map<int, Connection> connections;
    auto drop = [&](int fd) {
        ::epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nullptr);
        ::close(fd);
        connections.erase(fd);
    };
    epoll_event events[256];
    char buffer[65536];
    for (;;) {
        const int n = ::epoll_wait(epoll, events, 256, -1);
        for (int i = 0; i < n; ++i) {
            const int fd = events[i].data.fd;
            if (fd == listener) {
                for (;;) {
                    const int client = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
                    if (client < 0)
                        break;
                    ::setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    epoll_event e {};
                    e.events = EPOLLIN | EPOLLRDHUP;
                    e.data.fd = client;
                    ::epoll_ctl(epoll, EPOLL_CTL_ADD, client, &e);
                    connections[client];
                }
                continue;
            }
            auto it = connections.find(fd);
            if (it == connections.end())
                continue;
            Connection &c = it->second;
            bool gone = false;
            bool closeAfter = false;
            if (events[i].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
                const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
                if (got <= 0) {
                    if (got < 0 && (errno == EAGAIN || errno == EINTR))
                        continue;
                    gone = true;
                } else {
                    c.in.append(buffer, size_t(got));
                    for (;;) {
                        bool close = false;
                        const long length = requestLength(c.in, &close);
                        if (length < 0) {
                            gone = true;
                            break;
                        }
                        if (length == 0)
                            break;
                        c.in.erase(0, size_t(length));
                        c.out += answer;
                        if (close) {
                            closeAfter = true;
                            break;
                        }
                    }
                }
            }
            if (gone) {
                drop(fd);
                continue;
            }
            while (c.outPos < c.out.size()) {
                const ssize_t sent = ::send(fd, c.out.data() + c.outPos, c.out.size() - c.outPos, MSG_NOSIGNAL);
                if (sent <= 0)
                    break;
                c.outPos += size_t(sent);
            }
            if (c.outPos == c.out.size()) {
                c.out.clear();
                c.outPos = 0;
                if (closeAfter) {
                    drop(fd);
                    continue;
                }
            }
            // Waits for room to write only while an answer is stuck.
            if (c.out.empty() == c.watchingOut) {
                c.watchingOut = !c.out.empty();
                epoll_event e {};
                e.events = EPOLLIN | EPOLLRDHUP | (c.watchingOut ? unsigned(EPOLLOUT) : 0u);
                e.data.fd = fd;
                ::epoll_ctl(epoll, EPOLL_CTL_MOD, fd, &e);
            }
        }
    }
}

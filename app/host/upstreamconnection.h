#pragma once

// One kept-alive connection from a gateway worker to an instance on 127.0.0.1, carrying one
// request at a time: connects without blocking, writes the exchange's request, reads the
// answer with HttpResponseParser and hands it to the worker, which puts the connection
// back in its idle pool or closes it.

#include "epollloop.h"
#include "httpresponseparser.h"

class GatewayWorker;
struct Exchange;

class UpstreamConnection final : public EpollLoop::Handler
{
public:
    UpstreamConnection(GatewayWorker &worker, quint16 port);
    ~UpstreamConnection() override;

    quint16 port() const { return m_port; }
    // Starts connecting; false when the socket cannot even be made.
    bool open();
    // Writes the exchange's request (once connected). The answer, or the failure, is
    // reported later from the loop, never from inside send().
    void send(Exchange *exchange);
    // The complete answer, valid in GatewayWorker::onUpstreamAnswer().
    const HttpResponseParser &answer() const { return m_parser; }
    void resetForReuse() { m_parser.reset(); }
    // An idle connection the instance has not closed (nor sent stray bytes on).
    bool isStillOpen() const;
    // The exchange no longer waits (timeout): the connection is closed by the caller, so
    // a late answer never reaches a later request.
    void detach() { m_exchange = nullptr; }
    bool isIdle() const { return m_exchange == nullptr; }
    void onEvents(std::uint32_t events) override;
    void close();

private:
    void writeRequest();
    void readAnswer();
    void fail(bool retryable, const QByteArray &error);

    GatewayWorker &m_worker;
    quint16 m_port;
    int m_fd = -1;
    HttpResponseParser m_parser;
    Exchange *m_exchange = nullptr;
    qsizetype m_written = 0;
    EpollLoop::Timer m_deferred; // reports a refused connect from the loop
    int m_connectError = 0;
    bool m_connected = false;
    bool m_answerStarted = false;
    bool m_closed = false;
};

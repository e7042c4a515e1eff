#pragma once

// One client connection of a gateway worker: reads requests with HttpRequestParser and
// serves them one at a time in arrival order (pipelined requests wait in the buffer, as
// nginx and HAProxy do), writes answers without blocking, and cuts off slow and idle
// clients by timeouts. Refused input (400/413/431/...) is answered, then the connection
// ends gently: our side is shut, what the client still sends is read and dropped for a
// moment, so it sees the answer instead of a reset.

#include "epollloop.h"
#include "httpparser.h"

class GatewayWorker;
struct Exchange;

class ClientConnection final : public EpollLoop::Handler
{
public:
    ClientConnection(GatewayWorker &worker, int fd);
    ~ClientConnection() override;

    bool start();
    void onEvents(std::uint32_t events) override;

    HttpRequestParser &parser() { return m_parser; }
    qint64 requestStartNs() const { return m_requestStartNs; }
    bool peerClosed() const { return m_peerClosed; }

    Exchange *exchange() const { return m_exchange; }
    void setExchange(Exchange *exchange) { m_exchange = exchange; }
    // The answer to the current request is appended here, then answered() sends it.
    QByteArray &output() { return m_out; }
    // The current request is answered; `keepAlive` false closes after the answer.
    void answered(bool keepAlive);
    // Drops the connection at once.
    void abort();

private:
    void readInput();
    bool handleState(HttpParseState state);
    void flush();
    void closeGently();
    void updateTimer();
    void onTimer();
    void maybeSendContinue();

    GatewayWorker &m_worker;
    int m_fd;
    HttpRequestParser m_parser;
    Exchange *m_exchange = nullptr;
    QByteArray m_out;
    qsizetype m_outPos = 0;
    EpollLoop::Timer m_timer;
    qint64 m_requestStartNs = 0; // first byte of the request being read; 0: none
    qint64 m_lastActivityNs = 0;
    qint64 m_lastWriteNs = 0;
    qint64 m_lingerUntilNs = 0;
    bool m_inputPending = false; // bytes may wait in the socket (edge-triggered)
    bool m_reading = true; // false after a refused request or one that asked to close
    bool m_closeAfterWrite = false;
    bool m_lingering = false;
    bool m_peerClosed = false; // the client shut its side; answer, then close
    bool m_continueSent = false;
    bool m_resume = false; // go on with buffered input from the loop
    bool m_closed = false;
};

#pragma once

// One client connection of HttpServer: owns the socket and the request parser, hands
// complete requests to the handler, writes the answers in request order (they may finish
// out of order), and enforces the idle and read timeouts. Deletes itself when closed.

#include "httphandler.h"
#include "httpparser.h"
#include "httpserver.h"

#include <QObject>
#include <QTimer>
#include <deque>

class QTcpSocket;

class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    // Takes the socket over. handler must outlive the connection.
    HttpConnection(QTcpSocket *socket, HttpHandler *handler, const HttpServerOptions &options,
        QObject *parent = nullptr);
    ~HttpConnection() override;

    // The answer to request number sequence (from HttpResponder).
    void deliver(quint64 sequence, HttpResponse response);
    // Answers at once without reading a request, then closes (over the connection limit).
    void refuse(const HttpResponse &response);
    // Drops the connection now.
    void abort();
    // Still reading requests and writing answers.
    bool isOpen() const { return m_phase == Phase::Open; }

private:
    enum class Phase
    {
        Open,
        Closing,
        Lingering,
        Closed
    };
    enum class TimerMode
    {
        None,
        Idle,
        Read,
        Write,
        Linger
    };
    struct Slot
    {
        quint64 sequence = 0;
        HttpVersion version = HttpVersion::Http11;
        bool keepAlive = false;
        bool head = false;
        bool ready = false;
        bool close = false;
        QByteArray bytes;
    };

    HttpResponder makeResponder(quint64 sequence);

    void processInput();
    void dispatch();
    void sendContinueIfAsked();
    // Queues an answer after which the connection closes (errors, timeouts, refusals).
    void queueFinal(const HttpResponse &response);
    void flush();
    void beginClose();
    void startLinger();
    void updateTimer();
    void setTimer(TimerMode mode, int ms);
    void onTimeout();
    void onBytesWritten();
    void onDisconnected();

    QTcpSocket *m_socket;
    HttpHandler *m_handler;
    HttpServerOptions m_options;
    HttpRequestParser m_parser;
    std::deque<Slot> m_slots; // one per request read, answered or not, in request order
    quint64 m_nextSequence = 0;
    QTimer m_timer;
    TimerMode m_timerMode = TimerMode::None;
    Phase m_phase = Phase::Open;
    bool m_stopParsing = false; // a request asked to close, or the input was bad
    bool m_processing = false; // inside processInput(): handlers may answer synchronously
    bool m_continueSent = false;
};

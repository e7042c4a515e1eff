#pragma once

// One client connection of the gateway: reads requests with HttpRequestParser (keep-alive
// and pipelining), hands each to the gateway, and writes the answers back in request order
// whenever they are ready. Refused input (400/413/431/...) is handed over as such, answered
// like any request, and then the connection is closed gently (the client still reads it).

#include "httpmessage.h"
#include "httpparser.h"

#include <QElapsedTimer>
#include <QObject>
#include <deque>
#include <functional>

class QTcpSocket;
class QTimer;

struct GatewayIncoming
{
    quint64 id = 0; // answer with GatewayConnection::answer(id, ...)
    HttpRequest request; // when errorStatus == 0
    int errorStatus = 0; // the parser refused the input: 400, 413, 431, 501, 505
    QByteArray errorMessage;
    QElapsedTimer started; // when the request's first bytes arrived
    qint64 bytesIn = 0; // request body bytes
};

class GatewayConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayConnection)
public:
    using Handler = std::function<void(GatewayConnection *, GatewayIncoming &&)>;

    // Takes over `socket` (a connected one, e.g. from QTcpServer::nextPendingConnection()).
    GatewayConnection(
        QTcpSocket *socket, const HttpLimits &limits, Handler handler, QObject *parent = nullptr);
    ~GatewayConnection() override;

    // Answers request `id`. Answers wait for the ones of earlier requests (pipelining).
    void answer(quint64 id, const HttpResponse &response);
    // Drops the connection at once (the gateway is closing).
    void abort();

    // Requests read but not yet answered.
    int pendingCount() const { return int(m_slots.size()); }

signals:
    // The connection is gone; the object deletes itself later.
    void closed();

private:
    struct Slot
    {
        quint64 id = 0;
        HttpWriteOptions options;
        bool answered = false;
        QByteArray bytes;
    };

    void pump();
    bool dispatchParsed(HttpParseState state);
    void flush();
    void maybeSendContinue();
    void closeGently();
    void onWritten();
    void onGone();

    QTcpSocket *m_socket;
    HttpRequestParser m_parser;
    Handler m_handler;
    std::deque<Slot> m_slots;
    quint64 m_nextId = 1;
    QElapsedTimer m_started;
    QTimer *m_lingerTimer = nullptr;
    bool m_reading = true; // false after a refused request or one that asked to close
    bool m_closeAfterWrite = false; // the last answer is queued; close once it is out
    bool m_lingering = false;
    bool m_pumping = false;
    bool m_continueSent = false;
    bool m_gone = false;
};

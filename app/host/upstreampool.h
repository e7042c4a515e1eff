#pragma once

// Kept-alive HTTP/1.1 connections from the gateway to its instances on 127.0.0.1, pooled
// per instance port: a request goes out on an idle connection that is still open, or on a
// new one. Answers are read with HttpResponseParser; one request per connection at a time.

#include "httpmessage.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <functional>

class UpstreamConnection;

struct UpstreamResult
{
    bool ok = false; // a whole answer arrived
    // The request never reached the instance (connection refused, or closed before the
    // request was written): sending it elsewhere cannot run the model twice.
    bool retryable = false;
    quint16 port = 0;
    HttpResponse response; // when ok
    QByteArray error; // when not ok: what went wrong, for the 502 message
};

class UpstreamPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamPool)
public:
    using Done = std::function<void(const UpstreamResult &)>;

    explicit UpstreamPool(QObject *parent = nullptr);
    ~UpstreamPool() override;

    // Sends `request` (a whole HTTP/1.1 request, head and body) to 127.0.0.1:port. `done` is
    // called exactly once, always later from the event loop (never inside send()), unless
    // abortAll() comes first.
    void send(quint16 port, const QByteArray &request, Done done);

    // Closes every connection; pending `done` callbacks are dropped uncalled.
    void abortAll();

    // Idle connections kept per port; more are closed when they come back.
    void setMaxIdlePerPort(int count) { m_maxIdlePerPort = count; }
    int idleCount(quint16 port) const { return int(m_idle.value(port).size()); }
    // Connections opened since construction (for tests and metrics).
    qint64 connectionsOpened() const { return m_opened; }

private:
    friend class UpstreamConnection;
    UpstreamConnection *takeIdle(quint16 port);
    void release(UpstreamConnection *connection, bool reusable);
    void forget(UpstreamConnection *connection);

    QHash<quint16, QList<UpstreamConnection *>> m_idle;
    QList<UpstreamConnection *> m_all;
    int m_maxIdlePerPort = 64;
    qint64 m_opened = 0;
};

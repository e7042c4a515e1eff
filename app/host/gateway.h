#pragma once

// The scoring gateway of one endpoint: 127.0.0.1:PORT/score. Checks the key (or aml_token
// token), routes by weight or by the azureml-model-deployment header, mirrors a share of
// the weighted requests, applies each deployment's request settings (408, 429, 424), and
// proxies to a ready instance over kept-alive connections.
//
// The data path runs on worker threads (one epoll loop per core, GatewayWorker); this
// object lives on the host's main thread, which only swaps route tables, reads metrics and
// receives drain notices. setRouteTable() is atomic for new requests: requests in flight
// finish where they started.

#include "domain.h"
#include "result.h"
#include "routetable.h"

#include <QObject>

#include <functional>
#include <memory>

class MetricsStore;

struct GatewayOptions
{
    int threads = 0; // 0: one per core (ROLLOUTD_GATEWAY_THREADS overrides)
    int clientReadTimeoutMs = 15000; // a request must arrive whole within this (slow clients)
    int clientIdleTimeoutMs = 60000; // a kept-alive connection without requests is closed
    int clientWriteTimeoutMs = 15000; // an answer the client does not read: dropped
};

class Gateway final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Gateway)
public:
    explicit Gateway(QObject *parent = nullptr);
    ~Gateway() override;

    // Takes effect at the next listen().
    void setOptions(const GatewayOptions &options);
    GatewayOptions options() const;

    // Binds 127.0.0.1:port (0 picks one). An error says the port is taken.
    Status listen(quint16 port);
    quint16 port() const;
    // Stops listening and drops every connection; drain waiters are told at once.
    void close();

    // Takes effect for the next request; requests in flight finish where they started.
    void setRouteTable(RouteTablePtr table);
    RouteTablePtr routeTable() const;

    // Calls `drained` (on this object's thread) once no request is in flight to the
    // instance on `instancePort`, at once if none is. No new request goes to it meanwhile,
    // unless a later route table lists it again. Used before an instance is stopped.
    void whenDrained(quint16 instancePort, std::function<void()> drained);

    // The per-second metrics (GET .../metrics?since=CURSOR); kept across listen()/close().
    MetricsPage metrics(qint64 since) const;
    std::shared_ptr<MetricsStore> metricsStore() const;

signals:
    // One finished request, delivered on this object's thread (emitted only while
    // something is connected: the data path skips it otherwise): the deployment that
    // served it (empty when none), the HTTP status, latency, bytes, and whether it was a
    // mirrored copy.
    void requestServed(const QString &deployment, int status, double latencyMs, qint64 bytesIn,
        qint64 bytesOut, bool mirrored);

protected:
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    class Private;
    std::unique_ptr<Private> d;
};

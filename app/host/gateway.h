#pragma once

// The scoring gateway of one endpoint: 127.0.0.1:PORT/score. Checks the key (or aml_token
// token), routes by weight or by the azureml-model-deployment header, and proxies to a
// ready instance over kept-alive connections.

#include "result.h"
#include "routetable.h"

#include <QObject>

#include <functional>
#include <memory>

class Gateway final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Gateway)
public:
    explicit Gateway(QObject *parent = nullptr);
    ~Gateway() override;

    // Binds 127.0.0.1:port (0 picks one). An error says the port is taken.
    Status listen(quint16 port);
    quint16 port() const;
    void close();

    // Takes effect for the next request; requests in flight finish where they started.
    void setRouteTable(RouteTablePtr table);
    RouteTablePtr routeTable() const;

    // Calls `drained` once no request is in flight to the instance on `instancePort` (at
    // once if none is). Used before an instance is stopped.
    void whenDrained(quint16 instancePort, std::function<void()> drained);

signals:
    // One finished request, for metrics: which deployment served it (empty when none),
    // the HTTP status, latency, bytes, and whether it was a mirrored copy.
    void requestServed(const QString &deployment, int status, double latencyMs, qint64 bytesIn,
                       qint64 bytesOut, bool mirrored);

private:
    class Private;
    std::unique_ptr<Private> d;
};

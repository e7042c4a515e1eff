#include "gateway.h"

#include "gatewayplan.h"
#include "gatewayworker.h"
#include "metricsstore.h"

#include <QMetaMethod>
#include <QMultiHash>
#include <QPointer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

class Gateway::Private
{
public:
    explicit Private(Gateway *q)
        : q(q)
    {
        shared.metrics = std::make_shared<MetricsStore>();
        // Both run on worker threads: they only post to the gateway's thread.
        shared.instanceDrained = [this] {
            if (!drainCheckPosted.exchange(true))
                QMetaObject::invokeMethod(this->q, [this] { checkDrains(); }, Qt::QueuedConnection);
        };
        Gateway *gateway = q;
        shared.served = [gateway](const QString &deployment, int status, double latencyMs,
                            qint64 bytesIn, qint64 bytesOut, bool mirrored) {
            QMetaObject::invokeMethod(
                gateway,
                [=] {
                    emit gateway->requestServed(
                        deployment, status, latencyMs, bytesIn, bytesOut, mirrored);
                },
                Qt::QueuedConnection);
        };
    }

    int threadCount() const;
    void stopWorkers();
    void checkDrains();
    void callAllWaiters();

    struct DrainWaiter
    {
        std::weak_ptr<InstanceSlot> instance;
        std::function<void()> drained;
    };

    Gateway *q;
    GatewayOptions options;
    GatewayShared shared;
    GatewayPlanBuilder builder;
    RouteTablePtr table;
    std::vector<std::unique_ptr<GatewayWorker>> workers;
    quint16 port = 0;
    QMultiHash<quint16, DrainWaiter> waiters;
    std::atomic<bool> drainCheckPosted { false };
};

int Gateway::Private::threadCount() const
{
    const int fromEnv = qEnvironmentVariableIntValue("ROLLOUTD_GATEWAY_THREADS");
    const int wanted = options.threads > 0 ? options.threads
        : fromEnv > 0                      ? fromEnv
                                           : int(std::thread::hardware_concurrency());
    return std::clamp(wanted, 1, 64);
}

void Gateway::Private::stopWorkers()
{
    for (auto &worker : workers)
        worker->stop();
    workers.clear();
    shared.workers.clear();
    if (shared.listenFd >= 0) {
        ::close(shared.listenFd);
        shared.listenFd = -1;
    }
    port = 0;
}

void Gateway::Private::checkDrains()
{
    drainCheckPosted = false;
    QList<std::function<void()>> ready;
    for (auto it = waiters.begin(); it != waiters.end();) {
        const InstanceSlotPtr instance = it->instance.lock();
        if (!instance || instance->inFlight.load() == 0) {
            ready.append(std::move(it->drained));
            it = waiters.erase(it);
        } else {
            ++it;
        }
    }
    for (const auto &drained : ready)
        drained(); // may add waiters or close the gateway
}

void Gateway::Private::callAllWaiters()
{
    QList<std::function<void()>> all;
    for (auto it = waiters.begin(); it != waiters.end(); ++it)
        all.append(std::move(it->drained));
    waiters.clear();
    for (const auto &drained : all)
        drained();
}

Gateway::Gateway(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{ }

Gateway::~Gateway()
{
    d->stopWorkers();
    d->waiters.clear();
}

void Gateway::setOptions(const GatewayOptions &options) { d->options = options; }

GatewayOptions Gateway::options() const { return d->options; }

Status Gateway::listen(quint16 port)
{
    d->stopWorkers();
    auto refused = [port](const QString &why) {
        return Error { QStringLiteral("PortInUse"),
            QStringLiteral(
                "The gateway cannot listen on 127.0.0.1:%1 (%2): another program uses the port; "
                "free it or let the endpoint take another one")
                .arg(port)
                .arg(why),
            QStringLiteral("port"), 0, 0 };
    };
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return refused(QString::fromLocal8Bit(std::strerror(errno)));
    // Reuse a port left in TIME_WAIT by an earlier run; a port someone listens on stays
    // refused (no SO_REUSEPORT: two gateways must never share one).
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0
        || ::listen(fd, 4096) != 0) {
        const int error = errno;
        ::close(fd);
        return refused(QString::fromLocal8Bit(std::strerror(error)));
    }
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    d->shared.listenFd = fd;
    d->port = ntohs(address.sin_port);
    d->shared.timeouts.clientReadMs = d->options.clientReadTimeoutMs;
    d->shared.timeouts.clientIdleMs = d->options.clientIdleTimeoutMs;
    d->shared.timeouts.clientWriteMs = d->options.clientWriteTimeoutMs;

    const int count = d->threadCount();
    d->shared.metrics->setWorkerCount(count);
    for (int i = 0; i < count; ++i) {
        d->workers.push_back(std::make_unique<GatewayWorker>(d->shared, i));
        d->shared.workers.push_back(d->workers.back().get());
    }
    for (auto &worker : d->workers) {
        if (!worker->start()) {
            d->stopWorkers();
            return Error { QStringLiteral("GatewayFailed"),
                QStringLiteral("The gateway could not start its threads (epoll): the system is "
                               "out of resources; close other programs and try again"),
                QStringLiteral("port"), 0, 0 };
        }
    }
    return {};
}

quint16 Gateway::port() const { return d->port; }

void Gateway::close()
{
    d->stopWorkers();
    // Nothing is in flight any more: whoever waits for an instance to drain may go on.
    d->callAllWaiters();
}

void Gateway::setRouteTable(RouteTablePtr table)
{
    d->table = std::move(table);
    GatewayPlanPtr plan = d->builder.build(d->table);
    std::lock_guard lock(d->shared.planMutex);
    d->shared.plan = std::move(plan);
    d->shared.planVersion.fetch_add(1, std::memory_order_release);
}

RouteTablePtr Gateway::routeTable() const { return d->table; }

void Gateway::whenDrained(quint16 instancePort, std::function<void()> drained)
{
    if (!drained)
        return;
    const InstanceSlotPtr instance = d->builder.instance(instancePort);
    if (!instance) {
        drained(); // no plan and no request knows it
        return;
    }
    // Draining first, then the count: a worker that claims a place after this sees the
    // flag and gives the place back (InstanceSlot::tryAcquire).
    instance->draining.store(true);
    if (instance->inFlight.load() == 0) {
        drained();
        return;
    }
    d->waiters.insert(instancePort, Private::DrainWaiter { instance, std::move(drained) });
}

MetricsPage Gateway::metrics(qint64 since) const { return d->shared.metrics->page(since); }

std::shared_ptr<MetricsStore> Gateway::metricsStore() const { return d->shared.metrics; }

void Gateway::connectNotify(const QMetaMethod &signal)
{
    if (signal == QMetaMethod::fromSignal(&Gateway::requestServed))
        d->shared.servedWanted.store(true);
}

void Gateway::disconnectNotify(const QMetaMethod &signal)
{
    // An invalid method: disconnect() of everything.
    if (!signal.isValid() || signal == QMetaMethod::fromSignal(&Gateway::requestServed))
        d->shared.servedWanted.store(isSignalConnected(QMetaMethod::fromSignal(&Gateway::requestServed)));
}

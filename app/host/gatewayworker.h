#pragma once

// One thread of the gateway's data path: an EpollLoop with the client connections it
// accepted, kept-alive connections to the instances, the requests in flight and those
// waiting for an instance, and its own per-second metrics. Workers share only the listening
// socket, the current GatewayPlan (swapped whole by the host's main thread) and the
// atomic counters inside it; no lock is held across I/O and a request allocates nothing
// but its forwarded copy.

#include "epollloop.h"
#include "gatewayplan.h"
#include "httpparser.h"
#include "httpresponseparser.h"
#include "metricsstore.h"

#include <QRandomGenerator64>

#include <atomic>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>

class ClientConnection;
class UpstreamConnection;
class GatewayWorker;

struct GatewayTimeouts
{
    int clientReadMs = 15000; // from a request's first byte to its last (slow clients)
    int clientIdleMs = 60000; // a kept-alive connection without a request (half-open ones)
    int clientWriteMs = 15000; // an answer the client does not take
    int lingerMs = 2000; // after a last answer, unread input is drained this long
};

// What the workers of one gateway share; owned by the gateway, outlives its workers.
struct GatewayShared
{
    GatewayTimeouts timeouts;
    HttpLimits limits; // 1.5 MiB bodies, 16 KiB heads
    int maxIdleUpstreamPerInstance = 256;
    int listenFd = -1;
    std::vector<GatewayWorker *> workers;
    std::atomic<quint32> acceptTurn { 0 };

    // The current plan: workers compare the version (one atomic load per request) and copy
    // the pointer under the mutex only when it changed.
    std::mutex planMutex;
    GatewayPlanPtr plan;
    std::atomic<quint64> planVersion { 0 };

    std::shared_ptr<MetricsStore> metrics;
    // Called from worker threads; the gateway forwards them to its own thread.
    std::function<void()> instanceDrained;
    std::atomic<bool> servedWanted { false };
    std::function<void(const QString &, int, double, qint64, qint64, bool)> served;
};

// One request from arrival to answer (or one mirrored copy).
struct Exchange
{
    enum class Stage { Idle, Queued, Upstream };

    explicit Exchange(GatewayWorker *worker);

    ClientConnection *client = nullptr; // null for a mirrored copy or when the client left
    GatewayPlanPtr plan; // the plan the request started with
    int deployment = -1; // index into plan->deployments
    bool mirror = false;
    Stage stage = Stage::Idle;
    qint64 startedNs = 0;
    qint64 deadlineNs = 0; // request_timeout_ms from arrival
    qint64 queueDeadlineNs = 0; // max_queue_wait_ms from queueing
    qint64 bytesIn = 0;
    char requestId[36] {};
    QByteArray clientRequestId; // echoed, cut to 40
    QByteArray request; // the bytes sent to the instance
    InstanceSlotPtr instance;
    UpstreamConnection *upstream = nullptr;
    quint16 excludedPort = 0; // refused the connection; the one retry goes elsewhere
    bool retried = false;
    bool keepAlive = true;
    HttpVersion version = HttpVersion::Http11;
    EpollLoop::Timer timer;

    const PlanDeployment *planDeployment() const
    {
        return deployment >= 0 ? &plan->deployments[size_t(deployment)] : nullptr;
    }
    QByteArrayView requestIdView() const { return QByteArrayView(requestId, sizeof requestId); }
};

// The request as the instance gets it: the deployment's scoring path, the client's fields
// but the hop-by-hop ones and the credentials, our x-request-id, the body with its length.
void buildUpstreamRequest(QByteArray &out, const HttpRequestParser &request,
    const QByteArray &scorePath, QByteArrayView requestId);

class GatewayWorker
{
    Q_DISABLE_COPY_MOVE(GatewayWorker)
public:
    GatewayWorker(GatewayShared &shared, int index);
    ~GatewayWorker(); // stop() and join first

    bool start();
    void stop(); // thread-safe; joins
    // Thread-safe: a connection accepted by another worker, to be served here.
    void hand(int fd);

    // For connections (same thread).
    EpollLoop &loop() { return m_loop; }
    GatewayShared &shared() { return m_shared; }
    void onRequest(ClientConnection &client);
    void onRefusedInput(ClientConnection &client, int status, const QByteArray &message);
    void onClientGone(ClientConnection &client);
    void onUpstreamAnswer(UpstreamConnection *connection, Exchange *exchange, bool reusable);
    void onUpstreamFailed(UpstreamConnection *connection, Exchange *exchange, bool retryable,
        const QByteArray &error);
    // Back to the idle pool, or closed.
    void releaseUpstream(UpstreamConnection *connection, bool reusable);
    void closeHandler(EpollLoop::Handler *handler);
    void onExchangeTimer(Exchange *exchange);

private:
    class Listener;
    struct Accumulator
    {
        qint64 second = -1;
        QString deployment;
        SecondStats stats;
    };

    void run();
    void onAcceptable();
    void adopt(int fd);
    void takeHanded();
    void refreshPlan();

    Exchange *newExchange();
    void freeExchange(Exchange *exchange);
    const PlanDeployment *routeTarget(const Exchange &exchange) const;
    void dispatch(Exchange *exchange);
    InstanceSlotPtr acquireInstance(const PlanDeployment &deployment, quint16 exclude);
    void send(Exchange *exchange, InstanceSlotPtr instance);
    void queue(Exchange *exchange, const PlanDeployment &deployment);
    void unqueue(Exchange *exchange);
    void serveQueue(DeploymentLoad *load);
    void serveAllQueues();
    void releaseInstance(Exchange *exchange);
    void mirrorCopy(const Exchange &live, const HttpRequestParser &request);

    void closeUpstream(UpstreamConnection *connection);

    // Answers (gatewayanswers.cpp). All end the exchange.
    void answerLocal(Exchange *exchange, int status, const QString &message,
        const QList<std::pair<QByteArray, QByteArray>> &extraHeaders = {});
    void answerOrDrop(Exchange *exchange, int status, const QString &message);
    void answerTimeout(Exchange *exchange);
    // Writes the model's answer for the client (non-200 as 424); returns the status sent.
    int writeProxiedAnswer(QByteArray &out, const HttpResponseParser &answer,
        const Exchange &exchange);
    void deliver(Exchange *exchange, int status, qint64 bodyBytes);
    void finishMirror(Exchange *exchange, int status);
    void record(const Exchange &exchange, int status, qint64 bytesOut);
    void recordTo(int metricsId, const QString &deployment, int status, qint64 latencyNs,
        qint64 bytesIn, qint64 bytesOut, bool mirrored);
    void flushMetrics(bool all);
    void fillRequestId(char *into);

    GatewayShared &m_shared;
    const int m_index;
    EpollLoop m_loop;
    std::thread m_thread;
    std::unique_ptr<Listener> m_listener;
    std::unordered_map<EpollLoop::Handler *, std::unique_ptr<EpollLoop::Handler>> m_handlers;
    std::unordered_map<quint16, std::vector<UpstreamConnection *>> m_idle;
    std::unordered_map<DeploymentLoad *, std::deque<Exchange *>> m_queues;
    std::vector<std::unique_ptr<Exchange>> m_exchanges; // all, for cleanup
    std::vector<Exchange *> m_freeExchanges;
    GatewayPlanPtr m_plan;
    quint64 m_planVersion = ~quint64(0);
    std::vector<Accumulator> m_metrics; // by DeploymentLoad::metricsId
    EpollLoop::Timer m_tick;
    QRandomGenerator64 m_random;
    std::mutex m_handedMutex;
    std::vector<int> m_handed; // guarded by m_handedMutex
};

#include "gatewayworker.h"

#include "clientconnection.h"
#include "gatewayrouting.h"
#include "httpsyntax.h"
#include "upstreamconnection.h"
#include "weightedchoice.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

namespace {

qint64 msToNs(int ms) { return qint64(ms) * 1000000; }
// Metrics of finished seconds go to the store this often; waiting requests look again.
constexpr qint64 kTickNs = 100 * 1000000;
constexpr int kAcceptBatch = 64;
// How long an instance whose connection failed is avoided (InstanceSlot::failedUntilNs).
constexpr int kFailedInstanceCoolDownMs = 1000;

} // namespace

Exchange::Exchange(GatewayWorker *worker)
    : timer([this, worker] { worker->onExchangeTimer(this); })
{ }

// The listening socket, shared by every worker (EPOLLEXCLUSIVE wakes one of them).
class GatewayWorker::Listener final : public EpollLoop::Handler
{
public:
    explicit Listener(GatewayWorker &worker)
        : m_worker(worker)
    { }
    void onEvents(std::uint32_t) override { m_worker.onAcceptable(); }

private:
    GatewayWorker &m_worker;
};

GatewayWorker::GatewayWorker(GatewayShared &shared, int index)
    : m_shared(shared)
    , m_index(index)
    , m_tick([this] {
        flushMetrics(false);
        serveAllQueues();
        m_loop.arm(&m_tick, m_loop.now() + kTickNs);
    })
    , m_random(QRandomGenerator::system()->generate64())
{ }

GatewayWorker::~GatewayWorker()
{
    stop();
    std::lock_guard lock(m_handedMutex);
    for (int fd : m_handed)
        ::close(fd);
    m_handed.clear();
}

bool GatewayWorker::start()
{
    if (!m_loop.isValid())
        return false;
    m_listener = std::make_unique<Listener>(*this);
    if (!m_loop.add(m_shared.listenFd, EPOLLIN | EPOLLEXCLUSIVE, m_listener.get()))
        return false;
    m_thread = std::thread([this] { run(); });
    return true;
}

void GatewayWorker::stop()
{
    m_loop.stop();
    if (m_thread.joinable())
        m_thread.join();
}

void GatewayWorker::run()
{
    m_loop.refreshNow();
    m_loop.arm(&m_tick, m_loop.now() + kTickNs);
    m_loop.run();
    // Stopping: what was counted goes to the store; connections close with the worker.
    flushMetrics(true);
    m_loop.remove(m_shared.listenFd);
    m_handlers.clear();
    m_idle.clear();
    m_queues.clear();
}

void GatewayWorker::hand(int fd)
{
    {
        std::lock_guard lock(m_handedMutex);
        m_handed.push_back(fd);
    }
    m_loop.post([this] { takeHanded(); });
}

void GatewayWorker::takeHanded()
{
    std::vector<int> fds;
    {
        std::lock_guard lock(m_handedMutex);
        fds.swap(m_handed);
    }
    for (int fd : fds)
        adopt(fd);
}

void GatewayWorker::onAcceptable()
{
    const std::vector<GatewayWorker *> &workers = m_shared.workers;
    for (int i = 0; i < kAcceptBatch; ++i) {
        const int fd = ::accept4(m_shared.listenFd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            return; // EAGAIN, or out of descriptors: the next wake-up tries again
        }
        // Connections are dealt round, so every core serves its share however the wake-ups
        // fall.
        GatewayWorker *target = workers.empty()
            ? this
            : workers[m_shared.acceptTurn.fetch_add(1, std::memory_order_relaxed) % workers.size()];
        if (target == this)
            adopt(fd);
        else
            target->hand(fd);
    }
}

void GatewayWorker::adopt(int fd)
{
    auto client = std::make_unique<ClientConnection>(*this, fd);
    ClientConnection *pointer = client.get();
    if (!client->start())
        return; // the destructor closes it
    m_handlers.emplace(pointer, std::move(client));
}

void GatewayWorker::closeHandler(EpollLoop::Handler *handler)
{
    const auto it = m_handlers.find(handler);
    if (it == m_handlers.end())
        return;
    m_loop.retire(std::move(it->second));
    m_handlers.erase(it);
}

void GatewayWorker::onClientGone(ClientConnection &client)
{
    // A request in flight goes on (the instance is busy with it anyway); its answer is
    // dropped.
    if (Exchange *exchange = client.exchange())
        exchange->client = nullptr;
    client.setExchange(nullptr);
    closeHandler(&client);
}

void GatewayWorker::refreshPlan()
{
    const quint64 version = m_shared.planVersion.load(std::memory_order_acquire);
    if (version == m_planVersion)
        return;
    {
        std::lock_guard lock(m_shared.planMutex);
        m_plan = m_shared.plan;
        m_planVersion = m_shared.planVersion.load(std::memory_order_relaxed);
    }
    serveAllQueues(); // instances may have been added
}

Exchange *GatewayWorker::newExchange()
{
    if (m_freeExchanges.empty()) {
        m_exchanges.push_back(std::make_unique<Exchange>(this));
        return m_exchanges.back().get();
    }
    Exchange *exchange = m_freeExchanges.back();
    m_freeExchanges.pop_back();
    return exchange;
}

void GatewayWorker::freeExchange(Exchange *exchange)
{
    m_loop.cancel(&exchange->timer);
    exchange->client = nullptr;
    exchange->plan.reset();
    exchange->deployment = -1;
    exchange->mirror = false;
    exchange->stage = Exchange::Stage::Idle;
    exchange->clientRequestId.resize(0);
    // A large body's buffer is given back; a usual one is kept for the next request.
    if (exchange->request.capacity() > 64 * 1024 || !exchange->request.isDetached())
        exchange->request = QByteArray(); // shared with a mirrored copy, or large
    else
        exchange->request.resize(0);
    exchange->instance.reset();
    exchange->upstream = nullptr;
    exchange->excludedPort = 0;
    exchange->retried = false;
    exchange->keepAlive = true;
    m_freeExchanges.push_back(exchange);
}

void GatewayWorker::onRequest(ClientConnection &client)
{
    refreshPlan();
    const HttpRequestParser &request = client.parser();
    Exchange *x = newExchange();
    x->client = &client;
    client.setExchange(x);
    x->startedNs = client.requestStartNs() != 0 ? client.requestStartNs() : EpollLoop::clockNs();
    x->plan = m_plan;
    x->version = request.version();
    x->keepAlive = request.keepAlive();
    x->bytesIn = request.body().size();
    fillRequestId(x->requestId);
    const QByteArrayView clientId = request.header("x-ms-client-request-id");
    if (!clientId.isEmpty())
        x->clientRequestId.append(clientId.first(std::min<qsizetype>(clientId.size(), 40)));

    if (request.path() != "/score") {
        answerLocal(x, 404,
            QStringLiteral("There is nothing at '%1': the scoring URI is POST /score")
                .arg(QString::fromUtf8(request.path())));
        return;
    }
    if (request.method() != "POST") {
        answerLocal(x, 405,
            QStringLiteral("%1 is not allowed on /score: send the input with POST")
                .arg(QString::fromUtf8(request.method())),
            { { "Allow", "POST" } });
        return;
    }
    if (!x->plan || !x->plan->table) {
        answerLocal(x, 503, QStringLiteral("The endpoint is still starting: try again in a moment"));
        return;
    }
    const GatewayPlan &plan = *x->plan;
    const RouteTable &table = *plan.table;
    if (auto refused = GatewayRouting::checkAuthorization(
            table, request.header("authorization"), qint64(std::time(nullptr)))) {
        answerLocal(x, refused->status, refused->message, { { "WWW-Authenticate", "Bearer" } });
        return;
    }
    const QByteArrayView named = HttpSyntax::trimOws(request.header("azureml-model-deployment"));
    const bool byHeader = !named.isEmpty();
    x->deployment = byHeader ? plan.find(named) : plan.nextPick();
    if (x->deployment < 0) {
        // The refusal's text (unknown name, or no weight above 0) as the routing rules word it.
        WeightedChoice none;
        const GatewayRouting::DeploymentChoice choice
            = GatewayRouting::chooseDeployment(table, named, none);
        answerLocal(x, 404,
            choice.refusal ? choice.refusal->message
                           : QStringLiteral("No valid deployments to route to."));
        return;
    }
    const PlanDeployment &target = plan.deployments[size_t(x->deployment)];
    x->deadlineNs = x->startedNs + msToNs(target.settings.requestTimeoutMs);
    buildUpstreamRequest(x->request, request, target.scorePath, x->requestIdView());
    // A copy of the given share of weighted requests goes to the mirror; its answer is
    // read and dropped, and it never waits for a place.
    if (!byHeader && plan.mirrorIndex >= 0 && plan.mirrorIndex != x->deployment
        && plan.nextMirror())
        mirrorCopy(*x, request);
    dispatch(x);
}

void GatewayWorker::mirrorCopy(const Exchange &live, const HttpRequestParser &request)
{
    const PlanDeployment &mirror = live.plan->deployments[size_t(live.plan->mirrorIndex)];
    Exchange *y = newExchange();
    y->mirror = true;
    y->plan = live.plan;
    y->deployment = live.plan->mirrorIndex;
    y->startedNs = EpollLoop::clockNs();
    y->deadlineNs = y->startedNs + msToNs(mirror.settings.requestTimeoutMs);
    y->bytesIn = live.bytesIn;
    std::copy(std::begin(live.requestId), std::end(live.requestId), std::begin(y->requestId));
    if (mirror.scorePath == live.planDeployment()->scorePath)
        y->request = live.request; // shared, not copied
    else
        buildUpstreamRequest(y->request, request, mirror.scorePath, y->requestIdView());
    dispatch(y);
}

const PlanDeployment *GatewayWorker::routeTarget(const Exchange &exchange) const
{
    // The deployment was chosen with the plan the request arrived under; its instances are
    // the newest known (scaled, replaced), unless the deployment is gone from the newest.
    const PlanDeployment *own = exchange.planDeployment();
    if (m_plan && m_plan != exchange.plan) {
        for (const PlanDeployment &d : m_plan->deployments) {
            if (d.load == own->load)
                return &d;
        }
    }
    return own;
}

InstanceSlotPtr GatewayWorker::acquireInstance(const PlanDeployment &d, quint16 exclude)
{
    const size_t n = d.instances.size();
    if (n == 0)
        return {};
    const int limit = std::max(1, d.settings.maxConcurrentRequestsPerInstance);
    const quint32 start = d.load->cursor.fetch_add(1, std::memory_order_relaxed);
    const qint64 now = EpollLoop::clockNs();
    // An instance whose connection just failed is taken only when no other could be.
    bool othersExist = false;
    for (const InstanceSlotPtr &slot : d.instances) {
        othersExist = othersExist
            || (slot->port != exclude && !slot->draining.load(std::memory_order_relaxed)
                && slot->failedUntilNs.load(std::memory_order_relaxed) <= now);
    }
    // The least loaded instance; ties rotate. Another thread may take the place between
    // the look and the claim: then look once more.
    for (int attempt = 0; attempt < 3; ++attempt) {
        size_t best = n;
        int bestLoad = limit;
        for (size_t k = 0; k < n; ++k) {
            const size_t i = (start + k) % n;
            const InstanceSlot &slot = *d.instances[i];
            if (slot.port == exclude || slot.draining.load(std::memory_order_relaxed)
                || (othersExist && slot.failedUntilNs.load(std::memory_order_relaxed) > now))
                continue;
            const int load = slot.inFlight.load(std::memory_order_relaxed);
            if (load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        if (best == n)
            return {};
        if (d.instances[best]->tryAcquire(limit))
            return d.instances[best];
    }
    return {};
}

namespace {

bool hasCandidate(const PlanDeployment &d, quint16 exclude)
{
    for (const InstanceSlotPtr &slot : d.instances) {
        if (slot->port != exclude && !slot->draining.load(std::memory_order_relaxed))
            return true;
    }
    return false;
}

} // namespace

void GatewayWorker::dispatch(Exchange *x)
{
    const PlanDeployment *d = routeTarget(*x);
    if (InstanceSlotPtr slot = acquireInstance(*d, x->excludedPort)) {
        send(x, std::move(slot));
        return;
    }
    if (!hasCandidate(*d, x->excludedPort)) {
        if (x->mirror) {
            finishMirror(x, 503);
        } else if (x->retried) {
            answerLocal(x, 502,
                QStringLiteral("The deployment '%1' could not take the request: its instance on "
                               "port %2 refused it and no other is ready")
                    .arg(d->name)
                    .arg(x->excludedPort));
        } else {
            answerLocal(x, 503, GatewayRouting::noReadyInstance(*x->plan->table, d->name).message);
        }
        return;
    }
    if (x->mirror) {
        finishMirror(x, 429); // copies never wait: the live request must not share a queue
        return;
    }
    queue(x, *d);
}

void GatewayWorker::queue(Exchange *x, const PlanDeployment &d)
{
    if (!d.load->tryQueue(d.queueLimit())) {
        answerLocal(x, 429,
            QStringLiteral("Too many pending requests for deployment '%1': %2 wait already, "
                           "the most allowed being 2 × max_concurrent_requests_per_instance "
                           "(%3) × instance_count (%4). Send fewer requests at once, or raise "
                           "request_settings.max_concurrent_requests_per_instance or "
                           "instance_count")
                .arg(d.name)
                .arg(d.queueLimit())
                .arg(d.settings.maxConcurrentRequestsPerInstance)
                .arg(d.instanceCount),
            { { "ms-azureml-model-error-reason", "too_many_pending_request" } });
        return;
    }
    x->stage = Exchange::Stage::Queued;
    x->queueDeadlineNs = EpollLoop::clockNs() + msToNs(d.settings.maxQueueWaitMs);
    m_queues[d.load.get()].push_back(x);
    m_loop.arm(&x->timer, std::min(x->queueDeadlineNs, x->deadlineNs));
}

void GatewayWorker::unqueue(Exchange *x)
{
    DeploymentLoad *load = x->planDeployment()->load.get();
    const auto it = m_queues.find(load);
    if (it != m_queues.end()) {
        std::deque<Exchange *> &q = it->second;
        const auto found = std::find(q.begin(), q.end(), x);
        if (found != q.end()) {
            q.erase(found);
            load->queued.fetch_sub(1);
        }
    }
    x->stage = Exchange::Stage::Idle;
}

void GatewayWorker::serveQueue(DeploymentLoad *load)
{
    const auto it = m_queues.find(load);
    if (it == m_queues.end())
        return;
    std::deque<Exchange *> &q = it->second;
    while (!q.empty()) {
        Exchange *x = q.front();
        const PlanDeployment *d = routeTarget(*x);
        InstanceSlotPtr slot = acquireInstance(*d, x->excludedPort);
        if (!slot && hasCandidate(*d, x->excludedPort))
            break; // still busy: wait on
        q.pop_front();
        load->queued.fetch_sub(1);
        x->stage = Exchange::Stage::Idle;
        m_loop.cancel(&x->timer);
        if (slot)
            send(x, std::move(slot));
        else
            dispatch(x); // its instances are gone: answered from there
    }
    // Places freed here may serve requests that wait on other workers.
    const int waitingHere = int(q.size());
    if (load->queued.load() > waitingHere) {
        for (GatewayWorker *worker : m_shared.workers) {
            if (worker != this)
                worker->m_loop.post([worker] { worker->serveAllQueues(); });
        }
    }
}

void GatewayWorker::serveAllQueues()
{
    // Keys first: serving may add queues, which would invalidate a running iteration.
    std::vector<DeploymentLoad *> waiting;
    for (const auto &[load, q] : m_queues) {
        if (!q.empty())
            waiting.push_back(load);
    }
    for (DeploymentLoad *load : waiting)
        serveQueue(load);
}

void GatewayWorker::send(Exchange *x, InstanceSlotPtr instance)
{
    const quint16 port = instance->port;
    x->instance = std::move(instance);
    x->stage = Exchange::Stage::Upstream;
    UpstreamConnection *connection = nullptr;
    auto &idle = m_idle[port];
    // Most recently used first: the least likely to have been closed meanwhile.
    while (!idle.empty() && !connection) {
        UpstreamConnection *candidate = idle.back();
        idle.pop_back();
        if (candidate->isStillOpen())
            connection = candidate;
        else
            closeUpstream(candidate);
    }
    if (!connection) {
        auto fresh = std::make_unique<UpstreamConnection>(*this, port);
        if (!fresh->open()) {
            releaseInstance(x);
            answerOrDrop(x, 502,
                QStringLiteral("The gateway cannot open a connection to deployment '%1' (out of "
                               "file descriptors?): try again, or raise the open-files limit")
                    .arg(x->planDeployment()->name));
            return;
        }
        connection = fresh.get();
        m_handlers.emplace(connection, std::move(fresh));
    }
    x->upstream = connection;
    m_loop.arm(&x->timer, x->deadlineNs);
    connection->send(x);
}

void GatewayWorker::releaseInstance(Exchange *x)
{
    if (!x->instance)
        return;
    if (x->instance->release() && m_shared.instanceDrained)
        m_shared.instanceDrained();
    x->instance.reset();
}

void GatewayWorker::releaseUpstream(UpstreamConnection *connection, bool reusable)
{
    auto &idle = m_idle[connection->port()];
    const auto found = std::find(idle.begin(), idle.end(), connection);
    if (reusable && connection->isIdle()) {
        if (found == idle.end() && int(idle.size()) < m_shared.maxIdleUpstreamPerInstance) {
            idle.push_back(connection);
            return;
        }
        if (found != idle.end())
            return;
    }
    if (found != idle.end())
        idle.erase(found);
    closeUpstream(connection);
}

void GatewayWorker::closeUpstream(UpstreamConnection *connection)
{
    connection->close();
    closeHandler(connection);
}

void GatewayWorker::onUpstreamAnswer(UpstreamConnection *connection, Exchange *x, bool reusable)
{
    x->upstream = nullptr;
    m_loop.cancel(&x->timer);
    DeploymentLoad *load = x->planDeployment()->load.get();
    const HttpResponseParser &answer = connection->answer();
    int status = answer.statusCode();
    qint64 bytesOut = answer.body().size();
    if (!x->mirror && x->client)
        status = writeProxiedAnswer(x->client->output(), answer, *x);
    else if (!x->mirror)
        status = status == 200 ? 200 : 424;
    connection->resetForReuse();
    releaseUpstream(connection, reusable);
    releaseInstance(x);
    if (x->mirror)
        finishMirror(x, status);
    else
        deliver(x, status, bytesOut);
    serveQueue(load);
}

void GatewayWorker::onUpstreamFailed(
    UpstreamConnection *connection, Exchange *x, bool retryable, const QByteArray &error)
{
    const quint16 port = connection->port();
    releaseUpstream(connection, false);
    x->upstream = nullptr;
    m_loop.cancel(&x->timer);
    if (x->instance)
        x->instance->failedUntilNs.store(
            EpollLoop::clockNs() + msToNs(kFailedInstanceCoolDownMs), std::memory_order_relaxed);
    DeploymentLoad *load = x->planDeployment()->load.get();
    releaseInstance(x);
    if (x->mirror) {
        finishMirror(x, 502);
    } else if (retryable && !x->retried) {
        // Only a request that never reached the instance may go elsewhere: the model must
        // not run twice.
        x->retried = true;
        x->excludedPort = port;
        dispatch(x);
    } else {
        answerLocal(x, 502,
            QStringLiteral("The deployment '%1' did not answer: its instance on port %2 failed "
                           "(%3); read its logs (getLogs)")
                .arg(x->planDeployment()->name)
                .arg(port)
                .arg(QString::fromUtf8(error)));
    }
    serveQueue(load);
}

void GatewayWorker::onExchangeTimer(Exchange *x)
{
    const qint64 now = EpollLoop::clockNs();
    const PlanDeployment &d = *x->planDeployment();
    if (x->stage == Exchange::Stage::Queued) {
        if (now < std::min(x->queueDeadlineNs, x->deadlineNs)) {
            m_loop.arm(&x->timer, std::min(x->queueDeadlineNs, x->deadlineNs));
            return;
        }
        unqueue(x);
        if (now >= x->deadlineNs) {
            answerTimeout(x);
            return;
        }
        answerLocal(x, 429,
            QStringLiteral("Deployment '%1' had no free instance within max_queue_wait_ms (%2 "
                           "ms): send fewer requests at once, or raise "
                           "request_settings.max_concurrent_requests_per_instance, "
                           "max_queue_wait_ms or instance_count")
                .arg(d.name)
                .arg(d.settings.maxQueueWaitMs),
            { { "ms-azureml-model-error-reason", "too_many_pending_request" } });
        return;
    }
    if (x->stage != Exchange::Stage::Upstream)
        return;
    // The instance did not answer in time. Its connection is closed, so the stale answer
    // can never reach a later request.
    if (UpstreamConnection *connection = x->upstream) {
        x->upstream = nullptr;
        connection->detach();
        releaseUpstream(connection, false);
    }
    DeploymentLoad *load = d.load.get();
    releaseInstance(x);
    if (x->mirror)
        finishMirror(x, 408);
    else
        answerTimeout(x);
    serveQueue(load);
}

void GatewayWorker::answerTimeout(Exchange *x)
{
    const PlanDeployment &d = *x->planDeployment();
    answerLocal(x, 408,
        QStringLiteral("Deployment '%1' did not answer within request_timeout_ms (%2 ms): make "
                       "the model faster, or raise request_settings.request_timeout_ms (at "
                       "most 180000)")
            .arg(d.name)
            .arg(d.settings.requestTimeoutMs));
}

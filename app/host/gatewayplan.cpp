#include "gatewayplan.h"

#include "httpsyntax.h"
#include "weightedchoice.h"

bool InstanceSlot::tryAcquire(int limit)
{
    int current = inFlight.load();
    do {
        if (current >= limit)
            return false;
    } while (!inFlight.compare_exchange_weak(current, current + 1));
    if (draining.load()) {
        release();
        return false;
    }
    return true;
}

bool InstanceSlot::release() { return inFlight.fetch_sub(1) == 1 && draining.load(); }

bool DeploymentLoad::tryQueue(int limit)
{
    int current = queued.load();
    do {
        if (current >= limit)
            return false;
    } while (!queued.compare_exchange_weak(current, current + 1));
    return true;
}

int PlanDeployment::queueLimit() const
{
    return 2 * std::max(1, settings.maxConcurrentRequestsPerInstance) * std::max(1, instanceCount);
}

int GatewayPlan::find(QByteArrayView name) const
{
    for (size_t i = 0; i < deployments.size(); ++i) {
        if (deployments[i].nameUtf8 == name)
            return int(i);
    }
    for (size_t i = 0; i < deployments.size(); ++i) {
        if (HttpSyntax::equalsIgnoreCase(deployments[i].nameUtf8, name))
            return int(i);
    }
    return -1;
}

int GatewayPlan::nextPick() const
{
    if (picks.empty())
        return -1;
    return picks[size_t(pickCursor->next.fetch_add(1, std::memory_order_relaxed) % picks.size())];
}

bool GatewayPlan::nextMirror() const
{
    if (mirrorIndex < 0 || mirrorPicks.empty())
        return false;
    return mirrorPicks[size_t(
        mirrorCursor->next.fetch_add(1, std::memory_order_relaxed) % mirrorPicks.size())];
}

namespace {

// One period of WeightedChoice's sequence: every window of that length holds each entry
// exactly its weight times, and picks interleave.
std::vector<int> period(const TrafficMap &weights, QStringList *names)
{
    WeightedChoice choice(weights);
    *names = choice.names();
    qint64 total = 0;
    for (auto it = weights.cbegin(); it != weights.cend(); ++it)
        total += std::max(0, it.value());
    std::vector<int> sequence;
    sequence.reserve(size_t(total));
    for (qint64 i = 0; i < total; ++i)
        sequence.push_back(choice.nextIndex());
    return sequence;
}

} // namespace

GatewayPlanPtr GatewayPlanBuilder::build(const RouteTablePtr &table)
{
    auto plan = std::make_shared<GatewayPlan>();
    plan->table = table;
    // Other weights start the rotation over; the same weights keep it going, so a table
    // rebuilt for an unrelated change (an instance became ready) does not skew the split.
    const TrafficMap traffic = table ? table->traffic : TrafficMap();
    const TrafficMap mirror = table ? table->mirror : TrafficMap();
    if (traffic != m_traffic) {
        m_traffic = traffic;
        m_pickCursor = std::make_shared<SequenceCursor>();
    }
    if (mirror != m_mirror) {
        m_mirror = mirror;
        m_mirrorCursor = std::make_shared<SequenceCursor>();
    }
    plan->pickCursor = m_pickCursor;
    plan->mirrorCursor = m_mirrorCursor;
    if (!table)
        return plan;

    QHash<quint16, std::weak_ptr<InstanceSlot>> instances;
    for (auto it = table->deployments.cbegin(); it != table->deployments.cend(); ++it) {
        PlanDeployment d;
        d.name = it.key();
        d.nameUtf8 = it.key().toUtf8();
        d.scorePath = it->scorePath.isEmpty() ? QByteArray("/score") : it->scorePath.toUtf8();
        d.settings = it->requestSettings;
        d.instanceCount = it->instanceCount;
        for (quint16 port : it->readyPorts) {
            if (port == 0)
                continue;
            // An instance that was drained and is listed again (a new process on a reused
            // port) starts afresh.
            InstanceSlotPtr slot = m_instances.value(port).lock();
            if (!slot || slot->draining.load())
                slot = std::make_shared<InstanceSlot>(port);
            instances.insert(port, slot);
            d.instances.push_back(std::move(slot));
        }
        DeploymentLoadPtr &load = m_loads[d.name];
        if (!load)
            load = std::make_shared<DeploymentLoad>(d.name, m_nextMetricsId++);
        d.load = load;
        plan->deployments.push_back(std::move(d));
    }
    // Instances of older plans stay known while requests still hold them (whenDrained).
    for (auto it = m_instances.cbegin(); it != m_instances.cend(); ++it) {
        if (!instances.contains(it.key()) && !it.value().expired())
            instances.insert(it.key(), it.value());
    }
    m_instances = std::move(instances);

    QStringList names;
    const std::vector<int> byName = period(traffic, &names);
    plan->picks.reserve(byName.size());
    for (int i : byName)
        plan->picks.push_back(plan->find(names.at(i).toUtf8()));
    if (std::find(plan->picks.cbegin(), plan->picks.cend(), -1) != plan->picks.cend())
        plan->picks.clear(); // weight for a deployment that does not exist: refuse, as none

    for (auto it = mirror.cbegin(); it != mirror.cend(); ++it) {
        const int index = plan->find(it.key().toUtf8());
        const int share = std::clamp(it.value(), 0, 100);
        if (index < 0 || share == 0)
            continue;
        QStringList order;
        const std::vector<int> copy = period(
            TrafficMap { { QStringLiteral("copy"), share }, { QStringLiteral("skip"), 100 - share } },
            &order);
        plan->mirrorIndex = index;
        plan->mirrorPicks.reserve(copy.size());
        for (int i : copy)
            plan->mirrorPicks.push_back(order.at(i) == QLatin1String("copy"));
        break; // at most one mirror deployment (rules)
    }
    return plan;
}

InstanceSlotPtr GatewayPlanBuilder::instance(quint16 port) const
{
    return m_instances.value(port).lock();
}

#pragma once

// The route table as the gateway's worker threads use it. The host hands the gateway a
// RouteTable on its main thread; GatewayPlanBuilder turns it into an immutable GatewayPlan
// whose shared parts carry what every thread must agree on: requests in flight per
// instance (max_concurrent_requests_per_instance, draining), requests waiting per
// deployment (the 429 limit), and the position in the weighted split and the mirror share,
// so the split stays exact however many threads pick.

#include "routetable.h"

#include <QHash>
#include <QString>

#include <atomic>
#include <memory>
#include <vector>

// One instance as every worker sees it.
struct InstanceSlot
{
    explicit InstanceSlot(quint16 p)
        : port(p)
    { }
    const quint16 port;
    std::atomic<int> inFlight { 0 };
    std::atomic<bool> draining { false };
    // After its connection failed (the process died?) the instance gets no new request
    // until then (EpollLoop::clockNs()) while another can take it: the supervisor takes a
    // dead instance out of routing within this time, a request sent meanwhile would fail.
    std::atomic<qint64> failedUntilNs { 0 };

    // Takes one of `limit` places. False when all are taken or the instance drains (the
    // increment comes before the draining check, and whenDrained() sets draining before it
    // reads inFlight: one of the two always sees the other).
    bool tryAcquire(int limit);
    // Gives the place back. True when the instance is now idle while draining: someone
    // waits for that.
    bool release();
};
using InstanceSlotPtr = std::shared_ptr<InstanceSlot>;

// What outlives one plan for one deployment name: waiting requests across threads.
struct DeploymentLoad
{
    explicit DeploymentLoad(const QString &n, int id)
        : name(n)
        , metricsId(id)
    { }
    const QString name;
    const int metricsId; // > 0; 0 is the endpoint level (requests refused before routing)
    std::atomic<int> queued { 0 }; // requests waiting for an instance, all workers
    std::atomic<quint32> cursor { 0 }; // round-robin start among equally loaded instances

    // Counts one more waiting request unless `limit` already wait.
    bool tryQueue(int limit);
};
using DeploymentLoadPtr = std::shared_ptr<DeploymentLoad>;

struct PlanDeployment
{
    QString name;
    QByteArray nameUtf8;
    QByteArray scorePath; // "/score" unless the inference_config says otherwise
    RequestSettings settings;
    int instanceCount = 1;
    std::vector<InstanceSlotPtr> instances; // ready ones
    DeploymentLoadPtr load;

    // More than this many waiting requests: 429 (2 × max_concurrent × instance_count).
    int queueLimit() const;
};

// A position in a repeating sequence, shared by every thread that picks from it.
struct SequenceCursor
{
    std::atomic<quint64> next { 0 };
};

struct GatewayPlan
{
    RouteTablePtr table;
    std::vector<PlanDeployment> deployments; // name order
    // One period of the smooth weighted round-robin over the live weights (WeightedChoice),
    // as indices into `deployments`; empty when no weight is positive.
    std::vector<int> picks;
    std::shared_ptr<SequenceCursor> pickCursor;
    // The mirror deployment (-1: none) and one period of its share: true = copy this one.
    int mirrorIndex = -1;
    std::vector<bool> mirrorPicks;
    std::shared_ptr<SequenceCursor> mirrorCursor;

    // Index of the deployment named `name` (exact, else case-insensitive, as Azure); -1.
    int find(QByteArrayView name) const;
    // The next deployment by weight; -1 when no weight is positive.
    int nextPick() const;
    // Whether the next request routed by weight is also copied to the mirror.
    bool nextMirror() const;
};
using GatewayPlanPtr = std::shared_ptr<const GatewayPlan>;

// Builds plans on the host's main thread, keeping the shared parts of instances and
// deployments from one plan to the next, and the split's position when the weights stay.
class GatewayPlanBuilder
{
public:
    GatewayPlanPtr build(const RouteTablePtr &table);

    // The instance on `port` while any plan or request still refers to it; null otherwise.
    InstanceSlotPtr instance(quint16 port) const;

private:
    QHash<quint16, std::weak_ptr<InstanceSlot>> m_instances;
    QHash<QString, DeploymentLoadPtr> m_loads;
    int m_nextMetricsId = 1;
    TrafficMap m_traffic;
    TrafficMap m_mirror;
    std::shared_ptr<SequenceCursor> m_pickCursor = std::make_shared<SequenceCursor>();
    std::shared_ptr<SequenceCursor> m_mirrorCursor = std::make_shared<SequenceCursor>();
};

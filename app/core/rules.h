#pragma once

// The rules of Azure ML managed online endpoints (DESIGN.md §4) as pure functions. Each
// returns an Error whose message says what is wrong and how to fix it; nothing here has
// side effects, so a caller checks everything before it changes anything.

#include "domain.h"
#include "result.h"

namespace Rules {

inline constexpr int MinNameLength = 3;
inline constexpr int MaxNameLength = 32;
inline constexpr int MaxDeploymentsPerEndpoint = 20;
inline constexpr int MaxMirrorPercent = 50;
inline constexpr int MinInstanceCount = 1;
inline constexpr int MaxInstanceCount = 50;
inline constexpr int MaxRequestTimeoutMs = 180000;

enum class NameKind
{
    Endpoint,
    Deployment
};

// 3-32 characters, ^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$
Status checkName(NameKind kind, const QString &name);

// Integers 0-100, total 0 or 100, every key one of `deployments`.
Status checkTraffic(const TrafficMap &traffic, const QStringList &deployments);

// At most one deployment above 0, at most 50 %, every key one of `deployments`, and never a
// deployment that has live traffic in `traffic`. Zero entries are allowed (they clear).
Status checkMirrorTraffic(
    const TrafficMap &mirror, const TrafficMap &traffic, const QStringList &deployments);

// Both maps together, as a change to an endpoint: the rules above plus the count limit.
Status checkEndpointTraffic(
    const TrafficMap &traffic, const TrafficMap &mirror, const QStringList &deployments);

// A new deployment may be added unless the endpoint already has the maximum.
Status checkCanAddDeployment(const QString &endpoint, int existingCount);

// A deployment that has live traffic cannot be deleted.
Status checkCanDelete(const QString &deployment, const TrafficMap &traffic);

// instance_count, request_settings and probe ranges.
Status checkDeploymentSettings(const Deployment &deployment);

// The CLI traffic string "blue=90 green=10": spaces are tolerated, anything else that is
// not `name=integer` is an error naming the bad token. `what` names the flag in messages
// ("--traffic" or "--mirror-traffic").
Result<TrafficMap> parseTrafficString(
    const QString &text, const QString &what = QStringLiteral("--traffic"));

// Drops zero entries, as the Azure ML SDK does before it sends a map.
TrafficMap withoutZeros(const TrafficMap &map);

// The traffic map as `az ml ... show` prints it: every deployment listed, 0 where absent,
// except those that receive mirror traffic.
TrafficMap withAllDeployments(
    const TrafficMap &traffic, const TrafficMap &mirror, const QStringList &deployments);

// "blue=90 green=10"
QString formatTraffic(const TrafficMap &traffic);

} // namespace Rules

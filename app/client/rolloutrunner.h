#pragma once

// Runs a guarded rollout plan (rolloutplan.h) against an endpoint through the
// WorkspaceClient, for `rolloutctl rollout` and the app alike: each step writes the whole
// traffic and mirror maps, bakes, judges the guards on the step's requests (the local
// host's metrics feed; where the workspace has none, the plan's own probe traffic) and
// then advances, holds (too few requests) or reverts / pauses. Every decision is recorded
// in a RolloutState file before and after each change, so a runner that dies leaves a
// known split and the record of where the plan stood; other processes steer it through
// RolloutStateFile::postRequest, which the runner polls.

#include "apireply.h"
#include "loadgenerator.h"
#include "metricshistory.h"
#include "rolloutplan.h"
#include "rolloutstate.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>

class MetricsFeed;
class WorkspaceClient;

class RolloutRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RolloutRunner)
public:
    // How often the request file is looked at, and a held step judged again.
    static constexpr int RequestPollMs = 250;
    static constexpr int HoldRetryMs = 1000;
    // After the bake time: the host settles a second 400 ms after it ends and the feed
    // polls once a second, so the last baked second is in the history by then.
    static constexpr int SettleMs = 1500;

    RolloutRunner(WorkspaceClient *client, const QString &stateDir, QObject *parent = nullptr);
    ~RolloutRunner() override;

    // A new plan: checks it against the endpoint (deployments exist, every step's split
    // obeys the traffic rules) before anything changes, records the split from before the
    // plan and applies the first step. Refused while another plan on the endpoint is
    // unfinished. Errors before the first change come as startFailed.
    void start(const RolloutPlan &plan);
    // Takes over an unfinished plan whose runner is gone (stopped or killed); then
    // request() resumes, promotes or aborts it.
    Status adopt(const RolloutPlan &plan, const RolloutState &state);
    // "pause", "resume", "promote" or "abort" (as another process posts them).
    Status request(const QString &action);

    const RolloutState &state() const { return m_state; }
    const RolloutPlan &plan() const { return m_plan; }
    bool isActive() const { return m_active; }

    // The split a step gives (traffic, mirror), from the split before the plan.
    static std::pair<TrafficMap, TrafficMap> splitFor(
        const RolloutPlan &plan, int step, const TrafficMap &traffic, const TrafficMap &mirror);

signals:
    void startFailed(const Error &error); // nothing was changed
    void reported(const QString &line); // a decision, for people
    void stateChanged(const RolloutState &state);
    void evaluated(const RolloutEvaluation &evaluation);
    void finished(const RolloutState &state); // completed, rolled back, aborted or failed

private:
    void onEndpointRead(const ApiResult &endpoint, const ApiResult &deployments);
    void begin();
    void applyStep(int step);
    void applySplit(const TrafficMap &traffic, const TrafficMap &mirror,
        std::function<void(const ApiResult &)> done);
    void bake(int delayMs);
    void evaluateStep();
    void finish(RolloutState::Phase phase, const QString &message);
    void save();
    void report(const QString &line);
    void pollRequests();
    bool onMirrorStep() const;
    LoadGenerator *makeProbe();
    void updateProbes(); // starts or stops the plan's probe traffic for the current step
    QList<MetricsBucket> stepBuckets(const QString &deployment) const;

    WorkspaceClient *m_client;
    QString m_stateDir;
    RolloutPlan m_plan;
    RolloutState m_state;
    MetricsFeed *m_feed;
    QTimer m_stepTimer;
    QTimer m_requestTimer;
    LoadGenerator *m_probe = nullptr; // to the endpoint
    LoadGenerator *m_directProbe = nullptr; // to the candidate, on a mirror step
    LoadSettings m_probeSettings;
    MetricsHistory m_probeHistory;
    bool m_active = false;
    bool m_busy = false; // a traffic change is in flight
    QString m_pending; // a request that came while busy
    QString m_lastHold;
};

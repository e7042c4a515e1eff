#pragma once

// Where a guarded rollout stands, kept on disk (one JSON file per endpoint under
// <state dir>/rollouts/) so that a runner that is stopped or killed leaves a known split
// and a record of every evaluation, and so that another process (`rolloutctl rollout
// pause|resume|promote|abort`, the app) can steer a running runner: it drops a request
// file the runner picks up.

#include "domain.h"
#include "result.h"
#include "rolloutevaluation.h"

#include <QJsonObject>
#include <optional>

struct RolloutState
{
    enum class Phase
    {
        Applying, // the step's split is being written
        Baking,
        Holding, // baked, but too few requests to judge
        Paused,
        Completed, // the last step passed, or promoted
        RolledBack, // a guard failed and the last good split was put back
        Aborted, // the split from before the plan was put back
        Failed, // the runner could not carry on (the workspace refused a change)
    };

    QString planFile;
    QString endpoint;
    QString candidate;
    QString baseline;
    QList<RolloutStep> steps;
    Phase phase = Phase::Applying;
    int step = 0; // the step applied, being applied or judged
    bool stepApplied = false; // the host acknowledged the step's split
    qint64 stepStarted = 0; // epoch second from which the step's requests count
    qint64 bakeUntil = 0;
    TrafficMap originalTraffic; // before the plan: what abort puts back
    TrafficMap originalMirror;
    TrafficMap lastGoodTraffic; // the last split whose guards passed: what revert puts back
    TrafficMap lastGoodMirror;
    TrafficMap appliedTraffic; // the last split the host acknowledged
    TrafficMap appliedMirror;
    std::optional<WindowStats> baselineReference; // the baseline's last judged window
    QString message; // the last decision, for people
    QList<RolloutEvaluation> evaluations;
    qint64 runnerPid = 0;
    qint64 updated = 0; // epoch seconds

    static QString phaseName(Phase phase);
    bool isFinished() const
    {
        return phase == Phase::Completed || phase == Phase::RolledBack || phase == Phase::Aborted
            || phase == Phase::Failed;
    }
    QJsonObject toJson() const;
    static Result<RolloutState> fromJson(const QJsonObject &json);
    // Human lines: where the plan stands, the split, then each evaluation's lines.
    QStringList lines(const RolloutPlan &plan) const;
};

namespace RolloutStateFile {

QString folder(const QString &stateDir);
QString path(const QString &stateDir, const QString &endpoint);

// NotFound when no plan ever ran on the endpoint.
Result<RolloutState> read(const QString &stateDir, const QString &endpoint);
Status write(const QString &stateDir, const RolloutState &state); // atomic replace

// Whether the runner recorded in the state is still a live process.
bool runnerAlive(const RolloutState &state);

// pause, resume, promote, abort: for the runner of `endpoint` to act on.
Status postRequest(const QString &stateDir, const QString &endpoint, const QString &action);
// The pending request, removed; empty when none.
QString takeRequest(const QString &stateDir, const QString &endpoint);

} // namespace RolloutStateFile

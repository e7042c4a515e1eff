#pragma once

// Judging one step of a guarded rollout (rolloutplan.h): the candidate's and the
// baseline's requests over the step's window, each guard with the measured value, its
// limit and the sample counts, and a verdict. Pure functions, so the runner, the CLI and
// the panel print the same reasons.

#include "domain.h"
#include "rolloutplan.h"

#include <QJsonObject>
#include <QList>

// One deployment's live requests over a window of whole seconds.
struct WindowStats
{
    qint64 from = 0; // epoch seconds, inclusive; 0 when no bucket
    qint64 to = 0;
    qint64 requests = 0;
    qint64 errors = 0; // answers other than 2xx
    // Request-weighted mean of the per-second percentiles (the feed keeps no histogram
    // across seconds): close to the window's percentile when the load is steady.
    double p95Ms = 0;
    double p99Ms = 0;

    double errorRate() const
    {
        return requests > 0 ? 100.0 * double(errors) / double(requests) : 0;
    }
    static WindowStats fromBuckets(const QList<MetricsBucket> &buckets);
    QJsonObject toJson() const;
    static WindowStats fromJson(const QJsonObject &json);
};

struct GuardCheck
{
    QString name; // the plan's key: "max_error_rate_increase", "max_p99_ratio", ...
    double measured = 0;
    double limit = 0;
    bool passed = true;
    QString detail; // "green 20.0 % vs blue 0.0 % = +20.0 points, limit 1.0"

    QJsonObject toJson() const;
    static GuardCheck fromJson(const QJsonObject &json);
};

struct RolloutEvaluation
{
    enum class Verdict
    {
        Pass,
        Hold, // too few requests to judge yet
        Fail,
    };

    qint64 time = 0; // epoch seconds
    int step = 0; // index into RolloutPlan::steps
    Verdict verdict = Verdict::Hold;
    WindowStats candidate;
    WindowStats baseline;
    bool baselineFromEarlierStep = false; // the baseline had too few requests in this window
    qint64 missingRequests = 0; // on Hold
    QList<GuardCheck> checks;
    QString summary; // one line: the verdict and why

    static QString verdictName(Verdict verdict);
    QJsonObject toJson() const;
    static RolloutEvaluation fromJson(const QJsonObject &json);
    // The lines the CLI prints and the panel shows: the summary, then one per guard.
    QStringList lines(const RolloutPlan &plan) const;
};

namespace RolloutGuardCheck {

// The guards of `plan` over the two windows. `baseline` may come from an earlier step
// (`baselineFromEarlier`) when this step left the baseline too few requests (at 100 %).
RolloutEvaluation evaluate(const RolloutPlan &plan, int step, const WindowStats &candidate,
    const WindowStats &baseline, bool baselineFromEarlier, qint64 now);

} // namespace RolloutGuardCheck

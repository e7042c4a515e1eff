#pragma once

// A guarded rollout plan (our own YAML, README "Guarded rollouts"): which endpoint, the
// candidate and the baseline deployment, the steps of live traffic the candidate gets (an
// optional mirror step first), the guards that compare the candidate with the baseline
// after each step's bake time, and what to do when a guard fails. Loaded with the same
// reader as the deployment YAML, so errors carry line, column and how to fix them.

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

struct RolloutStep
{
    int percent = 0; // live traffic of the candidate, or its mirror share on a mirror step
    int bakeSeconds = 0;
    bool mirror = false;
};

struct RolloutGuards
{
    // The candidate needs this many live requests in a step's window before it is judged;
    // fewer holds the step (the baseline needs them too for the relative guards).
    int minRequests = 20;
    // Relative to the baseline over the same window.
    std::optional<double> maxErrorRateIncrease; // percentage points
    std::optional<double> maxP95Ratio;
    std::optional<double> maxP99Ratio;
    // Absolute limits on the candidate.
    std::optional<double> maxErrorRate; // percent
    std::optional<double> maxP95Ms;
    std::optional<double> maxP99Ms;

    bool hasRelative() const { return maxErrorRateIncrease || maxP95Ratio || maxP99Ratio; }
};

struct RolloutProbe
{
    QString requestFile; // absolute
    double ratePerSecond = 5;
};

struct RolloutPlan
{
    enum class OnFailure
    {
        Revert, // back to the last split whose guards passed (the original one at first)
        Pause, // stay at the failing split and wait for resume, promote or abort
    };

    QString sourceFile; // absolute path of the plan, empty for text
    QString endpoint;
    QString candidate;
    QString baseline;
    QList<RolloutStep> steps; // the mirror step, when there is one, comes first
    RolloutGuards guards;
    OnFailure onFailure = OnFailure::Revert;
    std::optional<RolloutProbe> probe;

    static QString onFailureName(OnFailure action);
};

namespace RolloutPlanFile {

inline constexpr int MaxBakeSeconds = 24 * 3600;
inline constexpr int MaxSteps = 100;
inline constexpr double MaxProbeRate = 1000;

// Relative paths (probe.request_file) resolve against the file's folder (or baseDir).
Result<RolloutPlan> load(const QString &path);
Result<RolloutPlan> parse(
    const QByteArray &yaml, const QString &baseDir, const QString &sourceName = QString());

} // namespace RolloutPlanFile

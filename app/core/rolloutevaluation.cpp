#include "rolloutevaluation.h"

#include <QJsonArray>
#include <algorithm>

namespace {

QString lit(const char *text) { return QString::fromLatin1(text); }

QString fixed(double value, int decimals = 1) { return QString::number(value, 'f', decimals); }

// A baseline that answered in "0 ms" (too fast to measure) must not make every ratio infinite.
constexpr double MinLatencyMs = 0.001;

} // namespace

WindowStats WindowStats::fromBuckets(const QList<MetricsBucket> &buckets)
{
    WindowStats s;
    double p95Sum = 0;
    double p99Sum = 0;
    for (const MetricsBucket &b : buckets) {
        if (b.requests <= 0)
            continue;
        s.from = s.from == 0 ? b.t : std::min(s.from, b.t);
        s.to = std::max(s.to, b.t);
        s.requests += b.requests;
        s.errors += b.requests - std::min(b.requests, b.status2xx);
        p95Sum += b.p95Ms * double(b.requests);
        p99Sum += b.p99Ms * double(b.requests);
    }
    if (s.requests > 0) {
        s.p95Ms = p95Sum / double(s.requests);
        s.p99Ms = p99Sum / double(s.requests);
    }
    return s;
}

QJsonObject WindowStats::toJson() const
{
    return { { lit("from"), from }, { lit("to"), to }, { lit("requests"), requests },
        { lit("errors"), errors }, { lit("error_rate"), errorRate() }, { lit("p95_ms"), p95Ms },
        { lit("p99_ms"), p99Ms } };
}

WindowStats WindowStats::fromJson(const QJsonObject &json)
{
    WindowStats s;
    s.from = json.value(lit("from")).toInteger();
    s.to = json.value(lit("to")).toInteger();
    s.requests = json.value(lit("requests")).toInteger();
    s.errors = json.value(lit("errors")).toInteger();
    s.p95Ms = json.value(lit("p95_ms")).toDouble();
    s.p99Ms = json.value(lit("p99_ms")).toDouble();
    return s;
}

QJsonObject GuardCheck::toJson() const
{
    return { { lit("guard"), name }, { lit("measured"), measured }, { lit("limit"), limit },
        { lit("passed"), passed }, { lit("detail"), detail } };
}

GuardCheck GuardCheck::fromJson(const QJsonObject &json)
{
    return GuardCheck { json.value(lit("guard")).toString(), json.value(lit("measured")).toDouble(),
        json.value(lit("limit")).toDouble(), json.value(lit("passed")).toBool(),
        json.value(lit("detail")).toString() };
}

QString RolloutEvaluation::verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Pass:
        return lit("pass");
    case Verdict::Hold:
        return lit("hold");
    case Verdict::Fail:
        return lit("fail");
    }
    return QString();
}

QJsonObject RolloutEvaluation::toJson() const
{
    QJsonArray list;
    for (const GuardCheck &c : checks)
        list.append(c.toJson());
    return { { lit("time"), time }, { lit("step"), step }, { lit("verdict"), verdictName(verdict) },
        { lit("candidate"), candidate.toJson() }, { lit("baseline"), baseline.toJson() },
        { lit("baseline_from_earlier_step"), baselineFromEarlierStep },
        { lit("missing_requests"), missingRequests }, { lit("guards"), list },
        { lit("summary"), summary } };
}

RolloutEvaluation RolloutEvaluation::fromJson(const QJsonObject &json)
{
    RolloutEvaluation e;
    e.time = json.value(lit("time")).toInteger();
    e.step = json.value(lit("step")).toInt();
    const QString verdict = json.value(lit("verdict")).toString();
    e.verdict = verdict == lit("pass") ? Verdict::Pass
        : verdict == lit("fail")       ? Verdict::Fail
                                       : Verdict::Hold;
    e.candidate = WindowStats::fromJson(json.value(lit("candidate")).toObject());
    e.baseline = WindowStats::fromJson(json.value(lit("baseline")).toObject());
    e.baselineFromEarlierStep = json.value(lit("baseline_from_earlier_step")).toBool();
    e.missingRequests = json.value(lit("missing_requests")).toInteger();
    for (const QJsonValue &v : json.value(lit("guards")).toArray())
        e.checks.append(GuardCheck::fromJson(v.toObject()));
    e.summary = json.value(lit("summary")).toString();
    return e;
}

QStringList RolloutEvaluation::lines(const RolloutPlan &plan) const
{
    QStringList out;
    QString where = QStringLiteral("step %1/%2").arg(step + 1).arg(plan.steps.size());
    if (step >= 0 && step < plan.steps.size()) {
        const RolloutStep &s = plan.steps.at(step);
        where += s.mirror ? QStringLiteral(" (mirror %1 %)").arg(s.percent)
                          : QStringLiteral(" (%1 %)").arg(s.percent);
    }
    out << QStringLiteral("%1: %2").arg(where, summary);
    for (const GuardCheck &c : checks)
        out << QStringLiteral("  [%1] %2: %3")
                   .arg(c.passed ? lit("ok") : lit("FAIL"), c.name, c.detail);
    return out;
}

namespace RolloutGuardCheck {

RolloutEvaluation evaluate(const RolloutPlan &plan, int step, const WindowStats &candidate,
    const WindowStats &baseline, bool baselineFromEarlier, qint64 now)
{
    const RolloutGuards &g = plan.guards;
    RolloutEvaluation e;
    e.time = now;
    e.step = step;
    e.candidate = candidate;
    e.baseline = baseline;
    e.baselineFromEarlierStep = baselineFromEarlier;
    const QString c = plan.candidate;
    const QString b = plan.baseline;
    const QString counts = QStringLiteral("%1: %2 requests, %3: %4 requests")
                               .arg(c)
                               .arg(candidate.requests)
                               .arg(b)
                               .arg(baseline.requests);

    if (candidate.requests < g.minRequests) {
        e.verdict = RolloutEvaluation::Verdict::Hold;
        e.missingRequests = g.minRequests - candidate.requests;
        e.summary = QStringLiteral("hold: %1 has %2 of the %3 requests needed (%4 missing)")
                        .arg(c)
                        .arg(candidate.requests)
                        .arg(g.minRequests)
                        .arg(e.missingRequests);
        return e;
    }
    if (g.hasRelative() && baseline.requests < g.minRequests) {
        e.verdict = RolloutEvaluation::Verdict::Hold;
        e.missingRequests = g.minRequests - baseline.requests;
        e.summary
            = QStringLiteral("hold: baseline %1 has %2 of the %3 requests needed to compare (%4 "
                             "missing)")
                  .arg(b)
                  .arg(baseline.requests)
                  .arg(g.minRequests)
                  .arg(e.missingRequests);
        return e;
    }

    const QString baseNote
        = baselineFromEarlier ? lit(" (baseline from an earlier step)") : QString();
    auto add = [&](const char *name, double measured, double limit, const QString &detail) {
        e.checks.append(GuardCheck { lit(name), measured, limit, measured <= limit, detail });
    };
    if (g.maxErrorRateIncrease) {
        const double diff = candidate.errorRate() - baseline.errorRate();
        add("max_error_rate_increase", diff, *g.maxErrorRateIncrease,
            QStringLiteral("error rate %1 %2 % (%3/%4) vs %5 %6 % (%7/%8) = %9%10 points, limit "
                           "%11%12")
                .arg(c, fixed(candidate.errorRate()))
                .arg(candidate.errors)
                .arg(candidate.requests)
                .arg(b, fixed(baseline.errorRate()))
                .arg(baseline.errors)
                .arg(baseline.requests)
                .arg(diff >= 0 ? lit("+") : QString(), fixed(diff), fixed(*g.maxErrorRateIncrease),
                    baseNote));
    }
    auto ratio = [&](const char *name, const char *label, double cMs, double bMs, double limit) {
        const double r = cMs / std::max(bMs, MinLatencyMs);
        add(name, r, limit,
            QStringLiteral("%1 %2 %3 ms vs %4 %5 ms = ratio %6, limit %7%8")
                .arg(lit(label), c, fixed(cMs, 2), b, fixed(bMs, 2), fixed(r, 2), fixed(limit, 2),
                    baseNote));
    };
    if (g.maxP95Ratio)
        ratio("max_p95_ratio", "p95", candidate.p95Ms, baseline.p95Ms, *g.maxP95Ratio);
    if (g.maxP99Ratio)
        ratio("max_p99_ratio", "p99", candidate.p99Ms, baseline.p99Ms, *g.maxP99Ratio);
    if (g.maxErrorRate) {
        add("max_error_rate", candidate.errorRate(), *g.maxErrorRate,
            QStringLiteral("error rate %1 %2 % (%3/%4), limit %5 %")
                .arg(c, fixed(candidate.errorRate()))
                .arg(candidate.errors)
                .arg(candidate.requests)
                .arg(fixed(*g.maxErrorRate)));
    }
    auto absolute = [&](const char *name, const char *label, double ms, double limit) {
        add(name, ms, limit,
            QStringLiteral("%1 %2 %3 ms, limit %4 ms")
                .arg(lit(label), c, fixed(ms, 2), fixed(limit, 2)));
    };
    if (g.maxP95Ms)
        absolute("max_p95_ms", "p95", candidate.p95Ms, *g.maxP95Ms);
    if (g.maxP99Ms)
        absolute("max_p99_ms", "p99", candidate.p99Ms, *g.maxP99Ms);

    QStringList failed;
    for (const GuardCheck &check : std::as_const(e.checks)) {
        if (!check.passed)
            failed << check.name;
    }
    e.verdict
        = failed.isEmpty() ? RolloutEvaluation::Verdict::Pass : RolloutEvaluation::Verdict::Fail;
    e.summary = failed.isEmpty()
        ? QStringLiteral("pass (%1)").arg(counts)
        : QStringLiteral("fail: %1 (%2)").arg(failed.join(lit(", ")), counts);
    return e;
}

} // namespace RolloutGuardCheck

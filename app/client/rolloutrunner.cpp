#include "rolloutrunner.h"

#include "armjson.h"
#include "metricsfeed.h"
#include "rules.h"
#include "workspaceclient.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <utility>

namespace {

QString lit(const char *text) { return QString::fromLatin1(text); }

qint64 nowSeconds() { return QDateTime::currentSecsSinceEpoch(); }

Error runnerError(const char *code, const QString &message)
{
    return Error { lit(code), message, QString(), 0, 0 };
}

// A probe run is bounded (LoadSettings::MaxDurationMs); the runner starts the next one.
constexpr int ProbeRunMs = 10 * 60 * 1000;

} // namespace

RolloutRunner::RolloutRunner(WorkspaceClient *client, const QString &stateDir, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_stateDir(stateDir)
    , m_feed(new MetricsFeed(client, this))
{
    m_stepTimer.setSingleShot(true);
    connect(&m_stepTimer, &QTimer::timeout, this, [this]() { evaluateStep(); });
    m_requestTimer.setInterval(RequestPollMs);
    connect(&m_requestTimer, &QTimer::timeout, this, [this]() { pollRequests(); });
}

RolloutRunner::~RolloutRunner() = default;

std::pair<TrafficMap, TrafficMap> RolloutRunner::splitFor(
    const RolloutPlan &plan, int step, const TrafficMap &traffic, const TrafficMap &mirror)
{
    const RolloutStep &s = plan.steps.at(step);
    TrafficMap t = traffic;
    TrafficMap m = mirror;
    if (s.mirror) {
        m.insert(plan.candidate, s.percent);
        return { t, m };
    }
    // A deployment with live traffic cannot be mirrored (DESIGN.md §4).
    m.remove(plan.candidate);
    int others = 0;
    for (auto it = t.cbegin(); it != t.cend(); ++it) {
        if (it.key() != plan.candidate && it.key() != plan.baseline)
            others += it.value();
    }
    t.insert(plan.candidate, s.percent);
    t.insert(plan.baseline, std::max(0, 100 - s.percent - others));
    return { t, m };
}

void RolloutRunner::start(const RolloutPlan &plan)
{
    Result<RolloutState> previous = RolloutStateFile::read(m_stateDir, plan.endpoint);
    if (previous && !previous->isFinished()) {
        const Error error = runnerError("RolloutInProgress",
            QStringLiteral("A plan for %1 on endpoint %2 is %3 at step %4%5; resume, promote or "
                           "abort it (`rolloutctl rollout abort -f PLAN`) before starting another.")
                .arg(previous->candidate, previous->endpoint,
                    RolloutState::phaseName(previous->phase))
                .arg(previous->step + 1)
                .arg(RolloutStateFile::runnerAlive(previous.value())
                        ? QStringLiteral(" (its runner, pid %1, is running)")
                              .arg(previous->runnerPid)
                        : QString()));
        QTimer::singleShot(0, this, [this, error]() { emit startFailed(error); });
        return;
    }
    m_plan = plan;
    ApiReply *endpoint = m_client->getEndpoint(plan.endpoint);
    connect(endpoint, &ApiReply::finished, this, [this](const ApiResult &e) {
        ApiReply *deployments = m_client->listDeployments(m_plan.endpoint);
        connect(deployments, &ApiReply::finished, this,
            [this, e](const ApiResult &d) { onEndpointRead(e, d); });
    });
}

void RolloutRunner::onEndpointRead(const ApiResult &endpoint, const ApiResult &deployments)
{
    auto refuse = [this](const Error &error) { emit startFailed(error); };
    if (!endpoint.ok())
        return refuse(*endpoint.error);
    if (!deployments.ok())
        return refuse(*deployments.error);
    Result<Endpoint> e = ArmJson::endpointFromJson(endpoint.json);
    if (!e)
        return refuse(e.error());
    QStringList names;
    for (const QJsonValue &d : deployments.json.value(lit("value")).toArray())
        names << d.toObject().value(lit("name")).toString();
    for (const QString &name : { m_plan.candidate, m_plan.baseline }) {
        if (!names.contains(name)) {
            return refuse(runnerError("NotFound",
                QStringLiteral("Endpoint %1 has no deployment %2 (it has: %3); fix the plan's "
                               "`%4` or create the deployment first.")
                    .arg(m_plan.endpoint, name, names.join(lit(", ")),
                        name == m_plan.candidate ? lit("candidate") : lit("baseline"))));
        }
    }
    const TrafficMap traffic = e->traffic.value_or(TrafficMap());
    const TrafficMap mirror = e->mirrorTraffic.value_or(TrafficMap());
    int others = 0;
    for (auto it = traffic.cbegin(); it != traffic.cend(); ++it) {
        if (it.key() != m_plan.candidate && it.key() != m_plan.baseline)
            others += it.value();
    }
    // Every step's split is checked before the first change, so a plan that cannot run
    // changes nothing.
    for (int i = 0; i < m_plan.steps.size(); ++i) {
        const RolloutStep &s = m_plan.steps.at(i);
        if (!s.mirror && s.percent + others > 100) {
            return refuse(runnerError("ValidationError",
                QStringLiteral("Step %1 gives %2 %3 %, but deployments other than %2 and %4 "
                               "hold %5 % of %6's traffic; move their traffic to %4 first.")
                    .arg(i + 1)
                    .arg(m_plan.candidate)
                    .arg(s.percent)
                    .arg(m_plan.baseline)
                    .arg(others)
                    .arg(m_plan.endpoint)));
        }
        const auto [t, m] = splitFor(m_plan, i, traffic, mirror);
        if (Status ok = Rules::checkEndpointTraffic(t, m, names); !ok) {
            return refuse(runnerError("ValidationError",
                QStringLiteral("Step %1 of the plan cannot be applied to %2 as it is now: %3")
                    .arg(i + 1)
                    .arg(m_plan.endpoint, ok.error().message)));
        }
    }
    m_state = RolloutState();
    m_state.planFile = m_plan.sourceFile;
    m_state.endpoint = m_plan.endpoint;
    m_state.candidate = m_plan.candidate;
    m_state.baseline = m_plan.baseline;
    m_state.steps = m_plan.steps;
    m_state.originalTraffic = m_state.lastGoodTraffic = m_state.appliedTraffic = traffic;
    m_state.originalMirror = m_state.lastGoodMirror = m_state.appliedMirror = mirror;
    m_state.step = 0;
    report(QStringLiteral("plan for %1 on %2 (baseline %3): %4 step(s); before the plan: %5")
               .arg(m_plan.candidate, m_plan.endpoint, m_plan.baseline)
               .arg(m_plan.steps.size())
               .arg(Rules::formatTraffic(traffic)));
    if (m_plan.probe) {
        ApiReply *keys = m_client->listKeys(m_plan.endpoint);
        const QString uri = e->scoringUri;
        connect(keys, &ApiReply::finished, this, [this, uri](const ApiResult &k) {
            QFile body(m_plan.probe->requestFile);
            if (!k.ok() || !body.open(QIODevice::ReadOnly)) {
                emit startFailed(k.ok() ? runnerError("ValidationError",
                                     QStringLiteral("The probe's request file %1 cannot be read "
                                                    "(%2).")
                                         .arg(body.fileName(), body.errorString()))
                                        : *k.error);
                return;
            }
            m_probeSettings.scoringUri = QUrl(uri);
            m_probeSettings.credential = k.json.value(lit("primaryKey")).toString();
            m_probeSettings.body = body.readAll();
            m_probeSettings.ratePerSecond = m_plan.probe->ratePerSecond;
            m_probeSettings.durationMs = ProbeRunMs;
            m_probeSettings.concurrency = 2;
            begin();
        });
        return;
    }
    begin();
}

void RolloutRunner::begin()
{
    m_active = true;
    m_state.runnerPid = QCoreApplication::applicationPid();
    m_feed->setEndpoint(m_plan.endpoint);
    m_feed->start();
    m_requestTimer.start();
    updateProbes();
    applyStep(m_state.step);
}

Status RolloutRunner::adopt(const RolloutPlan &plan, const RolloutState &state)
{
    if (state.isFinished()) {
        return runnerError("RolloutFinished",
            QStringLiteral("The plan on %1 is already %2.")
                .arg(state.endpoint, RolloutState::phaseName(state.phase)));
    }
    if (plan.endpoint != state.endpoint || plan.candidate != state.candidate
        || plan.baseline != state.baseline || plan.steps.size() != state.steps.size()) {
        return runnerError("ValidationError",
            QStringLiteral("The plan file does not match the plan recorded for %1 (candidate "
                           "%2, baseline %3, %4 steps); give the file the plan was started "
                           "with.")
                .arg(state.endpoint, state.candidate, state.baseline)
                .arg(state.steps.size()));
    }
    m_plan = plan;
    m_state = state;
    m_state.runnerPid = QCoreApplication::applicationPid();
    m_active = true;
    m_feed->setEndpoint(m_plan.endpoint);
    m_feed->start();
    m_requestTimer.start();
    // What it was doing when its runner went away; it waits for a request now.
    m_state.phase = RolloutState::Phase::Paused;
    m_state.message = QStringLiteral("taken over by process %1").arg(m_state.runnerPid);
    save();
    return {};
}

Status RolloutRunner::request(const QString &action)
{
    static const QStringList actions
        = { lit("pause"), lit("resume"), lit("promote"), lit("abort") };
    if (!actions.contains(action)) {
        return Error::validation(lit("action"),
            QStringLiteral("\"%1\" is not a rollout action; use one of %2.")
                .arg(action, actions.join(lit(", "))));
    }
    if (!m_active || m_state.isFinished()) {
        return runnerError("RolloutFinished",
            QStringLiteral("The plan is %1; there is nothing to %2.")
                .arg(RolloutState::phaseName(m_state.phase), action));
    }
    if (m_busy) {
        m_pending = action; // a traffic change is in flight: after it
        return {};
    }
    using P = RolloutState::Phase;
    if (action == lit("pause")) {
        if (m_state.phase == P::Paused)
            return {};
        m_stepTimer.stop();
        m_state.phase = P::Paused;
        m_state.message = QStringLiteral("paused by request at step %1").arg(m_state.step + 1);
        report(m_state.message);
        save();
    } else if (action == lit("resume")) {
        if (m_state.phase != P::Paused)
            return {};
        report(QStringLiteral("resumed at step %1").arg(m_state.step + 1));
        // The step's split again (a runner that died may not have written it) and a fresh
        // bake: requests from before the pause do not count.
        applyStep(m_state.step);
    } else if (action == lit("promote")) {
        m_stepTimer.stop();
        const int last = int(m_plan.steps.size()) - 1;
        const auto [t, m] = splitFor(m_plan, last, m_state.originalTraffic, m_state.originalMirror);
        report(QStringLiteral("promoting by request: %1").arg(Rules::formatTraffic(t)));
        m_state.step = last;
        applySplit(t, m, [this](const ApiResult &) {
            finish(P::Completed,
                QStringLiteral("promoted by request to the last step without its guards"));
        });
    } else {
        m_stepTimer.stop();
        report(QStringLiteral("aborting: putting back %1")
                   .arg(Rules::formatTraffic(m_state.originalTraffic)));
        applySplit(m_state.originalTraffic, m_state.originalMirror, [this](const ApiResult &) {
            finish(P::Aborted,
                QStringLiteral("aborted by request; the split from before the plan is back"));
        });
    }
    return {};
}

void RolloutRunner::applyStep(int step)
{
    m_stepTimer.stop();
    m_state.step = step;
    m_state.stepApplied = false;
    m_state.phase = RolloutState::Phase::Applying;
    m_lastHold.clear();
    save(); // before the change: a runner killed now leaves the old split or the new one
    const auto [t, m] = splitFor(m_plan, step, m_state.originalTraffic, m_state.originalMirror);
    const RolloutStep &s = m_plan.steps.at(step);
    report(QStringLiteral("step %1/%2: %3, bake %4 s")
               .arg(step + 1)
               .arg(m_plan.steps.size())
               .arg(s.mirror ? QStringLiteral("mirror %1=%2 (traffic %3)")
                                   .arg(m_plan.candidate)
                                   .arg(s.percent)
                                   .arg(Rules::formatTraffic(t))
                             : QStringLiteral("traffic %1").arg(Rules::formatTraffic(t)))
               .arg(s.bakeSeconds));
    applySplit(t, m, [this, step](const ApiResult &) {
        m_state.stepApplied = true;
        // The second of the change mixes both splits: the step counts from the next one.
        m_state.stepStarted = nowSeconds() + 1;
        m_state.bakeUntil = m_state.stepStarted + m_plan.steps.at(step).bakeSeconds;
        m_state.phase = RolloutState::Phase::Baking;
        updateProbes();
        save();
        bake(m_plan.steps.at(step).bakeSeconds * 1000 + 1000 + SettleMs);
    });
}

void RolloutRunner::applySplit(const TrafficMap &traffic, const TrafficMap &mirror,
    std::function<void(const ApiResult &)> done)
{
    m_busy = true;
    ApiReply *reply = m_client->updateTraffic(m_plan.endpoint, traffic, mirror, true);
    connect(reply, &ApiReply::finished, this, [this, traffic, mirror, done](const ApiResult &r) {
        m_busy = false;
        if (!r.ok()) {
            // The host kept the split it had; the plan waits for a person.
            m_state.phase = RolloutState::Phase::Paused;
            m_state.message = QStringLiteral("paused: the traffic change to %1 was refused: %2; "
                                             "resume to try again, or abort")
                                  .arg(Rules::formatTraffic(traffic), r.error->message);
            report(m_state.message);
            save();
        } else {
            m_state.appliedTraffic = traffic;
            m_state.appliedMirror = mirror;
            done(r);
        }
        if (!m_pending.isEmpty() && m_active) {
            const QString action = std::exchange(m_pending, QString());
            (void)request(action);
        }
    });
}

void RolloutRunner::bake(int delayMs) { m_stepTimer.start(std::max(0, delayMs)); }

QList<MetricsBucket> RolloutRunner::stepBuckets(const QString &deployment) const
{
    const MetricsHistory &history = m_feed->availability() == MetricsFeed::Availability::Unsupported
        ? m_probeHistory
        : m_feed->history();
    return history.buckets(deployment, m_state.stepStarted);
}

void RolloutRunner::evaluateStep()
{
    using P = RolloutState::Phase;
    using V = RolloutEvaluation::Verdict;
    if (!m_active || m_state.phase == P::Paused || m_state.isFinished())
        return;
    const WindowStats candidate = WindowStats::fromBuckets(stepBuckets(m_plan.candidate));
    WindowStats baseline = WindowStats::fromBuckets(stepBuckets(m_plan.baseline));
    bool fromEarlier = false;
    if (baseline.requests >= m_plan.guards.minRequests)
        m_state.baselineReference = baseline;
    else if (m_state.baselineReference) {
        // At 100 % the baseline serves nothing: compare with its last judged window.
        baseline = *m_state.baselineReference;
        fromEarlier = true;
    }
    const RolloutEvaluation e = RolloutGuardCheck::evaluate(
        m_plan, m_state.step, candidate, baseline, fromEarlier, nowSeconds());
    // A hold is judged again every second: keep only its latest record.
    if (e.verdict == V::Hold && !m_state.evaluations.isEmpty()
        && m_state.evaluations.constLast().verdict == V::Hold
        && m_state.evaluations.constLast().step == e.step)
        m_state.evaluations.removeLast();
    m_state.evaluations.append(e);
    if (e.verdict != V::Hold || e.summary != m_lastHold) {
        for (const QString &line : e.lines(m_plan))
            report(line);
    }
    emit evaluated(e);

    if (e.verdict == V::Hold) {
        m_lastHold = e.summary;
        m_state.phase = P::Holding;
        m_state.message = e.summary;
        save();
        bake(HoldRetryMs);
        return;
    }
    if (e.verdict == V::Pass) {
        m_state.lastGoodTraffic = m_state.appliedTraffic;
        m_state.lastGoodMirror = m_state.appliedMirror;
        if (m_state.step + 1 >= m_plan.steps.size()) {
            finish(P::Completed,
                QStringLiteral("completed: %1").arg(Rules::formatTraffic(m_state.appliedTraffic)));
        } else {
            applyStep(m_state.step + 1);
        }
        return;
    }
    if (m_plan.onFailure == RolloutPlan::OnFailure::Pause) {
        m_state.phase = P::Paused;
        m_state.message = QStringLiteral("paused at step %1: %2; resume, promote or abort")
                              .arg(m_state.step + 1)
                              .arg(e.summary);
        report(m_state.message);
        save();
        return;
    }
    report(QStringLiteral("reverting to %1").arg(Rules::formatTraffic(m_state.lastGoodTraffic)));
    const QString why = e.summary;
    applySplit(m_state.lastGoodTraffic, m_state.lastGoodMirror, [this, why](const ApiResult &) {
        finish(P::RolledBack,
            QStringLiteral("rolled back to %1 at step %2: %3")
                .arg(Rules::formatTraffic(m_state.appliedTraffic))
                .arg(m_state.step + 1)
                .arg(why));
    });
}

void RolloutRunner::finish(RolloutState::Phase phase, const QString &message)
{
    m_stepTimer.stop();
    m_requestTimer.stop();
    m_feed->stop();
    for (LoadGenerator *probe : { m_probe, m_directProbe }) {
        if (probe)
            probe->stop();
    }
    m_active = false;
    m_state.phase = phase;
    m_state.message = message;
    report(message);
    save();
    emit finished(m_state);
}

void RolloutRunner::save()
{
    if (Status written = RolloutStateFile::write(m_stateDir, m_state); !written)
        report(QStringLiteral("WARNING: %1").arg(written.error().message));
    emit stateChanged(m_state);
}

void RolloutRunner::report(const QString &line) { emit reported(line); }

void RolloutRunner::pollRequests()
{
    const QString action = RolloutStateFile::takeRequest(m_stateDir, m_plan.endpoint);
    if (action.isEmpty())
        return;
    if (Status status = request(action); !status)
        report(QStringLiteral("request \"%1\" ignored: %2").arg(action, status.error().message));
}

bool RolloutRunner::onMirrorStep() const
{
    return m_state.step >= 0 && m_state.step < m_plan.steps.size()
        && m_plan.steps.at(m_state.step).mirror;
}

LoadGenerator *RolloutRunner::makeProbe()
{
    auto *probe = new LoadGenerator(this);
    connect(probe, &LoadGenerator::progressed, this, [this](const LoadProgress &p) {
        for (const MetricsBucket &b : p.buckets)
            m_probeHistory.add(b);
    });
    connect(probe, &LoadGenerator::finished, this, [this](const LoadProgress &p) {
        for (const MetricsBucket &b : p.buckets)
            m_probeHistory.add(b);
        // A run's bound was reached: the next one (none once the plan is over).
        QTimer::singleShot(0, this, [this]() { updateProbes(); });
    });
    return probe;
}

void RolloutRunner::updateProbes()
{
    if (!m_plan.probe || !m_active)
        return;
    auto run = [this](LoadGenerator *probe, const QString &deployment) {
        if (probe->isRunning())
            return;
        LoadSettings settings = m_probeSettings;
        settings.deployment = deployment;
        if (Status started = probe->start(settings); !started)
            report(QStringLiteral("WARNING: probe traffic not started: %1")
                       .arg(started.error().message));
    };
    if (!m_probe)
        m_probe = makeProbe();
    run(m_probe, QString());
    // On a mirror step the candidate answers no live request: the probe also asks it
    // directly, so both sides have requests to compare.
    if (onMirrorStep()) {
        if (!m_directProbe)
            m_directProbe = makeProbe();
        run(m_directProbe, m_plan.candidate);
    } else if (m_directProbe && m_directProbe->isRunning()) {
        m_directProbe->stop();
    }
}

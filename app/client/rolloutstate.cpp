#include "rolloutstate.h"

#include "rules.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <cerrno>
#include <csignal>

namespace {

QString lit(const char *text) { return QString::fromLatin1(text); }

// Enough to explain a plan; a plan that holds for hours replaces its hold records.
constexpr int MaxEvaluations = 500;

const QList<std::pair<RolloutState::Phase, const char *>> &phaseNames()
{
    using P = RolloutState::Phase;
    static const QList<std::pair<P, const char *>> names = { { P::Applying, "applying" },
        { P::Baking, "baking" }, { P::Holding, "holding" }, { P::Paused, "paused" },
        { P::Completed, "completed" }, { P::RolledBack, "rolled_back" }, { P::Aborted, "aborted" },
        { P::Failed, "failed" } };
    return names;
}

QJsonObject mapToJson(const TrafficMap &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

TrafficMap mapFromJson(const QJsonValue &value)
{
    TrafficMap map;
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        map.insert(it.key(), it.value().toInt());
    return map;
}

Error stateError(const QString &path, const QString &what)
{
    return Error { lit("RolloutStateUnreadable"),
        QStringLiteral("The rollout state %1 %2; abort the plan or remove the file to start over.")
            .arg(path, what),
        path, 0, 0 };
}

} // namespace

QString RolloutState::phaseName(Phase phase)
{
    for (const auto &[p, name] : phaseNames()) {
        if (p == phase)
            return lit(name);
    }
    return QString();
}

QJsonObject RolloutState::toJson() const
{
    QJsonArray stepList;
    for (const RolloutStep &s : steps) {
        stepList.append(QJsonObject { { lit("percent"), s.percent },
            { lit("bake_seconds"), s.bakeSeconds }, { lit("mirror"), s.mirror } });
    }
    QJsonArray list;
    for (const RolloutEvaluation &e : evaluations)
        list.append(e.toJson());
    QJsonObject o { { lit("plan_file"), planFile }, { lit("endpoint"), endpoint },
        { lit("candidate"), candidate }, { lit("baseline"), baseline }, { lit("steps"), stepList },
        { lit("phase"), phaseName(phase) }, { lit("step"), step },
        { lit("step_applied"), stepApplied }, { lit("step_started"), stepStarted },
        { lit("bake_until"), bakeUntil }, { lit("original_traffic"), mapToJson(originalTraffic) },
        { lit("original_mirror_traffic"), mapToJson(originalMirror) },
        { lit("last_good_traffic"), mapToJson(lastGoodTraffic) },
        { lit("last_good_mirror_traffic"), mapToJson(lastGoodMirror) },
        { lit("applied_traffic"), mapToJson(appliedTraffic) },
        { lit("applied_mirror_traffic"), mapToJson(appliedMirror) }, { lit("message"), message },
        { lit("evaluations"), list }, { lit("runner_pid"), runnerPid },
        { lit("updated"), updated } };
    if (baselineReference)
        o.insert(lit("baseline_reference"), baselineReference->toJson());
    return o;
}

Result<RolloutState> RolloutState::fromJson(const QJsonObject &json)
{
    RolloutState s;
    const QString phase = json.value(lit("phase")).toString();
    bool known = false;
    for (const auto &[p, name] : phaseNames()) {
        if (phase == lit(name)) {
            s.phase = p;
            known = true;
        }
    }
    s.endpoint = json.value(lit("endpoint")).toString();
    if (!known || s.endpoint.isEmpty())
        return Error::validation(lit("phase"), QStringLiteral("unknown phase \"%1\"").arg(phase));
    s.planFile = json.value(lit("plan_file")).toString();
    s.candidate = json.value(lit("candidate")).toString();
    s.baseline = json.value(lit("baseline")).toString();
    for (const QJsonValue &v : json.value(lit("steps")).toArray()) {
        const QJsonObject o = v.toObject();
        s.steps.append(RolloutStep { o.value(lit("percent")).toInt(),
            o.value(lit("bake_seconds")).toInt(), o.value(lit("mirror")).toBool() });
    }
    s.step = json.value(lit("step")).toInt();
    s.stepApplied = json.value(lit("step_applied")).toBool();
    s.stepStarted = json.value(lit("step_started")).toInteger();
    s.bakeUntil = json.value(lit("bake_until")).toInteger();
    s.originalTraffic = mapFromJson(json.value(lit("original_traffic")));
    s.originalMirror = mapFromJson(json.value(lit("original_mirror_traffic")));
    s.lastGoodTraffic = mapFromJson(json.value(lit("last_good_traffic")));
    s.lastGoodMirror = mapFromJson(json.value(lit("last_good_mirror_traffic")));
    s.appliedTraffic = mapFromJson(json.value(lit("applied_traffic")));
    s.appliedMirror = mapFromJson(json.value(lit("applied_mirror_traffic")));
    if (json.contains(lit("baseline_reference")))
        s.baselineReference
            = WindowStats::fromJson(json.value(lit("baseline_reference")).toObject());
    s.message = json.value(lit("message")).toString();
    for (const QJsonValue &v : json.value(lit("evaluations")).toArray())
        s.evaluations.append(RolloutEvaluation::fromJson(v.toObject()));
    s.runnerPid = json.value(lit("runner_pid")).toInteger();
    s.updated = json.value(lit("updated")).toInteger();
    return s;
}

QStringList RolloutState::lines(const RolloutPlan &plan) const
{
    QStringList out;
    QString where = QStringLiteral("step %1/%2").arg(step + 1).arg(steps.size());
    if (step >= 0 && step < steps.size()) {
        const RolloutStep &s = steps.at(step);
        where += s.mirror ? QStringLiteral(" (mirror %1 %)").arg(s.percent)
                          : QStringLiteral(" (%1 %)").arg(s.percent);
    }
    out << QStringLiteral("rollout of %1 on %2 (baseline %3): %4 at %5")
               .arg(candidate, endpoint, baseline, phaseName(phase), where);
    out << QStringLiteral("traffic: %1").arg(Rules::formatTraffic(appliedTraffic));
    if (!Rules::withoutZeros(appliedMirror).isEmpty())
        out << QStringLiteral("mirror traffic: %1").arg(Rules::formatTraffic(appliedMirror));
    out << QStringLiteral("before the plan: %1").arg(Rules::formatTraffic(originalTraffic));
    if (!message.isEmpty())
        out << message;
    for (const RolloutEvaluation &e : evaluations)
        out << e.lines(plan);
    return out;
}

namespace RolloutStateFile {

QString folder(const QString &stateDir) { return stateDir + lit("/rollouts"); }

QString path(const QString &stateDir, const QString &endpoint)
{
    return folder(stateDir) + QLatin1Char('/') + endpoint + lit(".json");
}

Result<RolloutState> read(const QString &stateDir, const QString &endpoint)
{
    const QString file = path(stateDir, endpoint);
    QFile f(file);
    if (!f.exists()) {
        return Error { lit("NotFound"),
            QStringLiteral("No rollout plan has run on endpoint %1 (%2 does not exist); start "
                           "one with `rolloutctl rollout start -f plan.yml`.")
                .arg(endpoint, file),
            file, 0, 0 };
    }
    if (!f.open(QIODevice::ReadOnly))
        return stateError(file, QStringLiteral("cannot be read (%1)").arg(f.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (!doc.isObject())
        return stateError(
            file, QStringLiteral("is not valid JSON (%1)").arg(parseError.errorString()));
    Result<RolloutState> state = RolloutState::fromJson(doc.object());
    if (!state)
        return stateError(file, QStringLiteral("is damaged (%1)").arg(state.error().message));
    return state;
}

Status write(const QString &stateDir, const RolloutState &state)
{
    QDir().mkpath(folder(stateDir));
    QSaveFile f(path(stateDir, state.endpoint));
    RolloutState stamped = state;
    stamped.updated = QDateTime::currentSecsSinceEpoch();
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(stamped.toJson()).toJson()) < 0
        || !f.commit()) {
        return Error { lit("RolloutStateUnwritable"),
            QStringLiteral("The rollout state %1 cannot be written (%2); check the state "
                           "folder's permissions and free space.")
                .arg(f.fileName(), f.errorString()),
            f.fileName(), 0, 0 };
    }
    return {};
}

bool runnerAlive(const RolloutState &state)
{
    return state.runnerPid > 0 && (::kill(pid_t(state.runnerPid), 0) == 0 || errno == EPERM);
}

static QString requestPath(const QString &stateDir, const QString &endpoint)
{
    return folder(stateDir) + QLatin1Char('/') + endpoint + lit(".request");
}

Status postRequest(const QString &stateDir, const QString &endpoint, const QString &action)
{
    QDir().mkpath(folder(stateDir));
    QSaveFile f(requestPath(stateDir, endpoint));
    if (!f.open(QIODevice::WriteOnly) || f.write(action.toUtf8()) < 0 || !f.commit()) {
        return Error { lit("RolloutStateUnwritable"),
            QStringLiteral("The request file %1 cannot be written (%2).")
                .arg(f.fileName(), f.errorString()),
            f.fileName(), 0, 0 };
    }
    return {};
}

QString takeRequest(const QString &stateDir, const QString &endpoint)
{
    QFile f(requestPath(stateDir, endpoint));
    if (!f.open(QIODevice::ReadOnly))
        return QString();
    const QString action = QString::fromUtf8(f.readAll()).trimmed();
    f.close();
    f.remove();
    return action;
}

} // namespace RolloutStateFile

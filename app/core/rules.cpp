#include "rules.h"

#include <QRegularExpression>
#include <limits>

namespace {

QString kindName(Rules::NameKind kind)
{
    return kind == Rules::NameKind::Endpoint ? QStringLiteral("endpoint")
                                             : QStringLiteral("deployment");
}

QString quotedList(const QStringList &names)
{
    if (names.isEmpty())
        return QStringLiteral("(none)");
    QStringList quoted;
    quoted.reserve(names.size());
    for (const QString &name : names)
        quoted << QLatin1Char('\'') + name + QLatin1Char('\'');
    return quoted.join(QStringLiteral(", "));
}

Status unknownDeployment(const QString &field, const QString &name, const QStringList &deployments)
{
    return Error::validation(field + QLatin1Char('.') + name,
        QStringLiteral("%1 names deployment '%2', which does not exist. "
                       "Existing deployments: %3. Create it first or "
                       "correct the name.")
            .arg(field, name, quotedList(deployments)));
}

Status checkRange(const QString &target, qint64 value, qint64 min, qint64 max, const QString &unit)
{
    if (value >= min && value <= max)
        return {};
    const QString range = max == std::numeric_limits<qint64>::max()
        ? QStringLiteral("at least %1").arg(min)
        : QStringLiteral("from %1 to %2").arg(min).arg(max);
    return Error::validation(target,
        QStringLiteral("%1 is %2%3; it must be %4%3.").arg(target).arg(value).arg(unit, range));
}

Status checkProbe(const QString &prefix, const ProbeSettings &probe, bool liveness)
{
    const qint64 any = std::numeric_limits<qint64>::max();
    const struct
    {
        const char *field;
        int value;
        qint64 max;
        const char *unit;
    } fields[] = {
        { "initial_delay", probe.initialDelaySec, any, " seconds" },
        { "period", probe.periodSec, any, " seconds" },
        { "timeout", probe.timeoutSec, any, " seconds" },
        { "success_threshold", probe.successThreshold, any, "" },
        { "failure_threshold", probe.failureThreshold, any, "" },
    };
    for (const auto &f : fields) {
        const Status status = checkRange(prefix + QLatin1Char('.') + QLatin1String(f.field),
            f.value, 1, f.max, QLatin1String(f.unit));
        if (!status)
            return status;
    }
    // Azure ML fixes the liveness probe's success threshold at 1.
    if (liveness && probe.successThreshold != 1) {
        return Error::validation(prefix + QStringLiteral(".success_threshold"),
            QStringLiteral("%1.success_threshold is %2; a liveness probe's "
                           "success threshold is always 1. Remove the field "
                           "or set it to 1.")
                .arg(prefix)
                .arg(probe.successThreshold));
    }
    return {};
}

} // namespace

namespace Rules {

Status checkName(NameKind kind, const QString &name)
{
    const QString what = kindName(kind);
    const QString target = QStringLiteral("name");
    if (name.size() < MinNameLength || name.size() > MaxNameLength) {
        return Error::validation(target,
            QStringLiteral("The %1 name '%2' is %3 characters long; a %1 name must be %4 to %5 "
                           "characters long.")
                .arg(what, name)
                .arg(name.size())
                .arg(MinNameLength)
                .arg(MaxNameLength));
    }
    static const QRegularExpression pattern(
        QStringLiteral("^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$"));
    if (!pattern.match(name).hasMatch()) {
        return Error::validation(target,
            QStringLiteral("The %1 name '%2' is not valid: it must start with a letter, contain "
                           "only letters, digits and '-', and end with a letter or digit "
                           "(e.g. 'my-%1-1').")
                .arg(what, name));
    }
    return {};
}

Status checkTraffic(const TrafficMap &traffic, const QStringList &deployments)
{
    int total = 0;
    for (auto it = traffic.cbegin(); it != traffic.cend(); ++it) {
        if (!deployments.contains(it.key()))
            return unknownDeployment(QStringLiteral("traffic"), it.key(), deployments);
        if (it.value() < 0 || it.value() > 100) {
            return Error::validation(QStringLiteral("traffic.") + it.key(),
                QStringLiteral("traffic for '%1' is %2; each deployment's traffic is a whole "
                               "percentage from 0 to 100.")
                    .arg(it.key())
                    .arg(it.value()));
        }
        total += it.value();
    }
    if (total != 0 && total != 100) {
        return Error::validation(QStringLiteral("traffic"),
            QStringLiteral("traffic '%1' totals %2 %; the traffic of an endpoint must total 100 % "
                           "(or 0 % to send no live traffic). Adjust the percentages.")
                .arg(formatTraffic(traffic))
                .arg(total));
    }
    return {};
}

Status checkMirrorTraffic(
    const TrafficMap &mirror, const TrafficMap &traffic, const QStringList &deployments)
{
    QStringList mirrored;
    for (auto it = mirror.cbegin(); it != mirror.cend(); ++it) {
        if (!deployments.contains(it.key()))
            return unknownDeployment(QStringLiteral("mirror_traffic"), it.key(), deployments);
        if (it.value() < 0 || it.value() > MaxMirrorPercent) {
            return Error::validation(QStringLiteral("mirror_traffic.") + it.key(),
                QStringLiteral("mirror traffic for '%1' is %2 %; at most %3 % of the traffic can "
                               "be mirrored (a whole percentage from 0 to %3; 0 turns mirroring "
                               "off).")
                    .arg(it.key())
                    .arg(it.value())
                    .arg(MaxMirrorPercent));
        }
        if (it.value() > 0)
            mirrored << it.key();
    }
    if (mirrored.size() > 1) {
        return Error::validation(QStringLiteral("mirror_traffic"),
            QStringLiteral("mirror traffic names %1 deployments (%2); traffic can be mirrored "
                           "to only one deployment. Keep one of them.")
                .arg(mirrored.size())
                .arg(quotedList(mirrored)));
    }
    for (const QString &name : std::as_const(mirrored)) {
        if (traffic.value(name) > 0) {
            return Error::validation(QStringLiteral("mirror_traffic.") + name,
                QStringLiteral("deployment '%1' has %2 % live traffic, so it cannot also receive "
                               "mirror traffic. Set its live traffic to 0 % first, or mirror to "
                               "another deployment.")
                    .arg(name)
                    .arg(traffic.value(name)));
        }
    }
    return {};
}

Status checkEndpointTraffic(
    const TrafficMap &traffic, const TrafficMap &mirror, const QStringList &deployments)
{
    if (Status status = checkTraffic(traffic, deployments); !status)
        return status;
    return checkMirrorTraffic(mirror, traffic, deployments);
}

Status checkCanAddDeployment(const QString &endpoint, int existingCount)
{
    if (existingCount < MaxDeploymentsPerEndpoint)
        return {};
    return Error::validation(QStringLiteral("name"),
        QStringLiteral("endpoint '%1' already has %2 deployments, the most "
                       "an endpoint can have. Delete one it no longer "
                       "needs before creating another.")
            .arg(endpoint)
            .arg(existingCount));
}

Status checkCanDelete(const QString &deployment, const TrafficMap &traffic)
{
    const int share = traffic.value(deployment);
    if (share <= 0)
        return {};
    return Error::validation(QStringLiteral("traffic.") + deployment,
        QStringLiteral("deployment '%1' still receives %2 % of the live "
                       "traffic and cannot be deleted. Move its traffic to "
                       "other deployments first (set it to 0 %), then "
                       "delete it.")
            .arg(deployment)
            .arg(share));
}

Status checkDeploymentSettings(const Deployment &deployment)
{
    const qint64 any = std::numeric_limits<qint64>::max();
    if (Status s = checkRange(QStringLiteral("instance_count"), deployment.instanceCount,
            MinInstanceCount, MaxInstanceCount, QString());
        !s)
        return s;
    const RequestSettings &request = deployment.requestSettings;
    if (Status s = checkRange(QStringLiteral("request_settings.request_timeout_ms"),
            request.requestTimeoutMs, 1, MaxRequestTimeoutMs, QStringLiteral(" ms"));
        !s)
        return s;
    if (Status s
        = checkRange(QStringLiteral("request_settings.max_concurrent_requests_per_instance"),
            request.maxConcurrentRequestsPerInstance, 1, any, QString());
        !s)
        return s;
    if (Status s = checkRange(QStringLiteral("request_settings.max_queue_wait_ms"),
            request.maxQueueWaitMs, 0, MaxRequestTimeoutMs, QStringLiteral(" ms"));
        !s)
        return s;
    if (Status s = checkProbe(QStringLiteral("liveness_probe"), deployment.livenessProbe, true); !s)
        return s;
    return checkProbe(QStringLiteral("readiness_probe"), deployment.readinessProbe, false);
}

Result<TrafficMap> parseTrafficString(const QString &text, const QString &what)
{
    // Spaces around '=' are tolerated, so "blue = 90" reads as "blue=90".
    static const QRegularExpression aroundEquals(QStringLiteral("\\s*=\\s*"));
    const QString normalized = QString(text).replace(aroundEquals, QStringLiteral("="));
    const QStringList tokens
        = normalized.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    const QString example = QStringLiteral("e.g. %1 \"blue=90 green=10\"").arg(what);
    if (tokens.isEmpty()) {
        return Error::validation(what,
            QStringLiteral("%1 is empty; give each deployment's "
                           "share as name=percent, %2.")
                .arg(what, example));
    }
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    TrafficMap map;
    for (const QString &token : tokens) {
        auto bad = [&](const QString &why) {
            return Error::validation(what,
                QStringLiteral("%1: bad token '%2': %3 Write each "
                               "deployment as name=percent "
                               "separated by spaces, %4.")
                    .arg(what, token, why, example));
        };
        const qsizetype eq = token.indexOf(QLatin1Char('='));
        if (eq < 0) {
            if (token.contains(QLatin1Char(':')))
                return bad(QStringLiteral("use '=' between name and percent, not ':'."));
            return bad(QStringLiteral("it is not of the form name=percent."));
        }
        const QString name = token.left(eq);
        const QString value = token.mid(eq + 1);
        if (name.isEmpty())
            return bad(QStringLiteral("the deployment name before '=' is empty."));
        if (value.contains(QLatin1Char('=')))
            return bad(QStringLiteral("it has more than one '='."));
        if (name.contains(QLatin1Char(',')) || value.contains(QLatin1Char(',')))
            return bad(QStringLiteral("pairs are separated by spaces, not commas."));
        if (value.isEmpty())
            return bad(QStringLiteral("the percent after '=' is empty."));
        if (value.endsWith(QLatin1Char('%')))
            return bad(QStringLiteral("leave out the '%' sign."));
        if (value.startsWith(QLatin1Char('-')))
            return bad(QStringLiteral("a percentage cannot be negative."));
        if (value.contains(QLatin1Char('.')))
            return bad(QStringLiteral("percentages are whole numbers."));
        if (!digits.match(value).hasMatch())
            return bad(QStringLiteral("'%1' is not a whole number.").arg(value));
        bool ok = false;
        const int percent = value.toInt(&ok);
        if (!ok || percent > 100)
            return bad(QStringLiteral("a percentage is at most 100."));
        if (map.contains(name))
            return bad(QStringLiteral("deployment '%1' is given twice.").arg(name));
        map.insert(name, percent);
    }
    return map;
}

TrafficMap withoutZeros(const TrafficMap &map)
{
    TrafficMap result;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (it.value() != 0)
            result.insert(it.key(), it.value());
    }
    return result;
}

TrafficMap withAllDeployments(
    const TrafficMap &traffic, const TrafficMap &mirror, const QStringList &deployments)
{
    TrafficMap result = traffic;
    for (const QString &name : deployments) {
        if (!result.contains(name) && mirror.value(name) == 0)
            result.insert(name, 0);
    }
    return result;
}

QString formatTraffic(const TrafficMap &traffic)
{
    QStringList parts;
    for (auto it = traffic.cbegin(); it != traffic.cend(); ++it)
        parts << it.key() + QLatin1Char('=') + QString::number(it.value());
    return parts.join(QLatin1Char(' '));
}

} // namespace Rules

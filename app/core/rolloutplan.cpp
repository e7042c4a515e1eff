#include "rolloutplan.h"

#include "rules.h"
#include "yamlreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cmath>

using namespace YamlSpec::Detail;

namespace {

QString lit(const char *text) { return QString::fromLatin1(text); }

// A plan is a few hundred bytes; anything this large is the wrong file.
constexpr qint64 MaxFileSize = 1024 * 1024;

// A number (integer or decimal) of `map`; nullopt when absent or wrong (then failed).
std::optional<double> number(Reader &r, const YAML::Node &map, const QString &prefix,
    const QString &key, double min, double max, const QString &example)
{
    const YAML::Node node = Reader::child(map, key);
    if (!r.ok() || !node.IsDefined() || node.IsNull())
        return std::nullopt;
    bool ok = false;
    const double value
        = node.IsScalar() ? QString::fromStdString(node.Scalar()).trimmed().toDouble(&ok) : 0;
    if (!ok || !std::isfinite(value) || value < min || value > max) {
        r.failField(map, prefix, key,
            QStringLiteral("`%1` must be a number from %2 to %3, but it is %4; write e.g. "
                           "`%5: %6`.")
                .arg(joinTarget(prefix, key))
                .arg(min)
                .arg(max)
                .arg(Reader::describe(node), key, example));
        return std::nullopt;
    }
    return value;
}

QString requiredName(Reader &r, const YAML::Node &root, const QString &key, const char *example)
{
    const std::optional<QString> value = r.text(root, QString(), key);
    if (!r.ok())
        return QString();
    if (!value || value->isEmpty()) {
        r.fail(Reader::child(root, key), key,
            QStringLiteral("`%1` is missing; add `%1: %2`.").arg(key, lit(example)));
        return QString();
    }
    const Rules::NameKind kind
        = key == lit("endpoint") ? Rules::NameKind::Endpoint : Rules::NameKind::Deployment;
    if (Status status = Rules::checkName(kind, *value); !status) {
        r.failField(
            root, QString(), key, QStringLiteral("`%1`: %2").arg(key, status.error().message));
        return QString();
    }
    return *value;
}

int bakeSeconds(Reader &r, const YAML::Node &map, const QString &prefix)
{
    const std::optional<int> bake = r.integer(map, prefix, lit("bake_seconds"),
        QStringLiteral("seconds, from 0 to %1").arg(RolloutPlanFile::MaxBakeSeconds), 60);
    if (!r.ok())
        return 0;
    if (!bake) {
        r.fail(map, joinTarget(prefix, lit("bake_seconds")),
            QStringLiteral("`%1` has no `bake_seconds`; add how long the step runs before its "
                           "guards are checked, e.g. `bake_seconds: 60`.")
                .arg(prefix));
        return 0;
    }
    if (*bake < 0 || *bake > RolloutPlanFile::MaxBakeSeconds) {
        r.failField(map, prefix, lit("bake_seconds"),
            QStringLiteral("`%1.bake_seconds` is %2; it must be from 0 to %3 seconds.")
                .arg(prefix)
                .arg(*bake)
                .arg(RolloutPlanFile::MaxBakeSeconds));
    }
    return *bake;
}

void readMirror(Reader &r, const YAML::Node &root, RolloutPlan &plan)
{
    const QString prefix = lit("mirror");
    if (!Reader::present(root, prefix))
        return;
    const YAML::Node node = Reader::child(root, prefix);
    if (!r.expectMap(node, prefix, lit("`mirror:` with `percent: 10` and `bake_seconds: 60`")))
        return;
    r.checkKeys(node, prefix, { lit("percent"), lit("bake_seconds") });
    const std::optional<int> percent = r.integer(node, prefix, lit("percent"),
        QStringLiteral("from 1 to %1").arg(Rules::MaxMirrorPercent), 10);
    if (!r.ok())
        return;
    if (!percent || *percent < 1 || *percent > Rules::MaxMirrorPercent) {
        r.fail(node, lit("mirror.percent"),
            QStringLiteral("`mirror.percent` must be from 1 to %1 (the share of live requests "
                           "copied to the candidate); write e.g. `percent: 10`.")
                .arg(Rules::MaxMirrorPercent));
        return;
    }
    const int bake = bakeSeconds(r, node, prefix);
    plan.steps.prepend(RolloutStep { *percent, bake, true });
}

void readSteps(Reader &r, const YAML::Node &root, RolloutPlan &plan)
{
    const QString key = lit("steps");
    const YAML::Node list = Reader::child(root, key);
    const QString example = lit("`steps:` followed by `- traffic: 10` / `  bake_seconds: 60` "
                                "items, one per step");
    if (!Reader::present(root, key)) {
        r.fail(root, key, QStringLiteral("`steps` is missing; add %1.").arg(example));
        return;
    }
    if (!list.IsSequence() || list.size() == 0) {
        r.fail(list, key,
            QStringLiteral("`steps` must be a non-empty list, but it is %1; write %2.")
                .arg(Reader::describe(list), example));
        return;
    }
    if (list.size() > std::size_t(RolloutPlanFile::MaxSteps)) {
        r.fail(list, key,
            QStringLiteral("`steps` has %1 items; a plan has at most %2.")
                .arg(list.size())
                .arg(RolloutPlanFile::MaxSteps));
        return;
    }
    int previous = 0;
    for (std::size_t i = 0; i < list.size() && r.ok(); ++i) {
        const YAML::Node item = list[i];
        const QString prefix = QStringLiteral("steps[%1]").arg(i);
        if (!r.expectMap(item, prefix, lit("`- traffic: 10` with `bake_seconds: 60` under it")))
            return;
        r.checkKeys(item, prefix, { lit("traffic"), lit("bake_seconds") });
        const std::optional<int> traffic
            = r.integer(item, prefix, lit("traffic"), lit("a percentage from 1 to 100"), 10);
        if (!r.ok())
            return;
        if (!traffic) {
            r.fail(item, prefix + lit(".traffic"),
                QStringLiteral("`%1` has no `traffic`; add the candidate's share of live "
                               "traffic, e.g. `traffic: 10`.")
                    .arg(prefix));
            return;
        }
        if (*traffic < 1 || *traffic > 100) {
            r.failField(item, prefix, lit("traffic"),
                QStringLiteral("`%1.traffic` is %2; it must be a percentage from 1 to 100.")
                    .arg(prefix)
                    .arg(*traffic));
            return;
        }
        if (*traffic <= previous) {
            r.failField(item, prefix, lit("traffic"),
                QStringLiteral("`%1.traffic` is %2, not more than the step before (%3); each "
                               "step must give the candidate more traffic than the last.")
                    .arg(prefix)
                    .arg(*traffic)
                    .arg(previous));
            return;
        }
        previous = *traffic;
        const int bake = bakeSeconds(r, item, prefix);
        plan.steps.append(RolloutStep { *traffic, bake, false });
    }
}

void readGuards(Reader &r, const YAML::Node &root, RolloutPlan &plan)
{
    const QString prefix = lit("guards");
    const YAML::Node node = Reader::child(root, prefix);
    if (!Reader::present(root, prefix)) {
        r.fail(root, prefix,
            lit("`guards` is missing; add `guards:` with at least one limit, e.g. "
                "`max_error_rate_increase: 1` and `max_p99_ratio: 1.5`."));
        return;
    }
    if (!r.expectMap(node, prefix, lit("`guards:` with `max_error_rate_increase: 1` under it")))
        return;
    r.checkKeys(node, prefix,
        { lit("min_requests"), lit("max_error_rate_increase"), lit("max_p95_ratio"),
            lit("max_p99_ratio"), lit("max_error_rate"), lit("max_p95_ms"), lit("max_p99_ms") });
    RolloutGuards &g = plan.guards;
    if (const std::optional<int> min
        = r.integer(node, prefix, lit("min_requests"), lit("from 1 to 1000000"), 100)) {
        if (*min < 1 || *min > 1000000) {
            r.failField(node, prefix, lit("min_requests"),
                QStringLiteral("`guards.min_requests` is %1; it must be from 1 to 1000000.")
                    .arg(*min));
        }
        g.minRequests = *min;
    }
    g.maxErrorRateIncrease
        = number(r, node, prefix, lit("max_error_rate_increase"), 0, 100, lit("1"));
    g.maxP95Ratio = number(r, node, prefix, lit("max_p95_ratio"), 0.01, 1000, lit("1.5"));
    g.maxP99Ratio = number(r, node, prefix, lit("max_p99_ratio"), 0.01, 1000, lit("2"));
    g.maxErrorRate = number(r, node, prefix, lit("max_error_rate"), 0, 100, lit("5"));
    g.maxP95Ms = number(r, node, prefix, lit("max_p95_ms"), 0.001, 600000, lit("500"));
    g.maxP99Ms = number(r, node, prefix, lit("max_p99_ms"), 0.001, 600000, lit("1000"));
    if (r.ok() && !g.hasRelative() && !g.maxErrorRate && !g.maxP95Ms && !g.maxP99Ms) {
        r.fail(node, prefix,
            lit("`guards` sets no limit, so no step could ever fail; add at least one of "
                "`max_error_rate_increase`, `max_p95_ratio`, `max_p99_ratio`, "
                "`max_error_rate`, `max_p95_ms`, `max_p99_ms`."));
    }
}

void readProbe(Reader &r, const YAML::Node &root, RolloutPlan &plan)
{
    const QString prefix = lit("probe");
    if (!Reader::present(root, prefix))
        return;
    const YAML::Node node = Reader::child(root, prefix);
    if (!r.expectMap(node, prefix, lit("`probe:` with `request_file: request.json` and `rate: 5`")))
        return;
    r.checkKeys(node, prefix, { lit("request_file"), lit("rate") });
    const std::optional<QString> file = r.text(node, prefix, lit("request_file"));
    if (!r.ok())
        return;
    if (!file || file->isEmpty()) {
        r.fail(node, lit("probe.request_file"),
            lit("`probe` has no `request_file`; add the JSON body to send, e.g. "
                "`request_file: sample-request.json`."));
        return;
    }
    RolloutProbe probe;
    probe.requestFile = r.localPath(Reader::child(node, lit("request_file")),
        lit("probe.request_file"), *file, Reader::PathKind::File);
    if (const std::optional<double> rate
        = number(r, node, prefix, lit("rate"), 0.1, RolloutPlanFile::MaxProbeRate, lit("5")))
        probe.ratePerSecond = *rate;
    plan.probe = probe;
}

RolloutPlan readPlan(Reader &r)
{
    RolloutPlan plan;
    const YAML::Node &root = r.root();
    r.checkKeys(root, QString(),
        { lit("endpoint"), lit("candidate"), lit("baseline"), lit("mirror"), lit("steps"),
            lit("guards"), lit("on_failure"), lit("probe") });
    plan.endpoint = requiredName(r, root, lit("endpoint"), "my-endpoint");
    plan.candidate = requiredName(r, root, lit("candidate"), "green");
    plan.baseline = requiredName(r, root, lit("baseline"), "blue");
    if (r.ok() && plan.candidate == plan.baseline) {
        r.failField(root, QString(), lit("baseline"),
            QStringLiteral("`candidate` and `baseline` are both \"%1\"; the baseline is the "
                           "deployment the candidate is compared with and must be another one.")
                .arg(plan.candidate));
    }
    readSteps(r, root, plan);
    readMirror(r, root, plan);
    readGuards(r, root, plan);
    if (const std::optional<QString> action
        = r.oneOf(root, QString(), lit("on_failure"), { lit("revert"), lit("pause") }))
        plan.onFailure = *action == lit("pause") ? RolloutPlan::OnFailure::Pause
                                                 : RolloutPlan::OnFailure::Revert;
    readProbe(r, root, plan);
    return plan;
}

} // namespace

QString RolloutPlan::onFailureName(OnFailure action)
{
    return action == OnFailure::Pause ? lit("pause") : lit("revert");
}

namespace RolloutPlanFile {

Result<RolloutPlan> parse(const QByteArray &yaml, const QString &baseDir, const QString &sourceName)
{
    // yaml-cpp reports through exceptions; they stop here.
    try {
        Result<YAML::Node> root = parseText(yaml, sourceName);
        if (!root)
            return root.error();
        const Document document { *root, {} };
        Reader reader(document, sourceName, QDir(baseDir).absolutePath(), true);
        RolloutPlan plan = readPlan(reader);
        if (!reader.ok())
            return reader.error();
        return plan;
    } catch (const std::exception &e) {
        return Error::validation(QString(),
            QStringLiteral("%1 could not be read: %2. Check that it is a valid YAML file.")
                .arg(sourceName.isEmpty() ? lit("The plan") : sourceName,
                    QString::fromLocal8Bit(e.what())));
    }
}

Result<RolloutPlan> load(const QString &path)
{
    const QFileInfo info(path);
    auto failure = [&](const char *code, const QString &message) {
        return Error { lit(code), message, lit("--file"), 0, 0 };
    };
    if (!info.exists()) {
        return failure("NotFound",
            QStringLiteral("The plan file %1 does not exist; check the path given with --file.")
                .arg(path));
    }
    if (info.isDir())
        return failure("ValidationError",
            QStringLiteral("%1 is a folder; give the plan YAML file inside it.").arg(path));
    if (info.size() > MaxFileSize) {
        return failure("ValidationError",
            QStringLiteral("%1 is %2 bytes, far too large for a plan (at most %3); check that "
                           "it is the right file.")
                .arg(path)
                .arg(info.size())
                .arg(MaxFileSize));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return failure("ValidationError",
            QStringLiteral("%1 cannot be read: %2. Check its permissions.")
                .arg(path, file.errorString()));
    }
    Result<RolloutPlan> plan = parse(file.readAll(), info.absolutePath(), path);
    if (plan)
        plan->sourceFile = info.absoluteFilePath();
    return plan;
}

} // namespace RolloutPlanFile

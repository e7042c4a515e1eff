// The managed online deployment schema, with RolloutDesk's local extensions
// (local_command, local_python).

#include "rules.h"
#include "yamlschema.h"

#include <QDir>
#include <QFileInfo>

namespace YamlSpec::Detail {

namespace {

QString lit(const char *text) { return QString::fromLatin1(text); }

struct Asset
{
    AssetKind kind = AssetKind::None;
    QString value;
};

// A model, code or environment string: a reference, or a local path resolved and checked.
Asset readAssetString(
    Reader &r, const YAML::Node &at, const QString &target, const QString &text, AssetUse use)
{
    if (text.trimmed().isEmpty()) {
        r.fail(at, target,
            QStringLiteral("`%1` is empty; give a path relative to the YAML file or a "
                           "reference such as azureml:<name>:<version>.")
                .arg(target));
        return {};
    }
    Asset asset { classifyAsset(text), text };
    if (asset.kind == AssetKind::LocalPath) {
        asset.value = r.localPath(at, target, text,
            use == AssetUse::Code ? Reader::PathKind::Folder : Reader::PathKind::Any);
        return asset;
    }
    checkReference(r, at, target, text, asset.kind, use);
    if (asset.kind == AssetKind::ArmId && text.startsWith(QLatin1String("azureml:")))
        asset.value = text.mid(int(qstrlen("azureml:")));
    return asset;
}

void readModel(Reader &r, const YAML::Node &root, Deployment &d)
{
    const QString prefix = lit("model");
    const YAML::Node node = Reader::child(root, prefix);
    if (!r.ok() || !Reader::present(root, prefix))
        return;
    if (node.IsScalar()) {
        const Asset asset = readAssetString(
            r, node, prefix, QString::fromStdString(node.Scalar()), AssetUse::Model);
        d.model.kind = asset.kind;
        d.model.value = asset.value;
        return;
    }
    if (!node.IsMap()) {
        r.fail(node, prefix,
            QStringLiteral("`model` must be a string or a mapping, but it is %1; write "
                           "`model: azureml:<name>:<version>`, `model: ./model` or `model:` "
                           "with `path: ./model` indented under it.")
                .arg(Reader::describe(node)));
        return;
    }
    r.checkKeys(node, prefix,
        { lit("path"), lit("name"), lit("version"), lit("type"), lit("description") });
    const std::optional<QString> path = r.text(node, prefix, lit("path"));
    if (r.ok() && !path) {
        r.fail(node, lit("model.path"),
            lit("`model.path` is missing; add `path: ./model` (a file or folder, relative to "
                "the YAML file) or write `model: azureml:<name>:<version>`."));
        return;
    }
    if (path) {
        const Asset asset = readAssetString(
            r, Reader::child(node, lit("path")), lit("model.path"), *path, AssetUse::Model);
        d.model.kind = asset.kind;
        d.model.value = asset.value;
    }
    d.model.name = r.text(node, prefix, lit("name")).value_or(QString());
    d.model.version = r.text(node, prefix, lit("version")).value_or(QString());
    d.model.description = r.text(node, prefix, lit("description")).value_or(QString());
    d.model.type = r.oneOf(node, prefix, lit("type"),
                        { lit("custom_model"), lit("mlflow_model"), lit("triton_model") })
                       .value_or(QString());
}

void readCode(Reader &r, const YAML::Node &root, Deployment &d)
{
    const QString prefix = lit("code_configuration");
    const YAML::Node node = Reader::child(root, prefix);
    if (!r.ok() || !Reader::present(root, prefix)
        || !r.expectMap(node, prefix,
            lit("`code_configuration:` with `code: ./onlinescoring` and "
                "`scoring_script: score.py` indented under it")))
        return;
    r.checkKeys(node, prefix, { lit("code"), lit("scoring_script") });
    const std::optional<QString> code = r.text(node, prefix, lit("code"));
    const std::optional<QString> script = r.text(node, prefix, lit("scoring_script"));
    if (r.ok() && !code) {
        r.fail(node, lit("code_configuration.code"),
            lit("`code_configuration.code` is missing; add `code: ./onlinescoring` (the "
                "folder that holds the scoring script, relative to the YAML file)."));
    }
    if (r.ok() && !script) {
        r.fail(node, lit("code_configuration.scoring_script"),
            lit("`code_configuration.scoring_script` is missing; add `scoring_script: "
                "score.py` (relative to the code folder)."));
    }
    if (!r.ok())
        return;
    CodeConfiguration config;
    const Asset asset = readAssetString(
        r, Reader::child(node, lit("code")), lit("code_configuration.code"), *code, AssetUse::Code);
    config.kind = asset.kind;
    config.code = asset.value;
    config.scoringScript = *script;
    const QString target = lit("code_configuration.scoring_script");
    const YAML::Node scriptNode = Reader::child(node, lit("scoring_script"));
    if (r.ok() && config.kind == AssetKind::LocalPath) {
        const QString full = QDir::cleanPath(config.code + QLatin1Char('/') + *script);
        if (script->isEmpty() || QDir::isAbsolutePath(*script)
            || !full.startsWith(config.code + QLatin1Char('/'))) {
            r.fail(scriptNode, target,
                QStringLiteral("`%1` is \"%2\"; it must be a file inside the code folder, "
                               "given relative to it (e.g. `scoring_script: score.py`).")
                    .arg(target, *script));
        } else if (r.checksPaths() && !QFileInfo(full).isFile()) {
            r.fail(scriptNode, target,
                QStringLiteral("`%1` is \"%2\", but the code folder %3 has no such file (%4). "
                               "Put the scoring script there or fix its name.")
                    .arg(target, *script, QDir::toNativeSeparators(config.code),
                        QDir::toNativeSeparators(full)));
        }
    }
    d.codeConfiguration = config;
}

InferenceRoute readRoute(Reader &r, const YAML::Node &config, const QString &key)
{
    const QString prefix = lit("environment.inference_config");
    const QString target = joinTarget(prefix, key);
    const QString example
        = QStringLiteral("`%1:` with `port: 5001` and `path: /%2` indented "
                         "under it")
              .arg(key, key == QLatin1String("scoring_route") ? lit("score") : lit("health"));
    InferenceRoute route;
    const YAML::Node node = Reader::child(config, key);
    if (!r.ok())
        return route;
    if (!Reader::present(config, key)) {
        r.fail(config, target,
            QStringLiteral("`%1` is missing; a custom container needs its liveness, "
                           "readiness and scoring routes: add %2.")
                .arg(target, example));
        return route;
    }
    if (!r.expectMap(node, target, example))
        return route;
    r.checkKeys(node, target, { lit("port"), lit("path") });
    const std::optional<int> port = r.integer(node, target, lit("port"), lit("1 to 65535"), 5001);
    const std::optional<QString> path = r.text(node, target, lit("path"));
    if (r.ok() && (!port || !path)) {
        r.fail(node, joinTarget(target, port ? lit("path") : lit("port")),
            QStringLiteral("`%1` needs both `port` and `path`; write %2.").arg(target, example));
    } else if (r.ok() && (*port < 1 || *port > 65535)) {
        r.failField(node, target, lit("port"),
            QStringLiteral("`%1.port` is %2; a port is from 1 to 65535.").arg(target).arg(*port));
    }
    route.port = port.value_or(0);
    route.path = path.value_or(QString());
    return route;
}

void readInlineEnvironment(Reader &r, const YAML::Node &node, bool strict, EnvironmentRef &env)
{
    const QString prefix = lit("environment");
    r.checkKeys(node, prefix,
        { lit("name"), lit("version"), lit("description"), lit("image"), lit("conda_file"),
            lit("build"), lit("inference_config") });
    env.kind = AssetKind::Inline;
    env.name = r.text(node, prefix, lit("name")).value_or(QString());
    env.version = r.text(node, prefix, lit("version")).value_or(QString());
    env.description = r.text(node, prefix, lit("description")).value_or(QString());
    env.image = r.text(node, prefix, lit("image")).value_or(QString());
    if (const auto conda = r.text(node, prefix, lit("conda_file"))) {
        env.condaFile = r.localPath(Reader::child(node, lit("conda_file")),
            lit("environment.conda_file"), *conda, Reader::PathKind::File);
    }

    const YAML::Node build = Reader::child(node, lit("build"));
    const QString buildTarget = lit("environment.build");
    if (r.ok() && Reader::present(node, lit("build"))
        && r.expectMap(
            build, buildTarget, lit("`build:` with `path: ./docker-context` indented under it"))) {
        r.checkKeys(build, buildTarget, { lit("path"), lit("dockerfile_path") });
        BuildContext context;
        const std::optional<QString> path = r.text(build, buildTarget, lit("path"));
        context.dockerfilePath
            = r.text(build, buildTarget, lit("dockerfile_path")).value_or(lit("Dockerfile"));
        if (r.ok() && !path) {
            r.fail(build, lit("environment.build.path"),
                lit("`environment.build.path` is missing; add `path: ./docker-context` (the "
                    "folder with the Dockerfile)."));
        } else if (path && path->contains(QLatin1String("://"))) {
            context.path = *path; // a remote build context: kept as given
        } else if (path) {
            context.path = r.localPath(Reader::child(build, lit("path")),
                lit("environment.build.path"), *path, Reader::PathKind::Folder);
            const QString dockerfile
                = QDir::cleanPath(context.path + QLatin1Char('/') + context.dockerfilePath);
            if (r.ok() && r.checksPaths() && !QFileInfo(dockerfile).isFile()) {
                r.fail(Reader::present(build, lit("dockerfile_path"))
                        ? Reader::child(build, lit("dockerfile_path"))
                        : Reader::child(build, lit("path")),
                    lit("environment.build.dockerfile_path"),
                    QStringLiteral("the build context %1 has no %2 (%3); add it, or name "
                                   "the file with `dockerfile_path:` relative to the "
                                   "context.")
                        .arg(QDir::toNativeSeparators(context.path), context.dockerfilePath,
                            QDir::toNativeSeparators(dockerfile)));
            }
        }
        env.build = context;
    }

    const YAML::Node config = Reader::child(node, lit("inference_config"));
    const QString configTarget = lit("environment.inference_config");
    if (r.ok() && Reader::present(node, lit("inference_config"))
        && r.expectMap(config, configTarget,
            lit("`inference_config:` with `liveness_route`, `readiness_route` and "
                "`scoring_route` indented under it"))) {
        r.checkKeys(config, configTarget,
            { lit("liveness_route"), lit("readiness_route"), lit("scoring_route") });
        InferenceConfig inference;
        inference.livenessRoute = readRoute(r, config, lit("liveness_route"));
        inference.readinessRoute = readRoute(r, config, lit("readiness_route"));
        inference.scoringRoute = readRoute(r, config, lit("scoring_route"));
        env.inferenceConfig = inference;
    }

    if (!r.ok() || !strict)
        return;
    if (!env.image.isEmpty() && env.build) {
        r.fail(build, buildTarget,
            lit("`environment` has both `image` and `build`; give one of them: an image to "
                "run, or a Docker build context to build one."));
    } else if (env.image.isEmpty() && !env.build) {
        r.fail(node, lit("environment.image"),
            lit("`environment` has neither `image` nor `build`; add e.g. `image: "
                "mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu22.04:latest` (with "
                "`conda_file:`), or `build:` with `path:` to a Docker build context."));
    }
}

void readEnvironment(Reader &r, const YAML::Node &root, bool strict, Deployment &d)
{
    const QString prefix = lit("environment");
    const YAML::Node node = Reader::child(root, prefix);
    if (!r.ok() || !Reader::present(root, prefix))
        return;
    const QString forms = lit("write `environment: azureml:<name>:<version>` (or "
                              "azureml:<name>@latest), a registry URI, or a mapping with `image:` "
                              "and `conda_file:` indented under `environment:`");
    if (node.IsMap()) {
        readInlineEnvironment(r, node, strict, d.environment);
        return;
    }
    if (!node.IsScalar()) {
        r.fail(node, prefix,
            QStringLiteral("`environment` must be a string or a mapping, but it is %1; %2.")
                .arg(Reader::describe(node), forms));
        return;
    }
    const QString text = QString::fromStdString(node.Scalar());
    const AssetKind kind = classifyAsset(text);
    if (kind == AssetKind::LocalPath) {
        r.fail(node, prefix,
            QStringLiteral("`environment` is \"%1\", which is not an environment reference; "
                           "%2.")
                .arg(text, forms));
        return;
    }
    const Asset asset = readAssetString(r, node, prefix, text, AssetUse::Environment);
    d.environment.kind = asset.kind;
    d.environment.value = asset.value;
}

void readScaleSettings(Reader &r, const YAML::Node &root, Deployment &d)
{
    const QString prefix = lit("scale_settings");
    const YAML::Node node = Reader::child(root, prefix);
    if (!r.ok() || !Reader::present(root, prefix)
        || !r.expectMap(
            node, prefix, lit("`scale_settings:` with `type: default` indented under it")))
        return;
    const QString kubernetesOnly
        = lit("target-utilization autoscale is for Kubernetes online deployments only; a managed "
              "deployment uses `scale_settings: {type: default}` and a fixed `instance_count` "
              "(scale it with --set instance_count=N or Azure Monitor autoscale). Remove it.");
    for (const char *key :
        { "target_utilization_percentage", "polling_interval", "min_instances", "max_instances" }) {
        if (Reader::child(node, lit(key)).IsDefined()) {
            r.fail(Reader::keyNode(node, lit(key)), joinTarget(prefix, lit(key)),
                QStringLiteral("`%1`: %2").arg(joinTarget(prefix, lit(key)), kubernetesOnly));
            return;
        }
    }
    r.checkKeys(node, prefix, { lit("type") });
    const std::optional<QString> type
        = r.oneOf(node, prefix, lit("type"), { lit("default"), lit("target_utilization") });
    if (type == lit("target_utilization")) {
        r.failField(node, prefix, lit("type"),
            QStringLiteral("`scale_settings.type: target_utilization`: %1").arg(kubernetesOnly));
    } else if (type) {
        d.scaleSettings.type = *type;
    }
}

void readRequestSettings(Reader &r, const YAML::Node &root, Deployment &d)
{
    const QString prefix = lit("request_settings");
    const YAML::Node node = Reader::child(root, prefix);
    if (!r.ok() || !Reader::present(root, prefix)
        || !r.expectMap(node, prefix,
            lit("`request_settings:` with e.g. `request_timeout_ms: 5000` indented "
                "under it")))
        return;
    r.checkKeys(node, prefix,
        { lit("request_timeout_ms"), lit("max_concurrent_requests_per_instance"),
            lit("max_queue_wait_ms") });
    RequestSettings &s = d.requestSettings;
    const QString timeoutRange
        = QStringLiteral("milliseconds, 1 to %1").arg(Rules::MaxRequestTimeoutMs);
    s.requestTimeoutMs = r.integer(node, prefix, lit("request_timeout_ms"), timeoutRange, 5000)
                             .value_or(s.requestTimeoutMs);
    s.maxConcurrentRequestsPerInstance
        = r.integer(node, prefix, lit("max_concurrent_requests_per_instance"), lit("at least 1"), 1)
              .value_or(s.maxConcurrentRequestsPerInstance);
    s.maxQueueWaitMs
        = r.integer(node, prefix, lit("max_queue_wait_ms"),
               QStringLiteral("milliseconds, 0 to %1").arg(Rules::MaxRequestTimeoutMs), 500)
              .value_or(s.maxQueueWaitMs);
}

void readProbe(Reader &r, const YAML::Node &root, const QString &prefix, ProbeSettings &probe)
{
    const YAML::Node node = Reader::child(root, prefix);
    if (!r.ok() || !Reader::present(root, prefix)
        || !r.expectMap(node, prefix,
            QStringLiteral("`%1:` with e.g. `period: 10` indented under it").arg(prefix)))
        return;
    r.checkKeys(node, prefix,
        { lit("initial_delay"), lit("period"), lit("timeout"), lit("success_threshold"),
            lit("failure_threshold") });
    const QString seconds = lit("seconds, at least 1");
    const QString count = lit("at least 1");
    probe.initialDelaySec = r.integer(node, prefix, lit("initial_delay"), seconds, 10)
                                .value_or(probe.initialDelaySec);
    probe.periodSec = r.integer(node, prefix, lit("period"), seconds, 10).value_or(probe.periodSec);
    probe.timeoutSec
        = r.integer(node, prefix, lit("timeout"), seconds, 2).value_or(probe.timeoutSec);
    probe.successThreshold = r.integer(node, prefix, lit("success_threshold"), count, 1)
                                 .value_or(probe.successThreshold);
    probe.failureThreshold = r.integer(node, prefix, lit("failure_threshold"), count, 30)
                                 .value_or(probe.failureThreshold);
}

void readLocalExtensions(
    Reader &r, const YAML::Node &root, const ReadOptions &options, Deployment &d)
{
    const bool azure = options.workspace == Workspace::Azure;
    const QString azureRefusal
        = lit("is a RolloutDesk extension for local workspaces; an Azure workspace cannot run it. "
              "Remove it and give `environment` and `code_configuration` instead.");
    if (const auto command = r.textList(root, QString(), lit("local_command"))) {
        if (azure) {
            r.failField(root, QString(), lit("local_command"),
                QStringLiteral("`local_command` %1").arg(azureRefusal));
            return;
        }
        d.localCommand = *command;
        // A program named with a folder is a file next to the YAML; a bare name is on PATH.
        if (d.localCommand.first().contains(QLatin1Char('/'))) {
            const YAML::Node first = Reader::child(root, lit("local_command"))[0];
            d.localCommand.first() = r.localPath(
                first, lit("local_command[0]"), d.localCommand.first(), Reader::PathKind::File);
        }
    }
    if (const auto python = r.text(root, QString(), lit("local_python"))) {
        if (azure) {
            r.failField(root, QString(), lit("local_python"),
                QStringLiteral("`local_python` %1").arg(azureRefusal));
            return;
        }
        d.localPython = *python;
        if (python->contains(QLatin1Char('/'))) {
            d.localPython = r.localPath(Reader::child(root, lit("local_python")),
                lit("local_python"), *python, Reader::PathKind::File);
        }
        if (r.ok() && !d.localCommand.isEmpty()) {
            r.failField(root, QString(), lit("local_python"),
                lit("`local_python` picks the interpreter of a score.py deployment, but "
                    "`local_command` runs its own server; keep one of them."));
        } else if (r.ok() && !d.codeConfiguration) {
            r.failField(root, QString(), lit("local_python"),
                lit("`local_python` picks the interpreter that runs the scoring script, "
                    "but there is no `code_configuration`; add `code_configuration` "
                    "with `code:` and `scoring_script:`."));
        }
    }
}

} // namespace

Deployment readDeployment(Reader &r, const ReadOptions &options)
{
    const YAML::Node &root = r.root();
    Deployment d;
    // Read-only fields, as `online-deployment show -o yaml` prints them, are accepted and
    // dropped, so a saved `show` output can be applied again (the service ignores them too).
    r.checkKeys(root, QString(),
        { lit("$schema"), lit("name"), lit("endpoint_name"), lit("description"), lit("tags"),
            lit("properties"), lit("model"), lit("model_mount_path"), lit("code_configuration"),
            lit("environment"), lit("environment_variables"), lit("instance_type"),
            lit("instance_count"), lit("app_insights_enabled"), lit("scale_settings"),
            lit("request_settings"), lit("liveness_probe"), lit("readiness_probe"),
            lit("egress_public_network_access"), lit("data_collector"),
            lit("private_network_connection"), lit("local_command"), lit("local_python") },
        { lit("id"), lit("provisioning_state"), lit("type"), lit("creation_context") });
    r.text(root, QString(), lit("$schema"));
    if (const auto type = r.text(root, QString(), lit("type"));
        type && type->compare(QLatin1String("managed"), Qt::CaseInsensitive) != 0) {
        r.failField(root, QString(), lit("type"),
            QStringLiteral("`type` is \"%1\"; RolloutDesk handles managed online "
                           "deployments only: remove `type` or write `type: managed`.")
                .arg(*type));
    }

    const std::optional<QString> name = r.text(root, QString(), lit("name"));
    if (r.ok() && !name) {
        r.failField(root, QString(), lit("name"),
            lit("the deployment has no `name`; add `name: blue` to the file or pass "
                "--name."));
    } else if (name) {
        d.name = *name;
        if (options.strict)
            r.check(Rules::checkName(Rules::NameKind::Deployment, *name), lit("name"));
    }
    const std::optional<QString> endpoint = r.text(root, QString(), lit("endpoint_name"));
    if (r.ok() && !endpoint) {
        r.failField(root, QString(), lit("endpoint_name"),
            lit("the deployment has no `endpoint_name`; add `endpoint_name: "
                "my-endpoint` to the file or pass --endpoint-name."));
    } else if (endpoint) {
        d.endpointName = *endpoint;
        if (options.strict)
            r.check(Rules::checkName(Rules::NameKind::Endpoint, *endpoint), lit("endpoint_name"));
    }
    d.description = r.text(root, QString(), lit("description")).value_or(QString());
    d.tags = r.stringMap(root, QString(), lit("tags")).value_or(StringMap());
    d.properties = r.stringMap(root, QString(), lit("properties")).value_or(StringMap());

    readModel(r, root, d);
    d.modelMountPath = r.text(root, QString(), lit("model_mount_path")).value_or(QString());
    readCode(r, root, d);
    readEnvironment(r, root, options.strict, d);
    d.environmentVariables
        = r.stringMap(root, QString(), lit("environment_variables")).value_or(StringMap());

    d.instanceType = r.text(root, QString(), lit("instance_type")).value_or(QString());
    d.instanceCount = r.integer(root, QString(), lit("instance_count"),
                           QStringLiteral("%1 to %2 instances")
                               .arg(Rules::MinInstanceCount)
                               .arg(Rules::MaxInstanceCount),
                           1)
                          .value_or(d.instanceCount);
    d.appInsightsEnabled
        = r.boolean(root, QString(), lit("app_insights_enabled")).value_or(d.appInsightsEnabled);
    readScaleSettings(r, root, d);
    readRequestSettings(r, root, d);
    readProbe(r, root, lit("liveness_probe"), d.livenessProbe);
    readProbe(r, root, lit("readiness_probe"), d.readinessProbe);
    if (const auto egress = r.oneOf(root, QString(), lit("egress_public_network_access"),
            { lit("enabled"), lit("disabled") }))
        d.egressPublicNetworkAccess = *egress;
    d.dataCollector = r.jsonObject(root, QString(), lit("data_collector"));
    // Experimental in Azure ML and meaningless locally: its type is checked, its value dropped.
    r.boolean(root, QString(), lit("private_network_connection"));
    readLocalExtensions(r, root, options, d);

    if (!r.ok())
        return d;
    // The schema requires an environment; a local_command deployment runs its own server
    // and needs none (local workspaces only, checked above).
    if (options.strict && d.environment.kind == AssetKind::None && d.localCommand.isEmpty()) {
        const QString local = options.workspace == Workspace::Local
            ? lit(" In a local workspace, `local_command: [program, args...]` may replace it.")
            : QString();
        r.failField(root, QString(), lit("environment"),
            QStringLiteral("the deployment has no `environment`; add `environment: "
                           "azureml:<name>:<version>` or an inline one with `image:` and "
                           "`conda_file:`.%1")
                .arg(local));
    }
    // instance_type is required by the managed schema; a local workspace has no VM sizes.
    if (r.ok() && options.strict && options.workspace == Workspace::Azure
        && d.instanceType.isEmpty()) {
        r.failField(root, QString(), lit("instance_type"),
            lit("the deployment has no `instance_type`; add a VM size, e.g. "
                "`instance_type: Standard_DS3_v2`."));
    }
    if (r.ok())
        r.check(Rules::checkDeploymentSettings(d));
    return d;
}

} // namespace YamlSpec::Detail

// toYaml: the YAML form of endpoints and deployments, with the keys `az ml ... show -o yaml`
// prints. What it writes reads back to the same values (yamlspec.cpp's loader).

#include "yamlspec.h"

#include <QJsonArray>
#include <QLocale>
#include <QVariant>
#include <yaml-cpp/yaml.h>

namespace YamlSpec {

namespace {

std::string str(const QString &text) { return text.toStdString(); }

void writeText(YAML::Emitter &out, const char *key, const QString &value)
{
    if (!value.isEmpty())
        out << YAML::Key << key << YAML::Value << str(value);
}

void writeStringMap(YAML::Emitter &out, const char *key, const StringMap &map)
{
    if (map.isEmpty())
        return;
    out << YAML::Key << key << YAML::Value << YAML::BeginMap;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        out << YAML::Key << str(it.key()) << YAML::Value << str(it.value());
    out << YAML::EndMap;
}

void writeTraffic(YAML::Emitter &out, const char *key, const std::optional<TrafficMap> &map)
{
    if (!map)
        return;
    out << YAML::Key << key << YAML::Value << YAML::BeginMap;
    for (auto it = map->cbegin(); it != map->cend(); ++it)
        out << YAML::Key << str(it.key()) << YAML::Value << it.value();
    out << YAML::EndMap;
}

void writeJson(YAML::Emitter &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        out << YAML::Null;
        break;
    case QJsonValue::Bool:
        out << value.toBool();
        break;
    case QJsonValue::Double: {
        const QVariant number = value.toVariant();
        if (number.typeId() == QMetaType::LongLong) {
            out << number.toLongLong();
            break;
        }
        // Shortest text that reads back to the same double, kept a float ("1.0", not "1").
        QString text = QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
        if (!text.contains(QLatin1Char('.')) && !text.contains(QLatin1Char('e')))
            text += QStringLiteral(".0");
        out << str(text);
        break;
    }
    case QJsonValue::String:
        // Quoted, so "10" or "true" stay strings when read back.
        out << YAML::DoubleQuoted << str(value.toString());
        break;
    case QJsonValue::Array: {
        out << YAML::BeginSeq;
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            writeJson(out, item);
        out << YAML::EndSeq;
        break;
    }
    case QJsonValue::Object: {
        out << YAML::BeginMap;
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            out << YAML::Key << str(it.key()) << YAML::Value;
            writeJson(out, it.value());
        }
        out << YAML::EndMap;
        break;
    }
    }
}

void writeProbe(YAML::Emitter &out, const char *key, const ProbeSettings &probe)
{
    out << YAML::Key << key << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "initial_delay" << YAML::Value << probe.initialDelaySec;
    out << YAML::Key << "period" << YAML::Value << probe.periodSec;
    out << YAML::Key << "timeout" << YAML::Value << probe.timeoutSec;
    out << YAML::Key << "success_threshold" << YAML::Value << probe.successThreshold;
    out << YAML::Key << "failure_threshold" << YAML::Value << probe.failureThreshold;
    out << YAML::EndMap;
}

void writeRoute(YAML::Emitter &out, const char *key, const InferenceRoute &route)
{
    out << YAML::Key << key << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "port" << YAML::Value << route.port;
    writeText(out, "path", route.path);
    out << YAML::EndMap;
}

void writeModel(YAML::Emitter &out, const ModelRef &model)
{
    if (model.kind == AssetKind::None)
        return;
    const bool inlineFields = !model.name.isEmpty() || !model.version.isEmpty()
        || !model.type.isEmpty() || !model.description.isEmpty();
    out << YAML::Key << "model" << YAML::Value;
    if (!inlineFields && model.kind != AssetKind::LocalPath) {
        out << str(model.value);
        return;
    }
    out << YAML::BeginMap;
    writeText(out, "path", model.value);
    writeText(out, "name", model.name);
    writeText(out, "version", model.version);
    writeText(out, "type", model.type);
    writeText(out, "description", model.description);
    out << YAML::EndMap;
}

void writeEnvironment(YAML::Emitter &out, const EnvironmentRef &env)
{
    if (env.kind == AssetKind::None)
        return;
    out << YAML::Key << "environment" << YAML::Value;
    if (!env.isInline()) {
        out << str(env.value);
        return;
    }
    out << YAML::BeginMap;
    writeText(out, "name", env.name);
    writeText(out, "version", env.version);
    writeText(out, "description", env.description);
    writeText(out, "image", env.image);
    writeText(out, "conda_file", env.condaFile);
    if (env.build) {
        out << YAML::Key << "build" << YAML::Value << YAML::BeginMap;
        writeText(out, "path", env.build->path);
        writeText(out, "dockerfile_path", env.build->dockerfilePath);
        out << YAML::EndMap;
    }
    if (env.inferenceConfig) {
        out << YAML::Key << "inference_config" << YAML::Value << YAML::BeginMap;
        writeRoute(out, "liveness_route", env.inferenceConfig->livenessRoute);
        writeRoute(out, "readiness_route", env.inferenceConfig->readinessRoute);
        writeRoute(out, "scoring_route", env.inferenceConfig->scoringRoute);
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

QByteArray finish(const YAML::Emitter &out)
{
    QByteArray text(out.c_str(), qsizetype(out.size()));
    text.append('\n');
    return text;
}

} // namespace

QByteArray toYaml(const Endpoint &endpoint)
{
    YAML::Emitter out;
    out << YAML::BeginMap;
    writeText(out, "name", endpoint.name);
    writeText(out, "description", endpoint.description);
    writeStringMap(out, "tags", endpoint.tags);
    out << YAML::Key << "auth_mode" << YAML::Value << str(authModeYamlName(endpoint.authMode));
    writeTraffic(out, "traffic", endpoint.traffic);
    writeTraffic(out, "mirror_traffic", endpoint.mirrorTraffic);
    writeText(out, "public_network_access", endpoint.publicNetworkAccess);
    if (endpoint.identity) {
        out << YAML::Key << "identity" << YAML::Value << YAML::BeginMap;
        writeText(out, "type", endpoint.identity->type);
        if (!endpoint.identity->userAssignedIdentities.isEmpty()) {
            out << YAML::Key << "user_assigned_identities" << YAML::Value << YAML::BeginSeq;
            for (const QString &id : endpoint.identity->userAssignedIdentities) {
                out << YAML::BeginMap << YAML::Key << "resource_id" << YAML::Value << str(id)
                    << YAML::EndMap;
            }
            out << YAML::EndSeq;
        }
        out << YAML::EndMap;
    }
    writeText(out, "compute", endpoint.compute);
    writeStringMap(out, "properties", endpoint.properties);
    // Read-only, as `show` prints them; the loader accepts and drops them.
    writeText(out, "id", endpoint.id);
    writeText(out, "location", endpoint.location);
    writeText(out, "kind", endpoint.kind);
    writeText(out, "provisioning_state", endpoint.provisioningState);
    writeText(out, "scoring_uri", endpoint.scoringUri);
    writeText(out, "openapi_uri", endpoint.swaggerUri);
    out << YAML::EndMap;
    return finish(out);
}

QByteArray toYaml(const Deployment &deployment)
{
    const Deployment &d = deployment;
    YAML::Emitter out;
    out << YAML::BeginMap;
    writeText(out, "name", d.name);
    writeText(out, "endpoint_name", d.endpointName);
    writeText(out, "description", d.description);
    writeStringMap(out, "tags", d.tags);
    writeStringMap(out, "properties", d.properties);
    writeModel(out, d.model);
    writeText(out, "model_mount_path", d.modelMountPath);
    if (d.codeConfiguration) {
        out << YAML::Key << "code_configuration" << YAML::Value << YAML::BeginMap;
        writeText(out, "code", d.codeConfiguration->code);
        writeText(out, "scoring_script", d.codeConfiguration->scoringScript);
        out << YAML::EndMap;
    }
    writeEnvironment(out, d.environment);
    writeStringMap(out, "environment_variables", d.environmentVariables);
    writeText(out, "instance_type", d.instanceType);
    out << YAML::Key << "instance_count" << YAML::Value << d.instanceCount;
    out << YAML::Key << "app_insights_enabled" << YAML::Value << d.appInsightsEnabled;
    out << YAML::Key << "scale_settings" << YAML::Value << YAML::BeginMap;
    writeText(out, "type", d.scaleSettings.type);
    out << YAML::EndMap;
    out << YAML::Key << "request_settings" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "request_timeout_ms" << YAML::Value << d.requestSettings.requestTimeoutMs;
    out << YAML::Key << "max_concurrent_requests_per_instance" << YAML::Value
        << d.requestSettings.maxConcurrentRequestsPerInstance;
    out << YAML::Key << "max_queue_wait_ms" << YAML::Value << d.requestSettings.maxQueueWaitMs;
    out << YAML::EndMap;
    writeProbe(out, "liveness_probe", d.livenessProbe);
    writeProbe(out, "readiness_probe", d.readinessProbe);
    writeText(out, "egress_public_network_access", d.egressPublicNetworkAccess);
    if (d.dataCollector) {
        out << YAML::Key << "data_collector" << YAML::Value;
        writeJson(out, *d.dataCollector);
    }
    if (!d.localCommand.isEmpty()) {
        out << YAML::Key << "local_command" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (const QString &arg : d.localCommand)
            out << str(arg);
        out << YAML::EndSeq;
    }
    writeText(out, "local_python", d.localPython);
    writeText(out, "id", d.id);
    writeText(out, "provisioning_state", d.provisioningState);
    out << YAML::EndMap;
    return finish(out);
}

} // namespace YamlSpec

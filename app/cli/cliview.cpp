#include "cliview.h"

#include "rules.h"

#include <QJsonArray>

namespace {

QJsonObject mapJson(const TrafficMap &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject stringsJson(const StringMap &map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject probeJson(const ProbeSettings &p)
{
    return QJsonObject { { QStringLiteral("failure_threshold"), p.failureThreshold },
        { QStringLiteral("initial_delay"), p.initialDelaySec },
        { QStringLiteral("period"), p.periodSec },
        { QStringLiteral("success_threshold"), p.successThreshold },
        { QStringLiteral("timeout"), p.timeoutSec } };
}

QString lowerFirstWord(const QString &text) { return text.isEmpty() ? text : text.toLower(); }

} // namespace

namespace CliView {

QJsonObject endpoint(const Endpoint &e, const QStringList &deployments)
{
    const TrafficMap mirror = e.mirrorTraffic.value_or(TrafficMap());
    QJsonObject o {
        { QStringLiteral("auth_mode"), authModeYamlName(e.authMode) },
        { QStringLiteral("id"), e.id },
        { QStringLiteral("kind"), e.kind },
        { QStringLiteral("location"), e.location },
        { QStringLiteral("mirror_traffic"), mapJson(Rules::withoutZeros(mirror)) },
        { QStringLiteral("name"), e.name },
        { QStringLiteral("openapi_uri"), e.swaggerUri },
        { QStringLiteral("properties"), stringsJson(e.properties) },
        { QStringLiteral("provisioning_state"), e.provisioningState },
        { QStringLiteral("public_network_access"), lowerFirstWord(e.publicNetworkAccess) },
        { QStringLiteral("scoring_uri"), e.scoringUri },
        { QStringLiteral("tags"), stringsJson(e.tags) },
        { QStringLiteral("traffic"),
            mapJson(
                Rules::withAllDeployments(e.traffic.value_or(TrafficMap()), mirror, deployments)) },
    };
    if (!e.description.isEmpty())
        o.insert(QStringLiteral("description"), e.description);
    if (e.identity) {
        o.insert(QStringLiteral("identity"),
            QJsonObject { { QStringLiteral("type"), e.identity->type },
                { QStringLiteral("user_assigned_identities"),
                    QJsonArray::fromStringList(e.identity->userAssignedIdentities) } });
    }
    return o;
}

QJsonObject deployment(const Deployment &d, const QJsonObject &armProperties)
{
    QJsonObject o {
        { QStringLiteral("app_insights_enabled"), d.appInsightsEnabled },
        { QStringLiteral("egress_public_network_access"),
            lowerFirstWord(d.egressPublicNetworkAccess) },
        { QStringLiteral("endpoint_name"), d.endpointName },
        { QStringLiteral("environment_variables"), stringsJson(d.environmentVariables) },
        { QStringLiteral("id"), d.id },
        { QStringLiteral("instance_count"), d.instanceCount },
        { QStringLiteral("instance_type"), d.instanceType },
        { QStringLiteral("liveness_probe"), probeJson(d.livenessProbe) },
        { QStringLiteral("name"), d.name },
        { QStringLiteral("properties"), stringsJson(d.properties) },
        { QStringLiteral("provisioning_state"), d.provisioningState },
        { QStringLiteral("readiness_probe"), probeJson(d.readinessProbe) },
        { QStringLiteral("request_settings"),
            QJsonObject { { QStringLiteral("max_concurrent_requests_per_instance"),
                              d.requestSettings.maxConcurrentRequestsPerInstance },
                { QStringLiteral("max_queue_wait_ms"), d.requestSettings.maxQueueWaitMs },
                { QStringLiteral("request_timeout_ms"), d.requestSettings.requestTimeoutMs } } },
        { QStringLiteral("scale_settings"),
            QJsonObject { { QStringLiteral("type"), d.scaleSettings.type } } },
        { QStringLiteral("tags"), stringsJson(d.tags) },
        { QStringLiteral("type"), QStringLiteral("managed") },
    };
    if (!d.description.isEmpty())
        o.insert(QStringLiteral("description"), d.description);
    if (!d.model.value.isEmpty())
        o.insert(QStringLiteral("model"), d.model.value);
    if (d.codeConfiguration) {
        o.insert(QStringLiteral("code_configuration"),
            QJsonObject { { QStringLiteral("code"), d.codeConfiguration->code },
                { QStringLiteral("scoring_script"), d.codeConfiguration->scoringScript } });
    }
    if (d.environment.isInline()) {
        QJsonObject env;
        if (!d.environment.image.isEmpty())
            env.insert(QStringLiteral("image"), d.environment.image);
        if (!d.environment.condaFile.isEmpty())
            env.insert(QStringLiteral("conda_file"), d.environment.condaFile);
        o.insert(QStringLiteral("environment"), env);
    } else if (!d.environment.value.isEmpty()) {
        o.insert(QStringLiteral("environment"), d.environment.value);
    }
    if (!d.localCommand.isEmpty())
        o.insert(QStringLiteral("local_command"), QJsonArray::fromStringList(d.localCommand));
    if (!d.localPython.isEmpty())
        o.insert(QStringLiteral("local_python"), d.localPython);
    // The host's own notes on the deployment (why it failed, dependency warnings).
    if (armProperties.contains(QStringLiteral("localError")))
        o.insert(QStringLiteral("error"), armProperties.value(QStringLiteral("localError")));
    if (armProperties.contains(QStringLiteral("localWarnings")))
        o.insert(QStringLiteral("warnings"), armProperties.value(QStringLiteral("localWarnings")));
    return o;
}

} // namespace CliView

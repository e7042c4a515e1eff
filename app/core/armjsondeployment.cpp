#include "armjson.h"
#include "armjsonsupport.h"

// OnlineDeploymentTrackedResource (managed) <-> Deployment, with the local extensions
// properties.localEnvironment, properties.localCommand and properties.localPython.

using namespace ArmJson::Detail;

namespace ArmJson {

namespace {

// ".../onlineEndpoints/{endpoint}/deployments/{deployment}" -> endpoint; "" otherwise.
QString endpointNameFromId(const QString &id)
{
    const QString marker = QStringLiteral("/onlineEndpoints/");
    const qsizetype start = id.indexOf(marker, 0, Qt::CaseInsensitive);
    if (start < 0)
        return QString();
    const qsizetype nameStart = start + marker.size();
    const qsizetype nameEnd = id.indexOf(QLatin1Char('/'), nameStart);
    if (nameEnd < 0
        || !id.mid(nameEnd).startsWith(QLatin1String("/deployments/"), Qt::CaseInsensitive))
        return QString();
    return id.mid(nameStart, nameEnd - nameStart);
}

void readRoute(ObjectReader &config, const char *key, InferenceRoute &route)
{
    if (std::optional<ObjectReader> json = config.object(key)) {
        route.port = json->int32("port").value_or(0);
        route.path = json->string("path");
    }
}

QJsonObject routeToJson(const InferenceRoute &route)
{
    return QJsonObject { { QStringLiteral("port"), route.port },
        { QStringLiteral("path"), route.path } };
}

EnvironmentRef readLocalEnvironment(ObjectReader &json)
{
    EnvironmentRef environment;
    environment.kind = AssetKind::Inline;
    environment.name = json.string("name");
    environment.version = json.string("version");
    environment.description = json.string("description");
    environment.image = json.string("image");
    environment.condaFile = json.string("condaFile");
    if (std::optional<ObjectReader> build = json.object("build"))
        environment.build = BuildContext { build->string("path"), build->string("dockerfilePath") };
    if (std::optional<ObjectReader> config = json.object("inferenceConfig")) {
        InferenceConfig routes;
        readRoute(*config, "livenessRoute", routes.livenessRoute);
        readRoute(*config, "readinessRoute", routes.readinessRoute);
        readRoute(*config, "scoringRoute", routes.scoringRoute);
        environment.inferenceConfig = routes;
    }
    return environment;
}

QJsonObject localEnvironmentToJson(const EnvironmentRef &environment)
{
    QJsonObject json;
    insertIfSet(json, "name", environment.name);
    insertIfSet(json, "version", environment.version);
    insertIfSet(json, "description", environment.description);
    insertIfSet(json, "image", environment.image);
    insertIfSet(json, "condaFile", environment.condaFile);
    if (environment.build) {
        QJsonObject build;
        insertIfSet(build, "path", environment.build->path);
        insertIfSet(build, "dockerfilePath", environment.build->dockerfilePath);
        json.insert(QStringLiteral("build"), build);
    }
    if (environment.inferenceConfig) {
        const InferenceConfig &routes = *environment.inferenceConfig;
        json.insert(QStringLiteral("inferenceConfig"),
            QJsonObject { { QStringLiteral("livenessRoute"), routeToJson(routes.livenessRoute) },
                { QStringLiteral("readinessRoute"), routeToJson(routes.readinessRoute) },
                { QStringLiteral("scoringRoute"), routeToJson(routes.scoringRoute) } });
    }
    return json;
}

// Probe durations are whole seconds in the domain, ISO durations in ARM.
void readProbe(ObjectReader &properties, const char *key, ProbeSettings &probe)
{
    std::optional<ObjectReader> json = properties.object(key);
    if (!json)
        return;
    probe.initialDelaySec = json->durationSeconds("initialDelay").value_or(probe.initialDelaySec);
    probe.periodSec = json->durationSeconds("period").value_or(probe.periodSec);
    probe.timeoutSec = json->durationSeconds("timeout").value_or(probe.timeoutSec);
    probe.successThreshold = json->int32("successThreshold").value_or(probe.successThreshold);
    probe.failureThreshold = json->int32("failureThreshold").value_or(probe.failureThreshold);
}

QJsonObject probeToJson(const ProbeSettings &probe)
{
    return QJsonObject {
        { QStringLiteral("initialDelay"), formatDurationMs(qint64(probe.initialDelaySec) * 1000) },
        { QStringLiteral("period"), formatDurationMs(qint64(probe.periodSec) * 1000) },
        { QStringLiteral("timeout"), formatDurationMs(qint64(probe.timeoutSec) * 1000) },
        { QStringLiteral("successThreshold"), probe.successThreshold },
        { QStringLiteral("failureThreshold"), probe.failureThreshold },
    };
}

void readRequestSettings(ObjectReader &properties, RequestSettings &settings)
{
    std::optional<ObjectReader> json = properties.object("requestSettings");
    if (!json)
        return;
    settings.requestTimeoutMs
        = json->durationMs("requestTimeout").value_or(settings.requestTimeoutMs);
    settings.maxConcurrentRequestsPerInstance
        = json->int32("maxConcurrentRequestsPerInstance")
              .value_or(settings.maxConcurrentRequestsPerInstance);
    settings.maxQueueWaitMs = json->durationMs("maxQueueWait").value_or(settings.maxQueueWaitMs);
}

void readProperties(ObjectReader &json, Deployment &deployment)
{
    deployment.description = json.string("description");
    deployment.properties = json.stringMap("properties");
    json.string("endpointComputeType"); // Managed here; others are kept as given

    deployment.model.value = json.string("model");
    deployment.model.kind = assetKindOf(deployment.model.value);
    deployment.modelMountPath = json.string("modelMountPath");
    if (std::optional<ObjectReader> code = json.object("codeConfiguration")) {
        CodeConfiguration configuration;
        configuration.code = code->string("codeId");
        configuration.kind = assetKindOf(configuration.code);
        configuration.scoringScript = code->string("scoringScript");
        deployment.codeConfiguration = configuration;
    }
    const QString environmentId = json.string("environmentId");
    if (std::optional<ObjectReader> inlineEnvironment = json.object("localEnvironment")) {
        deployment.environment = readLocalEnvironment(*inlineEnvironment);
    } else {
        deployment.environment.kind = assetKindOf(environmentId);
        deployment.environment.value = environmentId;
    }
    deployment.environmentVariables = json.stringMap("environmentVariables");

    deployment.instanceType = json.string("instanceType");
    deployment.appInsightsEnabled = json.boolean("appInsightsEnabled").value_or(false);
    if (std::optional<ObjectReader> scale = json.object("scaleSettings")) {
        if (scale->has("scaleType"))
            deployment.scaleSettings.type = snakeFromPascal(scale->string("scaleType"));
    }
    readRequestSettings(json, deployment.requestSettings);
    readProbe(json, "livenessProbe", deployment.livenessProbe);
    readProbe(json, "readinessProbe", deployment.readinessProbe);
    if (json.has("egressPublicNetworkAccess"))
        deployment.egressPublicNetworkAccess
            = snakeFromPascal(json.string("egressPublicNetworkAccess"));
    deployment.dataCollector = json.rawObject("dataCollector");

    deployment.localCommand = json.stringList("localCommand");
    deployment.localPython = json.string("localPython");
    deployment.provisioningState = json.string("provisioningState");
}

// What `az ml` sends for these values (plus the local extensions and, for a server's
// answer, the read-only fields).
QJsonObject canonicalDeployment(const Deployment &deployment)
{
    QJsonObject json;
    // Read-only for ARM (a request carries it in its URL; ARM ignores it in a body), but
    // written so that a resource written and read back keeps its name.
    insertIfSet(json, "id", deployment.id);
    insertIfSet(json, "name", deployment.name);
    if (!deployment.tags.isEmpty())
        json.insert(QStringLiteral("tags"), toJsonObject(deployment.tags));
    json.insert(QStringLiteral("sku"),
        QJsonObject { { QStringLiteral("name"), QStringLiteral("Default") },
            { QStringLiteral("capacity"), deployment.instanceCount } });

    QJsonObject properties { { QStringLiteral("endpointComputeType"), QStringLiteral("Managed") } };
    insertIfSet(properties, "description", deployment.description);
    if (!deployment.properties.isEmpty())
        properties.insert(QStringLiteral("properties"), toJsonObject(deployment.properties));
    insertIfSet(properties, "model", deployment.model.value);
    insertIfSet(properties, "modelMountPath", deployment.modelMountPath);
    if (deployment.codeConfiguration) {
        properties.insert(QStringLiteral("codeConfiguration"),
            QJsonObject { { QStringLiteral("codeId"), deployment.codeConfiguration->code },
                { QStringLiteral("scoringScript"), deployment.codeConfiguration->scoringScript } });
    }
    if (deployment.environment.isInline())
        properties.insert(
            QStringLiteral("localEnvironment"), localEnvironmentToJson(deployment.environment));
    else
        insertIfSet(properties, "environmentId", deployment.environment.value);
    if (!deployment.environmentVariables.isEmpty())
        properties.insert(
            QStringLiteral("environmentVariables"), toJsonObject(deployment.environmentVariables));
    insertIfSet(properties, "instanceType", deployment.instanceType);
    properties.insert(QStringLiteral("appInsightsEnabled"), deployment.appInsightsEnabled);
    properties.insert(QStringLiteral("scaleSettings"),
        QJsonObject {
            { QStringLiteral("scaleType"), pascalFromSnake(deployment.scaleSettings.type) } });
    const RequestSettings &request = deployment.requestSettings;
    properties.insert(QStringLiteral("requestSettings"),
        QJsonObject {
            { QStringLiteral("requestTimeout"), formatDurationMs(request.requestTimeoutMs) },
            { QStringLiteral("maxConcurrentRequestsPerInstance"),
                request.maxConcurrentRequestsPerInstance },
            { QStringLiteral("maxQueueWait"), formatDurationMs(request.maxQueueWaitMs) } });
    properties.insert(QStringLiteral("livenessProbe"), probeToJson(deployment.livenessProbe));
    properties.insert(QStringLiteral("readinessProbe"), probeToJson(deployment.readinessProbe));
    properties.insert(QStringLiteral("egressPublicNetworkAccess"),
        pascalFromSnake(deployment.egressPublicNetworkAccess));
    if (deployment.dataCollector)
        properties.insert(QStringLiteral("dataCollector"), *deployment.dataCollector);
    if (!deployment.localCommand.isEmpty())
        properties.insert(QStringLiteral("localCommand"), toJsonArray(deployment.localCommand));
    insertIfSet(properties, "localPython", deployment.localPython);
    insertIfSet(properties, "provisioningState", deployment.provisioningState);
    json.insert(QStringLiteral("properties"), properties);
    return json;
}

} // namespace

Result<Deployment> deploymentFromJson(const QJsonObject &json)
{
    ShapeErrors errors;
    ObjectReader top(json, QString(), &errors);
    Deployment deployment;
    deployment.sourceJson = json;
    deployment.id = top.string("id");
    deployment.name = top.string("name");
    deployment.endpointName = endpointNameFromId(deployment.id);
    top.string("type");
    top.string("location");
    top.string("kind");
    deployment.tags = top.stringMap("tags");
    top.rawObject("identity");
    top.rawObject("systemData");
    if (std::optional<ObjectReader> sku = top.object("sku")) {
        sku->string("name");
        deployment.instanceCount = sku->int32("capacity").value_or(deployment.instanceCount);
    }
    if (std::optional<ObjectReader> properties = top.object("properties"))
        readProperties(*properties, deployment);
    if (errors.failed())
        return errors.error();
    return deployment;
}

QJsonObject deploymentToJson(const Deployment &deployment)
{
    const QJsonObject now = canonicalDeployment(deployment);
    if (deployment.sourceJson.isEmpty())
        return now;
    const Result<Deployment> asRead = deploymentFromJson(deployment.sourceJson);
    if (!asRead) // a sourceJson set by hand that does not read: the typed values win
        return mergeOver(deployment.sourceJson, now);
    return applyChanges(deployment.sourceJson, canonicalDeployment(*asRead), now);
}

} // namespace ArmJson

#pragma once

// The domain of online endpoints and deployments, shared by the host, the client, the
// CLI and the app. Field names follow the Azure ML CLI v2 YAML schema; the ARM JSON form
// is in armjson.h, the YAML form in yamlspec.h, the rules in rules.h.

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

// Deployment name -> integer percentage. Ordered, so output is stable.
using TrafficMap = QMap<QString, int>;
using StringMap = QMap<QString, QString>;

enum class AuthMode
{
    Key,
    AmlToken,
    AadToken
};

// "key" | "aml_token" | "aad_token" (YAML) and "Key" | "AMLToken" | "AADToken" (ARM).
QString authModeYamlName(AuthMode mode);
QString authModeArmName(AuthMode mode);
std::optional<AuthMode> authModeFromYaml(const QString &text);
std::optional<AuthMode> authModeFromArm(const QString &text); // case-insensitive, as ARM is

// Where an asset comes from. Local paths are absolute once a YAML file has been loaded.
enum class AssetKind
{
    None, // not given
    AssetRef, // azureml:name:version or azureml:name@label
    RegistryRef, // azureml://registries/...
    ArmId, // /subscriptions/.../models/name/versions/1 (as ARM returns it)
    LocalPath, // a file or folder on this machine (local workspace only)
    Inline, // an environment given inline ({image, conda_file, ...})
};

struct ModelRef
{
    AssetKind kind = AssetKind::None;
    QString value; // the reference, or the absolute path for LocalPath
    // Inline model ({path, name, version, type, description}); empty otherwise.
    QString name;
    QString version;
    QString type;
    QString description;
};

struct CodeConfiguration
{
    AssetKind kind = AssetKind::None; // LocalPath for a folder, else a reference
    QString code; // absolute folder path or asset reference
    QString scoringScript; // relative to the code folder
};

struct InferenceRoute
{
    int port = 0;
    QString path;
};

// environment.inference_config: routes of a custom container.
struct InferenceConfig
{
    InferenceRoute livenessRoute;
    InferenceRoute readinessRoute;
    InferenceRoute scoringRoute;
};

struct BuildContext
{
    QString path; // absolute folder (local) or URL
    QString dockerfilePath; // relative to path, default "Dockerfile"
};

struct EnvironmentRef
{
    AssetKind kind = AssetKind::None; // Inline for an {image, conda_file, ...} object
    QString value; // the reference when not inline
    // Inline environment:
    QString name;
    QString version;
    QString description;
    QString image;
    QString condaFile; // absolute path
    std::optional<BuildContext> build;
    std::optional<InferenceConfig> inferenceConfig;
    bool isInline() const { return kind == AssetKind::Inline; }
};

struct RequestSettings
{
    int requestTimeoutMs = 5000;
    int maxConcurrentRequestsPerInstance = 1;
    int maxQueueWaitMs = 500;
};

struct ProbeSettings
{
    int initialDelaySec = 10;
    int periodSec = 10;
    int timeoutSec = 2;
    int successThreshold = 1;
    int failureThreshold = 30;
};

struct ScaleSettings
{
    QString type = QStringLiteral("default"); // managed endpoints support only "default"
};

struct Identity
{
    QString type; // system_assigned | user_assigned (YAML); SystemAssigned | UserAssigned (ARM)
    QStringList userAssignedIdentities; // ARM ids
};

struct Endpoint
{
    // Settable
    QString name;
    QString description;
    StringMap tags;
    AuthMode authMode = AuthMode::Key;
    std::optional<TrafficMap> traffic; // absent: keep what the endpoint has
    std::optional<TrafficMap> mirrorTraffic;
    QString publicNetworkAccess = QStringLiteral("enabled"); // enabled | disabled
    std::optional<Identity> identity;
    QString compute; // Kubernetes only; must be empty for managed endpoints
    StringMap properties;

    // Read-only, filled by the server
    QString id;
    QString location;
    QString kind;
    QString scoringUri;
    QString swaggerUri;
    QString provisioningState; // Creating | Updating | Deleting | Succeeded | Failed | Canceled

    // The ARM JSON this was read from (empty when built from YAML): unknown fields and the
    // exact spelling of unchanged values are written back from it, so mapping is lossless.
    QJsonObject sourceJson;
};

struct Deployment
{
    QString name;
    QString endpointName;
    QString description;
    StringMap tags;
    StringMap properties;
    ModelRef model;
    QString modelMountPath;
    std::optional<CodeConfiguration> codeConfiguration;
    EnvironmentRef environment;
    StringMap environmentVariables;
    QString instanceType;
    int instanceCount = 1;
    bool appInsightsEnabled = false;
    ScaleSettings scaleSettings;
    RequestSettings requestSettings;
    ProbeSettings livenessProbe;
    ProbeSettings readinessProbe;
    QString egressPublicNetworkAccess = QStringLiteral("enabled"); // enabled | disabled
    std::optional<QJsonObject>
        dataCollector; // kept as given (sampling_rate, rolling_rate, collections)

    // Local workspace extensions (refused by Azure workspaces)
    QStringList localCommand; // program and arguments of an HTTP server serving the model
    QString localPython; // interpreter for a score.py deployment

    // Read-only, filled by the server
    QString id;
    QString provisioningState; // Creating | Updating | Scaling | Deleting | Succeeded | Failed |
                               // Canceled

    QJsonObject sourceJson; // as Endpoint::sourceJson
};

struct EndpointKeys
{
    QString primaryKey;
    QString secondaryKey;
};

struct AccessToken
{
    QString accessToken;
    QString tokenType;
    qint64 expiryTimeUtc = 0; // seconds since the epoch
    qint64 refreshAfterTimeUtc = 0;
};

// Status of a long-running operation (Azure-AsyncOperation resource).
struct OperationStatus
{
    QString id;
    QString name;
    QString status; // InProgress | Succeeded | Failed | Canceled
    QString startTime; // ISO-8601
    QString endTime;
    QString errorCode; // when Failed
    QString errorMessage;
    bool isTerminal() const { return status != QLatin1String("InProgress"); }
};

// Local extension: one traffic or mirror change of an endpoint (GET .../history).
struct TrafficChange
{
    QString time; // ISO-8601, UTC
    QString client; // "rolloutctl", "rolloutdesk", ...
    TrafficMap trafficBefore;
    TrafficMap trafficAfter;
    TrafficMap mirrorBefore;
    TrafficMap mirrorAfter;
};

// Local extension: one second of one deployment's traffic (GET .../metrics?since=CURSOR).
struct MetricsBucket
{
    qint64 t = 0; // epoch seconds
    QString deployment;
    qint64 requests = 0;
    qint64 mirrored = 0;
    qint64 status2xx = 0;
    qint64 status4xx = 0;
    qint64 status5xx = 0;
    double p50Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
};

struct MetricsPage
{
    qint64 cursor = 0;
    QList<MetricsBucket> buckets;
};

#pragma once

// JSON documents tst_armjson maps in and back out, so the mapping is tested without
// ../shared too. They carry fields the mapping does not know at several levels (they must
// come back unchanged), nulls, and spellings other than the canonical ones.

#include "domain.h"

#include <QByteArray>

namespace ArmJsonFixtures {

// An endpoint as a server answers it, with unknown fields at the top, in properties, in
// identity and in sku; authMode in another case, a null description and keys.
inline const QByteArray EndpointJson = R"({
  "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.MachineLearningServices/workspaces/local/onlineEndpoints/my-endpoint",
  "name": "my-endpoint",
  "type": "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
  "location": "local",
  "etag": "\"0x8DC\"",
  "tags": {"team": "fraud", "stage": "test"},
  "identity": {"type": "SystemAssigned", "principalId": "p-1", "tenantId": "t-1", "futureIdentityField": [1, 2]},
  "sku": {"name": "Default", "capacity": 1},
  "properties": {
    "authMode": "key",
    "description": null,
    "keys": null,
    "properties": {"azureml.note": "x"},
    "traffic": {"blue": 100, "green": 0},
    "mirrorTraffic": {"green": 20},
    "publicNetworkAccess": "Disabled",
    "scoringUri": "http://127.0.0.1:40123/score",
    "swaggerUri": null,
    "provisioningState": "Succeeded",
    "futureSetting": {"nested": {"deep": true}}
  },
  "systemData": {"createdAt": "2025-01-01T00:00:00Z", "createdBy": "me"}
})";

// A managed deployment with every field the domain knows, the local extensions and unknown
// fields inside sku, requestSettings, a probe, the inline environment and properties.
inline const QByteArray DeploymentJson = R"({
  "id": "/subscriptions/0/resourceGroups/local/providers/Microsoft.MachineLearningServices/workspaces/local/onlineEndpoints/my-endpoint/deployments/blue",
  "name": "blue",
  "location": "local",
  "tags": {"version": "1"},
  "sku": {"name": "string", "tier": "Standard", "capacity": 2},
  "properties": {
    "endpointComputeType": "Managed",
    "description": "the blue one",
    "properties": {"k": "v"},
    "model": "/home/me/models/model.pkl",
    "modelMountPath": "/var/azureml-app/model",
    "codeConfiguration": {"codeId": "/home/me/src", "scoringScript": "score.py", "futureCode": 1},
    "environmentId": "azureml:sklearn-env:3",
    "environmentVariables": {"WORKER_COUNT": "2", "MODE": "fast"},
    "instanceType": "Standard_DS3_v2",
    "appInsightsEnabled": true,
    "scaleSettings": {"scaleType": "Default"},
    "requestSettings": {"requestTimeout": "PT1M", "maxConcurrentRequestsPerInstance": 2, "maxQueueWait": "PT0.5S", "futureRequest": "x"},
    "livenessProbe": {"initialDelay": "PT10S", "period": "PT10S", "timeout": "PT2S", "successThreshold": 1, "failureThreshold": 30, "futureProbe": null},
    "readinessProbe": {"initialDelay": "PT1S", "period": "PT5S", "timeout": "PT2S", "successThreshold": 1, "failureThreshold": 3},
    "startupProbe": {"initialDelay": "PT30S"},
    "egressPublicNetworkAccess": "Enabled",
    "dataCollector": {"samplingRate": 1.0, "rollingRate": "Hour", "collections": {"model_inputs": {"enabled": "true"}}},
    "localPython": "/usr/bin/python3",
    "provisioningState": "Succeeded",
    "futureTopLevelProperty": [{"a": 1}]
  },
  "futureEnvelopeField": 7
})";

// A deployment with an inline environment and a command line (local extensions).
inline const QByteArray LocalDeploymentJson = R"({
  "sku": {"capacity": 1},
  "properties": {
    "endpointComputeType": "Managed",
    "model": "azureml://registries/azureml/models/demo/versions/1",
    "localEnvironment": {
      "name": "inline-env",
      "image": "mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest",
      "condaFile": "/home/me/env/conda.yml",
      "build": {"path": "/home/me/env", "dockerfilePath": "Dockerfile", "futureBuild": 1},
      "inferenceConfig": {
        "livenessRoute": {"port": 5001, "path": "/live"},
        "readinessRoute": {"port": 5001, "path": "/ready"},
        "scoringRoute": {"port": 5001, "path": "/score"}
      },
      "futureEnvironment": "x"
    },
    "localCommand": ["/usr/bin/python3", "-m", "server", "--port", "5001"],
    "requestSettings": null,
    "livenessProbe": {"period": "PT0.5S"}
  }
})";

inline const QByteArray KubernetesDeploymentJson = R"({
  "properties": {
    "endpointComputeType": "Kubernetes",
    "containerResourceRequirements": {"containerResourceLimits": {"cpu": "\"1\""}},
    "environmentId": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/environments/env/versions/1",
    "scaleSettings": {"scaleType": "TargetUtilization", "minInstances": 1}
  }
})";

inline const QByteArray EndpointPatchJson
    = R"({"tags": {"a": "b"}, "identity": {"type": "UserAssigned", "userAssignedIdentities": {"/subscriptions/0/id1": {}}}})";
inline const QByteArray DeploymentPatchJson = R"({"sku": {"capacity": 3}})";
inline const QByteArray EndpointNullTrafficJson
    = R"({"properties": {"authMode": "AMLToken", "traffic": null, "mirrorTraffic": {}}})";

inline const QByteArray KeysJson = R"({"primaryKey": "k1", "secondaryKey": "k2"})";
inline const QByteArray TokenJson
    = R"({"accessToken": "eyJ", "tokenType": "Bearer", "expiryTimeUtc": 1767225600, "refreshAfterTimeUtc": 1767222000})";
inline const QByteArray LogsRequestJson = R"({"containerType": "InferenceServer", "tail": 200})";
inline const QByteArray LogsJson = R"({"content": "line 1\nline 2\n"})";
inline const QByteArray RegenerateKeysJson = R"({"keyType": "Secondary", "keyValue": "new-key"})";
inline const QByteArray OperationJson
    = R"({"id": "op-1", "name": "op-1", "status": "Failed", "startTime": "2025-01-01T00:00:00Z", "endTime": "2025-01-01T00:00:05Z", "error": {"code": "DeploymentFailed", "message": "init() raised: see the logs"}})";
inline const QByteArray ErrorEnvelopeJson
    = R"({"error": {"code": "BadArgument", "message": "Bad traffic.", "target": "properties.traffic", "details": [{"code": "TrafficSum", "message": "Traffic values need to sum to 100."}], "additionalInfo": [{"type": "PolicyViolation", "info": {"policy": "x"}}]}})";
inline const QByteArray PageJson
    = R"({"value": [{"any": 1}, 2, "three"], "nextLink": "http://127.0.0.1:1/next?$skipToken=2"})";

inline const QByteArray MetricsJson = R"({"cursor": 1735689605, "buckets": [
  {"t": 1735689600, "deployment": "blue", "requests": 120, "mirrored": 0, "status": {"2xx": 118, "4xx": 1, "5xx": 1}, "latency_ms": {"p50": 12.5, "p95": 40.25, "p99": 88}, "bytes_in": 24000, "bytes_out": 3600},
  {"t": 1735689600, "deployment": "green", "requests": 0, "mirrored": 24, "status": {"2xx": 24, "4xx": 0, "5xx": 0}, "latency_ms": {"p50": 15, "p95": 20, "p99": 21.75}, "bytes_in": 4800, "bytes_out": 720}
]})";

inline const QByteArray HistoryJson = R"({"value": [
  {"time": "2025-01-01T10:00:05Z", "client": "rolloutctl", "traffic": {"before": {"blue": 100, "green": 0}, "after": {"blue": 90, "green": 10}}, "mirrorTraffic": {"before": {"green": 20}, "after": {}}},
  {"time": "2025-01-01T09:00:00Z", "client": "rolloutdesk", "traffic": {"before": {"blue": 100}, "after": {"blue": 100}}, "mirrorTraffic": {"before": {}, "after": {"green": 20}}}
]})";

// Resources as the YAML loader builds them ("deployment defaults", "deployment local",
// "endpoint key", "endpoint full"): no sourceJson, so they are written as `az ml` sends them.
inline Deployment yamlDeployment(const QString &which)
{
    Deployment d; // every other field keeps the YAML schema's default
    d.name = QStringLiteral("blue");
    d.endpointName = QStringLiteral("my-endpoint");
    d.instanceType = QStringLiteral("Standard_DS3_v2");
    if (which == QLatin1String("deployment defaults")) {
        d.model = ModelRef { AssetKind::LocalPath,
            QStringLiteral("/home/me/model/sklearn_regression_model.pkl"), {}, {}, {}, {} };
        d.codeConfiguration = CodeConfiguration { AssetKind::LocalPath,
            QStringLiteral("/home/me/onlinescoring"), QStringLiteral("score.py") };
        d.environment.kind = AssetKind::AssetRef;
        d.environment.value = QStringLiteral("azureml:AzureML-sklearn-1.0-ubuntu20.04-py38-cpu:1");
    } else {
        d.description = QStringLiteral("local server");
        d.tags.insert(QStringLiteral("stage"), QStringLiteral("canary"));
        d.model
            = ModelRef { AssetKind::AssetRef, QStringLiteral("azureml:fraud:3"), {}, {}, {}, {} };
        d.environment.kind = AssetKind::Inline;
        d.environment.image = QStringLiteral("python:3.11-slim");
        d.environment.condaFile = QStringLiteral("/home/me/env/conda.yml");
        d.environment.build
            = BuildContext { QStringLiteral("/home/me/env"), QStringLiteral("Dockerfile") };
        d.environment.inferenceConfig = InferenceConfig { { 8080, QStringLiteral("/live") },
            { 8080, QStringLiteral("/ready") }, { 8080, QStringLiteral("/score") } };
        d.environmentVariables.insert(QStringLiteral("WORKER_COUNT"), QStringLiteral("2"));
        d.localCommand
            = QStringList { QStringLiteral("/usr/bin/python3"), QStringLiteral("server.py") };
        d.localPython = QStringLiteral("/usr/bin/python3");
        d.instanceCount = 3;
        d.appInsightsEnabled = true;
        d.requestSettings.requestTimeoutMs = 90000;
        d.requestSettings.maxConcurrentRequestsPerInstance = 4;
        d.readinessProbe.periodSec = 5;
        d.egressPublicNetworkAccess = QStringLiteral("disabled");
        d.dataCollector = QJsonObject { { QStringLiteral("samplingRate"), 0.5 } };
    }
    return d;
}

inline Endpoint yamlEndpoint(const QString &which)
{
    Endpoint e;
    e.name = QStringLiteral("my-endpoint");
    if (which == QLatin1String("endpoint full")) {
        e.authMode = AuthMode::AmlToken;
        e.description = QStringLiteral("fraud scoring");
        e.tags.insert(QStringLiteral("team"), QStringLiteral("fraud"));
        e.traffic = TrafficMap { { QStringLiteral("blue"), 100 } };
        e.mirrorTraffic = TrafficMap { { QStringLiteral("green"), 20 } };
        e.identity = Identity { QStringLiteral("system_assigned"), {} };
        e.publicNetworkAccess = QStringLiteral("disabled");
    }
    return e;
}

} // namespace ArmJsonFixtures

#pragma once

// The REST contract's JSON form: domain <-> Azure ML ARM JSON (DESIGN.md §3). Mapping is
// lossless and checks shapes only: unknown fields are kept (in sourceJson) and written back,
// placeholder values are allowed, and the rules of rules.h are applied elsewhere.

#include "domain.h"
#include "result.h"

#include <QJsonArray>
#include <QJsonObject>

namespace ArmJson {

// ISO-8601 durations as ARM uses them: "PT5S", "PT0.5S", "PT1M30S", "P1DT2H".
Result<qint64> parseDurationMs(const QString &iso);
QString formatDurationMs(qint64 ms);

Result<Endpoint> endpointFromJson(const QJsonObject &json);
// Writes sourceJson back with every field that changed since it was read; a resource
// built from YAML (empty sourceJson) is written as `az ml` sends it.
QJsonObject endpointToJson(const Endpoint &endpoint);

Result<Deployment> deploymentFromJson(const QJsonObject &json);
QJsonObject deploymentToJson(const Deployment &deployment);

Result<EndpointKeys> keysFromJson(const QJsonObject &json);
QJsonObject keysToJson(const EndpointKeys &keys);

Result<AccessToken> tokenFromJson(const QJsonObject &json);
QJsonObject tokenToJson(const AccessToken &token);

// getLogs: request {"containerType", "tail"} and answer {"content"}.
struct LogsRequest
{
    QString containerType = QStringLiteral("InferenceServer");
    std::optional<int> tail;
};
Result<LogsRequest> logsRequestFromJson(const QJsonObject &json);
QJsonObject logsRequestToJson(const LogsRequest &request);
Result<QString> logsFromJson(const QJsonObject &json);
QJsonObject logsToJson(const QString &content);

// regenerateKeys body {"keyType": "Primary" | "Secondary", "keyValue": string|null}
struct RegenerateKeysRequest
{
    QString keyType; // Primary | Secondary
    QString keyValue;
};
Result<RegenerateKeysRequest> regenerateKeysRequestFromJson(const QJsonObject &json);
QJsonObject regenerateKeysRequestToJson(const RegenerateKeysRequest &request);

Result<OperationStatus> operationStatusFromJson(const QJsonObject &json);
QJsonObject operationStatusToJson(const OperationStatus &status);

// The ARM error envelope {"error": {"code", "message", "target", "details", ...}}.
// (Result<Error> cannot exist: its value and error constructors would be the same, so the
// envelope comes as an ErrorResponse.)
struct ErrorResponse
{
    Error error; // code, message, target
    QJsonArray details; // [{code, message, target, details, additionalInfo}], as given
    QJsonArray additionalInfo; // [{type, info}], as given
    // The error with the details' messages appended: Azure often puts the real reason there.
    Error withDetails() const;
};
Result<ErrorResponse> errorFromJson(const QJsonObject &json);
QJsonObject errorToJson(const Error &error);
QJsonObject errorToJson(const ErrorResponse &response);

// List pages {"value": [...], "nextLink": "..."}.
struct Page
{
    QJsonArray value;
    QString nextLink;
};
Result<Page> pageFromJson(const QJsonObject &json);
QJsonObject pageToJson(const Page &page);

} // namespace ArmJson

// Local extensions of the contract.
namespace ArmJson {
Result<QList<TrafficChange>> historyFromJson(const QJsonObject &json); // {"value": [...]}
QJsonObject historyToJson(const QList<TrafficChange> &changes);
Result<MetricsPage> metricsFromJson(const QJsonObject &json);
QJsonObject metricsToJson(const MetricsPage &page);
} // namespace ArmJson

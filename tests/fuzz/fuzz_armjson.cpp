// libFuzzer target: the control API's JSON mapping (app/core armjson*), the code that
// reads every request body rolloutd receives. Each input is read as every kind of the
// contract. Besides never crashing: what is read must be written back as JSON that reads
// again (the mapping is lossless) and writes the same the second time.

#include "armjson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace ArmJson;

namespace {

template<typename T, typename FromJson, typename ToJson>
void roundTrip(const QJsonObject &json, FromJson fromJson, ToJson toJson)
{
    const Result<T> read = fromJson(json);
    if (!read) {
        if (read.error().message.isEmpty())
            std::abort(); // every refusal must say what is wrong
        return;
    }
    const QJsonObject written = toJson(read.value());
    const Result<T> again = fromJson(written);
    if (!again || toJson(again.value()) != written)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    if (!document.isObject()) {
        // Not JSON: the input still makes a fine ISO-8601 duration candidate.
        const Result<qint64> ms = parseDurationMs(QString::fromUtf8(bytes));
        if (ms && *ms > -9000000000000000000LL && *ms < 9000000000000000000LL) {
            const Result<qint64> again = parseDurationMs(formatDurationMs(ms.value()));
            if (!again || again.value() != ms.value())
                std::abort();
        }
        return 0;
    }
    const QJsonObject json = document.object();
    roundTrip<Endpoint>(json, endpointFromJson, endpointToJson);
    roundTrip<Deployment>(json, deploymentFromJson, deploymentToJson);
    roundTrip<EndpointKeys>(json, keysFromJson, keysToJson);
    roundTrip<AccessToken>(json, tokenFromJson, tokenToJson);
    roundTrip<LogsRequest>(json, logsRequestFromJson, logsRequestToJson);
    roundTrip<QString>(json, logsFromJson, logsToJson);
    roundTrip<RegenerateKeysRequest>(
        json, regenerateKeysRequestFromJson, regenerateKeysRequestToJson);
    roundTrip<OperationStatus>(json, operationStatusFromJson, operationStatusToJson);
    roundTrip<ErrorResponse>(
        json, errorFromJson, [](const ErrorResponse &r) { return errorToJson(r); });
    roundTrip<Page>(json, pageFromJson, pageToJson);
    roundTrip<QList<TrafficChange>>(json, historyFromJson, historyToJson);
    roundTrip<MetricsPage>(json, metricsFromJson, metricsToJson);
    return 0;
}

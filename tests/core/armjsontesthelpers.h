#pragma once

// What the ArmJson tests share: parsing fixtures, comparing JSON with a readable message, and
// reading a document as one kind of the contract and writing it back.

#include "armjson.h"

#include <QJsonDocument>
#include <QTest>

namespace ArmJsonTest {

using namespace ArmJson;

inline QJsonObject parse(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("fixture does not parse: %s", qPrintable(error.errorString()));
    return document.object();
}

inline QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline QString jsonMismatch(const QJsonObject &actual, const QJsonObject &expected)
{
    return QStringLiteral("\n actual:   %1\n expected: %2")
        .arg(QString::fromUtf8(compact(actual)), QString::fromUtf8(compact(expected)));
}

#define RD_COMPARE_JSON(actual, expected)                                                          \
    QVERIFY2((actual) == (expected), qPrintable(ArmJsonTest::jsonMismatch((actual), (expected))))

template<typename T, typename ToJson>
Result<QJsonObject> written(const Result<T> &read, ToJson toJson)
{
    if (!read)
        return read.error();
    return toJson(read.value());
}

template<typename FromJson, typename ToJson>
Result<QJsonObject> pageOf(const QJsonObject &json, FromJson fromJson, ToJson toJson)
{
    const Result<Page> page = pageFromJson(json);
    if (!page)
        return page.error();
    Page out = page.value();
    out.value = QJsonArray();
    for (const QJsonValue &item : page->value) {
        const auto resource = fromJson(item.toObject());
        if (!resource)
            return resource.error();
        out.value.append(toJson(resource.value()));
    }
    return pageToJson(out);
}

// Reads `json` as `kind` and writes it back.
inline Result<QJsonObject> roundTrip(const QString &kind, const QJsonObject &json)
{
    if (kind == QLatin1String("endpoint"))
        return written(endpointFromJson(json), endpointToJson);
    if (kind == QLatin1String("deployment"))
        return written(deploymentFromJson(json), deploymentToJson);
    if (kind == QLatin1String("endpointPage"))
        return pageOf(json, endpointFromJson, endpointToJson);
    if (kind == QLatin1String("deploymentPage"))
        return pageOf(json, deploymentFromJson, deploymentToJson);
    if (kind == QLatin1String("page"))
        return written(pageFromJson(json), pageToJson);
    if (kind == QLatin1String("keys"))
        return written(keysFromJson(json), keysToJson);
    if (kind == QLatin1String("token"))
        return written(tokenFromJson(json), tokenToJson);
    if (kind == QLatin1String("logsRequest"))
        return written(logsRequestFromJson(json), logsRequestToJson);
    if (kind == QLatin1String("logs"))
        return written(logsFromJson(json), logsToJson);
    if (kind == QLatin1String("regenerateKeys"))
        return written(regenerateKeysRequestFromJson(json), regenerateKeysRequestToJson);
    if (kind == QLatin1String("operation"))
        return written(operationStatusFromJson(json), operationStatusToJson);
    if (kind == QLatin1String("error"))
        return written(errorFromJson(json), [](const ErrorResponse &r) { return errorToJson(r); });
    if (kind == QLatin1String("metrics"))
        return written(metricsFromJson(json), metricsToJson);
    if (kind == QLatin1String("history"))
        return written(historyFromJson(json), historyToJson);
    return Error::validation(kind, QStringLiteral("the test knows no kind %1").arg(kind));
}

} // namespace ArmJsonTest

#include "armjson.h"

#include "armjsonsupport.h"

#include <cmath>
#include <cstdlib>

// Durations and the small resources of the contract; endpoints, deployments and the local
// extensions have their own armjson*.cpp files.

using namespace ArmJson::Detail;

namespace ArmJson {

namespace {

struct DurationUnit
{
    QChar letter;
    bool timePart; // after the T
    double ms;
};

// In the order ISO-8601 requires them. Years and months are left out: they have no fixed
// length, and no ARM duration of this API uses them.
constexpr int MaxDurationDays = 100000;

const DurationUnit Units[] = {
    { QLatin1Char('W'), false, 7 * 86400000.0 },
    { QLatin1Char('D'), false, 86400000.0 },
    { QLatin1Char('H'), true, 3600000.0 },
    { QLatin1Char('M'), true, 60000.0 },
    { QLatin1Char('S'), true, 1000.0 },
};

} // namespace

Result<qint64> parseDurationMs(const QString &iso)
{
    const auto bad = [&iso](const QString &why) {
        return Error::validation(QString(),
            QStringLiteral("\"%1\" is not an ISO-8601 duration (%2): write it like PT5S "
                           "(5 seconds), PT0.5S, PT1M30S or P1DT2H.")
                .arg(iso, why));
    };
    const qsizetype size = iso.size();
    qsizetype i = 0;
    const bool negative = size > 0 && iso.at(0) == QLatin1Char('-');
    if (negative)
        ++i;
    if (i >= size || iso.at(i) != QLatin1Char('P'))
        return bad(QStringLiteral("it must start with P"));
    ++i;
    bool timePart = false;
    int components = 0;
    int nextUnit = 0; // units must come in order, each at most once
    double totalMs = 0;
    while (i < size) {
        if (iso.at(i) == QLatin1Char('T')) {
            if (timePart)
                return bad(QStringLiteral("T appears twice"));
            timePart = true;
            if (++i >= size)
                return bad(QStringLiteral("nothing follows T"));
            continue;
        }
        const qsizetype start = i;
        while (i < size
            && (iso.at(i).isDigit() || iso.at(i) == QLatin1Char('.')
                || iso.at(i) == QLatin1Char(',')))
            ++i;
        if (i == start)
            return bad(QStringLiteral("a number is expected at position %1").arg(start + 1));
        QString number = iso.mid(start, i - start);
        number.replace(QLatin1Char(','), QLatin1Char('.'));
        bool ok = false;
        const double value = number.toDouble(&ok);
        if (!ok)
            return bad(QStringLiteral("\"%1\" is not a number").arg(number));
        if (i >= size)
            return bad(QStringLiteral("the number %1 has no unit").arg(number));
        const QChar letter = iso.at(i++);
        if (!timePart && (letter == QLatin1Char('Y') || letter == QLatin1Char('M')))
            return bad(QStringLiteral("years and months have no fixed length; use days"));
        int unit = nextUnit;
        while (unit < int(std::size(Units))
            && (Units[unit].letter != letter || Units[unit].timePart != timePart))
            ++unit;
        if (unit == int(std::size(Units)))
            return bad(QStringLiteral("unit %1 is unknown or out of order here").arg(letter));
        nextUnit = unit + 1;
        totalMs += value * Units[unit].ms;
        ++components;
    }
    if (components == 0)
        return bad(QStringLiteral("it has no number"));
    // Past 100 000 days a double no longer holds every millisecond, so the duration would
    // not read back as written; no timeout or probe needs anything near that.
    if (totalMs > MaxDurationDays * 86400000.0)
        return bad(QStringLiteral("it is longer than %1 days").arg(MaxDurationDays));
    const qint64 ms = std::llround(totalMs);
    return negative ? -ms : ms;
}

QString formatDurationMs(qint64 ms)
{
    if (ms == 0)
        return QStringLiteral("PT0S");
    QString text = ms < 0 ? QStringLiteral("-P") : QStringLiteral("P");
    qint64 rest = std::llabs(ms);
    const qint64 days = rest / 86400000;
    rest %= 86400000;
    if (days > 0)
        text += QString::number(days) + QLatin1Char('D');
    if (rest == 0)
        return text;
    text += QLatin1Char('T');
    const qint64 hours = rest / 3600000;
    const qint64 minutes = rest % 3600000 / 60000;
    const qint64 millis = rest % 60000;
    if (hours > 0)
        text += QString::number(hours) + QLatin1Char('H');
    if (minutes > 0)
        text += QString::number(minutes) + QLatin1Char('M');
    if (millis > 0) {
        text += QString::number(millis / 1000);
        if (millis % 1000 != 0) {
            QString fraction = QStringLiteral("%1").arg(millis % 1000, 3, 10, QLatin1Char('0'));
            while (fraction.endsWith(QLatin1Char('0')))
                fraction.chop(1);
            text += QLatin1Char('.') + fraction;
        }
        text += QLatin1Char('S');
    }
    return text;
}

Result<EndpointKeys> keysFromJson(const QJsonObject &json)
{
    ShapeErrors errors;
    ObjectReader reader(json, QString(), &errors);
    EndpointKeys keys;
    keys.primaryKey = reader.string("primaryKey");
    keys.secondaryKey = reader.string("secondaryKey");
    if (errors.failed())
        return errors.error();
    return keys;
}

QJsonObject keysToJson(const EndpointKeys &keys)
{
    return QJsonObject { { QStringLiteral("primaryKey"), keys.primaryKey },
        { QStringLiteral("secondaryKey"), keys.secondaryKey } };
}

Result<AccessToken> tokenFromJson(const QJsonObject &json)
{
    ShapeErrors errors;
    ObjectReader reader(json, QString(), &errors);
    AccessToken token;
    token.accessToken = reader.string("accessToken");
    token.tokenType = reader.string("tokenType");
    token.expiryTimeUtc = reader.integer("expiryTimeUtc").value_or(0);
    token.refreshAfterTimeUtc = reader.integer("refreshAfterTimeUtc").value_or(0);
    if (errors.failed())
        return errors.error();
    return token;
}

QJsonObject tokenToJson(const AccessToken &token)
{
    return QJsonObject { { QStringLiteral("accessToken"), token.accessToken },
        { QStringLiteral("tokenType"), token.tokenType },
        { QStringLiteral("expiryTimeUtc"), token.expiryTimeUtc },
        { QStringLiteral("refreshAfterTimeUtc"), token.refreshAfterTimeUtc } };
}

Result<LogsRequest> logsRequestFromJson(const QJsonObject &json)
{
    ShapeErrors errors;
    ObjectReader reader(json, QString(), &errors);
    LogsRequest request;
    if (reader.has("containerType"))
        request.containerType = reader.string("containerType");
    request.tail = reader.int32("tail");
    if (errors.failed())
        return errors.error();
    return request;
}

QJsonObject logsRequestToJson(const LogsRequest &request)
{
    QJsonObject json { { QStringLiteral("containerType"), request.containerType } };
    if (request.tail)
        json.insert(QStringLiteral("tail"), *request.tail);
    return json;
}

Result<QString> logsFromJson(const QJsonObject &json)
{
    ShapeErrors errors;
    ObjectReader reader(json, QString(), &errors);
    const QString content = reader.string("content");
    if (errors.failed())
        return errors.error();
    return content;
}

QJsonObject logsToJson(const QString &content)
{
    return QJsonObject { { QStringLiteral("content"), content } };
}

Result<RegenerateKeysRequest> regenerateKeysRequestFromJson(const QJsonObject &json)
{
    ShapeErrors errors;
    ObjectReader reader(json, QString(), &errors);
    RegenerateKeysRequest request;
    request.keyType = reader.string("keyType");
    request.keyValue = reader.string("keyValue");
    if (errors.failed())
        return errors.error();
    if (request.keyType.compare(QLatin1String("Primary"), Qt::CaseInsensitive) != 0
        && request.keyType.compare(QLatin1String("Secondary"), Qt::CaseInsensitive) != 0) {
        return Error::validation(QStringLiteral("keyType"),
            QStringLiteral("keyType must be \"Primary\" or \"Secondary\", but it is \"%1\": "
                           "say which key to regenerate.")
                .arg(request.keyType));
    }
    return request;
}

QJsonObject regenerateKeysRequestToJson(const RegenerateKeysRequest &request)
{
    QJsonObject json { { QStringLiteral("keyType"), request.keyType } };
    if (!request.keyValue.isEmpty())
        json.insert(QStringLiteral("keyValue"), request.keyValue);
    return json;
}

Result<OperationStatus> operationStatusFromJson(const QJsonObject &json)
{
    ShapeErrors errors;
    ObjectReader reader(json, QString(), &errors);
    OperationStatus status;
    status.id = reader.string("id");
    status.name = reader.string("name");
    status.status = reader.string("status");
    status.startTime = reader.string("startTime");
    status.endTime = reader.string("endTime");
    if (std::optional<ObjectReader> error = reader.object("error")) {
        status.errorCode = error->string("code");
        status.errorMessage = error->string("message");
    }
    if (errors.failed())
        return errors.error();
    if (status.status.isEmpty()) {
        return Error::validation(QStringLiteral("status"),
            QStringLiteral("status is missing: an operation status says "
                           "InProgress, Succeeded, Failed or Canceled."));
    }
    return status;
}

QJsonObject operationStatusToJson(const OperationStatus &status)
{
    QJsonObject json { { QStringLiteral("status"), status.status } };
    const auto insertSet = [&json](const QString &key, const QString &value) {
        if (!value.isEmpty())
            json.insert(key, value);
    };
    insertSet(QStringLiteral("id"), status.id);
    insertSet(QStringLiteral("name"), status.name);
    insertSet(QStringLiteral("startTime"), status.startTime);
    insertSet(QStringLiteral("endTime"), status.endTime);
    if (!status.errorCode.isEmpty() || !status.errorMessage.isEmpty()) {
        json.insert(QStringLiteral("error"),
            QJsonObject { { QStringLiteral("code"), status.errorCode },
                { QStringLiteral("message"), status.errorMessage } });
    }
    return json;
}

Error ErrorResponse::withDetails() const
{
    QStringList texts;
    for (const QJsonValue &detail : details) {
        const QString code = detail.toObject().value(QLatin1String("code")).toString();
        const QString message = detail.toObject().value(QLatin1String("message")).toString();
        if (!message.isEmpty())
            texts.append(code.isEmpty() ? message : code + QStringLiteral(": ") + message);
    }
    Error result = error;
    if (!texts.isEmpty()) {
        result.message += (result.message.isEmpty() ? QString() : QStringLiteral(" "))
            + QStringLiteral("Details: ") + texts.join(QStringLiteral("; "));
    }
    return result;
}

Result<ErrorResponse> errorFromJson(const QJsonObject &json)
{
    ShapeErrors errors;
    ObjectReader reader(json, QString(), &errors);
    std::optional<ObjectReader> body = reader.object("error");
    if (errors.failed())
        return errors.error();
    if (!body) {
        return Error::validation(QStringLiteral("error"),
            QStringLiteral("error is missing: an ARM error answer is "
                           "{\"error\": {\"code\": ..., \"message\": ...}}."));
    }
    ErrorResponse response;
    response.error.code = body->string("code");
    response.error.message = body->string("message");
    response.error.target = body->string("target");
    response.details = body->array("details").value_or(QJsonArray());
    response.additionalInfo = body->array("additionalInfo").value_or(QJsonArray());
    for (qsizetype i = 0; i < response.details.size() && !errors.failed(); ++i) {
        const QJsonValue detail = response.details.at(i);
        const QString path = body->pathOf("details") + QStringLiteral("[%1]").arg(i);
        if (!detail.isObject()) {
            errors.wrongType(path, QStringLiteral("an object"), detail,
                QStringLiteral("write {\"code\": ..., \"message\": ...}"));
            continue;
        }
        ObjectReader item(detail.toObject(), path, &errors);
        item.string("code");
        item.string("message");
        item.string("target");
    }
    if (errors.failed())
        return errors.error();
    return response;
}

QJsonObject errorToJson(const Error &error)
{
    return errorToJson(ErrorResponse { error, QJsonArray(), QJsonArray() });
}

QJsonObject errorToJson(const ErrorResponse &response)
{
    QJsonObject body { { QStringLiteral("code"), response.error.code },
        { QStringLiteral("message"), response.error.message } };
    if (!response.error.target.isEmpty())
        body.insert(QStringLiteral("target"), response.error.target);
    if (!response.details.isEmpty())
        body.insert(QStringLiteral("details"), response.details);
    if (!response.additionalInfo.isEmpty())
        body.insert(QStringLiteral("additionalInfo"), response.additionalInfo);
    return QJsonObject { { QStringLiteral("error"), body } };
}

Result<Page> pageFromJson(const QJsonObject &json)
{
    ShapeErrors errors;
    ObjectReader reader(json, QString(), &errors);
    Page page;
    page.value = reader.array("value").value_or(QJsonArray());
    page.nextLink = reader.string("nextLink");
    if (errors.failed())
        return errors.error();
    if (!reader.has("value")) {
        return Error::validation(QStringLiteral("value"),
            QStringLiteral("value is missing: a list answer is "
                           "{\"value\": [...], \"nextLink\": ...}."));
    }
    return page;
}

QJsonObject pageToJson(const Page &page)
{
    QJsonObject json { { QStringLiteral("value"), page.value } };
    if (!page.nextLink.isEmpty())
        json.insert(QStringLiteral("nextLink"), page.nextLink);
    return json;
}

} // namespace ArmJson

#include "armtransport.h"

#include "armjson.h"
#include "tokencredential.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <memory>

namespace {

Error errorFromAnswer(int status, const QJsonObject &json, const QByteArray &body, const QUrl &url)
{
    if (json.contains(QStringLiteral("error"))) {
        if (Result<ArmJson::ErrorResponse> parsed = ArmJson::errorFromJson(json); parsed)
            return parsed->withDetails();
    }
    const QString text = body.size() > 500
        ? QString::fromUtf8(body.left(500)) + QStringLiteral("...")
        : QString::fromUtf8(body);
    return Error { QStringLiteral("HttpError%1").arg(status),
        QStringLiteral("%1 answered HTTP %2%3")
            .arg(url.toDisplayString(QUrl::RemoveQuery))
            .arg(status)
            .arg(text.isEmpty() ? QString() : QStringLiteral(": ") + text),
        QString(), 0, 0 };
}

} // namespace

ArmTransport::ArmTransport(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{ }

bool ArmTransport::isIdempotent(const QByteArray &method)
{
    return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE"
        || method == "OPTIONS";
}

bool ArmTransport::isRetryable(int httpStatus)
{
    return httpStatus == 408 || httpStatus == 429 || httpStatus == 500 || httpStatus == 502
        || httpStatus == 503 || httpStatus == 504;
}

int ArmTransport::retryDelayMs(const ApiResult &result, int fallbackMs)
{
    const QByteArray header = result.header("Retry-After").trimmed();
    bool ok = false;
    const qint64 seconds = header.toLongLong(&ok);
    qint64 ms = fallbackMs;
    if (ok && seconds >= 0) {
        ms = seconds * 1000;
    } else if (!header.isEmpty()) {
        const QDateTime when = QDateTime::fromString(QString::fromLatin1(header), Qt::RFC2822Date);
        if (when.isValid())
            ms = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
    }
    return int(std::clamp<qint64>(ms, 0, MaxRetryDelayMs));
}

void ArmTransport::trace(const QString &line) const
{
    if (traceHook)
        traceHook(line);
}

ApiReply *ArmTransport::send(
    const QByteArray &method, const QUrl &url, const std::optional<QJsonObject> &body)
{
    auto *reply = new ApiReply(this);
    const QByteArray payload
        = body ? QJsonDocument(*body).toJson(QJsonDocument::Compact) : QByteArray();
    attempt(reply, method, url, payload, body.has_value(), 0, false);
    return reply;
}

void ArmTransport::attempt(ApiReply *reply, const QByteArray &method, const QUrl &url,
    const QByteArray &payload, bool hasBody, int retry, bool renewed)
{
    if (!credential) {
        dispatch(reply, method, url, payload, hasBody, retry, renewed, bearerToken);
        return;
    }
    TokenReply *token = credential->getToken();
    connect(token, &TokenReply::finished, reply, [=, this]() {
        const Result<BearerToken> &result = token->result();
        if (!result) {
            ApiResult failed;
            failed.error = result.error();
            reply->finish(failed);
            return;
        }
        dispatch(reply, method, url, payload, hasBody, retry, renewed, result->token);
    });
}

void ArmTransport::dispatch(ApiReply *reply, const QByteArray &method, const QUrl &url,
    const QByteArray &payload, bool hasBody, int retry, bool renewed, const QString &token)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    if (!userAgent.isEmpty())
        request.setHeader(QNetworkRequest::UserAgentHeader, userAgent);
    request.setTransferTimeout(120000);
    if (hasBody)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QNetworkReply *network = m_network->sendCustomRequest(request, method, payload);
    connect(network, &QNetworkReply::finished, reply, [=, this]() {
        network->deleteLater();
        ApiResult result;
        result.latencyMs = double(timer->nsecsElapsed()) / 1e6;
        result.httpStatus = network->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = network->readAll();
        for (const auto &pair : network->rawHeaderPairs())
            result.headers.append(pair);
        const QJsonDocument doc = QJsonDocument::fromJson(result.body);
        if (doc.isObject())
            result.json = doc.object();
        trace(QStringLiteral("%1 %2 -> %3 (%4 ms)")
                  .arg(QString::fromLatin1(method), url.toDisplayString())
                  .arg(result.httpStatus)
                  .arg(result.latencyMs, 0, 'f', 1));
        if (result.httpStatus == 401 && credential && !renewed) {
            // The cached token was revoked or expired early: one more try with a fresh one.
            credential->clearCache();
            attempt(reply, method, url, payload, hasBody, retry, true);
            return;
        }
        if (isRetryable(result.httpStatus) && isIdempotent(method) && retry < MaxRetries) {
            const int delay = retryDelayMs(result, baseRetryDelayMs << retry);
            trace(QStringLiteral("HTTP %1: retrying in %2 ms (%3 of %4)")
                      .arg(result.httpStatus)
                      .arg(delay)
                      .arg(retry + 1)
                      .arg(MaxRetries));
            QTimer::singleShot(delay, reply,
                [=, this]() { attempt(reply, method, url, payload, hasBody, retry + 1, renewed); });
            return;
        }
        if (result.httpStatus == 0) {
            result.error = Error { QStringLiteral("ConnectionFailed"),
                QStringLiteral("Cannot reach %1: %2")
                    .arg(url.toDisplayString(QUrl::RemoveQuery | QUrl::RemovePath),
                        network->errorString()),
                QString(), 0, 0 };
        } else if (result.httpStatus >= 400) {
            result.error = errorFromAnswer(result.httpStatus, result.json, result.body, url);
        }
        reply->finish(result);
    });
}

ApiReply *ArmTransport::poll(const QUrl &url)
{
    auto *reply = new ApiReply(this);
    attempt(reply, "GET", url, QByteArray(), false, MaxRetries, false); // retries used up
    return reply;
}

ApiReply *ArmTransport::sendPaged(const QUrl &url)
{
    auto *reply = new ApiReply(this);
    nextPage(reply, url, QJsonArray(), 1);
    return reply;
}

void ArmTransport::nextPage(ApiReply *reply, const QUrl &url, QJsonArray items, int page)
{
    ApiReply *get = send("GET", url);
    connect(get, &ApiReply::finished, reply, [=, this](const ApiResult &result) mutable {
        if (!result.ok()) {
            reply->finish(result);
            return;
        }
        for (const QJsonValue &item : result.json.value(QStringLiteral("value")).toArray())
            items.append(item);
        const QString link = result.json.value(QStringLiteral("nextLink")).toString();
        if (link.isEmpty()) {
            ApiResult all = result;
            all.json = QJsonObject { { QStringLiteral("value"), items } };
            all.body = QJsonDocument(all.json).toJson(QJsonDocument::Compact);
            reply->finish(all);
            return;
        }
        const QUrl next(link);
        // The token goes with every page: never to another host than the first page's.
        if (next.scheme() != url.scheme() || next.host() != url.host()
            || next.port() != url.port()) {
            ApiResult failed = result;
            failed.error = Error { QStringLiteral("InvalidNextLink"),
                QStringLiteral("The list's nextLink points to another server (%1); not followed.")
                    .arg(next.toDisplayString(QUrl::RemovePath | QUrl::RemoveQuery)),
                QString(), 0, 0 };
            reply->finish(failed);
            return;
        }
        if (page >= MaxPages) {
            ApiResult failed = result;
            failed.error = Error { QStringLiteral("TooManyPages"),
                QStringLiteral("The list has more than %1 pages; stopped.").arg(MaxPages),
                QString(), 0, 0 };
            reply->finish(failed);
            return;
        }
        nextPage(reply, next, items, page + 1);
    });
}

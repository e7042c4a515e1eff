#include "workspaceclient.h"

#include "armjson.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

namespace {

constexpr int DefaultPollMs = 500;
constexpr int MaxPollMs = 10000;
constexpr int MaxPolls = 3600; // an hour at one a second, as x-ms-async-operation-timeout

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

int retryAfterMs(const ApiResult &result, int fallback)
{
    bool ok = false;
    const int seconds = result.header("Retry-After").trimmed().toInt(&ok);
    if (!ok)
        return fallback;
    return std::clamp(seconds * 1000, 100, MaxPollMs);
}

} // namespace

WorkspaceClient::WorkspaceClient(const WorkspaceConnection &connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_network(new QNetworkAccessManager(this))
{
    // Everything the client talks to locally is on loopback: no proxy in between.
    if (QUrl(m_connection.baseUrl).host() == QLatin1String("127.0.0.1"))
        m_network->setProxy(QNetworkProxy::NoProxy);
}

QString WorkspaceClient::endpointPath(const QString &endpoint)
{
    return QStringLiteral("/onlineEndpoints/") + endpoint;
}

QString WorkspaceClient::deploymentPath(const QString &endpoint, const QString &deployment)
{
    return endpointPath(endpoint) + QStringLiteral("/deployments/") + deployment;
}

QUrl WorkspaceClient::urlFor(const QString &path) const
{
    if (path.startsWith(QLatin1String("http://")) || path.startsWith(QLatin1String("https://")))
        return QUrl(path);
    QUrl url(m_connection.baseUrl + m_connection.workspacePath + path);
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("api-version"), m_connection.apiVersion);
    url.setQuery(query);
    return url;
}

ApiReply *WorkspaceClient::send(
    const QByteArray &method, const QString &path, const std::optional<QJsonObject> &body)
{
    auto *reply = new ApiReply(this);
    const QUrl url = urlFor(path);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_connection.bearerToken.toUtf8());
    request.setHeader(QNetworkRequest::UserAgentHeader, m_connection.userAgent);
    request.setTransferTimeout(120000);
    QByteArray payload;
    if (body) {
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    }
    auto *timer = new QElapsedTimer;
    timer->start();
    QNetworkReply *network = m_network->sendCustomRequest(request, method, payload);
    connect(network, &QNetworkReply::finished, reply, [this, reply, network, timer, method, url]() {
        network->deleteLater();
        ApiResult result;
        result.latencyMs = double(timer->nsecsElapsed()) / 1e6;
        delete timer;
        result.httpStatus = network->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = network->readAll();
        for (const auto &pair : network->rawHeaderPairs())
            result.headers.append(pair);
        const QJsonDocument doc = QJsonDocument::fromJson(result.body);
        if (doc.isObject())
            result.json = doc.object();
        if (traceHook) {
            traceHook(QStringLiteral("%1 %2 -> %3 (%4 ms)")
                          .arg(QString::fromLatin1(method), url.toDisplayString())
                          .arg(result.httpStatus)
                          .arg(result.latencyMs, 0, 'f', 1));
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
    return reply;
}

ApiReply *WorkspaceClient::listEndpoints()
{
    return send("GET", QStringLiteral("/onlineEndpoints"));
}

ApiReply *WorkspaceClient::getEndpoint(const QString &name)
{
    return send("GET", endpointPath(name));
}

ApiReply *WorkspaceClient::listDeployments(const QString &endpoint)
{
    return send("GET", endpointPath(endpoint) + QStringLiteral("/deployments"));
}

ApiReply *WorkspaceClient::getDeployment(const QString &endpoint, const QString &name)
{
    return send("GET", deploymentPath(endpoint, name));
}

ApiReply *WorkspaceClient::listKeys(const QString &endpoint)
{
    return send("POST", endpointPath(endpoint) + QStringLiteral("/listKeys"), QJsonObject());
}

ApiReply *WorkspaceClient::getToken(const QString &endpoint)
{
    return send("POST", endpointPath(endpoint) + QStringLiteral("/token"), QJsonObject());
}

ApiReply *WorkspaceClient::getLogs(const QString &endpoint, const QString &deployment, int lines)
{
    ArmJson::LogsRequest request;
    if (lines > 0)
        request.tail = lines;
    return send("POST", deploymentPath(endpoint, deployment) + QStringLiteral("/getLogs"),
        ArmJson::logsRequestToJson(request));
}

ApiReply *WorkspaceClient::history(const QString &endpoint)
{
    return send("GET", endpointPath(endpoint) + QStringLiteral("/history"));
}

ApiReply *WorkspaceClient::change(const QByteArray &method, const QString &path,
    const std::optional<QJsonObject> &body, const QString &resourcePath, bool wait)
{
    ApiReply *first = send(method, path, body);
    if (!wait)
        return first;
    auto *reply = new ApiReply(this);
    connect(
        first, &ApiReply::finished, reply, [this, reply, resourcePath](const ApiResult &result) {
            if (!result.ok()) {
                reply->finish(result);
                return;
            }
            ApiReply *waiting = waitForOperation(result, resourcePath);
            connect(waiting, &ApiReply::finished, reply,
                [reply](const ApiResult &r) { reply->finish(r); });
        });
    return reply;
}

ApiReply *WorkspaceClient::putEndpoint(const Endpoint &endpoint, bool wait)
{
    return change("PUT", endpointPath(endpoint.name), ArmJson::endpointToJson(endpoint),
        endpointPath(endpoint.name), wait);
}

ApiReply *WorkspaceClient::putDeployment(
    const QString &endpoint, const Deployment &deployment, bool wait)
{
    return change("PUT", deploymentPath(endpoint, deployment.name),
        ArmJson::deploymentToJson(deployment), deploymentPath(endpoint, deployment.name), wait);
}

ApiReply *WorkspaceClient::scaleDeployment(
    const QString &endpoint, const QString &name, int instances, bool wait)
{
    const QJsonObject body { { QStringLiteral("sku"),
        QJsonObject { { QStringLiteral("capacity"), instances } } } };
    return change(
        "PATCH", deploymentPath(endpoint, name), body, deploymentPath(endpoint, name), wait);
}

ApiReply *WorkspaceClient::deleteEndpoint(const QString &name, bool wait)
{
    return change("DELETE", endpointPath(name), std::nullopt, QString(), wait);
}

ApiReply *WorkspaceClient::deleteDeployment(const QString &endpoint, const QString &name, bool wait)
{
    return change("DELETE", deploymentPath(endpoint, name), std::nullopt, QString(), wait);
}

ApiReply *WorkspaceClient::regenerateKeys(
    const QString &endpoint, const QString &keyType, bool wait)
{
    ArmJson::RegenerateKeysRequest request;
    request.keyType = keyType;
    return change("POST", endpointPath(endpoint) + QStringLiteral("/regenerateKeys"),
        ArmJson::regenerateKeysRequestToJson(request), QString(), wait);
}

ApiReply *WorkspaceClient::updateTraffic(const QString &endpoint,
    const std::optional<TrafficMap> &traffic, const std::optional<TrafficMap> &mirror, bool wait)
{
    auto *reply = new ApiReply(this);
    ApiReply *get = getEndpoint(endpoint);
    connect(get, &ApiReply::finished, reply, [=, this](const ApiResult &current) {
        if (!current.ok()) {
            reply->finish(current);
            return;
        }
        Result<Endpoint> parsed = ArmJson::endpointFromJson(current.json);
        if (!parsed) {
            ApiResult failed = current;
            failed.error = parsed.error();
            reply->finish(failed);
            return;
        }
        Endpoint e = parsed.value();
        // Both maps are written back whole: on Azure an omitted map means 0 % everywhere.
        e.traffic = traffic ? *traffic : e.traffic.value_or(TrafficMap());
        e.mirrorTraffic = mirror ? *mirror : e.mirrorTraffic.value_or(TrafficMap());
        ApiReply *put = putEndpoint(e, wait);
        connect(put, &ApiReply::finished, reply, [reply](const ApiResult &r) { reply->finish(r); });
    });
    return reply;
}

ApiReply *WorkspaceClient::waitForOperation(const ApiResult &accepted, const QString &resourcePath)
{
    auto *reply = new ApiReply(this);
    const QByteArray statusUrl = accepted.header("Azure-AsyncOperation");
    const QByteArray location = accepted.header("Location");
    if (statusUrl.isEmpty() && location.isEmpty()) {
        // Synchronous answer (200/204): nothing to wait for.
        if (resourcePath.isEmpty()) {
            QTimer::singleShot(0, reply, [reply, accepted]() { reply->finish(accepted); });
        } else {
            ApiReply *get = send("GET", resourcePath);
            connect(
                get, &ApiReply::finished, reply, [reply](const ApiResult &r) { reply->finish(r); });
        }
        return reply;
    }
    const bool useStatus = !statusUrl.isEmpty();
    const QUrl url = QUrl(QString::fromUtf8(useStatus ? statusUrl : location));
    poll(reply, url, useStatus, resourcePath, retryAfterMs(accepted, 0), 0);
    return reply;
}

void WorkspaceClient::poll(ApiReply *reply, const QUrl &url, bool isStatusResource,
    const QString &resourcePath, int delayMs, int attempts)
{
    QTimer::singleShot(delayMs, reply, [=, this]() {
        ApiReply *check = send("GET", url.toString());
        connect(check, &ApiReply::finished, reply, [=, this](const ApiResult &result) {
            if (!result.ok()) {
                reply->finish(result);
                return;
            }
            bool done = false;
            if (isStatusResource) {
                Result<OperationStatus> status = ArmJson::operationStatusFromJson(result.json);
                if (!status) {
                    ApiResult failed = result;
                    failed.error = status.error();
                    reply->finish(failed);
                    return;
                }
                if (status->status == QLatin1String("Failed")
                    || status->status == QLatin1String("Canceled")) {
                    ApiResult failed = result;
                    failed.error
                        = Error { status->errorCode.isEmpty() ? QStringLiteral("OperationFailed")
                                                              : status->errorCode,
                              status->errorMessage.isEmpty()
                                  ? QStringLiteral("The operation ended %1.").arg(status->status)
                                  : status->errorMessage,
                              QString(), 0, 0 };
                    reply->finish(failed);
                    return;
                }
                done = status->isTerminal();
            } else {
                done = result.httpStatus != 202;
            }
            if (!done) {
                if (attempts >= MaxPolls) {
                    ApiResult failed = result;
                    failed.error = Error { QStringLiteral("OperationTimeout"),
                        QStringLiteral("The operation did not finish in time."), QString(), 0, 0 };
                    reply->finish(failed);
                    return;
                }
                poll(reply, url, isStatusResource, resourcePath,
                    retryAfterMs(result, DefaultPollMs), attempts + 1);
                return;
            }
            if (resourcePath.isEmpty()) {
                reply->finish(result);
                return;
            }
            ApiReply *get = send("GET", resourcePath);
            connect(
                get, &ApiReply::finished, reply, [reply](const ApiResult &r) { reply->finish(r); });
        });
    });
}

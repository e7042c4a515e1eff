#include "workspaceclient.h"

#include "armjson.h"
#include "armtransport.h"
#include "azureassets.h"
#include "oauth2.h"
#include "tokencredential.h"

#include <QTimer>
#include <QUrlQuery>

namespace {

constexpr int DefaultPollMs = 500;
constexpr int MaxPollMs = 10000;
constexpr int MaxPolls = 3600; // an hour at one a second, as x-ms-async-operation-timeout
constexpr int MaxTrafficChecks = 120; // a minute at DefaultPollMs for a GET to show a change

// Maps equal when every deployment has the same share, an absent one counting as 0 %.
bool sameShares(const TrafficMap &a, const TrafficMap &b)
{
    QStringList names = a.keys() + b.keys();
    return std::all_of(names.cbegin(), names.cend(),
        [&](const QString &name) { return a.value(name, 0) == b.value(name, 0); });
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
    , m_transport(new ArmTransport(m_network, this))
{
    // Loopback (the local host) without a proxy; Azure through the system's proxy.
    OAuth2::configureProxy(m_network, m_connection.baseUrl);
    m_transport->bearerToken = m_connection.bearerToken;
    m_transport->userAgent = m_connection.userAgent;
}

void WorkspaceClient::setBearerToken(const QString &token)
{
    m_connection.bearerToken = token;
    m_transport->bearerToken = token;
}

void WorkspaceClient::setCredential(TokenCredential *credential)
{
    m_transport->credential = credential;
}

TokenCredential *WorkspaceClient::credential() const { return m_transport->credential; }

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
    m_transport->traceHook = traceHook;
    return m_transport->send(method, urlFor(path), body);
}

ApiReply *WorkspaceClient::poll(const QString &path)
{
    m_transport->traceHook = traceHook;
    return m_transport->poll(urlFor(path));
}

ApiReply *WorkspaceClient::listEndpoints()
{
    m_transport->traceHook = traceHook;
    return m_transport->sendPaged(urlFor(QStringLiteral("/onlineEndpoints")));
}

ApiReply *WorkspaceClient::getEndpoint(const QString &name)
{
    return send("GET", endpointPath(name));
}

ApiReply *WorkspaceClient::listDeployments(const QString &endpoint)
{
    m_transport->traceHook = traceHook;
    return m_transport->sendPaged(urlFor(endpointPath(endpoint) + QStringLiteral("/deployments")));
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
    if (!servesLocalRoutes()) {
        auto *reply = new ApiReply(this);
        ApiResult refused;
        refused.error = Error { QStringLiteral("NotAvailable"),
            tr("The change history is not available on Azure workspaces."), QString(), 0, 0 };
        QTimer::singleShot(0, reply, [reply, refused]() { reply->finish(refused); });
        return reply;
    }
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

Status WorkspaceClient::checkDeployment(const Deployment &deployment) const
{
    return m_connection.azure ? AzureAssets::checkDeployment(deployment) : Status();
}

ApiReply *WorkspaceClient::putDeployment(
    const QString &endpoint, const Deployment &deployment, bool wait)
{
    const Status check = checkDeployment(deployment);
    const Result<Deployment> sent = m_connection.azure
        ? AzureAssets::toArmIds(deployment, m_connection.workspacePath)
        : Result<Deployment>(deployment);
    if (!check || !sent) {
        auto *reply = new ApiReply(this);
        ApiResult refused;
        refused.error = !check ? check.error() : sent.error();
        QTimer::singleShot(0, reply, [reply, refused]() { reply->finish(refused); });
        return reply;
    }
    return change("PUT", deploymentPath(endpoint, deployment.name),
        ArmJson::deploymentToJson(sent.value()), deploymentPath(endpoint, deployment.name), wait);
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
        const TrafficMap wantTraffic = *e.traffic;
        const TrafficMap wantMirror = *e.mirrorTraffic;
        connect(put, &ApiReply::finished, reply, [=, this](const ApiResult &r) {
            if (!wait || !r.ok())
                reply->finish(r);
            else
                confirmTraffic(reply, endpoint, wantTraffic, wantMirror, r, 0);
        });
    });
    return reply;
}

void WorkspaceClient::confirmTraffic(ApiReply *reply, const QString &endpoint,
    const TrafficMap &traffic, const TrafficMap &mirror, const ApiResult &shown, int attempts)
{
    // The local host applies traffic at once (a difference there is another client's
    // change made since); Azure is eventually consistent: wait until a GET shows it.
    Result<Endpoint> parsed = ArmJson::endpointFromJson(shown.json);
    if (!m_connection.azure
        || (parsed && sameShares(parsed->traffic.value_or(TrafficMap()), traffic)
            && sameShares(parsed->mirrorTraffic.value_or(TrafficMap()), mirror))) {
        reply->finish(shown);
        return;
    }
    if (attempts >= MaxTrafficChecks) {
        ApiResult failed = shown;
        failed.error = Error { QStringLiteral("TrafficNotApplied"),
            QStringLiteral("The traffic change to endpoint '%1' was accepted, but a minute later "
                           "the endpoint still does not show it; check it with `online-endpoint "
                           "show` before changing it again.")
                .arg(endpoint),
            QString(), 0, 0 };
        reply->finish(failed);
        return;
    }
    QTimer::singleShot(DefaultPollMs, reply, [=, this]() {
        ApiReply *get = getEndpoint(endpoint);
        connect(get, &ApiReply::finished, reply, [=, this](const ApiResult &r) {
            if (!r.ok())
                reply->finish(r);
            else
                confirmTraffic(reply, endpoint, traffic, mirror, r, attempts + 1);
        });
    });
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

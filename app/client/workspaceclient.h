#pragma once

// The client of the REST contract (DESIGN.md §3): the same calls for the local workspace
// and for Azure ML. Every call is asynchronous and answers through one ApiReply.

#include "apireply.h"
#include "domain.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <functional>
#include <optional>

struct WorkspaceConnection
{
    QString baseUrl; // http://127.0.0.1:PORT (local) or https://management.azure.com
    QString workspacePath; // /subscriptions/.../workspaces/NAME
    QString apiVersion = QStringLiteral("2025-12-01");
    QString bearerToken; // control token (local) or an ARM access token
    QString userAgent; // e.g. "rolloutctl/0.1.0": the host records it in the history
    bool azure = false; // an Azure ML workspace: local folders and extensions are refused
};

class ArmTransport;
class TokenCredential;

class WorkspaceClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceClient)
public:
    explicit WorkspaceClient(const WorkspaceConnection &connection, QObject *parent = nullptr);

    const WorkspaceConnection &connection() const { return m_connection; }
    void setBearerToken(const QString &token);
    // Azure workspaces: tokens come from `credential` (not owned), renewed before they
    // expire; the connection's bearerToken is then unused.
    void setCredential(TokenCredential *credential);
    TokenCredential *credential() const;
    // The metrics feed and the change history are rolloutd's own routes: on Azure they
    // would only answer 404, so callers ask first (history() refuses without sending).
    bool servesLocalRoutes() const { return !m_connection.azure; }
    // The HTTP layer (retries, paging, auth), for tests to tune its backoff.
    ArmTransport *transport() const { return m_transport; }

    // Called with each HTTP exchange (method, URL, status, latency), for --debug output.
    // Authorization is never passed on.
    std::function<void(const QString &line)> traceHook;

    // Plain calls. `path` is relative to the workspace ("/onlineEndpoints/e"), or an
    // absolute URL (operation status links).
    ApiReply *send(const QByteArray &method, const QString &path,
        const std::optional<QJsonObject> &body = std::nullopt);
    // A GET without retries, for pollers (the metrics feed).
    ApiReply *poll(const QString &path);

    // Lists follow nextLink and finish with every page's items in "value".
    ApiReply *listEndpoints();
    ApiReply *getEndpoint(const QString &name);
    ApiReply *listDeployments(const QString &endpoint);
    ApiReply *getDeployment(const QString &endpoint, const QString &name);
    ApiReply *listKeys(const QString &endpoint);
    ApiReply *getToken(const QString &endpoint);
    ApiReply *getLogs(const QString &endpoint, const QString &deployment, int lines);
    ApiReply *history(const QString &endpoint);

    // Long-running changes. With `wait`, the reply finishes when the operation has
    // finished (failed operations carry the server's error) and holds the resource as a
    // GET shows it afterwards; without, it finishes with the first answer.
    ApiReply *putEndpoint(const Endpoint &endpoint, bool wait);
    // On an Azure workspace a deployment with local folders or extensions fails at once
    // (checkDeployment), before anything is sent.
    ApiReply *putDeployment(const QString &endpoint, const Deployment &deployment, bool wait);
    Status checkDeployment(const Deployment &deployment) const;
    ApiReply *scaleDeployment(
        const QString &endpoint, const QString &name, int instances, bool wait);
    ApiReply *deleteEndpoint(const QString &name, bool wait);
    ApiReply *deleteDeployment(const QString &endpoint, const QString &name, bool wait);
    ApiReply *regenerateKeys(const QString &endpoint, const QString &keyType, bool wait);

    // Reads the endpoint, replaces the given maps (whole maps) and writes both back, so a
    // traffic change never drops the mirror setting and the reverse. With `wait` on Azure,
    // finishes once a GET shows the new maps (Azure is eventually consistent).
    ApiReply *updateTraffic(const QString &endpoint, const std::optional<TrafficMap> &traffic,
        const std::optional<TrafficMap> &mirror, bool wait);

    // Polls a 201/202 answer's Azure-AsyncOperation (or Location) until it is terminal,
    // honouring Retry-After; then GETs `resourcePath` when given.
    ApiReply *waitForOperation(const ApiResult &accepted, const QString &resourcePath);

    static QString endpointPath(const QString &endpoint);
    static QString deploymentPath(const QString &endpoint, const QString &deployment);

private:
    QUrl urlFor(const QString &path) const;
    ApiReply *change(const QByteArray &method, const QString &path,
        const std::optional<QJsonObject> &body, const QString &resourcePath, bool wait);
    void poll(ApiReply *reply, const QUrl &url, bool isStatusResource, const QString &resourcePath,
        int delayMs, int attempts);

    void confirmTraffic(ApiReply *reply, const QString &endpoint, const TrafficMap &traffic,
        const TrafficMap &mirror, const ApiResult &shown, int attempts);

    WorkspaceConnection m_connection;
    QNetworkAccessManager *m_network;
    ArmTransport *m_transport;
};

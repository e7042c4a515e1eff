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
};

class WorkspaceClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceClient)
public:
    explicit WorkspaceClient(const WorkspaceConnection &connection, QObject *parent = nullptr);

    const WorkspaceConnection &connection() const { return m_connection; }
    void setBearerToken(const QString &token) { m_connection.bearerToken = token; }

    // Called with each HTTP exchange (method, URL, status, latency), for --debug output.
    // Authorization is never passed on.
    std::function<void(const QString &line)> traceHook;

    // Plain calls. `path` is relative to the workspace ("/onlineEndpoints/e"), or an
    // absolute URL (operation status links).
    ApiReply *send(const QByteArray &method, const QString &path,
        const std::optional<QJsonObject> &body = std::nullopt);

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
    ApiReply *putDeployment(const QString &endpoint, const Deployment &deployment, bool wait);
    ApiReply *scaleDeployment(
        const QString &endpoint, const QString &name, int instances, bool wait);
    ApiReply *deleteEndpoint(const QString &name, bool wait);
    ApiReply *deleteDeployment(const QString &endpoint, const QString &name, bool wait);
    ApiReply *regenerateKeys(const QString &endpoint, const QString &keyType, bool wait);

    // Reads the endpoint, replaces the given maps (whole maps) and writes both back, so a
    // traffic change never drops the mirror setting and the reverse.
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

    WorkspaceConnection m_connection;
    QNetworkAccessManager *m_network;
};

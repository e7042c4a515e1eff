#include "controlapi.h"

#include "armjson.h"
#include "hostinfo.h"
#include "hostworkspace.h"
#include "secrets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace {

constexpr int MaxLogLines = 5000;

QString clientName(const HttpRequest &request)
{
    // "rolloutctl/0.1.0 Qt/6.4.2" -> "rolloutctl"; recorded in the traffic history.
    const QString agent = QString::fromUtf8(request.header("user-agent"));
    const QString first = agent.section(QLatin1Char(' '), 0, 0).section(QLatin1Char('/'), 0, 0);
    return first.isEmpty() ? QStringLiteral("unknown") : first;
}

int statusFor(const Error &error)
{
    if (error.code == QLatin1String("ResourceNotFound"))
        return 404;
    if (error.code == QLatin1String("Conflict"))
        return 409;
    // 507 Insufficient Storage, not 500: clients retry a 500, but a full or read-only
    // state folder stays so until the user acts, who should hear of it at once.
    if (error.code == QLatin1String("StateNotSaved") || error.code == QLatin1String("SnapshotFailed"))
        return 507;
    return 400;
}

void answerError(const HttpResponder &responder, const Error &error)
{
    QJsonObject body = ArmJson::errorToJson(error);
    responder.respondJson(statusFor(error), body);
}

Result<QJsonObject> jsonBody(const HttpRequest &request)
{
    if (request.body.trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (!doc.isObject()) {
        return Error{ QStringLiteral("BadRequest"),
                      parseError.error != QJsonParseError::NoError
                          ? QStringLiteral("The request body is not valid JSON: %1 at offset %2.")
                                .arg(parseError.errorString())
                                .arg(parseError.offset)
                          : QStringLiteral("The request body must be a JSON object."),
                      QString(), 0, 0 };
    }
    return doc.object();
}

} // namespace

// A parsed control API path: .../onlineEndpoints/{endpoint}/deployments/{deployment}/{action}
struct ControlApi::Route
{
    QString base; // http://host:port
    QString endpoint;
    QString deployment;
    QString action; // listKeys, regenerateKeys, token, getLogs, history, metrics
    bool deploymentsCollection = false;
    QString operationId;
    bool operationResult = false; // Location (result) rather than Azure-AsyncOperation (status)
    QString apiVersion;
};

ControlApi::ControlApi(HostWorkspace *workspace, const QString &token, QObject *parent)
    : QObject(parent), m_workspace(workspace), m_token(token.toUtf8())
{
}

void ControlApi::handle(const HttpRequest &request, HttpResponder responder)
{
    const QByteArray authorization = request.header("authorization");
    const QByteArray prefix = "Bearer ";
    if (!authorization.startsWith(prefix)
        || !Secrets::constantTimeEquals(m_token, QByteArrayView(authorization).sliced(prefix.size()))) {
        responder.respondError(401,
                               QStringLiteral("The control API needs the bearer token of this "
                                              "rolloutd (the token_file named in rolloutd.json)."),
                               QStringLiteral("AuthenticationFailed"));
        return;
    }
    route(request, responder);
}

void ControlApi::route(const HttpRequest &request, const HttpResponder &responder)
{
    Route r;
    r.base = QStringLiteral("http://") + QString::fromUtf8(request.header("host"));
    r.apiVersion = request.urlQuery().queryItemValue(QStringLiteral("api-version"));
    if (r.apiVersion.isEmpty()) {
        responder.respondError(400,
                               QStringLiteral("The api-version query parameter is missing; add "
                                              "?api-version=%1.")
                                   .arg(QLatin1String(LocalWorkspace::ApiVersion)),
                               QStringLiteral("MissingApiVersionParameter"));
        return;
    }
    const QStringList parts = request.decodedPath().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    auto is = [&](int i, const char *text) {
        return i < parts.size() && parts[i].compare(QLatin1String(text), Qt::CaseInsensitive) == 0;
    };
    // /subscriptions/{sub}/providers/Microsoft.MachineLearningServices/locations/local/
    //   mfeOperationsStatus|mfeOperationResults/{id}
    if (parts.size() == 8 && is(0, "subscriptions") && is(2, "providers") && is(4, "locations")
        && (is(6, "mfeOperationsStatus") || is(6, "mfeOperationResults"))) {
        r.operationId = parts[7];
        r.operationResult = is(6, "mfeOperationResults");
        operation(r, responder);
        return;
    }
    const bool workspacePath = parts.size() >= 9 && is(0, "subscriptions") && is(2, "resourceGroups")
        && is(4, "providers") && is(5, "Microsoft.MachineLearningServices") && is(6, "workspaces")
        && is(8, "onlineEndpoints");
    if (!workspacePath) {
        responder.respondError(404, QStringLiteral("No such path in the control API: %1. Paths "
                                                   "start with %2/onlineEndpoints.")
                                        .arg(request.decodedPath(), LocalWorkspace::workspacePath()),
                               QStringLiteral("ResourceNotFound"));
        return;
    }
    if (parts[1] != QLatin1String(LocalWorkspace::SubscriptionId)
        || parts[3].compare(QLatin1String(LocalWorkspace::ResourceGroup), Qt::CaseInsensitive) != 0
        || parts[7].compare(QLatin1String(LocalWorkspace::WorkspaceName), Qt::CaseInsensitive) != 0) {
        responder.respondError(404,
                               QStringLiteral("Workspace %1/%2/%3 is not served here; the local "
                                              "workspace is subscription %4, resource group "
                                              "'local', workspace 'local'.")
                                   .arg(parts[1], parts[3], parts[7],
                                        QLatin1String(LocalWorkspace::SubscriptionId)),
                               QStringLiteral("ResourceNotFound"));
        return;
    }
    const QStringList rest = parts.mid(9);
    if (!rest.isEmpty())
        r.endpoint = rest[0];
    if (rest.size() >= 2) {
        if (rest[1].compare(QLatin1String("deployments"), Qt::CaseInsensitive) == 0) {
            r.deploymentsCollection = rest.size() == 2;
            if (rest.size() >= 3)
                r.deployment = rest[2];
            if (rest.size() == 4)
                r.action = rest[3];
            if (rest.size() > 4)
                r.action = QStringLiteral("?");
        } else if (rest.size() == 2) {
            r.action = rest[1];
        } else {
            r.action = QStringLiteral("?");
        }
    }
    if (r.deploymentsCollection || !r.deployment.isEmpty())
        deployments(r, request, responder);
    else
        endpoints(r, request, responder);
}

QJsonObject ControlApi::endpointJson(const QString &name) const
{
    Result<Endpoint> e = m_workspace->endpoint(name);
    if (!e)
        return {};
    Endpoint view = e.value();
    QJsonObject json = ArmJson::endpointToJson(view);
    // Keys are never part of the resource; listKeys gives them.
    QJsonObject properties = json.value(QStringLiteral("properties")).toObject();
    properties.remove(QStringLiteral("keys"));
    json.insert(QStringLiteral("properties"), properties);
    json.insert(QStringLiteral("id"), view.id);
    json.insert(QStringLiteral("name"), view.name);
    json.insert(QStringLiteral("type"),
                QStringLiteral("Microsoft.MachineLearningServices/workspaces/onlineEndpoints"));
    return json;
}

QJsonObject ControlApi::deploymentJson(const QString &endpoint, const QString &name) const
{
    Result<Deployment> d = m_workspace->deployment(endpoint, name);
    if (!d)
        return {};
    QJsonObject json = ArmJson::deploymentToJson(d.value());
    QJsonObject properties = json.value(QStringLiteral("properties")).toObject();
    // Local extensions: why it failed, and what the host warns about.
    const QString error = m_workspace->deploymentError(endpoint, name).value();
    if (!error.isEmpty())
        properties.insert(QStringLiteral("localError"), error);
    const QStringList warnings = m_workspace->deploymentWarnings(endpoint, name).value();
    if (!warnings.isEmpty())
        properties.insert(QStringLiteral("localWarnings"), QJsonArray::fromStringList(warnings));
    json.insert(QStringLiteral("properties"), properties);
    json.insert(QStringLiteral("id"), d->id);
    json.insert(QStringLiteral("name"), d->name);
    json.insert(QStringLiteral("type"),
                QStringLiteral("Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments"));
    return json;
}

void ControlApi::answerAccepted(const Route &r, const HttpRequest &request,
                                const HttpResponder &responder, const QString &operationId,
                                int status, const QJsonObject &body, bool withLocation)
{
    Q_UNUSED(request)
    HttpResponse response = HttpResponse::json(status, body);
    const QString ops = QStringLiteral("%1/subscriptions/%2/providers/Microsoft.MachineLearningServices/"
                                       "locations/local/")
                            .arg(r.base, QLatin1String(LocalWorkspace::SubscriptionId));
    const QString query = QStringLiteral("?api-version=") + r.apiVersion;
    response.headers.set("Azure-AsyncOperation",
                         (ops + QStringLiteral("mfeOperationsStatus/") + operationId + query).toUtf8());
    response.headers.set("x-ms-async-operation-timeout", "PT1H");
    if (withLocation) {
        response.headers.set("Location",
                             (ops + QStringLiteral("mfeOperationResults/") + operationId + query).toUtf8());
        response.headers.set("Retry-After", "1");
    }
    responder.respond(response);
}

void ControlApi::endpoints(const Route &r, const HttpRequest &request, const HttpResponder &responder)
{
    const QByteArray method = request.method;
    if (r.endpoint.isEmpty()) {
        if (method != "GET") {
            responder.respondError(405, QStringLiteral("Use GET to list endpoints."));
            return;
        }
        QJsonArray value;
        for (const Endpoint &e : m_workspace->endpoints())
            value.append(endpointJson(e.name));
        responder.respondJson(200, QJsonObject{ { QStringLiteral("value"), value } });
        return;
    }
    if (!r.action.isEmpty()) {
        if (r.action == QLatin1String("history") && method == "GET") {
            Result<QList<TrafficChange>> history = m_workspace->history(r.endpoint);
            if (!history)
                return answerError(responder, history.error());
            responder.respondJson(200, ArmJson::historyToJson(history.value()));
            return;
        }
        if (r.action == QLatin1String("metrics") && method == "GET") {
            // Local extension: per-second buckets after the cursor (0: all kept).
            const qint64 since =
                request.urlQuery().queryItemValue(QStringLiteral("since")).toLongLong();
            Result<MetricsPage> page = m_workspace->metrics(r.endpoint, since);
            if (!page)
                return answerError(responder, page.error());
            responder.respondJson(200, ArmJson::metricsToJson(page.value()));
            return;
        }
        if (method != "POST") {
            responder.respondError(405, QStringLiteral("Use POST for %1.").arg(r.action));
            return;
        }
        if (r.action.compare(QLatin1String("listKeys"), Qt::CaseInsensitive) == 0) {
            Result<EndpointKeys> keys = m_workspace->keys(r.endpoint);
            if (!keys)
                return answerError(responder, keys.error());
            responder.respondJson(200, ArmJson::keysToJson(keys.value()));
            return;
        }
        if (r.action.compare(QLatin1String("token"), Qt::CaseInsensitive) == 0) {
            Result<AccessToken> token = m_workspace->token(r.endpoint);
            if (!token)
                return answerError(responder, token.error());
            responder.respondJson(200, ArmJson::tokenToJson(token.value()));
            return;
        }
        if (r.action.compare(QLatin1String("regenerateKeys"), Qt::CaseInsensitive) == 0) {
            Result<QJsonObject> body = jsonBody(request);
            if (!body)
                return answerError(responder, body.error());
            Result<ArmJson::RegenerateKeysRequest> parsed =
                ArmJson::regenerateKeysRequestFromJson(body.value());
            if (!parsed)
                return answerError(responder, parsed.error());
            auto accepted = m_workspace->regenerateKey(r.endpoint, parsed->keyType, parsed->keyValue);
            if (!accepted)
                return answerError(responder, accepted.error());
            answerAccepted(r, request, responder, accepted->operationId, 202, {}, true);
            return;
        }
        responder.respondError(404, QStringLiteral("Unknown endpoint action '%1'. Actions: "
                                                   "listKeys, regenerateKeys, token, history, "
                                                   "metrics.")
                                        .arg(r.action),
                               QStringLiteral("ResourceNotFound"));
        return;
    }
    if (method == "GET") {
        Result<Endpoint> e = m_workspace->endpoint(r.endpoint);
        if (!e)
            return answerError(responder, e.error());
        responder.respondJson(200, endpointJson(r.endpoint));
        return;
    }
    if (method == "PUT" || method == "PATCH") {
        Result<QJsonObject> body = jsonBody(request);
        if (!body)
            return answerError(responder, body.error());
        Endpoint spec;
        if (method == "PATCH") {
            // PATCH takes tags and identity only, as ARM's PartialMinimalTrackedResource.
            Result<Endpoint> current = m_workspace->endpoint(r.endpoint);
            if (!current)
                return answerError(responder, current.error());
            spec = current.value();
            spec.traffic.reset();
            spec.mirrorTraffic.reset();
            const QJsonObject tags = body->value(QStringLiteral("tags")).toObject();
            if (body->contains(QStringLiteral("tags"))) {
                spec.tags.clear();
                for (auto it = tags.begin(); it != tags.end(); ++it)
                    spec.tags.insert(it.key(), it.value().toString());
            }
        } else {
            Result<Endpoint> parsed = ArmJson::endpointFromJson(body.value());
            if (!parsed)
                return answerError(responder, parsed.error());
            spec = parsed.value();
            QJsonObject source = spec.sourceJson;
            QJsonObject properties = source.value(QStringLiteral("properties")).toObject();
            properties.remove(QStringLiteral("keys")); // create-only secrets are not kept here
            source.insert(QStringLiteral("properties"), properties);
            spec.sourceJson = source;
        }
        if (!spec.name.isEmpty() && spec.name != r.endpoint) {
            return answerError(responder,
                               Error::validation(QStringLiteral("name"),
                                                 QStringLiteral("The body names endpoint '%1' but "
                                                                "the path names '%2'.")
                                                     .arg(spec.name, r.endpoint)));
        }
        spec.name = r.endpoint;
        auto accepted = m_workspace->putEndpoint(spec, clientName(request));
        if (!accepted)
            return answerError(responder, accepted.error());
        const int status = method == "PATCH" ? 202 : accepted->created ? 201 : 200;
        answerAccepted(r, request, responder, accepted->operationId, status,
                       endpointJson(r.endpoint), method == "PATCH");
        return;
    }
    if (method == "DELETE") {
        if (!m_workspace->endpoint(r.endpoint)) {
            responder.respond(HttpResponse{ 204, {}, {} }); // ARM: deleting what is gone is fine
            return;
        }
        auto accepted = m_workspace->deleteEndpoint(r.endpoint);
        if (!accepted)
            return answerError(responder, accepted.error());
        answerAccepted(r, request, responder, accepted->operationId, 202, {}, true);
        return;
    }
    responder.respondError(405, QStringLiteral("Method %1 is not allowed on an endpoint.")
                                    .arg(QString::fromLatin1(method)));
}

void ControlApi::deployments(const Route &r, const HttpRequest &request, const HttpResponder &responder)
{
    const QByteArray method = request.method;
    if (r.deploymentsCollection) {
        if (method != "GET") {
            responder.respondError(405, QStringLiteral("Use GET to list deployments."));
            return;
        }
        Result<QList<Deployment>> list = m_workspace->deployments(r.endpoint);
        if (!list)
            return answerError(responder, list.error());
        QJsonArray value;
        for (const Deployment &d : list.value())
            value.append(deploymentJson(r.endpoint, d.name));
        responder.respondJson(200, QJsonObject{ { QStringLiteral("value"), value } });
        return;
    }
    if (!r.action.isEmpty()) {
        if (r.action.compare(QLatin1String("getLogs"), Qt::CaseInsensitive) != 0 || method != "POST") {
            responder.respondError(404, QStringLiteral("Unknown deployment action '%1'; use POST "
                                                       "getLogs.")
                                            .arg(r.action),
                                   QStringLiteral("ResourceNotFound"));
            return;
        }
        Result<QJsonObject> body = jsonBody(request);
        if (!body)
            return answerError(responder, body.error());
        Result<ArmJson::LogsRequest> logsRequest = ArmJson::logsRequestFromJson(body.value());
        if (!logsRequest)
            return answerError(responder, logsRequest.error());
        const int tail = logsRequest->tail && *logsRequest->tail > 0
            ? std::min(*logsRequest->tail, MaxLogLines)
            : MaxLogLines;
        Result<QString> logs = m_workspace->logs(r.endpoint, r.deployment, tail);
        if (!logs)
            return answerError(responder, logs.error());
        responder.respondJson(200, ArmJson::logsToJson(logs.value()));
        return;
    }
    if (method == "GET") {
        Result<Deployment> d = m_workspace->deployment(r.endpoint, r.deployment);
        if (!d)
            return answerError(responder, d.error());
        responder.respondJson(200, deploymentJson(r.endpoint, r.deployment));
        return;
    }
    if (method == "PUT") {
        Result<QJsonObject> body = jsonBody(request);
        if (!body)
            return answerError(responder, body.error());
        Result<Deployment> parsed = ArmJson::deploymentFromJson(body.value());
        if (!parsed)
            return answerError(responder, parsed.error());
        Deployment spec = parsed.value();
        if (!spec.name.isEmpty() && spec.name != r.deployment) {
            return answerError(responder,
                               Error::validation(QStringLiteral("name"),
                                                 QStringLiteral("The body names deployment '%1' "
                                                                "but the path names '%2'.")
                                                     .arg(spec.name, r.deployment)));
        }
        spec.name = r.deployment;
        auto accepted = m_workspace->putDeployment(r.endpoint, spec);
        if (!accepted)
            return answerError(responder, accepted.error());
        answerAccepted(r, request, responder, accepted->operationId, accepted->created ? 201 : 200,
                       deploymentJson(r.endpoint, r.deployment), false);
        return;
    }
    if (method == "PATCH") {
        Result<QJsonObject> body = jsonBody(request);
        if (!body)
            return answerError(responder, body.error());
        const QJsonValue capacity = body->value(QStringLiteral("sku")).toObject().value(QStringLiteral("capacity"));
        if (!capacity.isDouble() || capacity.toDouble() != double(capacity.toInt())) {
            return answerError(responder,
                               Error::validation(QStringLiteral("sku.capacity"),
                                                 QStringLiteral("PATCH of a deployment scales it: "
                                                                "give {\"sku\": {\"capacity\": N}} "
                                                                "with a whole number N from 1 to 50.")));
        }
        auto accepted = m_workspace->scaleDeployment(r.endpoint, r.deployment, capacity.toInt());
        if (!accepted)
            return answerError(responder, accepted.error());
        answerAccepted(r, request, responder, accepted->operationId, 202, {}, true);
        return;
    }
    if (method == "DELETE") {
        if (!m_workspace->deployment(r.endpoint, r.deployment)) {
            if (!m_workspace->endpoint(r.endpoint))
                return answerError(responder, m_workspace->endpoint(r.endpoint).error());
            responder.respond(HttpResponse{ 204, {}, {} });
            return;
        }
        auto accepted = m_workspace->deleteDeployment(r.endpoint, r.deployment);
        if (!accepted)
            return answerError(responder, accepted.error());
        answerAccepted(r, request, responder, accepted->operationId, 202, {}, true);
        return;
    }
    responder.respondError(405, QStringLiteral("Method %1 is not allowed on a deployment.")
                                    .arg(QString::fromLatin1(method)));
}

void ControlApi::operation(const Route &r, const HttpResponder &responder)
{
    const std::optional<OperationStatus> status = m_workspace->operations()->status(r.operationId);
    if (!status) {
        responder.respondError(404, QStringLiteral("Operation %1 is not known to this rolloutd "
                                                   "(it may have restarted).")
                                        .arg(r.operationId),
                               QStringLiteral("ResourceNotFound"));
        return;
    }
    if (!r.operationResult) {
        responder.respondJson(200, ArmJson::operationStatusToJson(*status));
        return;
    }
    if (!status->isTerminal()) {
        HttpResponse response = HttpResponse::json(202, {});
        response.headers.set("Retry-After", "1");
        responder.respond(response);
        return;
    }
    if (status->status == QLatin1String("Succeeded")) {
        responder.respond(HttpResponse{ 204, {}, {} });
        return;
    }
    const Error error = m_workspace->operations()->failure(r.operationId).value_or(
        Error{ status->errorCode, status->errorMessage, QString(), 0, 0 });
    answerError(responder, error);
}

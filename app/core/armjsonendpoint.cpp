#include "armjson.h"
#include "armjsonsupport.h"

// OnlineEndpointTrackedResource <-> Endpoint.

using namespace ArmJson::Detail;

namespace ArmJson {

namespace {

std::optional<Identity> readIdentity(ObjectReader &parent)
{
    std::optional<ObjectReader> json = parent.object("identity");
    if (!json)
        return std::nullopt;
    Identity identity;
    identity.type = snakeFromPascal(json->string("type"));
    if (std::optional<ObjectReader> users = json->object("userAssignedIdentities")) {
        // Each value is an object ({} in requests, {principalId, clientId} in answers).
        for (auto it = users->json().begin(); it != users->json().end(); ++it) {
            if (!it->isObject() && !it->isNull())
                users->wrongValue(it.key(), QStringLiteral("an object"),
                    QStringLiteral("write {} for a user-assigned identity"));
            identity.userAssignedIdentities.append(it.key());
        }
    }
    return identity;
}

QJsonObject identityToJson(const Identity &identity)
{
    QJsonObject json { { QStringLiteral("type"), pascalFromSnake(identity.type) } };
    if (!identity.userAssignedIdentities.isEmpty()) {
        QJsonObject users;
        for (const QString &id : identity.userAssignedIdentities)
            users.insert(id, QJsonObject());
        json.insert(QStringLiteral("userAssignedIdentities"), users);
    }
    return json;
}

void readProperties(ObjectReader &json, Endpoint &endpoint)
{
    if (json.has("authMode")) {
        const QString text = json.string("authMode");
        if (const std::optional<AuthMode> mode = authModeFromArm(text))
            endpoint.authMode = *mode;
        else if (json.json().value(QLatin1String("authMode")).isString())
            json.wrongValue(QStringLiteral("authMode"),
                QStringLiteral("one of \"Key\", \"AMLToken\", \"AADToken\""),
                QStringLiteral("write one of them"));
    }
    endpoint.description = json.string("description");
    endpoint.properties = json.stringMap("properties");
    endpoint.compute = json.string("compute");
    endpoint.traffic = json.intMap("traffic");
    endpoint.mirrorTraffic = json.intMap("mirrorTraffic");
    if (json.has("publicNetworkAccess"))
        endpoint.publicNetworkAccess = snakeFromPascal(json.string("publicNetworkAccess"));
    endpoint.scoringUri = json.string("scoringUri");
    endpoint.swaggerUri = json.string("swaggerUri");
    endpoint.provisioningState = json.string("provisioningState");
    json.rawObject("keys"); // create-only secrets: kept in sourceJson, not typed
}

// The form `az ml` sends for these values, plus the read-only fields the server fills.
QJsonObject canonicalEndpoint(const Endpoint &endpoint)
{
    QJsonObject json;
    // Read-only for ARM (a request carries it in its URL; ARM ignores it in a body), but
    // written so that a resource written and read back keeps its name.
    insertIfSet(json, "id", endpoint.id);
    insertIfSet(json, "name", endpoint.name);
    insertIfSet(json, "location", endpoint.location);
    insertIfSet(json, "kind", endpoint.kind);
    if (!endpoint.tags.isEmpty())
        json.insert(QStringLiteral("tags"), toJsonObject(endpoint.tags));
    if (endpoint.identity)
        json.insert(QStringLiteral("identity"), identityToJson(*endpoint.identity));

    QJsonObject properties { { QStringLiteral("authMode"), authModeArmName(endpoint.authMode) } };
    insertIfSet(properties, "description", endpoint.description);
    if (!endpoint.properties.isEmpty())
        properties.insert(QStringLiteral("properties"), toJsonObject(endpoint.properties));
    insertIfSet(properties, "compute", endpoint.compute);
    if (endpoint.traffic)
        properties.insert(QStringLiteral("traffic"), toJsonObject(*endpoint.traffic));
    if (endpoint.mirrorTraffic)
        properties.insert(QStringLiteral("mirrorTraffic"), toJsonObject(*endpoint.mirrorTraffic));
    properties.insert(
        QStringLiteral("publicNetworkAccess"), pascalFromSnake(endpoint.publicNetworkAccess));
    insertIfSet(properties, "scoringUri", endpoint.scoringUri);
    insertIfSet(properties, "swaggerUri", endpoint.swaggerUri);
    insertIfSet(properties, "provisioningState", endpoint.provisioningState);
    json.insert(QStringLiteral("properties"), properties);
    return json;
}

} // namespace

Result<Endpoint> endpointFromJson(const QJsonObject &json)
{
    ShapeErrors errors;
    ObjectReader top(json, QString(), &errors);
    Endpoint endpoint;
    endpoint.sourceJson = json;
    endpoint.id = top.string("id");
    endpoint.name = top.string("name");
    top.string("type");
    endpoint.location = top.string("location");
    endpoint.kind = top.string("kind");
    endpoint.tags = top.stringMap("tags");
    endpoint.identity = readIdentity(top);
    top.rawObject("sku");
    top.rawObject("systemData");
    if (std::optional<ObjectReader> properties = top.object("properties"))
        readProperties(*properties, endpoint);
    if (errors.failed())
        return errors.error();
    return endpoint;
}

QJsonObject endpointToJson(const Endpoint &endpoint)
{
    const QJsonObject now = canonicalEndpoint(endpoint);
    if (endpoint.sourceJson.isEmpty())
        return now;
    const Result<Endpoint> asRead = endpointFromJson(endpoint.sourceJson);
    if (!asRead) // a sourceJson set by hand that does not read: the typed values win
        return mergeOver(endpoint.sourceJson, now);
    return applyChanges(endpoint.sourceJson, canonicalEndpoint(*asRead), now);
}

} // namespace ArmJson

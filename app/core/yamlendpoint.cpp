// The managed online endpoint schema, and which kind of file a document is.

#include "rules.h"
#include "yamlschema.h"

namespace YamlSpec::Detail {

namespace {

QString lit(const char *text) { return QString::fromLatin1(text); }

// Keys only the other kind of file has: their presence tells the files apart.
const QStringList &deploymentOnlyKeys()
{
    static const QStringList keys = { lit("endpoint_name"), lit("model"), lit("code_configuration"),
        lit("environment"), lit("instance_type"), lit("instance_count") };
    return keys;
}

const QStringList &endpointOnlyKeys()
{
    static const QStringList keys = { lit("auth_mode"), lit("traffic"), lit("mirror_traffic"),
        lit("public_network_access"), lit("identity") };
    return keys;
}

Error kindError(const YAML::Node &at, const QString &target, const QString &message)
{
    Error error = Error::validation(target, message);
    if (at.IsDefined() && at.Mark().line >= 0) {
        error.line = at.Mark().line + 1;
        error.column = at.Mark().column + 1;
    }
    return error;
}

void readIdentity(Reader &r, const YAML::Node &root, Endpoint &endpoint)
{
    const QString prefix = lit("identity");
    const YAML::Node node = Reader::child(root, prefix);
    if (!r.ok() || !Reader::present(root, prefix)
        || !r.expectMap(
            node, prefix, lit("`identity:` with `type: system_assigned` indented under it")))
        return;
    // principal_id and tenant_id are filled by the service: `show -o yaml` prints them.
    r.checkKeys(node, prefix, { lit("type"), lit("user_assigned_identities") },
        { lit("principal_id"), lit("tenant_id") });
    Identity identity;
    const std::optional<QString> type = r.oneOf(node, prefix, lit("type"),
        { lit("system_assigned"), lit("user_assigned"), lit("system_assigned,user_assigned"),
            lit("none") });
    if (!r.ok())
        return;
    if (!type) {
        r.fail(node, lit("identity.type"),
            lit("`identity.type` is missing; add `type: system_assigned`, or `type: "
                "user_assigned` with `user_assigned_identities`."));
        return;
    }
    identity.type = *type;

    const QString listTarget = lit("identity.user_assigned_identities");
    const YAML::Node list = Reader::child(node, lit("user_assigned_identities"));
    const QString example = lit("`user_assigned_identities:` followed by `- resource_id: "
                                "/subscriptions/<sub>/resourceGroups/<rg>/providers/"
                                "Microsoft.ManagedIdentity/userAssignedIdentities/<name>`");
    if (Reader::present(node, lit("user_assigned_identities"))) {
        if (!list.IsSequence()) {
            r.fail(list, listTarget,
                QStringLiteral("`%1` must be a list, but it is %2; write %3.")
                    .arg(listTarget, Reader::describe(list), example));
            return;
        }
        for (std::size_t i = 0; i < list.size() && r.ok(); ++i) {
            const YAML::Node item = list[i];
            const QString itemTarget = QStringLiteral("%1[%2]").arg(listTarget).arg(i);
            std::optional<QString> id;
            if (item.IsScalar()) {
                id = QString::fromStdString(item.Scalar());
            } else if (item.IsMap()) {
                r.checkKeys(item, itemTarget, { lit("resource_id") },
                    { lit("client_id"), lit("principal_id") });
                id = r.text(item, itemTarget, lit("resource_id"));
            }
            if (r.ok() && (!id || id->isEmpty())) {
                r.fail(item, itemTarget,
                    QStringLiteral("`%1` gives no identity; write %2.").arg(itemTarget, example));
            }
            if (id)
                identity.userAssignedIdentities << *id;
        }
    }
    if (!r.ok())
        return;
    const bool userAssigned = identity.type.contains(lit("user_assigned"));
    if (userAssigned && identity.userAssignedIdentities.isEmpty()) {
        r.fail(node, listTarget,
            QStringLiteral("`identity.type` is %1, but no identities are listed; add %2.")
                .arg(identity.type, example));
        return;
    }
    if (!userAssigned && !identity.userAssignedIdentities.isEmpty()) {
        r.fail(list, listTarget,
            QStringLiteral("`%1` is given, but `identity.type` is %2; set `type: "
                           "user_assigned` or remove the list.")
                .arg(listTarget, identity.type));
        return;
    }
    endpoint.identity = identity;
}

} // namespace

Status checkFileKind(const YAML::Node &root, FileKind expected, const QString &sourceName)
{
    const QString file = sourceName.isEmpty() ? lit("This YAML") : sourceName;
    const YAML::Node schemaNode = Reader::child(root, lit("$schema"));
    const QString schema
        = schemaNode.IsScalar() ? QString::fromStdString(schemaNode.Scalar()).toLower() : QString();
    const QString managed = expected == FileKind::Endpoint
        ? lit("managedOnlineEndpoint.schema.json")
        : lit("managedOnlineDeployment.schema.json");
    for (const char *other : { "kubernetes", "batch" }) {
        if (schema.contains(QLatin1String(other))) {
            return kindError(schemaNode, lit("$schema"),
                QStringLiteral("%1: `$schema` names a %2 schema; RolloutDesk handles "
                               "managed online endpoints only. Use %3 and remove "
                               "the %2-only fields.")
                    .arg(file, QLatin1String(other), managed));
        }
    }
    const bool schemaSaysDeployment = schema.contains(lit("onlinedeployment"));
    const bool schemaSaysEndpoint = schema.contains(lit("onlineendpoint"));
    if (expected == FileKind::Endpoint) {
        const QString use = QStringLiteral("use it with `online-deployment create --endpoint-name "
                                           "<endpoint> --file %1`")
                                .arg(file);
        if (schemaSaysDeployment) {
            return kindError(schemaNode, lit("$schema"),
                QStringLiteral("%1: this is a deployment file (`$schema` names "
                               "managedOnlineDeployment), not an endpoint file; %2.")
                    .arg(file, use));
        }
        for (const QString &key : deploymentOnlyKeys()) {
            if (!schemaSaysEndpoint && Reader::present(root, key)) {
                return kindError(Reader::keyNode(root, key), key,
                    QStringLiteral("%1: this is a deployment file (it has `%2`), not "
                                   "an endpoint file; %3. An endpoint file has "
                                   "`name` and `auth_mode`.")
                        .arg(file, key, use));
            }
        }
        return {};
    }
    const QString use = QStringLiteral("use it with `online-endpoint create --file %1`").arg(file);
    if (schemaSaysEndpoint) {
        return kindError(schemaNode, lit("$schema"),
            QStringLiteral("%1: this is an endpoint file (`$schema` names "
                           "managedOnlineEndpoint), not a deployment file; %2.")
                .arg(file, use));
    }
    if (schemaSaysDeployment || Reader::present(root, lit("endpoint_name")))
        return {};
    for (const QString &key : endpointOnlyKeys()) {
        if (Reader::present(root, key)) {
            return kindError(Reader::keyNode(root, key), key,
                QStringLiteral("%1: this is an endpoint file (it has `%2`), not a "
                               "deployment file; %3. A deployment file has `name`, "
                               "`endpoint_name`, `model`, `environment`, ...")
                    .arg(file, key, use));
        }
    }
    return {};
}

Endpoint readEndpoint(Reader &r, const ReadOptions &options)
{
    const YAML::Node &root = r.root();
    Endpoint endpoint;
    // Read-only fields, as `online-endpoint show -o yaml` prints them, are accepted and
    // dropped, so a saved `show` output can be applied again (the service ignores them too).
    r.checkKeys(root, QString(),
        { lit("$schema"), lit("name"), lit("description"), lit("tags"), lit("auth_mode"),
            lit("traffic"), lit("mirror_traffic"), lit("public_network_access"), lit("identity"),
            lit("compute"), lit("properties") },
        { lit("id"), lit("provisioning_state"), lit("scoring_uri"), lit("openapi_uri"),
            lit("location"), lit("kind"), lit("creation_context") });
    r.text(root, QString(), lit("$schema"));

    const std::optional<QString> name = r.text(root, QString(), lit("name"));
    if (r.ok() && !name) {
        r.failField(root, QString(), lit("name"),
            lit("the endpoint has no `name`; add `name: my-endpoint` to the file or pass "
                "--name."));
    } else if (name) {
        endpoint.name = *name;
        if (options.strict)
            r.check(Rules::checkName(Rules::NameKind::Endpoint, *name), lit("name"));
    }
    endpoint.description = r.text(root, QString(), lit("description")).value_or(QString());
    endpoint.tags = r.stringMap(root, QString(), lit("tags")).value_or(StringMap());
    endpoint.properties = r.stringMap(root, QString(), lit("properties")).value_or(StringMap());

    if (const auto mode = r.oneOf(
            root, QString(), lit("auth_mode"), { lit("key"), lit("aml_token"), lit("aad_token") }))
        endpoint.authMode = authModeFromYaml(*mode).value_or(AuthMode::Key);

    const std::optional<TrafficMap> traffic = r.percentMap(root, QString(), lit("traffic"), 100);
    if (traffic) {
        // The deployments are the map's own keys: whether they exist is the host's check.
        for (auto it = traffic->cbegin(); options.strict && it != traffic->cend(); ++it)
            r.check(Rules::checkName(Rules::NameKind::Deployment, it.key()),
                lit("traffic.") + it.key());
        r.check(Rules::checkTraffic(*traffic, traffic->keys()));
        endpoint.traffic = traffic;
    }
    const std::optional<TrafficMap> mirror
        = r.percentMap(root, QString(), lit("mirror_traffic"), Rules::MaxMirrorPercent);
    if (mirror) {
        for (auto it = mirror->cbegin(); options.strict && it != mirror->cend(); ++it)
            r.check(Rules::checkName(Rules::NameKind::Deployment, it.key()),
                lit("mirror_traffic.") + it.key());
        r.check(Rules::checkMirrorTraffic(*mirror, traffic.value_or(TrafficMap()), mirror->keys()));
        endpoint.mirrorTraffic = mirror;
    }

    if (const auto access = r.oneOf(
            root, QString(), lit("public_network_access"), { lit("enabled"), lit("disabled") }))
        endpoint.publicNetworkAccess = *access;
    readIdentity(r, root, endpoint);

    if (r.ok() && Reader::present(root, lit("compute"))) {
        r.failField(root, QString(), lit("compute"),
            lit("`compute` is for Kubernetes online endpoints only; a managed online "
                "endpoint runs on compute Azure manages (each deployment's "
                "`instance_type`). Remove `compute`."));
    }
    return endpoint;
}

} // namespace YamlSpec::Detail

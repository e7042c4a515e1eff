// rolloutctl online-endpoint ...

#include "armjson.h"
#include "cliapp.h"
#include "clicommon.h"
#include "cliview.h"
#include "rules.h"
#include "scoringclient.h"
#include "workspaceclient.h"
#include "yamlspec.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

using namespace Cli;

namespace {

const QString kName = QStringLiteral("name");

Result<QString> requireName(const ParsedArgs &args, const QString &fromFile = QString())
{
    QString name = args.value(kName);
    if (name.isEmpty())
        name = fromFile;
    if (name.isEmpty()) {
        return Error { QStringLiteral("UsageError"),
            QStringLiteral("the endpoint name is missing: pass --name/-n (or set name: "
                           "in the --file)."),
            QString(), 0, 0 };
    }
    return name;
}

YamlSpec::LoadOptions loadOptions(const ParsedArgs &args)
{
    YamlSpec::LoadOptions options;
    options.setOverrides = args.all(QStringLiteral("set"));
    options.nameOverride = args.value(kName);
    return options;
}

int create(CliApp &app, const ParsedArgs &args)
{
    Endpoint endpoint;
    if (args.isSet(QStringLiteral("file"))) {
        Result<Endpoint> loaded
            = YamlSpec::loadEndpointFile(args.value(QStringLiteral("file")), loadOptions(args));
        if (!loaded)
            return app.fail(loaded.error());
        endpoint = loaded.value();
    } else {
        endpoint.name = args.value(kName);
        if (!args.all(QStringLiteral("set")).isEmpty()) {
            Result<Endpoint> applied
                = YamlSpec::applyOverrides(endpoint, args.all(QStringLiteral("set")));
            if (!applied)
                return app.fail(applied.error());
            endpoint = applied.value();
        }
    }
    if (args.isSet(QStringLiteral("auth-mode"))) {
        const std::optional<AuthMode> mode
            = authModeFromYaml(args.value(QStringLiteral("auth-mode")));
        if (!mode) {
            return app.usageError(
                QStringLiteral("--auth-mode '%1' is not valid; use key, aml_token "
                               "or aad_token.")
                    .arg(args.value(QStringLiteral("auth-mode"))));
        }
        endpoint.authMode = *mode;
    }
    if (endpoint.name.isEmpty())
        return app.usageError(requireName(args).error().message);
    endpoint.name = endpoint.name.toLower(); // as az ml does: the service is case-insensitive
    if (Status s = Rules::checkName(Rules::NameKind::Endpoint, endpoint.name); !s)
        return app.fail(s.error());
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    const ApiResult existing = app.await(client.value()->getEndpoint(endpoint.name));
    if (existing.ok()) {
        return app.fail(Error { QStringLiteral("Conflict"),
            QStringLiteral("Endpoint '%1' already exists; use `rolloutctl "
                           "online-endpoint update` to change it.")
                .arg(endpoint.name),
            QString(), 0, 0 });
    }
    const bool wait = !args.isSet(QStringLiteral("no-wait"));
    const ApiResult result = app.await(client.value()->putEndpoint(endpoint, wait));
    if (!result.ok())
        return app.fail(*result.error);
    if (!wait)
        return 0;
    Result<QJsonObject> view = endpointView(app, endpoint.name);
    return view ? app.print(view.value()) : app.fail(view.error());
}

int show(CliApp &app, const ParsedArgs &args)
{
    Result<QJsonObject> view = endpointView(app, args.value(kName));
    return view ? app.print(view.value()) : app.fail(view.error());
}

int list(CliApp &app, const ParsedArgs &)
{
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    const ApiResult result = app.await(client.value()->listEndpoints());
    if (!result.ok())
        return app.fail(*result.error);
    QJsonArray list;
    for (const QJsonValue &value : result.json.value(QStringLiteral("value")).toArray()) {
        const QString name = value.toObject().value(QStringLiteral("name")).toString();
        Result<QJsonObject> view = endpointView(app, name);
        if (view)
            list.append(view.value());
    }
    return app.print(list);
}

int update(CliApp &app, const ParsedArgs &args)
{
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    std::optional<TrafficMap> traffic;
    std::optional<TrafficMap> mirror;
    // Parse everything before anything changes: a bad string changes nothing.
    if (args.isSet(QStringLiteral("traffic"))) {
        Result<TrafficMap> parsed
            = Rules::parseTrafficString(args.value(QStringLiteral("traffic")));
        if (!parsed)
            return app.fail(parsed.error());
        traffic = parsed.value();
    }
    if (args.isSet(QStringLiteral("mirror-traffic"))) {
        Result<TrafficMap> parsed = Rules::parseTrafficString(
            args.value(QStringLiteral("mirror-traffic")), QStringLiteral("--mirror-traffic"));
        if (!parsed)
            return app.fail(parsed.error());
        mirror = parsed.value();
    }
    QString fileName;
    std::optional<Endpoint> fromFile;
    if (args.isSet(QStringLiteral("file"))) {
        Result<Endpoint> loaded
            = YamlSpec::loadEndpointFile(args.value(QStringLiteral("file")), loadOptions(args));
        if (!loaded)
            return app.fail(loaded.error());
        fromFile = loaded.value();
        fileName = loaded->name;
    }
    Result<QString> name = requireName(args, fileName);
    if (!name)
        return app.usageError(name.error().message);
    const ApiResult current = app.await(client.value()->getEndpoint(name.value()));
    if (!current.ok()) {
        if (current.httpStatus == 404) {
            return app.fail(Error { QStringLiteral("NotFound"),
                QStringLiteral("Endpoint '%1' does not exist; use `rolloutctl "
                               "online-endpoint create` first.")
                    .arg(name.value()),
                QString(), 0, 0 });
        }
        return app.fail(*current.error);
    }
    Result<Endpoint> parsed = ArmJson::endpointFromJson(current.json);
    if (!parsed)
        return app.fail(parsed.error());
    Endpoint endpoint = parsed.value();
    if (fromFile) {
        // The file's settable fields; its maps only when it has them.
        endpoint.description = fromFile->description;
        endpoint.tags = fromFile->tags;
        endpoint.authMode = fromFile->authMode;
        endpoint.publicNetworkAccess = fromFile->publicNetworkAccess;
        if (fromFile->identity)
            endpoint.identity = fromFile->identity;
        if (fromFile->traffic)
            endpoint.traffic = fromFile->traffic;
        if (fromFile->mirrorTraffic)
            endpoint.mirrorTraffic = fromFile->mirrorTraffic;
    } else if (!args.all(QStringLiteral("set")).isEmpty()) {
        Result<Endpoint> applied
            = YamlSpec::applyOverrides(endpoint, args.all(QStringLiteral("set")));
        if (!applied)
            return app.fail(applied.error());
        endpoint = applied.value();
    }
    if (traffic)
        endpoint.traffic = traffic; // the whole map: deployments not named get 0 %
    if (mirror)
        endpoint.mirrorTraffic = mirror;
    // Both maps go back whole, so neither is lost (on Azure an omitted map means 0 %).
    endpoint.traffic = Rules::withoutZeros(endpoint.traffic.value_or(TrafficMap()));
    endpoint.mirrorTraffic = Rules::withoutZeros(endpoint.mirrorTraffic.value_or(TrafficMap()));
    const bool wait = !args.isSet(QStringLiteral("no-wait"));
    const ApiResult result = app.await(client.value()->putEndpoint(endpoint, wait));
    if (!result.ok())
        return app.fail(*result.error);
    if (!wait)
        return 0;
    Result<QJsonObject> view = endpointView(app, name.value());
    return view ? app.print(view.value()) : app.fail(view.error());
}

int deleteResource(CliApp &app, const ParsedArgs &args)
{
    const QString name = args.value(kName);
    if (!app.confirm(QStringLiteral("Are you sure you want to perform this operation?"), args)) {
        return app.fail(Error { QStringLiteral("NotConfirmed"),
            QStringLiteral("Deleting endpoint '%1' needs confirmation: answer y "
                           "on a terminal, or pass --yes.")
                .arg(name),
            QString(), 0, 0 });
    }
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    const ApiResult current = app.await(client.value()->getEndpoint(name));
    if (!current.ok())
        return app.fail(*current.error);
    const ApiResult result
        = app.await(client.value()->deleteEndpoint(name, !args.isSet(QStringLiteral("no-wait"))));
    return result.ok() ? 0 : app.fail(*result.error);
}

int invoke(CliApp &app, const ParsedArgs &args)
{
    const QString name = args.value(kName);
    const QString deployment = args.value(QStringLiteral("deployment-name"));
    QFile file(args.value(QStringLiteral("request-file")));
    if (!file.open(QIODevice::ReadOnly)) {
        return app.fail(Error { QStringLiteral("FileNotFound"),
            QStringLiteral("Cannot read the request file %1: %2.")
                .arg(file.fileName(), file.errorString()),
            QString(), 0, 0 });
    }
    const QByteArray body = file.readAll();
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    if (!deployment.isEmpty()) {
        // As the Azure ML SDK: check the deployment exists before sending anything.
        Result<QStringList> names = app.deploymentNames(name);
        if (!names)
            return app.fail(names.error());
        if (names->isEmpty())
            return app.fail(Error::validation(QStringLiteral("deployment-name"),
                QStringLiteral("No deployment exists for this endpoint.")));
        if (!names->contains(deployment)) {
            return app.fail(Error::validation(QStringLiteral("deployment-name"),
                QStringLiteral("Deployment name %1 not found for this "
                               "endpoint. Deployments: %2.")
                    .arg(deployment, names->join(QStringLiteral(", ")))));
        }
    }
    const ApiResult current = app.await(client.value()->getEndpoint(name));
    if (!current.ok())
        return app.fail(*current.error);
    Result<Endpoint> endpoint = ArmJson::endpointFromJson(current.json);
    if (!endpoint)
        return app.fail(endpoint.error());
    QString credential;
    if (endpoint->authMode == AuthMode::Key) {
        const ApiResult keys = app.await(client.value()->listKeys(name));
        if (!keys.ok())
            return app.fail(*keys.error);
        credential = keys.json.value(QStringLiteral("primaryKey")).toString();
    } else {
        const ApiResult token = app.await(client.value()->getToken(name));
        if (!token.ok())
            return app.fail(*token.error);
        credential = token.json.value(QStringLiteral("accessToken")).toString();
    }
    ScoringClient scoring;
    const ApiResult answer
        = app.await(scoring.score(QUrl(endpoint->scoringUri), credential, body, deployment));
    app.debug(QStringLiteral("POST %1 -> %2 (%3 ms), served by %4")
                  .arg(endpoint->scoringUri)
                  .arg(answer.httpStatus)
                  .arg(answer.latencyMs, 0, 'f', 1)
                  .arg(QString::fromUtf8(answer.header("azureml-model-deployment"))));
    if (!answer.ok())
        return app.fail(*answer.error);
    // az ml prints the answer body as a JSON string.
    return app.print(QJsonValue(QString::fromUtf8(answer.body)));
}

int credentials(CliApp &app, const ParsedArgs &args)
{
    const QString name = args.value(kName);
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    const ApiResult current = app.await(client.value()->getEndpoint(name));
    if (!current.ok())
        return app.fail(*current.error);
    const bool key = current.json.value(QStringLiteral("properties"))
                         .toObject()
                         .value(QStringLiteral("authMode"))
                         .toString()
                         .compare(QLatin1String("Key"), Qt::CaseInsensitive)
        == 0;
    const ApiResult result
        = app.await(key ? client.value()->listKeys(name) : client.value()->getToken(name));
    if (!result.ok())
        return app.fail(*result.error);
    return app.print(result.json);
}

int regenerate(CliApp &app, const ParsedArgs &args)
{
    const QString keyType = args.value(QStringLiteral("key-type")).toLower();
    if (keyType != QLatin1String("primary") && keyType != QLatin1String("secondary"))
        return app.usageError(QStringLiteral("--key-type must be primary or secondary."));
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    const QString armType = keyType == QLatin1String("primary") ? QStringLiteral("Primary")
                                                                : QStringLiteral("Secondary");
    const ApiResult result = app.await(client.value()->regenerateKeys(
        args.value(kName), armType, !args.isSet(QStringLiteral("no-wait"))));
    return result.ok() ? 0 : app.fail(*result.error);
}

} // namespace

QList<CliApp::Entry> CliApp::endpointCommands()
{
    const QString g = QStringLiteral("online-endpoint");
    const CliOption name = option("name", "n", "Name of the endpoint.", true);
    const CliOption nameOptional
        = option("name", "n", "Name of the endpoint (overrides the file's name).");
    const CliOption file
        = option("file", "f", "Local path to the YAML file with the endpoint's specification.");
    const CliOption set
        = repeated("set", "Update an object by a property path and value, e.g. tags.team=ml.");
    const CliOption noWait
        = flag("no-wait", "", "Do not wait for the long-running operation to finish.");
    return {
        { { g, QStringLiteral("create"), QStringLiteral("Create an endpoint."),
              { nameOptional, file, set, option("auth-mode", "", "key, aml_token or aad_token."),
                  noWait },
              { QStringLiteral(
                  "rolloutctl online-endpoint create --name my-endpoint -f endpoint.yml") } },
            create },
        { { g, QStringLiteral("show"), QStringLiteral("Show details of an endpoint."), { name },
              { QStringLiteral("rolloutctl online-endpoint show -n my-endpoint --query traffic"),
                  QStringLiteral("rolloutctl online-endpoint show -n my-endpoint -o tsv --query "
                                 "scoring_uri") } },
            show },
        { { g, QStringLiteral("list"), QStringLiteral("List endpoints."), {},
              { QStringLiteral("rolloutctl online-endpoint list --query \"[].name\"") } },
            list },
        { { g, QStringLiteral("update"),
              QStringLiteral("Update an endpoint (traffic, mirror traffic, tags...)."),
              { nameOptional, file, set,
                  option("traffic", "r",
                      "Traffic for every deployment, e.g. \"blue=90 green=10\"; deployments not "
                      "named get 0."),
                  option("mirror-traffic", "",
                      "Share of traffic copied to one deployment, e.g. \"green=10\"; \"green=0\" "
                      "stops it."),
                  noWait },
              { QStringLiteral("rolloutctl online-endpoint update --name my-endpoint --traffic "
                               "\"blue=90 green=10\""),
                  QStringLiteral("rolloutctl online-endpoint update --name my-endpoint "
                                 "--mirror-traffic \"green=10\"") } },
            update },
        { { g, QStringLiteral("delete"), QStringLiteral("Delete an endpoint and its deployments."),
              { name, flag("yes", "y", "Do not prompt for confirmation."), noWait },
              { QStringLiteral(
                  "rolloutctl online-endpoint delete --name my-endpoint --yes --no-wait") } },
            deleteResource },
        { { g, QStringLiteral("invoke"), QStringLiteral("Invoke an endpoint with a request file."),
              { name, option("request-file", "r", "File with the JSON request body.", true),
                  option("deployment-name", "d",
                      "Send to this deployment, whatever the traffic rules say.") },
              { QStringLiteral("rolloutctl online-endpoint invoke --name my-endpoint "
                               "--request-file sample-request.json"),
                  QStringLiteral("rolloutctl online-endpoint invoke --name my-endpoint "
                                 "--deployment-name green --request-file sample-request.json") } },
            invoke },
        { { g, QStringLiteral("get-credentials"),
              QStringLiteral("Show the keys (key auth) or a token (aml_token auth)."), { name },
              { QStringLiteral("rolloutctl online-endpoint get-credentials -n my-endpoint -o tsv "
                               "--query primaryKey") } },
            credentials },
        { { g, QStringLiteral("regenerate-keys"),
              QStringLiteral("Regenerate the primary or secondary key."),
              { name, option("key-type", "", "primary or secondary.", true), noWait },
              { QStringLiteral("rolloutctl online-endpoint regenerate-keys -n my-endpoint "
                               "--key-type primary") } },
            regenerate },
    };
}

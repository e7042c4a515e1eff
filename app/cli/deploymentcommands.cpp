// rolloutctl online-deployment ...

#include "armjson.h"
#include "cliapp.h"
#include "clicommon.h"
#include "workspaceclient.h"
#include "yamlspec.h"

#include <QJsonArray>

using namespace Cli;

namespace {

const QString kName = QStringLiteral("name");
const QString kEndpoint = QStringLiteral("endpoint-name");

YamlSpec::LoadOptions loadOptions(const ParsedArgs &args)
{
    YamlSpec::LoadOptions options;
    options.setOverrides = args.all(QStringLiteral("set"));
    options.nameOverride = args.value(kName);
    options.endpointNameOverride = args.value(kEndpoint);
    return options;
}

Error notFound(const QString &name, const QString &endpoint)
{
    return Error { QStringLiteral("NotFound"),
        QStringLiteral("Deployment '%1' does not exist in endpoint '%2'; use `rolloutctl "
                       "online-deployment create` first.")
            .arg(name, endpoint),
        QString(), 0, 0 };
}

// The failed operation's message, with the deployment's log tail as the host gives it.
int failWithLogs(CliApp &app, WorkspaceClient *client, const Error &error, const QString &endpoint,
    const QString &name)
{
    Error shown = error;
    const ApiResult logs = app.await(client->getLogs(endpoint, name, 20));
    const QString content = logs.json.value(QStringLiteral("content")).toString().trimmed();
    if (logs.ok() && !content.isEmpty() && !error.message.contains(content))
        shown.message += QStringLiteral("\nLast lines of the deployment's logs:\n") + content;
    return app.fail(shown);
}

int createOrUpdate(CliApp &app, const ParsedArgs &args, bool create)
{
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    Deployment deployment;
    if (args.isSet(QStringLiteral("file"))) {
        Result<Deployment> loaded
            = YamlSpec::loadDeploymentFile(args.value(QStringLiteral("file")), loadOptions(args));
        if (!loaded)
            return app.fail(loaded.error());
        deployment = loaded.value();
        // Azure: local folders and local_* extensions are refused before any call.
        if (Status fits = client.value()->checkDeployment(deployment); !fits)
            return app.fail(fits.error());
    } else if (create) {
        return app.usageError(QStringLiteral("online-deployment create needs --file/-f with the "
                                             "deployment's YAML."));
    }
    const QString name = args.isSet(kName) ? args.value(kName) : deployment.name;
    const QString endpoint
        = args.isSet(kEndpoint) ? args.value(kEndpoint) : deployment.endpointName;
    if (name.isEmpty() || endpoint.isEmpty())
        return app.usageError(
            QStringLiteral("the deployment needs --name/-n and --endpoint-name/-e "
                           "(or name: and endpoint_name: in the file)."));
    const ApiResult existing = app.await(client.value()->getDeployment(endpoint, name));
    if (create && existing.ok()) {
        return app.fail(Error { QStringLiteral("Conflict"),
            QStringLiteral("Deployment '%1' already exists in endpoint '%2'; use "
                           "`rolloutctl online-deployment update` to change it.")
                .arg(name, endpoint),
            QString(), 0, 0 });
    }
    if (!create) {
        if (!existing.ok())
            return app.fail(
                existing.httpStatus == 404 ? notFound(name, endpoint) : *existing.error);
        if (!args.isSet(QStringLiteral("file"))) {
            // update --set: the deployment as it is, with the overrides applied.
            Result<Deployment> current = ArmJson::deploymentFromJson(existing.json);
            if (!current)
                return app.fail(current.error());
            Result<Deployment> applied
                = YamlSpec::applyOverrides(current.value(), args.all(QStringLiteral("set")));
            if (!applied)
                return app.fail(applied.error());
            deployment = applied.value();
            deployment.sourceJson = current->sourceJson;
        }
    } else if (existing.httpStatus != 404 && !existing.ok()) {
        return app.fail(*existing.error);
    }
    deployment.name = name;
    deployment.endpointName = endpoint;
    const bool wait = !args.isSet(QStringLiteral("no-wait"));
    const bool allTraffic = create && args.isSet(QStringLiteral("all-traffic"));
    if (allTraffic && !wait) {
        app.warn(
            QStringLiteral("All traffic won't be set to deployment %1 since no_wait option was "
                           "provided. You can try to set all the traffic to this deployment "
                           "once it has completed.")
                .arg(name));
    } else if (allTraffic) {
        app.warn(
            QStringLiteral("All traffic will be set to deployment %1 once it has been provisioned.")
                .arg(name));
    }
    const ApiResult result = app.await(client.value()->putDeployment(endpoint, deployment, wait));
    if (!result.ok()) {
        if (wait && result.httpStatus > 0 && result.httpStatus < 300)
            return failWithLogs(app, client.value(), *result.error, endpoint, name);
        return app.fail(*result.error);
    }
    if (!wait)
        return 0;
    if (allTraffic) {
        const ApiResult traffic = app.await(client.value()->updateTraffic(
            endpoint, TrafficMap { { name, 100 } }, std::nullopt, true));
        if (!traffic.ok())
            return app.fail(*traffic.error);
    }
    Result<QJsonObject> view = deploymentView(app, endpoint, name);
    return view ? app.print(view.value()) : app.fail(view.error());
}

int create(CliApp &app, const ParsedArgs &args) { return createOrUpdate(app, args, true); }

int update(CliApp &app, const ParsedArgs &args) { return createOrUpdate(app, args, false); }

int show(CliApp &app, const ParsedArgs &args)
{
    Result<QJsonObject> view = deploymentView(app, args.value(kEndpoint), args.value(kName));
    return view ? app.print(view.value()) : app.fail(view.error());
}

int list(CliApp &app, const ParsedArgs &args)
{
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    const ApiResult result = app.await(client.value()->listDeployments(args.value(kEndpoint)));
    if (!result.ok())
        return app.fail(*result.error);
    QJsonArray list;
    for (const QJsonValue &value : result.json.value(QStringLiteral("value")).toArray())
        list.append(deploymentViewFromArm(value.toObject()));
    return app.print(list);
}

int deleteResource(CliApp &app, const ParsedArgs &args)
{
    const QString name = args.value(kName);
    const QString endpoint = args.value(kEndpoint);
    if (!app.confirm(QStringLiteral("Are you sure you want to perform this operation?"), args)) {
        return app.fail(Error { QStringLiteral("NotConfirmed"),
            QStringLiteral("Deleting deployment '%1' needs confirmation: answer y "
                           "on a terminal, or pass --yes.")
                .arg(name),
            QString(), 0, 0 });
    }
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    const ApiResult existing = app.await(client.value()->getDeployment(endpoint, name));
    if (!existing.ok())
        return app.fail(*existing.error);
    const ApiResult result = app.await(
        client.value()->deleteDeployment(endpoint, name, !args.isSet(QStringLiteral("no-wait"))));
    return result.ok() ? 0 : app.fail(*result.error);
}

int logs(CliApp &app, const ParsedArgs &args)
{
    int lines = 0;
    if (args.isSet(QStringLiteral("lines"))) {
        bool ok = false;
        lines = args.value(QStringLiteral("lines")).toInt(&ok);
        if (!ok || lines < 1)
            return app.usageError(QStringLiteral("--lines must be a whole number of at least 1."));
    }
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return app.fail(client.error());
    const ApiResult result
        = app.await(client.value()->getLogs(args.value(kEndpoint), args.value(kName), lines));
    if (!result.ok())
        return app.fail(*result.error);
    // az ml prints the log text itself.
    return app.print(result.json.value(QStringLiteral("content")));
}

} // namespace

QList<CliApp::Entry> CliApp::deploymentCommands()
{
    const QString g = QStringLiteral("online-deployment");
    const CliOption name = option("name", "n", "Name of the deployment.", true);
    const CliOption nameOptional
        = option("name", "n", "Name of the deployment (overrides the file's name).");
    const CliOption endpoint = option(
        "endpoint-name", "e", "Name of the endpoint.", true, { QStringLiteral("endpoint") });
    const CliOption endpointOptional
        = option("endpoint-name", "e", "Name of the endpoint (overrides the file's endpoint_name).",
            false, { QStringLiteral("endpoint") });
    const CliOption file
        = option("file", "f", "Local path to the YAML file with the deployment's specification.");
    const CliOption set
        = repeated("set", "Update an object by a property path and value, e.g. instance_count=2.");
    const CliOption noWait
        = flag("no-wait", "", "Do not wait for the long-running operation to finish.");
    return {
        { { g, QStringLiteral("create"),
              QStringLiteral("Create a deployment (0 % traffic unless --all-traffic)."),
              { nameOptional, endpointOptional, file, set,
                  flag("all-traffic", "",
                      "Send all the endpoint's traffic to this deployment once it is ready."),
                  noWait },
              { QStringLiteral("rolloutctl online-deployment create --name blue --endpoint-name "
                               "my-endpoint -f blue-deployment.yml --all-traffic"),
                  QStringLiteral("rolloutctl online-deployment create --name green --endpoint-name "
                                 "my-endpoint -f green-deployment.yml") } },
            create },
        { { g, QStringLiteral("show"), QStringLiteral("Show a deployment."), { name, endpoint },
              { QStringLiteral("rolloutctl online-deployment show -n blue -e my-endpoint") } },
            show },
        { { g, QStringLiteral("list"), QStringLiteral("List the deployments of an endpoint."),
              { endpoint },
              { QStringLiteral("rolloutctl online-deployment list -e my-endpoint -o table") } },
            list },
        { { g, QStringLiteral("update"),
              QStringLiteral("Update a deployment (scale, new model or code)."),
              { nameOptional, endpointOptional, file, set, noWait },
              { QStringLiteral("rolloutctl online-deployment update --name blue --endpoint-name "
                               "my-endpoint --set instance_count=2") } },
            update },
        { { g, QStringLiteral("delete"),
              QStringLiteral("Delete a deployment (it must have no live traffic)."),
              { name, endpoint, flag("yes", "y", "Do not prompt for confirmation."), noWait },
              { QStringLiteral("rolloutctl online-deployment delete --name blue --endpoint "
                               "my-endpoint --yes --no-wait") } },
            deleteResource },
        { { g, QStringLiteral("get-logs"),
              QStringLiteral("Show the logs of a deployment's instances."),
              { name, endpoint, option("lines", "l", "Number of log lines from the end.") },
              { QStringLiteral(
                  "rolloutctl online-deployment get-logs -n green -e my-endpoint --lines 50") } },
            logs },
    };
}

#include "clicommon.h"

#include "armjson.h"
#include "cliview.h"
#include "workspaceclient.h"

namespace Cli {

Result<QJsonObject> endpointView(CliApp &app, const QString &name)
{
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return client.error();
    const ApiResult result = app.await(client.value()->getEndpoint(name));
    if (!result.ok())
        return *result.error;
    Result<Endpoint> endpoint = ArmJson::endpointFromJson(result.json);
    if (!endpoint)
        return endpoint.error();
    Result<QStringList> names = app.deploymentNames(name);
    if (!names)
        return names.error();
    return CliView::endpoint(endpoint.value(), names.value());
}

QJsonObject deploymentViewFromArm(const QJsonObject &arm)
{
    Result<Deployment> deployment = ArmJson::deploymentFromJson(arm);
    if (!deployment)
        return arm;
    Deployment d = deployment.value();
    // endpoint_name comes from the resource id: .../onlineEndpoints/E/deployments/D
    const QStringList parts = d.id.split(QLatin1Char('/'));
    const qsizetype at = parts.indexOf(QStringLiteral("onlineEndpoints"));
    if (d.endpointName.isEmpty() && at >= 0 && at + 1 < parts.size())
        d.endpointName = parts[at + 1];
    return CliView::deployment(d, arm.value(QStringLiteral("properties")).toObject());
}

Result<QJsonObject> deploymentView(CliApp &app, const QString &endpoint, const QString &name)
{
    Result<WorkspaceClient *> client = app.workspace();
    if (!client)
        return client.error();
    const ApiResult result = app.await(client.value()->getDeployment(endpoint, name));
    if (!result.ok())
        return *result.error;
    return deploymentViewFromArm(result.json);
}

} // namespace Cli

#include "azureassets.h"

namespace {

Result<QString> armId(const QString &reference, AssetKind kind, const QString &workspacePath,
    const char *collection, const QString &field)
{
    if (kind == AssetKind::ArmId && reference.startsWith(QLatin1String("azureml:")))
        return reference.mid(8);
    if (kind != AssetKind::AssetRef || !reference.startsWith(QLatin1String("azureml:"))
        || reference.startsWith(QLatin1String("azureml://")))
        return reference;
    const QString rest = reference.mid(8);
    if (rest.contains(QLatin1Char('@'))) {
        return Error::validation(field,
            QStringLiteral("%1 '%2' names a label; give the version instead "
                           "(azureml:%3:VERSION; `az ml %4 list --name %3` shows them).")
                .arg(field, reference, rest.section(QLatin1Char('@'), 0, 0),
                    QString::fromLatin1(collection).chopped(1)));
    }
    const QString name = rest.section(QLatin1Char(':'), 0, 0);
    const QString version = rest.section(QLatin1Char(':'), 1);
    if (name.isEmpty() || version.isEmpty())
        return reference; // other URIs (datastores, ...) go as they are
    return QStringLiteral("%1/%2/%3/versions/%4")
        .arg(workspacePath, QLatin1String(collection), name, version);
}

} // namespace

namespace AzureAssets {

Result<Deployment> toArmIds(const Deployment &deployment, const QString &workspacePath)
{
    Deployment d = deployment;
    Result<QString> model
        = armId(d.model.value, d.model.kind, workspacePath, "models", QStringLiteral("model"));
    if (!model)
        return model.error();
    d.model.value = model.value();
    if (!d.environment.isInline()) {
        Result<QString> environment = armId(d.environment.value, d.environment.kind, workspacePath,
            "environments", QStringLiteral("environment"));
        if (!environment)
            return environment.error();
        d.environment.value = environment.value();
    }
    if (d.codeConfiguration) {
        Result<QString> code = armId(d.codeConfiguration->code, d.codeConfiguration->kind,
            workspacePath, "codes", QStringLiteral("code_configuration.code"));
        if (!code)
            return code.error();
        d.codeConfiguration->code = code.value();
    }
    return d;
}

Status checkDeployment(const Deployment &d)
{
    const QString name = d.name.isEmpty() ? QStringLiteral("NAME") : d.name;
    if (!d.localCommand.isEmpty()) {
        return Error::validation(QStringLiteral("local_command"),
            QStringLiteral("local_command is a local-workspace extension; Azure ML runs the "
                           "model from its environment's image. Remove local_command from "
                           "deployment '%1' for an Azure workspace.")
                .arg(name));
    }
    if (!d.localPython.isEmpty()) {
        return Error::validation(QStringLiteral("local_python"),
            QStringLiteral("local_python is a local-workspace extension; Azure ML takes the "
                           "interpreter from the environment's image. Remove local_python from "
                           "deployment '%1' for an Azure workspace.")
                .arg(name));
    }
    if (d.model.kind == AssetKind::LocalPath) {
        return Error::validation(QStringLiteral("model"),
            QStringLiteral("The model of deployment '%1' is the local path %2; an Azure ML "
                           "workspace needs a registered model. Register it with `az ml model "
                           "create --name %1-model --version 1 --path %2 -g GROUP -w WORKSPACE` "
                           "and set model: azureml:%1-model:1.")
                .arg(name, d.model.value));
    }
    if (d.codeConfiguration && d.codeConfiguration->kind == AssetKind::LocalPath) {
        return Error::validation(QStringLiteral("code_configuration.code"),
            QStringLiteral("The code of deployment '%1' is the local folder %2; an Azure ML "
                           "workspace needs a code asset. Upload it (for example with `az ml "
                           "online-deployment create`, which registers the folder) and set "
                           "code_configuration.code to the code asset's id "
                           "(azureml:/subscriptions/.../codes/NAME/versions/1).")
                .arg(name, d.codeConfiguration->code));
    }
    if (d.environment.isInline() && !d.environment.condaFile.isEmpty()) {
        return Error::validation(QStringLiteral("environment.conda_file"),
            QStringLiteral("The environment of deployment '%1' uses the local conda file %2; "
                           "an Azure ML workspace needs a registered environment. Register it "
                           "with `az ml environment create --name %1-env --version 1 "
                           "--conda-file %2 --image %3 -g GROUP -w WORKSPACE` and set "
                           "environment: azureml:%1-env:1.")
                .arg(name, d.environment.condaFile,
                    d.environment.image.isEmpty() ? QStringLiteral("IMAGE") : d.environment.image));
    }
    if (d.environment.isInline() && d.environment.build
        && d.environment.build->path.startsWith(QLatin1Char('/'))) {
        return Error::validation(QStringLiteral("environment.build.path"),
            QStringLiteral("The environment of deployment '%1' builds from the local folder %2; "
                           "register it with `az ml environment create --name %1-env "
                           "--version 1 --build-context %2 -g GROUP -w WORKSPACE` and set "
                           "environment: azureml:%1-env:1.")
                .arg(name, d.environment.build->path));
    }
    return {};
}

} // namespace AzureAssets

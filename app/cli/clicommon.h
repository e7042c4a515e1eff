#pragma once

// Small helpers the command files share.

#include "cliapp.h"
#include "cliargs.h"

#include <QJsonObject>

namespace Cli {

inline CliOption option(const char *name, const char *shortName, const char *help,
    bool required = false, const QStringList &aliases = {})
{
    CliOption o;
    o.name = QLatin1String(name);
    o.shortName = QLatin1String(shortName);
    o.help = QLatin1String(help);
    o.required = required;
    o.aliases = aliases;
    return o;
}

inline CliOption flag(const char *name, const char *shortName, const char *help)
{
    CliOption o = option(name, shortName, help);
    o.takesValue = false;
    return o;
}

inline CliOption repeated(const char *name, const char *help)
{
    CliOption o = option(name, "", help);
    o.repeatable = true;
    return o;
}

// GET of the endpoint and its deployment names, printed as `az ml online-endpoint show`.
Result<QJsonObject> endpointView(CliApp &app, const QString &name);
// GET of a deployment, printed as `az ml online-deployment show`.
Result<QJsonObject> deploymentView(CliApp &app, const QString &endpoint, const QString &name);
// A resource from an ARM answer, for views.
QJsonObject deploymentViewFromArm(const QJsonObject &arm);

} // namespace Cli

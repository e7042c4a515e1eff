#pragma once

// Loader of the Azure ML CLI v2 YAML files for managed online endpoints and deployments.
// yaml-cpp exceptions stop here and come out as Errors with line and column.

#include "domain.h"
#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace YamlSpec {

enum class Workspace {
    Local, // local_command / local_python allowed; local paths must exist
    Azure, // local_command / local_python refused
};

struct LoadOptions
{
    Workspace workspace = Workspace::Local;
    // `--set key=value` overrides with dotted paths, applied to the document before it is
    // checked, so they go through the same validation as the file.
    QStringList setOverrides;
    // `--name` / `--endpoint-name`: replace the file's `name` / `endpoint_name` (a
    // deployment's) before it is checked. Empty: not given.
    QString nameOverride;
    QString endpointNameOverride;
};

// A file: relative paths resolve against the file's folder.
Result<Endpoint> loadEndpointFile(const QString &path, const LoadOptions &options = {});
Result<Deployment> loadDeploymentFile(const QString &path, const LoadOptions &options = {});

// Text: relative paths resolve against baseDir; `sourceName` names the text in messages.
Result<Endpoint> parseEndpoint(const QByteArray &yaml, const QString &baseDir,
                               const LoadOptions &options = {},
                               const QString &sourceName = QString());
Result<Deployment> parseDeployment(const QByteArray &yaml, const QString &baseDir,
                                   const LoadOptions &options = {},
                                   const QString &sourceName = QString());

// Applies `--set` overrides to an existing resource, as `az ml ... update --set` does.
Result<Endpoint> applyOverrides(const Endpoint &endpoint, const QStringList &overrides);
Result<Deployment> applyOverrides(const Deployment &deployment, const QStringList &overrides);

// The YAML form of a resource (as `az ml ... show -o yaml` prints it).
QByteArray toYaml(const Endpoint &endpoint);
QByteArray toYaml(const Deployment &deployment);

} // namespace YamlSpec

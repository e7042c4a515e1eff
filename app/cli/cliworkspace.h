#pragma once

// Which workspace a rolloutctl command talks to: --subscription, --resource-group/-g and
// --workspace-name/-w, else the defaults saved by `rolloutctl configure --defaults` (as
// `az configure --defaults`), else the local workspace. For Azure, the credential chain
// the CLI signs in with: a service principal from AZURE_* variables, then the Azure CLI.

#include "cliargs.h"
#include "workspaceprofile.h"

#include <QMap>

class TokenCredential;
class QObject;

namespace CliWorkspace {

// Keys `configure --defaults` takes: group, workspace, subscription, tenant, arm_host,
// authority_host.
QStringList defaultKeys();
// $XDG_CONFIG_HOME/rolloutdesk/rolloutctl.ini (section [defaults]).
QString configPath();
QMap<QString, QString> readDefaults();
// Sets (or, with an empty value, removes) the given keys; unknown keys are an error.
Status writeDefaults(const QMap<QString, QString> &values);

// Flags over defaults; the profile is validated (a wrong one is a usage error).
Result<WorkspaceProfile> profileFor(const ParsedArgs &args);

TokenCredential *credentialFor(const WorkspaceProfile &profile, QObject *parent);

} // namespace CliWorkspace

#pragma once

// Which workspace a client talks to: the local one (rolloutd) or an Azure ML workspace
// named by subscription, resource group and workspace name, with the ARM and Entra ID
// hosts of its cloud (sovereign clouds have their own). A value type: the app saves it
// in its settings, the CLI builds it from flags and `rolloutctl configure` defaults.

#include "result.h"
#include "workspaceclient.h"

#include <QString>

struct WorkspaceProfile
{
    QString subscriptionId;
    QString resourceGroup;
    QString workspaceName;
    QString armHost; // empty: https://management.azure.com
    QString authorityHost; // empty: https://login.microsoftonline.com
    QString tenantId; // empty: "organizations" for interactive sign-in

    static constexpr char DefaultArmHost[] = "https://management.azure.com";
    static constexpr char DefaultAuthorityHost[] = "https://login.microsoftonline.com";

    // No subscription, group or workspace given: the local workspace.
    bool isLocal() const;

    // Checks names and hosts; the message says which value is wrong and what it should be.
    Status validate() const;

    // Normalised base URLs ("https://host", no trailing slash); a bare host name gets https.
    QString armBaseUrl() const;
    QString authorityBaseUrl() const;
    // The token scope for ARM in this cloud: "<arm host>/.default".
    QString armScope() const;
    // The resource the Azure CLI asks a token for: "<arm host>/".
    QString armResource() const;

    // "/subscriptions/S/resourceGroups/G/providers/Microsoft.MachineLearningServices/workspaces/W"
    QString workspacePath() const;
    // "W (G)" for people.
    QString displayName() const;

    // The connection WorkspaceClient uses (no token: a credential provides it).
    WorkspaceConnection connection(const QString &userAgent) const;

    bool operator==(const WorkspaceProfile &other) const = default;
};

#pragma once

// How clients find the local workspace's host: DIR/rolloutd.json, written by rolloutd once
// it listens, read by rolloutctl and the app. Shared by both sides of the contract.

#include "result.h"

#include <QString>

namespace LocalWorkspace {

inline constexpr char SubscriptionId[] = "00000000-0000-0000-0000-000000000000";
inline constexpr char ResourceGroup[] = "local";
inline constexpr char WorkspaceName[] = "local";
inline constexpr char ApiVersion[] = "2025-12-01";

// --state-dir, else ROLLOUTDESK_STATE_DIR, else the user's data folder
// (~/.local/share/rolloutdesk/local).
QString stateDir(const QString &fromFlag = QString());

// ".../subscriptions/0000.../resourceGroups/local/providers/Microsoft.MachineLearningServices/
// workspaces/local" (no host).
QString workspacePath();

struct HostInfo
{
    qint64 pid = 0;
    QString controlUrl; // http://127.0.0.1:PORT
    QString tokenFile;
};

QString hostInfoPath(const QString &stateDir);
Result<HostInfo> readHostInfo(const QString &stateDir);
Status writeHostInfo(const QString &stateDir, const HostInfo &info);
Result<QString> readToken(const QString &tokenFile);

} // namespace LocalWorkspace

#include "hostinfo.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace LocalWorkspace {

QString stateDir(const QString &fromFlag)
{
    if (!fromFlag.isEmpty())
        return QDir(fromFlag).absolutePath();
    const QString env = qEnvironmentVariable("ROLLOUTDESK_STATE_DIR");
    if (!env.isEmpty())
        return QDir(env).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/rolloutdesk/local");
}

QString workspacePath()
{
    return QStringLiteral("/subscriptions/%1/resourceGroups/%2/providers/"
                          "Microsoft.MachineLearningServices/workspaces/%3")
        .arg(QLatin1String(SubscriptionId), QLatin1String(ResourceGroup),
            QLatin1String(WorkspaceName));
}

QString hostInfoPath(const QString &stateDir)
{
    return stateDir + QStringLiteral("/rolloutd.json");
}

Result<HostInfo> readHostInfo(const QString &stateDir)
{
    QFile file(hostInfoPath(stateDir));
    if (!file.open(QIODevice::ReadOnly)) {
        return Error { QStringLiteral("HostNotRunning"),
            QStringLiteral("No rolloutd has written %1 (%2).")
                .arg(file.fileName(), file.errorString()),
            file.fileName(), 0, 0 };
    }
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    HostInfo info;
    info.pid = o.value(QStringLiteral("pid")).toInteger();
    info.controlUrl = o.value(QStringLiteral("control_url")).toString();
    info.tokenFile = o.value(QStringLiteral("token_file")).toString();
    if (info.pid <= 0 || info.controlUrl.isEmpty() || info.tokenFile.isEmpty()) {
        return Error { QStringLiteral("HostInfoInvalid"),
            QStringLiteral("%1 lacks pid, control_url or token_file; it was not written "
                           "by a complete rolloutd start.")
                .arg(file.fileName()),
            file.fileName(), 0, 0 };
    }
    return info;
}

Status writeHostInfo(const QString &stateDir, const HostInfo &info)
{
    QSaveFile file(hostInfoPath(stateDir));
    if (!file.open(QIODevice::WriteOnly))
        return Error { QStringLiteral("HostInfoNotWritten"), file.errorString(), file.fileName(), 0,
            0 };
    // Owner only, like the token and the state: it tells where the token lies and who runs.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QJsonObject o { { QStringLiteral("pid"), info.pid },
        { QStringLiteral("control_url"), info.controlUrl },
        { QStringLiteral("token_file"), info.tokenFile } };
    file.write(QJsonDocument(o).toJson());
    if (!file.commit())
        return Error { QStringLiteral("HostInfoNotWritten"), file.errorString(), file.fileName(), 0,
            0 };
    return {};
}

Result<QString> readToken(const QString &tokenFile)
{
    QFile file(tokenFile);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error { QStringLiteral("TokenUnreadable"),
            QStringLiteral("Cannot read the host token %1: %2.").arg(tokenFile, file.errorString()),
            tokenFile, 0, 0 };
    }
    return QString::fromLatin1(file.readLine().trimmed());
}

} // namespace LocalWorkspace

#include "workspaceprofile.h"

#include <QRegularExpression>
#include <QUrl>

namespace {

QString normalisedHost(const QString &given, const char *fallback)
{
    QString host = given.trimmed();
    if (host.isEmpty())
        host = QLatin1String(fallback);
    if (!host.contains(QLatin1String("://")))
        host.prepend(QStringLiteral("https://"));
    while (host.endsWith(QLatin1Char('/')))
        host.chop(1);
    return host;
}

// Tokens travel in the Authorization header: plain http only to this machine (tests, the
// local host), never across a network.
Status checkHost(const QString &normalised, const QString &what, const QString &flag)
{
    const QUrl url(normalised, QUrl::StrictMode);
    const bool loopback = url.host() == QLatin1String("127.0.0.1")
        || url.host() == QLatin1String("localhost") || url.host() == QLatin1String("::1");
    if (!url.isValid() || url.host().isEmpty() || !url.path().isEmpty() || url.hasQuery()) {
        return Error::validation(flag,
            QStringLiteral("The %1 '%2' is not a host name; give it as host.example.com or "
                           "https://host.example.com.")
                .arg(what, normalised));
    }
    if (url.scheme() != QLatin1String("https")
        && !(url.scheme() == QLatin1String("http") && loopback)) {
        return Error::validation(flag,
            QStringLiteral("The %1 '%2' must use https (plain http is allowed for 127.0.0.1 "
                           "only), as access tokens are sent to it.")
                .arg(what, normalised));
    }
    return {};
}

} // namespace

bool WorkspaceProfile::isLocal() const
{
    return subscriptionId.isEmpty() && resourceGroup.isEmpty() && workspaceName.isEmpty();
}

Status WorkspaceProfile::validate() const
{
    if (isLocal())
        return {};
    if (subscriptionId.isEmpty() || resourceGroup.isEmpty() || workspaceName.isEmpty()) {
        QStringList missing;
        if (subscriptionId.isEmpty())
            missing << QStringLiteral("subscription (--subscription)");
        if (resourceGroup.isEmpty())
            missing << QStringLiteral("resource group (--resource-group/-g)");
        if (workspaceName.isEmpty())
            missing << QStringLiteral("workspace name (--workspace-name/-w)");
        return Error::validation(QStringLiteral("workspace"),
            QStringLiteral("An Azure ML workspace needs a subscription, a resource group and a "
                           "workspace name; missing: %1. Give them, or save defaults with "
                           "`rolloutctl configure --defaults group=G workspace=W`.")
                .arg(missing.join(QStringLiteral(", "))));
    }
    // A GUID by shape (the all-zero one is the local workspace's, served by rolloutd too).
    static const QRegularExpression guid(QStringLiteral(
        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
    if (!guid.match(subscriptionId).hasMatch()) {
        return Error::validation(QStringLiteral("subscription"),
            QStringLiteral("The subscription '%1' is not a subscription id; give the GUID "
                           "shown by `az account show --query id`.")
                .arg(subscriptionId));
    }
    static const QRegularExpression group(QStringLiteral("^[-\\w\\._\\(\\)]{1,90}$"));
    if (!group.match(resourceGroup).hasMatch() || resourceGroup.endsWith(QLatin1Char('.'))) {
        return Error::validation(QStringLiteral("resource-group"),
            QStringLiteral("The resource group '%1' is not a valid name: 1-90 letters, digits, "
                           "'-', '_', '.', '(' or ')', not ending in '.'.")
                .arg(resourceGroup));
    }
    static const QRegularExpression workspace(QStringLiteral("^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$"));
    if (!workspace.match(workspaceName).hasMatch()) {
        return Error::validation(QStringLiteral("workspace-name"),
            QStringLiteral("The workspace name '%1' is not valid: 3-33 letters, digits, '-' or "
                           "'_', starting with a letter or digit.")
                .arg(workspaceName));
    }
    if (!tenantId.isEmpty()) {
        static const QRegularExpression tenant(QStringLiteral("^[A-Za-z0-9.-]{1,100}$"));
        if (!tenant.match(tenantId).hasMatch()) {
            return Error::validation(QStringLiteral("tenant"),
                QStringLiteral("The tenant '%1' is not a tenant id or domain.").arg(tenantId));
        }
    }
    if (Status arm
        = checkHost(armBaseUrl(), QStringLiteral("ARM host"), QStringLiteral("arm-host"));
        !arm)
        return arm;
    return checkHost(
        authorityBaseUrl(), QStringLiteral("authority host"), QStringLiteral("authority-host"));
}

QString WorkspaceProfile::armBaseUrl() const { return normalisedHost(armHost, DefaultArmHost); }

QString WorkspaceProfile::authorityBaseUrl() const
{
    return normalisedHost(authorityHost, DefaultAuthorityHost);
}

QString WorkspaceProfile::armScope() const { return armBaseUrl() + QStringLiteral("/.default"); }

QString WorkspaceProfile::armResource() const { return armBaseUrl() + QLatin1Char('/'); }

QString WorkspaceProfile::workspacePath() const
{
    return QStringLiteral("/subscriptions/%1/resourceGroups/%2/providers/"
                          "Microsoft.MachineLearningServices/workspaces/%3")
        .arg(subscriptionId, resourceGroup, workspaceName);
}

QString WorkspaceProfile::displayName() const
{
    if (isLocal())
        return QStringLiteral("local");
    return QStringLiteral("%1 (%2)").arg(workspaceName, resourceGroup);
}

WorkspaceConnection WorkspaceProfile::connection(const QString &userAgent) const
{
    WorkspaceConnection connection;
    connection.baseUrl = armBaseUrl();
    connection.workspacePath = workspacePath();
    connection.userAgent = userAgent;
    connection.azure = !isLocal();
    return connection;
}

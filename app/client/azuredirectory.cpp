#include "azuredirectory.h"

#include "armtransport.h"
#include "hostinfo.h"
#include "oauth2.h"
#include "tokencredential.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QUrlQuery>

AzureDirectory::AzureDirectory(
    const WorkspaceProfile &cloud, TokenCredential *credential, QObject *parent)
    : QObject(parent)
    , m_cloud(cloud)
    , m_network(new QNetworkAccessManager(this))
    , m_transport(new ArmTransport(m_network, this))
{
    OAuth2::configureProxy(m_network, m_cloud.armBaseUrl());
    m_transport->credential = credential;
}

QList<AzureSubscription> AzureDirectory::subscriptionsFromJson(const QJsonObject &page)
{
    QList<AzureSubscription> subscriptions;
    for (const QJsonValue &item : page.value(QStringLiteral("value")).toArray()) {
        const QJsonObject o = item.toObject();
        AzureSubscription s;
        s.id = o.value(QStringLiteral("subscriptionId")).toString();
        s.displayName = o.value(QStringLiteral("displayName")).toString();
        s.tenantId = o.value(QStringLiteral("tenantId")).toString();
        s.state = o.value(QStringLiteral("state")).toString();
        if (!s.id.isEmpty())
            subscriptions.append(s);
    }
    return subscriptions;
}

QList<WorkspaceProfile> AzureDirectory::workspacesFromJson(
    const QJsonObject &page, const WorkspaceProfile &cloud)
{
    QList<WorkspaceProfile> workspaces;
    for (const QJsonValue &item : page.value(QStringLiteral("value")).toArray()) {
        // /subscriptions/S/resourceGroups/G/providers/Microsoft.MachineLearningServices/workspaces/W
        const QStringList parts = item.toObject()
                                      .value(QStringLiteral("id"))
                                      .toString()
                                      .split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.size() < 8
            || parts[0].compare(QLatin1String("subscriptions"), Qt::CaseInsensitive) != 0
            || parts[2].compare(QLatin1String("resourceGroups"), Qt::CaseInsensitive) != 0)
            continue;
        WorkspaceProfile p = cloud;
        p.subscriptionId = parts[1];
        p.resourceGroup = parts[3];
        p.workspaceName = parts[7];
        workspaces.append(p);
    }
    return workspaces;
}

void AzureDirectory::listSubscriptions()
{
    QUrl url(m_cloud.armBaseUrl() + QStringLiteral("/subscriptions"));
    url.setQuery(QStringLiteral("api-version=%1").arg(QLatin1String(SubscriptionsApiVersion)));
    ApiReply *reply = m_transport->sendPaged(url);
    connect(reply, &ApiReply::finished, this, [this](const ApiResult &result) {
        if (!result.ok())
            emit listFailed(*result.error);
        else
            emit subscriptionsListed(subscriptionsFromJson(result.json));
    });
}

void AzureDirectory::listWorkspaces(const QString &subscriptionId)
{
    QUrl url(m_cloud.armBaseUrl() + QStringLiteral("/subscriptions/") + subscriptionId
        + QStringLiteral("/providers/Microsoft.MachineLearningServices/workspaces"));
    url.setQuery(QStringLiteral("api-version=%1").arg(QLatin1String(LocalWorkspace::ApiVersion)));
    ApiReply *reply = m_transport->sendPaged(url);
    connect(reply, &ApiReply::finished, this, [this, subscriptionId](const ApiResult &result) {
        if (!result.ok())
            emit listFailed(*result.error);
        else
            emit workspacesListed(subscriptionId, workspacesFromJson(result.json, m_cloud));
    });
}

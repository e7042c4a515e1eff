#pragma once

// What a signed-in user can reach on Azure, for the workspace picker: the subscriptions
// (GET /subscriptions) and, in one subscription, the Azure ML workspaces (GET
// /subscriptions/{id}/providers/Microsoft.MachineLearningServices/workspaces), every page
// followed, each workspace as a WorkspaceProfile of this cloud.

#include "apireply.h"
#include "workspaceprofile.h"

#include <QList>
#include <QObject>

class ArmTransport;
class QNetworkAccessManager;
class TokenCredential;

struct AzureSubscription
{
    QString id; // the GUID
    QString displayName;
    QString tenantId;
    QString state; // Enabled, Disabled, Warned, ...
};

class AzureDirectory final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AzureDirectory)
public:
    static constexpr char SubscriptionsApiVersion[] = "2022-12-01";

    // `cloud` gives the ARM and authority hosts (its names are ignored); `credential` is
    // not owned.
    AzureDirectory(
        const WorkspaceProfile &cloud, TokenCredential *credential, QObject *parent = nullptr);

    // Each emits its "listed" or listFailed once per call.
    void listSubscriptions();
    void listWorkspaces(const QString &subscriptionId);

    static QList<AzureSubscription> subscriptionsFromJson(const QJsonObject &page);
    // Workspaces from {"value": [{"id": ".../resourceGroups/G/.../workspaces/W", ...}]}.
    static QList<WorkspaceProfile> workspacesFromJson(
        const QJsonObject &page, const WorkspaceProfile &cloud);

signals:
    void subscriptionsListed(const QList<AzureSubscription> &subscriptions);
    void workspacesListed(const QString &subscriptionId, const QList<WorkspaceProfile> &workspaces);
    void listFailed(const Error &error);

private:
    WorkspaceProfile m_cloud;
    QNetworkAccessManager *m_network;
    ArmTransport *m_transport;
};

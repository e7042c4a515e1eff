// After sign-in, the subscriptions and Azure ML workspaces a user can reach, every page
// followed, from a local server answering in the shapes ARM uses; and a refusal's message.

#include "azuredirectory.h"
#include "tokencredential.h"
#include "ui/fakehttpserver.h"

#include <QSignalSpy>
#include <QTest>

namespace {

class FixedCredential final : public TokenCredential
{
public:
    QString name() const override { return QStringLiteral("FixedCredential"); }

protected:
    void fetch() override
    {
        fetchFinished(
            BearerToken { QStringLiteral("tok"), QDateTime::currentDateTimeUtc().addSecs(3600) });
    }
};

const QByteArray SubA = "0b1f6471-1bf0-4dda-aec3-111122223333";

} // namespace

class TestAzureDirectory : public QObject
{
    Q_OBJECT
private slots:
    void listsSubscriptionsAndWorkspaces();
    void failureCarriesTheMessage();
};

void TestAzureDirectory::listsSubscriptionsAndWorkspaces()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    const QByteArray next
        = server.url(QStringLiteral("/subscriptions?api-version=2022-12-01&%24skiptoken=x"))
              .toLatin1();
    server.handler = [&](const FakeHttpServer::Request &r) {
        FakeHttpServer::Answer a;
        if (r.target == "/subscriptions?api-version=2022-12-01")
            a.body = R"({"value": [{"id": "/subscriptions/)" + SubA + R"(", "subscriptionId": ")"
                + SubA
                + R"(", "displayName": "ML team", "tenantId": "t-1", "state": "Enabled"}], "nextLink": ")"
                + next + "\"}";
        else if (r.target.startsWith("/subscriptions?api-version=2022-12-01&"))
            a.body
                = R"({"value": [{"subscriptionId": "22222222-1bf0-4dda-aec3-111122223333", "displayName": "Sandbox", "state": "Disabled"}]})";
        else if (r.target
            == "/subscriptions/" + SubA
                + "/providers/Microsoft.MachineLearningServices/workspaces?api-version=2025-12-01")
            a.body = R"({"value": [{"id": "/subscriptions/)" + SubA
                + R"(/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/fraud-ws", "name": "fraud-ws", "location": "westeurope"}, {"id": "not an id"}]})";
        else
            a.status = 404;
        return std::optional(a);
    };
    WorkspaceProfile cloud;
    cloud.armHost = server.url(QString());
    cloud.authorityHost = QStringLiteral("http://127.0.0.1:1");
    FixedCredential credential;
    AzureDirectory directory(cloud, &credential);
    QList<AzureSubscription> subscriptions;
    QList<WorkspaceProfile> workspaces;
    connect(&directory, &AzureDirectory::subscriptionsListed, this,
        [&](const QList<AzureSubscription> &s) { subscriptions = s; });
    connect(&directory, &AzureDirectory::workspacesListed, this,
        [&](const QString &, const QList<WorkspaceProfile> &w) { workspaces = w; });
    directory.listSubscriptions();
    QTRY_COMPARE(subscriptions.size(), 2);
    QCOMPARE(subscriptions[0].id, QString::fromLatin1(SubA));
    QCOMPARE(subscriptions[0].displayName, QStringLiteral("ML team"));
    QCOMPARE(subscriptions[1].state, QStringLiteral("Disabled"));
    directory.listWorkspaces(QString::fromLatin1(SubA));
    QTRY_COMPARE(workspaces.size(), 1);
    QCOMPARE(workspaces[0].resourceGroup, QStringLiteral("rg-ml"));
    QCOMPARE(workspaces[0].workspaceName, QStringLiteral("fraud-ws"));
    QCOMPARE(workspaces[0].armHost, cloud.armHost); // the same cloud
    QVERIFY(workspaces[0].validate().ok());
    QCOMPARE(
        server.requests().constFirst().headers.value("authorization"), QByteArray("Bearer tok"));
}

void TestAzureDirectory::failureCarriesTheMessage()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.handler = [](const FakeHttpServer::Request &) {
        FakeHttpServer::Answer a;
        a.status = 403;
        a.body
            = R"({"error": {"code": "AuthorizationFailed", "message": "The client has no access to subscription 0b1f."}})";
        return std::optional(a);
    };
    WorkspaceProfile cloud;
    cloud.armHost = server.url(QString());
    FixedCredential credential;
    AzureDirectory directory(cloud, &credential);
    QString message;
    connect(&directory, &AzureDirectory::listFailed, this,
        [&](const Error &e) { message = e.message; });
    directory.listWorkspaces(QString::fromLatin1(SubA));
    QTRY_COMPARE(message, QStringLiteral("The client has no access to subscription 0b1f."));
}

QTEST_GUILESS_MAIN(TestAzureDirectory)
#include "tst_azuredirectory.moc"

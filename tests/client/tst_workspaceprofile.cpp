// Workspace profiles: which are local, which are valid Azure workspaces (and what the
// message says when not), and the URLs and paths built from them.

#include "workspaceprofile.h"

#include <QTest>

namespace {

const QString Sub = QStringLiteral("0b1f6471-1bf0-4dda-aec3-111122223333");

WorkspaceProfile azure(const QString &sub = Sub, const QString &group = QStringLiteral("rg-ml"),
    const QString &workspace = QStringLiteral("my-ws"))
{
    WorkspaceProfile p;
    p.subscriptionId = sub;
    p.resourceGroup = group;
    p.workspaceName = workspace;
    return p;
}

} // namespace

class TestWorkspaceProfile : public QObject
{
    Q_OBJECT
private slots:
    void validate_data();
    void validate();
    void urls_data();
    void urls();
    void connection();
};

void TestWorkspaceProfile::validate_data()
{
    QTest::addColumn<WorkspaceProfile>("profile");
    QTest::addColumn<QString>("target"); // empty: valid
    QTest::addColumn<QString>("message");
    QTest::newRow("local") << WorkspaceProfile() << QString() << QString();
    QTest::newRow("azure") << azure() << QString() << QString();
    QTest::newRow("group with dots and parens")
        << azure(Sub, QStringLiteral("rg.ml(prod)")) << QString() << QString();
    QTest::newRow("missing group and workspace")
        << azure(Sub, QString(), QString()) << QStringLiteral("workspace")
        << QStringLiteral("missing: resource group (--resource-group/-g), workspace name "
                          "(--workspace-name/-w)");
    QTest::newRow("subscription not a guid")
        << azure(QStringLiteral("my-sub")) << QStringLiteral("subscription")
        << QStringLiteral("'my-sub' is not a subscription id");
    QTest::newRow("group ends in dot")
        << azure(Sub, QStringLiteral("rg.")) << QStringLiteral("resource-group")
        << QStringLiteral("not ending in '.'");
    QTest::newRow("workspace too short")
        << azure(Sub, QStringLiteral("rg"), QStringLiteral("ws"))
        << QStringLiteral("workspace-name") << QStringLiteral("3-33 letters");
    WorkspaceProfile http = azure();
    http.armHost = QStringLiteral("http://management.example.com");
    QTest::newRow("arm over http")
        << http << QStringLiteral("arm-host") << QStringLiteral("must use https");
    WorkspaceProfile path = azure();
    path.authorityHost = QStringLiteral("https://login.example.com/tenant");
    QTest::newRow("authority with a path")
        << path << QStringLiteral("authority-host") << QStringLiteral("is not a host name");
    WorkspaceProfile loopback = azure();
    loopback.armHost = QStringLiteral("http://127.0.0.1:8080");
    loopback.authorityHost = QStringLiteral("http://127.0.0.1:8081/");
    QTest::newRow("loopback over http") << loopback << QString() << QString();
}

void TestWorkspaceProfile::validate()
{
    QFETCH(WorkspaceProfile, profile);
    QFETCH(QString, target);
    QFETCH(QString, message);
    const Status status = profile.validate();
    QCOMPARE(status.ok(), target.isEmpty());
    if (!target.isEmpty()) {
        QCOMPARE(status.error().target, target);
        QVERIFY2(status.error().message.contains(message), qPrintable(status.error().message));
    }
}

void TestWorkspaceProfile::urls_data()
{
    QTest::addColumn<QString>("armHost");
    QTest::addColumn<QString>("authorityHost");
    QTest::addColumn<QString>("armBase");
    QTest::addColumn<QString>("authorityBase");
    QTest::addColumn<QString>("scope");
    QTest::newRow("public cloud") << QString() << QString()
                                  << QStringLiteral("https://management.azure.com")
                                  << QStringLiteral("https://login.microsoftonline.com")
                                  << QStringLiteral("https://management.azure.com/.default");
    QTest::newRow("US government, bare hosts")
        << QStringLiteral("management.usgovcloudapi.net")
        << QStringLiteral("login.microsoftonline.us/")
        << QStringLiteral("https://management.usgovcloudapi.net")
        << QStringLiteral("https://login.microsoftonline.us")
        << QStringLiteral("https://management.usgovcloudapi.net/.default");
}

void TestWorkspaceProfile::urls()
{
    QFETCH(QString, armHost);
    QFETCH(QString, authorityHost);
    WorkspaceProfile p = azure();
    p.armHost = armHost;
    p.authorityHost = authorityHost;
    QTEST(p.armBaseUrl(), "armBase");
    QTEST(p.authorityBaseUrl(), "authorityBase");
    QTEST(p.armScope(), "scope");
    QCOMPARE(p.armResource(), p.armBaseUrl() + QLatin1Char('/'));
}

void TestWorkspaceProfile::connection()
{
    const WorkspaceProfile p = azure();
    QVERIFY(!p.isLocal());
    QVERIFY(WorkspaceProfile().isLocal());
    QCOMPARE(p.displayName(), QStringLiteral("my-ws (rg-ml)"));
    const WorkspaceConnection c = p.connection(QStringLiteral("rolloutctl/0.1"));
    QCOMPARE(c.baseUrl, QStringLiteral("https://management.azure.com"));
    QCOMPARE(c.workspacePath,
        QStringLiteral("/subscriptions/%1/resourceGroups/rg-ml/providers/"
                       "Microsoft.MachineLearningServices/workspaces/my-ws")
            .arg(Sub));
    QCOMPARE(c.apiVersion, QStringLiteral("2025-12-01"));
    QCOMPARE(c.userAgent, QStringLiteral("rolloutctl/0.1"));
    QVERIFY(c.bearerToken.isEmpty());
}

QTEST_APPLESS_MAIN(TestWorkspaceProfile)
#include "tst_workspaceprofile.moc"

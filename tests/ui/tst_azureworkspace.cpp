// Azure ML workspaces in the app: the profile dialog refuses bad values and saves good ones
// (they survive a new AppSettings), the picker lists them after Local; choosing one signs in
// through the credential chain at a local OAuth2 token endpoint and loads a real rolloutd
// through the ARM path (the token endpoint hands out rolloutd's control token, as in
// tst_azureworkflow); a workspace that fails to load says why and Local stays usable; a
// device-code sign-in shows the code. The local-only routes (metrics feed, history) are
// not asked of an Azure workspace.

#include "appsettings.h"
#include "azureworkspacedialog.h"
#include "client/fakeoauthserver.h"
#include "endpointtreemodel.h"
#include "hostinfo.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "monitorpanel.h"
#include "trafficpanel.h"
#include "uitestsupport.h"
#include "workspacepicker.h"
#include "workspacestore.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

namespace {

const char *const EnvNames[] = { "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET" };

void fill(AzureWorkspaceDialog *dialog, const QString &name, const QString &text)
{
    auto *edit = dialog->findChild<QLineEdit *>(name);
    QVERIFY2(edit, qPrintable(name));
    edit->setText(text);
}

bool hasLabel(QWidget *root, const QString &text)
{
    const QList<QLabel *> labels = root->findChildren<QLabel *>();
    return std::any_of(labels.begin(), labels.end(), [&](QLabel *l) { return l->text() == text; });
}

QPushButton *messageAction(MessageBar *bar)
{
    for (QPushButton *button : bar->findChildren<QPushButton *>()) {
        if (button->isVisible())
            return button;
    }
    return nullptr;
}

} // namespace

class tst_AzureWorkspace : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void dialogRefusesBadInput_data();
    void dialogRefusesBadInput();
    void dialogSavesAndPickerLists();
    void azureWorkspaceLoadsEndpoints();
    void failingWorkspaceShowsWhy_data();
    void failingWorkspaceShowsWhy();
    void deviceCodeShowsTheCode();

private:
    WorkspaceProfile hostProfile(const QString &workspace) const;
    void openInPicker(MainWindow &window, const WorkspaceProfile &profile);
    void useEnvironmentCredential(bool on, const QString &secret = QString());

    HostFixture m_host;
    FakeOAuthServer m_oauth;
};

void tst_AzureWorkspace::initTestCase()
{
    UiTest::isolateSettings();
    QString error;
    QVERIFY2(UiTest::createDemo(m_host, &error), qPrintable(error));
    QVERIFY(m_oauth.listen());
    m_oauth.accessToken = m_host.client()->connection().bearerToken;
    // `az` must not answer for the user of this machine: a program that does not exist.
    qputenv("PATH", QByteArray("/nonexistent"));
}

void tst_AzureWorkspace::init()
{
    AppSettings().setAzureWorkspaces({});
    useEnvironmentCredential(false);
}

void tst_AzureWorkspace::useEnvironmentCredential(bool on, const QString &secret)
{
    if (!on) {
        for (const char *name : EnvNames)
            qunsetenv(name);
        return;
    }
    qputenv(EnvNames[0], m_oauth.tenant.toUtf8());
    qputenv(EnvNames[1], m_oauth.clientId.toUtf8());
    qputenv(EnvNames[2], (secret.isEmpty() ? m_oauth.clientSecret : secret).toUtf8());
}

WorkspaceProfile tst_AzureWorkspace::hostProfile(const QString &workspace) const
{
    WorkspaceProfile profile;
    profile.subscriptionId = QLatin1String(LocalWorkspace::SubscriptionId);
    profile.resourceGroup = QLatin1String(LocalWorkspace::ResourceGroup);
    profile.workspaceName = workspace;
    profile.armHost = m_host.client()->connection().baseUrl;
    profile.authorityHost = m_oauth.authority();
    profile.tenantId = m_oauth.tenant;
    return profile;
}

void tst_AzureWorkspace::openInPicker(MainWindow &window, const WorkspaceProfile &profile)
{
    AzureWorkspaceDialog *dialog = window.picker()->addWorkspace();
    QVERIFY(dialog);
    dialog->setProfile(profile);
    dialog->accept();
    QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
}

void tst_AzureWorkspace::dialogRefusesBadInput_data()
{
    QTest::addColumn<QString>("subscription");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("armHost");
    QTest::addColumn<QString>("expected");
    const QString sub = QStringLiteral("11111111-2222-3333-4444-555555555555");
    QTest::newRow("empty") << QString() << QString() << QString() << QString()
                           << QStringLiteral("Enter the subscription");
    QTest::newRow("no group") << sub << QString() << QStringLiteral("ws1") << QString()
                              << QStringLiteral("missing: resource group");
    QTest::newRow("not a guid") << QStringLiteral("my-sub") << QStringLiteral("rg")
                                << QStringLiteral("ws1") << QString()
                                << QStringLiteral("is not a subscription id");
    QTest::newRow("bad workspace")
        << sub << QStringLiteral("rg") << QStringLiteral("w") << QString()
        << QStringLiteral("workspace name 'w' is not valid");
    QTest::newRow("bad ARM host") << sub << QStringLiteral("rg") << QStringLiteral("ws1")
                                  << QStringLiteral("ftp://x y") << QStringLiteral("ARM host");
}

void tst_AzureWorkspace::dialogRefusesBadInput()
{
    QFETCH(QString, subscription);
    QFETCH(QString, group);
    QFETCH(QString, workspace);
    QFETCH(QString, armHost);
    QFETCH(QString, expected);
    WorkspacePicker picker;
    AzureWorkspaceDialog *dialog = picker.addWorkspace();
    fill(dialog, QStringLiteral("subscription"), subscription);
    fill(dialog, QStringLiteral("resourceGroup"), group);
    fill(dialog, QStringLiteral("workspaceName"), workspace);
    fill(dialog, QStringLiteral("armHost"), armHost);
    dialog->accept();
    QVERIFY2(dialog->errorText().contains(expected), qPrintable(dialog->errorText()));
    QVERIFY(dialog->isVisible()); // still open, to fix the value
    QCOMPARE(picker.comboBox()->count(), 1);
    QVERIFY(AppSettings().azureWorkspaces().isEmpty());
    dialog->reject();
}

void tst_AzureWorkspace::dialogSavesAndPickerLists()
{
    WorkspaceProfile profile;
    profile.subscriptionId = QStringLiteral("11111111-2222-3333-4444-555555555555");
    profile.resourceGroup = QStringLiteral("rg-ml");
    profile.workspaceName = QStringLiteral("ws-prod");
    profile.tenantId = QStringLiteral("contoso.onmicrosoft.com");
    {
        WorkspacePicker picker;
        QSignalSpy chosen(&picker, &WorkspacePicker::azureWorkspaceChosen);
        AzureWorkspaceDialog *dialog = picker.addWorkspace();
        fill(dialog, QStringLiteral("subscription"), QStringLiteral(" ") + profile.subscriptionId);
        fill(dialog, QStringLiteral("resourceGroup"), profile.resourceGroup);
        fill(dialog, QStringLiteral("workspaceName"), profile.workspaceName);
        fill(dialog, QStringLiteral("tenant"), profile.tenantId);
        dialog->accept();
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.at(0).at(0).value<WorkspaceProfile>(), profile);
    }
    // A new AppSettings (and a new picker) read it back; Local stays first.
    QCOMPARE(AppSettings().azureWorkspaces(), QList<WorkspaceProfile> { profile });
    WorkspacePicker picker;
    QCOMPARE(picker.comboBox()->count(), 2);
    QCOMPARE(picker.comboBox()->itemText(0), QStringLiteral("Local"));
    QCOMPARE(picker.comboBox()->itemText(1), QStringLiteral("Azure: ws-prod (rg-ml)"));

    // Edit renames it in place; Remove drops it and shows Local.
    picker.chooseProfile(0);
    AzureWorkspaceDialog *dialog = picker.editWorkspace();
    QVERIFY(dialog);
    fill(dialog, QStringLiteral("workspaceName"), QStringLiteral("ws-test"));
    dialog->accept();
    QCOMPARE(AppSettings().azureWorkspaces().size(), 1);
    QCOMPARE(AppSettings().azureWorkspaces().at(0).workspaceName, QStringLiteral("ws-test"));
    QSignalSpy local(&picker, &WorkspacePicker::localWorkspaceChosen);
    picker.removeWorkspace();
    QCOMPARE(local.size(), 1);
    QCOMPARE(picker.comboBox()->count(), 1);
    QVERIFY(AppSettings().azureWorkspaces().isEmpty());
}

void tst_AzureWorkspace::azureWorkspaceLoadsEndpoints()
{
    useEnvironmentCredential(true);
    MainWindow window(StartOptions { m_host.stateDir(), false });
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.store() && window.store()->isLoaded(), 20000);
    const int issued = m_oauth.issued;

    openInPicker(window, hostProfile(QStringLiteral("local")));
    QVERIFY(window.store());
    QVERIFY(!window.store()->client()->servesLocalRoutes());
    QTRY_VERIFY_WITH_TIMEOUT(window.store()->isLoaded(), 20000);
    QVERIFY(window.treeModel()->indexOf(QStringLiteral("demo")).isValid());
    QVERIFY(window.treeModel()->indexOf(QStringLiteral("demo"), QStringLiteral("green")).isValid());
    QCOMPARE(m_oauth.issued, issued + 1);
    QTRY_COMPARE(window.picker()->signInState(), WorkspacePicker::SignIn::SignedIn);
    QVERIFY2(window.picker()->signInText().startsWith(QStringLiteral("Signed in as ")),
        qPrintable(window.picker()->signInText()));
    QVERIFY2(window.hostStatus().contains(QStringLiteral("Azure workspace local")),
        qPrintable(window.hostStatus()));

    // rolloutd would serve the feed and the history; on an Azure workspace they are not asked.
    window.selectEndpoint(QStringLiteral("demo"));
    auto *monitor = window.findChild<MonitorPanel *>();
    QVERIFY(monitor);
    window.panels()->setCurrentWidget(monitor); // the feed polls while the tab is shown
    QTRY_COMPARE(monitor->feed()->availability(), MetricsFeed::Availability::Unsupported);
    QTRY_VERIFY(hasLabel(window.trafficPanel(),
        QStringLiteral("The change history is not available on Azure workspaces.")));

    // The profile is saved; the token that signed in is not, anywhere in the settings.
    QSettings settings;
    QVERIFY(!settings.allKeys().isEmpty());
    for (const QString &key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains(m_oauth.accessToken), qPrintable(key));

    window.picker()->chooseLocal();
    QTRY_VERIFY_WITH_TIMEOUT(window.store() && window.store()->isLoaded(), 20000);
    QVERIFY(window.store()->client()->servesLocalRoutes());
    QVERIFY(window.picker()->signInText().isEmpty());
}

void tst_AzureWorkspace::failingWorkspaceShowsWhy_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QString>("expected");
    QTest::newRow("wrong workspace (404)")
        << QStringLiteral("nosuchws") << QString() << QStringLiteral("nosuchws");
    QTest::newRow("token refused") << QStringLiteral("local") << QStringLiteral("wrong-secret")
                                   << QStringLiteral("invalid_client");
}

void tst_AzureWorkspace::failingWorkspaceShowsWhy()
{
    QFETCH(QString, workspace);
    QFETCH(QString, secret);
    QFETCH(QString, expected);
    useEnvironmentCredential(true, secret);
    MainWindow window(StartOptions { m_host.stateDir(), false });
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.store() && window.store()->isLoaded(), 20000);

    openInPicker(window, hostProfile(workspace));
    QTRY_COMPARE_WITH_TIMEOUT(window.messageBar()->kind(), MessageBar::Kind::Error, 20000);
    const QString text = window.messageBar()->text();
    QVERIFY2(text.contains(QStringLiteral("could not be loaded")) && text.contains(expected),
        qPrintable(text));
    QVERIFY(!window.store()); // nothing half-open behind the message
    if (!secret.isEmpty())
        QTRY_COMPARE(window.picker()->signInState(), WorkspacePicker::SignIn::Failed);

    // The message's action goes back to Local, which works as before.
    QPushButton *back = messageAction(window.messageBar());
    QVERIFY(back);
    QCOMPARE(back->text(), QStringLiteral("Back to Local"));
    back->click();
    QTRY_VERIFY_WITH_TIMEOUT(window.store() && window.store()->isLoaded(), 20000);
    QCOMPARE(window.picker()->comboBox()->currentIndex(), 0);
    QVERIFY(window.treeModel()->indexOf(QStringLiteral("demo")).isValid());
    QVERIFY(window.messageBar()->text().isEmpty()); // the load error went with the workspace
}

void tst_AzureWorkspace::deviceCodeShowsTheCode()
{
    // No variables, no `az`: the chain comes to the device code, which waits for the user.
    m_oauth.devicePolls = QStringList(50, QStringLiteral("authorization_pending"));
    MainWindow window(StartOptions { m_host.stateDir(), false });
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.store() && window.store()->isLoaded(), 20000);

    openInPicker(window, hostProfile(QStringLiteral("local")));
    QTRY_VERIFY_WITH_TIMEOUT(
        window.messageBar()->text().contains(QStringLiteral("ABCD-EFGH")), 10000);
    QVERIFY2(
        window.messageBar()->text().contains(QStringLiteral("https://microsoft.com/devicelogin")),
        qPrintable(window.messageBar()->text()));
    QCOMPARE(window.messageBar()->kind(), MessageBar::Kind::Info);
    QCOMPARE(window.picker()->signInState(), WorkspacePicker::SignIn::SigningIn);
    QVERIFY(window.picker()->signInText().contains(QStringLiteral("ABCD-EFGH")));

    // Cancel stops the sign-in; the workspace says so, and Local is one click away.
    QPushButton *cancel = messageAction(window.messageBar());
    QVERIFY(cancel);
    cancel->click();
    QTRY_COMPARE_WITH_TIMEOUT(window.messageBar()->kind(), MessageBar::Kind::Error, 10000);
    QTRY_COMPARE(window.picker()->signInState(), WorkspacePicker::SignIn::Failed);
    window.picker()->chooseLocal();
    QTRY_VERIFY_WITH_TIMEOUT(window.store() && window.store()->isLoaded(), 20000);
}

QTEST_MAIN(tst_AzureWorkspace)
#include "tst_azureworkspace.moc"

// What an Azure ML workspace refuses from a deployment (local folders, local_* fields),
// with a message that says how to register the asset; and that WorkspaceClient refuses it
// for an Azure connection before sending anything, but not for the local workspace.

#include "azureassets.h"
#include "ui/fakehttpserver.h"
#include "workspaceclient.h"

#include <QSignalSpy>
#include <QTest>

Q_DECLARE_METATYPE(Deployment)

namespace {

Deployment registered()
{
    Deployment d;
    d.name = QStringLiteral("green");
    d.model.kind = AssetKind::AssetRef;
    d.model.value = QStringLiteral("azureml:my-model:1");
    d.codeConfiguration = CodeConfiguration { AssetKind::ArmId,
        QStringLiteral("/subscriptions/s/resourceGroups/g/providers/"
                       "Microsoft.MachineLearningServices/workspaces/w/codes/c/versions/1"),
        QStringLiteral("score.py") };
    d.environment.kind = AssetKind::AssetRef;
    d.environment.value = QStringLiteral("azureml:my-env:1");
    return d;
}

} // namespace

class TestAzureAssets : public QObject
{
    Q_OBJECT
private slots:
    void check_data();
    void check();
    void toArmIds_data();
    void toArmIds();
    void clientRefusesBeforeSending();
};

void TestAzureAssets::check_data()
{
    QTest::addColumn<Deployment>("deployment");
    QTest::addColumn<QString>("target"); // empty: accepted
    QTest::addColumn<QString>("message");
    QTest::newRow("registered assets") << registered() << QString() << QString();
    Deployment registry = registered();
    registry.model.kind = AssetKind::RegistryRef;
    registry.model.value = QStringLiteral("azureml://registries/azureml/models/m/versions/1");
    QTest::newRow("registry model") << registry << QString() << QString();
    Deployment model = registered();
    model.model.kind = AssetKind::LocalPath;
    model.model.value = QStringLiteral("/home/me/model-1/model");
    QTest::newRow("local model")
        << model << QStringLiteral("model")
        << QStringLiteral(
               "az ml model create --name green-model --version 1 --path /home/me/model-1/model");
    Deployment code = registered();
    code.codeConfiguration->kind = AssetKind::LocalPath;
    code.codeConfiguration->code = QStringLiteral("/home/me/onlinescoring");
    QTest::newRow("local code") << code << QStringLiteral("code_configuration.code")
                                << QStringLiteral("/home/me/onlinescoring");
    Deployment conda = registered();
    conda.environment = EnvironmentRef();
    conda.environment.kind = AssetKind::Inline;
    conda.environment.image
        = QStringLiteral("mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:latest");
    conda.environment.condaFile = QStringLiteral("/home/me/conda.yaml");
    QTest::newRow("local conda file")
        << conda << QStringLiteral("environment.conda_file")
        << QStringLiteral("az ml environment create --name green-env --version 1 --conda-file "
                          "/home/me/conda.yaml --image mcr.microsoft.com");
    Deployment command = registered();
    command.localCommand = { QStringLiteral("/usr/bin/server") };
    QTest::newRow("local_command")
        << command << QStringLiteral("local_command") << QStringLiteral("Remove local_command");
    Deployment python = registered();
    python.localPython = QStringLiteral("/usr/bin/python3");
    QTest::newRow("local_python") << python << QStringLiteral("local_python")
                                  << QStringLiteral("Remove local_python");
}

void TestAzureAssets::check()
{
    QFETCH(Deployment, deployment);
    QFETCH(QString, target);
    QFETCH(QString, message);
    const Status status = AzureAssets::checkDeployment(deployment);
    QCOMPARE(status.ok(), target.isEmpty());
    if (!target.isEmpty()) {
        QCOMPARE(status.error().target, target);
        QVERIFY2(status.error().message.contains(message), qPrintable(status.error().message));
    }
}

void TestAzureAssets::toArmIds_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("armId"); // empty: refused
    const QString ws = QStringLiteral("/subscriptions/s/resourceGroups/g/providers/"
                                      "Microsoft.MachineLearningServices/workspaces/w");
    QTest::newRow("name:version") << QStringLiteral("azureml:my-model:3")
                                  << ws + QStringLiteral("/models/my-model/versions/3");
    QTest::newRow("arm id with prefix")
        << QStringLiteral("azureml:") + ws + QStringLiteral("/models/m/versions/1")
        << ws + QStringLiteral("/models/m/versions/1");
    QTest::newRow("registry") << QStringLiteral("azureml://registries/azureml/models/m/versions/1")
                              << QStringLiteral("azureml://registries/azureml/models/m/versions/1");
    QTest::newRow("label") << QStringLiteral("azureml:my-model@latest") << QString();
}

void TestAzureAssets::toArmIds()
{
    QFETCH(QString, reference);
    QFETCH(QString, armId);
    const QString ws = QStringLiteral("/subscriptions/s/resourceGroups/g/providers/"
                                      "Microsoft.MachineLearningServices/workspaces/w");
    Deployment d = registered();
    d.model.value = reference;
    d.model.kind = reference.startsWith(QLatin1String("azureml:/subscriptions")) ? AssetKind::ArmId
        : reference.startsWith(QLatin1String("azureml://registries")) ? AssetKind::RegistryRef
                                                                      : AssetKind::AssetRef;
    const Result<Deployment> mapped = AzureAssets::toArmIds(d, ws);
    QCOMPARE(mapped.ok(), !armId.isEmpty());
    if (armId.isEmpty()) {
        QVERIFY2(mapped.error().message.contains(QLatin1String("azureml:my-model:VERSION")),
            qPrintable(mapped.error().message));
        return;
    }
    QCOMPARE(mapped->model.value, armId);
    QCOMPARE(mapped->environment.value, ws + QStringLiteral("/environments/my-env/versions/1"));
    QCOMPARE(mapped->codeConfiguration->code, d.codeConfiguration->code); // already an ARM id
}

void TestAzureAssets::clientRefusesBeforeSending()
{
    FakeHttpServer server;
    QVERIFY(server.listen());
    server.handler = [](const FakeHttpServer::Request &) {
        FakeHttpServer::Answer a;
        a.body = R"({"name": "green"})";
        return std::optional(a);
    };
    Deployment d = registered();
    d.localPython = QStringLiteral("/usr/bin/python3");
    for (const bool azure : { true, false }) {
        WorkspaceConnection c;
        c.baseUrl = server.url(QString());
        c.workspacePath = QStringLiteral("/subscriptions/s/resourceGroups/g/providers/"
                                         "Microsoft.MachineLearningServices/workspaces/w");
        c.azure = azure;
        WorkspaceClient client(c);
        QCOMPARE(client.checkDeployment(d).ok(), !azure);
        ApiReply *reply = client.putDeployment(QStringLiteral("e"), d, false);
        QSignalSpy spy(reply, &ApiReply::finished);
        QVERIFY(spy.wait(10000));
        const ApiResult result = spy.at(0).at(0).value<ApiResult>();
        QCOMPARE(result.ok(), !azure);
        QCOMPARE(server.requests().size(), azure ? 0 : 1);
    }
    // Sent to Azure, references are ARM ids.
    {
        WorkspaceConnection c;
        c.baseUrl = server.url(QString());
        c.workspacePath = QStringLiteral("/subscriptions/s/resourceGroups/g/providers/"
                                         "Microsoft.MachineLearningServices/workspaces/w");
        c.azure = true;
        WorkspaceClient client(c);
        QSignalSpy spy(
            client.putDeployment(QStringLiteral("e"), registered(), false), &ApiReply::finished);
        QVERIFY(spy.wait(10000));
        const QByteArray body = server.requests().constLast().body;
        QVERIFY2(body.contains(
                     "\"model\":\"/subscriptions/s/resourceGroups/g/providers/"
                     "Microsoft.MachineLearningServices/workspaces/w/models/my-model/versions/1\""),
            body.constData());
    }
}

QTEST_GUILESS_MAIN(TestAzureAssets)
#include "tst_azureassets.moc"

// The deployment dialog: YAML loader errors inline with their line, name and endpoint
// prefilled, a form that creates a deployment on a real rolloutd, and the server's refusal
// shown in the dialog, which stays open.

#include "deploymentdialog.h"
#include "uitestsupport.h"
#include "workspacestore.h"

#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QString Demo = QStringLiteral("demo");
} // namespace

class tst_DeploymentDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void yamlErrorShowsItsLine_data();
    void yamlErrorShowsItsLine();
    void nameAndEndpointPrefilled();
    void formCreatesDeployment();
    void formChecksFolders();
    void serverRefusalStaysInDialog();

private:
    QString writeYaml(const QString &name, const QByteArray &text);

    HostFixture m_host;
    QTemporaryDir m_dir;
    WorkspaceStore *m_store = nullptr;
};

void tst_DeploymentDialog::initTestCase()
{
    UiTest::isolateSettings();
    QString error;
    QVERIFY2(UiTest::createDemo(m_host, &error), qPrintable(error));
    m_store = new WorkspaceStore(m_host.client(), this);
    m_store->setRefreshInterval(300);
    m_store->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_store->isLoaded(), 10000);
}

QString tst_DeploymentDialog::writeYaml(const QString &name, const QByteArray &text)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QString();
    file.write(text);
    return path;
}

void tst_DeploymentDialog::yamlErrorShowsItsLine_data()
{
    const QByteArray demo = HostFixture::demoDir().toUtf8();
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("instance_count not a number")
        << QByteArray("name: bad\nmodel:\n  path: " + demo + "/model-1/model\ncode_configuration:\n  code: " + demo
                      + "/model-1/onlinescoring\n  scoring_script: score.py\ninstance_type: Standard_DS3_v2\ninstance_count: many\n")
        << 8 << QStringLiteral("instance_count");
    QTest::newRow("instance_count out of range")
        << QByteArray("name: bad\nmodel:\n  path: " + demo + "/model-1/model\ncode_configuration:\n  code: " + demo
                      + "/model-1/onlinescoring\n  scoring_script: score.py\nenvironment:\n  image: python\n  conda_file: " + demo
                      + "/model-1/environment/conda.yaml\ninstance_type: Standard_DS3_v2\ninstance_count: 99\n")
        << 11 << QStringLiteral("instance_count");
    // yaml-cpp reports an unclosed list where the text ends.
    QTest::newRow("broken YAML") << QByteArray("name: bad\nmodel: [unclosed\n") << 3 << QStringLiteral("YAML syntax error");
}

void tst_DeploymentDialog::yamlErrorShowsItsLine()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(QString, mentions);
    DeploymentDialog dialog(m_store, Demo, QString());
    dialog.loadFile(writeYaml(QStringLiteral("bad.yml"), yaml));
    QVERIFY2(dialog.errorText().startsWith(QStringLiteral("Line %1, column").arg(line)), qPrintable(dialog.errorText()));
    QVERIFY2(dialog.errorText().contains(mentions), qPrintable(dialog.errorText()));
    QCOMPARE(dialog.errorLine(), line);
    // Submitting shows the same error and sends nothing.
    QSignalSpy submitted(&dialog, &DeploymentDialog::submitted);
    dialog.submit();
    QCOMPARE(submitted.size(), 0);
    QCOMPARE(dialog.errorLine(), line);
}

void tst_DeploymentDialog::nameAndEndpointPrefilled()
{
    DeploymentDialog dialog(m_store, Demo, QString());
    dialog.loadFile(HostFixture::demoDir() + QStringLiteral("/green-deployment.yml"));
    Result<Deployment> d = dialog.deployment();
    QVERIFY2(d, qPrintable(d ? QString() : d.error().message));
    QCOMPARE(d->name, QStringLiteral("green")); // from the file
    QCOMPARE(d->endpointName, Demo); // from the selection
    QVERIFY(dialog.errorText().isEmpty());
    // green exists: this is an update.
    bool updateButton = false;
    for (QPushButton *b : dialog.findChildren<QPushButton *>())
        updateButton |= b->text() == QStringLiteral("Update");
    QVERIFY(updateButton);
    // A typed name wins over the file's.
    dialog.setName(QStringLiteral("teal"));
    dialog.loadFile(HostFixture::demoDir() + QStringLiteral("/blue-deployment.yml"));
    QCOMPARE(dialog.deployment()->name, QStringLiteral("teal"));
}

void tst_DeploymentDialog::formCreatesDeployment()
{
    const QString demo = HostFixture::demoDir();
    DeploymentDialog dialog(m_store, Demo, QString());
    dialog.setName(QStringLiteral("formed"));
    dialog.setFormValues(demo + QStringLiteral("/model-2/model"), demo + QStringLiteral("/model-2/onlinescoring"),
                         QStringLiteral("score.py"), QStringLiteral("Standard_DS2_v2"), 2);
    QSignalSpy submitted(&dialog, &DeploymentDialog::submitted);
    dialog.submit();
    QVERIFY(submitted.wait(10000));
    QCOMPARE(submitted.first().at(1).toString(), Demo);
    QCOMPARE(submitted.first().at(2).toString(), QStringLiteral("formed"));
    QCOMPARE(submitted.first().at(3).toBool(), true); // created
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QTRY_VERIFY_WITH_TIMEOUT(HostFixture::wait(m_host.client()->getDeployment(Demo, QStringLiteral("formed")))
                                     .json.value(QStringLiteral("properties")).toObject()
                                     .value(QStringLiteral("provisioningState")).toString()
                                 == QStringLiteral("Succeeded"),
                             30000);
    const ApiResult formed = HostFixture::wait(m_host.client()->getDeployment(Demo, QStringLiteral("formed")));
    QCOMPARE(formed.json.value(QStringLiteral("sku")).toObject().value(QStringLiteral("capacity")).toInt(), 2);
}

void tst_DeploymentDialog::formChecksFolders()
{
    DeploymentDialog dialog(m_store, Demo, QString());
    dialog.setName(QStringLiteral("nowhere"));
    dialog.setFormValues(QStringLiteral("/no/such/model"), HostFixture::demoDir(), QStringLiteral("score.py"),
                         QStringLiteral("Standard_DS2_v2"), 1);
    QSignalSpy submitted(&dialog, &DeploymentDialog::submitted);
    dialog.submit();
    QCOMPARE(submitted.size(), 0);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("/no/such/model")), qPrintable(dialog.errorText()));
    dialog.setName(QStringLiteral("9lives"));
    dialog.submit();
    QVERIFY2(dialog.errorText().contains(QStringLiteral("must start with a letter")), qPrintable(dialog.errorText()));
}

void tst_DeploymentDialog::serverRefusalStaysInDialog()
{
    // The endpoint goes away after the dialog opened: the server refuses, in its words.
    QVERIFY(m_host.createEndpoint(QStringLiteral("short-lived")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(m_store->endpoint(QStringLiteral("short-lived")), 5000);
    DeploymentDialog dialog(m_store, QStringLiteral("short-lived"), QString());
    dialog.loadFile(HostFixture::demoDir() + QStringLiteral("/blue-deployment.yml"));
    QVERIFY(HostFixture::wait(m_host.client()->deleteEndpoint(QStringLiteral("short-lived"), true)).ok());
    QSignalSpy submitted(&dialog, &DeploymentDialog::submitted);
    dialog.show();
    dialog.submit();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.errorText().isEmpty(), 10000);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("short-lived")), qPrintable(dialog.errorText()));
    QCOMPARE(submitted.size(), 0);
    QVERIFY(dialog.isVisible());
}

QTEST_MAIN(tst_DeploymentDialog)
#include "tst_deploymentdialog.moc"

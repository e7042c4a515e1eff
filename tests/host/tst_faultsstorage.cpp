// The state folder fails (disk full, read-only): every change is refused with an error
// that says what happened and how to fix it, nothing changes, and serving goes on. The
// failure is injected through rolloutd's seam ($ROLLOUTDESK_STATE_FAULT_FILE): the tests
// run as root, which a read-only mode would not stop.

#include "faultsupport.h"
#include "hostfixture.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kEndpoint = QStringLiteral("store");

QString messageOf(const ApiResult &r) { return r.error ? r.error->message : QString(); }

QJsonValue trafficOf(const ApiResult &endpoint)
{
    return endpoint.json.value(QStringLiteral("properties"))
        .toObject()
        .value(QStringLiteral("traffic"));
}

} // namespace

class TestFaultsStorage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void changesRefusedServingGoesOn_data();
    void changesRefusedServingGoesOn();
    void changesWorkAgainOnceFixed();

private:
    void setFault(const QByteArray &errnoName);
    void checkServing();
    // A refused change: the error names the cause and the fix.
    void checkRefused(const ApiResult &result, const QString &cause);

    HostFixture m_host;
    QTemporaryDir m_dir;
    QString m_faultFile;
    QString m_code;
};

void TestFaultsStorage::initTestCase()
{
    m_faultFile = m_dir.filePath(QStringLiteral("fault"));
    qputenv("ROLLOUTDESK_STATE_FAULT_FILE", m_faultFile.toUtf8());
    QString error;
    QVERIFY2(m_host.start(&error), qPrintable(error));
    m_code = FaultSupport::writeScoringScript(m_dir.path(), QStringLiteral("code"),
        "def init():\n    pass\ndef run(raw_data):\n    return {\"ok\": True}\n");
    QVERIFY(m_host.createEndpoint(kEndpoint).ok());
    for (const QString &name : { QStringLiteral("blue"), QStringLiteral("spare") }) {
        const ApiResult created = HostFixture::wait(m_host.client()->putDeployment(
            kEndpoint, FaultSupport::scriptDeployment(name, m_code), true));
        QVERIFY2(created.ok(), qPrintable(messageOf(created)));
    }
    QVERIFY(
        HostFixture::wait(m_host.client()->updateTraffic(kEndpoint,
                              TrafficMap { { QStringLiteral("blue"), 100 } }, std::nullopt, true))
            .ok());
}

void TestFaultsStorage::setFault(const QByteArray &errnoName)
{
    if (errnoName.isEmpty()) {
        QFile::remove(m_faultFile);
        return;
    }
    QFile file(m_faultFile);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(errnoName + '\n');
}

void TestFaultsStorage::checkServing()
{
    const ApiResult scored = m_host.score(kEndpoint, "{}");
    QCOMPARE(scored.httpStatus, 200);
    QCOMPARE(scored.header("azureml-model-deployment"), QByteArray("blue"));
}

void TestFaultsStorage::checkRefused(const ApiResult &result, const QString &cause)
{
    QVERIFY(!result.ok());
    // Not a 5xx a client would retry for seconds: the user hears of it at once.
    QCOMPARE(result.httpStatus, 507);
    QCOMPARE(result.error->code, QStringLiteral("StateNotSaved"));
    QVERIFY2(messageOf(result).contains(cause), qPrintable(messageOf(result)));
    QVERIFY2(messageOf(result).contains(
                 QLatin1String("Free disk space or make the state folder writable")),
        qPrintable(messageOf(result)));
}

void TestFaultsStorage::changesRefusedServingGoesOn_data()
{
    QTest::addColumn<QByteArray>("fault");
    QTest::addColumn<QString>("cause");
    QTest::newRow("disk full") << QByteArray("ENOSPC") << "No space left on device";
    QTest::newRow("permission denied") << QByteArray("EACCES") << "Permission denied";
    QTest::newRow("read-only") << QByteArray("EROFS") << "Read-only file system";
}

void TestFaultsStorage::changesRefusedServingGoesOn()
{
    QFETCH(QByteArray, fault);
    QFETCH(QString, cause);
    WorkspaceClient *client = m_host.client();
    const ApiResult keysBefore = HostFixture::wait(client->listKeys(kEndpoint));
    const ApiResult endpointBefore = HostFixture::wait(client->getEndpoint(kEndpoint));
    const ApiResult deploymentsBefore = HostFixture::wait(client->listDeployments(kEndpoint));
    const ApiResult blueBefore
        = HostFixture::wait(client->getDeployment(kEndpoint, QStringLiteral("blue")));
    setFault(fault);

    checkRefused(HostFixture::wait(client->updateTraffic(
                     kEndpoint, TrafficMap { { QStringLiteral("blue"), 0 } }, std::nullopt, true)),
        cause);
    checkServing();
    checkRefused(HostFixture::wait(client->putDeployment(kEndpoint,
                     FaultSupport::scriptDeployment(QStringLiteral("green"), m_code), true)),
        cause);
    checkRefused(
        HostFixture::wait(client->scaleDeployment(kEndpoint, QStringLiteral("blue"), 2, true)),
        cause);
    checkRefused(
        HostFixture::wait(client->deleteDeployment(kEndpoint, QStringLiteral("spare"), true)),
        cause);
    checkRefused(
        HostFixture::wait(client->regenerateKeys(kEndpoint, QStringLiteral("Primary"), true)),
        cause);
    Endpoint other;
    other.name = QStringLiteral("other");
    checkRefused(HostFixture::wait(client->putEndpoint(other, true)), cause);
    checkServing();

    // Nothing changed: not in the answers, not on disk.
    QCOMPARE(HostFixture::wait(client->listKeys(kEndpoint)).json, keysBefore.json);
    QCOMPARE(
        trafficOf(HostFixture::wait(client->getEndpoint(kEndpoint))), trafficOf(endpointBefore));
    QCOMPARE(HostFixture::wait(client->listDeployments(kEndpoint))
                 .json.value(QStringLiteral("value"))
                 .toArray()
                 .size(),
        deploymentsBefore.json.value(QStringLiteral("value")).toArray().size());
    QCOMPARE(HostFixture::wait(client->getDeployment(kEndpoint, QStringLiteral("blue")))
                 .json.value(QStringLiteral("sku")),
        blueBefore.json.value(QStringLiteral("sku")));
    QCOMPARE(FaultSupport::provisioningState(m_host, kEndpoint, QStringLiteral("spare")),
        QStringLiteral("Succeeded"));
    QCOMPARE(HostFixture::wait(client->getEndpoint(QStringLiteral("other"))).httpStatus, 404);
    QVERIFY(!QDir(
        m_host.stateDir() + QStringLiteral("/snapshots/") + kEndpoint + QStringLiteral("/green"))
                 .exists(QStringLiteral("g1")));
    // The old key still works.
    const ApiResult scored = m_host.score(
        kEndpoint, "{}", QString(), keysBefore.json.value(QStringLiteral("primaryKey")).toString());
    QCOMPARE(scored.httpStatus, 200);
    setFault(QByteArray());
}

void TestFaultsStorage::changesWorkAgainOnceFixed()
{
    setFault(QByteArray());
    WorkspaceClient *client = m_host.client();
    const ApiResult moved = HostFixture::wait(client->updateTraffic(kEndpoint,
        TrafficMap { { QStringLiteral("blue"), 50 }, { QStringLiteral("spare"), 50 } },
        std::nullopt, true));
    QVERIFY2(moved.ok(), qPrintable(messageOf(moved)));
    QVERIFY(FaultSupport::readFile(m_host.stateDir() + QStringLiteral("/state.json"))
                .contains(QLatin1String("\"spare\": 50")));
}

QTEST_GUILESS_MAIN(TestFaultsStorage)
#include "tst_faultsstorage.moc"

// rolloutd killed with SIGKILL in the middle of each kind of change (create, scale, traffic,
// delete). After the restart the state is the last acknowledged one, the keys are the same,
// and no instance process is left over: the instances of the scoring script here ignore
// SIGTERM (so the kernel's parent-death signal does not end them) and spawn a child, and
// the new rolloutd finds them by recorded pid, start time and process group and stops them.

#include "faultsupport.h"
#include "hostfixture.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

// init() turns deaf to SIGTERM, spawns a child (recorded in CHILDREN) and, while the SLOW
// file exists, does not finish: the change stays in progress for as long as the test wants.
// With `deafLeader` false only the child is deaf: the instance ends with the host, the
// child stays behind in its process group.
QByteArray scoringScript(const QString &children, const QString &slow, bool deafLeader)
{
    const QByteArray deafness = deafLeader
        ? QByteArrayLiteral("    signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                            "    child = subprocess.Popen([\"/bin/sleep\", \"600\"])\n")
        : QByteArrayLiteral("    child = subprocess.Popen([\"/bin/sh\", \"-c\", "
                            "\"trap '' TERM; exec /bin/sleep 600\"])\n");
    return QByteArrayLiteral("import os, signal, subprocess, time\n"
                             "CHILDREN = \"")
        + children.toUtf8() + QByteArrayLiteral("\"\nSLOW = \"") + slow.toUtf8()
        + QByteArrayLiteral("\"\n"
                            "def init():\n")
        + deafness
        + QByteArrayLiteral("    with open(CHILDREN, \"a\") as f:\n"
                            "        f.write(f\"{child.pid}\\n\")\n"
                            "    while os.path.exists(SLOW):\n"
                            "        time.sleep(0.05)\n"
                            "def run(raw_data):\n"
                            "    return {\"ok\": True}\n");
}

TrafficMap trafficOf(const ApiResult &endpoint)
{
    TrafficMap map;
    const QJsonObject t = endpoint.json.value(QStringLiteral("properties"))
                              .toObject()
                              .value(QStringLiteral("traffic"))
                              .toObject();
    for (auto it = t.begin(); it != t.end(); ++it) {
        if (it.value().toInt() != 0)
            map.insert(it.key(), it.value().toInt());
    }
    return map;
}

int instanceCountOf(const ApiResult &deployment)
{
    const QJsonObject sku = deployment.json.value(QStringLiteral("sku")).toObject();
    return sku.value(QStringLiteral("capacity")).toInt();
}

QByteArray why(const ApiResult &r) { return r.error ? r.error->message.toUtf8() : QByteArray(); }

} // namespace

class TestFaultsRestart : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void killedDuringChange_data();
    void killedDuringChange();

private:
    // The children the scoring script spawned so far, as records of running processes.
    QList<InstanceRecord> children() const;
    bool touchSlow() const;

    HostFixture m_host;
    QTemporaryDir m_dir;
    QString m_code;
    QString m_childOnlyCode; // only the instance's child is deaf to SIGTERM
    QString m_childrenFile;
    QString m_slowFile;
};

void TestFaultsRestart::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_childrenFile = m_dir.filePath(QStringLiteral("children.txt"));
    m_slowFile = m_dir.filePath(QStringLiteral("slow"));
    m_code = FaultSupport::writeScoringScript(
        m_dir.path(), QStringLiteral("deaf"), scoringScript(m_childrenFile, m_slowFile, true));
    m_childOnlyCode = FaultSupport::writeScoringScript(m_dir.path(), QStringLiteral("child-only"),
        scoringScript(m_childrenFile, m_slowFile, false));
    QString error;
    QVERIFY2(m_host.start(&error), qPrintable(error));
}

QList<InstanceRecord> TestFaultsRestart::children() const
{
    QList<InstanceRecord> list;
    const QStringList lines
        = FaultSupport::readFile(m_childrenFile).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const InstanceRecord record = FaultSupport::recordOf(line.toLongLong());
        if (record.startTicks != 0)
            list << record;
    }
    return list;
}

bool TestFaultsRestart::touchSlow() const
{
    QFile slow(m_slowFile);
    return slow.open(QIODevice::WriteOnly);
}

void TestFaultsRestart::killedDuringChange_data()
{
    QTest::addColumn<QString>("change");
    QTest::newRow("create") << "create";
    QTest::newRow("scale") << "scale";
    QTest::newRow("traffic") << "traffic";
    QTest::newRow("delete") << "delete";
    QTest::newRow("delete endpoint") << "delete-endpoint";
    // No change: the instance ends with the host, the child it spawned does not.
    QTest::newRow("child outlives its instance") << "orphaned-child";
}

void TestFaultsRestart::killedDuringChange()
{
    QFETCH(QString, change);
    const QString ep = QStringLiteral("crash-") + change;
    const bool endpointGoes = change == QLatin1String("delete-endpoint");
    const QString dep = QStringLiteral("deaf");
    WorkspaceClient *client = m_host.client();
    QVERIFY(m_host.createEndpoint(ep).ok());
    const bool childOnly = change == QLatin1String("orphaned-child");
    if (change != QLatin1String("create")) {
        const ApiResult created = HostFixture::wait(client->putDeployment(
            ep, FaultSupport::scriptDeployment(dep, childOnly ? m_childOnlyCode : m_code), true));
        QVERIFY2(created.ok(), why(created).constData());
    }
    const ApiResult keysBefore = HostFixture::wait(client->listKeys(ep));
    QVERIFY(keysBefore.ok());
    const ApiResult endpointBefore = HostFixture::wait(client->getEndpoint(ep));

    // The change, acknowledged by rolloutd, and still in progress when it dies.
    QVERIFY(touchSlow());
    const int childrenBefore = int(children().size());
    int expectedInstances = 1;
    TrafficMap expectedTraffic = trafficOf(endpointBefore);
    QString expectedState = QStringLiteral("Succeeded");
    if (change == QLatin1String("create")) {
        const ApiResult accepted = HostFixture::wait(
            client->putDeployment(ep, FaultSupport::scriptDeployment(dep, m_code), false));
        QVERIFY2(accepted.ok(), why(accepted).constData());
        QTRY_VERIFY_WITH_TIMEOUT(int(children().size()) == childrenBefore + 1
                && FaultSupport::recordedInstances(m_host.stateDir(), ep, dep).size() == 1,
            20000);
    } else if (change == QLatin1String("scale")) {
        const ApiResult accepted = HostFixture::wait(client->scaleDeployment(ep, dep, 2, false));
        QVERIFY2(accepted.ok(), why(accepted).constData());
        expectedInstances = 2;
        QTRY_VERIFY_WITH_TIMEOUT(int(children().size()) == childrenBefore + 1
                && FaultSupport::recordedInstances(m_host.stateDir(), ep, dep).size() == 2,
            20000);
    } else if (change == QLatin1String("traffic")) {
        expectedTraffic = TrafficMap { { dep, 100 } };
        const ApiResult done
            = HostFixture::wait(client->updateTraffic(ep, expectedTraffic, std::nullopt, false));
        QVERIFY2(done.ok(), why(done).constData());
    } else if (childOnly) {
        QVERIFY(QFile::remove(m_slowFile));
    } else {
        // Draining and stopping an instance deaf to SIGTERM takes the 5 s grace: die in it.
        const ApiResult accepted
            = HostFixture::wait(endpointGoes ? client->deleteEndpoint(ep, false)
                                             : client->deleteDeployment(ep, dep, false));
        QVERIFY2(accepted.ok(), why(accepted).constData());
        expectedState = QStringLiteral("NotFound");
    }
    const QList<InstanceRecord> leftBehind
        = children() + FaultSupport::recordedInstances(m_host.stateDir(), ep, dep);
    m_host.kill();
    QFile::remove(m_slowFile);

    // The instances outlived the host (deaf to its death signal): orphans to be found.
    QList<InstanceRecord> orphans;
    for (const InstanceRecord &record : std::as_const(leftBehind)) {
        if (FaultSupport::running(record))
            orphans << record;
    }
    QVERIFY2(!orphans.isEmpty(), "nothing outlived rolloutd: the test proves nothing");
    if (childOnly) {
        // The recorded leader is gone: only its group leads to the child.
        for (const InstanceRecord &record :
            FaultSupport::recordedInstances(m_host.stateDir(), ep, dep))
            QTRY_VERIFY_WITH_TIMEOUT(!FaultSupport::running(record), 10000);
    }

    QString error;
    QVERIFY2(m_host.start(&error), qPrintable(error));
    client = m_host.client();
    for (const InstanceRecord &record : std::as_const(orphans))
        QTRY_VERIFY2_WITH_TIMEOUT(!FaultSupport::running(record),
            qPrintable(QStringLiteral("pid %1 still runs").arg(record.pid)), 10000);

    if (endpointGoes) {
        QTRY_COMPARE_WITH_TIMEOUT(
            HostFixture::wait(client->getEndpoint(ep)).httpStatus, 404, 30000);
        return;
    }
    // The last acknowledged state, with the same keys at the same address.
    QCOMPARE(HostFixture::wait(client->listKeys(ep)).json, keysBefore.json);
    const ApiResult endpointAfter = HostFixture::wait(client->getEndpoint(ep));
    QCOMPARE(endpointAfter.json.value(QStringLiteral("properties"))
                 .toObject()
                 .value(QStringLiteral("scoringUri")),
        endpointBefore.json.value(QStringLiteral("properties"))
            .toObject()
            .value(QStringLiteral("scoringUri")));
    QCOMPARE(trafficOf(endpointAfter), expectedTraffic);
    QTRY_COMPARE_WITH_TIMEOUT(
        FaultSupport::provisioningState(m_host, ep, dep), expectedState, 30000);
    if (expectedState == QLatin1String("Succeeded")) {
        QCOMPARE(
            instanceCountOf(HostFixture::wait(client->getDeployment(ep, dep))), expectedInstances);
        QTRY_COMPARE_WITH_TIMEOUT(
            FaultSupport::recordedInstances(m_host.stateDir(), ep, dep).size(),
            qsizetype(expectedInstances), 10000);
        const ApiResult scored = m_host.score(ep, "{}", dep);
        QCOMPARE(scored.httpStatus, 200);
    }
}

QTEST_GUILESS_MAIN(TestFaultsRestart)
#include "tst_faultsrestart.moc"

// An instance SIGKILLed under constant load, with instance_count 2: no request fails (one
// not yet sent to the dead instance goes to the other; one already sent gets 502 at most
// once per killed instance: with max_concurrent_requests_per_instance 1, Azure's default,
// at most one is on its way to it) and the instance comes back. Every instance runs under its
// memory limit and is the OOM killer's choice before the host.

#include "faultsupport.h"
#include "hostfixture.h"
#include "loadclient.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>
#include <QUrl>
#include <csignal>
#include <unistd.h>

namespace {

const QString kEndpoint = QStringLiteral("kill-under-load");
constexpr int kMemoryLimitMb = 3072;

QByteArray procFile(qint64 pid, const char *name)
{
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestFaultsInstance : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void killedInstanceUnderLoad();
    void instancesAreLimitedAndPreferredByOomKiller();

private:
    HostFixture m_host;
    QByteArray m_request;
};

void TestFaultsInstance::initTestCase()
{
    // rolloutd reads it at each instance start; inherited by the QProcess.
    qputenv("ROLLOUTDESK_INSTANCE_MEMORY_MB", QByteArray::number(kMemoryLimitMb));
    QString error;
    QVERIFY2(m_host.start(&error), qPrintable(error));
    m_request
        = FaultSupport::readFile(HostFixture::demoDir() + QStringLiteral("/sample-request.json"))
              .toUtf8();
    QVERIFY(!m_request.isEmpty());
    QVERIFY(m_host.createEndpoint(kEndpoint).ok());
    const ApiResult created = m_host.createDeployment(kEndpoint,
        HostFixture::demoDir() + QStringLiteral("/blue-deployment.yml"), QStringLiteral("blue"),
        { QStringLiteral("instance_count=2"),
            QStringLiteral("request_settings.max_queue_wait_ms=5000") });
    QVERIFY2(created.ok(), created.error ? qPrintable(created.error->message) : "");
    QVERIFY(
        HostFixture::wait(m_host.client()->updateTraffic(kEndpoint,
                              TrafficMap { { QStringLiteral("blue"), 100 } }, std::nullopt, true))
            .ok());
}

void TestFaultsInstance::killedInstanceUnderLoad()
{
    const auto [key, uri] = m_host.keyAndUri(kEndpoint);
    LoadClient load(quint16(QUrl(uri).port()), key.toUtf8(), m_request, 4);
    QTRY_VERIFY_WITH_TIMEOUT(load.answered() >= 100, 30000);

    const QList<InstanceRecord> original
        = FaultSupport::recordedInstances(m_host.stateDir(), kEndpoint, QStringLiteral("blue"));
    QCOMPARE(original.size(), 2);
    for (const InstanceRecord &victim : original) {
        QVERIFY(FaultSupport::running(victim));
        const int answeredBefore = load.answered();
        QCOMPARE(::kill(pid_t(victim.pid), SIGKILL), 0);
        // The instance comes back: a new process recorded in its place, ready on its port.
        QList<InstanceRecord> now;
        QTRY_VERIFY_WITH_TIMEOUT(
            (now = FaultSupport::recordedInstances(
                 m_host.stateDir(), kEndpoint, QStringLiteral("blue")),
                now.size() == 2 && now.at(0).pid != victim.pid && now.at(1).pid != victim.pid),
            20000);
        // Both in routing again before the next kill: each serves requests of the load.
        for (const InstanceRecord &instance : std::as_const(now))
            QTRY_VERIFY_WITH_TIMEOUT(FaultSupport::hasServed(instance), 20000);
        // Serving went on meanwhile and goes on with the new instance in routing.
        QTRY_VERIFY_WITH_TIMEOUT(load.answered() >= answeredBefore + 200, 30000);
    }
    load.stop();
    QTRY_VERIFY_WITH_TIMEOUT(load.idle(), 20000);

    qInfo() << "answers by status:" << load.statuses() << "broken connections"
            << load.brokenConnections();
    QCOMPARE(load.brokenConnections(), 0);
    // Only requests already sent to a killed instance may fail, with 502, once per kill.
    QVERIFY2(load.answeredWith(502) <= int(original.size()), "more 502 answers than kills");
    QCOMPARE(load.answeredOtherThan(200), load.answeredWith(502));
}

void TestFaultsInstance::instancesAreLimitedAndPreferredByOomKiller()
{
    const QList<InstanceRecord> instances
        = FaultSupport::recordedInstances(m_host.stateDir(), kEndpoint, QStringLiteral("blue"));
    QCOMPARE(instances.size(), 2);
    const QByteArray limit = QByteArray::number(qint64(kMemoryLimitMb) * 1024 * 1024);
    for (const InstanceRecord &instance : instances) {
        const QByteArray limits = procFile(instance.pid, "limits");
        const qsizetype line = limits.indexOf("Max address space");
        QVERIFY2(line >= 0, limits.constData());
        const QList<QByteArray> fields
            = limits.mid(line, limits.indexOf('\n', line) - line).simplified().split(' ');
        QCOMPARE(fields.size(), 6); // Max address space SOFT HARD bytes
        QCOMPARE(fields.at(3), limit);
        QCOMPARE(fields.at(4), limit);
        QCOMPARE(procFile(instance.pid, "oom_score_adj").trimmed(), QByteArray("1000"));
    }
    const qint64 host = m_host.process()->processId();
    QVERIFY(procFile(host, "oom_score_adj").trimmed().toInt() < 1000);
    // The limit is written into the deployment's log, where a user looks when it hits.
    QString logs;
    QDirIterator it(
        m_host.stateDir() + QStringLiteral("/logs/") + kEndpoint + QStringLiteral("/blue"),
        QDir::Files);
    while (it.hasNext())
        logs += FaultSupport::readFile(it.next());
    QVERIFY2(logs.contains(QStringLiteral("memory limit %1 MB").arg(kMemoryLimitMb)),
        qPrintable(logs.left(2000)));
}

QTEST_GUILESS_MAIN(TestFaultsInstance)
#include "tst_faultsinstance.moc"

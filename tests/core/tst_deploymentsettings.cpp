#include "rules.h"

#include <QTest>
#include <functional>

using Mutation = std::function<void(Deployment &)>;
Q_DECLARE_METATYPE(Mutation)

class TestDeploymentSettings : public QObject
{
    Q_OBJECT
private slots:
    void defaults();
    void settings_data();
    void settings();
};

void TestDeploymentSettings::defaults()
{
    const Deployment d;
    QCOMPARE(d.instanceCount, 1);
    QCOMPARE(d.requestSettings.requestTimeoutMs, 5000);
    QCOMPARE(d.requestSettings.maxConcurrentRequestsPerInstance, 1);
    QCOMPARE(d.requestSettings.maxQueueWaitMs, 500);
    for (const ProbeSettings &p : { d.livenessProbe, d.readinessProbe }) {
        QCOMPARE(p.initialDelaySec, 10);
        QCOMPARE(p.periodSec, 10);
        QCOMPARE(p.timeoutSec, 2);
        QCOMPARE(p.successThreshold, 1);
        QCOMPARE(p.failureThreshold, 30);
    }
    QVERIFY(Rules::checkDeploymentSettings(d).ok());
}

void TestDeploymentSettings::settings_data()
{
    QTest::addColumn<Mutation>("mutate");
    QTest::addColumn<QString>("target"); // empty: valid
    QTest::addColumn<QString>("keyword");

    auto row = [](const char *name, Mutation m, const char *target, const char *keyword) {
        QTest::newRow(name) << m << QString::fromLatin1(target) << QString::fromLatin1(keyword);
    };
    row(
        "instance_count 1", [](Deployment &d) { d.instanceCount = 1; }, "", "");
    row(
        "instance_count 50", [](Deployment &d) { d.instanceCount = 50; }, "", "");
    row(
        "instance_count 0", [](Deployment &d) { d.instanceCount = 0; }, "instance_count",
        "from 1 to 50");
    row(
        "instance_count 51", [](Deployment &d) { d.instanceCount = 51; }, "instance_count",
        "from 1 to 50");
    row(
        "timeout 1 ms", [](Deployment &d) { d.requestSettings.requestTimeoutMs = 1; }, "", "");
    row(
        "timeout 180000", [](Deployment &d) { d.requestSettings.requestTimeoutMs = 180000; }, "",
        "");
    row(
        "timeout 0", [](Deployment &d) { d.requestSettings.requestTimeoutMs = 0; },
        "request_settings.request_timeout_ms", "from 1 to 180000 ms");
    row(
        "timeout 180001", [](Deployment &d) { d.requestSettings.requestTimeoutMs = 180001; },
        "request_settings.request_timeout_ms", "from 1 to 180000 ms");
    row(
        "concurrency 0",
        [](Deployment &d) { d.requestSettings.maxConcurrentRequestsPerInstance = 0; },
        "request_settings.max_concurrent_requests_per_instance", "at least 1");
    row(
        "concurrency 8",
        [](Deployment &d) { d.requestSettings.maxConcurrentRequestsPerInstance = 8; }, "", "");
    row(
        "queue wait negative", [](Deployment &d) { d.requestSettings.maxQueueWaitMs = -1; },
        "request_settings.max_queue_wait_ms", "from 0");
    row(
        "liveness initial_delay 0", [](Deployment &d) { d.livenessProbe.initialDelaySec = 0; },
        "liveness_probe.initial_delay", "at least 1");
    row(
        "readiness timeout 0", [](Deployment &d) { d.readinessProbe.timeoutSec = 0; },
        "readiness_probe.timeout", "at least 1");
    row(
        "readiness period 0", [](Deployment &d) { d.readinessProbe.periodSec = 0; },
        "readiness_probe.period", "at least 1");
    row(
        "readiness failure_threshold 0",
        [](Deployment &d) { d.readinessProbe.failureThreshold = 0; },
        "readiness_probe.failure_threshold", "at least 1");
    row(
        "readiness success_threshold 3",
        [](Deployment &d) { d.readinessProbe.successThreshold = 3; }, "", "");
    row(
        "readiness success_threshold 0",
        [](Deployment &d) { d.readinessProbe.successThreshold = 0; },
        "readiness_probe.success_threshold", "at least 1");
    row(
        "liveness success_threshold 2", [](Deployment &d) { d.livenessProbe.successThreshold = 2; },
        "liveness_probe.success_threshold", "always 1");
}

void TestDeploymentSettings::settings()
{
    QFETCH(Mutation, mutate);
    QFETCH(QString, target);
    QFETCH(QString, keyword);
    Deployment d;
    mutate(d);
    const Status status = Rules::checkDeploymentSettings(d);
    QCOMPARE(status.ok(), target.isEmpty());
    if (!target.isEmpty()) {
        QCOMPARE(status.error().target, target);
        QVERIFY2(status.error().message.contains(keyword), qPrintable(status.error().message));
        QVERIFY(status.error().message.contains(target));
    }
}

QTEST_APPLESS_MAIN(TestDeploymentSettings)
#include "tst_deploymentsettings.moc"

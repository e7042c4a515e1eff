// WorkspaceStore against a real rolloutd: the first picture, row-level signals in order
// (removals, changes, adds; rows sorted by name), changes made with rolloutctl picked up
// within 2 s, and the last picture kept when the host is gone.

#include "uitestsupport.h"
#include "workspacestore.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

class tst_WorkspaceStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void firstPicture();
    void signalsInOrder();
    void deploymentsFollow();
    void rolloutctlChangeWithinTwoSeconds();
    void unreachableHostKeepsLastPicture();

private:
    // Records every row-level signal as one line, in emission order.
    QStringList record(WorkspaceStore &store);
    QStringList names(const WorkspaceStore &store) const;

    HostFixture m_host;
    QStringList m_events;
};

void tst_WorkspaceStore::initTestCase()
{
    QString error;
    QVERIFY2(m_host.start(&error), qPrintable(error));
}

QStringList tst_WorkspaceStore::record(WorkspaceStore &store)
{
    m_events.clear();
    connect(&store, &WorkspaceStore::endpointAdded, this, [this](const QString &e, int row) { m_events << QStringLiteral("+%1@%2").arg(e).arg(row); });
    connect(&store, &WorkspaceStore::endpointRemoved, this, [this](const QString &e, int row) { m_events << QStringLiteral("-%1@%2").arg(e).arg(row); });
    connect(&store, &WorkspaceStore::endpointChanged, this, [this](const QString &e) { m_events << QStringLiteral("~%1").arg(e); });
    connect(&store, &WorkspaceStore::deploymentAdded, this, [this](const QString &e, const QString &d, int row) { m_events << QStringLiteral("+%1/%2@%3").arg(e, d).arg(row); });
    connect(&store, &WorkspaceStore::deploymentRemoved, this, [this](const QString &e, const QString &d, int row) { m_events << QStringLiteral("-%1/%2@%3").arg(e, d).arg(row); });
    connect(&store, &WorkspaceStore::deploymentChanged, this, [this](const QString &e, const QString &d) { m_events << QStringLiteral("~%1/%2").arg(e, d); });
    return m_events;
}

QStringList tst_WorkspaceStore::names(const WorkspaceStore &store) const
{
    QStringList result;
    for (const EndpointSnapshot &e : store.endpoints())
        result << e.endpoint.name;
    return result;
}

void tst_WorkspaceStore::firstPicture()
{
    QVERIFY(m_host.createEndpoint(QStringLiteral("mango")).ok());
    QVERIFY(m_host.createEndpoint(QStringLiteral("apple")).ok());
    WorkspaceStore store(m_host.client());
    record(store);
    QSignalSpy refreshed(&store, &WorkspaceStore::refreshed);
    QVERIFY(!store.isLoaded());
    store.refresh();
    QVERIFY(refreshed.wait(10000));
    QVERIFY(store.isLoaded());
    QCOMPARE(names(store), QStringList({ QStringLiteral("apple"), QStringLiteral("mango") }));
    // Each added where it sorts, so a model inserting at `row` stays sorted.
    QCOMPARE(m_events, QStringList({ QStringLiteral("+apple@0"), QStringLiteral("+mango@1") }));
    QVERIFY(store.endpoint(QStringLiteral("apple")));
    QVERIFY(!store.endpoint(QStringLiteral("cherry")));
    QCOMPARE(store.endpoint(QStringLiteral("mango"))->endpoint.provisioningState, QStringLiteral("Succeeded"));
}

void tst_WorkspaceStore::signalsInOrder()
{
    WorkspaceStore store(m_host.client());
    QSignalSpy refreshed(&store, &WorkspaceStore::refreshed);
    store.refresh();
    QVERIFY(refreshed.wait(10000));
    record(store);

    // Between two refreshes: one endpoint goes, one changes, one comes.
    QVERIFY(HostFixture::wait(m_host.client()->deleteEndpoint(QStringLiteral("apple"), true)).ok());
    Endpoint mango;
    mango.name = QStringLiteral("mango");
    mango.description = QStringLiteral("riper");
    QVERIFY(HostFixture::wait(m_host.client()->putEndpoint(mango, true)).ok());
    QVERIFY(m_host.createEndpoint(QStringLiteral("banana")).ok());

    store.refresh();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(m_events, QStringList({ QStringLiteral("-apple@0"), QStringLiteral("~mango"), QStringLiteral("+banana@0") }));
    QCOMPARE(names(store), QStringList({ QStringLiteral("banana"), QStringLiteral("mango") }));

    // Nothing changed: nothing announced, but a refresh is still reported.
    m_events.clear();
    store.refresh();
    QVERIFY(refreshed.wait(10000));
    QVERIFY2(m_events.isEmpty(), qPrintable(m_events.join(QLatin1Char(' '))));
}

void tst_WorkspaceStore::deploymentsFollow()
{
    QString error;
    WorkspaceStore store(m_host.client());
    QSignalSpy refreshed(&store, &WorkspaceStore::refreshed);
    store.refresh();
    QVERIFY(refreshed.wait(10000));
    record(store);
    QVERIFY(m_host.createEndpoint(QStringLiteral("demo")).ok());
    const QString demo = HostFixture::demoDir();
    QVERIFY(m_host.createDeployment(QStringLiteral("demo"), demo + QStringLiteral("/green-deployment.yml"), QStringLiteral("green")).ok());
    QVERIFY(m_host.createDeployment(QStringLiteral("demo"), demo + QStringLiteral("/blue-deployment.yml"), QStringLiteral("blue")).ok());
    store.refresh();
    QVERIFY(refreshed.wait(10000));
    // A new endpoint comes empty, then each deployment at its sorted row.
    QCOMPARE(m_events, QStringList({ QStringLiteral("+demo@1"), QStringLiteral("+demo/blue@0"), QStringLiteral("+demo/green@1") }));
    const EndpointSnapshot *e = store.endpoint(QStringLiteral("demo"));
    QVERIFY(e);
    QCOMPARE(e->deployments.size(), 2);
    QCOMPARE(e->deployments.at(0).deployment.name, QStringLiteral("blue"));
    QVERIFY(store.deployment(QStringLiteral("demo"), QStringLiteral("green")));
    QCOMPARE(store.deployment(QStringLiteral("demo"), QStringLiteral("green"))->deployment.instanceCount, 1);

    // Scaling changes the deployment's row only.
    m_events.clear();
    QVERIFY(HostFixture::wait(m_host.client()->scaleDeployment(QStringLiteral("demo"), QStringLiteral("green"), 2, true)).ok());
    store.refresh();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(m_events, QStringList({ QStringLiteral("~demo/green") }));
    QCOMPARE(store.deployment(QStringLiteral("demo"), QStringLiteral("green"))->deployment.instanceCount, 2);

    m_events.clear();
    QVERIFY(HostFixture::wait(m_host.client()->deleteDeployment(QStringLiteral("demo"), QStringLiteral("blue"), true)).ok());
    store.refresh();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(m_events, QStringList({ QStringLiteral("-demo/blue@0") }));
}

void tst_WorkspaceStore::rolloutctlChangeWithinTwoSeconds()
{
    WorkspaceStore store(m_host.client()); // default interval: 1000 ms
    QSignalSpy refreshed(&store, &WorkspaceStore::refreshed);
    store.start();
    QVERIFY(refreshed.wait(10000));
    QSignalSpy changed(&store, &WorkspaceStore::endpointChanged);
    QCOMPARE(UiTest::rolloutctl(m_host, { QStringLiteral("online-endpoint"), QStringLiteral("update"), QStringLiteral("--name"), QStringLiteral("demo"),
                                          QStringLiteral("--traffic"), QStringLiteral("green=100") }),
             0);
    QElapsedTimer since;
    since.start();
    QTRY_COMPARE_WITH_TIMEOUT(store.endpoint(QStringLiteral("demo"))->endpoint.traffic.value_or(TrafficMap()).value(QStringLiteral("green")), 100, 2000);
    QVERIFY(since.elapsed() <= 2000);
    QCOMPARE(changed.first().first().toString(), QStringLiteral("demo"));
}

void tst_WorkspaceStore::unreachableHostKeepsLastPicture()
{
    WorkspaceStore store(m_host.client());
    QSignalSpy refreshed(&store, &WorkspaceStore::refreshed);
    QSignalSpy failed(&store, &WorkspaceStore::refreshFailed);
    store.refresh();
    QVERIFY(refreshed.wait(10000));
    const QStringList before = names(store);
    QVERIFY(!before.isEmpty());
    record(store);

    m_host.kill();
    store.refresh();
    QVERIFY(failed.wait(10000));
    const Error error = failed.first().first().value<Error>();
    QCOMPARE(error.code, QStringLiteral("ConnectionFailed"));
    QVERIFY2(error.message.contains(QStringLiteral("127.0.0.1")), qPrintable(error.message));
    QCOMPARE(names(store), before);
    QVERIFY(m_events.isEmpty());
    QCOMPARE(refreshed.size(), 1);
}

QTEST_GUILESS_MAIN(tst_WorkspaceStore)
#include "tst_workspacestore.moc"

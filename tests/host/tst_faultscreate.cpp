// Create-time faults on a real rolloutd: a scoring script that is not there, a Python that
// is not there, an instance whose port is taken. Each ends with an error that names the
// cause and the fix; the refused ones change nothing, and the one that could only be seen
// by starting it leaves a Failed deployment that says why.

#include "faultsupport.h"
#include "hostfixture.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonObject>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kEndpoint = QStringLiteral("create-faults");

QString messageOf(const ApiResult &r) { return r.error ? r.error->message : QString(); }

} // namespace

class TestFaultsCreate : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void refusedAtCreate_data();
    void refusedAtCreate();
    void portInUseFailsWithReason();

private:
    HostFixture m_host;
    QTemporaryDir m_dir;
    QString m_code;
};

void TestFaultsCreate::initTestCase()
{
    QString error;
    QVERIFY2(m_host.start(&error), qPrintable(error));
    QVERIFY(m_host.createEndpoint(kEndpoint).ok());
    m_code = FaultSupport::writeScoringScript(m_dir.path(), QStringLiteral("code"),
        "def init():\n    pass\ndef run(raw_data):\n    return {}\n");
}

void TestFaultsCreate::refusedAtCreate_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("message");
    QTest::newRow("scoring script missing") << "script"
                                            << "code_configuration.scoring_script"
                                            << "does not exist";
    QTest::newRow("python missing") << "python"
                                    << "local_python"
                                    << "is not an executable file";
    QTest::newRow("python not executable") << "python-text"
                                           << "local_python"
                                           << "is not an executable file";
}

void TestFaultsCreate::refusedAtCreate()
{
    QFETCH(QString, fault);
    QFETCH(QString, target);
    QFETCH(QString, message);
    const QString name = QStringLiteral("bad-") + fault;
    Deployment d = FaultSupport::scriptDeployment(name, m_code);
    if (fault == QLatin1String("script")) {
        d.codeConfiguration->scoringScript = QStringLiteral("missing.py");
    } else if (fault == QLatin1String("python")) {
        d.localPython = m_dir.filePath(QStringLiteral("no-such/python3"));
    } else {
        d.localPython = m_code + QStringLiteral("/score.py"); // a file, not a program
    }
    const ApiResult result = HostFixture::wait(m_host.client()->putDeployment(kEndpoint, d, true));
    QVERIFY(!result.ok());
    QCOMPARE(result.httpStatus, 400);
    QCOMPARE(result.error->target, target);
    QVERIFY2(messageOf(result).contains(message), qPrintable(messageOf(result)));
    // Refused: nothing was made.
    QCOMPARE(FaultSupport::provisioningState(m_host, kEndpoint, name), QStringLiteral("NotFound"));
    QVERIFY(!QDir(m_host.stateDir() + QStringLiteral("/snapshots/") + kEndpoint).exists(name));
}

void TestFaultsCreate::portInUseFailsWithReason()
{
    // A local_command that listens on a fixed port instead of $PORT, and that port is taken.
    QTcpServer taken;
    QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
    Deployment d;
    d.name = QStringLiteral("fixed-port");
    d.localCommand = { QStringLiteral("/usr/bin/python3"), QStringLiteral("-m"),
        QStringLiteral("http.server"), QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
        QString::number(taken.serverPort()) };
    const ApiResult result = HostFixture::wait(m_host.client()->putDeployment(kEndpoint, d, true));
    QVERIFY(!result.ok());
    const QString text = messageOf(result);
    QVERIFY2(text.contains(QLatin1String("Address already in use")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("$PORT")), qPrintable(text));
    QCOMPARE(FaultSupport::provisioningState(m_host, kEndpoint, d.name), QStringLiteral("Failed"));
    // The host and its other endpoints are untouched.
    QCOMPARE(HostFixture::wait(m_host.client()->getEndpoint(kEndpoint)).httpStatus, 200);
}

QTEST_GUILESS_MAIN(TestFaultsCreate)
#include "tst_faultscreate.moc"

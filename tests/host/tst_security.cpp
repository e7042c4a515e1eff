// The security promises of rolloutd that no other test holds (issue 8, part 3): loopback
// only, the control token, key comparison and randomness, owner-only files, no secret in
// logs or output, snapshots without links, instances started without a shell. A real
// rolloutd (HostFixture) for what only the whole host shows; the parts themselves for the
// rest.

#include "hostfixture.h"
#include "hostinfo.h"
#include "instanceprocess.h"
#include "secrets.h"
#include "snapshot.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <sys/stat.h>

namespace {

// The local addresses (hex, as the kernel prints them) of the TCP sockets listening on `port`.
QStringList listenersOn(quint16 port)
{
    QStringList out;
    for (const char *name : { "/proc/net/tcp", "/proc/net/tcp6" }) {
        QFile file(QString::fromLatin1(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        file.readLine(); // the column titles
        while (!file.atEnd()) {
            const QList<QByteArray> fields = file.readLine().simplified().split(' ');
            if (fields.size() < 4 || fields[3] != "0A") // 0A: LISTEN
                continue;
            const QList<QByteArray> local = fields[1].split(':');
            if (local.size() == 2 && local[1].toUInt(nullptr, 16) == port)
                out << QString::fromLatin1(local[0]);
        }
    }
    return out;
}

const QString kLoopbackHex = QStringLiteral("0100007F"); // 127.0.0.1, little-endian

struct RawAnswer
{
    int status = 0;
    QByteArray body;
};

// One request on its own connection, written by hand so any header (or none) can be sent.
RawAnswer rawRequest(const QUrl &base, const QByteArray &method, const QByteArray &path,
    const QByteArray &extraHeaders, const QByteArray &body = QByteArray())
{
    QTcpSocket socket;
    socket.connectToHost(base.host(), quint16(base.port()));
    if (!socket.waitForConnected(10000))
        return {};
    socket.write(method + ' ' + path + " HTTP/1.1\r\nHost: " + base.authority().toLatin1()
        + "\r\nConnection: close\r\n" + extraHeaders
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray answer;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(30000))
        answer += socket.readAll();
    answer += socket.readAll();
    RawAnswer out;
    const qsizetype headEnd = answer.indexOf("\r\n\r\n");
    const QList<QByteArray> statusLine = answer.left(answer.indexOf("\r\n")).split(' ');
    if (statusLine.size() >= 2)
        out.status = statusLine[1].toInt();
    if (headEnd >= 0)
        out.body = answer.mid(headEnd + 4);
    return out;
}

QByteArray endpointsPath(const QString &name = QString())
{
    return (LocalWorkspace::workspacePath() + QStringLiteral("/onlineEndpoints")
        + (name.isEmpty() ? QString() : QLatin1Char('/') + name) + QStringLiteral("?api-version=")
        + QLatin1String(LocalWorkspace::ApiVersion))
        .toLatin1();
}

int modeOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

} // namespace

class TestSecurity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void constantTimeEquals_data();
    void constantTimeEquals();
    void keysAreFreshRandomBytes();

    void controlApiListensOnLoopbackOnly();
    void gatewayListensOnLoopbackOnly();
    void controlApiNeedsTheToken_data();
    void controlApiNeedsTheToken();
    void refusedChangeChangesNothing();
    void gatewayRefusalDoesNotEchoTheKey();
    void filesAreOwnerOnly();
    void secretsStayOutOfLogsAndOutput();
    void unwritableTokenStopsTheHost();

    void snapshotRefusesLinks_data();
    void snapshotRefusesLinks();
    void snapshotRemovesOnlyInside();
    void instanceGetsItsArgumentsWithoutAShell();

private:
    QByteArray controlToken() const;
    HostFixture m_host;
    QUrl m_control;
    const QString m_endpoint = QStringLiteral("sec-endpoint");
};

void TestSecurity::initTestCase()
{
    // A umask that lets everyone read: the files must be owner-only because rolloutd makes
    // them so, not because of the umask of whoever started it.
    // The state folder starts open to all, too.
    QVERIFY(QFile::setPermissions(m_host.stateDir(),
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
            | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther));
    const mode_t before = ::umask(0);
    QString error;
    const bool started = m_host.start(&error);
    ::umask(before);
    QVERIFY2(started, qPrintable(error));
    const Result<LocalWorkspace::HostInfo> info = LocalWorkspace::readHostInfo(m_host.stateDir());
    QVERIFY(info.ok());
    m_control = QUrl(info->controlUrl);
    QVERIFY(m_host.createEndpoint(m_endpoint).ok());
}

void TestSecurity::cleanupTestCase()
{
    if (m_host.process())
        QCOMPARE(m_host.terminate(), 0);
}

QByteArray TestSecurity::controlToken() const
{
    return readAll(m_host.stateDir() + QStringLiteral("/token")).trimmed();
}

void TestSecurity::constantTimeEquals_data()
{
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArray>("given");
    QTest::addColumn<bool>("equal");
    const QByteArray key = "0123456789abcdef0123456789abcdef";
    QTest::newRow("same") << key << key << true;
    QTest::newRow("first byte differs") << key << ("X" + key.mid(1)) << false;
    QTest::newRow("last byte differs") << key << (key.chopped(1) + "X") << false;
    QTest::newRow("prefix") << key << key.left(10) << false;
    QTest::newRow("longer") << key << (key + "0") << false;
    QTest::newRow("empty given") << key << QByteArray() << false;
    QTest::newRow("both empty") << QByteArray() << QByteArray() << true;
    QTest::newRow("given longer than empty") << QByteArray() << QByteArray("a") << false;
    QTest::newRow("high bit") << QByteArray("\x80") << QByteArray("\x00", 1) << false;
}

void TestSecurity::constantTimeEquals()
{
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, given);
    QFETCH(bool, equal);
    QCOMPARE(Secrets::constantTimeEquals(expected, given), equal);
}

void TestSecurity::keysAreFreshRandomBytes()
{
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString key = Secrets::newKey();
        QCOMPARE(QByteArray::fromBase64(key.toLatin1()).size(), 32);
        QVERIFY2(!seen.contains(key), "a key came out twice");
        seen.insert(key);
    }
    for (int count : { 0, 1, 3, 5, 31, 32, 33 }) {
        const QByteArray a = Secrets::randomBytes(count);
        QCOMPARE(a.size(), count);
        if (count >= 31)
            QVERIFY(a != Secrets::randomBytes(count));
    }
    // The control token and the endpoint keys the host handed out are of that kind.
    QVERIFY(QByteArray::fromBase64(controlToken(), QByteArray::Base64UrlEncoding).size() >= 32);
    const ApiResult keys = HostFixture::wait(m_host.client()->listKeys(m_endpoint));
    QVERIFY(keys.ok());
    for (const char *name : { "primaryKey", "secondaryKey" }) {
        const QString key = keys.json.value(QLatin1String(name)).toString();
        QCOMPARE(QByteArray::fromBase64(key.toLatin1()).size(), 32);
    }
}

void TestSecurity::controlApiListensOnLoopbackOnly()
{
    QCOMPARE(m_control.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(listenersOn(quint16(m_control.port())), QStringList { kLoopbackHex });
}

void TestSecurity::gatewayListensOnLoopbackOnly()
{
    const QUrl scoring(m_host.keyAndUri(m_endpoint).second);
    QCOMPARE(scoring.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(scoring.port() > 0);
    QCOMPARE(listenersOn(quint16(scoring.port())), QStringList { kLoopbackHex });
}

void TestSecurity::controlApiNeedsTheToken_data()
{
    QTest::addColumn<QByteArray>("authorization"); // "%t": the token
    QTest::addColumn<int>("status");
    QTest::newRow("no header") << QByteArray() << 401;
    QTest::newRow("empty bearer") << QByteArray("Bearer ") << 401;
    QTest::newRow("no scheme") << QByteArray("%t") << 401;
    QTest::newRow("basic scheme") << QByteArray("Basic %t") << 401;
    QTest::newRow("token cut short") << QByteArray("Bearer %t-") << 401; // '-': see below
    QTest::newRow("token plus a byte") << QByteArray("Bearer %tx") << 401;
    QTest::newRow("other token") << QByteArray("Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                                 << 401;
    QTest::newRow("the token") << QByteArray("Bearer %t") << 200;
}

void TestSecurity::controlApiNeedsTheToken()
{
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    const QByteArray token = controlToken();
    QVERIFY(!token.isEmpty());
    QByteArray header = authorization;
    header.replace("%t-", token.chopped(1)); // the token without its last character
    header.replace("%t", token);
    const RawAnswer answer = rawRequest(m_control, "GET", endpointsPath(),
        header.isEmpty() ? QByteArray() : "Authorization: " + header + "\r\n");
    QCOMPARE(answer.status, status);
    if (status == 401) {
        const QJsonObject error = QJsonDocument::fromJson(answer.body)
                                      .object()
                                      .value(QStringLiteral("error"))
                                      .toObject();
        QCOMPARE(
            error.value(QStringLiteral("code")).toString(), QStringLiteral("AuthenticationFailed"));
        QVERIFY(!answer.body.contains(token.left(16)));
    }
}

void TestSecurity::refusedChangeChangesNothing()
{
    const QByteArray body = R"({"location": "local", "properties": {"authMode": "Key"}})";
    const RawAnswer refused = rawRequest(m_control, "PUT", endpointsPath(QStringLiteral("sneaky")),
        "Content-Type: application/json\r\n", body);
    QCOMPARE(refused.status, 401);
    const RawAnswer deleteRefused
        = rawRequest(m_control, "DELETE", endpointsPath(m_endpoint), QByteArray());
    QCOMPARE(deleteRefused.status, 401);
    QCOMPARE(
        HostFixture::wait(m_host.client()->getEndpoint(QStringLiteral("sneaky"))).httpStatus, 404);
    QVERIFY(HostFixture::wait(m_host.client()->getEndpoint(m_endpoint)).ok());
}

void TestSecurity::gatewayRefusalDoesNotEchoTheKey()
{
    const QString primary = m_host.keyAndUri(m_endpoint).first;
    const ApiResult refused
        = m_host.score(m_endpoint, "{}", QString(), primary.chopped(1) + QStringLiteral("!"));
    QCOMPARE(refused.httpStatus, 401);
    QVERIFY(!refused.body.contains(primary.left(16).toLatin1()));
}

void TestSecurity::filesAreOwnerOnly()
{
    const QString dir = m_host.stateDir();
    QCOMPARE(modeOf(dir), 0700);
    for (const QString &name : { QStringLiteral("token"), QStringLiteral("state.json"),
             QStringLiteral("rolloutd.json") }) {
        QVERIFY2(QFile::exists(dir + QLatin1Char('/') + name), qPrintable(name));
        QCOMPARE(modeOf(dir + QLatin1Char('/') + name), 0600);
    }
}

void TestSecurity::secretsStayOutOfLogsAndOutput()
{
    WorkspaceClient *client = m_host.client();
    QVERIFY(HostFixture::wait(client->regenerateKeys(m_endpoint, QStringLiteral("Secondary"), true))
                .ok());
    const ApiResult keys = HostFixture::wait(client->listKeys(m_endpoint));
    QVERIFY(keys.ok());
    const QByteArray token = controlToken();
    QList<QByteArray> secrets { token };
    for (const char *name : { "primaryKey", "secondaryKey" })
        secrets << keys.json.value(QLatin1String(name)).toString().toLatin1();
    // A failed and a good scoring call, so the gateway has something to write about.
    QCOMPARE(m_host.score(m_endpoint, "{}", QString(), QStringLiteral("wrong")).httpStatus, 401);
    m_host.score(m_endpoint, "{}", QString(), QString::fromLatin1(secrets[1]));

    // rolloutctl --debug shows the calls it makes, with secrets masked.
    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("ROLLOUTDESK_STATE_DIR"), m_host.stateDir());
    cli.setProcessEnvironment(environment);
    cli.start(HostFixture::binary(QStringLiteral("rolloutctl")),
        { QStringLiteral("online-endpoint"), QStringLiteral("show"), QStringLiteral("-n"),
            m_endpoint, QStringLiteral("--debug") });
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 0);
    const QByteArray cliOutput = cli.readAllStandardOutput() + cli.readAllStandardError();
    QVERIFY(cliOutput.contains(m_endpoint.toLatin1()));

    QMap<QString, QByteArray> places { { QStringLiteral("rolloutctl --debug"), cliOutput },
        { QStringLiteral("rolloutd stdout"), m_host.process()->readAllStandardOutput() } };
    // Every file of the state folder but the two that must hold secrets.
    QDirIterator it(m_host.stateDir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString name = it.fileName();
        if (name == QLatin1String("token") || name.startsWith(QLatin1String("state.json")))
            continue;
        places.insert(path, readAll(path));
    }
    for (auto place = places.cbegin(); place != places.cend(); ++place) {
        for (const QByteArray &secret : std::as_const(secrets)) {
            QVERIFY(secret.size() >= 32);
            QVERIFY2(!place.value().contains(secret),
                qPrintable(QStringLiteral("a secret appears in ") + place.key()));
        }
    }
}

void TestSecurity::unwritableTokenStopsTheHost()
{
    // Where the token must go there is a folder: even root cannot write the file, and the
    // host must refuse to start rather than serve without a token.
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("token")));
    QProcess host;
    host.start(HostFixture::binary(QStringLiteral("rolloutd")),
        { QStringLiteral("--state-dir"), dir.path() });
    QVERIFY(host.waitForFinished(30000));
    QCOMPARE(host.exitStatus(), QProcess::NormalExit);
    QCOMPARE(host.exitCode(), 1);
    QVERIFY2(host.readAllStandardError().contains("cannot write the token file"),
        "rolloutd should say why it stopped");
    QVERIFY(!QFile::exists(LocalWorkspace::hostInfoPath(dir.path())));
}

void TestSecurity::snapshotRefusesLinks_data()
{
    // Each row makes a source folder `src` beside a folder `outside` holding "SECRET".
    QTest::addColumn<QString>("link"); // relative to the temporary dir; empty: no link
    QTest::addColumn<QString>("target"); // what the link points to
    QTest::addColumn<QString>("source"); // what is copied
    QTest::newRow("no link") << QString() << QString() << QStringLiteral("src");
    QTest::newRow("source is a link")
        << QStringLiteral("srclink") << QStringLiteral("src") << QStringLiteral("srclink");
    QTest::newRow("file link inside")
        << QStringLiteral("src/copied.txt") << QStringLiteral("../outside/secret.txt")
        << QStringLiteral("src");
    QTest::newRow("folder link inside") << QStringLiteral("src/sub/more")
                                        << QStringLiteral("../../outside") << QStringLiteral("src");
    QTest::newRow("link to parent")
        << QStringLiteral("src/up") << QStringLiteral("..") << QStringLiteral("src");
    QTest::newRow("dangling link")
        << QStringLiteral("src/gone") << QStringLiteral("/nonexistent/x") << QStringLiteral("src");
}

void TestSecurity::snapshotRefusesLinks()
{
    QFETCH(QString, link);
    QFETCH(QString, target);
    QFETCH(QString, source);
    QTemporaryDir tmp;
    const QDir root(tmp.path());
    QVERIFY(root.mkpath(QStringLiteral("src/sub")));
    QVERIFY(root.mkpath(QStringLiteral("outside")));
    writeFile(root.filePath(QStringLiteral("src/score.py")), "print('hello')\n");
    writeFile(root.filePath(QStringLiteral("src/sub/data.txt")), "data\n");
    writeFile(root.filePath(QStringLiteral("outside/secret.txt")), "SECRET\n");
    if (!link.isEmpty()) {
        QVERIFY(::symlink(QFile::encodeName(target).constData(),
                    QFile::encodeName(root.filePath(link)).constData())
            == 0);
    }

    const QString destination = root.filePath(QStringLiteral("snapshot/code"));
    const Status copied
        = Snapshot::copy(root.filePath(source), destination, QStringLiteral("code"));
    QCOMPARE(copied.ok(), link.isEmpty());
    if (link.isEmpty()) {
        QCOMPARE(readAll(destination + QStringLiteral("/sub/data.txt")), QByteArray("data\n"));
        return;
    }
    QCOMPARE(copied.error().code, QStringLiteral("SnapshotFailed"));
    QVERIFY2(copied.error().message.contains(QStringLiteral("symbolic link")),
        qPrintable(copied.error().message));
    // Nothing of what the link reaches was copied, and the link's target is untouched.
    QDirIterator it(root.filePath(QStringLiteral("snapshot")), QDir::Files | QDir::System,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QVERIFY2(!it.fileInfo().isSymLink(), qPrintable(path));
        QVERIFY2(!readAll(path).contains("SECRET"), qPrintable(path));
    }
    QCOMPARE(readAll(root.filePath(QStringLiteral("outside/secret.txt"))), QByteArray("SECRET\n"));
}

void TestSecurity::snapshotRemovesOnlyInside()
{
    QTemporaryDir tmp;
    const QDir top(tmp.path());
    QVERIFY(top.mkpath(QStringLiteral("snapshots/a/b")));
    QVERIFY(top.mkpath(QStringLiteral("other")));
    const QString root = top.filePath(QStringLiteral("snapshots"));
    Snapshot::removeInside(root, root + QStringLiteral("/../other"));
    Snapshot::removeInside(root, root);
    Snapshot::removeInside(root, root + QStringLiteral("/a/../.."));
    Snapshot::removeInside(root, QString());
    QVERIFY(QFileInfo::exists(top.filePath(QStringLiteral("other"))));
    QVERIFY(QFileInfo::exists(root + QStringLiteral("/a/b")));
    Snapshot::removeInside(root, root + QStringLiteral("/a"));
    QVERIFY(!QFileInfo::exists(root + QStringLiteral("/a")));
    QVERIFY(QFileInfo::exists(root));
}

void TestSecurity::instanceGetsItsArgumentsWithoutAShell()
{
    const Result<QString> python = ProcessUtil::resolveInterpreter(QString());
    if (!python)
        QSKIP("no Python to run the instance");
    QTemporaryDir dir;
    InstanceSpec spec;
    spec.program = python.value();
    // Shell syntax that a shell would expand, split or run; exec() passes it as it is.
    const QStringList tricky { QStringLiteral("$(touch pwned)"), QStringLiteral("a;touch pwned2"),
        QStringLiteral("`id`"), QStringLiteral("x y"), QStringLiteral("*"),
        QStringLiteral("$HOME") };
    spec.arguments = QStringList { QStringLiteral("-c"),
        QStringLiteral("import json, sys; "
                       "print('ARGV ' + json.dumps(sys.argv[1:]))") }
        + tricky;
    spec.environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    spec.workingDir = dir.path();
    spec.logFile = dir.filePath(QStringLiteral("instance.log"));
    spec.maxFastFailures = 1; // it prints and exits: one run is enough
    InstanceProcess instance(spec);
    QSignalSpy failed(&instance, &InstanceProcess::failed);
    instance.start();
    QVERIFY(failed.wait(60000));
    const QByteArray expected = "ARGV "
        + QJsonDocument(QJsonArray::fromStringList(tricky)).toJson(QJsonDocument::Compact);
    const QByteArray log = readAll(spec.logFile);
    QVERIFY2(log.contains(QByteArray(expected).replace(",", ", ")), log.constData());
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("pwned"))));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("pwned2"))));
}

QTEST_GUILESS_MAIN(TestSecurity)
#include "tst_security.moc"

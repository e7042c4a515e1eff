#include "hostapp.h"

#include "controlapi.h"
#include "hostinfo.h"
#include "hostworkspace.h"
#include "httpserver.h"
#include "secrets.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QLockFile>
#include <QSaveFile>
#include <QSocketNotifier>
#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalFds[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe work here; the event loop does the rest.
    [[maybe_unused]] ssize_t n = ::write(g_signalFds[0], &byte, 1);
}

void printError(const QString &text) { std::fprintf(stderr, "rolloutd: %s\n", qPrintable(text)); }

// The control token: kept across restarts so clients holding it keep working.
QString ensureToken(const QString &path, QString *error)
{
    if (Result<QString> existing = LocalWorkspace::readToken(path);
        existing && existing->size() >= 32) {
        // Owner only, also when somebody widened it since.
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        return existing.value();
    }
    const QString token = QString::fromLatin1(Secrets::randomBytes(32).toBase64(
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return {};
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(token.toLatin1() + '\n');
    if (!file.commit()) {
        *error = file.errorString();
        return {};
    }
    return token;
}

} // namespace

HostApp::HostApp(QObject *parent)
    : QObject(parent)
{ }

HostApp::~HostApp() { delete m_lock; }

QString HostApp::harnessPath()
{
    const QString env = qEnvironmentVariable("ROLLOUTDESK_HARNESS");
    if (!env.isEmpty())
        return env;
    const QString installed = QCoreApplication::applicationDirPath()
        + QStringLiteral("/../share/rolloutdesk/harness/rolloutd_harness.py");
    if (QFileInfo::exists(installed))
        return QFileInfo(installed).canonicalFilePath();
    return QStringLiteral(ROLLOUTDESK_SOURCE_DIR "/resources/harness/rolloutd_harness.py");
}

int HostApp::start(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "rolloutd: the local endpoint host of RolloutDesk. Serves the Azure ML online endpoint "
        "REST contract on 127.0.0.1, runs each deployment's model instances and a scoring "
        "gateway per endpoint, and keeps its state in the state folder."));
    parser.addHelpOption();
    QCommandLineOption stateDirOption(QStringLiteral("state-dir"),
        QStringLiteral("State folder (default: $ROLLOUTDESK_STATE_DIR, "
                       "else ~/.local/share/rolloutdesk/local)."),
        QStringLiteral("DIR"));
    QCommandLineOption listenOption(QStringLiteral("listen"),
        QStringLiteral("Control API address (default 127.0.0.1:0, "
                       "port 0 picks a free one)."),
        QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:0"));
    parser.addOptions({ stateDirOption, listenOption });
    if (!parser.parse(arguments)) {
        printError(parser.errorText() + QStringLiteral(" (see rolloutd --help)"));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("unexpected argument '%1' (see rolloutd --help)")
                       .arg(parser.positionalArguments().first()));
        return 2;
    }
    const QString listen = parser.value(listenOption);
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = colon > 0 ? listen.mid(colon + 1).toUInt(&portOk) : 0;
    const QHostAddress address(colon > 0 ? listen.left(colon) : QString());
    if (colon <= 0 || !portOk || port > 65535 || address.isNull()) {
        printError(QStringLiteral("--listen '%1' is not HOST:PORT, e.g. 127.0.0.1:0").arg(listen));
        return 2;
    }

    m_stateDir = LocalWorkspace::stateDir(parser.value(stateDirOption));
    if (!QDir().mkpath(m_stateDir)) {
        printError(QStringLiteral("cannot create the state folder %1").arg(m_stateDir));
        return 1;
    }
    QFile::setPermissions(
        m_stateDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // One host per state dir. QLockFile removes a lock whose process is gone, so a crash
    // leaves nothing in the way.
    m_lock = new QLockFile(m_stateDir + QStringLiteral("/rolloutd.lock"));
    m_lock->setStaleLockTime(0);
    if (!m_lock->tryLock(0)) {
        Result<LocalWorkspace::HostInfo> running = LocalWorkspace::readHostInfo(m_stateDir);
        printError(running
                ? QStringLiteral("already running for %1 at %2 (pid %3)")
                      .arg(m_stateDir, running->controlUrl)
                      .arg(running->pid)
                : QStringLiteral("another rolloutd holds %1/rolloutd.lock").arg(m_stateDir));
        return 1;
    }

    QString tokenError;
    const QString tokenFile = m_stateDir + QStringLiteral("/token");
    const QString token = ensureToken(tokenFile, &tokenError);
    if (token.isEmpty()) {
        printError(QStringLiteral("cannot write the token file %1: %2").arg(tokenFile, tokenError));
        return 1;
    }

    m_workspace = new HostWorkspace({ m_stateDir, harnessPath() }, this);
    if (Status s = m_workspace->open(); !s) {
        printError(s.error().message);
        return 1;
    }
    m_api = new ControlApi(m_workspace, token, this);
    m_server = new HttpServer(this);
    m_server->setHandler(m_api);
    if (Status s = m_server->listen(address, quint16(port)); !s) {
        printError(s.error().message);
        return 1;
    }
    const QString url = QStringLiteral("http://%1:%2")
                            .arg(address.protocol() == QAbstractSocket::IPv6Protocol
                                    ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                                    : address.toString())
                            .arg(m_server->serverPort());
    if (Status s = LocalWorkspace::writeHostInfo(
            m_stateDir, { QCoreApplication::applicationPid(), url, tokenFile });
        !s) {
        printError(s.error().message);
        return 1;
    }
    installSignalHandlers();
    std::fprintf(stdout, "rolloutd: serving %s at %s\n", qPrintable(m_stateDir), qPrintable(url));
    std::fflush(stdout);
    return -1;
}

void HostApp::installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    m_signalNotifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, this);
    connect(m_signalNotifier, &QSocketNotifier::activated, this, [this]() {
        char byte = 0;
        [[maybe_unused]] ssize_t n = ::read(g_signalFds[1], &byte, 1);
        stop();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

void HostApp::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_server->close();
    m_workspace->shutdown([this]() {
        QFile::remove(LocalWorkspace::hostInfoPath(m_stateDir));
        m_lock->unlock();
        QCoreApplication::exit(0);
    });
}

#include "localhost.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>
#include <cerrno>
#include <csignal>

namespace {
constexpr int PollMs = 50;
constexpr int ChildGoneGraceMs = 2000;
} // namespace

LocalHostLauncher::LocalHostLauncher(const QString &stateDir, QObject *parent)
    : QObject(parent)
    , m_stateDir(stateDir)
{ }

bool LocalHostLauncher::isAlive(const LocalWorkspace::HostInfo &info)
{
    return info.pid > 0 && (::kill(pid_t(info.pid), 0) == 0 || errno == EPERM);
}

QString LocalHostLauncher::rolloutdProgram()
{
    const QString env = qEnvironmentVariable("ROLLOUTDESK_ROLLOUTD");
    if (!env.isEmpty())
        return env;
    const QString beside = QCoreApplication::applicationDirPath() + QStringLiteral("/rolloutd");
    if (QFileInfo(beside).isExecutable())
        return beside;
    return QStandardPaths::findExecutable(QStringLiteral("rolloutd"));
}

QString LocalHostLauncher::logPath(const QString &stateDir)
{
    return stateDir + QStringLiteral("/rolloutd.log");
}

Result<WorkspaceConnection> LocalHostLauncher::connectionFor(
    const QString &stateDir, const QString &userAgent)
{
    Result<LocalWorkspace::HostInfo> info = LocalWorkspace::readHostInfo(stateDir);
    if (!info)
        return info.error();
    Result<QString> token = LocalWorkspace::readToken(info->tokenFile);
    if (!token)
        return token.error();
    WorkspaceConnection connection;
    connection.baseUrl = info->controlUrl;
    connection.workspacePath = LocalWorkspace::workspacePath();
    connection.apiVersion = QString::fromLatin1(LocalWorkspace::ApiVersion);
    connection.bearerToken = token.value();
    connection.userAgent = userAgent;
    return connection;
}

void LocalHostLauncher::ensureRunning(int timeoutMs)
{
    m_remainingMs = timeoutMs;
    Result<LocalWorkspace::HostInfo> info = LocalWorkspace::readHostInfo(m_stateDir);
    if (info && isAlive(info.value())) {
        QTimer::singleShot(0, this, [this, info]() { emit hostReady(info.value()); });
        return;
    }
    const QString program = rolloutdProgram();
    if (program.isEmpty()) {
        const Error error { QStringLiteral("HostMissing"),
            QStringLiteral("rolloutd was not found beside this program nor on PATH; "
                           "install RolloutDesk or set ROLLOUTDESK_ROLLOUTD."),
            QString(), 0, 0 };
        QTimer::singleShot(0, this, [this, error]() { emit hostFailed(error); });
        return;
    }
    QDir().mkpath(m_stateDir);
    QProcess process;
    process.setProgram(program);
    process.setArguments({ QStringLiteral("--state-dir"), m_stateDir });
    process.setStandardOutputFile(logPath(m_stateDir), QIODevice::Append);
    process.setStandardErrorFile(logPath(m_stateDir), QIODevice::Append);
    process.setStandardInputFile(QProcess::nullDevice());
    if (!process.startDetached(&m_launchedPid)) {
        const Error error { QStringLiteral("HostNotStarted"),
            QStringLiteral("Cannot start %1: %2").arg(program, process.errorString()), QString(), 0,
            0 };
        QTimer::singleShot(0, this, [this, error]() { emit hostFailed(error); });
        return;
    }
    m_poll = new QTimer(this);
    m_poll->setInterval(PollMs);
    connect(m_poll, &QTimer::timeout, this, &LocalHostLauncher::check);
    m_poll->start();
}

void LocalHostLauncher::check()
{
    if (m_done)
        return;
    Result<LocalWorkspace::HostInfo> info = LocalWorkspace::readHostInfo(m_stateDir);
    if (info && isAlive(info.value())) {
        m_done = true;
        m_poll->stop();
        emit hostReady(info.value());
        return;
    }
    m_remainingMs -= PollMs;
    // Our child gone without a host file: it failed, or lost the race to another starter
    // (then the other's file appears shortly; keep polling until the time is up).
    const bool childGone
        = m_launchedPid > 0 && ::kill(pid_t(m_launchedPid), 0) != 0 && errno == ESRCH;
    if (childGone)
        m_childGoneMs += PollMs;
    if (m_remainingMs > 0 && m_childGoneMs < ChildGoneGraceMs)
        return;
    m_done = true;
    m_poll->stop();
    QFile log(logPath(m_stateDir));
    QString tail;
    if (log.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> lines = log.readAll().split('\n');
        tail = QString::fromUtf8(lines.mid(std::max<qsizetype>(0, lines.size() - 10)).join('\n'))
                   .trimmed();
    }
    emit hostFailed(Error { QStringLiteral("HostNotStarted"),
        QStringLiteral("rolloutd did not start for %1%2")
            .arg(m_stateDir, tail.isEmpty() ? QString() : QStringLiteral(":\n") + tail),
        QString(), 0, 0 });
}

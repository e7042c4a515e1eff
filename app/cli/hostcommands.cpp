// rolloutctl host status|stop|logs: the local workspace's rolloutd.

#include "cliapp.h"
#include "clicommon.h"
#include "hostinfo.h"
#include "localhost.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonObject>
#include <QThread>
#include <csignal>

using namespace Cli;

namespace {

int status(CliApp &app, const ParsedArgs &)
{
    const QString dir = app.stateDir();
    Result<LocalWorkspace::HostInfo> info = LocalWorkspace::readHostInfo(dir);
    const bool running = info && LocalHostLauncher::isAlive(info.value());
    QJsonObject o { { QStringLiteral("state_dir"), dir }, { QStringLiteral("running"), running } };
    if (running) {
        o.insert(QStringLiteral("pid"), info->pid);
        o.insert(QStringLiteral("control_url"), info->controlUrl);
    }
    app.print(o);
    return running ? 0 : 1;
}

int stop(CliApp &app, const ParsedArgs &)
{
    const QString dir = app.stateDir();
    Result<LocalWorkspace::HostInfo> info = LocalWorkspace::readHostInfo(dir);
    if (!info || !LocalHostLauncher::isAlive(info.value())) {
        app.warn(QStringLiteral("no rolloutd is running for %1").arg(dir));
        return 0;
    }
    ::kill(pid_t(info->pid), SIGTERM);
    // rolloutd stops its instances and flushes its state before it exits.
    QDeadlineTimer deadline(60000);
    while (LocalHostLauncher::isAlive(info.value()) && !deadline.hasExpired())
        QThread::msleep(50);
    if (LocalHostLauncher::isAlive(info.value())) {
        return app.fail(Error { QStringLiteral("HostStillRunning"),
            QStringLiteral("rolloutd (pid %1) did not stop within 60 s.").arg(info->pid), QString(),
            0, 0 });
    }
    return 0;
}

int logs(CliApp &app, const ParsedArgs &args)
{
    QFile file(LocalHostLauncher::logPath(app.stateDir()));
    if (!file.open(QIODevice::ReadOnly)) {
        return app.fail(Error { QStringLiteral("NoLog"),
            QStringLiteral("%1 cannot be read (%2); the host writes it when a "
                           "client starts it.")
                .arg(file.fileName(), file.errorString()),
            QString(), 0, 0 });
    }
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    bool ok = true;
    const int count = args.isSet(QStringLiteral("lines"))
        ? args.value(QStringLiteral("lines")).toInt(&ok)
        : 200;
    if (!ok || count < 1)
        return app.usageError(QStringLiteral("--lines must be a whole number of at least 1."));
    const QByteArray text = lines.mid(std::max<qsizetype>(0, lines.size() - count)).join('\n');
    return app.print(QJsonValue(QString::fromUtf8(text)));
}

} // namespace

QList<CliApp::Entry> CliApp::hostCommands()
{
    const QString g = QStringLiteral("host");
    return {
        { { g, QStringLiteral("status"),
              QStringLiteral("Show whether the local host runs, and where."), {},
              { QStringLiteral("rolloutctl host status -o table") } },
            status },
        { { g, QStringLiteral("stop"),
              QStringLiteral("Stop the local host (its instances stop too)."), {},
              { QStringLiteral("rolloutctl host stop") } },
            stop },
        { { g, QStringLiteral("logs"), QStringLiteral("Print the local host's own log."),
              { option("lines", "l", "Number of lines from the end (default 200).") },
              { QStringLiteral("rolloutctl host logs -o tsv") } },
            logs },
    };
}

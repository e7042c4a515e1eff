#include "processutil.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QMutexLocker>
#include <QStandardPaths>
#include <QStringList>
#include <QTcpServer>
#include <QThread>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <sys/types.h>
#include <unistd.h>

namespace ProcessUtil {

namespace {

struct ProcStat
{
    char state = 0;
    qint64 pgrp = 0;
    quint64 startTicks = 0;
};

// /proc/PID/stat: "pid (comm) state ppid ... starttime(22) ...". comm may contain spaces
// and parentheses, so fields are counted after the last ')'.
bool readProcStat(qint64 pid, ProcStat *out)
{
    if (pid <= 0)
        return false;
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = file.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return false;
    const QList<QByteArray> fields = text.mid(close + 1).simplified().split(' ');
    // fields[0] is field 3 (state); field 22 is fields[19].
    if (fields.size() < 20 || fields.at(0).isEmpty())
        return false;
    bool ok = false;
    const quint64 ticks = fields.at(19).toULongLong(&ok);
    if (!ok)
        return false;
    out->state = fields.at(0).at(0);
    out->pgrp = fields.at(2).toLongLong();
    out->startTicks = ticks;
    return true;
}

bool aliveAndSame(qint64 pid, quint64 startTicks)
{
    ProcStat stat;
    return readProcStat(pid, &stat) && stat.state != 'Z' && stat.state != 'X'
        && stat.startTicks == startTicks;
}

QMutex s_portMutex;
QList<quint16> s_recentPorts; // handed out lately, newest last

} // namespace

quint64 processStartTicks(qint64 pid)
{
    ProcStat stat;
    return readProcStat(pid, &stat) ? stat.startTicks : 0;
}

bool isSameProcess(const InstanceRecord &record)
{
    return record.startTicks != 0 && aliveAndSame(record.pid, record.startTicks);
}

bool processGroupAlive(qint64 pgid)
{
    if (pgid <= 1)
        return false;
    if (::kill(static_cast<pid_t>(-pgid), 0) != 0 && errno != EPERM)
        return false;
    // kill(0) also counts zombies nobody has reaped yet (a grandchild whose parent died,
    // when PID 1 is slow to reap): look for a member that still runs.
    const QStringList entries
        = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (entries.isEmpty())
        return true; // no /proc to look into: trust kill()
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        ProcStat stat;
        if (numeric && readProcStat(pid, &stat) && stat.pgrp == pgid && stat.state != 'Z'
            && stat.state != 'X')
            return true;
    }
    return false;
}

namespace {

// True while a process of the group that started no earlier than the recorded leader runs.
bool groupMembersSince(qint64 pgid, quint64 startTicks)
{
    const QStringList entries
        = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        ProcStat stat;
        if (numeric && readProcStat(pid, &stat) && stat.pgrp == pgid && stat.state != 'Z'
            && stat.state != 'X' && stat.startTicks >= startTicks)
            return true;
    }
    return false;
}

// A recorded instance that still has to be stopped, and how to reach it.
struct Stale
{
    InstanceRecord record;
    bool useGroup = false;
};

bool findStale(const InstanceRecord &record, Stale *out)
{
    if (record.startTicks == 0)
        return false;
    // The group is the instance's own (setpgid at start); signal only the pid if the
    // record has no group or a group that is not the pid's (then it is not ours to kill).
    const bool useGroup = record.pgid > 1 && record.pgid == record.pid;
    if (!isSameProcess(record)) {
        // The pid now belongs to someone else: never touch it. The leader gone (it got
        // SIGTERM with the host) but children it spawned left in its group: stop those.
        ProcStat leader;
        const bool pidTaken
            = readProcStat(record.pid, &leader) && leader.state != 'Z' && leader.state != 'X';
        if (pidTaken || !useGroup || !groupMembersSince(record.pgid, record.startTicks))
            return false;
    }
    *out = Stale { record, useGroup };
    return true;
}

void signalStale(const Stale &stale, int sig)
{
    if (stale.useGroup)
        ::kill(static_cast<pid_t>(-stale.record.pgid), sig);
    else
        ::kill(static_cast<pid_t>(stale.record.pid), sig);
}

bool staleGone(const Stale &stale)
{
    return !aliveAndSame(stale.record.pid, stale.record.startTicks)
        && (!stale.useGroup || !processGroupAlive(stale.record.pgid));
}

} // namespace

int stopStaleInstances(const QList<InstanceRecord> &records)
{
    QList<Stale> stale;
    for (const InstanceRecord &record : records) {
        Stale found;
        if (findStale(record, &found))
            stale << found;
    }
    // All at once: the grace is shared, so a restart after a crash with many instances
    // that ignore SIGTERM still takes ~3 s, not 3 s each.
    for (const Stale &s : std::as_const(stale))
        signalStale(s, SIGTERM);
    const auto allGone = [&] { return std::all_of(stale.cbegin(), stale.cend(), staleGone); };
    QDeadlineTimer deadline(3000);
    while (!allGone() && !deadline.hasExpired())
        QThread::msleep(50); // start-up cleanup; nothing else to do meanwhile
    for (const Stale &s : std::as_const(stale)) {
        // Re-check the identity: SIGKILL only what is still the recorded process or group.
        if (!staleGone(s) && (aliveAndSame(s.record.pid, s.record.startTicks) || s.useGroup))
            signalStale(s, SIGKILL);
    }
    return int(stale.size());
}

bool stopStaleInstance(const InstanceRecord &record) { return stopStaleInstances({ record }) > 0; }

bool isPortFree(quint16 port)
{
    if (port == 0)
        return false;
    QTcpServer server;
    const bool ok = server.listen(QHostAddress::LocalHost, port);
    server.close();
    return ok;
}

quint16 pickFreePort()
{
    QMutexLocker lock(&s_portMutex);
    for (int attempt = 0; attempt < 32; ++attempt) {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0))
            return 0;
        const quint16 port = server.serverPort();
        server.close();
        if (s_recentPorts.contains(port))
            continue;
        s_recentPorts.append(port);
        if (s_recentPorts.size() > 256)
            s_recentPorts.removeFirst();
        return port;
    }
    return 0;
}

quint64 instanceMemoryLimitBytes()
{
    bool ok = false;
    const qint64 mb = qEnvironmentVariableIntValue("ROLLOUTDESK_INSTANCE_MEMORY_MB", &ok);
    if (ok && mb > 0)
        return quint64(mb) * 1024 * 1024;
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long pageSize = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
        return 0;
    return quint64(pages) * quint64(pageSize) / 2;
}

Result<QString> resolveInterpreter(const QString &localPython)
{
    const auto executable = [](const QString &path) {
        const QFileInfo info(path);
        return info.isFile() && info.isExecutable();
    };
    if (!localPython.isEmpty()) {
        QString path = localPython;
        if (!path.contains(QLatin1Char('/')))
            path = QStandardPaths::findExecutable(localPython);
        if (path.isEmpty() || !executable(path))
            return Error::validation(QStringLiteral("local_python"),
                QStringLiteral("local_python %1 is not an executable file: give the "
                               "absolute path of a Python 3 interpreter")
                    .arg(localPython));
        return QFileInfo(path).absoluteFilePath();
    }
    const QString fromEnv = qEnvironmentVariable("ROLLOUTDESK_PYTHON");
    if (!fromEnv.isEmpty()) {
        if (!executable(fromEnv))
            return Error::validation(QStringLiteral("ROLLOUTDESK_PYTHON"),
                QStringLiteral("ROLLOUTDESK_PYTHON=%1 is not an executable file: set it "
                               "to a Python 3 interpreter or unset it")
                    .arg(fromEnv));
        return fromEnv;
    }
    const QString system = QStringLiteral("/usr/bin/python3");
    if (executable(system))
        return system;
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (!onPath.isEmpty())
        return onPath;
    return Error { QStringLiteral("InterpreterNotFound"),
        QStringLiteral("No Python 3 interpreter found (neither /usr/bin/python3 nor python3 on "
                       "PATH): install python3, or set local_python in the deployment or "
                       "ROLLOUTDESK_PYTHON"),
        QStringLiteral("local_python"), 0, 0 };
}

} // namespace ProcessUtil

#pragma once

// Small process helpers of the supervisor: identity of a recorded instance process
// (pid + start time, so a recycled pid is never mistaken for ours), cleanup after a host
// crash, free loopback ports and the choice of the Python interpreter.

#include "result.h"

#include <QList>
#include <QString>
#include <QtGlobal>

// What the state store keeps of a running instance, to find and stop it after a crash.
struct InstanceRecord
{
    qint64 pid = 0;
    qint64 pgid = 0; // the instance runs in its own process group (pgid == pid)
    quint64 startTicks = 0; // field 22 of /proc/PID/stat: clock ticks after boot
    quint16 port = 0;
    QString logFile;
};

namespace ProcessUtil {

// Start time of a process in clock ticks after boot, 0 when there is no such process.
quint64 processStartTicks(qint64 pid);

// True while the recorded process is alive (not a zombie) and is the same process: its
// start time matches, so the pid was not reused by somebody else.
bool isSameProcess(const InstanceRecord &record);

// After a host crash: stops the recorded instance's process group if the recorded pid is
// still the same process, or if the leader is gone but processes it spawned still run in
// its group (started after it: a group id is not reused while the group has members).
// SIGTERM, up to ~3 s for it to go, then SIGKILL. Blocks (polling) for at most that time;
// meant for host start-up. Returns true when a process was found and stopped.
bool stopStaleInstance(const InstanceRecord &record);
// The same for many records at once, sharing the ~3 s grace; returns how many were found.
int stopStaleInstances(const QList<InstanceRecord> &records);

// True while any process of the group is alive.
bool processGroupAlive(qint64 pgid);

// A port on 127.0.0.1 that is free right now. Ports handed out recently by this process
// are not handed out again, so instances started at the same moment get different ports.
// 0 when none could be found.
quint16 pickFreePort();

// True when 127.0.0.1:port can be bound right now.
bool isPortFree(quint16 port);

// The address-space limit of each instance: $ROLLOUTDESK_INSTANCE_MEMORY_MB when set to a
// positive number (read by rolloutd at each instance start), else half the machine's
// memory, so one model cannot exhaust the host. 0 when neither is known.
quint64 instanceMemoryLimitBytes();

// The Python that runs score.py: localPython when set (local_python), else
// $ROLLOUTDESK_PYTHON, else /usr/bin/python3, else python3 on PATH.
Result<QString> resolveInterpreter(const QString &localPython);

} // namespace ProcessUtil

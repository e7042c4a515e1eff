#include "instanceprocess.h"

#include "httpprobe.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

// How the probes are read (Azure's settings, made to serve at once):
// - From each start until the first readiness success, readiness is polled quickly
//   (100 ms, growing to 500 ms so a slow init() does not flood the log); the first success
//   makes the instance Ready, so a ready instance gets traffic at once. These quick polls
//   never count as failures.
// - The counted probes follow Azure's settings: readiness and liveness each start after
//   their initial_delay and run every period with timeout. failure_threshold readiness
//   failures in a row take a Ready instance out of routing (NotReady); success_threshold
//   successes in a row bring it back. failure_threshold liveness failures in a row restart
//   it. So the failure budget is Azure's, only the way in is faster.
// - A probe succeeds on an HTTP status 200-399 (as Kubernetes' httpGet), see httpprobe.h.

namespace {

constexpr int kFastPollFirstMs = 100;
constexpr int kFastPollMaxMs = 500;
constexpr int kFirstBackoffMs = 500;
constexpr int kMaxBackoffMs = 10000;
constexpr int kTailKept = 200;
constexpr qsizetype kLongestLine = 64 * 1024;
const QByteArray kHarnessReady = QByteArrayLiteral("rolloutd-harness: ready");
const QByteArray kHarnessListening = QByteArrayLiteral("rolloutd-harness: listening");

int seconds(int value) { return qMax(1, value) * 1000; }

// The program as QProcess will run it: relative paths against the working folder, bare
// names on the PATH the instance gets (not ours).
QString resolveProgram(const InstanceSpec &spec)
{
    if (spec.program.contains(QLatin1Char('/')))
        return QDir(spec.workingDir).absoluteFilePath(spec.program);
    const QStringList path = spec.environment.value(QStringLiteral("PATH"))
                                 .split(QLatin1Char(':'), Qt::SkipEmptyParts);
    return QStandardPaths::findExecutable(spec.program, path);
}

} // namespace

InstanceProcess::InstanceProcess(const InstanceSpec &spec, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_port(spec.port)
    , m_restartTimer(new QTimer(this))
    , m_killTimer(new QTimer(this))
    , m_fastPollTimer(new QTimer(this))
    , m_readinessTimer(new QTimer(this))
    , m_livenessTimer(new QTimer(this))
{
    m_restartTimer->setSingleShot(true);
    m_killTimer->setSingleShot(true);
    m_fastPollTimer->setSingleShot(true);
    connect(m_restartTimer, &QTimer::timeout, this, [this] {
        if (m_port == 0 || !ProcessUtil::isPortFree(m_port)) {
            const quint16 old = m_port;
            m_port = ProcessUtil::pickFreePort();
            appendLogLine(QStringLiteral("rolloutd: port %1 is taken, restarting on port %2")
                              .arg(old)
                              .arg(m_port));
            emit portChanged(m_port, old);
        }
        m_isRestart = true;
        launch();
    });
    connect(m_killTimer, &QTimer::timeout, this, [this] {
        appendLogLine(QStringLiteral("rolloutd: no exit %1 ms after SIGTERM: sending SIGKILL")
                          .arg(m_spec.stopGraceMs));
        killGroup(SIGKILL);
    });
    connect(m_fastPollTimer, &QTimer::timeout, this, [this] {
        fastReadinessPoll();
        if (!m_readyThisRun && m_state == State::Starting) {
            m_fastPollTimer->start(qMin(kFastPollMaxMs, m_fastPollTimer->interval() * 3 / 2));
        }
    });
    // Readiness and liveness have their own initial_delay and period: the first timer
    // fires after the initial delay, then runs every period.
    connect(m_readinessTimer, &QTimer::timeout, this, [this] {
        m_readinessTimer->setInterval(seconds(m_spec.readiness.periodSec));
        if (m_readinessInFlight)
            return;
        m_readinessInFlight = true;
        const quint64 generation = m_probeGeneration;
        const quint16 port = m_spec.readinessPort > 0 ? quint16(m_spec.readinessPort) : m_port;
        HttpProbe::get(this, port, m_spec.readinessPath, seconds(m_spec.readiness.timeoutSec),
            [this, generation](bool ok, const QString &detail) {
                if (generation != m_probeGeneration)
                    return;
                m_readinessInFlight = false;
                onReadiness(ok, detail, true);
            });
    });
    connect(m_livenessTimer, &QTimer::timeout, this, [this] {
        m_livenessTimer->setInterval(seconds(m_spec.liveness.periodSec));
        if (m_livenessInFlight)
            return;
        m_livenessInFlight = true;
        const quint64 generation = m_probeGeneration;
        const quint16 port = m_spec.livenessPort > 0 ? quint16(m_spec.livenessPort) : m_port;
        HttpProbe::get(this, port, m_spec.livenessPath, seconds(m_spec.liveness.timeoutSec),
            [this, generation](bool ok, const QString &detail) {
                if (generation != m_probeGeneration)
                    return;
                m_livenessInFlight = false;
                onLiveness(ok, detail);
            });
    });
}

InstanceProcess::~InstanceProcess()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        QObject::disconnect(m_process, nullptr, this, nullptr);
        killGroup(SIGKILL);
        m_process->waitForFinished(2000);
    } else if (m_pid > 0 && m_state != State::Stopped && ProcessUtil::processGroupAlive(m_pid)) {
        killGroup(SIGKILL); // children left behind by an exited leader
    }
}

QString InstanceProcess::stateName(State state)
{
    switch (state) {
    case State::Idle:
        return QStringLiteral("Idle");
    case State::Starting:
        return QStringLiteral("Starting");
    case State::Ready:
        return QStringLiteral("Ready");
    case State::NotReady:
        return QStringLiteral("NotReady");
    case State::Restarting:
        return QStringLiteral("Restarting");
    case State::Stopping:
        return QStringLiteral("Stopping");
    case State::Stopped:
        return QStringLiteral("Stopped");
    case State::Failed:
        return QStringLiteral("Failed");
    }
    return QString();
}

InstanceRecord InstanceProcess::record() const
{
    return InstanceRecord { m_pid, m_pid, m_startTicks, m_port, m_spec.logFile };
}

void InstanceProcess::start()
{
    if (m_state != State::Idle)
        return;
    m_stopRequested = false;
    const QFileInfo folder(m_spec.workingDir);
    QString problem;
    if (!m_spec.workingDir.isEmpty() && !folder.isDir()) {
        problem = QStringLiteral(
            "the working folder %1 does not exist: check the deployment's code folder")
                      .arg(m_spec.workingDir);
    } else {
        const QString program = resolveProgram(m_spec);
        const QFileInfo info(program);
        if (program.isEmpty() || !info.isFile() || !info.isExecutable())
            problem
                = QStringLiteral(
                    "the program %1 is not an executable file%2: give an absolute path or a "
                    "program on PATH")
                      .arg(m_spec.program,
                          m_spec.program.contains(QLatin1Char('/')) ? QString()
                                                                    : QStringLiteral(" on PATH"));
    }
    setState(State::Starting);
    if (!problem.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, problem] { fail(problem); }, Qt::QueuedConnection);
        return;
    }
    QMetaObject::invokeMethod(this, &InstanceProcess::launch, Qt::QueuedConnection);
}

void InstanceProcess::launch()
{
    if (m_stopRequested)
        return;
    const QString program = resolveProgram(m_spec);
    if (program.isEmpty() || !QFileInfo(program).isExecutable()) {
        fail(QStringLiteral("the program %1 is no longer an executable file").arg(m_spec.program));
        return;
    }
    if (m_port == 0)
        m_port = ProcessUtil::pickFreePort();

    QStringList arguments = m_spec.arguments;
    for (QString &argument : arguments)
        argument.replace(QStringLiteral("{port}"), QString::number(m_port));
    QProcessEnvironment environment = m_spec.environment;
    environment.insert(QStringLiteral("PORT"), QString::number(m_port));

    if (m_process) {
        QObject::disconnect(m_process, nullptr, this, nullptr);
        m_process->deleteLater();
    }
    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setWorkingDirectory(m_spec.workingDir);
    m_process->setProcessEnvironment(environment);
    const pid_t host = ::getpid();
    const quint64 memoryLimit = m_spec.memoryLimitBytes;
    m_process->setChildProcessModifier([host, memoryLimit] {
        // In the child, before exec (async-signal-safe calls only): its own process group,
        // so stop() reaches what it spawns; and a SIGTERM if the host dies.
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != host)
            ::_exit(127);
        if (memoryLimit > 0) {
            const rlimit limit { rlim_t(memoryLimit), rlim_t(memoryLimit) };
            ::setrlimit(RLIMIT_AS, &limit);
        }
        // Under memory pressure the kernel's OOM killer takes an instance, never the host
        // (which keeps its default score): instances are restarted, the host is not.
        const int fd = ::open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            (void)!::write(fd, "1000", 4);
            ::close(fd);
        }
    });
    connect(m_process, &QProcess::started, this, &InstanceProcess::onStarted);
    connect(m_process, &QProcess::finished, this, &InstanceProcess::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &InstanceProcess::onStartError);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &InstanceProcess::onOutput);

    m_pid = 0;
    m_startTicks = 0;
    m_readyThisRun = false;
    m_killReason.clear();
    QString commandLine = program;
    for (const QString &argument : std::as_const(arguments)) {
        QString shown = argument;
        shown.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
        commandLine += QLatin1Char(' ')
            + (shown.contains(QLatin1Char(' ')) ? QLatin1Char('\'') + shown + QLatin1Char('\'')
                                                : shown);
    }
    const QString limit = m_spec.memoryLimitBytes > 0
        ? QStringLiteral(", memory limit %1 MB").arg(m_spec.memoryLimitBytes / (1024 * 1024))
        : QString();
    appendLogLine(QStringLiteral("rolloutd: starting %1 on port %2%3")
                      .arg(commandLine)
                      .arg(m_port)
                      .arg(limit));
    setState(State::Starting);
    m_process->start(program, arguments);
}

void InstanceProcess::onStarted()
{
    m_pid = m_process->processId();
    m_startTicks = ProcessUtil::processStartTicks(m_pid);
    appendLogLine(QStringLiteral("rolloutd: running as pid %1").arg(m_pid));
    startProbing();
    emit started();
    if (m_isRestart)
        emit restarted();
}

void InstanceProcess::onStartError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart || !m_process)
        return; // the other errors come with finished()
    const QString reason = QStringLiteral("%1 could not be started: %2")
                               .arg(m_spec.program, m_process->errorString());
    if (m_stopRequested) {
        finishStop();
        return;
    }
    fail(reason);
}

void InstanceProcess::onOutput()
{
    if (!m_process)
        return;
    m_partialLine += m_process->readAllStandardOutput();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    bool harnessReady = false;
    qsizetype start = 0;
    for (;;) {
        const qsizetype eol = m_partialLine.indexOf('\n', start);
        if (eol < 0)
            break;
        const QByteArray line = m_partialLine.mid(start, eol - start);
        harnessReady
            = harnessReady || line.startsWith(kHarnessReady) || line.startsWith(kHarnessListening);
        writeLogLine(line, now);
        start = eol + 1;
    }
    m_partialLine.remove(0, start);
    if (m_partialLine.size() > kLongestLine) {
        writeLogLine(m_partialLine, now);
        m_partialLine.clear();
    }
    if (m_log.isOpen())
        m_log.flush();
    // The harness says when init() is done: probe now instead of at the next poll.
    if (harnessReady && !m_readyThisRun)
        fastReadinessPoll();
}

void InstanceProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    onOutput();
    if (!m_partialLine.isEmpty()) {
        writeLogLine(m_partialLine, QDateTime::currentDateTimeUtc());
        m_partialLine.clear();
        m_log.flush();
    }
    m_killTimer->stop();
    stopProbing();
    const int code = status == QProcess::CrashExit ? 128 + exitCode : exitCode;
    QString reason = status == QProcess::CrashExit
        ? QStringLiteral("the process was killed by signal %1").arg(exitCode)
        : QStringLiteral("the process exited with code %1").arg(exitCode);
    if (!m_killReason.isEmpty())
        reason = m_killReason + QStringLiteral(" (") + reason + QLatin1Char(')');
    appendLogLine(QStringLiteral("rolloutd: ") + reason);
    if (m_stopRequested) {
        finishStop();
        return;
    }
    handleExit(code, reason);
}

void InstanceProcess::handleExit(int exitCode, const QString &reason)
{
    // The instance is gone as a whole: whatever it spawned goes too (it may hold the port).
    killGroup(SIGKILL);
    if (!m_readyThisRun)
        ++m_fastFailures;
    setState(State::Restarting);
    emit crashed(exitCode, reason);
    if (m_stopRequested)
        return; // stop() was called from a crashed() handler
    if (m_fastFailures >= qMax(1, m_spec.maxFastFailures)) {
        fail(QStringLiteral(
            "the instance exited %1 times in a row before it was ready (last exit code %2): "
            "see the log lines below")
                 .arg(m_fastFailures)
                 .arg(exitCode));
        return;
    }
    scheduleRestart();
}

void InstanceProcess::scheduleRestart()
{
    const int delay = qMin(kMaxBackoffMs, kFirstBackoffMs << qMin(m_restartsSinceReady, 8));
    ++m_restartsSinceReady;
    appendLogLine(QStringLiteral("rolloutd: restarting in %1 ms").arg(delay));
    setState(State::Restarting);
    m_restartTimer->start(delay);
}

void InstanceProcess::fail(const QString &reason)
{
    stopProbing();
    m_restartTimer->stop();
    m_failureReason = reason;
    appendLogLine(QStringLiteral("rolloutd: instance failed: ") + reason);
    setState(State::Failed);
    emit failed(reason, logTail(20).join(QLatin1Char('\n')));
}

void InstanceProcess::stop()
{
    if (m_stopRequested && m_state == State::Stopping)
        return;
    m_stopRequested = true;
    m_restartTimer->stop();
    stopProbing();
    if (m_process && m_process->state() != QProcess::NotRunning) {
        setState(State::Stopping);
        appendLogLine(QStringLiteral("rolloutd: stopping (SIGTERM to the process group)"));
        m_stopDeadline = QDeadlineTimer(m_spec.stopGraceMs);
        killGroup(SIGTERM);
        m_killTimer->start(m_spec.stopGraceMs);
        return;
    }
    if (m_state == State::Stopped)
        return;
    m_stopDeadline = QDeadlineTimer(m_spec.stopGraceMs);
    setState(State::Stopping);
    QMetaObject::invokeMethod(this, &InstanceProcess::finishStop, Qt::QueuedConnection);
}

void InstanceProcess::finishStop()
{
    if (m_state == State::Stopped)
        return;
    if (m_pid > 0 && ProcessUtil::processGroupAlive(m_pid)) {
        // The leader is gone, what it spawned got SIGTERM with it: give it the rest of the grace.
        if (!m_stopDeadline.hasExpired()) {
            QTimer::singleShot(100, this, &InstanceProcess::finishStop);
            return;
        }
        appendLogLine(QStringLiteral("rolloutd: child processes still running: sending SIGKILL"));
        killGroup(SIGKILL);
    }
    m_killTimer->stop();
    appendLogLine(QStringLiteral("rolloutd: stopped"));
    setState(State::Stopped);
    emit stopped();
}

void InstanceProcess::killGroup(int signal)
{
    qint64 pid = m_pid;
    if (pid <= 0 && m_process)
        pid = m_process->processId();
    if (pid <= 1)
        return;
    // Before exec the child may not have its own group yet: then signal the pid alone.
    if (::kill(static_cast<pid_t>(-pid), signal) != 0 && errno == ESRCH && m_process
        && m_process->state() != QProcess::NotRunning)
        ::kill(static_cast<pid_t>(pid), signal);
}

void InstanceProcess::setState(State state)
{
    if (state == m_state)
        return;
    const State old = m_state;
    m_state = state;
    emit stateChanged(state);
    if (state == State::Ready)
        emit becameReady();
    else if (old == State::Ready)
        emit becameUnready();
}

// ---- probes

void InstanceProcess::startProbing()
{
    ++m_probeGeneration;
    m_fastProbeInFlight = m_readinessInFlight = m_livenessInFlight = false;
    m_readinessFailures = m_readinessSuccesses = m_livenessFailures = 0;
    m_runClock.start();
    m_fastPollTimer->start(kFastPollFirstMs);
    m_readinessTimer->start(qMax(0, m_spec.readiness.initialDelaySec) * 1000);
    m_livenessTimer->start(qMax(0, m_spec.liveness.initialDelaySec) * 1000);
}

void InstanceProcess::stopProbing()
{
    ++m_probeGeneration;
    m_fastPollTimer->stop();
    m_readinessTimer->stop();
    m_livenessTimer->stop();
}

void InstanceProcess::fastReadinessPoll()
{
    if (m_readyThisRun || m_fastProbeInFlight || m_state != State::Starting)
        return;
    m_fastProbeInFlight = true;
    const quint64 generation = m_probeGeneration;
    const quint16 port = m_spec.readinessPort > 0 ? quint16(m_spec.readinessPort) : m_port;
    HttpProbe::get(this, port, m_spec.readinessPath, seconds(m_spec.readiness.timeoutSec),
        [this, generation](bool ok, const QString &detail) {
            if (generation != m_probeGeneration)
                return;
            m_fastProbeInFlight = false;
            if (ok)
                onReadiness(true, detail, false);
        });
}

void InstanceProcess::onReadiness(bool ok, const QString &detail, bool counted)
{
    const int failureThreshold = qMax(1, m_spec.readiness.failureThreshold);
    const int successThreshold = qMax(1, m_spec.readiness.successThreshold);
    if (ok) {
        m_readinessFailures = 0;
        if (counted)
            ++m_readinessSuccesses;
        if (m_state == State::Starting && !m_readyThisRun) {
            m_readyThisRun = m_everReady = true;
            m_fastFailures = 0;
            m_restartsSinceReady = 0;
            m_fastPollTimer->stop();
            appendLogLine(QStringLiteral("rolloutd: ready: GET %1 answered %2, %3 ms after start")
                              .arg(m_spec.readinessPath, detail)
                              .arg(m_runClock.elapsed()));
            setState(State::Ready);
        } else if (m_state == State::NotReady && m_readinessSuccesses >= successThreshold) {
            appendLogLine(QStringLiteral(
                "rolloutd: ready again: the readiness probe passed %1 times in a row")
                              .arg(m_readinessSuccesses));
            setState(State::Ready);
        }
        return;
    }
    if (!counted)
        return;
    m_readinessSuccesses = 0;
    ++m_readinessFailures;
    if (m_readinessFailures == failureThreshold) {
        if (m_state == State::Ready) {
            appendLogLine(QStringLiteral(
                "rolloutd: not ready: the readiness probe GET %1 failed %2 times in a row "
                "(%3); no traffic until it passes again")
                              .arg(m_spec.readinessPath)
                              .arg(m_readinessFailures)
                              .arg(detail));
            setState(State::NotReady);
        } else if (m_state == State::Starting) {
            appendLogLine(QStringLiteral(
                "rolloutd: still not ready: the readiness probe GET %1 failed %2 times in "
                "a row (%3)")
                              .arg(m_spec.readinessPath)
                              .arg(m_readinessFailures)
                              .arg(detail));
        }
    }
}

void InstanceProcess::onLiveness(bool ok, const QString &detail)
{
    if (ok) {
        m_livenessFailures = 0;
        return;
    }
    ++m_livenessFailures;
    if (m_livenessFailures >= qMax(1, m_spec.liveness.failureThreshold))
        livenessRestart(detail);
}

void InstanceProcess::livenessRestart(const QString &detail)
{
    if (!m_process || m_process->state() == QProcess::NotRunning || m_stopRequested)
        return;
    m_killReason = QStringLiteral("the liveness probe GET %1 failed %2 times in a row (%3)")
                       .arg(m_spec.livenessPath)
                       .arg(m_livenessFailures)
                       .arg(detail);
    appendLogLine(QStringLiteral("rolloutd: restarting: ") + m_killReason);
    stopProbing();
    if (m_state == State::Ready || m_state == State::NotReady)
        setState(State::Starting); // out of routing at once
    killGroup(SIGTERM);
    m_killTimer->start(m_spec.stopGraceMs);
}

// ---- log

QStringList InstanceProcess::logTail(int lines) const
{
    return lines >= m_tail.size() ? m_tail : m_tail.mid(m_tail.size() - lines);
}

void InstanceProcess::appendLogLine(const QString &text, const QDateTime &when)
{
    // One entry per line, so every line of the file starts with its time.
    const QDateTime time = when.isValid() ? when : QDateTime::currentDateTimeUtc();
    for (const QString &line : text.split(QLatin1Char('\n')))
        writeLogLine(line.toUtf8(), time);
    if (m_log.isOpen())
        m_log.flush();
}

bool InstanceProcess::openLog()
{
    if (m_spec.logFile.isEmpty())
        return false;
    QDir().mkpath(QFileInfo(m_spec.logFile).absolutePath());
    m_log.setFileName(m_spec.logFile);
    if (!m_log.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    m_logSize = m_log.size();
    return true;
}

void InstanceProcess::writeLogLine(const QByteArray &text, const QDateTime &when)
{
    QByteArray body = text;
    while (body.endsWith('\r'))
        body.chop(1);
    QByteArray line = when.toUTC().toString(Qt::ISODateWithMs).toUtf8() + ' ' + body;
    const qint64 cap = qMax<qint64>(256, m_spec.logCapBytes);
    if (line.size() + 1 > cap)
        line.truncate(cap - 1);
    m_tail.append(QString::fromUtf8(line));
    if (m_tail.size() > kTailKept)
        m_tail.removeFirst();

    if (!m_log.isOpen() && !openLog())
        return;
    if (m_logSize > 0 && m_logSize + line.size() + 1 > cap) {
        // Rotate: the full file becomes .1 (the previous .1 is dropped).
        m_log.close();
        const QString previous = m_spec.logFile + QStringLiteral(".1");
        QFile::remove(previous);
        QFile::rename(m_spec.logFile, previous);
        if (!openLog())
            return;
    }
    line.append('\n');
    m_log.write(line);
    m_logSize += line.size();
}

#pragma once

// One model instance: a supervised child process serving HTTP on a loopback port, with
// readiness and liveness probes, restarts with backoff, and a capped log file.

#include "domain.h"
#include "processutil.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

class QTimer;

struct InstanceSpec
{
    QString program; // absolute, or a name looked up on the environment's PATH
    // The token "{port}" in an argument is replaced by the instance's port at each start.
    QStringList arguments;
    // Exactly what the process gets (nothing is inherited). PORT is set to the port.
    QProcessEnvironment environment;
    QString workingDir;
    quint16 port = 0; // 0: pick a free one
    QString livenessPath = QStringLiteral("/");
    QString readinessPath = QStringLiteral("/");
    int livenessPort = 0; // 0: the instance's port
    int readinessPort = 0;
    ProbeSettings liveness;
    ProbeSettings readiness;
    QString logFile; // stdout and stderr, one timestamped line each
    qint64 logCapBytes = 2 * 1024 * 1024; // then rotated to logFile + ".1"
    int stopGraceMs = 5000; // SIGTERM, then SIGKILL after this
    int maxFastFailures = 3; // exits in a row before ever being ready -> Failed
    // Address-space limit (RLIMIT_AS) of the process and what it spawns; 0: none. A model
    // that eats memory then fails its allocations instead of taking the machine down.
    quint64 memoryLimitBytes = 0;
};

class InstanceProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstanceProcess)

public:
    enum class State
    {
        Idle,
        Starting,
        Ready,
        NotReady,
        Restarting,
        Stopping,
        Stopped,
        Failed
    };
    Q_ENUM(State)

    explicit InstanceProcess(const InstanceSpec &spec, QObject *parent = nullptr);
    ~InstanceProcess() override; // kills the process group if still running

    // Checks the program and folder, then starts through a queued call. A bad program or
    // folder ends in Failed (failed() is emitted) without a restart loop.
    void start();
    // SIGTERM to the process group, SIGKILL after the grace; stopped() when all is gone.
    // Always ends in stopped(), also from Idle, Restarting or Failed.
    void stop();

    State state() const { return m_state; }
    bool isReady() const { return m_state == State::Ready; }
    bool hasBeenReady() const { return m_everReady; } // since start(), any run
    quint16 port() const { return m_port; }
    InstanceRecord record() const;
    const InstanceSpec &spec() const { return m_spec; }
    QString failureReason() const { return m_failureReason; }

    // The last lines of this instance's log (kept in memory), oldest first.
    QStringList logTail(int lines = 20) const;
    // Adds a line to the log as if the process had written it (supervisor notes).
    void appendLogLine(const QString &text, const QDateTime &when = QDateTime());

    static QString stateName(State state);

signals:
    void started(); // a process is running (first start and every restart)
    void becameReady();
    void becameUnready(); // readiness failed failure_threshold times, or it exited
    void crashed(int exitCode, const QString &reason); // exit or liveness failure, not asked for
    void restarted(); // after started(), when the start was a restart
    void portChanged(quint16 newPort, quint16 oldPort); // the old port was taken at restart
    void failed(const QString &reason, const QString &logTail);
    void stopped();
    void stateChanged(InstanceProcess::State state);

private:
    void launch();
    void onStarted();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onStartError(QProcess::ProcessError error);
    void onOutput();
    void handleExit(int exitCode, const QString &reason);
    void scheduleRestart();
    void fail(const QString &reason);
    void finishStop();
    void setState(State state);
    void killGroup(int signal);

    // Probes
    void startProbing();
    void stopProbing();
    void fastReadinessPoll();
    void onReadiness(bool ok, const QString &detail, bool counted);
    void onLiveness(bool ok, const QString &detail);
    void livenessRestart(const QString &detail);

    // Log
    void writeLogLine(const QByteArray &line, const QDateTime &when);
    bool openLog();

    InstanceSpec m_spec;
    State m_state = State::Idle;
    QProcess *m_process = nullptr;
    quint16 m_port = 0;
    qint64 m_pid = 0;
    quint64 m_startTicks = 0;
    bool m_stopRequested = false;
    bool m_everReady = false;
    bool m_readyThisRun = false;
    bool m_isRestart = false;
    int m_fastFailures = 0;
    int m_restartsSinceReady = 0;
    QString m_failureReason;
    QString m_killReason; // set when we kill the process ourselves (liveness)

    QTimer *m_restartTimer = nullptr;
    QTimer *m_killTimer = nullptr;
    QTimer *m_fastPollTimer = nullptr;
    QTimer *m_readinessTimer = nullptr; // first after initial_delay, then every period
    QTimer *m_livenessTimer = nullptr;
    QDeadlineTimer m_stopDeadline;
    QElapsedTimer m_runClock;
    quint64 m_probeGeneration = 0; // answers of probes of an older run are ignored
    bool m_fastProbeInFlight = false;
    bool m_readinessInFlight = false;
    bool m_livenessInFlight = false;
    int m_readinessFailures = 0;
    int m_readinessSuccesses = 0;
    int m_livenessFailures = 0;

    QFile m_log;
    qint64 m_logSize = 0;
    QByteArray m_partialLine;
    QStringList m_tail; // last lines, for failed() and logTail()
};

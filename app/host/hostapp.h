#pragma once

// rolloutd as a program: one host per state dir (a lock file), the control API on
// --listen, rolloutd.json and the token file for clients, and a clean stop on
// SIGTERM/SIGINT (instances stopped, state flushed, exit 0).

#include <QObject>
#include <QStringList>

class ControlApi;
class HostWorkspace;
class HttpServer;
class QLockFile;
class QSocketNotifier;

class HostApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostApp)
public:
    explicit HostApp(QObject *parent = nullptr);
    ~HostApp() override;

    // Parses the arguments, takes the lock, loads the state and starts listening.
    // Returns the exit code to leave with, or -1 to run the event loop.
    int start(const QStringList &arguments);

    // The scoring harness: ROLLOUTDESK_HARNESS, else next to the installed program, else
    // the source tree this was built from.
    static QString harnessPath();

private:
    void installSignalHandlers();
    void stop();

    QLockFile *m_lock = nullptr;
    HostWorkspace *m_workspace = nullptr;
    ControlApi *m_api = nullptr;
    HttpServer *m_server = nullptr;
    QSocketNotifier *m_signalNotifier = nullptr;
    QString m_stateDir;
    bool m_stopping = false;
};

#pragma once

// Finds the rolloutd that serves a local workspace's state dir, starting one detached (it
// outlives the caller) when none does: a user never starts the host by hand.

#include "hostinfo.h"
#include "result.h"
#include "workspaceclient.h"

#include <QObject>

class QTimer;

class LocalHostLauncher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalHostLauncher)
public:
    explicit LocalHostLauncher(const QString &stateDir, QObject *parent = nullptr);

    // Emits hostReady or hostFailed once.
    void ensureRunning(int timeoutMs = 20000);

    static bool isAlive(const LocalWorkspace::HostInfo &info);
    // ROLLOUTDESK_ROLLOUTD, else rolloutd beside this program, else rolloutd on PATH.
    static QString rolloutdProgram();
    static QString logPath(const QString &stateDir); // the detached host's stdout and stderr
    static Result<WorkspaceConnection> connectionFor(
        const QString &stateDir, const QString &userAgent);

signals:
    void hostReady(const LocalWorkspace::HostInfo &info);
    void hostFailed(const Error &error);

private:
    void check();

    QString m_stateDir;
    QTimer *m_poll = nullptr;
    qint64 m_launchedPid = 0;
    int m_remainingMs = 0;
    int m_childGoneMs = 0;
    bool m_done = false;
};

#pragma once

// A real rolloutd on a temporary state dir for end-to-end tests, with a WorkspaceClient
// and a ScoringClient pointed at it. Waits use QSignalSpy, never sleeps.

#include "apireply.h"
#include "domain.h"
#include "workspaceclient.h"

#include <QProcess>
#include <QTemporaryDir>
#include <memory>

class HostFixture
{
public:
    HostFixture();
    ~HostFixture();

    // Starts rolloutd and waits for rolloutd.json; false (with a message) when it fails.
    bool start(QString *error);
    // kill -9: as a crash would.
    void kill();
    // SIGTERM and wait for exit; returns the exit code.
    int terminate();

    QString stateDir() const { return m_dir->path(); }
    WorkspaceClient *client() const { return m_client.get(); }
    QProcess *process() const { return m_process.get(); }

    static QString binary(const QString &name); // build/bin/NAME
    static QString demoDir(); // build/demo
    static QString harnessPath();

    // Waits for the reply (up to timeoutMs) and returns its result.
    static ApiResult wait(ApiReply *reply, int timeoutMs = 120000);

    // Creates endpoint `name` (key auth) and waits.
    ApiResult createEndpoint(const QString &name);
    // Loads a deployment YAML (relative paths against its folder) and creates it, waiting.
    ApiResult createDeployment(const QString &endpoint, const QString &yamlFile,
        const QString &name, const QStringList &overrides = {});
    // The endpoint's primary key and scoring URI.
    QPair<QString, QString> keyAndUri(const QString &endpoint);
    // POSTs `body` to the scoring URI.
    ApiResult score(const QString &endpoint, const QByteArray &body,
        const QString &deployment = QString(), const QString &key = QString());

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<WorkspaceClient> m_client;
};

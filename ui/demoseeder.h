#pragma once

// The demo on an empty local workspace: endpoint `demo` with `blue` (demo model v1, all
// traffic) and `green` (v2, 0 %), from the demo folder's YAML files, as the tutorial's
// first steps would make them.

#include "apireply.h"

#include <QObject>
#include <QPointer>

class WorkspaceStore;

class DemoSeeder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoSeeder)
public:
    explicit DemoSeeder(WorkspaceStore *store, QObject *parent = nullptr);

    // ROLLOUTDESK_DEMO_DIR, else <appdir>/../share/rolloutdesk/demo, else the build tree's
    // demo; empty when none holds a built demo.
    static QString findDemoDir();
    static QString endpointName();

    void run(const QString &demoDir = findDemoDir());
    bool isRunning() const { return m_running; }

signals:
    void progress(const QString &text);
    void finished();
    void failed(const Error &error);

private:
    void fail(const Error &error);
    ApiReply *putDeployment(const QString &file, const QString &name);

    QPointer<WorkspaceStore> m_store;
    QString m_dir;
    bool m_running = false;
};

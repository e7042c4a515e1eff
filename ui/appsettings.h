#pragma once

// The app's own preferences, typed, over QSettings ("Section/Key" names). Deployment
// definitions live in YAML files, never here.

#include "workspaceprofile.h"

#include <QByteArray>
#include <QList>
#include <QSettings>
#include <QString>
#include <QStringList>

class AppSettings
{
public:
    AppSettings() = default;

    static constexpr int MaxRecentFiles = 8;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray &state);

    // Dialogs restore their size in the constructor and save it in the destructor.
    QByteArray dialogGeometry(const QString &dialog) const;
    void setDialogGeometry(const QString &dialog, const QByteArray &geometry);

    // YAML files used to create endpoints and deployments, most recent first.
    QStringList recentFiles() const;
    void addRecentFile(const QString &path);
    void clearRecentFiles();

    QString lastEndpoint() const; // selected again at the next start
    void setLastEndpoint(const QString &name);

    int logLines() const; // lines of a deployment's log the Logs panel shows
    void setLogLines(int lines);

    // Saved Azure ML workspaces, in the picker's order. Names and hosts only: tokens are
    // never written here.
    QList<WorkspaceProfile> azureWorkspaces() const;
    void setAzureWorkspaces(const QList<WorkspaceProfile> &profiles);

private:
    mutable QSettings m_settings;
};

#include "appsettings.h"

#include <QDir>

namespace {
QString key(const char *name) { return QString::fromLatin1(name); }
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(key("MainWindow/Geometry")).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(key("MainWindow/Geometry"), geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(key("MainWindow/State")).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(key("MainWindow/State"), state);
}

QByteArray AppSettings::splitterState() const
{
    return m_settings.value(key("MainWindow/Splitter")).toByteArray();
}

void AppSettings::setSplitterState(const QByteArray &state)
{
    m_settings.setValue(key("MainWindow/Splitter"), state);
}

QByteArray AppSettings::dialogGeometry(const QString &dialog) const
{
    return m_settings.value(QStringLiteral("Dialogs/%1Geometry").arg(dialog)).toByteArray();
}

void AppSettings::setDialogGeometry(const QString &dialog, const QByteArray &geometry)
{
    m_settings.setValue(QStringLiteral("Dialogs/%1Geometry").arg(dialog), geometry);
}

QStringList AppSettings::recentFiles() const
{
    return m_settings.value(key("Files/Recent")).toStringList();
}

void AppSettings::addRecentFile(const QString &path)
{
    const QString clean = QDir::cleanPath(QDir(path).absolutePath());
    QStringList files = recentFiles();
    files.removeAll(clean);
    files.prepend(clean);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    m_settings.setValue(key("Files/Recent"), files);
}

void AppSettings::clearRecentFiles()
{
    m_settings.remove(key("Files/Recent"));
}

QString AppSettings::lastEndpoint() const
{
    return m_settings.value(key("Workspace/LastEndpoint")).toString();
}

void AppSettings::setLastEndpoint(const QString &name)
{
    m_settings.setValue(key("Workspace/LastEndpoint"), name);
}

int AppSettings::logLines() const
{
    return m_settings.value(key("Logs/Lines"), 200).toInt();
}

void AppSettings::setLogLines(int lines)
{
    m_settings.setValue(key("Logs/Lines"), lines);
}

QList<WorkspaceProfile> AppSettings::azureWorkspaces() const
{
    QList<WorkspaceProfile> profiles;
    const int count = m_settings.beginReadArray(key("AzureWorkspaces"));
    for (int i = 0; i < count; ++i) {
        m_settings.setArrayIndex(i);
        WorkspaceProfile p;
        p.subscriptionId = m_settings.value(key("Subscription")).toString();
        p.resourceGroup = m_settings.value(key("ResourceGroup")).toString();
        p.workspaceName = m_settings.value(key("Workspace")).toString();
        p.armHost = m_settings.value(key("ArmHost")).toString();
        p.authorityHost = m_settings.value(key("AuthorityHost")).toString();
        p.tenantId = m_settings.value(key("Tenant")).toString();
        if (p.validate()) // a hand-edited entry that is no longer valid is skipped
            profiles.append(p);
    }
    m_settings.endArray();
    return profiles;
}

void AppSettings::setAzureWorkspaces(const QList<WorkspaceProfile> &profiles)
{
    m_settings.remove(key("AzureWorkspaces"));
    m_settings.beginWriteArray(key("AzureWorkspaces"), int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const WorkspaceProfile &p = profiles.at(i);
        m_settings.setArrayIndex(i);
        m_settings.setValue(key("Subscription"), p.subscriptionId);
        m_settings.setValue(key("ResourceGroup"), p.resourceGroup);
        m_settings.setValue(key("Workspace"), p.workspaceName);
        m_settings.setValue(key("ArmHost"), p.armHost);
        m_settings.setValue(key("AuthorityHost"), p.authorityHost);
        m_settings.setValue(key("Tenant"), p.tenantId);
    }
    m_settings.endArray();
}

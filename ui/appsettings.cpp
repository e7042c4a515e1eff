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

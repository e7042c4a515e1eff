#include "snapshot.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace Snapshot {

namespace {

Error snapshotError(const QString &what, const QString &message)
{
    return Error { QStringLiteral("SnapshotFailed"), message, what, 0, 0 };
}

bool isInside(const QString &root, const QString &path)
{
    const QString cleanRoot = QDir::cleanPath(QDir(root).absolutePath()) + QLatin1Char('/');
    const QString cleanPath = QDir::cleanPath(QDir(path).absolutePath());
    return cleanPath.startsWith(cleanRoot);
}

Status copyFile(const QString &from, const QString &to, const QString &what)
{
    if (!QFile::copy(from, to)) {
        QFile source(from);
        return snapshotError(what,
            QStringLiteral("Cannot copy %1 to %2 (%3). Check the file "
                           "is readable and the state folder has room.")
                .arg(from, to, source.errorString()));
    }
    QFile::setPermissions(to, QFile::permissions(to) | QFileDevice::WriteOwner);
    return {};
}

} // namespace

Status copy(const QString &source, const QString &destination, const QString &what)
{
    const QFileInfo info(source);
    if (info.isSymLink()) {
        return snapshotError(what,
            QStringLiteral("%1 %2 is a symbolic link; give the real "
                           "folder or file instead.")
                .arg(what, source));
    }
    if (!info.exists())
        return snapshotError(what, QStringLiteral("%1 %2 does not exist.").arg(what, source));
    if (!QDir().mkpath(destination)) {
        return snapshotError(what,
            QStringLiteral("Cannot create %1; check the state folder is "
                           "writable.")
                .arg(destination));
    }
    if (info.isFile())
        return copyFile(source, destination + QLatin1Char('/') + info.fileName(), what);

    const QDir sourceDir(info.absoluteFilePath());
    QDirIterator it(sourceDir.absolutePath(),
        QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo entry = it.fileInfo();
        const QString relative = sourceDir.relativeFilePath(path);
        const QString target = destination + QLatin1Char('/') + relative;
        if (entry.isSymLink()) {
            return snapshotError(what,
                QStringLiteral("%1 contains the symbolic link %2; "
                               "snapshots copy only real files. Replace "
                               "the link with the file it points to.")
                    .arg(what, path));
        }
        if (!isInside(destination, target)) {
            return snapshotError(what,
                QStringLiteral("%1 would write %2 outside the snapshot "
                               "folder; refused.")
                    .arg(what, relative));
        }
        if (entry.isDir()) {
            if (!QDir().mkpath(target))
                return snapshotError(what, QStringLiteral("Cannot create %1.").arg(target));
        } else if (entry.isFile()) {
            if (Status s = copyFile(path, target, what); !s)
                return s;
        }
    }
    return {};
}

void removeInside(const QString &root, const QString &path)
{
    if (path.isEmpty() || !isInside(root, path))
        return;
    QDir(path).removeRecursively();
}

} // namespace Snapshot

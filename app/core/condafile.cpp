#include "condafile.h"

#include <QFile>
#include <QRegularExpression>
#include <yaml-cpp/yaml.h>

namespace {

Error errorAt(const YAML::Mark &mark, const QString &message)
{
    Error error { QStringLiteral("InvalidCondaFile"), message,
        QStringLiteral("environment.conda_file"), 0, 0 };
    if (mark.line >= 0) {
        error.line = mark.line + 1;
        error.column = mark.column + 1;
    }
    return error;
}

QString scalar(const YAML::Node &node) { return QString::fromStdString(node.Scalar()).trimmed(); }

QString leadingName(const QString &text)
{
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]*"));
    return name.match(text).captured(0);
}

// Reads the dependency list; the first problem ends it.
Status readDependencies(const YAML::Node &list, const QString &where, bool pip, CondaFile *out)
{
    const QString listName
        = pip ? QStringLiteral("dependencies.pip") : QStringLiteral("dependencies");
    if (!list.IsSequence())
        return errorAt(list.Mark(),
            QStringLiteral("%1: `%2` must be a list (`- numpy=2.3.1` lines)").arg(where, listName));
    for (const YAML::Node &entry : list) {
        if (!pip && entry.IsMap()) {
            if (entry.size() != 1 || !entry[std::string("pip")]) {
                return errorAt(entry.Mark(),
                    QStringLiteral("%1: an entry of `dependencies` is a mapping other than `pip:`: "
                                   "write a package (`- numpy=2.3.1`) or a `- pip:` list")
                        .arg(where));
            }
            const YAML::Node pipList = entry[std::string("pip")];
            if (pipList.IsNull())
                continue;
            const Status status = readDependencies(pipList, where, true, out);
            if (!status)
                return status;
            continue;
        }
        if (!entry.IsScalar()) {
            return errorAt(entry.Mark(),
                QStringLiteral("%1: an entry of `%2` is not a package name: write it as "
                               "`- name` or `- name==version`")
                    .arg(where, listName));
        }
        const QString spec = scalar(entry);
        const QString name
            = pip ? CondaFile::pipPackageName(spec) : CondaFile::condaPackageName(spec);
        if (name.isEmpty())
            continue; // pip options such as `-r requirements.txt`: nothing to check
        out->dependencies.append(CondaDependency { name, spec, pip, entry.Mark().line + 1 });
    }
    return {};
}

} // namespace

QStringList CondaFile::dependencyNames() const
{
    QStringList names;
    for (const CondaDependency &dependency : dependencies)
        names << dependency.name;
    return names;
}

QString CondaFile::condaPackageName(const QString &spec)
{
    QString text = spec.trimmed();
    const qsizetype channel = text.indexOf(QStringLiteral("::"));
    if (channel >= 0)
        text = text.mid(channel + 2);
    return leadingName(text);
}

QString CondaFile::pipPackageName(const QString &spec)
{
    const QString text = spec.trimmed();
    if (text.startsWith(QLatin1Char('-')))
        return QString();
    static const QRegularExpression egg(QStringLiteral("[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)"));
    if (text.contains(QStringLiteral("://")) && !text.contains(QStringLiteral(" @ ")))
        return egg.match(text).captured(1);
    return leadingName(text);
}

Result<CondaFile> CondaFile::parse(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error { QStringLiteral("InvalidCondaFile"),
            QStringLiteral("The conda file %1 cannot be read: %2. Check environment.conda_file")
                .arg(path, file.errorString()),
            QStringLiteral("environment.conda_file"), 0, 0 };
    }
    return parseText(file.readAll(), path);
}

Result<CondaFile> CondaFile::parseText(const QByteArray &yaml, const QString &sourceName)
{
    const QString where = sourceName.isEmpty() ? QStringLiteral("The conda file") : sourceName;
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (root.IsNull())
            return errorAt(YAML::Mark::null_mark(),
                QStringLiteral("%1 is empty: it needs a `dependencies:` list").arg(where));
        if (!root.IsMap())
            return errorAt(root.Mark(),
                QStringLiteral("%1: the top level must be a mapping (`name:`, `channels:`, "
                               "`dependencies:`)")
                    .arg(where));
        CondaFile conda;
        if (const YAML::Node name = root[std::string("name")]; name && name.IsScalar())
            conda.name = scalar(name);
        if (const YAML::Node channels = root[std::string("channels")];
            channels && channels.IsSequence()) {
            for (const YAML::Node &channel : channels) {
                if (channel.IsScalar())
                    conda.channels << scalar(channel);
            }
        }
        const YAML::Node dependencies = root[std::string("dependencies")];
        if (dependencies && !dependencies.IsNull()) {
            const Status status = readDependencies(dependencies, where, false, &conda);
            if (!status)
                return status.error();
        }
        return conda;
    } catch (const YAML::Exception &e) {
        return errorAt(e.mark,
            QStringLiteral("%1 is not valid YAML: %2. Check the indentation (spaces, not tabs)")
                .arg(where, QString::fromStdString(e.msg)));
    }
}

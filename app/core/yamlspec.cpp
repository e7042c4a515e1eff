#include "yamlspec.h"

#include "yamlschema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace YamlSpec {

namespace {

using namespace Detail;

// A spec is a few hundred bytes; anything this large is the wrong file.
constexpr qint64 MaxFileSize = 4 * 1024 * 1024;

QString displayName(const QString &sourceName)
{
    return sourceName.isEmpty() ? QStringLiteral("The YAML text") : sourceName;
}

Error unexpected(const QString &sourceName, const char *what)
{
    return Error::validation(QString(),
        QStringLiteral("%1 could not be read: %2. Check that it is a valid "
                       "YAML file.")
            .arg(displayName(sourceName), QString::fromLocal8Bit(what)));
}

// Parses, tells endpoint and deployment files apart and applies the name and `--set`
// overrides, so that overridden values go through the same checks as the file's.
Result<Document> prepare(
    const QByteArray &yaml, FileKind kind, const LoadOptions &options, const QString &sourceName)
{
    Result<YAML::Node> root = parseText(yaml, sourceName);
    if (!root)
        return root.error();
    Document document { *root, {} };
    if (Status status = checkFileKind(document.root, kind, sourceName); !status)
        return status.error();
    auto replace = [&](const QString &key, const QString &value, const QString &flag) {
        return setPath(
            document, key, YAML::Node(value.toStdString()), flag + QLatin1Char(' ') + value);
    };
    if (!options.nameOverride.isEmpty()) {
        if (Status status
            = replace(QStringLiteral("name"), options.nameOverride, QStringLiteral("--name"));
            !status)
            return status.error();
    }
    if (kind == FileKind::Deployment && !options.endpointNameOverride.isEmpty()) {
        if (Status status = replace(QStringLiteral("endpoint_name"), options.endpointNameOverride,
                QStringLiteral("--endpoint-name"));
            !status)
            return status.error();
    }
    for (const QString &override : options.setOverrides) {
        if (Status status = applySetOverride(document, override); !status)
            return status.error();
    }
    return document;
}

template<typename T, typename Read>
Result<T> parseAs(FileKind kind, Read read, const QByteArray &yaml, const QString &baseDir,
    const LoadOptions &options, const QString &sourceName)
{
    // yaml-cpp reports through exceptions; they stop here.
    try {
        const Result<Document> document = prepare(yaml, kind, options, sourceName);
        if (!document)
            return document.error();
        Reader reader(*document, sourceName, QDir(baseDir).absolutePath(), true);
        T value = read(reader, ReadOptions { options.workspace, true });
        if (!reader.ok())
            return reader.error();
        return value;
    } catch (const YAML::Exception &e) {
        return unexpected(sourceName, e.what());
    } catch (const std::exception &e) {
        return unexpected(sourceName, e.what());
    }
}

Result<QByteArray> readFile(const QString &path, const QString &what)
{
    const QFileInfo info(path);
    auto failure = [&](const QString &code, const QString &message) {
        return Error { code, message, QStringLiteral("--file"), 0, 0 };
    };
    if (!info.exists()) {
        return failure(QStringLiteral("NotFound"),
            QStringLiteral("The %1 file %2 does not exist; check the path given "
                           "with --file.")
                .arg(what, path));
    }
    if (info.isDir()) {
        return failure(QStringLiteral("ValidationError"),
            QStringLiteral("%1 is a folder; give the %2 YAML file inside it.").arg(path, what));
    }
    if (info.size() > MaxFileSize) {
        return failure(QStringLiteral("ValidationError"),
            QStringLiteral("%1 is %2 bytes, far too large for a %3 YAML file (at "
                           "most %4); check that it is the right file.")
                .arg(path)
                .arg(info.size())
                .arg(what)
                .arg(MaxFileSize));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return failure(QStringLiteral("ValidationError"),
            QStringLiteral("%1 cannot be read: %2. Check its permissions.")
                .arg(path, file.errorString()));
    }
    return file.readAll();
}

// Renaming is not an update: `--set name=...` on an existing resource is refused.
Status refuseRenames(const QStringList &overrides, const QString &what)
{
    for (const QString &override : overrides) {
        const QString key = override.section(QLatin1Char('='), 0, 0).trimmed();
        if (key == QLatin1String("name") || key == QLatin1String("endpoint_name")) {
            return Error::validation(key,
                QStringLiteral("--set %1: the `%2` of an existing %3 cannot "
                               "be changed; create a new %3 with that name "
                               "instead.")
                    .arg(override, key, what));
        }
    }
    return {};
}

// Re-reads a resource's YAML form with `--set` overrides. Names are not checked (a name
// read back from Azure is shown as it is) nor are paths (the host has its own copies).
template<typename T, typename Read>
Result<T> reread(const T &resource, Read read, const QStringList &overrides)
{
    try {
        Result<YAML::Node> root = parseText(toYaml(resource), QString());
        if (!root)
            return root.error();
        Document document { *root, {} };
        for (const QString &override : overrides) {
            if (Status status = applySetOverride(document, override); !status)
                return status.error();
        }
        Reader reader(document, QString(), QDir::currentPath(), false);
        T value = read(reader, ReadOptions { Workspace::Local, false });
        if (!reader.ok())
            return reader.error();
        return value;
    } catch (const YAML::Exception &e) {
        return unexpected(QString(), e.what());
    } catch (const std::exception &e) {
        return unexpected(QString(), e.what());
    }
}

// A local path an override changed must exist, as one in a file must.
Status checkChangedPath(
    const QString &target, const QString &before, const QString &after, bool isLocal)
{
    if (!isLocal || after.isEmpty() || before == after || QFileInfo::exists(after))
        return {};
    return Error::validation(target,
        QStringLiteral("--set: `%1` resolves to %2, which does not exist. Fix "
                       "the path (relative paths start from the current "
                       "folder, %3).")
            .arg(target, QDir::toNativeSeparators(after),
                QDir::toNativeSeparators(QDir::currentPath())));
}

Status checkChangedPaths(const Deployment &before, const Deployment &after)
{
    const CodeConfiguration noCode;
    const CodeConfiguration &codeBefore = before.codeConfiguration.value_or(noCode);
    const CodeConfiguration &codeAfter = after.codeConfiguration.value_or(noCode);
    const BuildContext noBuild;
    const BuildContext &buildBefore = before.environment.build.value_or(noBuild);
    const BuildContext &buildAfter = after.environment.build.value_or(noBuild);
    const bool codeIsLocal = codeAfter.kind == AssetKind::LocalPath;
    const QString scriptBefore = codeBefore.code + QLatin1Char('/') + codeBefore.scoringScript;
    const QString scriptAfter = codeAfter.code + QLatin1Char('/') + codeAfter.scoringScript;
    const Status checks[] = {
        checkChangedPath(QStringLiteral("model.path"), before.model.value, after.model.value,
            after.model.kind == AssetKind::LocalPath),
        checkChangedPath(QStringLiteral("code_configuration.code"), codeBefore.code, codeAfter.code,
            codeIsLocal),
        checkChangedPath(QStringLiteral("code_configuration.scoring_script"), scriptBefore,
            scriptAfter, codeIsLocal),
        checkChangedPath(QStringLiteral("environment.conda_file"), before.environment.condaFile,
            after.environment.condaFile, true),
        checkChangedPath(QStringLiteral("environment.build.path"), buildBefore.path,
            buildAfter.path, !buildAfter.path.contains(QLatin1String("://"))),
        checkChangedPath(QStringLiteral("local_command[0]"), before.localCommand.value(0),
            after.localCommand.value(0), after.localCommand.value(0).contains(QLatin1Char('/'))),
        checkChangedPath(QStringLiteral("local_python"), before.localPython, after.localPython,
            after.localPython.contains(QLatin1Char('/'))),
    };
    for (const Status &status : checks) {
        if (!status)
            return status;
    }
    return {};
}

} // namespace

Result<Endpoint> loadEndpointFile(const QString &path, const LoadOptions &options)
{
    const Result<QByteArray> text = readFile(path, QStringLiteral("endpoint"));
    if (!text)
        return text.error();
    return parseEndpoint(*text, QFileInfo(path).absolutePath(), options, path);
}

Result<Deployment> loadDeploymentFile(const QString &path, const LoadOptions &options)
{
    const Result<QByteArray> text = readFile(path, QStringLiteral("deployment"));
    if (!text)
        return text.error();
    return parseDeployment(*text, QFileInfo(path).absolutePath(), options, path);
}

Result<Endpoint> parseEndpoint(const QByteArray &yaml, const QString &baseDir,
    const LoadOptions &options, const QString &sourceName)
{
    return parseAs<Endpoint>(FileKind::Endpoint, readEndpoint, yaml, baseDir, options, sourceName);
}

Result<Deployment> parseDeployment(const QByteArray &yaml, const QString &baseDir,
    const LoadOptions &options, const QString &sourceName)
{
    return parseAs<Deployment>(
        FileKind::Deployment, readDeployment, yaml, baseDir, options, sourceName);
}

Result<Endpoint> applyOverrides(const Endpoint &endpoint, const QStringList &overrides)
{
    if (overrides.isEmpty())
        return endpoint;
    if (Status status = refuseRenames(overrides, QStringLiteral("endpoint")); !status)
        return status.error();
    Result<Endpoint> updated = reread(endpoint, readEndpoint, overrides);
    if (!updated)
        return updated;
    // Read-only fields are not part of the YAML the overrides apply to.
    updated->id = endpoint.id;
    updated->location = endpoint.location;
    updated->kind = endpoint.kind;
    updated->scoringUri = endpoint.scoringUri;
    updated->swaggerUri = endpoint.swaggerUri;
    updated->provisioningState = endpoint.provisioningState;
    updated->sourceJson = endpoint.sourceJson;
    return updated;
}

Result<Deployment> applyOverrides(const Deployment &deployment, const QStringList &overrides)
{
    if (overrides.isEmpty())
        return deployment;
    if (Status status = refuseRenames(overrides, QStringLiteral("deployment")); !status)
        return status.error();
    Result<Deployment> updated = reread(deployment, readDeployment, overrides);
    if (!updated)
        return updated;
    if (Status status = checkChangedPaths(deployment, *updated); !status)
        return status.error();
    updated->id = deployment.id;
    updated->provisioningState = deployment.provisioningState;
    updated->sourceJson = deployment.sourceJson;
    return updated;
}

} // namespace YamlSpec

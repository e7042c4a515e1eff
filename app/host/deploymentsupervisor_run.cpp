// DeploymentSupervisor, the instance side: how an instance of a spec is run (program,
// arguments, environment), what the conda file asks for, and the merged instance logs.

#include "condafile.h"
#include "dependencycheck.h"
#include "deploymentsupervisor.h"
#include "processutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <algorithm>

namespace {

// The last `count` lines of a file and, when it has fewer, of its rotated predecessor.
QStringList lastLines(const QString &path, int count)
{
    const auto readTail = [](const QString &file, int wanted) {
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly))
            return QStringList();
        const qint64 chunk = qMax<qint64>(64 * 1024, qint64(wanted) * 512);
        const qint64 from = qMax<qint64>(0, in.size() - chunk);
        in.seek(from);
        QStringList lines
            = QString::fromUtf8(in.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (from > 0 && !lines.isEmpty())
            lines.removeFirst(); // cut in the middle
        return lines.size() > wanted ? lines.mid(lines.size() - wanted) : lines;
    };
    QStringList lines = readTail(path, count);
    if (lines.size() < count)
        lines = readTail(path + QStringLiteral(".1"), count - int(lines.size())) + lines;
    return lines;
}

} // namespace

const QString &DeploymentSupervisor::warningLinePrefix()
{
    static const QString prefix = QStringLiteral("rolloutd: warning: ");
    return prefix;
}

// ---- the instance as it is run

QProcessEnvironment DeploymentSupervisor::instanceEnvironment(const DeploymentRunSpec &spec)
{
    const QProcessEnvironment host = QProcessEnvironment::systemEnvironment();
    QProcessEnvironment environment;
    for (const QString &name : { QStringLiteral("PATH"), QStringLiteral("HOME"),
             QStringLiteral("LANG"), QStringLiteral("LC_ALL") }) {
        if (host.contains(name))
            environment.insert(name, host.value(name));
    }
    if (!environment.contains(QStringLiteral("PATH")))
        environment.insert(QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin"));
    if (!environment.contains(QStringLiteral("LANG"))
        && !environment.contains(QStringLiteral("LC_ALL")))
        environment.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    environment.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    environment.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    environment.insert(QStringLiteral("WORKER_COUNT"),
        QString::number(qMax(1, spec.deployment.requestSettings.maxConcurrentRequestsPerInstance)));
    if (spec.deployment.codeConfiguration)
        environment.insert(QStringLiteral("AZUREML_ENTRY_SCRIPT"),
            spec.deployment.codeConfiguration->scoringScript);
    // The deployment's own variables may override the above (WORKER_COUNT, as on Azure),
    // but not where the model is or the port (InstanceProcess sets PORT).
    for (auto it = spec.deployment.environmentVariables.cbegin();
         it != spec.deployment.environmentVariables.cend(); ++it)
        environment.insert(it.key(), it.value());
    environment.insert(QStringLiteral("AZUREML_MODEL_DIR"), spec.modelDir);
    environment.remove(QStringLiteral("PORT"));
    return environment;
}

Result<InstanceSpec> DeploymentSupervisor::instanceSpec(
    const DeploymentRunSpec &spec, const QString &python)
{
    const Deployment &deployment = spec.deployment;
    InstanceSpec instance;
    instance.environment = instanceEnvironment(spec);
    instance.memoryLimitBytes = ProcessUtil::instanceMemoryLimitBytes();
    instance.liveness = deployment.livenessProbe;
    instance.readiness = deployment.readinessProbe;
    if (!deployment.localCommand.isEmpty()) {
        instance.program = deployment.localCommand.first();
        instance.arguments = deployment.localCommand.mid(1);
        instance.workingDir = !spec.codeDir.isEmpty() ? spec.codeDir
            : !spec.modelDir.isEmpty()                ? spec.modelDir
                                                      : spec.logDir;
        // inference_config's paths are used on the instance's port: every local instance
        // gets its own port, so the container ports of the routes cannot apply.
        if (deployment.environment.inferenceConfig) {
            const InferenceConfig &routes = *deployment.environment.inferenceConfig;
            if (!routes.livenessRoute.path.isEmpty())
                instance.livenessPath = routes.livenessRoute.path;
            if (!routes.readinessRoute.path.isEmpty())
                instance.readinessPath = routes.readinessRoute.path;
        }
        return instance;
    }
    if (!deployment.codeConfiguration) {
        return Error::validation(QStringLiteral("code_configuration"),
            QStringLiteral("Deployment %1 has neither code_configuration nor local_command: give a "
                           "scoring script (code_configuration.code and scoring_script) or a "
                           "local_command that serves HTTP on $PORT")
                .arg(deployment.name));
    }
    const QString script = deployment.codeConfiguration->scoringScript;
    if (!QFileInfo(spec.codeDir).isDir())
        return Error::validation(QStringLiteral("code_configuration.code"),
            QStringLiteral("The code folder %1 of deployment %2 does not exist: check "
                           "code_configuration.code")
                .arg(spec.codeDir, deployment.name));
    if (script.isEmpty() || !QFileInfo(QDir(spec.codeDir).filePath(script)).isFile())
        return Error::validation(QStringLiteral("code_configuration.scoring_script"),
            QStringLiteral("The scoring script %1 is not in the code folder %2: check "
                           "code_configuration.scoring_script (relative to the code folder)")
                .arg(script, spec.codeDir));
    if (!QFileInfo(spec.harnessPath).isFile())
        return Error { QStringLiteral("InternalError"),
            QStringLiteral("The scoring harness %1 is missing: reinstall RolloutDesk")
                .arg(spec.harnessPath),
            QString(), 0, 0 };
    instance.program = python;
    instance.arguments = { QStringLiteral("-u"), spec.harnessPath, QStringLiteral("--port"),
        QStringLiteral("{port}"), QStringLiteral("--code-dir"), spec.codeDir,
        QStringLiteral("--scoring-script"), script };
    instance.workingDir = spec.codeDir;
    return instance;
}

QString DeploymentSupervisor::scoringPath() const
{
    const auto &routes = m_spec.deployment.environment.inferenceConfig;
    if (!m_spec.deployment.localCommand.isEmpty() && routes && !routes->scoringRoute.path.isEmpty())
        return routes->scoringRoute.path;
    return QStringLiteral("/score");
}

Status DeploymentSupervisor::prepare(const DeploymentRunSpec &spec, QString *python) const
{
    if (spec.deployment.localCommand.isEmpty()) {
        const Result<QString> interpreter = spec.python.isEmpty()
            ? ProcessUtil::resolveInterpreter(spec.deployment.localPython)
            : Result<QString>(spec.python);
        if (!interpreter)
            return interpreter.error();
        *python = interpreter.value();
    }
    const Result<InstanceSpec> instance = instanceSpec(spec, *python);
    if (!instance)
        return instance.error();
    if (!spec.logDir.isEmpty() && !QDir().mkpath(spec.logDir))
        return Error { QStringLiteral("InternalError"),
            QStringLiteral(
                "The log folder %1 cannot be created: check the state folder's permissions")
                .arg(spec.logDir),
            QString(), 0, 0 };
    return {};
}

// ---- logs

QString DeploymentSupervisor::logTail(int lines) const
{
    struct Line
    {
        QString time;
        QString instance;
        QString text;
    };
    QList<Line> merged;
    for (const QString &file : m_logFiles) {
        const QString name = m_logNames.value(file);
        for (const QString &raw : lastLines(file, lines)) {
            const qsizetype space = raw.indexOf(QLatin1Char(' '));
            merged.append(space > 0 ? Line { raw.left(space), name, raw.mid(space + 1) }
                                    : Line { QString(), name, raw });
        }
    }
    std::stable_sort(
        merged.begin(), merged.end(), [](const Line &a, const Line &b) { return a.time < b.time; });
    // A warning is written to every instance's log; show it once, where it was said last.
    QSet<QString> seen;
    QStringList out;
    for (auto it = merged.crbegin(); it != merged.crend() && out.size() < lines; ++it) {
        if (it->text.startsWith(warningLinePrefix())) {
            if (seen.contains(it->text))
                continue;
            seen.insert(it->text);
        }
        out.prepend(
            it->time + QStringLiteral(" [") + it->instance + QStringLiteral("] ") + it->text);
    }
    return out.join(QLatin1Char('\n'));
}
// ---- dependency warnings

void DeploymentSupervisor::dropDependencyCheck()
{
    if (!m_dependencyCheck)
        return;
    QObject::disconnect(m_dependencyCheck, nullptr, this, nullptr);
    m_dependencyCheck->deleteLater(); // may be inside its own signal
    m_dependencyCheck = nullptr;
}

void DeploymentSupervisor::startDependencyCheck()
{
    dropDependencyCheck();
    const Deployment &deployment = m_spec.deployment;
    if (!deployment.localCommand.isEmpty() || !deployment.environment.isInline()
        || deployment.environment.condaFile.isEmpty())
        return; // a local_command brings its own interpreter; nothing to compare with
    const Result<CondaFile> conda = CondaFile::parse(deployment.environment.condaFile);
    if (!conda) {
        addWarning(QStringLiteral("the conda file could not be checked: %1")
                       .arg(conda.error().toString()));
        return;
    }
    m_dependencyCheck = new DependencyCheck(this);
    connect(m_dependencyCheck, &DependencyCheck::finished, this,
        &DeploymentSupervisor::onDependencyReport);
    m_dependencyCheck->start(
        m_python, conda->dependencyNames(), instanceEnvironment(m_spec), m_spec.codeDir);
}

void DeploymentSupervisor::onDependencyReport(const DependencyReport &report)
{
    for (const QString &note : report.notes) {
        m_notes << note;
        logToInstances(QStringLiteral("rolloutd: note: ") + note);
    }
    if (!report.error.isEmpty())
        addWarning(
            QStringLiteral("the conda file's packages could not be checked: ") + report.error);
    for (const MissingDependency &missing : report.missing)
        addWarning(missing.warning);
    dropDependencyCheck();
}

void DeploymentSupervisor::addWarning(const QString &message)
{
    m_warnings << message;
    logToInstances(warningLinePrefix() + message);
    emit warning(message);
}

void DeploymentSupervisor::logToInstances(const QString &line)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const auto &slot : m_slots) {
        if (slot->generation == m_generation && !slot->retiring)
            slot->process->appendLogLine(line, now);
    }
}

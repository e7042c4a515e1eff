#include "dependencycheck.h"

#include <QHash>
#include <QProcess>
#include <QTimer>

namespace {

constexpr int kCheckTimeoutMs = 30000;

// Prints the names it cannot find, one a line. find_spec looks the module up without
// running it, so the check is quick and has no side effects.
const char kCheckScript[] = "import importlib.util, sys\n"
                            "for name in sys.argv[1:]:\n"
                            "    try:\n"
                            "        found = importlib.util.find_spec(name) is not None\n"
                            "    except Exception:\n"
                            "        found = False\n"
                            "    if not found:\n"
                            "        print(name)\n";

// Debian's package for a module, where it is not python3-<module>.
QString debianPackage(const QString &importName)
{
    static const QHash<QString, QString> special = {
        { QStringLiteral("cv2"), QStringLiteral("python3-opencv") },
        { QStringLiteral("PIL"), QStringLiteral("python3-pil") },
        { QStringLiteral("yaml"), QStringLiteral("python3-yaml") },
    };
    return special.value(importName,
        QStringLiteral("python3-")
            + importName.toLower().replace(QLatin1Char('_'), QLatin1Char('-')));
}

} // namespace

DependencyCheck::DependencyCheck(QObject *parent)
    : QObject(parent)
    , m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this, [this] {
        m_report.error = QStringLiteral("%1 did not answer within %2 s")
                             .arg(m_report.interpreter)
                             .arg(kCheckTimeoutMs / 1000);
        if (m_process) {
            QObject::disconnect(m_process, nullptr, this, nullptr);
            m_process->kill();
            m_process->waitForFinished(1000);
        }
        finish();
    });
}

DependencyCheck::~DependencyCheck()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        QObject::disconnect(m_process, nullptr, this, nullptr);
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

QString DependencyCheck::importName(const QString &package)
{
    const QString key = package.toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
    static const QHash<QString, QString> known = {
        { QStringLiteral("scikit-learn"), QStringLiteral("sklearn") },
        { QStringLiteral("inference-schema"), QStringLiteral("inference_schema") },
        { QStringLiteral("pyyaml"), QStringLiteral("yaml") },
        { QStringLiteral("pillow"), QStringLiteral("PIL") },
        { QStringLiteral("opencv-python"), QStringLiteral("cv2") },
        { QStringLiteral("opencv-python-headless"), QStringLiteral("cv2") },
        { QStringLiteral("scikit-image"), QStringLiteral("skimage") },
        { QStringLiteral("python-dateutil"), QStringLiteral("dateutil") },
        { QStringLiteral("beautifulsoup4"), QStringLiteral("bs4") },
        { QStringLiteral("protobuf"), QStringLiteral("google.protobuf") },
    };
    if (!skipNote(package).isEmpty())
        return QString();
    if (const auto it = known.constFind(key); it != known.constEnd())
        return it.value();
    return QString(package).replace(QLatin1Char('-'), QLatin1Char('_'));
}

QString DependencyCheck::skipNote(const QString &package)
{
    const QString key = package.toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
    if (key == QLatin1String("python"))
        return QStringLiteral("python: the interpreter itself; its version is not checked");
    if (key == QLatin1String("pip") || key == QLatin1String("setuptools")
        || key == QLatin1String("wheel"))
        return QStringLiteral("%1: an installer tool, not needed to serve").arg(package);
    if (key == QLatin1String("azureml-inference-server-http")
        || key == QLatin1String("azureml-defaults"))
        return QStringLiteral(
            "%1: not needed locally, rolloutd's scoring harness serves score.py in its place")
            .arg(package);
    return QString();
}

QString DependencyCheck::warningFor(
    const QString &package, const QString &importName, const QString &interpreter)
{
    const QString hint = interpreter.startsWith(QLatin1String("/usr/bin/"))
        ? QStringLiteral("apt install %1").arg(debianPackage(importName))
        : QStringLiteral("%1 -m pip install %2").arg(interpreter, package);
    return QStringLiteral(
        "conda file lists %1 but %2 cannot import %3; install it (e.g. %4) or set local_python")
        .arg(package, interpreter, importName, hint);
}

void DependencyCheck::start(const QString &interpreter, const QStringList &packages,
    const QProcessEnvironment &environment, const QString &workingDir)
{
    m_report = DependencyReport();
    m_report.interpreter = interpreter;
    m_packages.clear();
    for (const QString &package : packages) {
        const QString note = skipNote(package);
        if (!note.isEmpty()) {
            m_report.notes << note;
            continue;
        }
        const QString module = importName(package);
        if (module.isEmpty() || m_report.checked.contains(module))
            continue;
        m_report.checked << module;
        m_packages << package;
    }
    if (m_report.checked.isEmpty()) {
        QMetaObject::invokeMethod(this, &DependencyCheck::finish, Qt::QueuedConnection);
        return;
    }
    if (m_process) {
        QObject::disconnect(m_process, nullptr, this, nullptr);
        m_process->kill();
        m_process->deleteLater();
    }
    m_process = new QProcess(this);
    m_process->setProcessEnvironment(environment);
    if (!workingDir.isEmpty())
        m_process->setWorkingDirectory(workingDir);
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(
        m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
            m_timeout->stop();
            if (status != QProcess::NormalExit || exitCode != 0) {
                m_report.error
                    = QStringLiteral("%1 failed to run the import check (%2): %3")
                          .arg(m_report.interpreter,
                              status == QProcess::NormalExit
                                  ? QStringLiteral("exit code %1").arg(exitCode)
                                  : QStringLiteral("crashed"),
                              QString::fromUtf8(m_process->readAllStandardError()).trimmed());
            } else {
                const QStringList absent = QString::fromUtf8(m_process->readAllStandardOutput())
                                               .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
                for (qsizetype i = 0; i < m_report.checked.size(); ++i) {
                    const QString module = m_report.checked.at(i);
                    if (absent.contains(module))
                        m_report.missing.append(MissingDependency { m_packages.at(i), module,
                            warningFor(m_packages.at(i), module, m_report.interpreter) });
                }
            }
            finish();
        });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        m_timeout->stop();
        m_report.error
            = QStringLiteral("%1 could not be started to check the conda file's packages: %2")
                  .arg(m_report.interpreter, m_process->errorString());
        finish();
    });
    // No -I: PYTHONPATH and the user's site-packages count, as they do for the instance;
    // the working folder is the code folder, which the harness puts on sys.path too.
    QStringList arguments { QStringLiteral("-c"), QString::fromLatin1(kCheckScript) };
    arguments << m_report.checked;
    m_timeout->start(kCheckTimeoutMs);
    m_process->start(interpreter, arguments);
}

void DependencyCheck::finish() { emit finished(m_report); }

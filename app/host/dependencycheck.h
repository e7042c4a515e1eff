#pragma once

// Which of a conda file's dependencies the chosen interpreter cannot import. Asks the
// interpreter in a child process (never blocks the host) and reports the missing ones, so
// a deployment's warnings say what to install instead of a traceback at init().

#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

class QProcess;
class QTimer;

struct MissingDependency
{
    QString package; // as the conda file names it: "scikit-learn"
    QString importName; // what was tried: "sklearn"
    QString warning; // the whole message, with how to fix it
};

struct DependencyReport
{
    QString interpreter;
    QStringList checked; // import names asked for
    QList<MissingDependency> missing;
    QStringList notes; // packages skipped on purpose, and why
    QString error; // the check itself could not run; empty when it did
};

class DependencyCheck final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DependencyCheck)

public:
    explicit DependencyCheck(QObject *parent = nullptr);
    ~DependencyCheck() override;

    // Starts the check; finished() follows (also when nothing needs checking). The
    // environment is the instance's (PYTHONPATH from environment_variables counts).
    void start(const QString &interpreter, const QStringList &packages,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
        const QString &workingDir = QString());

    // The module a package is imported as ("scikit-learn" -> "sklearn"); empty when the
    // package is not checked (python, pip, azureml-inference-server-http).
    static QString importName(const QString &package);
    // Why a package is skipped, for the report; empty when it is checked.
    static QString skipNote(const QString &package);
    // "conda file lists X but PY cannot import Y; install it (e.g. ...) or set local_python"
    static QString warningFor(
        const QString &package, const QString &importName, const QString &interpreter);

signals:
    void finished(const DependencyReport &report);

private:
    void finish();

    QProcess *m_process = nullptr;
    QTimer *m_timeout = nullptr;
    DependencyReport m_report;
    QStringList m_packages; // parallel to m_report.checked
};

#pragma once

// Runs one deployment's instances: starts instance_count of them, scales, replaces them
// one at a time on an update (a new one ready before an old one drains), stops them, and
// says when the deployment's provisioning succeeded or failed.

#include "domain.h"
#include "instanceprocess.h"
#include "result.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class DependencyCheck;
struct DependencyReport;

struct DeploymentRunSpec
{
    QString endpoint;
    Deployment deployment;
    QString modelDir; // the model snapshot; AZUREML_MODEL_DIR points here
    QString codeDir; // the code snapshot (code_configuration.code)
    QString logDir; // instance logs: <logDir>/<deployment>-<n>.log; one folder per endpoint
    QString harnessPath; // rolloutd_harness.py
    QString python; // empty: ProcessUtil::resolveInterpreter(deployment.localPython)
};

class DeploymentSupervisor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeploymentSupervisor)

public:
    // Called when an instance leaves routing; the gateway calls `drained` (from any
    // thread, at most once is needed) when the port has no request in flight. Default:
    // drained at once. An instance is stopped anyway request_timeout_ms + 1 s later.
    using DrainHook = std::function<void(quint16 port, std::function<void()> drained)>;

    explicit DeploymentSupervisor(const DeploymentRunSpec &spec, QObject *parent = nullptr);
    ~DeploymentSupervisor() override; // kills what still runs

    void setDrainHook(DrainHook hook) { m_drainHook = std::move(hook); }

    // Each of these is an operation that ends in provisioningFinished(). The host runs one
    // at a time per endpoint; one started while another runs joins it (one signal for both).
    void start();
    void scaleTo(
        int count); // up: new instances; down: the newest (not ready ones first) drain and stop
    void replace(const DeploymentRunSpec &spec); // rolling; instance_count of the new spec applies
    // Drains and stops every instance; stopped() when all are gone. A running operation
    // ends with provisioningFinished(false).
    void stop();

    QList<quint16> readyPorts() const; // instances in routing, oldest first
    QList<InstanceRecord> records() const; // running processes, for the state store
    // The instances' logs merged by time, last `lines` lines: "<time> [<instance>] <text>".
    QString logTail(int lines) const;
    QStringList warnings() const { return m_warnings; } // of the current spec
    const DeploymentRunSpec &spec() const { return m_spec; }
    int targetCount() const { return m_target; }
    int instanceCount() const; // not draining
    bool isProvisioning() const { return m_opActive; }
    // Where the gateway sends scoring requests: inference_config's scoring route, else /score.
    QString scoringPath() const;

    // The instance as this spec runs it (exposed for tests and diagnostics). `python` is
    // the resolved interpreter; the port is filled in by InstanceProcess.
    static Result<InstanceSpec> instanceSpec(const DeploymentRunSpec &spec, const QString &python);
    // Only what an instance needs, never the host's own environment (secrets stay here).
    static QProcessEnvironment instanceEnvironment(const DeploymentRunSpec &spec);

signals:
    void readyPortsChanged(const QList<quint16> &ports);
    void provisioningFinished(bool ok, const QString &error);
    void recordsChanged();
    void warning(const QString &message); // also written to the instance logs
    // An instance gave up (exited 3 times before ready) outside or inside an operation.
    void instanceFailed(const QString &instance, const QString &reason, const QString &logTail);
    void stopped();

private:
    struct Slot
    {
        InstanceProcess *process = nullptr;
        QString name;
        quint64 sequence = 0;
        int generation = 0;
        bool retiring = false;
        bool drained = false;
        bool pending = false; // the running operation waits for its first readiness
        QTimer *deadline = nullptr;
    };

    Status prepare(const DeploymentRunSpec &spec, QString *python) const;
    bool adopt(const DeploymentRunSpec &spec, bool newGeneration);
    void rollBackToGoodSpec();
    void dropDeadline(Slot *slot);
    void dropDependencyCheck();
    void beginOperation();
    void finishOperation(bool ok, const QString &error);
    void checkOperation();
    void reconcile();
    Slot *createInstance();
    void retire(Slot *slot);
    void onDrained(quint64 sequence);
    void onInstanceReady(Slot *slot);
    void onInstanceFailed(Slot *slot, const QString &reason, const QString &tail);
    void onReadinessDeadline(quint64 sequence);
    void removeSlot(quint64 sequence);
    Slot *slotFor(quint64 sequence) const;
    QList<Slot *> activeSlots() const;
    void updateReadyPorts();
    void startDependencyCheck();
    void onDependencyReport(const DependencyReport &report);
    void addWarning(const QString &message);
    void logToInstances(const QString &line);
    quint64 firstFreeSequence() const;
    static const QString &warningLinePrefix(); // "rolloutd: warning: "

    DeploymentRunSpec m_spec;
    QString m_python;
    int m_generation = 1;
    int m_target = 1;
    std::optional<DeploymentRunSpec> m_goodSpec; // of the last operation that succeeded
    int m_goodGeneration = 0;
    QString m_goodPython;

    std::vector<std::unique_ptr<Slot>> m_slots; // creation order
    quint64 m_nextSequence = 1;
    QList<quint16> m_readyPorts;
    QStringList m_logFiles; // every instance log of this supervisor, for logTail
    QHash<QString, QString> m_logNames; // log file -> instance name

    bool m_started = false;
    bool m_prepared = false; // m_spec passed prepare(), m_python is set
    bool m_opActive = false;
    bool m_halted = false; // an instance failed: no automatic replacements until the next operation
    bool m_stopping = false;

    QStringList m_warnings;
    QStringList m_notes;
    DependencyCheck *m_dependencyCheck = nullptr;

    DrainHook m_drainHook;
    struct DrainGuard;
    std::shared_ptr<DrainGuard> m_drainGuard;
};

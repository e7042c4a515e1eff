#include "deploymentsupervisor.h"

#include "dependencycheck.h"
#include "processutil.h"

#include <QDir>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QTimer>
#include <algorithm>

namespace {

constexpr int kFailureTailLines = 20;

QString probeBudget(const ProbeSettings &probe)
{
    return QStringLiteral("initial_delay %1 s + period %2 s × failure_threshold %3")
        .arg(probe.initialDelaySec)
        .arg(probe.periodSec)
        .arg(probe.failureThreshold);
}

} // namespace

// Lets `drained` callbacks from gateway threads reach the supervisor only while it lives.
struct DeploymentSupervisor::DrainGuard
{
    QMutex mutex;
    DeploymentSupervisor *target = nullptr;
};

DeploymentSupervisor::DeploymentSupervisor(const DeploymentRunSpec &spec, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_target(spec.deployment.instanceCount)
    , m_drainGuard(std::make_shared<DrainGuard>())
{
    m_drainGuard->target = this;
    m_nextSequence = firstFreeSequence();
}

DeploymentSupervisor::~DeploymentSupervisor()
{
    {
        QMutexLocker lock(&m_drainGuard->mutex);
        m_drainGuard->target = nullptr;
    }
    for (const auto &slot : m_slots)
        QObject::disconnect(slot->process, nullptr, this, nullptr);
    m_slots.clear(); // the InstanceProcess children kill their process groups
}

// ---- operations

void DeploymentSupervisor::start()
{
    if (m_started)
        return;
    m_started = true;
    beginOperation();
    if (!adopt(m_spec, false))
        return;
    reconcile();
    QMetaObject::invokeMethod(this, &DeploymentSupervisor::checkOperation, Qt::QueuedConnection);
}

void DeploymentSupervisor::scaleTo(int count)
{
    if (m_stopping)
        return;
    m_started = true;
    beginOperation();
    m_spec.deployment.instanceCount = qMax(0, count);
    if (!m_prepared && !adopt(m_spec, false))
        return;
    m_target = qMax(0, count);
    reconcile();
    QMetaObject::invokeMethod(this, &DeploymentSupervisor::checkOperation, Qt::QueuedConnection);
}

void DeploymentSupervisor::replace(const DeploymentRunSpec &spec)
{
    if (m_stopping)
        return;
    m_started = true;
    beginOperation();
    if (!adopt(spec, true))
        return; // the running instances keep serving the previous spec
    reconcile();
    QMetaObject::invokeMethod(this, &DeploymentSupervisor::checkOperation, Qt::QueuedConnection);
}

bool DeploymentSupervisor::adopt(const DeploymentRunSpec &spec, bool newGeneration)
{
    QString python;
    const Status ready = prepare(spec, &python);
    if (!ready) {
        if (m_slots.empty())
            m_halted = true;
        const QString message = ready.error().message;
        QMetaObject::invokeMethod(
            this, [this, message] { finishOperation(false, message); }, Qt::QueuedConnection);
        return false;
    }
    m_spec = spec;
    m_python = python;
    m_target = qMax(0, spec.deployment.instanceCount);
    m_prepared = true;
    if (newGeneration) {
        ++m_generation;
        m_warnings.clear();
        m_notes.clear();
    }
    startDependencyCheck();
    return true;
}

void DeploymentSupervisor::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    if (m_opActive)
        finishOperation(false,
            QStringLiteral("Deployment %1 is being deleted: its provisioning was cancelled")
                .arg(m_spec.deployment.name));
    dropDependencyCheck();
    const QList<Slot *> everyone = activeSlots();
    for (Slot *slot : everyone)
        retire(slot);
    if (m_slots.empty())
        QMetaObject::invokeMethod(this, &DeploymentSupervisor::stopped, Qt::QueuedConnection);
}

void DeploymentSupervisor::beginOperation()
{
    m_halted = false;
    m_opActive = true;
}

void DeploymentSupervisor::finishOperation(bool ok, const QString &error)
{
    if (!m_opActive)
        return;
    m_opActive = false;
    for (const auto &slot : m_slots) {
        slot->pending = false;
        dropDeadline(slot.get());
    }
    if (ok) {
        m_goodSpec = m_spec;
        m_goodGeneration = m_generation;
        m_goodPython = m_python;
    }
    emit provisioningFinished(ok, error);
}

void DeploymentSupervisor::checkOperation()
{
    if (!m_opActive || m_stopping)
        return;
    for (const auto &slot : m_slots) {
        // Waiting for a new instance's readiness, an old one to go, or the roll to end.
        if (slot->pending || slot->retiring || slot->generation != m_generation)
            return;
    }
    if (!m_halted && instanceCount() != m_target)
        return;
    finishOperation(true, QString());
}

// The one place that decides what to start and what to drain; called after every change.
// A rolling replacement surges by one: a new instance starts, and only when it is ready
// does an old one leave routing, so there is always a ready instance if there was one.
void DeploymentSupervisor::reconcile()
{
    if (m_stopping || !m_started)
        return;
    const auto notReadyFirst = [](QList<Slot *> list, bool newestFirst) {
        std::stable_sort(list.begin(), list.end(), [newestFirst](const Slot *a, const Slot *b) {
            if (a->process->isReady() != b->process->isReady())
                return !a->process->isReady();
            return newestFirst ? a->sequence > b->sequence : a->sequence < b->sequence;
        });
        return list;
    };
    QList<Slot *> active = activeSlots();
    QList<Slot *> old;
    bool newPending = false;
    for (Slot *slot : active) {
        if (slot->generation != m_generation)
            old << slot;
        else if (!slot->process->hasBeenReady())
            newPending = true;
    }
    if (!old.isEmpty()) {
        old = notReadyFirst(old, false);
        while (active.size() > m_target + 1 && !old.isEmpty()) {
            retire(old.takeFirst());
            active = activeSlots();
        }
        if (newPending)
            return; // wait until the new instance is ready
        if (active.size() > m_target && !old.isEmpty()) {
            retire(old.takeFirst());
            active = activeSlots();
        }
        if (!old.isEmpty()) {
            if (!m_halted)
                createInstance();
            return;
        }
    }
    if (m_halted)
        return;
    while (active.size() < m_target) {
        if (!createInstance())
            return;
        active = activeSlots();
    }
    if (active.size() > m_target) {
        const QList<Slot *> candidates = notReadyFirst(active, true);
        for (qsizetype i = 0; i < active.size() - m_target; ++i)
            retire(candidates.at(i));
    }
}

// ---- instances

quint64 DeploymentSupervisor::firstFreeSequence() const
{
    // After a host restart, numbering goes on after the logs already there.
    quint64 highest = 0;
    const QString prefix = m_spec.deployment.name + QLatin1Char('-');
    const QStringList files
        = QDir(m_spec.logDir).entryList({ prefix + QStringLiteral("*.log*") }, QDir::Files);
    static const QRegularExpression number(QStringLiteral("-(\\d+)\\.log"));
    for (const QString &file : files) {
        const QRegularExpressionMatch match = number.match(file.mid(prefix.size() - 1));
        if (match.hasMatch())
            highest = qMax(highest, match.captured(1).toULongLong());
    }
    return highest + 1;
}

DeploymentSupervisor::Slot *DeploymentSupervisor::createInstance()
{
    Result<InstanceSpec> made = instanceSpec(m_spec, m_python);
    if (!made) {
        // The folders were checked at the start of the operation; they vanished since.
        m_halted = true;
        finishOperation(false, made.error().message);
        return nullptr;
    }
    auto slot = std::make_unique<Slot>();
    slot->sequence = m_nextSequence++;
    slot->generation = m_generation;
    slot->name = m_spec.deployment.name + QLatin1Char('-') + QString::number(slot->sequence);
    InstanceSpec instance = made.value();
    instance.port = ProcessUtil::pickFreePort();
    if (!m_spec.logDir.isEmpty())
        instance.logFile = QDir(m_spec.logDir).filePath(slot->name + QStringLiteral(".log"));
    slot->process = new InstanceProcess(instance, this);
    if (!instance.logFile.isEmpty() && !m_logFiles.contains(instance.logFile)) {
        m_logFiles << instance.logFile;
        m_logNames.insert(instance.logFile, slot->name);
    }
    InstanceProcess *process = slot->process;
    const quint64 sequence = slot->sequence;
    if (m_opActive) {
        slot->pending = true;
        const ProbeSettings &probe = instance.readiness;
        const int budgetSec = qMax(0, probe.initialDelaySec)
            + qMax(1, probe.periodSec) * qMax(1, probe.failureThreshold);
        slot->deadline = new QTimer(this);
        slot->deadline->setSingleShot(true);
        connect(slot->deadline, &QTimer::timeout, this,
            [this, sequence] { onReadinessDeadline(sequence); });
        slot->deadline->start(budgetSec * 1000);
    }
    connect(process, &InstanceProcess::becameReady, this, [this, sequence] {
        if (Slot *slot = slotFor(sequence))
            onInstanceReady(slot);
    });
    connect(
        process, &InstanceProcess::becameUnready, this, &DeploymentSupervisor::updateReadyPorts);
    connect(process, &InstanceProcess::portChanged, this, [this] {
        updateReadyPorts();
        emit recordsChanged();
    });
    connect(process, &InstanceProcess::started, this, &DeploymentSupervisor::recordsChanged);
    connect(process, &InstanceProcess::failed, this,
        [this, sequence](const QString &reason, const QString &tail) {
            if (Slot *slot = slotFor(sequence))
                onInstanceFailed(slot, reason, tail);
        });
    connect(process, &InstanceProcess::stopped, this, [this, sequence] { removeSlot(sequence); });

    m_slots.push_back(std::move(slot));
    process->appendLogLine(QStringLiteral("rolloutd: instance %1 of deployment %2 (endpoint %3)")
                               .arg(m_slots.back()->name, m_spec.deployment.name, m_spec.endpoint));
    for (const QString &note : std::as_const(m_notes))
        process->appendLogLine(QStringLiteral("rolloutd: note: ") + note);
    for (const QString &message : std::as_const(m_warnings))
        process->appendLogLine(warningLinePrefix() + message);
    process->start();
    return m_slots.back().get();
}

void DeploymentSupervisor::onInstanceReady(Slot *slot)
{
    slot->pending = false;
    dropDeadline(slot);
    updateReadyPorts();
    reconcile();
    checkOperation();
}

void DeploymentSupervisor::onInstanceFailed(Slot *slot, const QString &reason, const QString &tail)
{
    const QString name = slot->name;
    const quint64 sequence = slot->sequence;
    emit instanceFailed(name, reason, tail);
    // An instance of an older spec that fails during a roll is replaced by the roll itself.
    if (!slot->retiring && slot->generation == m_generation) {
        const bool rollBack = m_opActive && m_goodSpec && m_goodGeneration != m_generation;
        // A taken port is the one cause the log alone does not explain how to fix.
        QString hint;
        if (tail.contains(QLatin1String("Address already in use")))
            hint = m_spec.deployment.localCommand.isEmpty()
                ? QStringLiteral("\nA port it needs is taken by another program: stop that "
                                 "program or have the script use another port.")
                : QStringLiteral("\nThe port it listens on is taken: a local_command must listen "
                                 "on the port rolloutd gives it in $PORT (or the {port} "
                                 "argument), free for each instance.");
        finishOperation(false,
            QStringLiteral("Instance %1 of deployment %2 failed: %3\n%4%5")
                .arg(name, m_spec.deployment.name, reason, tail, hint));
        if (rollBack)
            rollBackToGoodSpec();
        else
            m_halted = true; // no endless replacements of an instance that cannot start
    }
    if (Slot *failed = slotFor(sequence)) {
        failed->retiring = true;
        dropDeadline(failed);
        failed->process->stop(); // it has exited: this only ends in stopped() and removal
    }
    updateReadyPorts();
    reconcile();
}

// Back to what ran before the failed update; the rolling loop replaces what is new.
void DeploymentSupervisor::rollBackToGoodSpec()
{
    m_spec = *m_goodSpec;
    m_generation = m_goodGeneration;
    m_python = m_goodPython;
    m_target = m_spec.deployment.instanceCount;
}

void DeploymentSupervisor::onReadinessDeadline(quint64 sequence)
{
    Slot *slot = slotFor(sequence);
    if (!slot || !slot->pending || !m_opActive)
        return;
    const ProbeSettings &probe = slot->process->spec().readiness;
    const bool rollBack
        = slot->generation == m_generation && m_goodSpec && m_goodGeneration != m_generation;
    finishOperation(false,
        QStringLiteral(
            "Instance %1 of deployment %2 did not pass its readiness probe (GET %3) within "
            "%4 s (%5): see its log below, or raise readiness_probe settings if init() "
            "is slow\n%6")
            .arg(slot->name, m_spec.deployment.name, slot->process->spec().readinessPath)
            .arg(probe.initialDelaySec + probe.periodSec * probe.failureThreshold)
            .arg(probeBudget(probe),
                slot->process->logTail(kFailureTailLines).join(QLatin1Char('\n'))));
    if (rollBack) {
        rollBackToGoodSpec();
        reconcile();
    }
    // Otherwise the instance keeps trying: it serves if it becomes ready later.
}

void DeploymentSupervisor::retire(Slot *slot)
{
    if (!slot || slot->retiring)
        return;
    slot->retiring = true;
    slot->pending = false;
    dropDeadline(slot);
    updateReadyPorts();
    const quint64 sequence = slot->sequence;
    const quint16 port = slot->process->port();
    slot->process->appendLogLine(
        QStringLiteral("rolloutd: draining: out of routing, stopping when the requests "
                       "in flight are done"));
    // A gateway that never reports the drain must not keep the instance forever: requests
    // end at request_timeout_ms anyway.
    const int safetyMs = qMax(1, m_spec.deployment.requestSettings.requestTimeoutMs) + 1000;
    QTimer::singleShot(safetyMs, this, [this, sequence] { onDrained(sequence); });
    const std::weak_ptr<DrainGuard> guard = m_drainGuard;
    auto drained = [guard, sequence] {
        const std::shared_ptr<DrainGuard> alive = guard.lock();
        if (!alive)
            return;
        QMutexLocker lock(&alive->mutex);
        if (DeploymentSupervisor *target = alive->target)
            QMetaObject::invokeMethod(
                target, [target, sequence] { target->onDrained(sequence); }, Qt::QueuedConnection);
    };
    if (m_drainHook && port != 0 && slot->process->hasBeenReady())
        m_drainHook(port, drained);
    else
        drained();
}

void DeploymentSupervisor::onDrained(quint64 sequence)
{
    Slot *slot = slotFor(sequence);
    if (!slot || slot->drained)
        return;
    slot->drained = true;
    slot->process->stop();
}

void DeploymentSupervisor::removeSlot(quint64 sequence)
{
    const auto it = std::find_if(m_slots.begin(), m_slots.end(),
        [sequence](const auto &slot) { return slot->sequence == sequence; });
    if (it == m_slots.end())
        return;
    (*it)->process->deleteLater();
    dropDeadline(it->get());
    m_slots.erase(it);
    updateReadyPorts();
    emit recordsChanged();
    if (m_stopping) {
        if (m_slots.empty())
            emit stopped();
        return;
    }
    reconcile();
    checkOperation();
}

void DeploymentSupervisor::dropDeadline(Slot *slot)
{
    if (!slot->deadline)
        return;
    slot->deadline->stop();
    slot->deadline->deleteLater(); // may be inside its own timeout
    slot->deadline = nullptr;
}

DeploymentSupervisor::Slot *DeploymentSupervisor::slotFor(quint64 sequence) const
{
    for (const auto &slot : m_slots) {
        if (slot->sequence == sequence)
            return slot.get();
    }
    return nullptr;
}

QList<DeploymentSupervisor::Slot *> DeploymentSupervisor::activeSlots() const
{
    QList<Slot *> active;
    for (const auto &slot : m_slots) {
        if (!slot->retiring)
            active << slot.get();
    }
    return active;
}

int DeploymentSupervisor::instanceCount() const { return int(activeSlots().size()); }

// ---- what others read

QList<quint16> DeploymentSupervisor::readyPorts() const
{
    QList<quint16> ports;
    for (const auto &slot : m_slots) {
        if (!slot->retiring && slot->process->isReady())
            ports << slot->process->port();
    }
    return ports;
}

void DeploymentSupervisor::updateReadyPorts()
{
    const QList<quint16> ports = readyPorts();
    if (ports == m_readyPorts)
        return;
    m_readyPorts = ports;
    emit readyPortsChanged(ports);
}

QList<InstanceRecord> DeploymentSupervisor::records() const
{
    QList<InstanceRecord> list;
    for (const auto &slot : m_slots) {
        const InstanceRecord record = slot->process->record();
        const InstanceProcess::State state = slot->process->state();
        if (record.pid > 0 && state != InstanceProcess::State::Stopped
            && state != InstanceProcess::State::Failed)
            list << record;
    }
    return list;
}

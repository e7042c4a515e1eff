// HostWorkspace: the deployment changes (create, update, scale, delete) and their instances.

#include "hostworkspace.h"

#include "processutil.h"
#include "rules.h"
#include "snapshot.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace {

bool sameInstances(const Deployment &a, const Deployment &b)
{
    // What the instances are made of: a change here replaces them one at a time.
    auto codeOf = [](const Deployment &d) {
        return d.codeConfiguration ? d.codeConfiguration->code + QLatin1Char('|')
                + d.codeConfiguration->scoringScript
                                   : QString();
    };
    auto probes = [](const ProbeSettings &p) {
        return QList<int>{ p.initialDelaySec, p.periodSec, p.timeoutSec, p.successThreshold,
                           p.failureThreshold };
    };
    return a.model.value == b.model.value && codeOf(a) == codeOf(b)
        && a.environment.value == b.environment.value && a.environment.image == b.environment.image
        && a.environment.condaFile == b.environment.condaFile
        && a.environmentVariables == b.environmentVariables && a.localCommand == b.localCommand
        && a.localPython == b.localPython && probes(a.livenessProbe) == probes(b.livenessProbe)
        && probes(a.readinessProbe) == probes(b.readinessProbe)
        && a.requestSettings.maxConcurrentRequestsPerInstance
        == b.requestSettings.maxConcurrentRequestsPerInstance;
}

Error refused(const QString &target, const QString &message)
{
    return Error::validation(target, message);
}

} // namespace

QString HostWorkspace::snapshotDir(const QString &endpoint, const QString &deployment,
                                   int generation) const
{
    return QStringLiteral("%1/snapshots/%2/%3/g%4")
        .arg(m_options.stateDir, endpoint, deployment)
        .arg(generation);
}

QString HostWorkspace::logDir(const QString &endpoint, const QString &deployment) const
{
    return QStringLiteral("%1/logs/%2/%3").arg(m_options.stateDir, endpoint, deployment);
}

Status HostWorkspace::checkDeploymentChange(const QString &endpoint, const Deployment &spec,
                                            const DeploymentState *existing) const
{
    const EndpointState &e = m_state.endpoints[endpoint];
    if (!existing) {
        if (Status s = Rules::checkName(Rules::NameKind::Deployment, spec.name); !s)
            return s;
        if (Status s = Rules::checkCanAddDeployment(endpoint, int(e.deployments.size())); !s)
            return s;
    } else {
        if (existing->provisioningState == QLatin1String("Deleting")) {
            return Error{ QStringLiteral("Conflict"),
                          QStringLiteral("Deployment '%1' is being deleted; wait until it is "
                                         "gone, then create it again.")
                              .arg(spec.name),
                          QString(), 0, 0 };
        }
        if (spec.instanceType.compare(existing->spec.instanceType, Qt::CaseInsensitive) != 0) {
            return refused(QStringLiteral("instance_type"),
                           QStringLiteral("instance_type cannot be changed on an existing "
                                          "deployment ('%1' -> '%2'). Create a new deployment "
                                          "with the new instance type and move the traffic to "
                                          "it instead.")
                               .arg(existing->spec.instanceType, spec.instanceType));
        }
    }
    if (Status s = Rules::checkDeploymentSettings(spec); !s)
        return s;
    if (!spec.scaleSettings.type.isEmpty()
        && spec.scaleSettings.type.compare(QLatin1String("default"), Qt::CaseInsensitive) != 0) {
        return refused(QStringLiteral("scale_settings.type"),
                       QStringLiteral("scale_settings.type '%1' is for Kubernetes endpoints; "
                                      "managed deployments support only 'default'.")
                           .arg(spec.scaleSettings.type));
    }
    auto localOnly = [](AssetKind kind) {
        return kind == AssetKind::None || kind == AssetKind::LocalPath;
    };
    if (!localOnly(spec.model.kind)) {
        return refused(QStringLiteral("model"),
                       QStringLiteral("model '%1' is a registered asset; the local workspace "
                                      "cannot download assets. Give the model as a local folder "
                                      "(model: {path: ./model}).")
                           .arg(spec.model.value));
    }
    if (spec.model.kind == AssetKind::LocalPath && !QFileInfo::exists(spec.model.value)) {
        return refused(QStringLiteral("model.path"),
                       QStringLiteral("The model path %1 does not exist.").arg(spec.model.value));
    }
    if (!spec.localCommand.isEmpty()) {
        const QString program = spec.localCommand.first();
        const bool found = program.contains(QLatin1Char('/'))
            ? QFileInfo(program).isExecutable()
            : !QStandardPaths::findExecutable(program).isEmpty();
        if (!found) {
            return refused(QStringLiteral("local_command"),
                           QStringLiteral("local_command program '%1' was not found or is not "
                                          "executable. Give an absolute path or a program on "
                                          "PATH.")
                               .arg(program));
        }
        return {};
    }
    if (!spec.codeConfiguration) {
        return refused(QStringLiteral("code_configuration"),
                       QStringLiteral("Deployment '%1' has neither code_configuration (a "
                                      "score.py) nor local_command, so nothing can serve it. Add "
                                      "code_configuration: {code: ./folder, scoring_script: "
                                      "score.py}.")
                           .arg(spec.name));
    }
    const CodeConfiguration &code = *spec.codeConfiguration;
    if (!localOnly(code.kind)) {
        return refused(QStringLiteral("code_configuration.code"),
                       QStringLiteral("code '%1' is a registered asset; give the code as a local "
                                      "folder for the local workspace.")
                           .arg(code.code));
    }
    const QString script = QDir(code.code).filePath(code.scoringScript);
    if (code.scoringScript.isEmpty() || !QFileInfo(script).isFile()) {
        return refused(QStringLiteral("code_configuration.scoring_script"),
                       QStringLiteral("The scoring script %1 does not exist. Check "
                                      "code_configuration.code and scoring_script.")
                           .arg(script));
    }
    if (Result<QString> python = ProcessUtil::resolveInterpreter(spec.localPython); !python) {
        Error error = python.error();
        error.target = QStringLiteral("local_python");
        return error;
    }
    return {};
}

Result<Deployment> HostWorkspace::prepareDeployment(const QString &endpoint, const Deployment &spec,
                                                    const DeploymentState *existing, int generation)
{
    Deployment prepared = spec;
    prepared.endpointName = endpoint;
    const QString root = snapshotDir(endpoint, spec.name, generation);
    const QString snapshotsRoot = m_options.stateDir + QStringLiteral("/snapshots/");
    // A path inside our snapshots is a resource read back and sent again (update --set):
    // nothing to copy.
    if (spec.model.kind == AssetKind::LocalPath && !spec.model.value.startsWith(snapshotsRoot)) {
        const QString target = root + QStringLiteral("/model");
        if (Status s = Snapshot::copy(spec.model.value, target + QLatin1Char('/')
                                              + QFileInfo(spec.model.value).fileName(),
                                      QStringLiteral("model"));
            !s) {
            Snapshot::removeInside(m_options.stateDir, root);
            return s.error();
        }
        prepared.model.value = target + QLatin1Char('/') + QFileInfo(spec.model.value).fileName();
    }
    if (spec.codeConfiguration && spec.codeConfiguration->kind == AssetKind::LocalPath
        && !spec.codeConfiguration->code.startsWith(snapshotsRoot)) {
        const QString target = root + QStringLiteral("/code");
        if (Status s = Snapshot::copy(spec.codeConfiguration->code, target,
                                      QStringLiteral("code_configuration.code"));
            !s) {
            Snapshot::removeInside(m_options.stateDir, root);
            return s.error();
        }
        prepared.codeConfiguration->code = target;
    }
    (void)existing;
    return prepared;
}

DeploymentRunSpec HostWorkspace::runSpec(const QString &endpoint, const DeploymentState &state) const
{
    DeploymentRunSpec run;
    run.endpoint = endpoint;
    run.deployment = state.spec;
    if (state.spec.model.kind == AssetKind::LocalPath)
        run.modelDir = QFileInfo(state.spec.model.value).absolutePath();
    if (state.spec.codeConfiguration)
        run.codeDir = state.spec.codeConfiguration->code;
    run.logDir = logDir(endpoint, state.spec.name);
    run.harnessPath = m_options.harnessPath;
    // Left empty when none is found: the supervisor reports that as the deployment's error.
    if (Result<QString> python = ProcessUtil::resolveInterpreter(state.spec.localPython); python)
        run.python = python.value();
    return run;
}

Result<HostWorkspace::Accepted> HostWorkspace::putDeployment(const QString &endpoint,
                                                             const Deployment &requested)
{
    auto found = findEndpoint(endpoint);
    if (!found)
        return found.error();
    if (found.value()->provisioningState == QLatin1String("Deleting")) {
        return Error{ QStringLiteral("Conflict"),
                      QStringLiteral("Endpoint '%1' is being deleted.").arg(endpoint), QString(), 0, 0 };
    }
    const DeploymentState *existing = nullptr;
    if (auto it = found.value()->deployments.constFind(requested.name);
        it != found.value()->deployments.constEnd())
        existing = &it.value();
    if (Status s = checkDeploymentChange(endpoint, requested, existing); !s)
        return s.error();

    const bool recreate = !existing || existing->provisioningState == QLatin1String("Failed");
    const int generation = existing ? existing->generation + 1 : 1;
    Result<Deployment> prepared = prepareDeployment(endpoint, requested, existing, generation);
    if (!prepared)
        return prepared.error();

    const HostState before = m_state;
    DeploymentState &d = m_state.endpoints[endpoint].deployments[requested.name];
    const Deployment previous = d.spec;
    const bool replace = !recreate && !sameInstances(previous, prepared.value());
    const bool scale = !recreate && previous.instanceCount != prepared->instanceCount;
    d.spec = prepared.value();
    d.error.clear();
    if (recreate || replace)
        d.generation = generation;
    d.provisioningState = recreate ? QStringLiteral("Creating")
        : replace                  ? QStringLiteral("Updating")
        : scale                    ? QStringLiteral("Scaling")
                                   : QStringLiteral("Succeeded");
    Accepted accepted;
    accepted.created = !existing;
    accepted.operationId = m_operations->start(QStringLiteral("put deployment ") + requested.name);
    if (Status s = save(); !s) {
        m_state = before;
        Snapshot::removeInside(m_options.stateDir, snapshotDir(endpoint, requested.name, generation));
        m_operations->fail(accepted.operationId, s.error());
        return s.error();
    }
    const QString name = requested.name;
    const QString op = accepted.operationId;
    if (recreate) {
        m_queue->enqueue(endpoint, [this, endpoint, name, op](ChangeQueue::Done done) {
            startDeployment(endpoint, name, op, done);
        });
    } else if (replace || scale) {
        m_queue->enqueue(endpoint, [this, endpoint, name, op, replace](ChangeQueue::Done done) {
            DeploymentSupervisor *supervisor = runtime(endpoint)->supervisor(name);
            auto eit = m_state.endpoints.find(endpoint);
            if (eit == m_state.endpoints.end() || !eit->deployments.contains(name)) {
                m_operations->fail(op, notFound(QStringLiteral("Deployment '%1' was deleted before "
                                                               "this change could apply.")
                                                    .arg(name)));
                done();
                return;
            }
            if (!supervisor) {
                startDeployment(endpoint, name, op, done);
                return;
            }
            const DeploymentState &state = eit->deployments[name];
            if (replace)
                supervisor->replace(runSpec(endpoint, state));
            else
                supervisor->scaleTo(state.spec.instanceCount);
            watchProvisioning(endpoint, name, supervisor, op, done);
        });
    } else {
        republish(endpoint); // request settings take effect with the next request
        m_operations->succeed(op);
        accepted.finished = true;
    }
    return accepted;
}

Result<HostWorkspace::Accepted> HostWorkspace::scaleDeployment(const QString &endpoint,
                                                               const QString &name, int capacity)
{
    Result<Deployment> current = deployment(endpoint, name);
    if (!current)
        return current.error();
    Deployment spec = m_state.endpoints[endpoint].deployments[name].spec;
    spec.instanceCount = capacity;
    return putDeployment(endpoint, spec);
}

void HostWorkspace::startDeployment(const QString &endpoint, const QString &name,
                                    const QString &operationId, ChangeQueue::Done done)
{
    auto eit = m_state.endpoints.find(endpoint);
    if (eit == m_state.endpoints.end() || !eit->deployments.contains(name)) {
        m_operations->fail(operationId, notFound(QStringLiteral("Deployment '%1' no longer exists.").arg(name)));
        done();
        return;
    }
    EndpointRuntime *rt = runtime(endpoint);
    const DeploymentRunSpec spec = runSpec(endpoint, eit->deployments[name]);
    auto begin = [this, rt, endpoint, name, spec, operationId, done]() {
        DeploymentSupervisor *supervisor = rt->addSupervisor(name, spec);
        connect(supervisor, &DeploymentSupervisor::recordsChanged, this,
                [this, endpoint, name, supervisor]() {
                    auto e = m_state.endpoints.find(endpoint);
                    if (e == m_state.endpoints.end() || !e->deployments.contains(name))
                        return;
                    e->deployments[name].instances = supervisor->records();
                    if (Status s = save(); !s)
                        qWarning().noquote() << s.error().message;
                });
        connect(supervisor, &DeploymentSupervisor::warning, this,
                [this, endpoint, name](const QString &text) {
                    auto e = m_state.endpoints.find(endpoint);
                    if (e == m_state.endpoints.end() || !e->deployments.contains(name))
                        return;
                    QStringList &warnings = e->deployments[name].warnings;
                    if (!warnings.contains(text))
                        warnings << text;
                    (void)save();
                });
        m_state.endpoints[endpoint].deployments[name].warnings.clear();
        watchProvisioning(endpoint, name, supervisor, operationId, done);
        supervisor->start();
    };
    // A failed deployment that is created again starts from fresh instances.
    if (rt->supervisor(name))
        rt->removeSupervisor(name, begin);
    else
        begin();
}

void HostWorkspace::watchProvisioning(const QString &endpoint, const QString &name,
                                      DeploymentSupervisor *supervisor, const QString &operationId,
                                      ChangeQueue::Done done)
{
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(
        supervisor, &DeploymentSupervisor::provisioningFinished, this,
        [this, endpoint, name, operationId, done, connection](bool ok, const QString &error) {
            disconnect(*connection);
            auto e = m_state.endpoints.find(endpoint);
            if (e == m_state.endpoints.end() || !e->deployments.contains(name)) {
                done();
                return;
            }
            DeploymentState &d = e->deployments[name];
            if (ok) {
                d.provisioningState = QStringLiteral("Succeeded");
                d.error.clear();
                // Older snapshots are no longer used by any instance.
                for (int g = 1; g < d.generation; ++g)
                    Snapshot::removeInside(m_options.stateDir, snapshotDir(endpoint, name, g));
            } else {
                d.provisioningState = QStringLiteral("Failed");
                d.error = error;
            }
            const Status saved = save();
            republish(endpoint);
            if (!ok) {
                m_operations->fail(operationId,
                                   Error{ QStringLiteral("DeploymentFailed"),
                                          QStringLiteral("Deployment '%1' failed: %2").arg(name, error),
                                          name, 0, 0 });
            } else if (!saved) {
                m_operations->fail(operationId, saved.error());
            } else {
                m_operations->succeed(operationId);
            }
            done();
        });
}

Result<HostWorkspace::Accepted> HostWorkspace::deleteDeployment(const QString &endpoint,
                                                                const QString &name)
{
    Result<Deployment> current = deployment(endpoint, name);
    if (!current)
        return current.error();
    EndpointState &e = m_state.endpoints[endpoint];
    if (Status s = Rules::checkCanDelete(name, e.traffic); !s)
        return s.error();
    if (e.mirror.value(name) > 0) {
        return refused(QStringLiteral("mirror_traffic.") + name,
                       QStringLiteral("Deployment '%1' receives %2 % mirror traffic. Set its "
                                      "mirror traffic to 0 first (--mirror-traffic \"%1=0\"), "
                                      "then delete it.")
                           .arg(name)
                           .arg(e.mirror.value(name)));
    }
    Accepted accepted;
    accepted.operationId = m_operations->start(QStringLiteral("delete deployment ") + name);
    const QString previous = e.deployments[name].provisioningState;
    e.deployments[name].provisioningState = QStringLiteral("Deleting");
    if (Status s = save(); !s) {
        e.deployments[name].provisioningState = previous;
        m_operations->fail(accepted.operationId, s.error());
        return s.error();
    }
    const QString op = accepted.operationId;
    m_queue->enqueue(endpoint, [this, endpoint, name, op](ChangeQueue::Done done) {
        finishDeploymentDelete(endpoint, name, op, done);
    });
    return accepted;
}

void HostWorkspace::finishDeploymentDelete(const QString &endpoint, const QString &name,
                                           const QString &operationId, ChangeQueue::Done done)
{
    auto finish = [this, endpoint, name, operationId, done]() {
        auto e = m_state.endpoints.find(endpoint);
        if (e != m_state.endpoints.end()) {
            e->deployments.remove(name);
            e->traffic.remove(name);
            e->mirror.remove(name);
        }
        Snapshot::removeInside(m_options.stateDir,
                               QStringLiteral("%1/snapshots/%2/%3").arg(m_options.stateDir, endpoint, name));
        Snapshot::removeInside(m_options.stateDir, logDir(endpoint, name));
        const Status saved = save();
        republish(endpoint);
        if (!saved)
            m_operations->fail(operationId, saved.error());
        else
            m_operations->succeed(operationId);
        done();
    };
    EndpointRuntime *rt = m_runtimes.value(endpoint);
    if (rt)
        rt->removeSupervisor(name, finish);
    else
        finish();
}

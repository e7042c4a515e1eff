#pragma once

// Helpers of the fault tests (tests/host/tst_faults*.cpp): score.py deployments written
// into a test's temporary folder, the instance processes rolloutd records in its state
// file, and reads of a deployment's state through the control API.

#include "domain.h"
#include "processutil.h"

#include <QByteArray>
#include <QList>
#include <QString>

class HostFixture;

namespace FaultSupport {

// Writes `script` as <root>/<name>/score.py and returns that folder.
QString writeScoringScript(const QString &root, const QString &name, const QByteArray &script);

// A score.py deployment of the code folder `codeDir` (no model), run by /usr/bin/python3.
Deployment scriptDeployment(const QString &name, const QString &codeDir, int instances = 1);

// The instance records rolloutd keeps in <stateDir>/state.json for a deployment.
QList<InstanceRecord> recordedInstances(
    const QString &stateDir, const QString &endpoint, const QString &deployment);

// True while the recorded process still runs (a zombie counts as gone).
bool running(const InstanceRecord &record);
// A record of a running pid (its start time read now), for processes rolloutd did not
// record itself, such as the children a score.py spawned.
InstanceRecord recordOf(qint64 pid);

// True once the score.py instance's log shows it answered a scoring request: the gateway
// routes to it (a direct readiness probe can succeed before the host has seen it ready).
bool hasServed(const InstanceRecord &record);

// properties.provisioningState of the deployment, or "NotFound" (404).
QString provisioningState(HostFixture &host, const QString &endpoint, const QString &deployment);

// The whole file as text; empty when it cannot be read.
QString readFile(const QString &path);

} // namespace FaultSupport

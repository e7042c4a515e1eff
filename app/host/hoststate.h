#pragma once

// The local workspace's state: what rolloutd has acknowledged, kept on disk so that a
// restart (also after kill -9) brings back every endpoint, deployment, key and split.

#include "domain.h"
#include "instanceprocess.h"
#include "result.h"

#include <QList>
#include <QMap>
#include <QString>

struct DeploymentState
{
    Deployment spec; // as applied; model and code point into the snapshot
    QString provisioningState = QStringLiteral("Creating");
    QString error; // why it Failed
    QStringList warnings; // e.g. conda dependencies the interpreter lacks
    int generation = 1; // snapshot generation, bumped by every update that replaces instances
    QList<InstanceRecord> instances; // for finding orphans after a crash
};

struct EndpointState
{
    Endpoint spec; // name, description, tags, auth mode, identity...
    EndpointKeys keys;
    QByteArray tokenSecret; // signs aml_token tokens
    quint16 gatewayPort = 0;
    TrafficMap traffic;
    TrafficMap mirror;
    QString provisioningState = QStringLiteral("Creating");
    QMap<QString, DeploymentState> deployments;
    QList<TrafficChange> history; // newest first
    QString createdAt;
};

struct HostState
{
    static constexpr int FormatVersion = 1;
    QMap<QString, EndpointState> endpoints;
};

namespace StateStore {

// Loads `path`; a missing file is an empty state. A file of a newer format than this host
// knows is refused rather than misread.
Result<HostState> load(const QString &path);

// Writes atomically (temporary file, fsync, rename) with mode 0600.
Status save(const HostState &state, const QString &path);

// Fault-injection seam for tests of "disk full / read-only": when set, save() fails with
// this message and writes nothing. From outside the process (rolloutd under test): while
// the file named by $ROLLOUTDESK_STATE_FAULT_FILE exists, save() fails with the errno named
// in it (ENOSPC, EACCES, EROFS).
void setSaveFault(const QString &message);

} // namespace StateStore

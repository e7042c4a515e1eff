#pragma once

// What the gateway needs to route one endpoint's requests. The host builds a new table for
// every change and hands it over whole, so a request sees either the old or the new table,
// never a mix (read-after-write: the next request after an acknowledged change uses it).

#include "domain.h"

#include <QList>
#include <QMap>
#include <QString>

#include <memory>

struct DeploymentRoute
{
    QString name;
    QList<quint16> readyPorts; // instances on 127.0.0.1 that passed readiness
    QString scorePath = QStringLiteral("/score");
    RequestSettings requestSettings;
    int instanceCount = 1;
};

struct RouteTable
{
    QString endpoint;
    AuthMode authMode = AuthMode::Key;
    EndpointKeys keys; // key mode: either key is accepted
    QByteArray tokenSecret; // aml_token mode: HMAC secret of the tokens the host issued
    TrafficMap traffic;
    TrafficMap mirror;
    QMap<QString, DeploymentRoute> deployments;
};

using RouteTablePtr = std::shared_ptr<const RouteTable>;

#pragma once

// Resources as `az ml ... show` prints them: snake_case keys, YAML-style values.

#include "domain.h"

#include <QJsonObject>
#include <QStringList>

namespace CliView {

// `deployments` are the endpoint's deployment names: as the Azure ML SDK does, traffic
// lists every deployment, 0 where it has none (mirrored ones excepted).
QJsonObject endpoint(const Endpoint &endpoint, const QStringList &deployments);
QJsonObject deployment(const Deployment &deployment, const QJsonObject &armProperties);

} // namespace CliView

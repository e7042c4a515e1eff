#pragma once

// The gateway's decisions as pure functions: who may call, which deployment answers and
// which of its instances takes the request. No sockets and no event loop, so the data path
// can move to other threads and every rule is tested on its own.

#include "routetable.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

class WeightedChoice;

namespace GatewayRouting {

// An answer the gateway gives itself instead of asking a model.
struct Refusal
{
    int status = 0;
    QString message; // the {"message": ...} text: what is wrong and how to fix it
};

// Checks `Authorization: Bearer <key or token>` against the table's auth mode: either key
// (compared in constant time), or an aml_token token valid at `nowSeconds`.
std::optional<Refusal> checkAuthorization(
    const RouteTable &table, QByteArrayView authorization, qint64 nowSeconds);

struct DeploymentChoice
{
    QString deployment; // empty when refused
    std::optional<Refusal> refusal;
    bool byHeader = false; // named by azureml-model-deployment (never mirrored)
};

// The deployment named by the azureml-model-deployment header (even at 0 %), else the next
// pick of `weights` (kept in step with table.traffic by the caller).
DeploymentChoice chooseDeployment(
    const RouteTable &table, QByteArrayView deploymentHeader, WeightedChoice &weights);

// The deployment has no ready instance: 503 naming it.
Refusal noReadyInstance(const RouteTable &table, const QString &deployment);

// The ready instance with the fewest requests in flight; ties go round-robin from `cursor`
// (advanced). `exclude` (an instance that just failed) is skipped. 0 when none is left.
quint16 chooseInstance(const QList<quint16> &ports, const QHash<quint16, int> &inFlight,
    quint32 &cursor, quint16 exclude = 0);

// x-ms-client-request-id as echoed: cut to 40 characters, as Azure does.
QByteArray echoedClientRequestId(QByteArrayView sent);

} // namespace GatewayRouting

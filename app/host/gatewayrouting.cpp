#include "gatewayrouting.h"

#include "httpsyntax.h"
#include "secrets.h"
#include "weightedchoice.h"

#include <QStringList>

namespace GatewayRouting {

namespace {

QString endpointName(const RouteTable &table)
{
    return table.endpoint.isEmpty() ? QStringLiteral("this endpoint")
                                    : QStringLiteral("endpoint '%1'").arg(table.endpoint);
}

// The credentials of "Bearer <credentials>"; a null view when the scheme is another one.
QByteArrayView bearerCredentials(QByteArrayView authorization)
{
    const QByteArrayView value = HttpSyntax::trimOws(authorization);
    constexpr QByteArrayView scheme = "bearer";
    if (value.size() <= scheme.size()
        || !HttpSyntax::equalsIgnoreCase(value.first(scheme.size()), scheme)
        || !HttpSyntax::isOws(value[scheme.size()]))
        return {};
    return HttpSyntax::trimOws(value.sliced(scheme.size()));
}

bool matchesKey(QByteArrayView credentials, const QString &key)
{
    // An unset key never matches, not even an empty credential.
    const QByteArray expected = key.toUtf8();
    return !expected.isEmpty() && Secrets::constantTimeEquals(expected, credentials);
}

} // namespace

std::optional<Refusal> checkAuthorization(
    const RouteTable &table, QByteArrayView authorization, qint64 nowSeconds)
{
    const QString where = endpointName(table);
    if (table.authMode == AuthMode::AadToken)
        return Refusal { 401,
            QStringLiteral("%1 uses aad_token auth, which the local host does not support: "
                           "use auth_mode key or aml_token")
                .arg(where) };

    const bool key = table.authMode == AuthMode::Key;
    const QString how = key
        ? QStringLiteral("send 'Authorization: Bearer <key>' with the primary or secondary key "
                         "of %1 (listKeys, 'az ml online-endpoint get-credentials')")
              .arg(where)
        : QStringLiteral("send 'Authorization: Bearer <token>' with a token of %1 "
                         "(POST .../token, 'az ml online-endpoint get-credentials')")
              .arg(where);
    if (authorization.isEmpty())
        return Refusal { 401, QStringLiteral("The Authorization header is missing: ") + how };
    const QByteArrayView credentials = bearerCredentials(authorization);
    if (credentials.isEmpty())
        return Refusal { 401,
            QStringLiteral("The Authorization header is not a Bearer credential: ") + how };

    if (key) {
        // Both comparisons always run: the time does not tell which key came close.
        const bool primary = matchesKey(credentials, table.keys.primaryKey);
        const bool secondary = matchesKey(credentials, table.keys.secondaryKey);
        if (primary || secondary)
            return std::nullopt;
        return Refusal { 401,
            QStringLiteral("The key in the Authorization header is invalid: ") + how };
    }
    if (Secrets::verifyToken(credentials, table.endpoint, table.tokenSecret, nowSeconds))
        return std::nullopt;
    return Refusal { 401,
        QStringLiteral("The token in the Authorization header is invalid or has expired: ") + how };
}

DeploymentChoice chooseDeployment(
    const RouteTable &table, QByteArrayView deploymentHeader, WeightedChoice &weights)
{
    DeploymentChoice choice;
    const QString named = QString::fromUtf8(HttpSyntax::trimOws(deploymentHeader));
    if (!named.isEmpty()) {
        choice.byHeader = true;
        if (table.deployments.contains(named)) {
            choice.deployment = named;
            return choice;
        }
        // Azure deployment names are case-insensitive (the SDK lower-cases them).
        for (auto it = table.deployments.cbegin(); it != table.deployments.cend(); ++it) {
            if (it.key().compare(named, Qt::CaseInsensitive) == 0) {
                choice.deployment = it.key();
                return choice;
            }
        }
        const QStringList names = table.deployments.keys();
        const QString known
            = names.isEmpty() ? QStringLiteral("none exist yet") : names.join(QStringLiteral(", "));
        choice.refusal = Refusal { 404,
            QStringLiteral("The deployment '%1' named by the azureml-model-deployment "
                           "header was not found in %2; deployments: %3")
                .arg(named, endpointName(table), known) };
        return choice;
    }

    choice.deployment = weights.next();
    if (choice.deployment.isEmpty())
        choice.refusal = Refusal { 404,
            QStringLiteral("No valid deployments to route to. Please check that the "
                           "endpoint has at least one deployment with positive weight "
                           "values or use a deployment specific header to route.") };
    return choice;
}

Refusal noReadyInstance(const RouteTable &table, const QString &deployment)
{
    return Refusal { 503,
        QStringLiteral("The deployment '%1' of %2 has no ready instance: wait until it is ready "
                       "(provisioning state Succeeded), or read its logs (getLogs) to see why it "
                       "is not")
            .arg(deployment, endpointName(table)) };
}

quint16 chooseInstance(const QList<quint16> &ports, const QHash<quint16, int> &inFlight,
    quint32 &cursor, quint16 exclude)
{
    const qsizetype n = ports.size();
    if (n == 0)
        return 0;
    // Start where the last pick left off, so equal loads rotate instead of piling on the first.
    quint16 best = 0;
    int bestLoad = 0;
    qsizetype bestOffset = 0;
    for (qsizetype k = 0; k < n; ++k) {
        const quint16 port = ports.at((cursor + k) % n);
        if (port == 0 || port == exclude)
            continue;
        const int load = inFlight.value(port, 0);
        if (best == 0 || load < bestLoad) {
            best = port;
            bestLoad = load;
            bestOffset = k;
        }
    }
    if (best != 0)
        cursor = quint32((cursor + bestOffset + 1) % n);
    return best;
}

QByteArray echoedClientRequestId(QByteArrayView sent)
{
    return sent.first(std::min<qsizetype>(sent.size(), 40)).toByteArray();
}

} // namespace GatewayRouting

#include "scoringaccess.h"

#include "armjson.h"
#include "workspaceclient.h"

#include <QDateTime>
#include <QTimer>

namespace {
constexpr qint64 KeyCacheMs = 5 * 60 * 1000; // keys may be regenerated elsewhere
}

ScoringAccess::ScoringAccess(WorkspaceClient *client, QObject *parent) : QObject(parent), m_client(client) { }

void ScoringAccess::setClient(WorkspaceClient *client)
{
    m_client = client;
    m_cache.clear();
    ++m_generation;
    const auto waiting = m_waiting.keys();
    for (const QString &endpoint : waiting)
        fetch(endpoint);
}

void ScoringAccess::invalidate(const QString &endpoint)
{
    m_cache.remove(endpoint);
}

void ScoringAccess::resolve(const QString &endpoint, QObject *context, Callback done)
{
    const auto cached = m_cache.constFind(endpoint);
    if (cached != m_cache.constEnd() && cached->validUntilMs > QDateTime::currentMSecsSinceEpoch()) {
        const ScoringTarget target = cached->target;
        QTimer::singleShot(0, context, [done, target]() { done(target); });
        return;
    }
    const bool first = !m_waiting.contains(endpoint);
    m_waiting[endpoint].append(Waiter{ context, std::move(done) });
    if (first)
        fetch(endpoint);
}

void ScoringAccess::fetch(const QString &endpoint)
{
    if (!m_client) {
        QTimer::singleShot(0, this, [this, endpoint]() {
            deliver(endpoint, Error{ QStringLiteral("NoWorkspace"),
                                     tr("No workspace is connected; pick one on the left."), QString(), 0, 0 });
        });
        return;
    }
    const quint64 generation = m_generation;
    ApiReply *reply = m_client->getEndpoint(endpoint);
    connect(reply, &ApiReply::finished, this, [this, endpoint, generation](const ApiResult &result) {
        if (generation != m_generation)
            return;
        if (!result.ok())
            return deliver(endpoint, *result.error);
        Result<Endpoint> parsed = ArmJson::endpointFromJson(result.json);
        if (!parsed)
            return deliver(endpoint, parsed.error());
        ScoringTarget target;
        target.scoringUri = QUrl(parsed->scoringUri);
        target.authMode = parsed->authMode;
        if (parsed->scoringUri.isEmpty() || !target.scoringUri.isValid())
            return deliver(endpoint, Error{ QStringLiteral("NoScoringUri"),
                                            tr("The endpoint '%1' has no scoring URI yet; wait until it is provisioned.")
                                                .arg(endpoint),
                                            QStringLiteral("scoringUri"), 0, 0 });
        fetchCredential(endpoint, target, generation);
    });
}

void ScoringAccess::fetchCredential(const QString &endpoint, ScoringTarget target, quint64 generation)
{
    if (target.authMode == AuthMode::AadToken) {
        deliver(endpoint, Error{ QStringLiteral("AuthModeUnsupported"),
                                 tr("The endpoint '%1' uses aad_token authentication, for which RolloutDesk cannot "
                                    "get a token; use key or aml_token auth to test it here.")
                                     .arg(endpoint),
                                 QStringLiteral("auth_mode"), 0, 0 });
        return;
    }
    const bool key = target.authMode == AuthMode::Key;
    ApiReply *reply = key ? m_client->listKeys(endpoint) : m_client->getToken(endpoint);
    connect(reply, &ApiReply::finished, this, [this, endpoint, target, key, generation](const ApiResult &result) mutable {
        if (generation != m_generation)
            return;
        if (!result.ok())
            return deliver(endpoint, *result.error);
        qint64 validUntil = QDateTime::currentMSecsSinceEpoch() + KeyCacheMs;
        if (key) {
            Result<EndpointKeys> keys = ArmJson::keysFromJson(result.json);
            if (!keys)
                return deliver(endpoint, keys.error());
            target.credential = keys->primaryKey;
        } else {
            Result<AccessToken> token = ArmJson::tokenFromJson(result.json);
            if (!token)
                return deliver(endpoint, token.error());
            target.credential = token->accessToken;
            if (token->refreshAfterTimeUtc > 0)
                validUntil = std::min(validUntil, token->refreshAfterTimeUtc * 1000);
        }
        m_cache.insert(endpoint, Entry{ target, validUntil });
        deliver(endpoint, target);
    });
}

void ScoringAccess::deliver(const QString &endpoint, const Result<ScoringTarget> &result)
{
    const QList<Waiter> waiting = m_waiting.take(endpoint);
    for (const Waiter &waiter : waiting) {
        if (waiter.context)
            waiter.done(result);
    }
}

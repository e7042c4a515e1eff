#include "tokencredential.h"

#include <QTimer>

void TokenReply::finish(const Result<BearerToken> &result)
{
    if (m_result)
        return;
    m_result = result;
    emit finished();
    deleteLater();
}

TokenCredential::TokenCredential(QObject *parent)
    : QObject(parent)
{ }

bool TokenCredential::hasFreshToken() const
{
    return m_cached
        && QDateTime::currentDateTimeUtc().secsTo(m_cached->expiresOn) > RefreshMarginSecs;
}

void TokenCredential::clearCache() { m_cached.reset(); }

TokenReply *TokenCredential::getToken()
{
    auto *reply = new TokenReply(this);
    if (hasFreshToken()) {
        const BearerToken token = *m_cached;
        // Finished on the next turn of the event loop, so callers connect first.
        QTimer::singleShot(0, reply, [reply, token]() { reply->finish(token); });
        return reply;
    }
    m_waiting.append(reply);
    if (!m_fetching) {
        m_fetching = true;
        // Queued: a credential that answers at once still answers after the caller connected.
        QTimer::singleShot(0, this, [this]() { fetch(); });
    }
    return reply;
}

void TokenCredential::fetchFinished(const Result<BearerToken> &result)
{
    m_fetching = false;
    if (result)
        m_cached = result.value();
    const QList<QPointer<TokenReply>> waiting = std::exchange(m_waiting, {});
    for (const QPointer<TokenReply> &reply : waiting) {
        if (reply)
            reply->finish(result);
    }
}

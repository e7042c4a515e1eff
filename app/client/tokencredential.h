#pragma once

// Entra ID access tokens for ARM, as azure-identity gets them: each credential fetches a
// token its own way; this base class caches it in memory only (never in settings, files or
// logs), hands it out until shortly before it expires, then fetches a fresh one, and
// shares one fetch between callers that ask at the same time.

#include "result.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <optional>

struct BearerToken
{
    QString token; // secret: never logged
    QDateTime expiresOn; // UTC
};

// One request for a token: finished() once, then deletes itself later.
class TokenReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenReply)
public:
    explicit TokenReply(QObject *parent = nullptr)
        : QObject(parent)
    { }

    void finish(const Result<BearerToken> &result);
    bool isFinished() const { return m_result.has_value(); }
    const Result<BearerToken> &result() const { return *m_result; }

signals:
    void finished();

private:
    std::optional<Result<BearerToken>> m_result;
};

class TokenCredential : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenCredential)
public:
    // A cached token is renewed when less than this is left (azure-identity: 5 minutes).
    static constexpr int RefreshMarginSecs = 300;
    // Error code of a credential that cannot be used here (no variables, no `az`): a chain
    // moves on to the next one. Any other error stops the chain, as in azure-identity.
    static constexpr char Unavailable[] = "CredentialUnavailable";

    explicit TokenCredential(QObject *parent = nullptr);

    virtual QString name() const = 0;

    // The cached token while it is fresh, else a fetch (shared with callers waiting).
    TokenReply *getToken();
    bool hasFreshToken() const;
    void clearCache(); // after a 401: the token was revoked

protected:
    // Fetch a token and call fetchFinished() once, later or at once.
    virtual void fetch() = 0;
    void fetchFinished(const Result<BearerToken> &result);

private:
    std::optional<BearerToken> m_cached;
    QList<QPointer<TokenReply>> m_waiting;
    bool m_fetching = false;
};

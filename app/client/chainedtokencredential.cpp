#include "chainedtokencredential.h"

ChainedTokenCredential::ChainedTokenCredential(
    const QList<TokenCredential *> &credentials, QObject *parent)
    : TokenCredential(parent)
    , m_credentials(credentials)
{
    for (TokenCredential *credential : credentials)
        credential->setParent(this);
}

void ChainedTokenCredential::fetch()
{
    if (m_selected) {
        TokenReply *reply = m_selected->getToken();
        connect(reply, &TokenReply::finished, this,
            [this, reply]() { fetchFinished(reply->result()); });
        return;
    }
    tryFrom(0, {});
}

void ChainedTokenCredential::tryFrom(int index, QStringList failures)
{
    if (index >= m_credentials.size()) {
        fetchFinished(Error { QLatin1String(Unavailable),
            QStringLiteral("No credential could sign in to Azure. %1 Set AZURE_TENANT_ID, "
                           "AZURE_CLIENT_ID and AZURE_CLIENT_SECRET for a service principal, "
                           "or run `az login`.")
                .arg(failures.join(QLatin1Char(' '))),
            QString(), 0, 0 });
        return;
    }
    TokenCredential *credential = m_credentials.at(index);
    TokenReply *reply = credential->getToken();
    connect(reply, &TokenReply::finished, this, [this, reply, credential, index, failures]() {
        const Result<BearerToken> &result = reply->result();
        if (result) {
            m_selected = credential;
            fetchFinished(result);
            return;
        }
        if (result.error().code != QLatin1String(Unavailable)) {
            fetchFinished(result);
            return;
        }
        tryFrom(index + 1, failures + QStringList { result.error().message });
    });
}

#pragma once

// Tries credentials in order, first that works, as azure-identity's DefaultAzureCredential:
// one that is unavailable here (no variables, no `az`) passes to the next; one that fails
// for real stops the chain with its error. The one that worked is used from then on.

#include "tokencredential.h"

class ChainedTokenCredential final : public TokenCredential
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChainedTokenCredential)
public:
    // Takes ownership of the credentials.
    explicit ChainedTokenCredential(
        const QList<TokenCredential *> &credentials, QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("ChainedTokenCredential"); }
    // The credential that gave the last token, or nullptr.
    TokenCredential *selected() const { return m_selected; }

protected:
    void fetch() override;

private:
    void tryFrom(int index, QStringList failures);

    QList<TokenCredential *> m_credentials;
    TokenCredential *m_selected = nullptr;
};

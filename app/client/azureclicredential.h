#pragma once

// The token of the user signed in to the Azure CLI, as azure-identity's AzureCliCredential:
// `az account get-access-token --resource <ARM>/ -o json`. Unavailable (the chain moves on)
// when `az` is not on PATH or nobody ran `az login`.

#include "tokencredential.h"

class QProcess;

class AzureCliCredential final : public TokenCredential
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AzureCliCredential)
public:
    // `program` empty: `az` on PATH.
    AzureCliCredential(const QString &resource, const QString &tenant = QString(),
        const QString &program = QString(), QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("AzureCliCredential"); }

    // The JSON `az account get-access-token` prints: accessToken with expires_on (epoch
    // seconds, az >= 2.54) or expiresOn (local time "YYYY-MM-DD hh:mm:ss.ffffff").
    static Result<BearerToken> tokenFromOutput(const QByteArray &output);

protected:
    void fetch() override;

private:
    QString m_resource;
    QString m_tenant;
    QString m_program;
    QProcess *m_process = nullptr;
};

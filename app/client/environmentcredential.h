#pragma once

// A service principal from the environment, as azure-identity's EnvironmentCredential:
// AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, exchanged for a token with the
// OAuth2 client-credentials grant at {authority}/{tenant}/oauth2/v2.0/token.

#include "tokencredential.h"

#include <QProcessEnvironment>

class QNetworkAccessManager;

class EnvironmentCredential final : public TokenCredential
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentCredential)
public:
    EnvironmentCredential(const QString &authorityBaseUrl, const QString &scope,
        const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment(),
        QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("EnvironmentCredential"); }

protected:
    void fetch() override;

private:
    QString m_authority;
    QString m_scope;
    QString m_tenant;
    QString m_clientId;
    QString m_secret;
    QNetworkAccessManager *m_network;
};

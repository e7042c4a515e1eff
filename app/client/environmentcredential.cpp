#include "environmentcredential.h"

#include "oauth2.h"

#include <QNetworkAccessManager>

EnvironmentCredential::EnvironmentCredential(const QString &authorityBaseUrl, const QString &scope,
    const QProcessEnvironment &environment, QObject *parent)
    : TokenCredential(parent)
    , m_authority(authorityBaseUrl)
    , m_scope(scope)
    , m_tenant(environment.value(QStringLiteral("AZURE_TENANT_ID")))
    , m_clientId(environment.value(QStringLiteral("AZURE_CLIENT_ID")))
    , m_secret(environment.value(QStringLiteral("AZURE_CLIENT_SECRET")))
    , m_network(new QNetworkAccessManager(this))
{
    OAuth2::configureProxy(m_network, m_authority);
}

void EnvironmentCredential::fetch()
{
    QStringList missing;
    if (m_tenant.isEmpty())
        missing << QStringLiteral("AZURE_TENANT_ID");
    if (m_clientId.isEmpty())
        missing << QStringLiteral("AZURE_CLIENT_ID");
    if (m_secret.isEmpty())
        missing << QStringLiteral("AZURE_CLIENT_SECRET");
    if (!missing.isEmpty()) {
        fetchFinished(Error { QLatin1String(Unavailable),
            QStringLiteral("%1: %2 not set (a service principal needs AZURE_TENANT_ID, "
                           "AZURE_CLIENT_ID and AZURE_CLIENT_SECRET).")
                .arg(name(), missing.join(QStringLiteral(", "))),
            QString(), 0, 0 });
        return;
    }
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("client_credentials"));
    form.addQueryItem(QStringLiteral("client_id"), m_clientId);
    form.addQueryItem(QStringLiteral("client_secret"), m_secret);
    form.addQueryItem(QStringLiteral("scope"), m_scope);
    OAuth2::post(m_network, OAuth2::tokenUrl(m_authority, m_tenant), form, this,
        [this](const OAuth2::Answer &answer) {
            fetchFinished(OAuth2::tokenFromAnswer(
                answer, QStringLiteral("%1 (client %2)").arg(name(), m_clientId)));
        });
}

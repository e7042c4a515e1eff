#include "azuresignin.h"

#include "azureclicredential.h"
#include "chainedtokencredential.h"
#include "devicecodecredential.h"
#include "environmentcredential.h"

#include <QJsonDocument>
#include <QJsonObject>

AzureSignIn::AzureSignIn(const WorkspaceProfile &profile, QObject *parent)
    : QObject(parent)
{
    m_device = new DeviceCodeCredential(
        profile.authorityBaseUrl(), profile.tenantId, profile.armScope());
    m_chain = new ChainedTokenCredential(
        { new EnvironmentCredential(profile.authorityBaseUrl(), profile.armScope()),
            new AzureCliCredential(profile.armResource(), profile.tenantId), m_device },
        this);
    connect(m_device, &DeviceCodeCredential::userCodeReceived, this,
        [this](const QString &code, const QString &uri, const QString &) {
            setState(State::SigningIn, tr("Signing in: enter the code %1 at %2").arg(code, uri));
            emit userCodeReceived(code, uri);
        });
    m_text = tr("Signing in…");
}

TokenCredential *AzureSignIn::credential() const { return m_chain; }

void AzureSignIn::start()
{
    setState(State::SigningIn, tr("Signing in…"));
    TokenReply *reply = m_chain->getToken();
    connect(reply, &TokenReply::finished, this, [this, reply]() {
        const Result<BearerToken> &result = reply->result();
        if (!result) {
            setState(State::Failed, tr("Sign-in failed: %1").arg(result.error().message));
            return;
        }
        QString account = accountOf(result.value().token);
        if (account.isEmpty() && m_chain->selected())
            account = m_chain->selected()->name();
        setState(State::SignedIn, tr("Signed in as %1").arg(account));
    });
}

void AzureSignIn::cancel()
{
    if (m_device)
        m_device->cancel();
}

QString AzureSignIn::accountOf(const QString &token)
{
    const QStringList parts = token.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return QString();
    const QJsonObject claims = QJsonDocument::fromJson(
        QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding))
                                   .object();
    for (const char *claim : { "upn", "unique_name", "preferred_username", "email", "appid" }) {
        const QString value = claims.value(QLatin1String(claim)).toString();
        if (!value.isEmpty())
            return value;
    }
    return QString();
}

void AzureSignIn::setState(State state, const QString &text)
{
    m_state = state;
    m_text = text;
    emit stateChanged(state, text);
}

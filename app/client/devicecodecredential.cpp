#include "devicecodecredential.h"

#include "oauth2.h"

#include <QNetworkAccessManager>
#include <QTimer>

namespace {

constexpr char DeviceCodeGrant[] = "urn:ietf:params:oauth:grant-type:device_code";
constexpr int SlowDownStepSecs = 5; // RFC 8628 §3.5

} // namespace

DeviceCodeCredential::DeviceCodeCredential(
    const QString &authorityBaseUrl, const QString &tenant, const QString &scope, QObject *parent)
    : TokenCredential(parent)
    , m_authority(authorityBaseUrl)
    , m_tenant(tenant)
    , m_scope(scope)
    , m_network(new QNetworkAccessManager(this))
    , m_pollTimer(new QTimer(this))
{
    OAuth2::configureProxy(m_network, m_authority);
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, [this]() { poll(); });
}

void DeviceCodeCredential::fetch()
{
    if (m_refreshToken.isEmpty()) {
        startDeviceFlow();
        return;
    }
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("client_id"), m_clientId);
    form.addQueryItem(QStringLiteral("refresh_token"), m_refreshToken);
    form.addQueryItem(QStringLiteral("scope"), m_scope + QStringLiteral(" offline_access"));
    OAuth2::post(m_network, OAuth2::tokenUrl(m_authority, m_tenant), form, this,
        [this](const OAuth2::Answer &answer) {
            Result<BearerToken> token = OAuth2::tokenFromAnswer(answer, name());
            if (!token) {
                // The refresh token expired or was revoked: ask the user again.
                m_refreshToken.clear();
                startDeviceFlow();
                return;
            }
            finishWith(token);
            const QString refresh = answer.json.value(QStringLiteral("refresh_token")).toString();
            if (!refresh.isEmpty())
                m_refreshToken = refresh;
        });
}

void DeviceCodeCredential::startDeviceFlow()
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), m_clientId);
    form.addQueryItem(QStringLiteral("scope"), m_scope + QStringLiteral(" offline_access"));
    OAuth2::post(m_network, OAuth2::deviceCodeUrl(m_authority, m_tenant), form, this,
        [this](const OAuth2::Answer &answer) {
            const QString deviceCode = answer.json.value(QStringLiteral("device_code")).toString();
            const QString userCode = answer.json.value(QStringLiteral("user_code")).toString();
            const QString uri = answer.json.value(QStringLiteral("verification_uri")).toString();
            if (answer.httpStatus != 200 || deviceCode.isEmpty() || userCode.isEmpty()) {
                Result<BearerToken> failed = OAuth2::tokenFromAnswer(answer, name());
                finishWith(
                    failed ? Result<BearerToken>(Error { QStringLiteral("AuthenticationFailed"),
                        QStringLiteral("%1: the sign-in service gave no device code.").arg(name()),
                        QString(), 0, 0 })
                           : failed);
                return;
            }
            m_deviceCode = deviceCode;
            m_intervalSecs = std::max(0, answer.json.value(QStringLiteral("interval")).toInt(5));
            m_expiresInMs
                = qint64(answer.json.value(QStringLiteral("expires_in")).toInt(900)) * m_secondMs;
            m_started.start();
            emit userCodeReceived(
                userCode, uri, answer.json.value(QStringLiteral("message")).toString());
            schedulePoll();
        });
}

void DeviceCodeCredential::schedulePoll() { m_pollTimer->start(m_intervalSecs * m_secondMs); }

void DeviceCodeCredential::poll()
{
    if (m_deviceCode.isEmpty())
        return; // cancelled
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("grant_type"), QLatin1String(DeviceCodeGrant));
    form.addQueryItem(QStringLiteral("client_id"), m_clientId);
    form.addQueryItem(QStringLiteral("device_code"), m_deviceCode);
    const QString sent = m_deviceCode;
    OAuth2::post(m_network, OAuth2::tokenUrl(m_authority, m_tenant), form, this,
        [this, sent](const OAuth2::Answer &answer) {
            if (m_deviceCode != sent)
                return; // cancelled (or a new sign-in) meanwhile
            const bool expired = answer.error == QLatin1String("expired_token")
                || (m_started.elapsed() > m_expiresInMs && answer.httpStatus != 200);
            if (expired) {
                finishWith(Error { QStringLiteral("AuthenticationFailed"),
                    QStringLiteral("%1: the code expired before sign-in was completed; sign in "
                                   "again and enter the new code.")
                        .arg(name()),
                    QString(), 0, 0 });
                return;
            }
            if (answer.error == QLatin1String("authorization_pending")) {
                schedulePoll();
                return;
            }
            if (answer.error == QLatin1String("slow_down")) {
                m_intervalSecs += SlowDownStepSecs;
                schedulePoll();
                return;
            }
            if (answer.error == QLatin1String("authorization_declined")) {
                finishWith(Error { QStringLiteral("AuthenticationFailed"),
                    QStringLiteral("%1: sign-in was declined.").arg(name()), QString(), 0, 0 });
                return;
            }
            const Result<BearerToken> token = OAuth2::tokenFromAnswer(answer, name());
            if (token)
                m_refreshToken = answer.json.value(QStringLiteral("refresh_token")).toString();
            finishWith(token);
        });
}

void DeviceCodeCredential::cancel()
{
    if (m_deviceCode.isEmpty())
        return;
    finishWith(Error { QStringLiteral("AuthenticationCancelled"),
        QStringLiteral("%1: sign-in was cancelled.").arg(name()), QString(), 0, 0 });
}

void DeviceCodeCredential::finishWith(const Result<BearerToken> &result)
{
    m_deviceCode.clear();
    m_pollTimer->stop();
    fetchFinished(result);
}

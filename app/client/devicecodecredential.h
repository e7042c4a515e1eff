#pragma once

// Interactive sign-in for the app, as azure-identity's DeviceCodeCredential: the devicecode
// endpoint gives a user code and a URL (signalled for the UI to show), then the token
// endpoint is polled at the given interval, waiting on authorization_pending, slowing down
// on slow_down and giving up on expired_token. The refresh token it receives is kept in
// memory and used to renew the access token without asking the user again.

#include "tokencredential.h"

#include <QElapsedTimer>

class QNetworkAccessManager;
class QTimer;

class DeviceCodeCredential final : public TokenCredential
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeviceCodeCredential)
public:
    // The Azure CLI's public client, as azure-identity uses for developer sign-in.
    static constexpr char DefaultClientId[] = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

    DeviceCodeCredential(const QString &authorityBaseUrl, const QString &tenant,
        const QString &scope, QObject *parent = nullptr);

    QString name() const override { return QStringLiteral("DeviceCodeCredential"); }

    void setClientId(const QString &clientId) { m_clientId = clientId; }
    // Length of the server's "second" (interval, slow_down step); tests shorten it.
    void setSecondMs(int ms) { m_secondMs = ms; }
    // Stops a sign-in that is waiting for the user: the waiting callers get an error.
    void cancel();
    bool isWaitingForUser() const { return !m_deviceCode.isEmpty(); }

signals:
    // Show these to the user: open `verificationUri` and enter `userCode`.
    void userCodeReceived(
        const QString &userCode, const QString &verificationUri, const QString &message);

protected:
    void fetch() override;

private:
    void startDeviceFlow();
    void schedulePoll();
    void poll();
    void finishWith(const Result<BearerToken> &result);

    QString m_authority;
    QString m_tenant;
    QString m_scope;
    QString m_clientId = QLatin1String(DefaultClientId);
    QString m_refreshToken; // secret, memory only
    QString m_deviceCode;
    int m_intervalSecs = 5;
    int m_secondMs = 1000;
    qint64 m_expiresInMs = 0;
    QElapsedTimer m_started;
    QNetworkAccessManager *m_network;
    QTimer *m_pollTimer;
};

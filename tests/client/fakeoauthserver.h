#pragma once

// A local OAuth2 token endpoint for credential tests, in the shapes Entra ID answers:
// POST /{tenant}/oauth2/v2.0/token (client_credentials, device_code, refresh_token grants)
// and /{tenant}/oauth2/v2.0/devicecode. Device-code polls follow a script of answers
// ("authorization_pending", "slow_down", "expired_token", "ok"). Built on FakeHttpServer.

#include "ui/fakehttpserver.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>

class FakeOAuthServer
{
public:
    QString tenant = QStringLiteral("tenant-1");
    QString clientId = QStringLiteral("client-1");
    QString clientSecret = QStringLiteral("s3cr+t&=/x y");
    QString accessToken = QStringLiteral("at-0123456789-secret");
    int expiresIn = 3600;
    int interval = 1;
    QStringList devicePolls; // answers to successive device_code polls; "ok" issues a token
    QList<qint64> devicePollTimesMs; // when each device_code poll arrived
    int issued = 0; // tokens handed out
    QStringList grants; // grant_type of every token request, in order

    FakeOAuthServer()
    {
        m_clock.start();
        m_http.handler = [this](const FakeHttpServer::Request &r) { return answer(r); };
    }

    bool listen() { return m_http.listen(); }
    QString authority() const { return m_http.url(QString()); }
    FakeHttpServer &http() { return m_http; }

    // A form decoder as servers have it: '+' is a space, then %XX.
    static QMap<QString, QString> form(const QByteArray &body)
    {
        QMap<QString, QString> values;
        for (const QByteArray &pair : body.split('&')) {
            const qsizetype eq = pair.indexOf('=');
            auto decode
                = [](QByteArray part) { return QUrl::fromPercentEncoding(part.replace('+', ' ')); };
            values.insert(decode(pair.left(eq)), decode(pair.mid(eq + 1)));
        }
        return values;
    }

private:
    static FakeHttpServer::Answer json(int status, const QJsonObject &body)
    {
        FakeHttpServer::Answer a;
        a.status = status;
        a.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return a;
    }
    static FakeHttpServer::Answer oauthError(const QString &error, const QString &description)
    {
        return json(400,
            { { QStringLiteral("error"), error },
                { QStringLiteral("error_description"),
                    QString(
                        description + QStringLiteral("\r\nTrace ID: 1\r\nCorrelation ID: 2")) } });
    }
    FakeHttpServer::Answer token()
    {
        ++issued;
        return json(200,
            { { QStringLiteral("token_type"), QStringLiteral("Bearer") },
                { QStringLiteral("expires_in"), expiresIn },
                { QStringLiteral("access_token"), accessToken },
                { QStringLiteral("refresh_token"), QStringLiteral("rt-%1").arg(issued) } });
    }

    std::optional<FakeHttpServer::Answer> answer(const FakeHttpServer::Request &r)
    {
        const QString prefix = QLatin1Char('/') + tenant + QStringLiteral("/oauth2/v2.0/");
        const QString path = QString::fromUtf8(r.target);
        const QMap<QString, QString> f = form(r.body);
        if (r.method != "POST" || !path.startsWith(prefix))
            return oauthError(QStringLiteral("invalid_request"),
                QStringLiteral("AADSTS900144: wrong path ") + path);
        if (path == prefix + QStringLiteral("devicecode")) {
            return json(200,
                { { QStringLiteral("device_code"), QStringLiteral("dc-1") },
                    { QStringLiteral("user_code"), QStringLiteral("ABCD-EFGH") },
                    { QStringLiteral("verification_uri"),
                        QStringLiteral("https://microsoft.com/devicelogin") },
                    { QStringLiteral("expires_in"), 900 }, { QStringLiteral("interval"), interval },
                    { QStringLiteral("message"),
                        QStringLiteral(
                            "To sign in, use a web browser to open the page "
                            "https://microsoft.com/devicelogin and enter the code ABCD-EFGH.") } });
        }
        const QString grant = f.value(QStringLiteral("grant_type"));
        grants << grant;
        if (grant == QLatin1String("client_credentials")) {
            if (f.value(QStringLiteral("client_id")) != clientId
                || f.value(QStringLiteral("client_secret")) != clientSecret)
                return oauthError(QStringLiteral("invalid_client"),
                    QStringLiteral("AADSTS7000215: Invalid client secret provided."));
            return token();
        }
        if (grant == QLatin1String("urn:ietf:params:oauth:grant-type:device_code")) {
            devicePollTimesMs << m_clock.elapsed();
            const QString next
                = devicePolls.isEmpty() ? QStringLiteral("ok") : devicePolls.takeFirst();
            if (next == QLatin1String("ok"))
                return token();
            return oauthError(next, QStringLiteral("AADSTS70016: ") + next);
        }
        if (grant == QLatin1String("refresh_token")) {
            if (f.value(QStringLiteral("refresh_token")) != QStringLiteral("rt-%1").arg(issued))
                return oauthError(
                    QStringLiteral("invalid_grant"), QStringLiteral("AADSTS700082: expired"));
            return token();
        }
        return oauthError(QStringLiteral("unsupported_grant_type"), grant);
    }

    FakeHttpServer m_http;
    QElapsedTimer m_clock;
};

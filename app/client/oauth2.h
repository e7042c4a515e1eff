#pragma once

// The OAuth2 calls to Entra ID (login.microsoftonline.com or a sovereign cloud's authority)
// that the credentials share: a form POST to the token or devicecode endpoint and the
// reading of its answer. Secrets in the form or the answer never reach an error message.

#include "tokencredential.h"

#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>
#include <functional>

class QNetworkAccessManager;

namespace OAuth2 {

struct Answer
{
    int httpStatus = 0; // 0: no answer (the message says why)
    QJsonObject json;
    QString error; // "authorization_pending", "invalid_client", ...
    QString description; // error_description's first line
    QString networkError;
};

// {authority}/{tenant}/oauth2/v2.0/token and .../devicecode
QUrl tokenUrl(const QString &authorityBaseUrl, const QString &tenant);
QUrl deviceCodeUrl(const QString &authorityBaseUrl, const QString &tenant);

// POSTs the form (application/x-www-form-urlencoded); `done` runs with the answer unless
// `context` is gone.
void post(QNetworkAccessManager *network, const QUrl &url, const QUrlQuery &form, QObject *context,
    std::function<void(const Answer &)> done);

// The token in a successful answer, else an error naming `who` and the server's reason.
Result<BearerToken> tokenFromAnswer(const Answer &answer, const QString &who);

// Loopback needs no proxy; anything else goes through the system's proxy settings
// (http_proxy/https_proxy/no_proxy, or the desktop's), as azure-identity does.
void configureProxy(QNetworkAccessManager *network, const QString &baseUrl);

} // namespace OAuth2

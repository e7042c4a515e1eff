#include "oauth2.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace OAuth2 {

namespace {

QUrl endpointUrl(const QString &authorityBaseUrl, const QString &tenant, const char *leaf)
{
    const QString t = tenant.isEmpty() ? QStringLiteral("organizations") : tenant;
    return QUrl(authorityBaseUrl + QLatin1Char('/') + t + QStringLiteral("/oauth2/v2.0/")
        + QLatin1String(leaf));
}

} // namespace

QUrl tokenUrl(const QString &authorityBaseUrl, const QString &tenant)
{
    return endpointUrl(authorityBaseUrl, tenant, "token");
}

QUrl deviceCodeUrl(const QString &authorityBaseUrl, const QString &tenant)
{
    return endpointUrl(authorityBaseUrl, tenant, "devicecode");
}

namespace {

// Per network manager, so the setting does not leak into the rest of the program.
class SystemProxyFactory final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return systemProxyForQuery(query);
    }
};

} // namespace

void configureProxy(QNetworkAccessManager *network, const QString &baseUrl)
{
    const QString host = QUrl(baseUrl).host();
    if (host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost"))
        network->setProxy(QNetworkProxy::NoProxy);
    else
        network->setProxyFactory(new SystemProxyFactory);
}

void post(QNetworkAccessManager *network, const QUrl &url, const QUrlQuery &form, QObject *context,
    std::function<void(const Answer &)> done)
{
    QNetworkRequest request(url);
    request.setHeader(
        QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
    request.setTransferTimeout(60000);
    // Each name and value percent-encoded in full: QUrlQuery leaves '+' as is, which a form
    // decoder reads as a space (a client secret may contain '+').
    QByteArray body;
    for (const auto &[name, value] : form.queryItems(QUrl::FullyDecoded)) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    QNetworkReply *reply = network->post(request, body);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)]() {
        reply->deleteLater();
        Answer answer;
        answer.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonDocument doc = QJsonDocument::fromJson(reply->readAll());
        answer.json = doc.object();
        answer.error = answer.json.value(QStringLiteral("error")).toString();
        answer.description = answer.json.value(QStringLiteral("error_description"))
                                 .toString()
                                 .section(QLatin1Char('\n'), 0, 0)
                                 .trimmed();
        if (answer.httpStatus == 0)
            answer.networkError = reply->errorString();
        done(answer);
    });
}

Result<BearerToken> tokenFromAnswer(const Answer &answer, const QString &who)
{
    if (answer.httpStatus == 0) {
        return Error { QStringLiteral("AuthenticationFailed"),
            QStringLiteral("%1: cannot reach the sign-in service: %2")
                .arg(who, answer.networkError),
            QString(), 0, 0 };
    }
    const QString token = answer.json.value(QStringLiteral("access_token")).toString();
    if (answer.httpStatus != 200 || token.isEmpty()) {
        const QString reason = answer.error.isEmpty()
            ? QStringLiteral("HTTP %1 without a token").arg(answer.httpStatus)
            : (answer.description.isEmpty()
                    ? answer.error
                    : answer.error + QStringLiteral(": ") + answer.description);
        return Error { QStringLiteral("AuthenticationFailed"),
            QStringLiteral("%1: sign-in failed (%2).").arg(who, reason), QString(), 0, 0 };
    }
    // expires_in is a number of seconds; some servers send it as a string.
    const QJsonValue expires = answer.json.value(QStringLiteral("expires_in"));
    const qint64 seconds
        = expires.isString() ? expires.toString().toLongLong() : expires.toInteger(3600);
    return BearerToken { token,
        QDateTime::currentDateTimeUtc().addSecs(std::max<qint64>(seconds, 0)) };
}

} // namespace OAuth2

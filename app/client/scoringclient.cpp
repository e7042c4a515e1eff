#include "scoringclient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QNetworkReply>

ScoringClient::ScoringClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{ }

ApiReply *ScoringClient::score(const QUrl &scoringUri, const QString &credential,
    const QByteArray &body, const QString &deployment)
{
    auto *reply = new ApiReply(this);
    QNetworkRequest request(scoringUri);
    if (scoringUri.host() == QLatin1String("127.0.0.1"))
        m_network->setProxy(QNetworkProxy::NoProxy);
    request.setRawHeader("Authorization", "Bearer " + credential.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    if (!deployment.isEmpty())
        request.setRawHeader("azureml-model-deployment", deployment.toUtf8());
    request.setTransferTimeout(300000);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QNetworkReply *network = m_network->post(request, body);
    connect(network, &QNetworkReply::finished, reply, [reply, network, timer, scoringUri]() {
        network->deleteLater();
        ApiResult result;
        result.latencyMs = double(timer->nsecsElapsed()) / 1e6;
        result.httpStatus = network->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = network->readAll();
        for (const auto &pair : network->rawHeaderPairs())
            result.headers.append(pair);
        const QJsonDocument doc = QJsonDocument::fromJson(result.body);
        if (doc.isObject())
            result.json = doc.object();
        if (result.httpStatus == 0) {
            result.error = Error { QStringLiteral("ConnectionFailed"),
                QStringLiteral("Cannot reach the scoring URI %1: %2")
                    .arg(scoringUri.toString(), network->errorString()),
                QString(), 0, 0 };
        } else if (result.httpStatus < 200 || result.httpStatus >= 300) {
            QString detail = result.json.value(QStringLiteral("message")).toString();
            if (detail.isEmpty())
                detail = QString::fromUtf8(result.body.left(1000));
            result.error = Error { QStringLiteral("ScoringFailed"),
                QStringLiteral("The endpoint answered HTTP %1: %2")
                    .arg(result.httpStatus)
                    .arg(detail),
                QString(), 0, 0 };
        }
        reply->finish(result);
    });
    return reply;
}

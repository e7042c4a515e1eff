#pragma once

// Sends scoring requests to an endpoint's scoring URI: the key or token as bearer, and
// azureml-model-deployment to aim at one deployment. The same for local and Azure.

#include "apireply.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

class ScoringClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScoringClient)
public:
    explicit ScoringClient(QObject *parent = nullptr);

    // `deployment` empty: the endpoint's traffic rules decide. The reply's result carries
    // the status, body, headers and latency; a non-2xx answer sets its error.
    ApiReply *score(const QUrl &scoringUri, const QString &credential, const QByteArray &body,
        const QString &deployment = QString());

private:
    QNetworkAccessManager *m_network;
};

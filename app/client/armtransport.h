#pragma once

// The HTTP side of WorkspaceClient, the same for the local host and Azure Resource
// Manager: the Bearer token (fixed, or from a TokenCredential and renewed before it
// expires), retries with backoff on 429/5xx for idempotent calls (honouring Retry-After),
// the ARM error envelope turned into an Error, and lists followed through nextLink.
// The Authorization header is never traced.

#include "apireply.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class TokenCredential;

class ArmTransport final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArmTransport)
public:
    static constexpr int MaxRetries = 4;
    static constexpr int MaxRetryDelayMs = 60000;
    static constexpr int MaxPages = 1000;

    explicit ArmTransport(QNetworkAccessManager *network, QObject *parent = nullptr);

    QString bearerToken; // used when no credential is set (the local host's token)
    QString userAgent;
    QPointer<TokenCredential> credential;
    std::function<void(const QString &line)> traceHook;
    int baseRetryDelayMs = 1000; // doubled per retry when the answer has no Retry-After

    ApiReply *send(const QByteArray &method, const QUrl &url,
        const std::optional<QJsonObject> &body = std::nullopt);
    // One GET, no retries: for pollers, which ask again anyway and must show a failure
    // when it happens rather than up to 15 s of backoff later.
    ApiReply *poll(const QUrl &url);
    // GET that follows nextLink (each page's link as given, api-version included) and
    // finishes with {"value": [every page's items]}.
    ApiReply *sendPaged(const QUrl &url);

    static bool isIdempotent(const QByteArray &method);
    static bool isRetryable(int httpStatus);
    // Retry-After in seconds (or an HTTP date), else `fallbackMs`; capped.
    static int retryDelayMs(const ApiResult &result, int fallbackMs);

private:
    void attempt(ApiReply *reply, const QByteArray &method, const QUrl &url,
        const QByteArray &payload, bool hasBody, int retry, bool renewed);
    void dispatch(ApiReply *reply, const QByteArray &method, const QUrl &url,
        const QByteArray &payload, bool hasBody, int retry, bool renewed, const QString &token);
    void nextPage(ApiReply *reply, const QUrl &url, QJsonArray items, int page);
    void trace(const QString &line) const;

    QNetworkAccessManager *m_network;
};

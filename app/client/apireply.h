#pragma once

// One call to a workspace: a single finished() signal carrying an ApiResult with the HTTP
// status, body, headers, latency and, when it failed, an Error in the server's words.

#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>

struct ApiResult
{
    int httpStatus = 0; // 0 when no answer came (connection refused, timeout)
    QByteArray body;
    QJsonObject json; // the body when it is a JSON object
    QList<QPair<QByteArray, QByteArray>> headers;
    double latencyMs = 0;
    std::optional<Error> error; // set when the call failed, with the server's message

    bool ok() const { return !error.has_value(); }
    QByteArray header(const QByteArray &name) const;
};

Q_DECLARE_METATYPE(ApiResult)

class ApiReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiReply)
public:
    explicit ApiReply(QObject *parent = nullptr)
        : QObject(parent)
    { }

    // Emits finished() once, then deletes itself later.
    void finish(const ApiResult &result);
    bool isFinished() const { return m_finished; }
    const ApiResult &result() const { return m_result; }

signals:
    void finished(const ApiResult &result);

private:
    ApiResult m_result;
    bool m_finished = false;
};

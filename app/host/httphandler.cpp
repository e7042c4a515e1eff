#include "httphandler.h"

#include "httpconnection.h"

#include <QJsonObject>

struct HttpResponder::State
{
    QPointer<HttpConnection> connection;
    quint64 sequence = 0;
    bool answered = false;

    ~State()
    {
        if (answered || !connection)
            return;
        // Queued: the last copy may go inside a handler or a destructor; answer from the loop.
        const QPointer<HttpConnection> target = connection;
        const quint64 seq = sequence;
        QMetaObject::invokeMethod(
            target.data(),
            [target, seq] {
                if (target)
                    target->deliver(seq,
                        HttpResponse::error(500,
                            QStringLiteral("the request handler finished without "
                                           "answering: this is a bug in rolloutd")));
            },
            Qt::QueuedConnection);
    }
};

void HttpResponder::respond(HttpResponse response) const
{
    if (!m_state)
        return;
    if (m_state->answered) {
        qWarning("HttpResponder: the request was already answered; the second answer (status %d) "
                 "is dropped",
            response.status);
        return;
    }
    m_state->answered = true;
    if (m_state->connection)
        m_state->connection->deliver(m_state->sequence, std::move(response));
}

void HttpResponder::respond(int status, const QByteArray &body, const QByteArray &contentType) const
{
    HttpResponse response;
    response.status = status;
    response.body = body;
    if (!contentType.isEmpty())
        response.headers.add("Content-Type", contentType);
    respond(std::move(response));
}

void HttpResponder::respondJson(int status, const QJsonObject &object) const
{
    respond(HttpResponse::json(status, object));
}

void HttpResponder::respondError(int status, const QString &message, const QString &code) const
{
    respond(HttpResponse::error(status, message, code));
}

bool HttpResponder::isAnswered() const { return m_state && m_state->answered; }

bool HttpResponder::isConnected() const
{
    return m_state && m_state->connection && m_state->connection->isOpen();
}

QObject *HttpResponder::context() const { return m_state ? m_state->connection.data() : nullptr; }

// Here rather than in httpconnection.cpp: State is private to this file.
HttpResponder HttpConnection::makeResponder(quint64 sequence)
{
    auto state = std::make_shared<HttpResponder::State>();
    state->connection = this;
    state->sequence = sequence;
    return HttpResponder(std::move(state));
}

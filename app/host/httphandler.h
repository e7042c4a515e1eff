#pragma once

// What the HTTP server calls for each request, and the handle with which the answer is
// given, now or later (after a timer, a network reply, a queued operation).

#include "httpmessage.h"

#include <QPointer>
#include <functional>
#include <memory>

class HttpConnection;
class QJsonObject;
class QObject;

// A copyable handle to one request's answer. Answer exactly once: a second answer is
// ignored with a warning; when the last copy goes without an answer, the request gets 500
// (so a pipeline never stalls). If the client has gone, the answer is dropped safely.
class HttpResponder
{
public:
    HttpResponder() = default; // answers nowhere

    void respond(HttpResponse response) const;
    void respond(int status, const QByteArray &body, const QByteArray &contentType) const;
    void respondJson(int status, const QJsonObject &object) const;
    // The ARM error envelope {"error": {"code", "message"}}.
    void respondError(int status, const QString &message, const QString &code = {}) const;

    bool isAnswered() const;
    // False once the client has disconnected: a long job can stop early.
    bool isConnected() const;
    // The connection as a context object for connect(): destroyed when the client goes,
    // so queued answers die with it. Null when already gone.
    QObject *context() const;

private:
    friend class HttpConnection;
    struct State;
    explicit HttpResponder(std::shared_ptr<State> state)
        : m_state(std::move(state))
    { }
    std::shared_ptr<State> m_state;
};

class HttpHandler
{
public:
    virtual ~HttpHandler() = default;
    // Called on the server's thread with a complete request. The responder may be copied
    // and kept; answer through it now or later.
    virtual void handle(const HttpRequest &request, HttpResponder responder) = 0;
};

// Adapts a function (a lambda) to the interface.
class HttpFunctionHandler final : public HttpHandler
{
public:
    using Function = std::function<void(const HttpRequest &, HttpResponder)>;
    explicit HttpFunctionHandler(Function function)
        : m_function(std::move(function))
    { }
    void handle(const HttpRequest &request, HttpResponder responder) override
    {
        m_function(request, std::move(responder));
    }

private:
    Function m_function;
};

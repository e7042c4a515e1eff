#pragma once

// rolloutd's control API: the Azure ML ARM contract for online endpoints (DESIGN.md §3)
// over the local workspace. Maps HTTP to HostWorkspace calls and back; every rule is
// enforced by the workspace, so what is refused here changes nothing.

#include "httphandler.h"

#include <QObject>
#include <QString>

class HostWorkspace;

class ControlApi final : public QObject, public HttpHandler
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlApi)
public:
    ControlApi(HostWorkspace *workspace, const QString &token, QObject *parent = nullptr);

    void handle(const HttpRequest &request, HttpResponder responder) override;

private:
    struct Route;
    void route(const HttpRequest &request, const HttpResponder &responder);
    void endpoints(const Route &r, const HttpRequest &request, const HttpResponder &responder);
    void deployments(const Route &r, const HttpRequest &request, const HttpResponder &responder);
    void operation(const Route &r, const HttpResponder &responder);
    void answerAccepted(const Route &r, const HttpRequest &request, const HttpResponder &responder,
                        const QString &operationId, int status, const QJsonObject &body,
                        bool withLocation);
    QJsonObject endpointJson(const QString &name) const;
    QJsonObject deploymentJson(const QString &endpoint, const QString &name) const;

    HostWorkspace *m_workspace;
    QByteArray m_token;
};

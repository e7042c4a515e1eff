#pragma once

// The readiness and liveness probes of an instance: one HTTP/1.1 GET over loopback with
// a timeout. Success is a status from 200 to 399 (as Kubernetes' httpGet probe); the whole
// answer is read before the connection closes, so the server never writes into a reset.

#include <QObject>
#include <QString>
#include <functional>

namespace HttpProbe {

using Done = std::function<void(
    bool ok, const QString &detail)>; // detail: "HTTP 503", "no answer within 1000 ms"

// `done` is called once, from the event loop, unless `context` is destroyed first.
void get(QObject *context, quint16 port, const QString &path, int timeoutMs, Done done);

} // namespace HttpProbe

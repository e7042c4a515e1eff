#pragma once

// Constant load on a gateway for fault tests: each keep-alive connection sends the next
// scoring request as soon as the previous answer is in, and every answer's status is
// counted. A connection that breaks is counted and opened again, so a fault shows up as
// numbers, never as a stalled test.

#include "httpresponseparser.h"

#include <QByteArray>
#include <QMap>
#include <QObject>
#include <QTcpSocket>
#include <memory>
#include <vector>

class LoadClient final : public QObject
{
    Q_DISABLE_COPY_MOVE(LoadClient)

public:
    // `deployment` (optional) goes into azureml-model-deployment.
    LoadClient(quint16 port, const QByteArray &key, const QByteArray &body, int connections,
        const QByteArray &deployment = QByteArray(), QObject *parent = nullptr);
    ~LoadClient() override;

    // No new requests after this; outstanding ones still count when they come back.
    void stop();
    bool idle() const; // nothing outstanding

    int answered() const { return m_answered; }
    int answeredWith(int status) const { return m_statuses.value(status); }
    int answeredOtherThan(int status) const { return m_answered - answeredWith(status); }
    int brokenConnections() const { return m_broken; }
    QMap<int, int> statuses() const { return m_statuses; }

private:
    struct Connection
    {
        QTcpSocket socket;
        HttpResponseParser parser;
        bool outstanding = false;
    };

    void open(Connection *c);
    void sendNext(Connection *c);
    void onReadyRead(Connection *c);
    void onBroken(Connection *c);

    quint16 m_port;
    QByteArray m_request;
    std::vector<std::unique_ptr<Connection>> m_connections;
    QMap<int, int> m_statuses;
    int m_answered = 0;
    int m_broken = 0;
    bool m_running = true;
};

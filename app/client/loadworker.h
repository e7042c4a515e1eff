#pragma once

// The load generator's worker, living on its own thread: N raw keep-alive sockets, a
// pacer that spreads requests over time, timeouts and the tallies. Only LoadGenerator
// talks to it, by queued calls.

#include "httpanswerreader.h"
#include "latencyhistogram.h"
#include "loadgenerator.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <QMap>

#include <vector>

class QTcpSocket;

class LoadWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadWorker)
public:
    explicit LoadWorker(QObject *parent = nullptr);

    void start(const LoadSettings &settings);
    void stop();

signals:
    void progressed(const LoadProgress &progress);
    void finished(const LoadProgress &progress);

private:
    struct Slot
    {
        QTcpSocket *socket = nullptr;
        HttpAnswerReader reader;
        bool busy = false; // a request assigned (connecting or written)
        bool written = false;
        bool reused = false; // the request went out on a connection that had answered before
        bool retried = false;
        qint64 assignedAt = 0; // ms since the run began: the timeout counts from here
        qint64 writtenAtNs = 0;
        qint64 backoffUntil = 0; // after a failed connection, the slot rests
    };

    void pump();
    void pumpSlots();
    void assign(int index);
    void openSocket(int index);
    void writeRequest(int index);
    void onReadyRead(int index);
    void onClosed(int index, const QString &why);
    void complete(int index);
    void fail(int index, int status, const QString &why);
    void release(int index, bool keepSocket);
    void dropSocket(Slot &slot);
    void onTick();
    void endSending();
    void finish();
    void record(int status, const QString &servedBy, double latencyMs, qint64 bytesOut);
    QList<MetricsBucket> takeBuckets(bool all);
    LoadProgress snapshot() const;
    int inFlight() const;

    LoadSettings m_settings;
    QByteArray m_request; // the head and body, built once per run
    std::vector<Slot> m_slots;
    QElapsedTimer m_clock;
    QTimer m_pacer; // wakes the pump when the next request is due
    QTimer m_tick; // progress, timeouts
    QTimer m_deadline;
    bool m_running = false;
    bool m_sending = false;
    bool m_pumping = false;
    qint64 m_drainUntil = 0;

    LoadProgress m_tally;
    LatencyHistogram m_latency;

    struct OpenBucket
    {
        MetricsBucket bucket;
        std::vector<double> latencies;
    };
    QMap<QPair<qint64, QString>, OpenBucket> m_buckets; // (second, deployment) still filling
};

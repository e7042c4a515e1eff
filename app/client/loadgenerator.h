#pragma once

// Drives scoring traffic at an endpoint: a rate (or as fast as possible), a duration and a
// number of keep-alive connections, each its own raw HTTP/1.1 socket (a
// QNetworkAccessManager opens at most six per host, too few to load a gateway). Runs on
// its own worker thread, so a window that owns it stays responsive; every run is bounded
// by its duration and stops by itself. Used by the Monitor panel and by probe traffic.

#include "domain.h"
#include "result.h"

#include <QByteArray>
#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QThread;
class LoadWorker;

struct LoadSettings
{
    static constexpr double MaxRate = 100000;
    static constexpr int MaxConcurrency = 256;
    static constexpr int MaxDurationMs = 3600 * 1000;
    static constexpr qsizetype MaxBodyBytes = 16 * 1024 * 1024;

    QUrl scoringUri; // http(s)://host:port/score
    QString credential; // the key or token, sent as bearer; empty sends none
    QString deployment; // azureml-model-deployment; empty: the traffic rules decide
    QByteArray body;
    double ratePerSecond = 10; // requests per second over all connections; 0: as fast as possible
    int durationMs = 30000;
    int concurrency = 4; // connections, one request in flight on each
    int requestTimeoutMs = 30000;

    // Says which field is out of range and what the range is.
    Status validate() const;
};

struct LoadProgress
{
    qint64 elapsedMs = 0;
    qint64 sent = 0;
    qint64 ok = 0; // answered 2xx
    qint64 failed = 0; // other answers, timeouts, connections refused or cut
    qint64 inFlight = 0;
    qint64 connectionsOpened = 0;
    QMap<QString, qint64> servedBy; // by the answer's azureml-model-deployment; "" when absent
    QMap<int, qint64> statusCounts; // by HTTP status; 0 for no answer
    double p50Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    QString lastError;
    bool finished = false;
    // What this client saw, one bucket per second and served-by deployment (the shape of
    // the metrics feed), for the seconds completed since the previous report: charts use
    // it where the workspace has no metrics feed (Azure).
    QList<MetricsBucket> buckets;
};

Q_DECLARE_METATYPE(LoadSettings)
Q_DECLARE_METATYPE(LoadProgress)

class LoadGenerator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadGenerator)
public:
    explicit LoadGenerator(QObject *parent = nullptr);
    ~LoadGenerator() override; // stops a run and joins the worker thread

    // Starts a run; an error when the settings are out of range or a run is under way.
    Status start(const LoadSettings &settings);
    // Ends the run now: requests in flight are dropped; finished() follows.
    void stop();
    bool isRunning() const { return m_running; }
    LoadProgress lastProgress() const { return m_last; }

signals:
    void progressed(const LoadProgress &progress); // about five times a second
    void finished(const LoadProgress &progress); // once per run, with finished set

private:
    QThread *m_thread;
    QPointer<LoadWorker> m_worker;
    LoadProgress m_last;
    bool m_running = false;
};

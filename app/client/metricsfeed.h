#pragma once

// The live metrics of one endpoint: polls GET .../onlineEndpoints/{e}/metrics?since=CURSOR
// (a local workspace extension, DESIGN.md §3) about once a second through the
// WorkspaceClient, keeps the last 15 minutes per deployment in a MetricsHistory and says
// what arrived. A workspace without the feed (Azure, an older host) answers 404 or 405:
// the feed then reports itself unsupported and asks again only now and then.

#include "apireply.h"
#include "domain.h"
#include "metricshistory.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class WorkspaceClient;

class MetricsFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsFeed)
public:
    enum class Availability { Unknown, Available, Unsupported };
    Q_ENUM(Availability)

    static constexpr int DefaultIntervalMs = 1000;
    static constexpr int UnsupportedIntervalMs = 15000;

    explicit MetricsFeed(WorkspaceClient *client, QObject *parent = nullptr);

    void setClient(WorkspaceClient *client); // a new workspace: history and cursor start over
    // Another endpoint: history and cursor start over; polls at once when running.
    void setEndpoint(const QString &endpoint);
    QString endpoint() const { return m_endpoint; }
    void setInterval(int ms);
    int interval() const { return m_intervalMs; }

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    void pollNow(); // coalesced with a poll in flight

    // Applies one page: the new cursor, buckets into the history, bucketsAdded. The poll
    // uses it; tests and replays call it directly.
    void ingest(const MetricsPage &page);

    const MetricsHistory &history() const { return m_history; }
    qint64 cursor() const { return m_cursor; }
    Availability availability() const { return m_availability; }

    static QString metricsPath(const QString &endpoint, qint64 since);

signals:
    void bucketsAdded(const QList<MetricsBucket> &buckets);
    void availabilityChanged(MetricsFeed::Availability availability, const QString &detail);
    void pollFailed(const Error &error); // transient: the next poll tries again

private:
    void onAnswer(const ApiResult &result, quint64 generation);
    void schedule();
    void setAvailability(Availability availability, const QString &detail);

    QPointer<WorkspaceClient> m_client;
    QString m_endpoint;
    MetricsHistory m_history;
    QTimer m_timer;
    qint64 m_cursor = 0;
    int m_intervalMs = DefaultIntervalMs;
    quint64 m_generation = 0; // answers for an older endpoint or client are dropped
    Availability m_availability = Availability::Unknown;
    bool m_running = false;
    bool m_inFlight = false;
    bool m_again = false;
};

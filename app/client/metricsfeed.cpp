#include "metricsfeed.h"

#include "armjson.h"
#include "workspaceclient.h"

MetricsFeed::MetricsFeed(WorkspaceClient *client, QObject *parent) : QObject(parent), m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this]() { pollNow(); });
}

QString MetricsFeed::metricsPath(const QString &endpoint, qint64 since)
{
    return WorkspaceClient::endpointPath(endpoint) + QStringLiteral("/metrics?since=%1").arg(since);
}

void MetricsFeed::setClient(WorkspaceClient *client)
{
    if (m_client == client)
        return;
    m_client = client;
    setEndpoint(m_endpoint); // same name, another workspace: start over
}

void MetricsFeed::setEndpoint(const QString &endpoint)
{
    ++m_generation;
    m_endpoint = endpoint;
    m_history.clear();
    m_cursor = 0;
    m_inFlight = false;
    m_again = false;
    setAvailability(Availability::Unknown, QString());
    if (m_running)
        pollNow();
}

void MetricsFeed::setInterval(int ms)
{
    m_intervalMs = std::max(ms, 50);
}

void MetricsFeed::start()
{
    if (m_running)
        return;
    m_running = true;
    pollNow();
}

void MetricsFeed::stop()
{
    m_running = false;
    m_timer.stop();
}

void MetricsFeed::pollNow()
{
    m_timer.stop();
    if (!m_client || m_endpoint.isEmpty())
        return;
    if (m_inFlight) {
        m_again = true;
        return;
    }
    if (!m_client->servesLocalRoutes()) {
        // Azure has no such route: say so without asking (and without polling again).
        setAvailability(Availability::Unsupported, tr("Live metrics are not available on Azure workspaces."));
        return;
    }
    m_inFlight = true;
    const quint64 generation = m_generation;
    ApiReply *reply = m_client->poll(metricsPath(m_endpoint, m_cursor));
    connect(reply, &ApiReply::finished, this,
            [this, generation](const ApiResult &result) { onAnswer(result, generation); });
}

void MetricsFeed::onAnswer(const ApiResult &result, quint64 generation)
{
    if (generation != m_generation)
        return; // for an endpoint no longer shown; the new one has its own poll
    m_inFlight = false;
    if (result.httpStatus == 404 || result.httpStatus == 405) {
        // Either the endpoint is gone or the workspace has no metrics feed; both mean no
        // charts for now. The message says which.
        setAvailability(Availability::Unsupported,
                        result.error ? result.error->message : QStringLiteral("HTTP %1").arg(result.httpStatus));
    } else if (!result.ok()) {
        emit pollFailed(*result.error);
    } else if (Result<MetricsPage> page = ArmJson::metricsFromJson(result.json); !page) {
        emit pollFailed(page.error());
    } else {
        setAvailability(Availability::Available, QString());
        ingest(page.value());
    }
    if (m_again) {
        m_again = false;
        pollNow();
        return;
    }
    schedule();
}

void MetricsFeed::schedule()
{
    if (!m_running)
        return;
    m_timer.start(m_availability == Availability::Unsupported ? std::max(m_intervalMs, UnsupportedIntervalMs)
                                                               : m_intervalMs);
}

void MetricsFeed::ingest(const MetricsPage &page)
{
    m_cursor = page.cursor;
    QList<MetricsBucket> added;
    added.reserve(page.buckets.size());
    for (const MetricsBucket &bucket : page.buckets) {
        if (m_history.add(bucket))
            added.append(bucket);
    }
    if (!added.isEmpty())
        emit bucketsAdded(added);
}

void MetricsFeed::setAvailability(Availability availability, const QString &detail)
{
    if (m_availability == availability)
        return;
    m_availability = availability;
    emit availabilityChanged(availability, detail);
}

#include "metricshistory.h"

MetricsHistory::MetricsHistory(qint64 windowSeconds) : m_window(std::max<qint64>(windowSeconds, 1)) { }

bool MetricsHistory::add(const MetricsBucket &bucket)
{
    if (m_newest > 0 && bucket.t <= m_newest - m_window)
        return false; // already outside the window
    auto it = m_series.find(bucket.deployment);
    if (it == m_series.end())
        it = m_series.insert(bucket.deployment, RingBuffer<MetricsBucket>(m_window + 1));
    RingBuffer<MetricsBucket> &ring = it.value();
    if (!ring.isEmpty() && ring.last().t == bucket.t) {
        ring.last() = bucket;
    } else if (!ring.isEmpty() && bucket.t < ring.last().t) {
        return false; // out of order: the feed is cursor-ordered, so this is a stale copy
    } else {
        ring.append(bucket);
    }
    if (bucket.t > m_newest) {
        m_newest = bucket.t;
        trim();
    }
    return true;
}

void MetricsHistory::clear()
{
    m_series.clear();
    m_newest = 0;
}

void MetricsHistory::trim()
{
    const qint64 oldestKept = m_newest - m_window + 1;
    for (auto it = m_series.begin(); it != m_series.end();) {
        RingBuffer<MetricsBucket> &ring = it.value();
        while (!ring.isEmpty() && ring.first().t < oldestKept)
            ring.removeFirst();
        it = ring.isEmpty() ? m_series.erase(it) : std::next(it);
    }
}

QList<MetricsBucket> MetricsHistory::buckets(const QString &deployment, qint64 since) const
{
    QList<MetricsBucket> out;
    const auto it = m_series.constFind(deployment);
    if (it == m_series.constEnd())
        return out;
    const RingBuffer<MetricsBucket> &ring = it.value();
    // Binary search for the first bucket at or after `since`: ring is sorted by t.
    qsizetype lo = 0;
    qsizetype hi = ring.size();
    while (lo < hi) {
        const qsizetype mid = (lo + hi) / 2;
        if (ring.at(mid).t < since)
            lo = mid + 1;
        else
            hi = mid;
    }
    out.reserve(ring.size() - lo);
    for (qsizetype i = lo; i < ring.size(); ++i)
        out.append(ring.at(i));
    return out;
}

qsizetype MetricsHistory::size(const QString &deployment) const
{
    const auto it = m_series.constFind(deployment);
    return it == m_series.constEnd() ? 0 : it.value().size();
}

qint64 MetricsHistory::oldestTime() const
{
    qint64 oldest = 0;
    for (const RingBuffer<MetricsBucket> &ring : m_series) {
        if (!ring.isEmpty() && (oldest == 0 || ring.first().t < oldest))
            oldest = ring.first().t;
    }
    return oldest;
}

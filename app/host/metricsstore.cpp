#include "metricsstore.h"

#include <algorithm>

#include <QDateTime>

#include <bit>
#include <cmath>

int GatewayLatencyHistogram::indexOf(qint64 micros)
{
    if (micros < SubBuckets)
        return int(std::max<qint64>(micros, 0));
    const int octave = std::bit_width(quint64(micros)) - 1; // >= 3
    const int sub = int((micros >> (octave - 3)) & (SubBuckets - 1));
    return std::min((octave - 2) * SubBuckets + sub, BucketCount - 1);
}

double GatewayLatencyHistogram::lowerMicros(int index)
{
    if (index < SubBuckets)
        return index;
    const int octave = index / SubBuckets + 2;
    const int sub = index % SubBuckets;
    return std::ldexp(double(SubBuckets + sub), octave - 3);
}

double GatewayLatencyHistogram::widthMicros(int index)
{
    return index < SubBuckets ? 1.0 : std::ldexp(1.0, index / SubBuckets + 2 - 3);
}

void GatewayLatencyHistogram::add(qint64 nanoseconds)
{
    ++m_buckets[size_t(indexOf(nanoseconds / 1000))];
    ++m_count;
}

void GatewayLatencyHistogram::merge(const GatewayLatencyHistogram &other)
{
    if (other.m_count == 0)
        return;
    for (size_t i = 0; i < m_buckets.size(); ++i)
        m_buckets[i] += other.m_buckets[i];
    m_count += other.m_count;
}

void GatewayLatencyHistogram::clear()
{
    if (m_count == 0)
        return;
    m_buckets.fill(0);
    m_count = 0;
}

double GatewayLatencyHistogram::quantileMs(double q) const
{
    if (m_count == 0)
        return 0;
    // The rank of the quantile, 1-based: p99 of 100 samples is the 99th.
    const qint64 rank = std::max<qint64>(1, qint64(std::ceil(std::clamp(q, 0.0, 1.0) * double(m_count))));
    qint64 seen = 0;
    for (int i = 0; i < BucketCount; ++i) {
        seen += m_buckets[size_t(i)];
        if (seen >= rank)
            return (lowerMicros(i) + widthMicros(i) / 2) / 1000.0;
    }
    return (lowerMicros(BucketCount - 1) + widthMicros(BucketCount - 1) / 2) / 1000.0;
}

void SecondStats::addAnswer(int status, qint64 latencyNs, qint64 in, qint64 out)
{
    ++requests;
    if (status >= 200 && status < 300)
        ++status2xx;
    else if (status >= 400 && status < 500)
        ++status4xx;
    else if (status >= 500)
        ++status5xx;
    bytesIn += in;
    bytesOut += out;
    latency.add(latencyNs);
}

void SecondStats::merge(const SecondStats &other)
{
    requests += other.requests;
    mirrored += other.mirrored;
    status2xx += other.status2xx;
    status4xx += other.status4xx;
    status5xx += other.status5xx;
    bytesIn += other.bytesIn;
    bytesOut += other.bytesOut;
    latency.merge(other.latency);
}

void SecondStats::clear()
{
    requests = mirrored = status2xx = status4xx = status5xx = bytesIn = bytesOut = 0;
    latency.clear();
}

MetricsStore::MetricsStore(qint64 keepSeconds, qint64 settleMs)
    : m_keep(std::max<qint64>(keepSeconds, 1))
    , m_settleMs(std::max<qint64>(settleMs, 0))
{ }

void MetricsStore::merge(qint64 second, const QString &deployment, const SecondStats &stats)
{
    if (stats.isEmpty())
        return;
    QMutexLocker lock(&m_mutex);
    if (!m_seconds.empty() && second <= m_seconds.rbegin()->first - m_keep)
        return; // older than what is kept
    Entry &entry = m_seconds[second][deployment];
    MetricsBucket &b = entry.bucket;
    b.t = second;
    b.deployment = deployment;
    b.requests += stats.requests;
    b.mirrored += stats.mirrored;
    b.status2xx += stats.status2xx;
    b.status4xx += stats.status4xx;
    b.status5xx += stats.status5xx;
    b.bytesIn += stats.bytesIn;
    b.bytesOut += stats.bytesOut;
    // A worker that merges after the second settled still adds to the counts; its
    // latencies arrive too late for the percentiles already given out.
    if (second > m_settled) {
        if (!entry.open)
            entry.open = std::make_unique<SecondStats>();
        entry.open->latency.merge(stats.latency);
    }
    while (m_seconds.size() > 1 && m_seconds.begin()->first <= m_seconds.rbegin()->first - m_keep)
        m_seconds.erase(m_seconds.begin());
}

void MetricsStore::setWorkerCount(int count)
{
    QMutexLocker lock(&m_mutex);
    m_caughtUp.assign(size_t(std::max(count, 0)), 0);
}

void MetricsStore::workerCaughtUp(int worker, qint64 second)
{
    QMutexLocker lock(&m_mutex);
    if (worker >= 0 && size_t(worker) < m_caughtUp.size())
        m_caughtUp[size_t(worker)] = std::max(m_caughtUp[size_t(worker)], second);
}

void MetricsStore::settle(qint64 nowMs) const
{
    qint64 horizon = (nowMs - m_settleMs) / 1000 - 1; // seconds every worker should have merged
    if (!m_caughtUp.empty()) {
        const qint64 slowest = *std::min_element(m_caughtUp.begin(), m_caughtUp.end()) - 1;
        horizon = std::max(std::min(horizon, slowest), horizon - StallSeconds);
    }
    if (horizon <= m_settled)
        return;
    for (auto it = m_seconds.upper_bound(m_settled); it != m_seconds.end() && it->first <= horizon;
         ++it) {
        for (auto &[name, entry] : it->second) {
            if (!entry.open)
                continue;
            const GatewayLatencyHistogram &h = entry.open->latency;
            entry.bucket.p50Ms = h.quantileMs(0.50);
            entry.bucket.p95Ms = h.quantileMs(0.95);
            entry.bucket.p99Ms = h.quantileMs(0.99);
            entry.open.reset();
        }
    }
    m_settled = horizon;
    while (!m_seconds.empty() && m_seconds.begin()->first <= horizon - m_keep)
        m_seconds.erase(m_seconds.begin());
}

MetricsPage MetricsStore::page(qint64 since, qint64 nowMs) const
{
    QMutexLocker lock(&m_mutex);
    settle(nowMs);
    MetricsPage page;
    page.cursor = std::max(m_settled, since);
    for (auto it = m_seconds.upper_bound(since); it != m_seconds.end() && it->first <= m_settled;
         ++it) {
        for (const auto &[name, entry] : it->second)
            page.buckets.append(entry.bucket);
    }
    return page;
}

MetricsPage MetricsStore::page(qint64 since) const
{
    return page(since, QDateTime::currentMSecsSinceEpoch());
}

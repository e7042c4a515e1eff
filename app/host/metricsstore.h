#pragma once

// Per-second metrics of one endpoint, for GET .../onlineEndpoints/{e}/metrics?since=CURSOR.
// The gateway's worker threads count each second per deployment on their own (SecondStats,
// no lock per request) and merge a finished second into the store; the store turns a
// second into MetricsBuckets once every worker had time to merge it ("settled"), so a
// bucket is sent once and never changes afterwards. Requests refused before a deployment
// was chosen (401, 404, 413, 400, ...) are counted under deployment "" (the endpoint level).
//
// The cursor is the newest settled second: since=CURSOR returns the buckets of later
// settled seconds, since=0 everything kept. Memory is bounded: 16 minutes of seconds.
// Percentiles come from log-linear histograms (8 buckets per power of two, within 6 %).

#include "domain.h"

#include <QMutex>

#include <array>
#include <map>
#include <memory>
#include <vector>

// Not LatencyHistogram: rdclient has a class of that name, and programs link both.
class GatewayLatencyHistogram
{
public:
    void add(qint64 nanoseconds);
    void merge(const GatewayLatencyHistogram &other);
    void clear();
    qint64 count() const { return m_count; }
    // The q-quantile (0..1) in milliseconds: the middle of the bucket that holds it.
    double quantileMs(double q) const;

private:
    static constexpr int SubBuckets = 8; // per power of two
    static constexpr int Octaves = 40; // 1 µs .. 2^40 µs
    static constexpr int BucketCount = SubBuckets * Octaves;
    static int indexOf(qint64 micros);
    static double lowerMicros(int index);
    static double widthMicros(int index);

    std::array<quint32, BucketCount> m_buckets {};
    qint64 m_count = 0;
};

// One second of one deployment as a worker counts it.
struct SecondStats
{
    qint64 requests = 0; // live answers (mirrored copies are counted in `mirrored` only)
    qint64 mirrored = 0;
    qint64 status2xx = 0;
    qint64 status4xx = 0;
    qint64 status5xx = 0;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    GatewayLatencyHistogram latency;

    void addAnswer(int status, qint64 latencyNs, qint64 bytesIn, qint64 bytesOut);
    void merge(const SecondStats &other);
    void clear();
    bool isEmpty() const { return requests == 0 && mirrored == 0; }
};

class MetricsStore
{
public:
    static constexpr qint64 DefaultKeepSeconds = 16 * 60;
    static constexpr qint64 DefaultSettleMs = 400;

    explicit MetricsStore(qint64 keepSeconds = DefaultKeepSeconds,
        qint64 settleMs = DefaultSettleMs);

    // Thread-safe. `second` in epoch seconds.
    void merge(qint64 second, const QString &deployment, const SecondStats &stats);
    // The gateway's workers, each saying when it has merged every second before `second`:
    // a second settles only once all of them have (a worker kept off the CPU for a while
    // must not have its counts arrive after the bucket went out). Without workers, or for
    // a worker more than StallSeconds behind the clock, the wall clock alone decides.
    static constexpr qint64 StallSeconds = 10;
    void setWorkerCount(int count);
    void workerCaughtUp(int worker, qint64 second);
    // The settled buckets after `since` (epoch second), oldest first and by deployment;
    // `nowMs` is the wall clock in epoch milliseconds (tests pass their own).
    MetricsPage page(qint64 since, qint64 nowMs) const;
    MetricsPage page(qint64 since) const;
    qint64 keepSeconds() const { return m_keep; }

private:
    struct Entry
    {
        MetricsBucket bucket;
        std::unique_ptr<SecondStats> open; // until settled
    };
    void settle(qint64 nowMs) const;

    const qint64 m_keep;
    const qint64 m_settleMs;
    mutable QMutex m_mutex;
    mutable std::map<qint64, std::map<QString, Entry>> m_seconds;
    mutable qint64 m_settled = 0; // every second up to this one is settled
    std::vector<qint64> m_caughtUp; // per worker: every second before this one is merged
};

#pragma once

// The last minutes of an endpoint's metrics, per deployment: one bucket per second in a
// ring buffer each, trimmed by bucket time to the window (15 minutes, as the host keeps).

#include "domain.h"
#include "ringbuffer.h"

#include <QList>
#include <QMap>
#include <QStringList>

class MetricsHistory
{
public:
    static constexpr qint64 DefaultWindowSeconds = 15 * 60;

    explicit MetricsHistory(qint64 windowSeconds = DefaultWindowSeconds);

    qint64 windowSeconds() const { return m_window; }
    // Buckets of one deployment come in time order; a bucket for a second already held
    // replaces it (the host may send the current second again as it fills). Older than
    // the window (relative to the newest bucket) is dropped. Returns whether it was kept.
    bool add(const MetricsBucket &bucket);
    void clear();

    QStringList deployments() const { return m_series.keys(); }
    // The buckets of one deployment with t >= since, oldest first.
    QList<MetricsBucket> buckets(const QString &deployment, qint64 since = 0) const;
    qsizetype size(const QString &deployment) const;
    qint64 newestTime() const { return m_newest; } // 0 when empty
    qint64 oldestTime() const;

private:
    void trim();

    qint64 m_window;
    qint64 m_newest = 0;
    QMap<QString, RingBuffer<MetricsBucket>> m_series;
};

#pragma once

// Latency percentiles in bounded memory: a log-scale histogram (2 % wide bins from 10 µs
// to about 15 minutes), so a long run at thousands of requests per second keeps a few KiB.

#include <QtGlobal>

#include <array>

class LatencyHistogram
{
public:
    void add(double ms);
    void clear();
    qint64 count() const { return m_count; }
    // The value below which `fraction` (0..1) of the samples fall; 0 without samples.
    double percentile(double fraction) const;
    double maximum() const { return m_max; }

private:
    static constexpr int Bins = 1000;
    static int binOf(double ms);
    static double valueOf(int bin); // the bin's upper edge

    std::array<qint64, Bins> m_bins {};
    qint64 m_count = 0;
    double m_max = 0;
};

#include "latencyhistogram.h"

#include <algorithm>
#include <cmath>

namespace {
constexpr double MinMs = 0.01;
constexpr double Growth = 1.02;
const double LogGrowth = std::log(Growth);
} // namespace

int LatencyHistogram::binOf(double ms)
{
    if (!(ms > MinMs))
        return 0;
    const int bin = int(std::ceil(std::log(ms / MinMs) / LogGrowth));
    return std::clamp(bin, 0, Bins - 1);
}

double LatencyHistogram::valueOf(int bin)
{
    return MinMs * std::pow(Growth, bin);
}

void LatencyHistogram::add(double ms)
{
    ++m_bins[std::size_t(binOf(ms))];
    ++m_count;
    m_max = std::max(m_max, ms);
}

void LatencyHistogram::clear()
{
    m_bins.fill(0);
    m_count = 0;
    m_max = 0;
}

double LatencyHistogram::percentile(double fraction) const
{
    if (m_count == 0)
        return 0;
    const qint64 rank = std::max<qint64>(1, qint64(std::ceil(std::clamp(fraction, 0.0, 1.0) * double(m_count))));
    qint64 seen = 0;
    for (int bin = 0; bin < Bins; ++bin) {
        seen += m_bins[std::size_t(bin)];
        if (seen >= rank)
            return std::min(valueOf(bin), m_max); // never above what was measured
    }
    return m_max;
}

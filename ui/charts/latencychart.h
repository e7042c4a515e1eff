#pragma once

// Latency percentiles per deployment over the last minutes: p50 solid, p95 dashed, p99
// dotted, in the deployment's colour. Only seconds with requests have a point.

#include "timechartview.h"

#include <QHash>

class QLineSeries;

class LatencyChart final : public TimeChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyChart)
public:
    explicit LatencyChart(QWidget *parent = nullptr);

    enum Percentile { P50, P95, P99, PercentileCount };
    QLineSeries *line(const QString &deployment, Percentile percentile) const;

protected:
    double renderSeries(const ChartFrame &frame) override;

private:
    QHash<QString, QList<QLineSeries *>> m_lines;
};

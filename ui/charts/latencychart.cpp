#include "latencychart.h"

#include <QLineSeries>

LatencyChart::LatencyChart(QWidget *parent)
    : TimeChartView(tr("Latency"), tr("ms"), parent)
{
    setObjectName(QStringLiteral("latencyChart"));
    // Three lines per deployment: the legend names deployments, the title the line styles
    // (six legend entries would cut their names short).
    chart()->setTitle(tr("Latency (p50 solid, p95 dashed, p99 dotted)"));
}

QLineSeries *LatencyChart::line(const QString &deployment, Percentile percentile) const
{
    const auto it = m_lines.constFind(deployment);
    return it == m_lines.constEnd() ? nullptr : it->value(percentile);
}

double LatencyChart::renderSeries(const ChartFrame &frame)
{
    dropLinesNotIn(m_lines, frame.deployments);
    static const Qt::PenStyle styles[PercentileCount]
        = { Qt::SolidLine, Qt::DashLine, Qt::DotLine };
    static const char *names[PercentileCount] = { "p50", "p95", "p99" };
    double top = 0;
    for (const QString &name : frame.deployments) {
        QList<QLineSeries *> &lines = m_lines[name];
        if (lines.isEmpty()) {
            for (int p = 0; p < PercentileCount; ++p) {
                auto *series = new QLineSeries(this);
                series->setName(name + QLatin1Char(' ') + QLatin1String(names[p]));
                setSeriesOwner(series, name);
                attach(series);
                if (p != P50)
                    hideFromLegend(series);
                else
                    series->setName(name);
                lines.append(series);
            }
        }
        QList<QPointF> points[PercentileCount];
        for (const MetricsBucket &b : frame.history->buckets(name, frame.leftT())) {
            if (b.t > frame.rightT || b.requests == 0)
                continue;
            const double x = double(b.t * 1000);
            points[P50].append(QPointF(x, b.p50Ms));
            points[P95].append(QPointF(x, b.p95Ms));
            points[P99].append(QPointF(x, b.p99Ms));
            top = std::max({ top, b.p50Ms, b.p95Ms, b.p99Ms });
        }
        const QColor color = frame.color(name);
        for (int p = 0; p < PercentileCount; ++p) {
            lines[p]->replace(points[p]);
            lines[p]->setPen(QPen(color, p == P50 ? 2 : 1.5, styles[p]));
        }
    }
    return top;
}

#include "errorschart.h"

#include <QLineSeries>

ErrorsChart::ErrorsChart(QWidget *parent)
    : TimeChartView(tr("Errors per second"), tr("req/s"), parent)
{
    setObjectName(QStringLiteral("errorsChart"));
}

QLineSeries *ErrorsChart::line(const QString &deployment, StatusClass statusClass) const
{
    const auto it = m_lines.constFind(deployment);
    return it == m_lines.constEnd() ? nullptr : it->value(statusClass);
}

double ErrorsChart::renderSeries(const ChartFrame &frame)
{
    dropLinesNotIn(m_lines, frame.deployments);
    const qint64 left = frame.leftT();
    const qint64 last = std::min(frame.rightT, frame.history->newestTime());
    const qsizetype n = last >= left ? last - left + 1 : 0;
    double top = 0;
    for (const QString &name : frame.deployments) {
        QList<QLineSeries *> &lines = m_lines[name];
        if (lines.isEmpty()) {
            for (const QString &suffix : { QStringLiteral(" 4xx"), QStringLiteral(" 5xx") }) {
                auto *series = new QLineSeries(this);
                series->setName(name + suffix);
                setSeriesOwner(series, name);
                attach(series);
                lines.append(series);
            }
        }
        // Dense, one point a second: an error rate is 0 where nothing failed.
        QList<double> counts[ClassCount] = { QList<double>(n, 0.0), QList<double>(n, 0.0) };
        for (const MetricsBucket &b : frame.history->buckets(name, left)) {
            if (b.t > last)
                continue;
            counts[Client4xx][b.t - left] = double(b.status4xx);
            counts[Server5xx][b.t - left] = double(b.status5xx);
        }
        const QColor color = frame.color(name);
        for (int c = 0; c < ClassCount; ++c) {
            QList<QPointF> points;
            points.reserve(n);
            for (qsizetype s = 0; s < n; ++s) {
                points.append(QPointF(double((left + s) * 1000), counts[c][s]));
                top = std::max(top, counts[c][s]);
            }
            lines[c]->replace(points);
            lines[c]->setPen(QPen(
                color, c == Server5xx ? 2 : 1.5, c == Server5xx ? Qt::SolidLine : Qt::DashLine));
        }
    }
    return top;
}

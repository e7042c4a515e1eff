#include "requestschart.h"

#include <QAreaSeries>
#include <QLineSeries>

RequestsChart::RequestsChart(QWidget *parent)
    : TimeChartView(tr("Requests per second"), tr("req/s"), parent)
{
    setObjectName(QStringLiteral("requestsChart"));
}

QAreaSeries *RequestsChart::areaOf(const QString &deployment) const
{
    const qsizetype i = m_order.indexOf(deployment);
    return i < 0 ? nullptr : m_areas[i];
}

void RequestsChart::rebuild(const QStringList &deployments)
{
    for (QAreaSeries *area : std::as_const(m_areas))
        detach(area);
    qDeleteAll(m_uppers);
    m_areas.clear();
    m_uppers.clear();
    m_order = deployments;
    for (const QString &name : deployments) {
        auto *upper = new QLineSeries(this);
        QLineSeries *lower = m_uppers.isEmpty() ? nullptr : m_uppers.last();
        auto *area = new QAreaSeries(upper, lower);
        area->setName(name);
        setSeriesOwner(area, name);
        attach(area);
        m_uppers.append(upper);
        m_areas.append(area);
    }
}

double RequestsChart::renderSeries(const ChartFrame &frame)
{
    if (frame.deployments != m_order)
        rebuild(frame.deployments);
    // One point a second, seconds without a bucket count 0; up to the newest bucket, so the
    // second still filling on the host does not show as a drop to zero.
    const qint64 left = frame.leftT();
    const qint64 last = std::min(frame.rightT, frame.history->newestTime());
    const qsizetype n = last >= left ? last - left + 1 : 0;
    QList<double> total(n, 0.0);
    double top = 0;
    for (qsizetype i = 0; i < m_order.size(); ++i) {
        const QString &name = m_order[i];
        for (const MetricsBucket &b : frame.history->buckets(name, left)) {
            if (b.t <= last)
                total[b.t - left] += double(b.requests);
        }
        QList<QPointF> points;
        points.reserve(n);
        for (qsizetype s = 0; s < n; ++s) {
            points.append(QPointF(double((left + s) * 1000), total[s]));
            top = std::max(top, total[s]);
        }
        m_uppers[i]->replace(points);
        const QColor color = frame.color(name);
        QColor fill = color;
        fill.setAlpha(190);
        m_areas[i]->setBrush(fill);
        m_areas[i]->setPen(QPen(color.darker(125), 1));
    }
    return top;
}

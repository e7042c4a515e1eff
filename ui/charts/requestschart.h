#pragma once

// Requests per second per deployment over the last minutes, stacked: the height is the
// endpoint's total, each band one deployment's share.

#include "timechartview.h"

class QAreaSeries;
class QLineSeries;

class RequestsChart final : public TimeChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestsChart)
public:
    explicit RequestsChart(QWidget *parent = nullptr);

    QAreaSeries *areaOf(const QString &deployment) const;

protected:
    double renderSeries(const ChartFrame &frame) override;

private:
    void rebuild(const QStringList &deployments);

    QStringList m_order;
    QList<QAreaSeries *> m_areas; // in m_order
    QList<QLineSeries *> m_uppers; // each area's upper edge; the next area's lower edge
};

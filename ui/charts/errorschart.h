#pragma once

// Failed requests per second per deployment over the last minutes, by status class:
// 5xx solid, 4xx dashed, in the deployment's colour.

#include "timechartview.h"

#include <QHash>

class QLineSeries;

class ErrorsChart final : public TimeChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ErrorsChart)
public:
    explicit ErrorsChart(QWidget *parent = nullptr);

    enum StatusClass { Client4xx, Server5xx, ClassCount };
    QLineSeries *line(const QString &deployment, StatusClass statusClass) const;

protected:
    double renderSeries(const ChartFrame &frame) override;

private:
    QHash<QString, QList<QLineSeries *>> m_lines;
};

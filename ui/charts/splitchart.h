#pragma once

// Where requests went versus where the endpoint sends them: per deployment, the observed
// share of the last seconds' requests next to its configured traffic (and mirror) %.

#include "chartframe.h"

#include <QChartView>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QValueAxis;

class SplitChart final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SplitChart)
public:
    explicit SplitChart(QWidget *parent = nullptr);

    void render(const ChartFrame &frame);
    void applyPalette();

    QBarSet *observedSet() const { return m_observed; }
    QBarSet *configuredSet() const { return m_configured; }
    QBarCategoryAxis *categoryAxis() const { return m_categories; }
    QValueAxis *valueAxis() const { return m_value; }
    qint64 observedTotal() const { return m_total; }

protected:
    void changeEvent(QEvent *event) override;

private:
    QBarSeries *m_series;
    QBarSet *m_observed;
    QBarSet *m_configured;
    QBarSet *m_mirror;
    QBarCategoryAxis *m_categories;
    QValueAxis *m_value;
    qint64 m_total = 0;
};

#pragma once

// A chart over the last minutes: a clock time axis, a value axis, and vertical markers
// where the endpoint's traffic changed. Subclasses fill their series from a ChartFrame;
// everything is redrawn by replacing whole point lists (no animation), explicit axes.

#include "chartframe.h"

#include <QChartView>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

class TimeChartView : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeChartView)
public:
    TimeChartView(const QString &title, const QString &valueTitle, QWidget *parent = nullptr);

    void render(const ChartFrame &frame);
    void applyPalette(); // after a palette change; the next render recolours the series

    QDateTimeAxis *timeAxis() const { return m_time; }
    QValueAxis *valueAxis() const { return m_value; }
    int visibleMarkerCount() const;
    // The series drawn for one deployment (markers excluded), for tests and tooltips.
    QList<QAbstractSeries *> seriesOf(const QString &deployment) const;

protected:
    void changeEvent(QEvent *event) override;
    // Fills the series; returns the largest value drawn (the value axis is sized to it).
    virtual double renderSeries(const ChartFrame &frame) = 0;
    // Adds a series to the chart on both axes.
    void attach(QAbstractSeries *series);
    void detach(QAbstractSeries *series); // removes and deletes
    void setSeriesOwner(QAbstractSeries *series, const QString &deployment);
    void hideFromLegend(QAbstractSeries *series);
    double minimumValueRange() const { return m_minimumRange; }
    void setMinimumValueRange(double range) { m_minimumRange = range; }

private:
    void renderMarkers(const ChartFrame &frame, double top);

    QDateTimeAxis *m_time;
    QValueAxis *m_value;
    QList<QLineSeries *> m_markers; // a pool; unused ones are hidden
    double m_minimumRange = 1;
};

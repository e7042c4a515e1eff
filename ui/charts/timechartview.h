#pragma once

// A chart over the last minutes: a clock time axis, a value axis, and vertical markers
// where the endpoint's traffic changed. Subclasses fill their series from a ChartFrame;
// everything is redrawn by replacing whole point lists (no animation), explicit axes.

#include "chartframe.h"

#include <QChartView>

class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

class TimeChartView : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeChartView)
public:
    TimeChartView(const QString &title, const QString &valueTitle, QWidget *parent = nullptr);

    void render(const ChartFrame &frame);
    // Moves the time axis only (the series stay): the axis scrolls between the once-a-second
    // renders. `rightMs` is the right edge in epoch milliseconds.
    void scrollTo(qint64 rightMs, qint64 windowSeconds);
    void applyPalette(); // after a palette change; the next render recolours the series

    QDateTimeAxis *timeAxis() const { return m_time; }
    QValueAxis *valueAxis() const { return m_value; }
    int visibleMarkerCount() const;
    // The labels drawn over the markers, newest first, with their x (epoch ms): markers too
    // close to label both keep the newer one's.
    QList<QPair<double, QString>> visibleMarkerLabels() const;
    // The series drawn for one deployment (markers excluded), for tests and tooltips.
    QList<QAbstractSeries *> seriesOf(const QString &deployment) const;

protected:
    void changeEvent(QEvent *event) override;
    // Fills the series; returns the largest value drawn (the value axis is sized to it).
    virtual double renderSeries(const ChartFrame &frame) = 0;
    // Adds a series to the chart on both axes.
    void attach(QAbstractSeries *series);
    void detach(QAbstractSeries *series); // removes and deletes
    // Detaches and forgets the lines of deployments no longer in `deployments`.
    void dropLinesNotIn(
        QHash<QString, QList<QLineSeries *>> &lines, const QStringList &deployments);
    void setSeriesOwner(QAbstractSeries *series, const QString &deployment);
    void hideFromLegend(QAbstractSeries *series);
    double minimumValueRange() const { return m_minimumRange; }
    void setMinimumValueRange(double range) { m_minimumRange = range; }

private:
    void renderMarkers(const ChartFrame &frame, double top);
    void renderMarkerLabels(
        const QList<const TrafficMarker *> &shown, qint64 leftMs, qint64 rightMs, double top);

    QDateTimeAxis *m_time;
    QValueAxis *m_value;
    QList<QLineSeries *> m_markers; // a pool; unused ones are hidden
    QList<QScatterSeries *> m_markerLabels; // the labels' pool: invisible points with a label
    double m_minimumRange = 1;
};

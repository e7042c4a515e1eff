#include "timechartview.h"

#include "chartstyle.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

namespace {
constexpr int MaxMarkers = 20;
constexpr char OwnerProperty[] = "rdDeployment";
}

TimeChartView::TimeChartView(const QString &title, const QString &valueTitle, QWidget *parent)
    : QChartView(new QChart, parent), m_time(new QDateTimeAxis(this)), m_value(new QValueAxis(this))
{
    QChart *c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTitle(title);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));
    m_time->setFormat(QStringLiteral("HH:mm:ss"));
    m_time->setTickCount(6);
    m_value->setTitleText(valueTitle);
    m_value->setLabelFormat(QStringLiteral("%g"));
    m_value->setTickCount(5);
    m_value->setRange(0, 1);
    c->addAxis(m_time, Qt::AlignBottom);
    c->addAxis(m_value, Qt::AlignLeft);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(280, 200);
    applyPalette();
}

void TimeChartView::applyPalette()
{
    ChartStyle::apply(this, palette());
    for (QLineSeries *marker : std::as_const(m_markers)) {
        marker->setPen(QPen(ChartStyle::markerColor(palette()), 1, Qt::DashLine));
        marker->setPointLabelsColor(palette().color(QPalette::Text));
    }
}

void TimeChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    // Here, not in the panel: a widget hears of its own palette change before its children
    // have the new palette.
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void TimeChartView::attach(QAbstractSeries *series)
{
    chart()->addSeries(series);
    series->attachAxis(m_time);
    series->attachAxis(m_value);
}

void TimeChartView::detach(QAbstractSeries *series)
{
    chart()->removeSeries(series);
    delete series;
}

void TimeChartView::setSeriesOwner(QAbstractSeries *series, const QString &deployment)
{
    series->setProperty(OwnerProperty, deployment);
}

void TimeChartView::hideFromLegend(QAbstractSeries *series)
{
    for (QLegendMarker *marker : chart()->legend()->markers(series))
        marker->setVisible(false);
}

QList<QAbstractSeries *> TimeChartView::seriesOf(const QString &deployment) const
{
    QList<QAbstractSeries *> out;
    for (QAbstractSeries *series : chart()->series()) {
        if (series->property(OwnerProperty).toString() == deployment && !m_markers.contains(series))
            out.append(series);
    }
    return out;
}

int TimeChartView::visibleMarkerCount() const
{
    return int(std::count_if(m_markers.begin(), m_markers.end(), [](const QLineSeries *s) { return s->isVisible(); }));
}

void TimeChartView::render(const ChartFrame &frame)
{
    m_time->setRange(QDateTime::fromSecsSinceEpoch(frame.leftT()), QDateTime::fromSecsSinceEpoch(frame.rightT));
    const double top = ChartStyle::niceCeiling(renderSeries(frame) * 1.1, m_minimumRange);
    m_value->setRange(0, top);
    renderMarkers(frame, top);
}

void TimeChartView::renderMarkers(const ChartFrame &frame, double top)
{
    const qint64 leftMs = frame.leftT() * 1000;
    const qint64 rightMs = frame.rightT * 1000;
    int used = 0;
    for (const TrafficMarker &marker : frame.markers) {
        if (marker.timeMs < leftMs || marker.timeMs > rightMs || used >= MaxMarkers)
            continue;
        if (used == m_markers.size()) {
            auto *series = new QLineSeries(this);
            series->setPen(QPen(ChartStyle::markerColor(palette()), 1, Qt::DashLine));
            series->setPointLabelsVisible(true);
            series->setPointLabelsClipping(false);
            series->setPointLabelsColor(palette().color(QPalette::Text));
            attach(series);
            hideFromLegend(series);
            m_markers.append(series);
        }
        QLineSeries *series = m_markers[used++];
        series->setName(marker.label);
        // The label is the format itself (no @ placeholders), shown at the top point only.
        QString label = marker.label;
        series->setPointLabelsFormat(label.replace(QLatin1Char('@'), QStringLiteral(" ")));
        const double x = double(marker.timeMs);
        series->replace({ QPointF(x, 0), QPointF(x, top) });
        series->setPointConfiguration(0, QXYSeries::PointConfiguration::LabelVisibility, false);
        series->setVisible(true);
        hideFromLegend(series); // setVisible shows the legend marker again
    }
    for (qsizetype i = used; i < m_markers.size(); ++i) {
        m_markers[i]->setVisible(false);
        hideFromLegend(m_markers[i]);
    }
}

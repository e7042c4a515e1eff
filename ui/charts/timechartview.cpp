#include "timechartview.h"

#include "chartstyle.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>

namespace {
constexpr int MaxMarkers = 20;
constexpr char OwnerProperty[] = "rdDeployment";
} // namespace

TimeChartView::TimeChartView(const QString &title, const QString &valueTitle, QWidget *parent)
    : QChartView(new QChart, parent)
    , m_time(new QDateTimeAxis(this))
    , m_value(new QValueAxis(this))
{
    QChart *c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTitle(title);
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));
    m_time->setFormat(QStringLiteral("HH:mm:ss"));
    m_time->setTickCount(6);
    // A real window before the first show: Qt 6.4 never draws the labels or grid of a
    // QDateTimeAxis first laid out with its default (1970) range, whatever range follows.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_time->setRange(QDateTime::fromSecsSinceEpoch(now - 299), QDateTime::fromSecsSinceEpoch(now));
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
    }
    for (QScatterSeries *label : std::as_const(m_markerLabels))
        label->setPointLabelsColor(palette().color(QPalette::Text));
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

void TimeChartView::dropLinesNotIn(
    QHash<QString, QList<QLineSeries *>> &lines, const QStringList &deployments)
{
    for (auto it = lines.begin(); it != lines.end();) {
        if (deployments.contains(it.key())) {
            ++it;
            continue;
        }
        for (QLineSeries *series : std::as_const(it.value()))
            detach(series);
        it = lines.erase(it);
    }
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
    return int(std::count_if(
        m_markers.begin(), m_markers.end(), [](const QLineSeries *s) { return s->isVisible(); }));
}

QList<QPair<double, QString>> TimeChartView::visibleMarkerLabels() const
{
    QList<QPair<double, QString>> out;
    for (const QScatterSeries *series : m_markerLabels) {
        if (series->isVisible() && series->count() == 1)
            out.append({ series->at(0).x(), series->pointLabelsFormat() });
    }
    return out;
}

void TimeChartView::render(const ChartFrame &frame)
{
    scrollTo(frame.axisRightMs(), frame.windowSeconds);
    const double top = ChartStyle::niceCeiling(renderSeries(frame) * 1.1, m_minimumRange);
    m_value->setRange(0, top);
    renderMarkers(frame, top);
}

void TimeChartView::scrollTo(qint64 rightMs, qint64 windowSeconds)
{
    const QDateTime right = QDateTime::fromMSecsSinceEpoch(rightMs);
    if (right != m_time->max())
        m_time->setRange(
            QDateTime::fromMSecsSinceEpoch(rightMs - (windowSeconds - 1) * 1000), right);
}

void TimeChartView::renderMarkers(const ChartFrame &frame, double top)
{
    const qint64 leftMs = frame.leftT() * 1000;
    const qint64 rightMs = frame.rightT * 1000;
    QList<const TrafficMarker *> shown;
    for (const TrafficMarker &marker : frame.markers) {
        if (marker.timeMs >= leftMs && marker.timeMs <= rightMs && shown.size() < MaxMarkers)
            shown.append(&marker);
    }
    while (m_markers.size() < shown.size()) {
        auto *series = new QLineSeries(this);
        series->setPen(QPen(ChartStyle::markerColor(palette()), 1, Qt::DashLine));
        attach(series);
        m_markers.append(series);
    }
    for (qsizetype i = 0; i < m_markers.size(); ++i) {
        QLineSeries *series = m_markers[i];
        const bool used = i < shown.size();
        if (used) {
            series->setName(shown[i]->label);
            const double x = double(shown[i]->timeMs);
            series->replace({ QPointF(x, 0), QPointF(x, top) });
        }
        series->setVisible(used);
        hideFromLegend(series); // setVisible shows the legend marker again
    }
    renderMarkerLabels(shown, leftMs, rightMs, top);
}

void TimeChartView::renderMarkerLabels(
    const QList<const TrafficMarker *> &shown, qint64 leftMs, qint64 rightMs, double top)
{
    // Labels sit above the plot, centred on their line but kept inside the plot's width;
    // the newest change wins where two would overlap (moves a few seconds apart).
    const QRectF plot = chart()->plotArea();
    const double pxPerMs = rightMs > leftMs ? plot.width() / double(rightMs - leftMs) : 0;
    const QFontMetricsF metrics(font());
    QList<QPair<double, QString>> labels; // x in epoch ms, text
    QList<QRectF> taken;
    for (auto it = shown.crbegin(); it != shown.crend() && pxPerMs > 0; ++it) {
        const QString text = (*it)->label;
        const double width = metrics.horizontalAdvance(text) + 8;
        if (width > plot.width())
            continue;
        const double centre = std::clamp(
            double((*it)->timeMs - leftMs) * pxPerMs, width / 2, plot.width() - width / 2);
        const QRectF box(centre - width / 2, 0, width, metrics.height());
        if (std::any_of(
                taken.begin(), taken.end(), [&box](const QRectF &r) { return r.intersects(box); }))
            continue;
        taken.append(box);
        labels.append({ double(leftMs) + centre / pxPerMs, text });
    }
    while (m_markerLabels.size() < labels.size()) {
        auto *series = new QScatterSeries(this);
        series->setPen(Qt::NoPen);
        series->setBrush(Qt::NoBrush);
        series->setMarkerSize(1);
        series->setPointLabelsVisible(true);
        series->setPointLabelsClipping(false);
        series->setPointLabelsFont(font());
        series->setPointLabelsColor(palette().color(QPalette::Text));
        attach(series);
        m_markerLabels.append(series);
    }
    for (qsizetype i = 0; i < m_markerLabels.size(); ++i) {
        QScatterSeries *series = m_markerLabels[i];
        const bool used = i < labels.size();
        if (used) {
            // The label is the format itself (no @ placeholders).
            QString format = labels[i].second;
            series->setPointLabelsFormat(format.replace(QLatin1Char('@'), QLatin1Char(' ')));
            series->replace({ QPointF(labels[i].first, top) });
        }
        series->setVisible(used);
        hideFromLegend(series);
    }
}

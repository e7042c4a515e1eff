#include "splitchart.h"

#include "chartstyle.h"
#include "style/theme.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QEvent>
#include <QLegend>
#include <QValueAxis>

SplitChart::SplitChart(QWidget *parent)
    : QChartView(new QChart, parent)
    , m_series(new QBarSeries(this))
    , m_observed(new QBarSet(tr("Observed"), this))
    , m_configured(new QBarSet(tr("Configured traffic"), this))
    , m_mirror(new QBarSet(tr("Configured mirror"), this))
    , m_categories(new QBarCategoryAxis(this))
    , m_value(new QValueAxis(this))
{
    setObjectName(QStringLiteral("splitChart"));
    QChart *c = chart();
    c->setAnimationOptions(QChart::NoAnimation);
    c->setTitle(tr("Observed vs configured split"));
    c->legend()->setAlignment(Qt::AlignBottom);
    c->setMargins(QMargins(4, 4, 4, 4));
    m_series->append(m_observed);
    m_series->append(m_configured);
    m_series->setLabelsVisible(true);
    m_series->setLabelsFormat(QStringLiteral("@value %"));
    m_series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    m_series->setLabelsPrecision(3);
    c->addSeries(m_series);
    m_value->setRange(0, 100);
    m_value->setTickCount(6);
    m_value->setLabelFormat(QStringLiteral("%d %"));
    c->addAxis(m_categories, Qt::AlignBottom);
    c->addAxis(m_value, Qt::AlignLeft);
    m_series->attachAxis(m_categories);
    m_series->attachAxis(m_value);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(280, 200);
    applyPalette();
}

void SplitChart::applyPalette()
{
    ChartStyle::apply(this, palette());
    const QPalette &p = palette();
    m_observed->setColor(p.color(QPalette::Highlight));
    m_observed->setBorderColor(p.color(QPalette::Highlight).darker(120));
    QColor configured = p.color(QPalette::Text);
    configured.setAlpha(Theme::isDark(p) ? 90 : 70);
    m_configured->setColor(configured);
    m_configured->setBorderColor(p.color(QPalette::Text));
    m_mirror->setColor(Theme::warningColor(p));
    m_mirror->setBorderColor(Theme::warningColor(p).darker(120));
    for (QBarSet *set : { m_observed, m_configured, m_mirror })
        set->setLabelColor(p.color(QPalette::Text));
}

void SplitChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void SplitChart::render(const ChartFrame &frame)
{
    const qint64 since = frame.rightT - frame.splitSeconds + 1;
    QHash<QString, qint64> requests;
    m_total = 0;
    for (const QString &name : frame.deployments) {
        for (const MetricsBucket &b : frame.history->buckets(name, since)) {
            if (b.t <= frame.rightT) {
                requests[name] += b.requests;
                m_total += b.requests;
            }
        }
    }
    const bool mirrored = std::any_of(frame.mirror.begin(), frame.mirror.end(), [](int v) { return v > 0; });
    if (mirrored != m_series->barSets().contains(m_mirror)) {
        if (mirrored)
            m_series->append(m_mirror);
        else
            m_series->take(m_mirror);
    }
    if (m_categories->categories() != frame.deployments) {
        m_categories->clear();
        m_categories->append(frame.deployments);
    }
    // Same number of values as categories; the sets are rewritten whole.
    QList<qreal> observed;
    QList<qreal> configured;
    QList<qreal> mirror;
    for (const QString &name : frame.deployments) {
        observed.append(m_total > 0 ? 100.0 * double(requests.value(name)) / double(m_total) : 0.0);
        configured.append(frame.configured.value(name));
        mirror.append(frame.mirror.value(name));
    }
    const auto rewrite = [](QBarSet *set, const QList<qreal> &values) {
        if (set->count() > values.size())
            set->remove(values.size(), set->count() - values.size());
        for (qsizetype i = 0; i < values.size(); ++i) {
            if (i < set->count())
                set->replace(i, values[i]);
            else
                set->append(values[i]);
        }
    };
    rewrite(m_observed, observed);
    rewrite(m_configured, configured);
    rewrite(m_mirror, mirror);
    m_observed->setLabel(m_total > 0 ? tr("Observed (last %1 s, %2 requests)").arg(frame.splitSeconds).arg(m_total)
                                     : tr("Observed (no requests in the last %1 s)").arg(frame.splitSeconds));
}

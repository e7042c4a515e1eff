#include "monitorpanel.h"

#include "armjson.h"
#include "charts/errorschart.h"
#include "charts/latencychart.h"
#include "charts/requestschart.h"
#include "charts/splitchart.h"
#include "loadcontrols.h"
#include "style/theme.h"
#include "workspaceclient.h"
#include "workspacestore.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

#include <array>

namespace {

// The axes' right edge trails the clock by a second: the host sends a second once complete.
constexpr qint64 AxisLagMs = 1000;
constexpr qint64 SameChangeMs = 3000; // a change seen here and in the history is one change

QString describeChange(const TrafficMap &before, const TrafficMap &after, const QString &prefix)
{
    QStringList parts;
    QStringList names = before.keys() + after.keys();
    names.removeDuplicates();
    names.sort();
    for (const QString &name : std::as_const(names)) {
        const int a = before.value(name);
        const int b = after.value(name);
        if (a != b)
            parts << QStringLiteral("%1%2 %3→%4").arg(prefix, name).arg(a).arg(b);
    }
    return parts.join(QStringLiteral(", "));
}

QString markerLabel(const TrafficMap &trafficBefore, const TrafficMap &trafficAfter, const TrafficMap &mirrorBefore,
                    const TrafficMap &mirrorAfter)
{
    QStringList parts;
    const QString traffic = describeChange(trafficBefore, trafficAfter, QString());
    if (!traffic.isEmpty())
        parts << traffic;
    const QString mirror = describeChange(mirrorBefore, mirrorAfter, MonitorPanel::tr("mirror "));
    if (!mirror.isEmpty())
        parts << mirror;
    return parts.join(QStringLiteral("; "));
}

} // namespace

MonitorPanel::MonitorPanel(WorkspaceStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_feed(new MetricsFeed(store ? store->client() : nullptr, this))
    , m_redraw(this)
    , m_clock(this)
    , m_source(new QLabel(this))
    , m_load(new LoadControls(store, this))
    , m_requests(new RequestsChart(this))
    , m_split(new SplitChart(this))
    , m_latency(new LatencyChart(this))
    , m_errors(new ErrorsChart(this))
{
    m_source->setObjectName(QStringLiteral("metricsSource"));
    m_source->setWordWrap(true);
    auto *loadBox = new QGroupBox(tr("Load generator"), this);
    auto *loadLayout = new QVBoxLayout(loadBox);
    loadLayout->addWidget(m_load);
    auto *grid = new QGridLayout;
    grid->setSpacing(6);
    grid->addWidget(m_requests, 0, 0);
    grid->addWidget(m_split, 0, 1);
    grid->addWidget(m_latency, 1, 0);
    grid->addWidget(m_errors, 1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(loadBox);
    layout->addWidget(m_source);
    layout->addLayout(grid, 1);

    m_redraw.setSingleShot(true);
    m_redraw.setInterval(RedrawDelayMs);
    connect(&m_redraw, &QTimer::timeout, this, [this]() { redrawNow(); });
    m_clock.setInterval(ScrollIntervalMs);
    connect(&m_clock, &QTimer::timeout, this, [this]() { scrollNow(); });

    connect(m_feed, &MetricsFeed::bucketsAdded, this, [this]() { scheduleRedraw(); });
    connect(m_feed, &MetricsFeed::availabilityChanged, this, [this]() {
        updateSource();
        scheduleRedraw();
    });
    connect(m_load, &LoadControls::bucketsObserved, this, [this](const QList<MetricsBucket> &buckets) {
        for (const MetricsBucket &bucket : buckets)
            m_local.add(bucket);
        scheduleRedraw();
    });
    if (m_store) {
        connect(m_store, &WorkspaceStore::endpointChanged, this, [this](const QString &e) { onEndpointChanged(e); });
        connect(m_store, &WorkspaceStore::endpointAdded, this, [this](const QString &e) { onEndpointChanged(e); });
        connect(m_store, &WorkspaceStore::deploymentAdded, this, [this]() { scheduleRedraw(); });
        connect(m_store, &WorkspaceStore::deploymentRemoved, this, [this]() { scheduleRedraw(); });
    }
    updateSource();
    setEndpoint(QString());
}

MonitorPanel::~MonitorPanel() = default;

void MonitorPanel::setBodySource(std::function<QByteArray()> source)
{
    m_load->setBodySource(std::move(source));
}

void MonitorPanel::setEndpoint(const QString &endpoint)
{
    if (endpoint == m_endpoint && !endpoint.isEmpty())
        return;
    m_endpoint = endpoint;
    m_feed->setEndpoint(endpoint);
    m_load->setEndpoint(endpoint);
    m_local.clear();
    m_markers.clear();
    m_knowsTraffic = false;
    m_lastTraffic.clear();
    m_lastMirror.clear();
    onEndpointChanged(endpoint);
    loadHistory();
    updateSource();
    scheduleRedraw();
}

const MetricsHistory &MonitorPanel::shownHistory() const
{
    return showsLocalObservations() ? m_local : m_feed->history();
}

bool MonitorPanel::showsLocalObservations() const
{
    return m_feed->availability() != MetricsFeed::Availability::Available && m_feed->history().newestTime() == 0
        && m_local.newestTime() > 0;
}

void MonitorPanel::updateSource()
{
    QString text;
    Theme::State state = Theme::State::Unknown;
    if (m_endpoint.isEmpty()) {
        text = tr("Select an endpoint on the left to watch its traffic.");
    } else {
        switch (m_feed->availability()) {
        case MetricsFeed::Availability::Available:
            text = tr("Live metrics of %1 from the workspace, one point a second; dashed lines mark traffic changes.")
                       .arg(m_endpoint);
            state = Theme::State::Succeeded;
            break;
        case MetricsFeed::Availability::Unsupported:
            if (m_store && m_store->client() && !m_store->client()->servesLocalRoutes()) {
                text = tr("Live metrics are not available on Azure workspaces, so the charts show what this "
                          "app's load generator observes for %1.")
                           .arg(m_endpoint);
                state = Theme::State::Busy;
                break;
            }
            text = tr("This workspace has no metrics feed for %1, so the charts show what this app's load generator "
                      "observes.")
                       .arg(m_endpoint);
            state = Theme::State::Busy;
            break;
        case MetricsFeed::Availability::Unknown:
            text = tr("Waiting for the metrics of %1…").arg(m_endpoint);
            break;
        }
    }
    m_source->setText(text);
    m_source->setStyleSheet(state == Theme::State::Unknown ? QString() : Theme::messageStyle(state, palette()));
}

void MonitorPanel::onEndpointChanged(const QString &endpoint)
{
    if (endpoint != m_endpoint || !m_store)
        return;
    const EndpointSnapshot *snapshot = m_store->endpoint(endpoint);
    if (!snapshot)
        return;
    const TrafficMap traffic = snapshot->endpoint.traffic.value_or(TrafficMap());
    const TrafficMap mirror = snapshot->endpoint.mirrorTraffic.value_or(TrafficMap());
    if (m_knowsTraffic && (traffic != m_lastTraffic || mirror != m_lastMirror)) {
        // Seen now; the history (local workspaces) then gives the exact time.
        addMarker(TrafficMarker{ QDateTime::currentMSecsSinceEpoch(),
                                 markerLabel(m_lastTraffic, traffic, m_lastMirror, mirror), false });
        loadHistory();
    }
    m_lastTraffic = traffic;
    m_lastMirror = mirror;
    m_knowsTraffic = true;
    scheduleRedraw();
}

void MonitorPanel::addMarker(const TrafficMarker &marker)
{
    const auto near = [&marker](const TrafficMarker &known) {
        return std::abs(known.timeMs - marker.timeMs) <= SameChangeMs;
    };
    if (marker.fromHistory) {
        // The host's record is exact: it replaces what was seen here around that time.
        if (std::any_of(m_markers.begin(), m_markers.end(), [&marker](const TrafficMarker &known) {
                return known.fromHistory && known.timeMs == marker.timeMs;
            }))
            return;
        m_markers.removeIf([&near](const TrafficMarker &known) { return !known.fromHistory && near(known); });
    } else if (std::any_of(m_markers.begin(), m_markers.end(), [&](const TrafficMarker &known) {
                   return near(known) && known.label == marker.label;
               })) {
        return;
    }
    m_markers.append(marker);
    std::sort(m_markers.begin(), m_markers.end(),
              [](const TrafficMarker &a, const TrafficMarker &b) { return a.timeMs < b.timeMs; });
    scheduleRedraw();
}

void MonitorPanel::loadHistory()
{
    if (!m_store || !m_store->client() || m_endpoint.isEmpty() || !m_store->client()->servesLocalRoutes())
        return;
    const quint64 generation = ++m_historyGeneration;
    ApiReply *reply = m_store->client()->history(m_endpoint);
    connect(reply, &ApiReply::finished, this, [this, generation](const ApiResult &result) {
        if (generation != m_historyGeneration || !result.ok())
            return; // Azure has no history: the changes seen here are the markers
        Result<QList<TrafficChange>> changes = ArmJson::historyFromJson(result.json);
        if (!changes)
            return;
        const qint64 oldest = (QDateTime::currentSecsSinceEpoch() - MetricsHistory::DefaultWindowSeconds) * 1000;
        for (const TrafficChange &change : changes.value()) {
            const QDateTime time = QDateTime::fromString(change.time, Qt::ISODateWithMs);
            if (!time.isValid() || time.toMSecsSinceEpoch() < oldest)
                continue;
            const QString label = markerLabel(change.trafficBefore, change.trafficAfter, change.mirrorBefore,
                                              change.mirrorAfter);
            if (!label.isEmpty())
                addMarker(TrafficMarker{ time.toMSecsSinceEpoch(), label, true });
        }
    });
}

ChartFrame MonitorPanel::frame() const
{
    ChartFrame f;
    f.history = &shownHistory();
    f.windowSeconds = WindowSeconds;
    if (m_store && !m_endpoint.isEmpty()) {
        if (const EndpointSnapshot *e = m_store->endpoint(m_endpoint)) {
            for (const DeploymentSnapshot &d : e->deployments)
                f.deployments << d.deployment.name;
        }
    }
    QStringList extra = f.history->deployments();
    extra.removeIf([&f](const QString &name) { return f.deployments.contains(name) || name.isEmpty(); });
    f.deployments += extra;
    for (qsizetype i = 0; i < f.deployments.size(); ++i)
        f.colors.insert(f.deployments[i], Theme::deploymentColor(f.deployments[i], int(i), palette()));
    // The last complete second, or the newest bucket if the host's clock runs ahead.
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    f.rightT = std::max(nowMs / 1000 - 1, f.history->newestTime());
    f.rightMs = nowMs - AxisLagMs;
    f.configured = m_lastTraffic;
    f.mirror = m_lastMirror;
    f.markers = m_markers;
    return f;
}

void MonitorPanel::scheduleRedraw()
{
    if (!m_redraw.isActive())
        m_redraw.start();
}

void MonitorPanel::redrawNow()
{
    m_redraw.stop();
    updateSource();
    const ChartFrame f = frame();
    m_drawnRightT = f.rightT;
    m_requests->render(f);
    m_split->render(f);
    m_latency->render(f);
    m_errors->render(f);
}

void MonitorPanel::scrollNow()
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    // A new second (also without data: the series then end a second earlier): a redraw.
    if (nowMs / 1000 - 1 > m_drawnRightT) {
        scheduleRedraw();
        return;
    }
    if (m_redraw.isActive())
        return; // the redraw is about to move the axes anyway
    const qint64 rightMs = std::max(nowMs - AxisLagMs, m_drawnRightT * 1000);
    const std::array<TimeChartView *, 3> charts { m_requests, m_latency, m_errors };
    for (TimeChartView *chart : charts)
        chart->scrollTo(rightMs, WindowSeconds);
}

void MonitorPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_feed->start();
    m_clock.start();
    scheduleRedraw();
}

void MonitorPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_feed->stop();
    m_clock.stop();
}

void MonitorPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The charts restyle themselves (they get the new palette after this panel); the
    // theme change reset the series' colours, which the next redraw sets again.
    if (event->type() == QEvent::PaletteChange)
        scheduleRedraw();
}

#pragma once

// The Monitor tab: live charts of the selected endpoint (requests/s per deployment,
// observed vs configured split, latency percentiles, errors by status class, traffic
// changes marked on the time axis) and a load generator to drive it, so the split can be
// watched while the traffic slider moves. Data comes from the workspace's metrics feed;
// where there is none (Azure) the charts show what the load generator itself observed.
// Charts redraw on a coalescing timer from the ring buffers, never per bucket; between
// those once-a-second redraws the time axes scroll smoothly (ScrollIntervalMs), which only
// moves the axes.

#include "charts/chartframe.h"
#include "domain.h"
#include "metricsfeed.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class ErrorsChart;
class LatencyChart;
class LoadControls;
class QLabel;
class RequestsChart;
class SplitChart;
class WorkspaceStore;

class MonitorPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MonitorPanel)
public:
    static constexpr int RedrawDelayMs = 60;
    static constexpr int ScrollIntervalMs = 100;
    static constexpr qint64 WindowSeconds = 300;

    explicit MonitorPanel(WorkspaceStore *store, QWidget *parent = nullptr);
    ~MonitorPanel() override;

    void setEndpoint(const QString &endpoint);
    QString endpoint() const { return m_endpoint; }
    // The load generator's default body (the Test panel's editor).
    void setBodySource(std::function<QByteArray()> source);

    MetricsFeed *feed() const { return m_feed; }
    LoadControls *loadControls() const { return m_load; }
    RequestsChart *requestsChart() const { return m_requests; }
    SplitChart *splitChart() const { return m_split; }
    LatencyChart *latencyChart() const { return m_latency; }
    ErrorsChart *errorsChart() const { return m_errors; }
    // Which history the charts draw: the feed's, or the load generator's observations.
    const MetricsHistory &shownHistory() const;
    bool showsLocalObservations() const;
    QList<TrafficMarker> markers() const { return m_markers; }
    void addMarker(const TrafficMarker &marker); // also from the traffic history
    void redrawNow(); // what the coalescing timer does
    void scrollNow(); // what the scroll clock does: the time axes to now, a redraw each second

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void scheduleRedraw();
    ChartFrame frame() const;
    void onEndpointChanged(const QString &endpoint);
    void loadHistory();
    void updateSource();

    QPointer<WorkspaceStore> m_store;
    MetricsFeed *m_feed;
    MetricsHistory m_local; // the load generator's own observations
    QString m_endpoint;
    TrafficMap m_lastTraffic;
    TrafficMap m_lastMirror;
    bool m_knowsTraffic = false;
    QList<TrafficMarker> m_markers;
    quint64 m_historyGeneration = 0;
    QTimer m_redraw;
    QTimer m_clock; // scrolls the time axes, also when no data arrives
    qint64 m_drawnRightT = 0; // the last second the series were drawn to

    QLabel *m_source;
    LoadControls *m_load;
    RequestsChart *m_requests;
    SplitChart *m_split;
    LatencyChart *m_latency;
    ErrorsChart *m_errors;
};

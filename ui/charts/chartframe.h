#pragma once

// What one redraw of the Monitor charts works from: the metrics history, the deployments
// in display order with their colours, the time window and what the endpoint is set to.

#include "domain.h"
#include "metricshistory.h"

#include <QColor>
#include <QHash>
#include <QList>
#include <QStringList>

#include <algorithm>

struct TrafficMarker
{
    qint64 timeMs = 0; // epoch milliseconds
    QString label; // "blue 90→80, green 10→20"
    bool fromHistory = false; // the host's record (exact time), else the time the app saw it
};

struct ChartFrame
{
    const MetricsHistory *history = nullptr;
    QStringList deployments; // display order (stacking order of the requests chart)
    QHash<QString, QColor> colors;
    qint64 rightT = 0; // epoch seconds: the last second drawn
    // Epoch milliseconds at the right edge of the time axis: between whole seconds while the
    // axis scrolls (never before rightT).
    qint64 rightMs = 0;
    qint64 windowSeconds = 300;
    qint64 splitSeconds = 30; // the observed split counts the last this many seconds
    TrafficMap configured; // live traffic % per deployment
    TrafficMap mirror; // mirror traffic %
    QList<TrafficMarker> markers;

    qint64 leftT() const { return rightT - windowSeconds + 1; }
    qint64 axisRightMs() const { return std::max(rightMs, rightT * 1000); }
    QColor color(const QString &deployment) const { return colors.value(deployment, QColor(128, 128, 128)); }
};

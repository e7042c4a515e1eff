#pragma once

// What one redraw of the Monitor charts works from: the metrics history, the deployments
// in display order with their colours, the time window and what the endpoint is set to.

#include "domain.h"
#include "metricshistory.h"

#include <QColor>
#include <QHash>
#include <QList>
#include <QStringList>

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
    qint64 rightT = 0; // epoch seconds at the right edge of the time axis
    qint64 windowSeconds = 300;
    qint64 splitSeconds = 30; // the observed split counts the last this many seconds
    TrafficMap configured; // live traffic % per deployment
    TrafficMap mirror; // mirror traffic %
    QList<TrafficMarker> markers;

    qint64 leftT() const { return rightT - windowSeconds + 1; }
    QColor color(const QString &deployment) const { return colors.value(deployment, QColor(128, 128, 128)); }
};

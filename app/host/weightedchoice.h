#pragma once

// Smooth weighted round-robin, the algorithm of nginx's upstream balancer: every pick adds
// each weight to that entry's running score, takes the entry with the highest score and
// takes the total off it. Picks interleave (90/10 gives the 10 % entry every tenth pick,
// not ten in a row), and every run of `total` consecutive picks holds each entry exactly
// `weight` times, so the share over any window of picks is exact up to part of one period.
// Pure and allocation-free per pick: the gateway's data path calls it once per request.

#include "domain.h"

#include <QString>
#include <QStringList>
#include <vector>

class WeightedChoice
{
public:
    WeightedChoice() = default;
    explicit WeightedChoice(const TrafficMap &weights) { setWeights(weights); }

    // Other weights start the rotation over; the same weights keep it going (a route table
    // rebuilt for an unrelated change must not skew the split). Weights <= 0 never win.
    void setWeights(const TrafficMap &weights);
    const TrafficMap &weights() const { return m_weights; }

    // At least one weight is positive.
    bool hasChoice() const { return m_total > 0; }
    // The next entry's name; empty when no weight is positive.
    QString next();
    // The next entry as an index into names(); -1 when no weight is positive.
    int nextIndex();
    // The entries with a positive weight, in map (name) order.
    const QStringList &names() const { return m_names; }

private:
    TrafficMap m_weights;
    QStringList m_names;
    std::vector<qint64> m_weight; // parallel to m_names
    std::vector<qint64> m_score;
    qint64 m_total = 0;
};

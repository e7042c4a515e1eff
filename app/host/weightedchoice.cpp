#include "weightedchoice.h"

void WeightedChoice::setWeights(const TrafficMap &weights)
{
    if (weights == m_weights && !m_names.isEmpty())
        return;
    m_weights = weights;
    m_names.clear();
    m_weight.clear();
    m_total = 0;
    for (auto it = weights.cbegin(); it != weights.cend(); ++it) {
        if (it.value() <= 0)
            continue;
        m_names.append(it.key());
        m_weight.push_back(it.value());
        m_total += it.value();
    }
    m_score.assign(m_weight.size(), 0);
}

int WeightedChoice::nextIndex()
{
    if (m_total <= 0)
        return -1;
    // Ties go to the first entry, so the sequence is deterministic (and testable).
    size_t best = 0;
    for (size_t i = 0; i < m_weight.size(); ++i) {
        m_score[i] += m_weight[i];
        if (m_score[i] > m_score[best])
            best = i;
    }
    m_score[best] -= m_total;
    return int(best);
}

QString WeightedChoice::next()
{
    const int i = nextIndex();
    return i < 0 ? QString() : m_names.at(i);
}

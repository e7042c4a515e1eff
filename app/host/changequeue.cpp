#include "changequeue.h"

#include <QPointer>
#include <QTimer>

ChangeQueue::ChangeQueue(QObject *parent)
    : QObject(parent)
{ }

void ChangeQueue::enqueue(const QString &key, Job job)
{
    Lane &lane = m_lanes[key];
    lane.jobs.push_back(std::move(job));
    if (!lane.running)
        runNext(key);
}

bool ChangeQueue::isIdle(const QString &key) const { return pending(key) == 0; }

int ChangeQueue::pending(const QString &key) const
{
    auto it = m_lanes.constFind(key);
    if (it == m_lanes.constEnd())
        return 0;
    return int(it->jobs.size()) + (it->running ? 1 : 0);
}

void ChangeQueue::runNext(const QString &key)
{
    Lane &lane = m_lanes[key];
    if (lane.jobs.empty()) {
        lane.running = false;
        m_lanes.remove(key);
        return;
    }
    lane.running = true;
    Job job = std::move(lane.jobs.front());
    lane.jobs.pop_front();
    auto called = std::make_shared<bool>(false);
    QPointer<ChangeQueue> self(this);
    job([self, key, called]() {
        if (*called || !self)
            return;
        *called = true;
        // Queued, so a job that finishes synchronously does not recurse.
        QTimer::singleShot(0, self, [self, key]() {
            if (self)
                self->runNext(key);
        });
    });
}

#pragma once

// Changes to one endpoint apply in arrival order: a queue per endpoint, not a 409. A job
// gets a `done` callback and the next job starts only after it is called.

#include <QHash>
#include <QObject>
#include <QString>
#include <deque>
#include <functional>

class ChangeQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeQueue)
public:
    using Done = std::function<void()>;
    using Job = std::function<void(Done done)>;

    explicit ChangeQueue(QObject *parent = nullptr);

    void enqueue(const QString &key, Job job);
    bool isIdle(const QString &key) const;
    int pending(const QString &key) const; // queued plus running

private:
    void runNext(const QString &key);

    struct Lane
    {
        std::deque<Job> jobs;
        bool running = false;
    };
    QHash<QString, Lane> m_lanes;
};

#pragma once

// A small event loop for one gateway worker thread (Linux epoll): file descriptors with a
// handler each, timers in a binary heap (no allocation per arm), tasks posted from other
// threads through an eventfd, and handlers retired during a batch of events destroyed
// only after it, so an event for a handler closed a moment ago finds it still there.
// Everything but post() and stop() is for the loop's own thread.

#include <QtGlobal>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

class EpollLoop
{
    Q_DISABLE_COPY_MOVE(EpollLoop)
public:
    class Handler
    {
    public:
        virtual ~Handler() = default;
        // EPOLLIN, EPOLLOUT, EPOLLRDHUP, EPOLLHUP, EPOLLERR as epoll reports them.
        virtual void onEvents(std::uint32_t events) = 0;
    };

    class Timer
    {
    public:
        explicit Timer(std::function<void()> fire)
            : m_fire(std::move(fire))
        { }
        bool isArmed() const { return m_index != NotArmed; }
        qint64 deadline() const { return m_deadline; }

    private:
        friend class EpollLoop;
        static constexpr size_t NotArmed = ~size_t(0);
        std::function<void()> m_fire;
        qint64 m_deadline = 0;
        size_t m_index = NotArmed;
    };

    EpollLoop();
    ~EpollLoop();

    bool isValid() const { return m_epoll >= 0 && m_wake >= 0; }
    bool add(int fd, std::uint32_t events, Handler *handler);
    bool modify(int fd, std::uint32_t events, Handler *handler);
    void remove(int fd);

    // Monotonic nanoseconds; now() is read once per round of events.
    static qint64 clockNs();
    qint64 now() const { return m_now; }
    void refreshNow();

    // (Re)arms at an absolute deadline in clockNs() time.
    void arm(Timer *timer, qint64 deadlineNs);
    void cancel(Timer *timer);

    // Destroyed after the current batch of events.
    void retire(std::unique_ptr<Handler> handler);

    // Thread-safe: runs `task` on the loop's thread soon.
    void post(std::function<void()> task);
    // Thread-safe: run() returns after the current round.
    void stop();
    void run();

private:
    void siftUp(size_t i);
    void siftDown(size_t i);
    void place(size_t i, Timer *timer);
    void removeAt(size_t i);
    void runTimers();
    void runTasks();
    int waitMs() const;

    int m_epoll = -1;
    int m_wake = -1;
    qint64 m_now = 0;
    std::vector<Timer *> m_heap;
    std::vector<std::unique_ptr<Handler>> m_retired;
    std::mutex m_mutex;
    std::vector<std::function<void()>> m_tasks; // guarded by m_mutex
    std::vector<std::function<void()>> m_running;
    bool m_stop = false; // guarded by m_mutex
};

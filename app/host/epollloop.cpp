#include "epollloop.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>

EpollLoop::EpollLoop()
    : m_epoll(::epoll_create1(EPOLL_CLOEXEC))
    , m_wake(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC))
{
    refreshNow();
    if (m_epoll >= 0 && m_wake >= 0) {
        epoll_event event {};
        event.events = EPOLLIN;
        event.data.ptr = nullptr; // the wake-up descriptor
        ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &event);
    }
}

EpollLoop::~EpollLoop()
{
    m_retired.clear();
    if (m_wake >= 0)
        ::close(m_wake);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool EpollLoop::add(int fd, std::uint32_t events, Handler *handler)
{
    epoll_event event {};
    event.events = events;
    event.data.ptr = handler;
    return ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) == 0;
}

bool EpollLoop::modify(int fd, std::uint32_t events, Handler *handler)
{
    epoll_event event {};
    event.events = events;
    event.data.ptr = handler;
    return ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event) == 0;
}

void EpollLoop::remove(int fd) { ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr); }

qint64 EpollLoop::clockNs()
{
    timespec ts {};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

void EpollLoop::refreshNow() { m_now = clockNs(); }

void EpollLoop::place(size_t i, Timer *timer)
{
    m_heap[i] = timer;
    timer->m_index = i;
}

void EpollLoop::siftUp(size_t i)
{
    Timer *timer = m_heap[i];
    while (i > 0) {
        const size_t parent = (i - 1) / 2;
        if (m_heap[parent]->m_deadline <= timer->m_deadline)
            break;
        place(i, m_heap[parent]);
        i = parent;
    }
    place(i, timer);
}

void EpollLoop::siftDown(size_t i)
{
    Timer *timer = m_heap[i];
    const size_t n = m_heap.size();
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && m_heap[child + 1]->m_deadline < m_heap[child]->m_deadline)
            ++child;
        if (timer->m_deadline <= m_heap[child]->m_deadline)
            break;
        place(i, m_heap[child]);
        i = child;
    }
    place(i, timer);
}

void EpollLoop::removeAt(size_t i)
{
    Timer *gone = m_heap[i];
    gone->m_index = Timer::NotArmed;
    Timer *last = m_heap.back();
    m_heap.pop_back();
    if (last == gone)
        return;
    place(i, last);
    siftDown(i);
    siftUp(last->m_index);
}

void EpollLoop::arm(Timer *timer, qint64 deadlineNs)
{
    if (timer->isArmed()) {
        const bool earlier = deadlineNs < timer->m_deadline;
        timer->m_deadline = deadlineNs;
        if (earlier)
            siftUp(timer->m_index);
        else
            siftDown(timer->m_index);
        return;
    }
    timer->m_deadline = deadlineNs;
    m_heap.push_back(timer);
    timer->m_index = m_heap.size() - 1;
    siftUp(timer->m_index);
}

void EpollLoop::cancel(Timer *timer)
{
    if (timer->isArmed())
        removeAt(timer->m_index);
}

void EpollLoop::retire(std::unique_ptr<Handler> handler) { m_retired.push_back(std::move(handler)); }

void EpollLoop::post(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_wake, &one, sizeof one);
}

void EpollLoop::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    const quint64 one = 1;
    [[maybe_unused]] const ssize_t n = ::write(m_wake, &one, sizeof one);
}

void EpollLoop::runTimers()
{
    while (!m_heap.empty() && m_heap.front()->m_deadline <= m_now) {
        Timer *timer = m_heap.front();
        removeAt(0);
        timer->m_fire(); // may arm timers, this one included
    }
}

void EpollLoop::runTasks()
{
    {
        std::lock_guard lock(m_mutex);
        m_running.swap(m_tasks);
    }
    for (auto &task : m_running)
        task();
    m_running.clear();
}

int EpollLoop::waitMs() const
{
    if (m_heap.empty())
        return 1000;
    const qint64 ns = m_heap.front()->m_deadline - clockNs();
    if (ns <= 0)
        return 0;
    return int(std::min<qint64>((ns + 999999) / 1000000, 1000));
}

void EpollLoop::run()
{
    constexpr int MaxEvents = 128;
    epoll_event events[MaxEvents];
    for (;;) {
        {
            std::lock_guard lock(m_mutex);
            if (m_stop)
                return;
        }
        const int n = ::epoll_wait(m_epoll, events, MaxEvents, waitMs());
        refreshNow();
        bool woken = false;
        for (int i = 0; i < n; ++i) {
            auto *handler = static_cast<Handler *>(events[i].data.ptr);
            if (!handler) {
                quint64 count = 0;
                [[maybe_unused]] const ssize_t r = ::read(m_wake, &count, sizeof count);
                woken = true;
                continue;
            }
            handler->onEvents(events[i].events);
        }
        if (woken)
            runTasks();
        runTimers();
        m_retired.clear();
    }
}

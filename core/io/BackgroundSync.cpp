#include "core/io/BackgroundSync.h"

namespace tapedeck {

BackgroundSync::~BackgroundSync()
{
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_busy; });
        m_quit = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

bool BackgroundSync::start(Job job)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_busy)
            return false;
        m_job = std::move(job);
        m_busy = true;
        if (!m_thread.joinable())
            m_thread = std::thread([this] { run(); });
    }
    m_changed.notify_all();
    return true;
}

bool BackgroundSync::busy() const
{
    std::lock_guard lock(m_mutex);
    return m_busy;
}

void BackgroundSync::wait()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_busy; });
}

std::optional<Error> BackgroundSync::takeError()
{
    std::lock_guard lock(m_mutex);
    std::optional<Error> e;
    e.swap(m_error);
    return e;
}

void BackgroundSync::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [this] { return m_quit || (m_busy && m_job); });
        if (m_quit)
            return;
        Job job = std::move(m_job);
        m_job = nullptr;
        lock.unlock();
        const Status s = job();
        job = nullptr;
        lock.lock();
        if (!s && !m_error)
            m_error = s.error();
        m_busy = false;
        m_changed.notify_all();
    }
}

} // namespace tapedeck

#include "core/record/PacketWorker.h"

namespace tapedeck {

PacketWorker::~PacketWorker() { stop(); }

void PacketWorker::start(Handler handler, size_t maxQueued, WhenFull whenFull)
{
    stop();
    {
        std::lock_guard lock(m_mutex);
        m_handler = std::move(handler);
        m_maxQueued = std::max<size_t>(1, maxQueued);
        m_whenFull = whenFull;
        m_stop = false;
        m_skipped = 0;
        m_queue.clear();
    }
    m_thread = std::thread([this] { run(); });
}

void PacketWorker::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_queue.clear();
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

bool PacketWorker::push(const AVPacket *pkt)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_thread.joinable() || m_stop)
            return false;
        if (m_queue.size() >= m_maxQueued) {
            ++m_skipped;
            if (m_whenFull == WhenFull::RefuseNew)
                return false;
            m_queue.pop_front();
        }
        PacketPtr ref = clonePacket(pkt);
        if (!ref)
            return false;
        m_queue.push_back(std::move(ref));
    }
    m_wake.notify_one();
    return true;
}

qint64 PacketWorker::skipped() const
{
    std::lock_guard lock(m_mutex);
    return m_skipped;
}

void PacketWorker::run()
{
    while (true) {
        PacketPtr pkt;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_stop)
                return;
            pkt = std::move(m_queue.front());
            m_queue.pop_front();
        }
        m_handler(pkt.get());
    }
}

} // namespace tapedeck

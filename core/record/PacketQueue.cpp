#include "core/record/PacketQueue.h"

#include <chrono>

namespace tapedeck {

void PacketQueue::pushControl(QueueItem item)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_closed)
            return;
        m_items.push_back(std::move(item));
    }
    m_notEmpty.notify_one();
}

bool PacketQueue::pushPacket(PacketPtr pkt, bool dropWhenFull, int videoIndex, const std::atomic<bool> &abort)
{
    std::unique_lock lock(m_mutex);
    const bool isVideo = pkt->stream_index == videoIndex;
    if (isVideo && m_dropVideoUntilKey) {
        if (!(pkt->flags & AV_PKT_FLAG_KEY))
            return false;
        m_dropVideoUntilKey = false;
    }
    auto full = [&] { return m_packets >= m_maxPackets || m_bytes + pkt->size > m_maxBytes; };
    if (full()) {
        if (dropWhenFull) {
            if (isVideo)
                m_dropVideoUntilKey = true;
            return false;
        }
        while (full() && !m_closed && !abort.load())
            m_notFull.wait_for(lock, std::chrono::milliseconds(100));
        if (m_closed || abort.load())
            return false;
    }
    if (m_closed)
        return false;
    ++m_packets;
    m_bytes += pkt->size;
    QueueItem item;
    item.packet = std::move(pkt);
    m_items.push_back(std::move(item));
    lock.unlock();
    m_notEmpty.notify_one();
    return true;
}

std::optional<QueueItem> PacketQueue::pop()
{
    std::unique_lock lock(m_mutex);
    m_notEmpty.wait(lock, [this] { return !m_items.empty() || m_closed; });
    if (m_items.empty())
        return std::nullopt;
    QueueItem item = std::move(m_items.front());
    m_items.pop_front();
    if (item.kind == QueueItem::Kind::Packet) {
        --m_packets;
        m_bytes -= item.packet->size;
    }
    lock.unlock();
    m_notFull.notify_one();
    return item;
}

void PacketQueue::close()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_notEmpty.notify_all();
    m_notFull.notify_all();
}

qint64 PacketQueue::bytes() const
{
    std::lock_guard lock(m_mutex);
    return m_bytes;
}

} // namespace tapedeck

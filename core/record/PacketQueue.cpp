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
        ++m_waitingPushers;
        while (full() && !m_closed && !abort.load())
            m_notFull.wait_for(lock, std::chrono::milliseconds(100));
        --m_waitingPushers;
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
    // A live packet wakes the writer at once (it should reach the disk now).
    // A file read faster than it is written wakes it once per batch, not per
    // packet; pop() looks again after kFileBatchWaitMs, so a slow read never
    // leaves a few packets waiting for long.
    m_batching = !dropWhenFull;
    const bool wake = dropWhenFull || m_packets >= kFileBatchPackets || m_bytes >= m_maxBytes / 4;
    lock.unlock();
    if (wake)
        m_notEmpty.notify_one();
    return true;
}

std::optional<QueueItem> PacketQueue::pop()
{
    std::unique_lock lock(m_mutex);
    auto ready = [this] { return !m_items.empty() || m_closed; };
    while (!ready()) {
        if (m_batching)
            m_notEmpty.wait_for(lock, std::chrono::milliseconds(kFileBatchWaitMs));
        else
            m_notEmpty.wait(lock);
    }
    return takeFront(lock);
}

std::optional<QueueItem> PacketQueue::tryPop()
{
    std::unique_lock lock(m_mutex);
    return takeFront(lock);
}

std::optional<QueueItem> PacketQueue::takeFront(std::unique_lock<std::mutex> &lock)
{
    if (m_items.empty())
        return std::nullopt;
    QueueItem item = std::move(m_items.front());
    m_items.pop_front();
    if (item.kind == QueueItem::Kind::Packet) {
        --m_packets;
        m_bytes -= item.packet->size;
    }
    const bool wake = m_waitingPushers > 0 && (m_packets <= m_maxPackets / 2 && m_bytes <= m_maxBytes / 2);
    lock.unlock();
    if (wake)
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

} // namespace tapedeck

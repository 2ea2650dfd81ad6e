#pragma once
// The bounded queue between a session's reader and writer. Bounded by packet
// count and bytes, so memory stays bounded whatever the network does. A live
// source never waits for the disk: when the queue is full its packets are
// dropped (video until the next keyframe, so what is kept stays decodable).
// A file read as fast as possible waits instead and loses nothing.

#include "core/base/FFmpeg.h"
#include "core/base/MediaTypes.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace tapedeck {

struct QueueItem {
    enum class Kind { Packet, Streams, End };
    Kind kind = Kind::Packet;
    PacketPtr packet;
    std::vector<StreamInfo> streams; // Kind::Streams
    SourceTags sourceTags;           // Kind::Streams: what the source says about itself
    bool reconnected = false;        // Kind::Streams after a drop
    qint64 gapMs = 0;                // Kind::Streams after a drop: wall time since the last packet
    QString gapReason;               // Kind::Streams after a drop: why the source dropped
};

class PacketQueue {
public:
    PacketQueue(int maxPackets, qint64 maxBytes) : m_maxPackets(maxPackets), m_maxBytes(maxBytes) {}

    // Control items (streams, end) are never dropped and never block.
    void pushControl(QueueItem item);
    // Returns false when the packet was dropped (only with dropWhenFull).
    bool pushPacket(PacketPtr pkt, bool dropWhenFull, int videoIndex, const std::atomic<bool> &abort);
    // Blocks until an item is there or close() was called.
    std::optional<QueueItem> pop();
    // Wakes everybody; pop() returns nullopt once empty, pushes are ignored.
    void close();
    qint64 bytes() const;

private:
    mutable std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::deque<QueueItem> m_items;
    int m_maxPackets;
    qint64 m_maxBytes;
    int m_packets = 0;
    qint64 m_bytes = 0;
    bool m_closed = false;
    bool m_dropVideoUntilKey = false;
};

} // namespace tapedeck

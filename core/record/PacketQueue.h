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
    // TakeEnd (StartMode::WheneverLive): the stream went away; the writer
    // closes the take's files and waits for the next Streams.
    enum class Kind { Packet, Streams, TakeEnd, End };
    Kind kind = Kind::Packet;
    PacketPtr packet;
    std::vector<StreamInfo> streams; // Kind::Streams
    SourceTags sourceTags;           // Kind::Streams: what the source says about itself
    bool live = false;               // Kind::Streams: packets come in real time (a live source or
                                     // --realtime), so fsyncs also follow media time
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
    // Returns at once: the next item, or nullopt when none is waiting.
    std::optional<QueueItem> tryPop();
    // Wakes everybody; pop() returns nullopt once empty, pushes are ignored.
    void close();

private:
    std::optional<QueueItem> takeFront(std::unique_lock<std::mutex> &lock);
    mutable std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::deque<QueueItem> m_items;
    int m_maxPackets;
    qint64 m_maxBytes;
    int m_packets = 0;
    qint64 m_bytes = 0;
    bool m_closed = false;
    // A pusher waiting on a full queue is woken once the queue has drained
    // to half, not at every pop: a file read faster than it is written would
    // otherwise cost two thread switches per packet.
    int m_waitingPushers = 0;
    // The last packet came from a file (pushed with dropWhenFull off): the
    // writer is woken per batch (pushPacket()).
    bool m_batching = false;
    static constexpr int kFileBatchPackets = 16;
    static constexpr int kFileBatchWaitMs = 20;
    bool m_dropVideoUntilKey = false;
};

} // namespace tapedeck

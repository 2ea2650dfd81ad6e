#pragma once
// A thread of its own fed with packet references through a small bounded
// queue. The writer thread hands work over (audio levels, preview pictures)
// and never waits for it: when the worker lags, a packet is skipped, never
// the recording delayed. The disk thread only writes.

#include "core/base/FFmpeg.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace tapedeck {

class PacketWorker {
public:
    // What a full queue does with one more packet: refuse it (every packet
    // counts in order, as for a meter), or let it replace the oldest one
    // waiting (only the newest matters, as for a preview picture).
    enum class WhenFull { RefuseNew, ReplaceOldest };
    using Handler = std::function<void(AVPacket *)>;

    PacketWorker() = default;
    ~PacketWorker(); // stops and joins
    PacketWorker(const PacketWorker &) = delete;
    PacketWorker &operator=(const PacketWorker &) = delete;

    // (Re)starts the thread: `handler` runs there, once per packet taken.
    void start(Handler handler, size_t maxQueued, WhenFull whenFull);
    // Drops what waits and joins; a packet being handled is finished first.
    void stop();
    // Hands a new reference to `pkt` to the thread. Never blocks on the
    // handler. False when refused: not running, or full under RefuseNew.
    bool push(const AVPacket *pkt);
    // Packets refused or replaced because the worker lagged (since start).
    qint64 skipped() const;

private:
    void run();

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<PacketPtr> m_queue;
    Handler m_handler;
    size_t m_maxQueued = 1;
    WhenFull m_whenFull = WhenFull::RefuseNew;
    bool m_stop = false;
    qint64 m_skipped = 0;
    std::thread m_thread;
};

} // namespace tapedeck

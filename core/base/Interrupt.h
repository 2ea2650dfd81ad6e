#pragma once
// The interrupt callback every libavformat open and read goes through: a stop
// flag checked on every call and a wall-clock deadline re-armed per operation,
// so nothing waits forever on a dead peer.

#include <QtGlobal>

#include <atomic>
#include <chrono>

struct AVIOInterruptCB;

namespace tapedeck {

class Interrupter {
public:
    explicit Interrupter(const std::atomic<bool> *stopFlag) : m_stop(stopFlag) {}

    // Arms a deadline `timeoutMs` from now; <= 0 means "no deadline".
    void arm(qint64 timeoutMs);
    void disarm() { arm(0); }

    bool stopRequested() const { return m_stop && m_stop->load(std::memory_order_relaxed); }
    bool timedOut() const;
    bool shouldInterrupt() const { return stopRequested() || timedOut(); }
    // Whether the callback told libavformat to give up since the last arm():
    // what a read returns then may have been cut short (a demuxer hands over
    // the part of a packet it had when its input failed).
    bool fired() const { return m_fired.load(std::memory_order_relaxed); }

    // Fills an AVIOInterruptCB pointing at this object.
    void install(AVIOInterruptCB &cb);

private:
    static int callback(void *opaque);

    const std::atomic<bool> *m_stop;
    std::atomic<qint64> m_deadlineNs{0};
    std::atomic<bool> m_fired{false};
};

} // namespace tapedeck

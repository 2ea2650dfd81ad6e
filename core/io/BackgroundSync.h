#pragma once
// A writer's periodic fsyncs on a thread of their own, so the thread that
// takes packets never waits for the disk (issue 15). One sync at a time: a
// writer that finds one still running goes on writing and asks again at its
// next packet. What makes a sync safe (which bytes must be in the kernel
// before it starts, which may be written while it runs) stays the writer's
// business: Mp4Writer holds its index records while a sync runs, so a synced
// record still only points at synced bytes (docs/recovery.md).

#include "core/base/Result.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace tapedeck {

class BackgroundSync {
public:
    using Job = std::function<Status()>;

    BackgroundSync() = default;
    // Waits for a running sync (a disk that never answers keeps the caller
    // here, as an fsync on the caller's own thread would have), then ends the
    // thread.
    ~BackgroundSync();
    BackgroundSync(const BackgroundSync &) = delete;
    BackgroundSync &operator=(const BackgroundSync &) = delete;

    // Starts `job` on the sync thread (started on the first call) and returns
    // true; returns false and does nothing while the previous job runs.
    bool start(Job job);
    bool busy() const;
    // Until no job runs.
    void wait();
    // The first failure of a finished job, once (then nullopt again).
    std::optional<Error> takeError();

private:
    void run();

    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::thread m_thread;
    Job m_job;
    bool m_busy = false;
    bool m_quit = false;
    std::optional<Error> m_error;
};

// Whether a sync that is due may run in the background. Not in a burst: when
// the media written since the last sync ran ahead of the wall clock (an HLS
// segment, the catch-up after a stall), the writer would go on putting far
// more media than the interval at risk while the disk works, so it waits
// for that sync as it always did. A live source at its own pace (media time
// within half an interval of the wall clock) syncs in the background.
inline bool syncFitsInBackground(bool mediaDue, qint64 mediaSpanUs, qint64 wallSinceSyncMs, qint64 syncMediaMs)
{
    return !mediaDue || mediaSpanUs / 1000 < wallSinceSyncMs + syncMediaMs / 2;
}

} // namespace tapedeck

#include "core/io/SyncStats.h"

#include <algorithm>
#include <atomic>

namespace tapedeck {

namespace {
std::array<std::atomic<qint64>, SyncLatency::bucketUpperUs.size()> g_buckets{};
std::atomic<qint64> g_count{0};
std::atomic<qint64> g_totalUs{0};
} // namespace

void recordSyncLatency(qint64 us)
{
    for (size_t i = 0; i < SyncLatency::bucketUpperUs.size(); ++i) {
        if (us <= SyncLatency::bucketUpperUs[i]) {
            g_buckets[i].fetch_add(1, std::memory_order_relaxed);
            break;
        }
    }
    g_totalUs.fetch_add(us, std::memory_order_relaxed);
    g_count.fetch_add(1, std::memory_order_relaxed);
}

SyncLatency syncLatency()
{
    SyncLatency s;
    qint64 running = 0;
    for (size_t i = 0; i < s.bucketUpperUs.size(); ++i) {
        running += g_buckets[i].load(std::memory_order_relaxed);
        s.cumulative[i] = running;
    }
    s.count = g_count.load(std::memory_order_relaxed);
    s.totalUs = g_totalUs.load(std::memory_order_relaxed);
    // A call counted in `count` but not yet in its bucket (a read between
    // the two increments) must not make +Inf smaller than a bucket.
    s.count = std::max(s.count, running);
    return s;
}

} // namespace tapedeck

#pragma once
// How long the recordings' fsync calls take, process-wide (OutputFile::sync
// records each one): a slow or dying disk shows here before it stalls a
// recording. Lock-free counters, read by the service's /metrics.

#include <QtGlobal>

#include <array>

namespace tapedeck {

struct SyncLatency {
    // Prometheus-style cumulative buckets: cumulative[i] counts the calls that
    // took at most bucketUpperUs[i] microseconds.
    static constexpr std::array<qint64, 8> bucketUpperUs{1000, 5000, 10000, 50000, 100000, 500000, 1000000, 5000000};
    std::array<qint64, bucketUpperUs.size()> cumulative{};
    qint64 count = 0;
    qint64 totalUs = 0;
};

void recordSyncLatency(qint64 microseconds);
SyncLatency syncLatency();

} // namespace tapedeck

#pragma once

#include "core/writer/Writer.h"

namespace tapedeck {

// Knobs beyond WriterOptions, for settings that only MP4 has, tests and benchmarks.
struct Mp4WriterTuning {
    // Size of the room reserved for the moov at the front of the file, header
    // included; 0 = estimate from WriterOptions::expectedDurationMs and the
    // track rates (docs/sidecar-format.md, "Reserved room").
    qint64 reservedBytes = 0;
    // Header-first at any cost is WriterOptions::forceMoovFirst (one option,
    // one name, from RecordParams down to RebuildOptions).
};

// The crash-safe MP4 writer (sidecar files, finalised in O(index)).
std::unique_ptr<ContainerWriter> makeMp4Writer();
std::unique_ptr<ContainerWriter> makeMp4Writer(const Mp4WriterTuning &tuning);

// The room the writer reserves for these streams and this expected duration.
qint64 estimateMoovRoom(const std::vector<StreamInfo> &streams, qint64 expectedDurationMs);

} // namespace tapedeck

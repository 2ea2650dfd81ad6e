#pragma once
// Just enough ISO-BMFF reading for the scanner: is a `.mp4` complete (has a
// moov), and what frame rate does a healthy MP4 beside a raw `.h264` use.
// Box sizes are checked against the bytes that remain; nesting is bounded.
// Fuzzed (tests/fuzz).

#include <QString>

#include <cstdint>
#include <optional>

namespace tapedeck::recovery {

// One box header as the file states it. The one reader of box headers that
// recovery and repair share: sizes checked against the bytes that remain,
// 64-bit sizes, size 0 ("to the end").
struct Mp4Box {
    uint32_t type = 0;
    int64_t start = 0;
    int64_t payload = 0;      // offset of the payload
    int64_t end = 0;          // offset after the box, clamped to the limit
    int64_t declaredEnd = -1; // -1: size 0 ("to the end")
    bool large = false;       // a 64-bit size
    bool truncated = false;   // the box runs past the limit
};

// The box at `pos` inside [0, limit) of `data`; nullopt when its header is
// malformed (too short, a size smaller than its header, a size that wraps).
std::optional<Mp4Box> readMp4Box(const uint8_t *data, int64_t limit, int64_t pos);

struct Mp4TopLevel {
    bool looksLikeMp4 = false; // starts with ftyp (or another known top-level box)
    bool hasFtyp = false, hasMoov = false, hasMdat = false, hasFree = false;
    int64_t moovOffset = -1, moovSize = 0;
    int64_t mdatOffset = -1, mdatSize = 0; // mdatSize 0 = "to end of file"
    bool truncated = false;                // the last box runs past the end of the file
    int boxes = 0;
    QString problem;
};
// `data` is the whole file, memory-mapped: only box headers are touched.
Mp4TopLevel inspectMp4(const uint8_t *data, size_t size);

struct Mp4VideoTiming {
    uint32_t timescale = 0;
    uint32_t sampleDelta = 0; // the most common stts delta
    int64_t samples = 0;
    int frameRateNum = 0, frameRateDen = 1;
};
// The first video track's timing, from a moov box's payload.
std::optional<Mp4VideoTiming> videoTimingFromMoov(const uint8_t *moov, size_t size);

} // namespace tapedeck::recovery

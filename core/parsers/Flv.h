#pragma once
// FLV files a killed recorder leaves: the onMetaData at the front still says
// duration 0 and carries no keyframe index, so players show no length and
// cannot seek. Parsing (header, tag headers, AMF0 metadata) is bounded and
// fuzzed; the repair writes a new onMetaData with duration, filesize and a
// keyframe index and copies the whole tags after it.

#include "core/base/Result.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace tapedeck::recovery {

struct FlvHeader {
    bool hasAudio = false;
    bool hasVideo = false;
    uint32_t dataOffset = 9;
};
std::optional<FlvHeader> parseFlvHeader(const uint8_t *data, size_t size);

struct FlvTag {
    int64_t offset = 0; // of the 11-byte tag header
    uint8_t type = 0;   // 8 audio, 9 video, 18 script
    uint32_t dataSize = 0;
    uint32_t timestampMs = 0;
    int64_t end() const { return offset + 11 + dataSize; } // without PreviousTagSize
};
// `data`/`size` is the whole file; nullopt when the header at `offset` is
// not a plausible tag header or the tag does not fit.
std::optional<FlvTag> parseFlvTag(const uint8_t *data, size_t size, int64_t offset);

// A top-level onMetaData property kept as raw bytes so a rewrite preserves it.
struct AmfProperty {
    QString name;
    int64_t begin = 0; // name length field
    int64_t end = 0;   // after the value
};

struct FlvMetadata {
    bool present = false; // the first tag is a script tag named onMetaData
    int64_t tagOffset = 0;
    int64_t tagEnd = 0; // after its PreviousTagSize
    std::optional<double> durationSec;
    bool hasKeyframeIndex = false;
    std::vector<AmfProperty> properties;
    QString problem; // the metadata could not be parsed (then it is replaced)
};
// Parses the AMF0 body of the script tag at `tag` (nesting bounded).
FlvMetadata parseFlvMetadata(const uint8_t *data, size_t size, const FlvTag &tag);

struct FlvInspect {
    bool isFlv = false;
    FlvHeader header;
    FlvMetadata meta;
    bool needsRepair = false;
    QString why;     // what is missing (duration, keyframe index)
    QString problem; // why it is not an FLV
};
// Reads the header and the first tag only.
FlvInspect inspectFlv(const uint8_t *data, size_t size);

struct FlvWalk {
    int64_t bodyStart = 0;            // first media tag (after onMetaData)
    int64_t goodEnd = 0;              // after the last whole tag (and its PreviousTagSize)
    bool lastPrevSizeMissing = false; // the last tag is whole but its trailer is cut
    int64_t tags = 0, videoTags = 0, audioTags = 0;
    int64_t firstTs = -1, lastVideoTs = -1, firstVideoTs = -1, lastAudioTs = -1, firstAudioTs = -1;
    std::vector<std::pair<uint32_t, int64_t>> keyframes; // timestamp ms, tag offset
    int64_t droppedBytes = 0;
    uint32_t lastTagSize = 0;
    QString stopReason; // "" when the file ends on a tag boundary
    double durationSec() const;
};
FlvWalk walkFlv(const uint8_t *data, size_t size, const FlvInspect &inspect);

// Whether at least one whole audio or video frame follows the header (a
// configuration tag is not a frame). An FLV cut before its first frame holds
// only a header and metadata; no player opens it.
bool flvHoldsFrame(const uint8_t *data, size_t size, const FlvInspect &inspect);

// The rebuilt file's bytes, written through `sink` in order. Returns the size.
// Deterministic: the same input gives the same bytes.
Result<int64_t> writeRepairedFlv(const uint8_t *data, size_t size, const FlvInspect &inspect, const FlvWalk &walk,
                                 const std::function<Status(const char *, int64_t)> &sink);

} // namespace tapedeck::recovery

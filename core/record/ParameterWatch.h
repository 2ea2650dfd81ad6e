#pragma once
// Notices when a video stream's codec parameters change inside one
// connection: a new SPS/PPS at a keyframe (Annex B streams: MPEG-TS, RTSP,
// SRT) or a new sequence header (FLV/RTMP, as AV_PKT_DATA_NEW_EXTRADATA).
// MP4 keeps one setup per file, so the engine then starts a new chunk.
// Only keyframes are looked at, so the cost is negligible.

#include "core/base/MediaTypes.h"

#include <optional>

struct AVBSFContext;

namespace tapedeck {

class ParameterWatch {
public:
    ParameterWatch() = default;
    ~ParameterWatch();
    ParameterWatch(const ParameterWatch &) = delete;
    ParameterWatch &operator=(const ParameterWatch &) = delete;

    void reset(const std::vector<StreamInfo> &streams);
    // When `pkt` carries a different setup for its stream, the new stream
    // list (that stream with new extradata and dimensions).
    std::optional<std::vector<StreamInfo>> check(const AVPacket *pkt);
    // How many keyframes went through FFmpeg's extract_extradata filter (a
    // keyframe whose parameter sets are all known already does not): tests.
    int filterRuns() const { return m_filterRuns; }

private:
    struct Watch {
        AVBSFContext *bsf = nullptr;
        ParserContextPtr parser;
        CodecContextPtr parserCodec;
    };
    void freeAll();

    std::vector<StreamInfo> m_streams;
    std::vector<Watch> m_watch;
    int m_filterRuns = 0;
};

// What changed between two setups of one stream, in words for the notes:
// "video changed from h264 High 320x240 to h264 High 640x480".
QString describeChange(const StreamInfo &was, const StreamInfo &now);

} // namespace tapedeck

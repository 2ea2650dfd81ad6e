#pragma once
// Decodes an occasional keyframe of a recording's own packets into a small
// RGB32 picture for the UI: no second connection to the source, and only
// keyframes, so the cost is a fraction of a real decode.

#include "core/record/RecordParams.h"

namespace tapedeck {

class PreviewDecoder {
public:
    explicit PreviewDecoder(int maxWidth = 320) : m_maxWidth(maxWidth) {}
    void reset(const StreamInfo &video);
    // Returns a frame when `pkt` is a keyframe and decoding succeeded.
    std::optional<PreviewFrame> decodeKeyframe(const AVPacket *pkt);

private:
    int m_maxWidth;
    CodecContextPtr m_dec;
    SwsContextPtr m_sws;
    FramePtr m_frame;
};

} // namespace tapedeck

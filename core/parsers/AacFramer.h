#pragma once
// Where one raw AAC access unit ends, for an MP4 mdat with no index. Raw
// AAC in MP4 has no ADTS header and no length: the only way to know a
// frame's size is to decode it. libavcodec's AAC decoder stops at the END
// element; the bytes it consumed are the frame. A second frame decoded from
// the same packet tells the size in one call (its pkt_size is what remained);
// otherwise the shortest prefix that still decodes is found by bisection.

#include "core/base/FFmpeg.h"
#include "core/base/Result.h"

#include <QByteArray>

#include <vector>

namespace tapedeck::recovery {

class AacFramer {
public:
    // `asc`: the AudioSpecificConfig (from esds, or a guess being tried).
    static Result<AacFramer> open(const QByteArray &asc);

    struct Frame {
        int64_t size = 0;
        int samples = 0; // decoded samples per channel (1024, or 960)
    };
    // The frame that starts at `data`, if one does.
    std::optional<Frame> frameAt(const uint8_t *data, int64_t avail);

    int channels() const { return m_channels; }
    int sampleRate() const { return m_sampleRate; }

    AacFramer(AacFramer &&) noexcept = default;
    AacFramer &operator=(AacFramer &&) noexcept = default;

private:
    AacFramer() = default;
    // Decodes the first `len` bytes; >= 0: samples of the first frame and,
    // through *rest, the pkt_size of a second frame (-1 when none decoded).
    int decodePrefix(const uint8_t *data, int64_t len, int64_t *rest);
    int decodeOnce(const uint8_t *data, int64_t len, int64_t *rest);
    bool reopen();
    void drain();

    CodecContextPtr m_ctx;
    PacketPtr m_pkt;
    FramePtr m_frame;
    std::vector<uint8_t> m_buf;
    int m_channels = 0;
    int m_sampleRate = 0;
    bool m_dirty = false; // the decoder has seen bytes that were not AAC of this track
    bool m_okSinceReopen = false;
    int m_failsSinceReopen = 0;
};

// AudioSpecificConfig for AAC-LC (object type 2).
QByteArray makeAacLcConfig(int sampleRate, int channels);
// Sample rate of an AudioSpecificConfig, 0 when unreadable.
int aacConfigSampleRate(const QByteArray &asc);
int aacConfigChannels(const QByteArray &asc);

} // namespace tapedeck::recovery

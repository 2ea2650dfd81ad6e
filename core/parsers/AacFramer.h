#pragma once
// Where one raw AAC access unit ends, for an MP4 mdat with no index. Raw
// AAC in MP4 has no ADTS header and no length: the only way to know a
// frame's size is to decode it.
//
// What libavcodec tells: its AAC decoder stops at the END element and
// reports the bytes it consumed (rounded up to a byte; it consumes the whole
// rest of the packet instead when only zero bytes follow). decode.c keeps
// the rest of a packet for the next frame, and every frame carries in
// pkt_size what was left of the packet when its decoding began. So one
// packet holding a run of frames is decoded once, frame by frame, and the
// differences of the pkt_size values are the frame sizes: one decode per
// frame, and the sizes of the frames after the first are kept for the next
// calls.
//
// The last frame of a run (another track's sample follows, which does not
// decode as AAC) tells only that it ended before the packet did. Its end is
// found among the places the caller says another sample starts, each checked
// by decoding the frame alone: a prefix decodes iff it reaches the END
// element, and the END element's "111" lies in the frame's last byte, so a
// frame never ends in a zero byte; a prefix that decodes, uses up the packet
// and ends in a non-zero byte is exactly the frame. Only when no such place
// fits is the end bisected (damaged media).

#include "core/base/FFmpeg.h"
#include "core/base/Result.h"

#include <QByteArray>

#include <functional>
#include <optional>
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
    // Whether another track's sample starts `offset` bytes after the frame's
    // first byte; used to find the end of the last frame of a run.
    using NextStart = std::function<bool(int64_t offset)>;
    // The frame that starts at `data`, if one does. `data` must stay mapped
    // while the framer is used: the sizes of the frames after it are kept
    // by address.
    std::optional<Frame> frameAt(const uint8_t *data, int64_t avail, const NextStart &nextStart = {});

    int channels() const { return m_channels; }
    int sampleRate() const { return m_sampleRate; }

    // Frames the decoder was asked for so far (each attempt counts, the
    // ones that fail too); for tests and profiling.
    int64_t decodeCalls() const { return m_decodeCalls; }

    AacFramer(AacFramer &&) noexcept = default;
    AacFramer &operator=(AacFramer &&) noexcept = default;

private:
    AacFramer() = default;

    // A run of frames decoded from one packet.
    struct Run {
        std::vector<Frame> frames;   // sizes known
        int lastSamples = 0;         // the frame after them decoded, its size unknown (0: none)
        int64_t lastRoom = 0;        // bytes of the packet left at that frame
        bool lastEndsPacket = false; // that frame used up the rest of the packet
    };
    // Decodes `len` bytes as one packet; false when the first frame does not
    // decode as this track's AAC.
    bool decodeRun(const uint8_t *data, int64_t len, Run &run);
    bool decodeRunOnce(const uint8_t *data, int64_t len, Run &run);
    // Whether the first `len` bytes hold one frame of this track and nothing
    // else; *decoded: whether a frame of this track begins the prefix.
    bool exactFrame(const uint8_t *data, int64_t len, bool *decoded, int *samples);
    // The old way: the shortest prefix that still decodes.
    int64_t bisectEnd(const uint8_t *data, int64_t lo, int64_t hi);
    bool sendPrefix(const uint8_t *data, int64_t len);
    bool frameOk() const;
    bool reopen();
    void drain();

    CodecContextPtr m_ctx;
    PacketPtr m_pkt;
    FramePtr m_frame;
    std::vector<uint8_t> m_buf;
    int m_channels = 0;
    int m_sampleRate = 0;
    int64_t m_maxFrame = 0;
    bool m_dirty = false; // the decoder has seen bytes that were not AAC of this track
    bool m_okSinceReopen = false;
    int m_failsSinceReopen = 0;
    int64_t m_decodeCalls = 0;
    // Frames of the last run, by address, for the calls that follow.
    std::vector<std::pair<const uint8_t *, Frame>> m_known;
    size_t m_knownNext = 0;
    // The last frame of the last run: decoded, its end not yet known.
    const uint8_t *m_tail = nullptr;
    Frame m_tailFrame; // samples; size = room in the packet
    bool m_tailEndsPacket = false;
};

// AudioSpecificConfig for AAC-LC (object type 2).
QByteArray makeAacLcConfig(int sampleRate, int channels);
// Sample rate of an AudioSpecificConfig, 0 when unreadable.
int aacConfigSampleRate(const QByteArray &asc);
int aacConfigChannels(const QByteArray &asc);

} // namespace tapedeck::recovery

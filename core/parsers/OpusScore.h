#pragma once
// Telling a real Opus packet boundary from a byte that only looks like one
// (MP4 repair, issue 12): Opus in MP4 has no lengths, and any length
// decodes. A wrong split turns two packets into one with a foreign tail and
// one that starts mid-packet: both decode to sound unlike their neighbours
// (level and zero-crossing rate jump). score() decodes a candidate split after
// the packets before it and says how far the sound jumps; lower is likelier.

#include "core/base/FFmpeg.h"
#include "core/base/Result.h"

#include <QByteArray>

#include <utility>
#include <vector>

namespace tapedeck::recovery {

class OpusScore {
public:
    // `opusHead`: the OpusHead of the track (from the reference's dOps).
    static Result<OpusScore> open(const QByteArray &opusHead);

    using Span = std::pair<const uint8_t *, int64_t>;
    // `before`: the last packets already taken (warm the decoder up);
    // `split`: the candidate packets. How much the sound jumps across them.
    double score(const std::vector<Span> &before, const std::vector<Span> &split);

    OpusScore(OpusScore &&) noexcept = default;
    OpusScore &operator=(OpusScore &&) noexcept = default;

private:
    OpusScore() = default;
    struct Feature {
        double logRms = 0;
        double zcr = 0;
        bool ok = false;
    };
    Feature decode(const Span &p);

    QByteArray m_head;
    CodecContextPtr m_ctx;
    PacketPtr m_pkt;
    FramePtr m_frame;
    std::vector<uint8_t> m_buf;
};

} // namespace tapedeck::recovery

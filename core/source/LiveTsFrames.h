#pragma once
// Live MPEG-TS: each video frame is handed over as soon as its PES packet is
// complete (issue 15, "a SIGKILL loses at most the packet in flight").
//
// libavformat's MPEG-TS demuxer passes H.264/HEVC through a parser that
// finds where a frame ends by looking for the start of the next one, so it
// holds one whole frame until the next arrives, on top of the PES the
// demuxer itself holds until the next PES starts (measured by
// bench/compare/demuxhold). In MPEG-TS a video PES carries one access unit,
// so the parser may be told its input is complete frames
// (PARSER_FLAG_COMPLETE_FRAMES): it then still flags keyframes and reads
// the parameter sets, but hands each frame over at once. The frame it held
// when the flag is set is taken out of it and handed over in its place.
//
// The first video packets after the switch are checked: each must start an
// access unit and hold one picture. A stream packed otherwise goes back to
// the parser's own framing, with one warning.

#include "core/base/FFmpeg.h"

#include <deque>
#include <vector>

struct AVFormatContext;

namespace tapedeck {

class LiveTsFrames {
public:
    // After avformat_find_stream_info, for the input streams that are
    // recorded. Does nothing unless the input is MPEG-TS; only H.264 and
    // HEVC streams with a parser are switched.
    void arm(AVFormatContext *ctx, const std::vector<int> &inputStreams);
    bool armed() const { return !m_streams.empty(); }

    // Called with every packet av_read_frame returned (input stream
    // numbering). Returns the packet to hand over now; when that is the
    // frame taken out of the parser, `pkt` waits and ready() returns it.
    PacketPtr pass(PacketPtr pkt);
    // Whether `inputStream` is one whose frames go to the recording as soon
    // as the demuxer hands them over. When the input fails (a stall, a
    // stop), the MPEG-TS demuxer hands over the part of the PES it had: for
    // such a stream that part is not a frame and the caller drops it (the
    // parser would have held it, and it was lost with the connection).
    bool handsOverAtOnce(int inputStream) const;
    // A packet to hand over before reading again, or null.
    PacketPtr ready();
    // When reading fails (the stream ended or stalled): a frame still held
    // back for its turn, so that it is not lost with the error.
    PacketPtr takeHeld();

    // How many video packets were checked and whether a stream went back to
    // the parser's framing (tests).
    int checkedPackets() const { return m_checked; }
    bool fellBack() const { return m_fellBack; }

private:
    struct Stream {
        int index = -1;
        int codecId = 0;
        struct AVCodecParserContext *parser = nullptr;
        PacketPtr held; // the parser's frame at the switch, until its turn
        int toCheck = 0;
        qint64 lastDuration = 0;
    };
    Stream *find(int index);
    void check(Stream &s, const AVPacket *pkt);

    AVFormatContext *m_ctx = nullptr;
    std::vector<Stream> m_streams;
    std::deque<PacketPtr> m_ready;
    int m_checked = 0;
    bool m_fellBack = false;
};

// The NAL unit types of an Annex B access unit, as far as handing it over
// needs them (exposed for tests and the fuzz target).
struct AccessUnitShape {
    bool startsAccessUnit = false; // the first NAL unit may begin an access unit
    int pictures = 0;              // slices that start a picture (first_mb_in_slice 0 / first slice segment)
};
AccessUnitShape accessUnitShape(bool hevc, const uint8_t *data, int size);

} // namespace tapedeck

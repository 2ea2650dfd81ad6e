#include "core/source/LiveTsFrames.h"

#include "core/base/Log.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <cstring>

namespace tapedeck {

namespace {

// How many video packets after the switch are checked for one access unit
// each: a multiplexer packs its PES the same way for the whole stream.
constexpr int kPacketsChecked = 60;

} // namespace

AccessUnitShape accessUnitShape(bool hevc, const uint8_t *data, int size)
{
    AccessUnitShape shape;
    bool first = true;
    for (int i = 0; i + 3 < size;) {
        // The next start code (00 00 01); the NAL unit header follows it.
        if (data[i] != 0 || data[i + 1] != 0 || data[i + 2] != 1) {
            ++i;
            continue;
        }
        const int h = i + 3;
        const int need = hevc ? 3 : 2; // header, then the first byte of a slice header
        if (h + need > size)
            break;
        bool auStart = false;
        bool pictureStart = false;
        if (hevc) {
            const int type = (data[h] >> 1) & 0x3f;
            if (type <= 31) // VCL: first_slice_segment_in_pic_flag
                pictureStart = (data[h + 2] & 0x80) != 0;
            else // AUD, VPS, SPS, PPS, prefix SEI may begin an access unit
                auStart = type == 35 || type == 32 || type == 33 || type == 34 || type == 39;
        } else {
            const int type = data[h] & 0x1f;
            if (type == 1 || type == 5) // slice: first_mb_in_slice == 0 is ue(v) "1"
                pictureStart = (data[h + 1] & 0x80) != 0;
            else // AUD, SPS, PPS, SEI, subset SPS
                auStart = type == 9 || type == 7 || type == 8 || type == 6 || type == 15;
        }
        if (first)
            shape.startsAccessUnit = auStart || pictureStart;
        first = false;
        if (pictureStart)
            ++shape.pictures;
        i = h + 1;
    }
    return shape;
}

void LiveTsFrames::arm(AVFormatContext *ctx, const std::vector<int> &inputStreams)
{
    m_ctx = ctx;
    m_streams.clear();
    m_ready.clear();
    if (!ctx || !ctx->iformat || std::strcmp(ctx->iformat->name, "mpegts") != 0)
        return;
    for (int index : inputStreams) {
        if (index < 0 || unsigned(index) >= ctx->nb_streams)
            continue;
        AVStream *st = ctx->streams[index];
        const AVCodecID id = st->codecpar->codec_id;
        if (id != AV_CODEC_ID_H264 && id != AV_CODEC_ID_HEVC)
            continue;
        AVCodecParserContext *parser = av_stream_get_parser(st);
        if (!parser)
            continue;
        Stream s;
        s.index = index;
        s.codecId = int(id);
        s.parser = parser;
        s.toCheck = kPacketsChecked;
        // Take out the frame the parser holds (the last PES read while the
        // streams were probed): a call without data ends its frame. Its
        // timestamps and keyframe flag come from the parser, as
        // libavformat takes them.
        CodecContextPtr avctx = makeCodecContext(nullptr);
        if (!avctx || avcodec_parameters_to_context(avctx.get(), st->codecpar) < 0)
            continue;
        uint8_t *out = nullptr;
        int outSize = 0;
        av_parser_parse2(parser, avctx.get(), &out, &outSize, nullptr, 0, AV_NOPTS_VALUE, AV_NOPTS_VALUE, -1);
        if (outSize > 0) {
            PacketPtr held = makePacket();
            if (!held || av_new_packet(held.get(), outSize) < 0)
                continue;
            std::memcpy(held->data, out, size_t(outSize));
            held->pts = parser->pts;
            held->dts = parser->dts;
            held->stream_index = index;
            if (parser->key_frame == 1 || (parser->key_frame == -1 && parser->pict_type == AV_PICTURE_TYPE_I))
                held->flags |= AV_PKT_FLAG_KEY;
            if (held->dts == AV_NOPTS_VALUE && held->pts == AV_NOPTS_VALUE) {
                // No time to put it in its place: leave this stream to the
                // parser's framing (nothing was lost: the frame was complete).
                logWarning(QStringLiteral("live MPEG-TS: stream %1 has no timestamps; frames are handed over "
                                          "one late")
                               .arg(index));
                m_ready.push_back(std::move(held));
                continue;
            }
            s.held = std::move(held);
        }
        parser->flags |= PARSER_FLAG_COMPLETE_FRAMES;
        m_streams.push_back(std::move(s));
    }
}

LiveTsFrames::Stream *LiveTsFrames::find(int index)
{
    for (Stream &s : m_streams)
        if (s.index == index)
            return &s;
    return nullptr;
}

bool LiveTsFrames::handsOverAtOnce(int inputStream) const
{
    for (const Stream &s : m_streams)
        if (s.index == inputStream)
            return s.parser && (s.parser->flags & PARSER_FLAG_COMPLETE_FRAMES);
    return false;
}

PacketPtr LiveTsFrames::ready()
{
    if (m_ready.empty())
        return nullptr;
    PacketPtr p = std::move(m_ready.front());
    m_ready.pop_front();
    return p;
}

PacketPtr LiveTsFrames::takeHeld()
{
    for (Stream &s : m_streams)
        if (s.held)
            return std::move(s.held);
    return nullptr;
}

PacketPtr LiveTsFrames::pass(PacketPtr pkt)
{
    Stream *s = pkt ? find(pkt->stream_index) : nullptr;
    if (!s)
        return pkt;
    if (pkt->duration > 0)
        s->lastDuration = pkt->duration;
    if (s->held) {
        // The packets probed before the switch come first (they were read
        // before the held frame); the held frame goes before the first
        // later one.
        const qint64 heldTime = s->held->dts != AV_NOPTS_VALUE ? s->held->dts : s->held->pts;
        const qint64 time = pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pkt->pts;
        if (time != AV_NOPTS_VALUE && time > heldTime) {
            PacketPtr held = std::move(s->held);
            if (held->duration <= 0)
                held->duration = s->lastDuration;
            check(*s, pkt.get());
            m_ready.push_back(std::move(pkt));
            return held;
        }
        return pkt;
    }
    check(*s, pkt.get());
    return pkt;
}

void LiveTsFrames::check(Stream &s, const AVPacket *pkt)
{
    if (s.toCheck <= 0 || !s.parser || !(s.parser->flags & PARSER_FLAG_COMPLETE_FRAMES))
        return;
    --s.toCheck;
    ++m_checked;
    const AccessUnitShape shape = accessUnitShape(s.codecId == AV_CODEC_ID_HEVC, pkt->data, pkt->size);
    if (shape.startsAccessUnit && shape.pictures == 1)
        return;
    // Not one access unit per PES: the parser finds the frames again.
    s.parser->flags &= ~PARSER_FLAG_COMPLETE_FRAMES;
    s.toCheck = 0;
    m_fellBack = true;
    logWarning(QStringLiteral("live MPEG-TS: stream %1 does not carry one frame per PES packet (%2 picture(s), %3); "
                              "its frames are handed over one late")
                   .arg(s.index)
                   .arg(shape.pictures)
                   .arg(shape.startsAccessUnit ? QStringLiteral("starts an access unit")
                                               : QStringLiteral("starts inside one")));
}

} // namespace tapedeck

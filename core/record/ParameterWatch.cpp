#include "core/record/ParameterWatch.h"

#include "core/base/Log.h"

extern "C" {
#include <libavcodec/bsf.h>
}

#include <algorithm>
#include <cstring>

namespace tapedeck {
namespace {

bool watched(const AVCodecParameters *p)
{
    return p && (p->codec_id == AV_CODEC_ID_H264 || p->codec_id == AV_CODEC_ID_HEVC);
}

bool sameBytes(const uint8_t *a, int an, const uint8_t *b, int bn)
{
    return an == bn && (an == 0 || std::memcmp(a, b, size_t(an)) == 0);
}

// Annex B extradata starts with a start code; avcC/hvcC does not.
bool isAnnexB(const uint8_t *d, int n)
{
    return n >= 4 && d[0] == 0 && d[1] == 0 && (d[2] == 1 || (d[2] == 0 && d[3] == 1));
}

// True when every parameter set (H.264 SPS/PPS, HEVC VPS/SPS/PPS) that an
// Annex B access unit carries before its first slice already appears, byte
// for byte, in `known` (the stream's current extradata): then the unit holds
// nothing new, and running extract_extradata over it (which walks and copies
// the whole keyframe: 3 % of a TS recording's instructions) can be skipped.
// Only a start-code scan up to the first slice; false when unsure.
bool carriesOnlyKnownSets(AVCodecID codec, const uint8_t *d, int n, const uint8_t *known, int knownSize)
{
    const bool hevc = codec == AV_CODEC_ID_HEVC;
    auto nextStart = [&](int from) {
        for (int i = from; i + 3 <= n; ++i)
            if (d[i] == 0 && d[i + 1] == 0 && d[i + 2] == 1)
                return i;
        return n;
    };
    int sc = nextStart(0);
    while (sc < n) {
        const int begin = sc + 3;
        if (begin >= n)
            return true;
        // Parameter sets come before the first slice: the slice itself (most
        // of a keyframe's bytes) is never scanned for the next start code.
        const int type = hevc ? (d[begin] >> 1) & 0x3f : d[begin] & 0x1f;
        const bool slice = hevc ? type < 32 : (type >= 1 && type <= 5);
        if (slice)
            return true;
        int end = nextStart(begin);
        const int next = end;
        while (end > begin && d[end - 1] == 0) // trailing zeros / a 4-byte start code's first byte
            --end;
        const bool paramSet = hevc ? (type >= 32 && type <= 34) : (type == 7 || type == 8);
        if (paramSet) {
            const int len = end - begin;
            if (len <= 0 || !known || knownSize < len)
                return false;
            const uint8_t *kEnd = known + knownSize;
            if (std::search(known, kEnd, d + begin, d + end) == kEnd)
                return false;
        }
        sc = next;
    }
    return true;
}

} // namespace

ParameterWatch::~ParameterWatch() { freeAll(); }

void ParameterWatch::freeAll()
{
    for (Watch &w : m_watch)
        av_bsf_free(&w.bsf);
    m_watch.clear();
}

void ParameterWatch::reset(const std::vector<StreamInfo> &streams)
{
    freeAll();
    m_streams = streams;
    m_watch.resize(streams.size());
    for (size_t i = 0; i < streams.size(); ++i) {
        const AVCodecParameters *par = streams[i].params.get();
        if (!watched(par))
            continue;
        Watch &w = m_watch[i];
        // Annex B streams repeat SPS/PPS in-band; the extract_extradata
        // filter hands them over as side data.
        const AVBitStreamFilter *f = av_bsf_get_by_name("extract_extradata");
        if (f && av_bsf_alloc(f, &w.bsf) == 0) {
            avcodec_parameters_copy(w.bsf->par_in, par);
            w.bsf->time_base_in = streams[i].timeBase;
            if (av_bsf_init(w.bsf) < 0)
                av_bsf_free(&w.bsf);
        }
        w.parser.reset(av_parser_init(par->codec_id));
        if (w.parser)
            w.parser->flags |= PARSER_FLAG_COMPLETE_FRAMES; // parse this packet now, do not buffer
        w.parserCodec = makeCodecContext(avcodec_find_decoder(par->codec_id));
        if (w.parserCodec)
            avcodec_parameters_to_context(w.parserCodec.get(), par);
    }
}

std::optional<std::vector<StreamInfo>> ParameterWatch::check(const AVPacket *pkt)
{
    const size_t idx = size_t(pkt->stream_index);
    if (idx >= m_watch.size() || !(pkt->flags & AV_PKT_FLAG_KEY) || !watched(m_streams[idx].params.get()))
        return std::nullopt;
    Watch &w = m_watch[idx];
    const AVCodecParameters *cur = m_streams[idx].params.get();

    QByteArray fresh;
    size_t sideSize = 0;
    if (const uint8_t *side = av_packet_get_side_data(pkt, AV_PKT_DATA_NEW_EXTRADATA, &sideSize);
        side && sideSize > 0) {
        fresh = QByteArray(reinterpret_cast<const char *>(side), qsizetype(sideSize));
    } else if (w.bsf && isAnnexB(pkt->data, pkt->size)
               && !carriesOnlyKnownSets(cur->codec_id, pkt->data, pkt->size, cur->extradata, cur->extradata_size)) {
        ++m_filterRuns;
        PacketPtr in = clonePacket(pkt);
        if (in && av_bsf_send_packet(w.bsf, in.get()) == 0) {
            PacketPtr out = makePacket();
            while (av_bsf_receive_packet(w.bsf, out.get()) == 0) {
                size_t n = 0;
                if (const uint8_t *ed = av_packet_get_side_data(out.get(), AV_PKT_DATA_NEW_EXTRADATA, &n); ed && n > 0)
                    fresh = QByteArray(reinterpret_cast<const char *>(ed), qsizetype(n));
                av_packet_unref(out.get());
            }
        }
    }
    if (fresh.isEmpty())
        return std::nullopt;
    // The same setup in another wrapping (avcC vs Annex B) is no change.
    if (isAnnexB(cur->extradata, cur->extradata_size)
        != isAnnexB(reinterpret_cast<const uint8_t *>(fresh.constData()), int(fresh.size())))
        return std::nullopt;
    if (sameBytes(cur->extradata, cur->extradata_size, reinterpret_cast<const uint8_t *>(fresh.constData()),
                  int(fresh.size())))
        return std::nullopt;

    // What the new sets describe, from FFmpeg's parser (it reads the SPS).
    int width = cur->width, height = cur->height;
    int profile = cur->profile, level = cur->level;
    if (w.parser && w.parserCodec) {
        uint8_t *outData = nullptr;
        int outSize = 0;
        av_parser_parse2(w.parser.get(), w.parserCodec.get(), &outData, &outSize, pkt->data, pkt->size, pkt->pts,
                         pkt->dts, pkt->pos);
        if (w.parser->width > 0 && w.parser->height > 0) {
            width = w.parser->width;
            height = w.parser->height;
        }
        if (w.parserCodec->profile != FF_PROFILE_UNKNOWN)
            profile = w.parserCodec->profile;
        if (w.parserCodec->level != FF_LEVEL_UNKNOWN)
            level = w.parserCodec->level;
    }
    // Sets that differ only in bytes (another VUI, SEI-driven rewrites,
    // segments of separate encoder runs) describe the same pictures: they are
    // adopted quietly. Only a new size, profile or level is a new setup.
    const bool knownProfile = cur->profile != FF_PROFILE_UNKNOWN && cur->level != FF_LEVEL_UNKNOWN;
    if (width == cur->width && height == cur->height
        && (!knownProfile || (profile == cur->profile && level == cur->level))) {
        AVCodecParameters *base = m_streams[idx].params.get();
        av_freep(&base->extradata);
        base->extradata = static_cast<uint8_t *>(av_mallocz(size_t(fresh.size()) + AV_INPUT_BUFFER_PADDING_SIZE));
        base->extradata_size = base->extradata ? int(fresh.size()) : 0;
        if (base->extradata)
            std::memcpy(base->extradata, fresh.constData(), size_t(fresh.size()));
        return std::nullopt;
    }
    std::vector<StreamInfo> next = m_streams;
    AVCodecParameters *p = next[idx].params.get();
    av_freep(&p->extradata);
    p->extradata = static_cast<uint8_t *>(av_mallocz(size_t(fresh.size()) + AV_INPUT_BUFFER_PADDING_SIZE));
    if (!p->extradata)
        return std::nullopt;
    std::memcpy(p->extradata, fresh.constData(), size_t(fresh.size()));
    p->extradata_size = int(fresh.size());
    p->width = width;
    p->height = height;
    p->profile = profile;
    p->level = level;
    logInfo(
        QStringLiteral("stream %1: codec parameters changed (%2x%3 profile %4 level %5 -> %6x%7 profile %8 level %9)")
            .arg(idx)
            .arg(cur->width)
            .arg(cur->height)
            .arg(cur->profile)
            .arg(cur->level)
            .arg(width)
            .arg(height)
            .arg(profile)
            .arg(level));
    reset(next);
    return next;
}

QString describeChange(const StreamInfo &was, const StreamInfo &now)
{
    auto text = [](const StreamInfo &s) {
        const AVCodecParameters *c = s.params.get();
        QString t = QString::fromUtf8(avcodec_get_name(c->codec_id));
        if (c->profile >= 0)
            if (const char *name = avcodec_profile_name(c->codec_id, c->profile))
                t += QStringLiteral(" ") + QString::fromUtf8(name);
        if (c->width > 0)
            t += QStringLiteral(" %1x%2").arg(c->width).arg(c->height);
        return t;
    };
    const QString a = text(was), b = text(now);
    return a == b
        ? QStringLiteral("%1 setup changed (%2)").arg(QString::fromUtf8(av_get_media_type_string(now.type)), b)
        : QStringLiteral("%1 changed from %2 to %3").arg(QString::fromUtf8(av_get_media_type_string(now.type)), a, b);
}

} // namespace tapedeck

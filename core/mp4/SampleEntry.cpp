#include "core/mp4/SampleEntry.h"
#include "core/mp4/ByteWriter.h"
#include "core/mp4/TextTrack.h"

extern "C" {
#include <libavutil/mastering_display_metadata.h>
#include <libavutil/mathematics.h>
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <cstring>

#include <utility>
#include <vector>

namespace tapedeck::mp4 {

namespace {

using Nal = std::pair<const quint8 *, int>;

bool startsWithStartCode(const quint8 *d, int n)
{
    return (n >= 3 && d[0] == 0 && d[1] == 0 && d[2] == 1)
        || (n >= 4 && d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == 1);
}

// NAL units of an Annex B byte stream, without start codes and without the
// zero bytes that belong to the next start code.
std::vector<Nal> splitAnnexB(const quint8 *d, int n)
{
    std::vector<Nal> out;
    int i = 0;
    // Each start code ends in a 0x01: memchr finds the candidates (a byte
    // at a time was 7 % of a live recording's CPU).
    auto findStart = [&](int from) {
        for (int k = from + 2; k < n;) {
            const auto *one = static_cast<const quint8 *>(std::memchr(d + k, 1, size_t(n - k)));
            if (!one)
                return n;
            k = int(one - d);
            if (d[k - 1] == 0 && d[k - 2] == 0)
                return k - 2;
            ++k;
        }
        return n;
    };
    i = findStart(0);
    while (i < n) {
        const int begin = i + 3;
        int next = findStart(begin);
        int end = next;
        while (end > begin && d[end - 1] == 0)
            --end;
        if (end > begin)
            out.push_back({d + begin, end - begin});
        i = next;
    }
    return out;
}

// Emulation-prevention bytes removed (for reading SPS fields).
QByteArray rbsp(const quint8 *d, int n)
{
    QByteArray out;
    out.reserve(n);
    int zeros = 0;
    for (int i = 0; i < n; ++i) {
        if (zeros >= 2 && d[i] == 3) {
            zeros = 0;
            continue;
        }
        zeros = d[i] == 0 ? zeros + 1 : 0;
        out.append(char(d[i]));
    }
    return out;
}

struct ChromaInfo {
    quint32 chromaFormat = 1;
    quint32 lumaDepth = 8, chromaDepth = 8;
};

ChromaInfo chromaOf(const AVCodecParameters *p)
{
    ChromaInfo c;
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(AVPixelFormat(p->format));
    if (!d)
        return c;
    if (d->nb_components == 1)
        c.chromaFormat = 0;
    else if (d->log2_chroma_w == 1 && d->log2_chroma_h == 1)
        c.chromaFormat = 1;
    else if (d->log2_chroma_w == 1)
        c.chromaFormat = 2;
    else
        c.chromaFormat = 3;
    c.lumaDepth = quint32(d->comp[0].depth);
    c.chromaDepth = quint32(d->nb_components > 1 ? d->comp[1].depth : d->comp[0].depth);
    return c;
}

QByteArray avcCFromNals(const std::vector<Nal> &nals, const AVCodecParameters *p)
{
    std::vector<Nal> sps, pps;
    for (const Nal &n : nals) {
        const int type = n.first[0] & 0x1F;
        if (type == 7 && n.second >= 4)
            sps.push_back(n);
        else if (type == 8)
            pps.push_back(n);
    }
    if (sps.empty() || pps.empty())
        return {};
    BoxWriter w;
    w.u8(1);
    w.u8(sps[0].first[1]);
    w.u8(sps[0].first[2]);
    w.u8(sps[0].first[3]);
    w.u8(0xFF); // 4-byte NAL lengths
    w.u8(0xE0 | quint32(sps.size()));
    for (const Nal &n : sps) {
        w.u16(quint32(n.second));
        w.bytes(QByteArray(reinterpret_cast<const char *>(n.first), n.second));
    }
    w.u8(quint32(pps.size()));
    for (const Nal &n : pps) {
        w.u16(quint32(n.second));
        w.bytes(QByteArray(reinterpret_cast<const char *>(n.first), n.second));
    }
    const quint32 profile = sps[0].first[1];
    if (profile == 100 || profile == 110 || profile == 122 || profile == 144) {
        const ChromaInfo c = chromaOf(p);
        w.u8(0xFC | c.chromaFormat);
        w.u8(0xF8 | (c.lumaDepth - 8));
        w.u8(0xF8 | (c.chromaDepth - 8));
        w.u8(0);
    }
    return w.take();
}

QByteArray hvcCFromNals(const std::vector<Nal> &nals, const AVCodecParameters *p)
{
    std::vector<Nal> vps, sps, pps;
    for (const Nal &n : nals) {
        if (n.second < 2)
            continue;
        const int type = (n.first[0] >> 1) & 0x3F;
        if (type == 32)
            vps.push_back(n);
        else if (type == 33)
            sps.push_back(n);
        else if (type == 34)
            pps.push_back(n);
    }
    if (vps.empty() || sps.empty() || pps.empty())
        return {};
    const QByteArray s = rbsp(sps[0].first, sps[0].second);
    if (s.size() < 15)
        return {};
    const quint32 maxSubLayersMinus1 = (quint8(s[2]) >> 1) & 0x7;
    const quint32 temporalIdNested = quint8(s[2]) & 0x1;
    const ChromaInfo c = chromaOf(p);
    BoxWriter w;
    w.u8(1);
    w.bytes(s.mid(3, 12)); // general profile/tier/level, byte-aligned at the start of the SPS
    w.u16(0xF000);
    w.u8(0xFC);
    w.u8(0xFC | c.chromaFormat);
    w.u8(0xF8 | (c.lumaDepth - 8));
    w.u8(0xF8 | (c.chromaDepth - 8));
    w.u16(0);
    w.u8(((maxSubLayersMinus1 + 1) << 3) | (temporalIdNested << 2) | 3);
    w.u8(3);
    for (const auto &[type, list] : {std::pair{32, &vps}, std::pair{33, &sps}, std::pair{34, &pps}}) {
        w.u8(0x80 | quint32(type));
        w.u16(quint32(list->size()));
        for (const Nal &n : *list) {
            w.u16(quint32(n.second));
            w.bytes(QByteArray(reinterpret_cast<const char *>(n.first), n.second));
        }
    }
    return w.take();
}

quint32 rescaled(AVRational q, int den)
{
    return q.den > 0 ? quint32(std::max<qint64>(0, av_rescale(q.num, den, q.den))) : 0;
}

QByteArray visualEntry(const char *tag, const char *configType, const QByteArray &config, const StreamInfo &s)
{
    const AVCodecParameters *p = s.params.get();
    BoxWriter w;
    w.begin(tag);
    w.zeros(6);
    w.u16(1);
    w.zeros(16);
    w.u16(quint32(p->width));
    w.u16(quint32(p->height));
    w.u32(0x00480000);
    w.u32(0x00480000);
    w.u32(0);
    w.u16(1);
    w.zeros(32);
    w.u16(0x0018);
    w.u16(0xFFFF);
    w.begin(configType);
    w.bytes(config);
    w.end();
    const AVRational sar = p->sample_aspect_ratio;
    if (sar.num > 0 && sar.den > 0 && sar.num != sar.den) {
        w.begin("pasp");
        w.u32(quint32(sar.num));
        w.u32(quint32(sar.den));
        w.end();
    }
    // The colour description as the source stated it (ISO/IEC 23091-2 code
    // points, the same numbers as FFmpeg's enums).
    if (p->color_primaries != AVCOL_PRI_UNSPECIFIED || p->color_trc != AVCOL_TRC_UNSPECIFIED
        || p->color_space != AVCOL_SPC_UNSPECIFIED || p->color_range != AVCOL_RANGE_UNSPECIFIED) {
        w.begin("colr");
        w.fourcc("nclx");
        w.u16(quint32(p->color_primaries));
        w.u16(quint32(p->color_trc));
        w.u16(quint32(p->color_space));
        w.u8(p->color_range == AVCOL_RANGE_JPEG ? 0x80 : 0);
        w.end();
    }
    // HDR static metadata: mastering display (primaries in G, B, R order,
    // chromaticity in 1/50000, luminance in 1/10000 cd/m²) and content light.
    if (const QByteArray *md = s.tags.side(AV_PKT_DATA_MASTERING_DISPLAY_METADATA);
        md && md->size() >= qsizetype(sizeof(AVMasteringDisplayMetadata))) {
        AVMasteringDisplayMetadata m;
        memcpy(&m, md->constData(), sizeof m);
        if (m.has_primaries && m.has_luminance) {
            w.begin("mdcv");
            for (int c : {1, 2, 0}) {
                w.u16(rescaled(m.display_primaries[c][0], 50000));
                w.u16(rescaled(m.display_primaries[c][1], 50000));
            }
            w.u16(rescaled(m.white_point[0], 50000));
            w.u16(rescaled(m.white_point[1], 50000));
            w.u32(rescaled(m.max_luminance, 10000));
            w.u32(rescaled(m.min_luminance, 10000));
            w.end();
        }
    }
    if (const QByteArray *cl = s.tags.side(AV_PKT_DATA_CONTENT_LIGHT_LEVEL);
        cl && cl->size() >= qsizetype(sizeof(AVContentLightMetadata))) {
        AVContentLightMetadata c;
        memcpy(&c, cl->constData(), sizeof c);
        w.begin("clli");
        w.u16(std::min(c.MaxCLL, 0xFFFFu));
        w.u16(std::min(c.MaxFALL, 0xFFFFu));
        w.end();
    }
    w.end();
    return w.take();
}

void audioEntryHeader(BoxWriter &w, quint32 channels, quint32 sampleRate)
{
    w.zeros(6);
    w.u16(1);
    w.zeros(8);
    w.u16(channels);
    w.u16(16);
    w.zeros(4);
    w.u32(sampleRate < 65536 ? sampleRate << 16 : 0);
}

void descriptor(BoxWriter &w, quint32 tag, quint32 len)
{
    w.u8(tag);
    w.u8(0x80 | ((len >> 21) & 0x7F));
    w.u8(0x80 | ((len >> 14) & 0x7F));
    w.u8(0x80 | ((len >> 7) & 0x7F));
    w.u8(len & 0x7F);
}

QByteArray aacEntry(const QByteArray &asc, const AVCodecParameters *p, quint32 trackId, quint32 channels, quint32 rate)
{
    BoxWriter w;
    w.begin("mp4a");
    audioEntryHeader(w, channels, rate);
    w.beginFull("esds", 0, 0);
    const quint32 decSpecific = 5 + quint32(asc.size());
    const quint32 decConfig = 13 + decSpecific;
    descriptor(w, 0x03, 3 + (5 + decConfig) + (5 + 1));
    w.u16(trackId);
    w.u8(0);
    descriptor(w, 0x04, decConfig);
    w.u8(0x40); // MPEG-4 Audio
    w.u8(0x15); // audio stream
    w.u24(0);
    const quint32 bitrate = p->bit_rate > 0 && p->bit_rate < 0xFFFFFFFFLL ? quint32(p->bit_rate) : 0;
    w.u32(bitrate);
    w.u32(bitrate);
    descriptor(w, 0x05, quint32(asc.size()));
    w.bytes(asc);
    descriptor(w, 0x06, 1);
    w.u8(0x02);
    w.end();
    w.end();
    return w.take();
}

QByteArray opusEntry(const AVCodecParameters *p, quint32 channels)
{
    // dOps mirrors OpusHead (RFC 7845) but big-endian (Opus in ISOBMFF, §4.3.2).
    const QByteArray head(reinterpret_cast<const char *>(p->extradata), p->extradata_size);
    const bool haveHead = head.size() >= 19 && head.startsWith("OpusHead");
    auto le16 = [&](int at) { return quint32(quint8(head[at])) | (quint32(quint8(head[at + 1])) << 8); };
    BoxWriter w;
    w.begin("Opus");
    audioEntryHeader(w, channels, 48000);
    w.begin("dOps");
    w.u8(0);
    w.u8(haveHead ? quint8(head[9]) : channels);
    w.u16(haveHead ? le16(10) : quint32(std::max(0, p->initial_padding)));
    w.u32(haveHead ? (le16(12) | (le16(14) << 16)) : quint32(p->sample_rate));
    w.u16(haveHead ? le16(16) : 0);
    const quint32 family = haveHead ? quint8(head[18]) : 0;
    w.u8(family);
    if (family != 0 && haveHead && head.size() >= 21 + quint8(head[9]))
        w.bytes(head.mid(19, 2 + quint8(head[9])));
    w.end();
    w.end();
    return w.take();
}

// QuickTime's uncompressed sound entries (version 0 sound description): what
// the repair of a .mov with PCM audio writes back (issue 12). ffmpeg and
// GStreamer read them in any ISO BMFF file.
const char *pcmFourcc(AVCodecID id)
{
    switch (id) {
    case AV_CODEC_ID_PCM_S16LE:
        return "sowt";
    case AV_CODEC_ID_PCM_S16BE:
        return "twos";
    case AV_CODEC_ID_PCM_S24BE:
        return "in24";
    case AV_CODEC_ID_PCM_S32BE:
        return "in32";
    case AV_CODEC_ID_PCM_F32BE:
        return "fl32";
    case AV_CODEC_ID_PCM_F64BE:
        return "fl64";
    case AV_CODEC_ID_PCM_U8:
        return "raw ";
    default:
        return nullptr;
    }
}

QByteArray pcmEntry(const char *fourcc, quint32 channels, quint32 bits, quint32 sampleRate)
{
    BoxWriter w;
    w.begin(fourcc);
    w.zeros(6);
    w.u16(1);
    w.zeros(8);
    w.u16(channels);
    w.u16(bits);
    w.zeros(4);
    w.u32(sampleRate < 65536 ? sampleRate << 16 : 0);
    w.end();
    return w.take();
}

struct Adts {
    int headerSize = 0;
    int frameLength = 0;
    QByteArray asc;
};

bool parseAdts(const quint8 *d, int n, Adts *out)
{
    if (n < 7 || d[0] != 0xFF || (d[1] & 0xF6) != 0xF0)
        return false;
    out->headerSize = (d[1] & 0x01) ? 7 : 9;
    out->frameLength = ((d[3] & 0x03) << 11) | (d[4] << 3) | (d[5] >> 5);
    const quint32 aot = ((d[2] >> 6) & 0x3) + 1;
    const quint32 sf = (d[2] >> 2) & 0xF;
    const quint32 ch = ((d[2] & 0x1) << 2) | (d[3] >> 6);
    out->asc = QByteArray(2, '\0');
    out->asc[0] = char((aot << 3) | (sf >> 1));
    out->asc[1] = char(((sf & 1) << 7) | (ch << 3));
    return out->frameLength >= out->headerSize && out->headerSize <= n;
}

QByteArray bytesOf(const AVCodecParameters *p)
{
    return QByteArray(reinterpret_cast<const char *>(p->extradata), p->extradata_size);
}

} // namespace

quint32 chooseTimescale(const StreamInfo &s)
{
    const AVCodecParameters *p = s.params.get();
    if (s.type == AVMEDIA_TYPE_AUDIO) {
        if (p->codec_id == AV_CODEC_ID_OPUS)
            return 48000;
        if (p->sample_rate > 0)
            return quint32(p->sample_rate);
    }
    // Keep the source's clock when it is a plain 1/N: timing stays exact.
    if (s.timeBase.num == 1 && s.timeBase.den >= 1000 && s.timeBase.den <= 10000000)
        return quint32(s.timeBase.den);
    return 90000;
}

Result<TrackSetup> setupTrack(const StreamInfo &s, quint32 number)
{
    const AVCodecParameters *p = s.params.get();
    if (!p)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("stream %1 has no codec parameters").arg(s.index));
    TrackSetup out;
    SidecarTrack &t = out.track;
    t.number = number;
    t.timescale = chooseTimescale(s);
    t.sourceTimeBaseNum = s.timeBase.num;
    t.sourceTimeBaseDen = s.timeBase.den;
    t.extradata = bytesOf(p);
    const QByteArray ed = t.extradata;
    const auto *edp = reinterpret_cast<const quint8 *>(ed.constData());
    if (s.type == AVMEDIA_TYPE_SUBTITLE) {
        if (!isMp4Text(s))
            return makeError(
                ErrorCode::Unsupported,
                QStringLiteral("MP4 cannot carry %1 subtitles").arg(QString::fromUtf8(avcodec_get_name(p->codec_id))));
        // A mov_text source's extradata is its tx3g description; a converted
        // track gets the converter's (Mp4Writer) before .info is written.
        t.kind = TrackKind::Text;
        t.codecTag = "tx3g";
        t.sampleEntry = tx3gSampleEntry(p->codec_id == AV_CODEC_ID_MOV_TEXT ? ed : QByteArray());
        out.payload = PayloadFormat::Copy;
        return out;
    }
    switch (p->codec_id) {
    case AV_CODEC_ID_H264:
    case AV_CODEC_ID_HEVC: {
        const bool hevc = p->codec_id == AV_CODEC_ID_HEVC;
        t.kind = TrackKind::Video;
        t.codecTag = hevc ? "hev1" : "avc1";
        t.width = quint32(std::max(0, p->width));
        t.height = quint32(std::max(0, p->height));
        if (ed.size() >= 7 && ed[0] == 1) {
            // Already an avcC / hvcC record: packets carry length prefixes.
            t.sampleEntry = visualEntry(hevc ? "hev1" : "avc1", hevc ? "hvcC" : "avcC", ed, s);
            out.payload = PayloadFormat::Copy;
            return out;
        }
        out.payload = PayloadFormat::AnnexB;
        if (!ed.isEmpty() && startsWithStartCode(edp, ed.size())) {
            const auto nals = splitAnnexB(edp, ed.size());
            const QByteArray cfg = hevc ? hvcCFromNals(nals, p) : avcCFromNals(nals, p);
            if (!cfg.isEmpty()) {
                t.sampleEntry = visualEntry(hevc ? "hev1" : "avc1", hevc ? "hvcC" : "avcC", cfg, s);
                return out;
            }
        }
        out.pending = true; // parameter sets arrive in-band with the first keyframe
        return out;
    }
    case AV_CODEC_ID_AAC: {
        t.kind = TrackKind::Audio;
        t.codecTag = "mp4a";
        t.sampleRate = quint32(std::max(0, p->sample_rate));
        t.channels = quint32(std::max(0, p->ch_layout.nb_channels));
        // ADTS headers, when a source leaves them on, are stripped per packet.
        out.payload = PayloadFormat::Adts;
        if (ed.size() >= 2) {
            t.sampleEntry = aacEntry(ed, p, number, t.channels, t.sampleRate);
            return out;
        }
        out.pending = true; // no AudioSpecificConfig: the first ADTS header carries it
        return out;
    }
    case AV_CODEC_ID_OPUS:
        t.kind = TrackKind::Audio;
        t.codecTag = "Opus";
        t.sampleRate = 48000;
        t.channels = quint32(std::max(1, p->ch_layout.nb_channels));
        t.sampleEntry = opusEntry(p, t.channels);
        return out;
    default:
        if (const char *fourcc = pcmFourcc(p->codec_id); fourcc && p->sample_rate > 0) {
            t.kind = TrackKind::Audio;
            t.codecTag = QByteArray(fourcc, 4);
            t.sampleRate = quint32(p->sample_rate);
            t.channels = quint32(std::max(1, p->ch_layout.nb_channels));
            t.sampleEntry = pcmEntry(fourcc, t.channels, quint32(av_get_bits_per_sample(p->codec_id)), t.sampleRate);
            return out;
        }
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("MP4 recording supports H.264, HEVC, AAC and Opus, not %1")
                             .arg(QString::fromUtf8(avcodec_get_name(p->codec_id))));
    }
}

bool completeSetupFromPacket(TrackSetup &setup, const StreamInfo &s, const quint8 *data, int size)
{
    const AVCodecParameters *p = s.params.get();
    SidecarTrack &t = setup.track;
    if (setup.payload == PayloadFormat::Adts) {
        Adts a;
        if (!parseAdts(data, size, &a))
            return false;
        t.sampleEntry = aacEntry(a.asc, p, t.number, t.channels, t.sampleRate);
        setup.pending = false;
        return true;
    }
    if (!startsWithStartCode(data, size))
        return false;
    const bool hevc = p->codec_id == AV_CODEC_ID_HEVC;
    const auto nals = splitAnnexB(data, size);
    const QByteArray cfg = hevc ? hvcCFromNals(nals, p) : avcCFromNals(nals, p);
    if (cfg.isEmpty())
        return false;
    t.sampleEntry = visualEntry(hevc ? "hev1" : "avc1", hevc ? "hvcC" : "avcC", cfg, s);
    setup.pending = false;
    return true;
}

QByteArray sampleBytes(const TrackSetup &setup, const quint8 *data, int size)
{
    switch (setup.payload) {
    case PayloadFormat::Copy:
        // No copy: the caller writes it before the packet goes away.
        return QByteArray::fromRawData(reinterpret_cast<const char *>(data), size);
    case PayloadFormat::Adts: {
        Adts a;
        if (!parseAdts(data, size, &a))
            return QByteArray::fromRawData(reinterpret_cast<const char *>(data), size); // already raw
        return QByteArray::fromRawData(reinterpret_cast<const char *>(data) + a.headerSize, size - a.headerSize);
    }
    case PayloadFormat::AnnexB: {
        if (!startsWithStartCode(data, size))
            return QByteArray::fromRawData(reinterpret_cast<const char *>(data), size); // already length-prefixed
        QByteArray out;
        out.reserve(size + 16);
        for (const Nal &n : splitAnnexB(data, size)) {
            const quint32 len = quint32(n.second);
            const char be[4] = {char(len >> 24), char(len >> 16), char(len >> 8), char(len)};
            out.append(be, 4);
            out.append(reinterpret_cast<const char *>(n.first), n.second);
        }
        return out;
    }
    }
    return {};
}

} // namespace tapedeck::mp4

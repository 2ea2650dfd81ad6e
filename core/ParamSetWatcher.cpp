#include "core/ParamSetWatcher.h"

#include "core/Log.h"

extern "C" {
#include <libavcodec/avcodec.h>
}

namespace tapedeck {
namespace {

struct ParamSets {
    QByteArray sps, pps;
};

// NAL units of an Annex B buffer (start codes 00 00 01 / 00 00 00 01).
void scanAnnexB(const uint8_t *p, int size, ParamSets &out)
{
    auto nextStart = [&](int from) {
        for (int k = from; k + 3 <= size; ++k)
            if (p[k] == 0 && p[k + 1] == 0 && p[k + 2] == 1)
                return k;
        return -1;
    };
    int s = nextStart(0);
    while (s >= 0) {
        const int nal = s + 3;
        int e = nextStart(nal);
        int end = e < 0 ? size : e;
        while (end > nal && p[end - 1] == 0) // trailing zero of a 4-byte start code
            --end;
        if (end > nal) {
            const int type = p[nal] & 0x1f;
            if (type == 7 && out.sps.isEmpty())
                out.sps = QByteArray(reinterpret_cast<const char *>(p + nal), end - nal);
            else if (type == 8 && out.pps.isEmpty())
                out.pps = QByteArray(reinterpret_cast<const char *>(p + nal), end - nal);
        }
        s = e;
    }
}

void scanAvcc(const uint8_t *p, int size, int lengthSize, ParamSets &out)
{
    int pos = 0;
    while (pos + lengthSize <= size) {
        int len = 0;
        for (int k = 0; k < lengthSize; ++k)
            len = (len << 8) | p[pos + k];
        pos += lengthSize;
        if (len <= 0 || pos + len > size)
            return;
        const int type = p[pos] & 0x1f;
        if (type == 7 && out.sps.isEmpty())
            out.sps = QByteArray(reinterpret_cast<const char *>(p + pos), len);
        else if (type == 8 && out.pps.isEmpty())
            out.pps = QByteArray(reinterpret_cast<const char *>(p + pos), len);
        pos += len;
    }
}

// avcC: version, profile, compat, level, 0xFC|lenSize-1, 0xE0|nSps, (len, sps)*, nPps, (len, pps)*
ParamSets fromAvcC(const uint8_t *p, int size)
{
    ParamSets ps;
    if (size < 7)
        return ps;
    int pos = 5;
    const int nSps = p[pos++] & 0x1f;
    for (int i = 0; i < nSps && pos + 2 <= size; ++i) {
        const int len = (p[pos] << 8) | p[pos + 1];
        pos += 2;
        if (pos + len > size)
            return ps;
        if (i == 0)
            ps.sps = QByteArray(reinterpret_cast<const char *>(p + pos), len);
        pos += len;
    }
    if (pos >= size)
        return ps;
    const int nPps = p[pos++];
    for (int i = 0; i < nPps && pos + 2 <= size; ++i) {
        const int len = (p[pos] << 8) | p[pos + 1];
        pos += 2;
        if (pos + len > size)
            return ps;
        if (i == 0)
            ps.pps = QByteArray(reinterpret_cast<const char *>(p + pos), len);
        pos += len;
    }
    return ps;
}

QByteArray toAvcC(const ParamSets &ps, int lengthSize)
{
    QByteArray b;
    b.append(char(1));
    b.append(ps.sps.mid(1, 3));
    b.append(char(0xFC | (lengthSize - 1)));
    b.append(char(0xE1));
    b.append(char(ps.sps.size() >> 8)).append(char(ps.sps.size() & 0xff)).append(ps.sps);
    b.append(char(1));
    b.append(char(ps.pps.size() >> 8)).append(char(ps.pps.size() & 0xff)).append(ps.pps);
    return b;
}

QByteArray toAnnexB(const ParamSets &ps)
{
    static const QByteArray sc("\x00\x00\x00\x01", 4);
    return sc + ps.sps + sc + ps.pps;
}

QByteArray packetAsAnnexB(const AVPacket *pkt, int lengthSize)
{
    if (lengthSize <= 0)
        return QByteArray(reinterpret_cast<const char *>(pkt->data), pkt->size);
    QByteArray out;
    int pos = 0;
    while (pos + lengthSize <= pkt->size) {
        int len = 0;
        for (int k = 0; k < lengthSize; ++k)
            len = (len << 8) | pkt->data[pos + k];
        pos += lengthSize;
        if (len <= 0 || pos + len > pkt->size)
            break;
        out.append(QByteArray("\x00\x00\x00\x01", 4));
        out.append(reinterpret_cast<const char *>(pkt->data + pos), len);
        pos += len;
    }
    return out;
}

// Width and height through FFmpeg's own H.264 parser, which reports them
// once it has seen the parameter sets and a slice.
bool dimensionsOf(const QByteArray &annexB, int *w, int *h)
{
    ParserContextPtr parser(av_parser_init(AV_CODEC_ID_H264));
    const AVCodec *codec = avcodec_find_decoder(AV_CODEC_ID_H264);
    if (!parser || !codec)
        return false;
    CodecContextPtr ctx = makeCodecContext(codec);
    if (!ctx)
        return false;
    uint8_t *out = nullptr;
    int outSize = 0;
    QByteArray buf = annexB;
    buf.append(QByteArray(AV_INPUT_BUFFER_PADDING_SIZE, '\0'));
    av_parser_parse2(parser.get(), ctx.get(), &out, &outSize, reinterpret_cast<const uint8_t *>(buf.constData()),
                     int(annexB.size()), AV_NOPTS_VALUE, AV_NOPTS_VALUE, 0);
    av_parser_parse2(parser.get(), ctx.get(), &out, &outSize, nullptr, 0, AV_NOPTS_VALUE, AV_NOPTS_VALUE, 0);
    if (parser->width <= 0 || parser->height <= 0)
        return false;
    *w = parser->width;
    *h = parser->height;
    return true;
}

} // namespace

void ParamSetWatcher::reset(const std::vector<StreamInfo> &streams)
{
    m_streams = streams;
    m_video = firstVideoIndex(streams);
    m_lengthSize = 0;
    m_inBandSeen = false;
    m_sps.clear();
    m_pps.clear();
    if (m_video < 0 || m_streams[size_t(m_video)].params->codec_id != AV_CODEC_ID_H264) {
        m_video = -1;
        return;
    }
    const AVCodecParameters *par = m_streams[size_t(m_video)].params.get();
    ParamSets ps;
    if (par->extradata_size > 6 && par->extradata[0] == 1) {
        m_lengthSize = (par->extradata[4] & 3) + 1;
        ps = fromAvcC(par->extradata, par->extradata_size);
    } else if (par->extradata_size > 0) {
        scanAnnexB(par->extradata, par->extradata_size, ps);
    }
    m_sps = ps.sps;
    m_pps = ps.pps;
}

std::optional<std::vector<StreamInfo>> ParamSetWatcher::check(const AVPacket *pkt)
{
    if (m_video < 0 || pkt->stream_index != m_video)
        return std::nullopt;
    ParamSets ps;
    bool inBand = false;
    size_t sideSize = 0;
    // An FLV/RTMP source announces new parameters as a new sequence header,
    // which libavformat hands over as side data.
    if (const uint8_t *side = av_packet_get_side_data(pkt, AV_PKT_DATA_NEW_EXTRADATA, &sideSize);
        side && sideSize > 6) {
        if (side[0] == 1)
            ps = fromAvcC(side, int(sideSize));
        else
            scanAnnexB(side, int(sideSize), ps);
    } else if ((pkt->flags & AV_PKT_FLAG_KEY) && pkt->size >= 5) {
        if (m_lengthSize > 0)
            scanAvcc(pkt->data, pkt->size, m_lengthSize, ps);
        else
            scanAnnexB(pkt->data, pkt->size, ps);
        inBand = true;
    }
    if (ps.sps.isEmpty())
        return std::nullopt;
    if (ps.pps.isEmpty())
        ps.pps = m_pps;
    if (ps.sps == m_sps && ps.pps == m_pps)
        return std::nullopt;
    const AVCodecParameters *cur = m_streams[size_t(m_video)].params.get();
    if (inBand && !m_inBandSeen) {
        // The first in-band sets may differ from the extradata only in their
        // bytes; they start a new setup only when they describe another size.
        m_inBandSeen = true;
        int w0 = 0, h0 = 0;
        if (m_sps.isEmpty()
            || (dimensionsOf(toAnnexB(ps) + packetAsAnnexB(pkt, m_lengthSize), &w0, &h0) && w0 == cur->width
                && h0 == cur->height)) {
            m_sps = ps.sps;
            m_pps = ps.pps;
            return std::nullopt;
        }
    }
    int w = 0, h = 0;
    if (!dimensionsOf(toAnnexB(ps) + packetAsAnnexB(pkt, m_lengthSize), &w, &h))
        return std::nullopt;
    m_sps = ps.sps;
    m_pps = ps.pps;
    AVCodecParameters *par = m_streams[size_t(m_video)].params.get();
    const QByteArray extra = m_lengthSize > 0 ? toAvcC(ps, m_lengthSize) : toAnnexB(ps);
    av_freep(&par->extradata);
    par->extradata = static_cast<uint8_t *>(av_mallocz(size_t(extra.size()) + AV_INPUT_BUFFER_PADDING_SIZE));
    if (!par->extradata) {
        par->extradata_size = 0;
        return std::nullopt;
    }
    memcpy(par->extradata, extra.constData(), size_t(extra.size()));
    par->extradata_size = int(extra.size());
    const bool resized = par->width != w || par->height != h;
    logInfo(QStringLiteral("video parameters changed in-band%1").arg(
        resized ? QStringLiteral(": %1x%2 → %3x%4").arg(par->width).arg(par->height).arg(w).arg(h) : QString()));
    par->width = w;
    par->height = h;
    return m_streams;
}

} // namespace tapedeck

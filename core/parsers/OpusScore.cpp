#include "core/parsers/OpusScore.h"

extern "C" {
#include <libavutil/log.h>
#include <libavutil/samplefmt.h>
}

#include <cmath>
#include <cstring>

namespace tapedeck::recovery {

Result<OpusScore> OpusScore::open(const QByteArray &opusHead)
{
    const AVCodec *codec = avcodec_find_decoder(AV_CODEC_ID_OPUS);
    if (!codec)
        return makeError(ErrorCode::Unsupported, QStringLiteral("this FFmpeg has no Opus decoder"));
    OpusScore s;
    s.m_head = opusHead;
    s.m_pkt = makePacket();
    s.m_frame = makeFrame();
    return s;
}

OpusScore::Feature OpusScore::decode(const Span &p)
{
    Feature f;
    if (p.second <= 0 || p.second > 1275 * 6)
        return f;
    m_buf.assign(size_t(p.second) + AV_INPUT_BUFFER_PADDING_SIZE, 0);
    std::memcpy(m_buf.data(), p.first, size_t(p.second));
    av_packet_unref(m_pkt.get());
    m_pkt->data = m_buf.data();
    m_pkt->size = int(p.second);
    if (avcodec_send_packet(m_ctx.get(), m_pkt.get()) < 0)
        return f;
    if (avcodec_receive_frame(m_ctx.get(), m_frame.get()) < 0)
        return f;
    const int n = m_frame->nb_samples;
    const int ch = m_frame->ch_layout.nb_channels;
    double sum = 0;
    int crossings = 0;
    if (m_frame->format == AV_SAMPLE_FMT_FLTP && n > 1 && ch > 0) {
        for (int c = 0; c < ch; ++c) {
            const float *x = reinterpret_cast<const float *>(m_frame->extended_data[c]);
            for (int i = 0; i < n; ++i) {
                sum += double(x[i]) * x[i];
                if (i > 0 && (x[i] >= 0) != (x[i - 1] >= 0))
                    ++crossings;
            }
        }
        f.logRms = 0.5 * std::log10(sum / (double(n) * ch) + 1e-12);
        f.zcr = double(crossings) / (double(n) * ch);
        f.ok = true;
    }
    av_frame_unref(m_frame.get());
    return f;
}

double OpusScore::score(const std::vector<Span> &before, const std::vector<Span> &split)
{
    // A decoder in its initial state per candidate (libavcodec cannot copy a
    // decoder's state; two packets bring CELT's energy prediction back in
    // line). One decoder, opened once and flushed back to that state: opening
    // one per candidate cost more than the decoding (its buffers, zeroed
    // page by page, were 40 % of a repair's time).
    if (!m_ctx) {
        const AVCodec *codec = avcodec_find_decoder(AV_CODEC_ID_OPUS);
        m_ctx = makeCodecContext(codec);
        if (!m_ctx)
            return 1e9;
        m_ctx->extradata = static_cast<uint8_t *>(av_mallocz(size_t(m_head.size()) + AV_INPUT_BUFFER_PADDING_SIZE));
        std::memcpy(m_ctx->extradata, m_head.constData(), size_t(m_head.size()));
        m_ctx->extradata_size = int(m_head.size());
        m_ctx->thread_count = 1;
        m_ctx->log_level_offset = AV_LOG_DEBUG - AV_LOG_ERROR + 8;
        if (avcodec_open2(m_ctx.get(), codec, nullptr) < 0) {
            m_ctx.reset();
            return 1e9;
        }
    } else {
        avcodec_flush_buffers(m_ctx.get());
    }
    Feature prev;
    for (const Span &p : before)
        prev = decode(p);
    double jump = 0;
    for (const Span &p : split) {
        const Feature f = decode(p);
        if (!f.ok)
            return 1e9;
        if (prev.ok)
            jump += std::abs(f.logRms - prev.logRms) + 4 * std::abs(f.zcr - prev.zcr);
        prev = f;
    }
    return jump;
}

} // namespace tapedeck::recovery

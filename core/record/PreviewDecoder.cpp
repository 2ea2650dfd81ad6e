#include "core/record/PreviewDecoder.h"

namespace tapedeck {

void PreviewDecoder::reset(const StreamInfo &video)
{
    m_dec.reset();
    m_sws.reset();
    m_timeBase = video.timeBase;
    const AVCodec *codec = avcodec_find_decoder(video.params->codec_id);
    if (!codec)
        return;
    CodecContextPtr ctx = makeCodecContext(codec);
    if (!ctx || avcodec_parameters_to_context(ctx.get(), video.params.get()) < 0)
        return;
    ctx->thread_count = 1; // one frame in, one frame out
    if (avcodec_open2(ctx.get(), codec, nullptr) < 0)
        return;
    m_dec = std::move(ctx);
    m_frame = makeFrame();
}

std::optional<PreviewFrame> PreviewDecoder::decodeKeyframe(const AVPacket *pkt, std::optional<PictureStats> *stats,
                                                           qint64 *atMs)
{
    if (!m_dec || !(pkt->flags & AV_PKT_FLAG_KEY))
        return std::nullopt;
    avcodec_flush_buffers(m_dec.get());
    if (avcodec_send_packet(m_dec.get(), pkt) < 0)
        return std::nullopt;
    avcodec_send_packet(m_dec.get(), nullptr); // drain: the keyframe comes out now
    const int err = avcodec_receive_frame(m_dec.get(), m_frame.get());
    avcodec_flush_buffers(m_dec.get());
    if (err < 0 || m_frame->width <= 0 || m_frame->height <= 0)
        return std::nullopt;
    if (stats)
        *stats = measurePicture(m_frame.get());
    if (atMs) {
        const int64_t t = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
        *atMs = t == AV_NOPTS_VALUE ? 0 : av_rescale_q(t, m_timeBase, AVRational{1, 1000});
    }
    const int w = std::min(m_maxWidth, m_frame->width) & ~1;
    const int h = std::max(2, int(qint64(m_frame->height) * w / m_frame->width)) & ~1;
    m_sws.reset(sws_getCachedContext(m_sws.release(), m_frame->width, m_frame->height, AVPixelFormat(m_frame->format),
                                     w, h, AV_PIX_FMT_BGRA, SWS_BILINEAR, nullptr, nullptr, nullptr));
    if (!m_sws)
        return std::nullopt;
    PreviewFrame out;
    out.width = w;
    out.height = h;
    out.rgb32.resize(qsizetype(w) * h * 4);
    uint8_t *dst[1] = {reinterpret_cast<uint8_t *>(out.rgb32.data())};
    const int dstStride[1] = {w * 4};
    sws_scale(m_sws.get(), m_frame->data, m_frame->linesize, 0, m_frame->height, dst, dstStride);
    av_frame_unref(m_frame.get());
    return out;
}

void PreviewWorker::start(const StreamInfo &video, Sink sink, StatsSink stats)
{
    m_worker.stop();
    m_decoder.reset(video);
    m_sink = std::move(sink);
    m_stats = std::move(stats);
    m_worker.start(
        [this](AVPacket *pkt) {
            std::optional<PictureStats> picture;
            qint64 atMs = 0;
            auto frame = m_decoder.decodeKeyframe(pkt, m_stats ? &picture : nullptr, &atMs);
            if (picture)
                m_stats(atMs, *picture);
            if (frame)
                m_sink(std::move(*frame));
        },
        1, PacketWorker::WhenFull::ReplaceOldest);
}

bool PreviewWorker::push(const AVPacket *pkt)
{
    if (!(pkt->flags & AV_PKT_FLAG_KEY))
        return false;
    return m_worker.push(pkt);
}

} // namespace tapedeck

#include "core/parsers/AacFramer.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/log.h>
}

#include <cstring>

namespace tapedeck::recovery {

namespace {

constexpr int kRates[] = {96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};
// A raw AAC frame holds at most 6144 bits per channel (ISO 14496-3 4.5.3.2).
constexpr int64_t kMaxFrameBytesPerChannel = 768;

} // namespace

QByteArray makeAacLcConfig(int sampleRate, int channels)
{
    int idx = 3;
    for (int i = 0; i < 13; ++i)
        if (kRates[i] == sampleRate)
            idx = i;
    QByteArray asc(2, '\0');
    asc[0] = char((2 << 3) | (idx >> 1));
    asc[1] = char(((idx & 1) << 7) | ((channels & 0xf) << 3));
    return asc;
}

int aacConfigSampleRate(const QByteArray &asc)
{
    if (asc.size() < 2)
        return 0;
    const int idx = ((uint8_t(asc[0]) & 7) << 1) | (uint8_t(asc[1]) >> 7);
    if (idx < 13)
        return kRates[idx];
    if (idx == 15 && asc.size() >= 5)
        return ((uint8_t(asc[1]) & 0x7f) << 17) | (uint8_t(asc[2]) << 9) | (uint8_t(asc[3]) << 1)
            | (uint8_t(asc[4]) >> 7);
    return 0;
}

int aacConfigChannels(const QByteArray &asc)
{
    if (asc.size() < 2)
        return 0;
    const int idx = ((uint8_t(asc[0]) & 7) << 1) | (uint8_t(asc[1]) >> 7);
    if (idx == 15)
        return asc.size() >= 5 ? (uint8_t(asc[4]) >> 3) & 0xf : 0;
    const int cfg = (uint8_t(asc[1]) >> 3) & 0xf;
    return cfg == 7 ? 8 : cfg;
}

Result<AacFramer> AacFramer::open(const QByteArray &asc)
{
    const AVCodec *codec = avcodec_find_decoder(AV_CODEC_ID_AAC);
    if (!codec)
        return makeError(ErrorCode::Unsupported, QStringLiteral("this FFmpeg has no AAC decoder"));
    AacFramer f;
    f.m_ctx = makeCodecContext(codec);
    if (!f.m_ctx)
        return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
    f.m_ctx->extradata = static_cast<uint8_t *>(av_mallocz(size_t(asc.size()) + AV_INPUT_BUFFER_PADDING_SIZE));
    std::memcpy(f.m_ctx->extradata, asc.constData(), size_t(asc.size()));
    f.m_ctx->extradata_size = int(asc.size());
    f.m_ctx->thread_count = 1;
    // Probing bytes that are not AAC is the point: its complaints are noise.
    f.m_ctx->log_level_offset = AV_LOG_DEBUG - AV_LOG_ERROR + 8;
    if (const int rc = avcodec_open2(f.m_ctx.get(), codec, nullptr); rc < 0)
        return makeError(ErrorCode::Codec, QStringLiteral("AAC decoder: %1").arg(ffmpegErrorString(rc)));
    f.m_pkt = makePacket();
    f.m_frame = makeFrame();
    f.m_channels = aacConfigChannels(asc);
    f.m_sampleRate = aacConfigSampleRate(asc);
    if (f.m_channels <= 0 || f.m_sampleRate <= 0)
        return makeError(ErrorCode::Unsupported, QStringLiteral("unsupported AAC configuration"));
    f.m_buf.resize(size_t(kMaxFrameBytesPerChannel * f.m_channels + 64 + AV_INPUT_BUFFER_PADDING_SIZE));
    return f;
}

int AacFramer::decodePrefix(const uint8_t *data, int64_t len, int64_t *rest)
{
    // Bytes that are not AAC (probed at a resync, or the video after a
    // frame) can leave the decoder reconfigured (channels, elements), which
    // a flush does not undo; a real frame refused by such a decoder is
    // tried again on a fresh one.
    // Reopening costs a decoder's setup: while probing a region of garbage
    // (no frame found since the last reopen) it is done only every 64th time.
    int r = decodeOnce(data, len, rest);
    if (r < 0 && m_dirty && (m_okSinceReopen || ++m_failsSinceReopen % 64 == 0)) {
        if (reopen()) {
            m_dirty = false;
            m_okSinceReopen = false;
            r = decodeOnce(data, len, rest);
        }
    }
    if (r < 0)
        m_dirty = true;
    else
        m_okSinceReopen = true;
    return r;
}

bool AacFramer::reopen()
{
    const AVCodec *codec = m_ctx->codec;
    CodecContextPtr fresh = makeCodecContext(codec);
    if (!fresh)
        return false;
    fresh->extradata = static_cast<uint8_t *>(av_mallocz(size_t(m_ctx->extradata_size) + AV_INPUT_BUFFER_PADDING_SIZE));
    std::memcpy(fresh->extradata, m_ctx->extradata, size_t(m_ctx->extradata_size));
    fresh->extradata_size = m_ctx->extradata_size;
    fresh->thread_count = 1;
    fresh->log_level_offset = m_ctx->log_level_offset;
    if (avcodec_open2(fresh.get(), codec, nullptr) < 0)
        return false;
    m_ctx = std::move(fresh);
    return true;
}

int AacFramer::decodeOnce(const uint8_t *data, int64_t len, int64_t *rest)
{
    *rest = -1;
    // Each probe starts from a clean decoder: a probe of bytes that are not
    // AAC can leave it reconfigured, and the next real frame would then be
    // refused.
    avcodec_flush_buffers(m_ctx.get());
    std::memcpy(m_buf.data(), data, size_t(len));
    std::memset(m_buf.data() + len, 0, AV_INPUT_BUFFER_PADDING_SIZE);
    av_packet_unref(m_pkt.get());
    m_pkt->data = m_buf.data();
    m_pkt->size = int(len);
    if (avcodec_send_packet(m_ctx.get(), m_pkt.get()) < 0) {
        avcodec_flush_buffers(m_ctx.get()); // should not happen after a drain; recover anyway
        if (avcodec_send_packet(m_ctx.get(), m_pkt.get()) < 0)
            return -1;
    }
    if (avcodec_receive_frame(m_ctx.get(), m_frame.get()) < 0) {
        drain();
        return -1;
    }
    const int samples = m_frame->nb_samples;
    const bool ok = m_frame->ch_layout.nb_channels == m_channels && (samples == 1024 || samples == 960)
        && m_frame->decode_error_flags == 0;
    const int64_t first = m_frame->pkt_size;
    av_frame_unref(m_frame.get());
    if (!ok || first != len) {
        drain();
        return -1;
    }
    if (avcodec_receive_frame(m_ctx.get(), m_frame.get()) >= 0) {
        *rest = m_frame->pkt_size;
        if (m_frame->ch_layout.nb_channels != m_channels)
            m_dirty = true;
        av_frame_unref(m_frame.get());
    } else {
        m_dirty = true; // what followed the frame was not AAC of this track
    }
    drain();
    return samples;
}

void AacFramer::drain()
{
    // Frames decoded from what remains of the probe packet; stops at EAGAIN
    // (packet used up) or at the first error (the rest is dropped).
    for (int i = 0; i < 64; ++i) {
        const int r = avcodec_receive_frame(m_ctx.get(), m_frame.get());
        if (r < 0) {
            if (r != AVERROR(EAGAIN))
                m_dirty = true;
            return;
        }
        av_frame_unref(m_frame.get());
    }
}

std::optional<AacFramer::Frame> AacFramer::frameAt(const uint8_t *data, int64_t avail)
{
    const int64_t window = std::min<int64_t>(avail, int64_t(m_buf.size()) - AV_INPUT_BUFFER_PADDING_SIZE);
    if (window < 2)
        return std::nullopt;
    int64_t rest = -1;
    const int samples = decodePrefix(data, window, &rest);
    if (samples < 0)
        return std::nullopt;
    if (rest > 0 && rest < window)
        return Frame{window - rest, samples};
    // The next bytes are not another frame of this track: find the shortest
    // prefix that still decodes (shorter ones run out before the END element).
    int64_t lo = 1, hi = window;
    while (hi - lo > 1) {
        const int64_t mid = lo + (hi - lo) / 2;
        int64_t r = -1;
        if (decodePrefix(data, mid, &r) >= 0)
            hi = mid;
        else
            lo = mid;
    }
    return Frame{hi, samples};
}

} // namespace tapedeck::recovery

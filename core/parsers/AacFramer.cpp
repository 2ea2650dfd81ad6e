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
// A run is decoded from a packet of this many largest frames: enough for
// the audio a muxer puts between two video samples, little to copy when a
// resync probes byte after byte.
constexpr int64_t kRunFrames = 4;

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
    f.m_maxFrame = kMaxFrameBytesPerChannel * f.m_channels + 64;
    f.m_buf.resize(size_t(f.m_maxFrame * kRunFrames + AV_INPUT_BUFFER_PADDING_SIZE));
    return f;
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

bool AacFramer::sendPrefix(const uint8_t *data, int64_t len)
{
    // Each packet starts from a clean decoder: a probe of bytes that are not
    // AAC can leave it reconfigured, and the next real frame would then be
    // refused.
    avcodec_flush_buffers(m_ctx.get());
    std::memcpy(m_buf.data(), data, size_t(len));
    std::memset(m_buf.data() + len, 0, AV_INPUT_BUFFER_PADDING_SIZE);
    av_packet_unref(m_pkt.get());
    m_pkt->data = m_buf.data();
    m_pkt->size = int(len);
    if (avcodec_send_packet(m_ctx.get(), m_pkt.get()) < 0) {
        avcodec_flush_buffers(m_ctx.get()); // should not happen after a flush; recover anyway
        if (avcodec_send_packet(m_ctx.get(), m_pkt.get()) < 0)
            return false;
    }
    return true;
}

bool AacFramer::frameOk() const
{
    const int samples = m_frame->nb_samples;
    return m_frame->ch_layout.nb_channels == m_channels && (samples == 1024 || samples == 960)
        && m_frame->decode_error_flags == 0;
}

bool AacFramer::decodeRunOnce(const uint8_t *data, int64_t len, Run &run)
{
    run = Run{};
    if (!sendPrefix(data, len))
        return false;
    ++m_decodeCalls; // the first frame (decoded by the send or this receive)
    if (avcodec_receive_frame(m_ctx.get(), m_frame.get()) < 0) {
        drain();
        return false;
    }
    if (!frameOk() || m_frame->pkt_size != len) {
        av_frame_unref(m_frame.get());
        drain();
        return false;
    }
    int64_t room = len; // what was left of the packet when the frame began
    int samples = m_frame->nb_samples;
    av_frame_unref(m_frame.get());
    for (;;) {
        const int r = avcodec_receive_frame(m_ctx.get(), m_frame.get());
        if (r != AVERROR(EAGAIN))
            ++m_decodeCalls; // EAGAIN: the packet was used up, nothing decoded
        if (r == AVERROR(EAGAIN)) {
            // The frame used up the packet (or all that followed it was zeros).
            run.lastSamples = samples;
            run.lastRoom = room;
            run.lastEndsPacket = true;
            return true;
        }
        if (r < 0) {
            // What followed the frame is not AAC of this track.
            m_dirty = true;
            run.lastSamples = samples;
            run.lastRoom = room;
            return true;
        }
        const int64_t next = m_frame->pkt_size;
        const int nextSamples = m_frame->nb_samples;
        const bool ok = frameOk() && next > 0 && next < room;
        av_frame_unref(m_frame.get());
        if (next > 0 && next < room)
            run.frames.push_back(Frame{room - next, samples});
        if (!ok) {
            m_dirty = true; // decoded, but not as a frame of this track
            drain();
            return true;
        }
        room = next;
        samples = nextSamples;
    }
}

bool AacFramer::decodeRun(const uint8_t *data, int64_t len, Run &run)
{
    // Bytes that are not AAC (probed at a resync, or the video after a
    // frame) can leave the decoder reconfigured (channels, elements), which
    // a flush does not undo; a real frame refused by such a decoder is
    // tried again on a fresh one.
    // Reopening costs a decoder's setup: while probing a region of garbage
    // (no frame found since the last reopen) it is done only every 64th time.
    bool ok = decodeRunOnce(data, len, run);
    if (!ok && m_dirty && (m_okSinceReopen || ++m_failsSinceReopen % 64 == 0)) {
        if (reopen()) {
            m_dirty = false;
            m_okSinceReopen = false;
            ok = decodeRunOnce(data, len, run);
        }
    }
    if (!ok)
        m_dirty = true;
    else
        m_okSinceReopen = true;
    return ok;
}

bool AacFramer::exactFrame(const uint8_t *data, int64_t len, bool *decoded, int *samples)
{
    Run run;
    *decoded = decodeRun(data, len, run);
    if (!*decoded)
        return false;
    *samples = run.frames.empty() ? run.lastSamples : run.frames.front().samples;
    return run.frames.empty() && run.lastEndsPacket && data[len - 1] != 0;
}

int64_t AacFramer::bisectEnd(const uint8_t *data, int64_t lo, int64_t hi)
{
    // The shortest prefix that still decodes (shorter ones run out before
    // the END element).
    while (hi - lo > 1) {
        const int64_t mid = lo + (hi - lo) / 2;
        Run run;
        if (decodeRun(data, mid, run))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

void AacFramer::drain()
{
    // Frames decoded from what remains of the packet; stops at EAGAIN
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

std::optional<AacFramer::Frame> AacFramer::frameAt(const uint8_t *data, int64_t avail, const NextStart &nextStart)
{
    // A frame of the last run?
    for (size_t k = m_knownNext; k < m_known.size(); ++k)
        if (m_known[k].first == data) {
            m_knownNext = k + 1;
            return m_known[k].second;
        }
    int64_t room = 0;
    int samples = 0;
    bool endsPacket = false;
    if (data == m_tail && m_tailFrame.size <= avail) {
        room = m_tailFrame.size;
        samples = m_tailFrame.samples;
        endsPacket = m_tailEndsPacket;
        m_tail = nullptr;
    } else {
        const int64_t window = std::min<int64_t>(avail, int64_t(m_buf.size()) - AV_INPUT_BUFFER_PADDING_SIZE);
        if (window < 2)
            return std::nullopt;
        Run run;
        if (!decodeRun(data, window, run))
            return std::nullopt;
        m_known.clear();
        m_knownNext = 0;
        m_tail = nullptr;
        const uint8_t *p = data;
        for (const Frame &f : run.frames) {
            m_known.push_back({p, f});
            p += f.size;
        }
        if (run.lastSamples > 0) {
            m_tail = p;
            m_tailFrame = Frame{run.lastRoom, run.lastSamples};
            m_tailEndsPacket = run.lastEndsPacket;
        }
        if (!run.frames.empty()) {
            m_knownNext = 1;
            return run.frames.front();
        }
        m_tail = nullptr;
        room = run.lastRoom;
        samples = run.lastSamples;
        endsPacket = run.lastEndsPacket;
    }
    // The frame decoded; where it ends is not known yet.
    if (endsPacket) {
        // It used up the packet: exactly, unless zeros followed it.
        if (data[room - 1] != 0)
            return Frame{room, samples};
        return Frame{bisectEnd(data, 1, room), samples};
    }
    // Something that is not this track's AAC follows: the frame ends where
    // another sample starts.
    int64_t lo = 1;
    int64_t hi = room;
    if (nextStart) {
        for (int64_t q = 2; q < room; ++q) {
            if (data[q - 1] == 0 || !nextStart(q))
                continue;
            bool decoded = false;
            int s = 0;
            if (exactFrame(data, q, &decoded, &s))
                return Frame{q, s};
            if (decoded) {
                hi = q; // the frame ends before q
                break;
            }
            lo = q; // the frame runs past q
        }
    }
    return Frame{bisectEnd(data, lo, hi), samples};
}

} // namespace tapedeck::recovery

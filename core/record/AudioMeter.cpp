#include "core/record/AudioMeter.h"

#include <algorithm>
#include <cmath>

namespace tapedeck {

namespace {

constexpr size_t kMaxQueued = 32;

float toDb(double linear)
{
    if (linear <= 0)
        return kMeterFloorDb;
    return std::max(kMeterFloorDb, float(20.0 * std::log10(linear)));
}

// Sample `i` of channel `c`, as -1..1.
double sampleAt(const AVFrame *f, AVSampleFormat fmt, int channels, int c, int i)
{
    const bool planar = av_sample_fmt_is_planar(fmt);
    const uint8_t *base = planar ? f->extended_data[c] : f->extended_data[0];
    const int at = planar ? i : i * channels + c;
    switch (av_get_packed_sample_fmt(fmt)) {
    case AV_SAMPLE_FMT_FLT:
        return reinterpret_cast<const float *>(base)[at];
    case AV_SAMPLE_FMT_DBL:
        return reinterpret_cast<const double *>(base)[at];
    case AV_SAMPLE_FMT_S16:
        return reinterpret_cast<const int16_t *>(base)[at] / 32768.0;
    case AV_SAMPLE_FMT_S32:
        return reinterpret_cast<const int32_t *>(base)[at] / 2147483648.0;
    default:
        return 0;
    }
}

} // namespace

std::optional<ChannelLevels> measureFrame(const AVFrame *f)
{
    if (!f || f->nb_samples <= 0)
        return std::nullopt;
    const auto fmt = AVSampleFormat(f->format);
    switch (av_get_packed_sample_fmt(fmt)) {
    case AV_SAMPLE_FMT_FLT:
    case AV_SAMPLE_FMT_DBL:
    case AV_SAMPLE_FMT_S16:
    case AV_SAMPLE_FMT_S32:
        break;
    default:
        return std::nullopt;
    }
    const int channels = f->ch_layout.nb_channels;
    if (channels <= 0 || channels > 64)
        return std::nullopt;
    ChannelLevels out;
    for (int c = 0; c < channels; ++c) {
        double peak = 0, sum = 0;
        for (int i = 0; i < f->nb_samples; ++i) {
            const double v = sampleAt(f, fmt, channels, c, i);
            peak = std::max(peak, std::abs(v));
            sum += v * v;
        }
        out.peakDb.push_back(toDb(peak));
        out.rmsDb.push_back(toDb(std::sqrt(sum / f->nb_samples)));
    }
    return out;
}

AudioMeter::~AudioMeter() { stop(); }

bool AudioMeter::start(const StreamInfo &audio)
{
    stop();
    const AVCodec *codec = audio.params ? avcodec_find_decoder(audio.params->codec_id) : nullptr;
    if (!codec)
        return false;
    CodecContextPtr dec = makeCodecContext(codec);
    if (!dec || avcodec_parameters_to_context(dec.get(), audio.params.get()) < 0
        || avcodec_open2(dec.get(), codec, nullptr) < 0)
        return false;
    FramePtr frame = makeFrame();
    if (!frame)
        return false;
    m_dec = std::move(dec);
    m_frame = std::move(frame);
    {
        std::lock_guard lock(m_mutex);
        m_levels = {};
    }
    m_worker.start([this](AVPacket *pkt) { decode(pkt); }, kMaxQueued, PacketWorker::WhenFull::RefuseNew);
    return true;
}

void AudioMeter::stop() { m_worker.stop(); }

void AudioMeter::push(const AVPacket *pkt) { m_worker.push(pkt); }

AudioLevels AudioMeter::levels() const
{
    std::lock_guard lock(m_mutex);
    return m_levels;
}

void AudioMeter::decode(AVPacket *pkt)
{
    if (avcodec_send_packet(m_dec.get(), pkt) < 0)
        return; // a packet the decoder refuses: the next one may do
    while (avcodec_receive_frame(m_dec.get(), m_frame.get()) >= 0) {
        const auto m = measureFrame(m_frame.get());
        const int rate = m_frame->sample_rate > 0 ? m_frame->sample_rate : m_dec->sample_rate;
        const qint64 ms = rate > 0 ? qint64(m_frame->nb_samples) * 1000 / rate : 0;
        av_frame_unref(m_frame.get());
        if (!m)
            continue;
        const bool silent = std::all_of(m->peakDb.begin(), m->peakDb.end(), [](float db) { return db < kSilenceDb; });
        std::lock_guard lock(m_mutex);
        m_levels.peakDb = m->peakDb;
        m_levels.rmsDb = m->rmsDb;
        m_levels.silentMs = silent ? m_levels.silentMs + ms : 0;
        ++m_levels.measured;
    }
}

} // namespace tapedeck

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
    {
        std::lock_guard lock(m_mutex);
        m_stop = false;
        m_queue.clear();
        m_levels = {};
    }
    m_thread = std::thread([this, d = std::move(dec)]() mutable { run(std::move(d)); });
    return true;
}

void AudioMeter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_queue.clear();
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void AudioMeter::push(const AVPacket *pkt)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_thread.joinable() || m_stop || m_queue.size() >= kMaxQueued)
            return;
        PacketPtr ref = clonePacket(pkt);
        if (!ref)
            return;
        m_queue.push_back(std::move(ref));
    }
    m_wake.notify_one();
}

AudioLevels AudioMeter::levels() const
{
    std::lock_guard lock(m_mutex);
    return m_levels;
}

void AudioMeter::run(CodecContextPtr dec)
{
    FramePtr frame = makeFrame();
    if (!frame)
        return;
    while (true) {
        PacketPtr pkt;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_stop)
                return;
            pkt = std::move(m_queue.front());
            m_queue.pop_front();
        }
        if (avcodec_send_packet(dec.get(), pkt.get()) < 0)
            continue; // a packet the decoder refuses: the next one may do
        while (avcodec_receive_frame(dec.get(), frame.get()) >= 0) {
            const auto m = measureFrame(frame.get());
            const int rate = frame->sample_rate > 0 ? frame->sample_rate : dec->sample_rate;
            const qint64 ms = rate > 0 ? qint64(frame->nb_samples) * 1000 / rate : 0;
            av_frame_unref(frame.get());
            if (!m)
                continue;
            const bool silent =
                std::all_of(m->peakDb.begin(), m->peakDb.end(), [](float db) { return db < kSilenceDb; });
            std::lock_guard lock(m_mutex);
            m_levels.peakDb = m->peakDb;
            m_levels.rmsDb = m->rmsDb;
            m_levels.silentMs = silent ? m_levels.silentMs + ms : 0;
            ++m_levels.measured;
        }
    }
}

} // namespace tapedeck

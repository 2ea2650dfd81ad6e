// Cameras and microphones (and libavdevice's lavfi, which delivers raw frames
// exactly as a device does and so lets tests exercise this path). Devices
// hand over raw pictures and samples, so unlike every other source this one
// encodes: H.264 (libx264, real-time settings) and AAC.
//
// Spec: one or more devices joined by '+':
//   v4l2:/dev/video0   alsa:default   pulse:SOURCE   lavfi:GRAPH
//   v4l2:/dev/video0+alsa:hw:1

#include "core/base/Log.h"
#include "core/source/Source.h"

extern "C" {
#include <libavdevice/version.h>
#include <libavutil/audio_fifo.h>
#include <libavutil/imgutils.h>
}

#include <QStringList>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include <dlfcn.h>

namespace tapedeck {
namespace {

constexpr AVRational kUs{1, 1000000};

qint64 wallUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct AudioFifoDeleter {
    void operator()(AVAudioFifo *f) const { av_audio_fifo_free(f); }
};
using AudioFifoPtr = std::unique_ptr<AVAudioFifo, AudioFifoDeleter>;

// Shared between the device threads and the reader.
struct Outbox {
    std::mutex mutex;
    std::condition_variable cv;
    std::deque<PacketPtr> packets;
    std::optional<Error> error;
    qint64 startUs = 0;
};

class DeviceInput {
public:
    DeviceInput(QString format, QString name, const std::atomic<bool> *stop, qint64 openTimeoutMs)
        : m_format(std::move(format)), m_name(std::move(name)), m_stop(stop), m_openTimeoutMs(openTimeoutMs)
    {}
    ~DeviceInput()
    {
        m_quit = true;
        if (m_thread.joinable())
            m_thread.join();
    }

    QString label() const { return m_format + u':' + m_name; }

    Status open(int outIndex, StreamInfo *info)
    {
        const QByteArray fmtName = m_format == u"v4l2" ? QByteArray("video4linux2") : m_format.toUtf8();
        const AVInputFormat *fmt = av_find_input_format(fmtName.constData());
        if (!fmt)
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("this FFmpeg cannot read %1 devices").arg(m_format));
        AVFormatContext *raw = avformat_alloc_context();
        raw->interrupt_callback.callback = &DeviceInput::interrupt;
        raw->interrupt_callback.opaque = this;
        m_deadlineUs = wallUs() + m_openTimeoutMs * 1000;
        const QByteArray name = m_name.toUtf8();
        int err = avformat_open_input(&raw, name.constData(), fmt, nullptr);
        if (err < 0) {
            if (err == AVERROR(ENOENT) || err == AVERROR(ENODEV))
                return makeError(ErrorCode::NotFound, QStringLiteral("no such device: %1").arg(label()));
            if (err == AVERROR(EBUSY))
                return makeError(ErrorCode::Io, QStringLiteral("%1 is in use by another program").arg(label()));
            return makeError(ErrorCode::Io, QStringLiteral("cannot open %1: %2").arg(label(), ffmpegErrorString(err)));
        }
        m_in.reset(raw);
        if ((err = avformat_find_stream_info(m_in.get(), nullptr)) < 0)
            return makeError(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(label(), ffmpegErrorString(err)));
        m_deadlineUs = 0;
        for (unsigned i = 0; i < m_in->nb_streams; ++i) {
            const AVMediaType t = m_in->streams[i]->codecpar->codec_type;
            if (t == AVMEDIA_TYPE_VIDEO || t == AVMEDIA_TYPE_AUDIO) {
                m_streamIndex = int(i);
                break;
            }
        }
        if (m_streamIndex < 0)
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("%1 delivers neither pictures nor sound").arg(label()));
        AVStream *st = m_in->streams[m_streamIndex];
        const AVCodec *dec = avcodec_find_decoder(st->codecpar->codec_id);
        if (!dec)
            return makeError(ErrorCode::Unsupported, QStringLiteral("%1: no decoder for its format").arg(label()));
        m_dec = makeCodecContext(dec);
        avcodec_parameters_to_context(m_dec.get(), st->codecpar);
        m_dec->pkt_timebase = st->time_base;
        if ((err = avcodec_open2(m_dec.get(), dec, nullptr)) < 0)
            return makeError(ErrorCode::Codec, QStringLiteral("%1: %2").arg(label(), ffmpegErrorString(err)));
        m_outIndex = outIndex;
        Status s = st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO ? openVideoEncoder(st) : openAudioEncoder();
        if (!s)
            return s;
        info->index = outIndex;
        info->type = st->codecpar->codec_type;
        CodecParametersPtr par = makeCodecParameters();
        avcodec_parameters_from_context(par.get(), m_enc.get());
        info->params = CodecParams(par.get());
        info->timeBase = m_enc->time_base;
        info->frameRate = m_enc->framerate;
        return {};
    }

    void start(Outbox *out)
    {
        m_out = out;
        m_thread = std::thread([this] { run(); });
    }

private:
    static int interrupt(void *opaque)
    {
        auto *d = static_cast<DeviceInput *>(opaque);
        if (d->m_quit.load() || (d->m_stop && d->m_stop->load()))
            return 1;
        return d->m_deadlineUs != 0 && wallUs() > d->m_deadlineUs;
    }

    Status openVideoEncoder(const AVStream *st)
    {
        const AVCodec *codec = avcodec_find_encoder_by_name("libx264");
        if (!codec)
            codec = avcodec_find_encoder(AV_CODEC_ID_H264);
        if (!codec)
            return makeError(ErrorCode::Unsupported, QStringLiteral("no H.264 encoder in this FFmpeg"));
        AVRational fps = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
        if (fps.num <= 0)
            fps = AVRational{30, 1};
        m_enc = makeCodecContext(codec);
        m_enc->width = m_dec->width & ~1;
        m_enc->height = m_dec->height & ~1;
        m_enc->pix_fmt = AV_PIX_FMT_YUV420P;
        m_enc->time_base = kUs; // device clocks are in microseconds; keeps real timing
        m_enc->framerate = fps;
        m_enc->gop_size = std::max(1, int(2 * av_q2d(fps)));
        m_enc->max_b_frames = 0;
        m_enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        Dictionary o;
        o.set("preset", "veryfast").set("tune", "zerolatency").set("crf", "23");
        const int err = avcodec_open2(m_enc.get(), codec, o.out());
        if (err < 0)
            return makeError(ErrorCode::Codec,
                             QStringLiteral("cannot start the H.264 encoder: %1").arg(ffmpegErrorString(err)));
        m_scaled = makeFrame();
        m_scaled->format = AV_PIX_FMT_YUV420P;
        m_scaled->width = m_enc->width;
        m_scaled->height = m_enc->height;
        if (av_frame_get_buffer(m_scaled.get(), 0) < 0)
            return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
        return {};
    }

    Status openAudioEncoder()
    {
        const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
        if (!codec)
            return makeError(ErrorCode::Unsupported, QStringLiteral("no AAC encoder in this FFmpeg"));
        m_enc = makeCodecContext(codec);
        m_enc->sample_rate = 48000;
        m_enc->sample_fmt = AV_SAMPLE_FMT_FLTP;
        av_channel_layout_default(&m_enc->ch_layout, std::min(2, std::max(1, m_dec->ch_layout.nb_channels)));
        m_enc->bit_rate = 128000;
        m_enc->time_base = AVRational{1, 48000};
        m_enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        int err = avcodec_open2(m_enc.get(), codec, nullptr);
        if (err < 0)
            return makeError(ErrorCode::Codec,
                             QStringLiteral("cannot start the AAC encoder: %1").arg(ffmpegErrorString(err)));
        SwrContext *swr = nullptr;
        err = swr_alloc_set_opts2(&swr, &m_enc->ch_layout, m_enc->sample_fmt, m_enc->sample_rate, &m_dec->ch_layout,
                                  m_dec->sample_fmt, m_dec->sample_rate, 0, nullptr);
        m_swr.reset(swr);
        if (err < 0 || swr_init(m_swr.get()) < 0)
            return makeError(ErrorCode::Codec, QStringLiteral("cannot convert the sound of %1").arg(label()));
        m_fifo.reset(av_audio_fifo_alloc(m_enc->sample_fmt, m_enc->ch_layout.nb_channels, 4096));
        return {};
    }

    void fail(const Error &e)
    {
        std::lock_guard lock(m_out->mutex);
        if (!m_out->error)
            m_out->error = e;
        m_out->cv.notify_all();
    }

    void emitPackets()
    {
        while (true) {
            PacketPtr p = makePacket();
            if (avcodec_receive_packet(m_enc.get(), p.get()) < 0)
                return;
            p->stream_index = m_outIndex;
            std::lock_guard lock(m_out->mutex);
            if (m_out->packets.size() < 512) // a stalled reader must not grow memory
                m_out->packets.push_back(std::move(p));
            m_out->cv.notify_all();
        }
    }

    // The device's timestamps become microseconds since the capture started,
    // anchored on the wall clock at each device's first frame, so a camera
    // and a microphone with different clocks still line up.
    qint64 toCaptureUs(const AVFrame *f)
    {
        const AVRational tb = m_in->streams[m_streamIndex]->time_base;
        const qint64 ts =
            f->best_effort_timestamp != AV_NOPTS_VALUE ? av_rescale_q(f->best_effort_timestamp, tb, kUs) : wallUs();
        if (m_firstTs == AV_NOPTS_VALUE) {
            m_firstTs = ts;
            m_anchorUs = wallUs() - m_out->startUs;
        }
        return m_anchorUs + (ts - m_firstTs);
    }

    void encodeVideo(AVFrame *f)
    {
        const qint64 us = toCaptureUs(f);
        if (us <= m_lastVideoUs)
            return; // devices repeat timestamps now and then
        m_lastVideoUs = us;
        m_sws.reset(sws_getCachedContext(m_sws.release(), f->width, f->height, AVPixelFormat(f->format),
                                         m_scaled->width, m_scaled->height, AV_PIX_FMT_YUV420P, SWS_BILINEAR, nullptr,
                                         nullptr, nullptr));
        if (!m_sws || av_frame_make_writable(m_scaled.get()) < 0)
            return;
        sws_scale(m_sws.get(), f->data, f->linesize, 0, f->height, m_scaled->data, m_scaled->linesize);
        m_scaled->pts = us;
        if (avcodec_send_frame(m_enc.get(), m_scaled.get()) >= 0)
            emitPackets();
    }

    void encodeAudio(AVFrame *f)
    {
        if (m_samples == 0)
            m_samples = av_rescale_q(toCaptureUs(f), kUs, m_enc->time_base);
        const int outMax = swr_get_out_samples(m_swr.get(), f->nb_samples);
        FramePtr conv = makeFrame();
        conv->format = m_enc->sample_fmt;
        conv->nb_samples = outMax;
        av_channel_layout_copy(&conv->ch_layout, &m_enc->ch_layout);
        conv->sample_rate = m_enc->sample_rate;
        if (av_frame_get_buffer(conv.get(), 0) < 0)
            return;
        const int n =
            swr_convert(m_swr.get(), conv->data, outMax, const_cast<const uint8_t **>(f->extended_data), f->nb_samples);
        if (n <= 0)
            return;
        av_audio_fifo_write(m_fifo.get(), reinterpret_cast<void **>(conv->data), n);
        const int frameSize = m_enc->frame_size > 0 ? m_enc->frame_size : 1024;
        while (av_audio_fifo_size(m_fifo.get()) >= frameSize) {
            FramePtr out = makeFrame();
            out->format = m_enc->sample_fmt;
            out->nb_samples = frameSize;
            av_channel_layout_copy(&out->ch_layout, &m_enc->ch_layout);
            out->sample_rate = m_enc->sample_rate;
            if (av_frame_get_buffer(out.get(), 0) < 0)
                return;
            av_audio_fifo_read(m_fifo.get(), reinterpret_cast<void **>(out->data), frameSize);
            out->pts = m_samples;
            m_samples += frameSize;
            if (avcodec_send_frame(m_enc.get(), out.get()) >= 0)
                emitPackets();
        }
    }

    void run()
    {
        PacketPtr pkt = makePacket();
        FramePtr frame = makeFrame();
        while (!m_quit.load() && !(m_stop && m_stop->load())) {
            const int err = av_read_frame(m_in.get(), pkt.get());
            if (err == AVERROR(EAGAIN)) {
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                continue;
            }
            if (err < 0) {
                if (!m_quit.load() && !(m_stop && m_stop->load()))
                    fail(err == AVERROR_EOF
                             ? makeError(ErrorCode::EndOfStream, QStringLiteral("%1 ended").arg(label()))
                             : makeError(
                                 ErrorCode::Io,
                                 QStringLiteral("%1 stopped delivering: %2").arg(label(), ffmpegErrorString(err))));
                return;
            }
            if (pkt->stream_index == m_streamIndex && avcodec_send_packet(m_dec.get(), pkt.get()) >= 0) {
                while (avcodec_receive_frame(m_dec.get(), frame.get()) >= 0) {
                    if (m_dec->codec_type == AVMEDIA_TYPE_VIDEO)
                        encodeVideo(frame.get());
                    else
                        encodeAudio(frame.get());
                    av_frame_unref(frame.get());
                }
            }
            av_packet_unref(pkt.get());
        }
    }

    QString m_format, m_name;
    const std::atomic<bool> *m_stop;
    qint64 m_openTimeoutMs;
    std::atomic<bool> m_quit{false};
    qint64 m_deadlineUs = 0;
    InputFormatContextPtr m_in;
    CodecContextPtr m_dec, m_enc;
    SwsContextPtr m_sws;
    SwrContextPtr m_swr;
    AudioFifoPtr m_fifo;
    FramePtr m_scaled;
    int m_streamIndex = -1, m_outIndex = -1;
    qint64 m_firstTs = AV_NOPTS_VALUE, m_anchorUs = 0, m_lastVideoUs = -1, m_samples = 0;
    Outbox *m_out = nullptr;
    std::thread m_thread;
};

// libavdevice is loaded when a device is first opened, not when the program
// starts: on Debian it pulls in some 80 more shared libraries (SDL, X11,
// PulseAudio, JACK, ...) that every start of tapedeck-cli would otherwise map
// and relocate, and that a server without a desktop may not even have.
Status loadDeviceSupport()
{
    static const Status result = []() -> Status {
        const QByteArray name = "libavdevice.so." + QByteArray::number(LIBAVDEVICE_VERSION_MAJOR);
        void *lib = ::dlopen(name.constData(), RTLD_NOW | RTLD_GLOBAL);
        if (!lib)
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("cameras and microphones need %1, which could not be loaded (%2)")
                                 .arg(QString::fromLatin1(name), QString::fromLocal8Bit(::dlerror())));
        auto registerAll = reinterpret_cast<void (*)()>(::dlsym(lib, "avdevice_register_all"));
        if (!registerAll)
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("%1 has no avdevice_register_all").arg(QString::fromLatin1(name)));
        registerAll(); // its devices join libavformat's input formats
        return {};
    }();
    return result;
}

class CaptureSource final : public PacketSource {
public:
    CaptureSource(QString spec, SourceOptions opt) : m_spec(std::move(spec)), m_opt(opt) {}
    ~CaptureSource() override { m_inputs.clear(); } // joins the device threads

    Status open() override
    {
        if (Status loaded = loadDeviceSupport(); !loaded)
            return loaded;
        m_inputs.clear();
        m_streams.clear();
        for (const QString &part : m_spec.split(u'+', Qt::SkipEmptyParts)) {
            const int colon = part.indexOf(u':');
            if (colon <= 0)
                return makeError(ErrorCode::InvalidArgument, QStringLiteral("not a device: %1").arg(part));
            QString name = part.mid(colon + 1);
            if (name.startsWith(QStringLiteral("//")))
                name = name.mid(2); // URL spelling: v4l2:///dev/video0, alsa://default
            auto in = std::make_unique<DeviceInput>(part.left(colon), name, m_opt.stopFlag, m_opt.openTimeoutMs);
            StreamInfo info;
            if (Status s = in->open(int(m_streams.size()), &info); !s)
                return s;
            m_streams.push_back(std::move(info));
            m_inputs.push_back(std::move(in));
        }
        if (m_inputs.empty())
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("no device given"));
        m_outbox.startUs = wallUs();
        for (auto &in : m_inputs)
            in->start(&m_outbox);
        return {};
    }

    const std::vector<StreamInfo> &streams() const override { return m_streams; }

    Result<PacketPtr> read() override
    {
        std::unique_lock lock(m_outbox.mutex);
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(std::max<qint64>(1000, m_opt.stallTimeoutMs));
        while (m_outbox.packets.empty()) {
            if (m_opt.stopFlag && m_opt.stopFlag->load())
                return makeError(ErrorCode::Cancelled, QStringLiteral("stopped"));
            if (m_outbox.error)
                return *m_outbox.error;
            if (std::chrono::steady_clock::now() > deadline)
                return makeError(ErrorCode::Timeout,
                                 QStringLiteral("%1 delivered nothing for %2 s")
                                     .arg(displayName())
                                     .arg(m_opt.stallTimeoutMs / 1000.0));
            m_outbox.cv.wait_for(lock, std::chrono::milliseconds(50));
        }
        PacketPtr p = std::move(m_outbox.packets.front());
        m_outbox.packets.pop_front();
        return p;
    }

    bool isLive() const override { return true; }
    QString displayName() const override { return m_spec; }

private:
    QString m_spec;
    SourceOptions m_opt;
    std::vector<StreamInfo> m_streams;
    Outbox m_outbox;
    std::vector<std::unique_ptr<DeviceInput>> m_inputs;
};

} // namespace

bool isDeviceSpec(const QString &spec)
{
    // "v4l2:/dev/video0" and the URL spelling "v4l2:///dev/video0" alike.
    for (const char *p : {"v4l2:", "alsa:", "pulse:", "lavfi:"})
        if (spec.startsWith(QLatin1String(p)))
            return true;
    return false;
}

std::unique_ptr<PacketSource> makeCaptureSource(const QString &spec, const SourceOptions &options)
{
    return std::make_unique<CaptureSource>(spec, options);
}

} // namespace tapedeck

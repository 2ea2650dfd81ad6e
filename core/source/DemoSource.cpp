// The built-in demo source: a live test pattern with a running clock and a
// tone, encoded in real time. Needs no network and no file, so the app can
// show a recording on first start and tests have a deterministic live source.
//
// Spec: demo[?w=640&h=360&fps=30&gop=30&bframes=0&video=h264|hevc|none
//             &audio=aac|opus|none&realtime=1&seconds=0]

#include "core/base/Log.h"
#include "core/source/DemoClock.h"
#include "core/source/Source.h"

#include <QThread>
#include <QUrlQuery>

#include <chrono>
#include <cmath>
#include <deque>

namespace tapedeck {
namespace {

qint64 monoUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

void fillRect(AVFrame *f, int x, int y, int w, int h, int luma)
{
    for (int yy = std::max(0, y); yy < std::min(f->height, y + h); ++yy)
        for (int xx = std::max(0, x); xx < std::min(f->width, x + w); ++xx)
            f->data[0][yy * f->linesize[0] + xx] = uint8_t(luma);
}

class DemoSource final : public PacketSource {
public:
    DemoSource(const QString &spec, SourceOptions opt) : m_opt(opt)
    {
        const int q = spec.indexOf(u'?');
        const QUrlQuery query(q >= 0 ? spec.mid(q + 1) : QString());
        auto num = [&](const char *key, int def) {
            bool ok = false;
            const int v = query.queryItemValue(QLatin1String(key)).toInt(&ok);
            return ok ? v : def;
        };
        m_width = std::clamp(num("w", 640), 16, 3840) & ~1;
        m_height = std::clamp(num("h", 360), 16, 2160) & ~1;
        m_fps = std::clamp(num("fps", 30), 1, 120);
        m_gop = std::clamp(num("gop", m_fps), 1, 600);
        m_bframes = std::clamp(num("bframes", 0), 0, 4);
        m_realtime = num("realtime", 1) != 0;
        m_maxSeconds = num("seconds", 0);
        m_video = query.hasQueryItem(QStringLiteral("video")) ? query.queryItemValue(QStringLiteral("video"))
                                                              : QStringLiteral("h264");
        m_audio = query.hasQueryItem(QStringLiteral("audio")) ? query.queryItemValue(QStringLiteral("audio"))
                                                              : QStringLiteral("aac");
    }

    ~DemoSource() override
    {
        // Drain the encoders so they close without complaining.
        if (!m_flushed) {
            for (AVCodecContext *c : {m_venc.get(), m_aenc.get()}) {
                if (!c)
                    continue;
                avcodec_send_frame(c, nullptr);
                PacketPtr p = makePacket();
                while (avcodec_receive_packet(c, p.get()) >= 0)
                    av_packet_unref(p.get());
            }
        }
    }

    Status open() override
    {
        m_streams.clear();
        if (m_video != u"none") {
            if (auto s = openVideo(); !s)
                return s;
        }
        if (m_audio != u"none") {
            if (auto s = openAudio(); !s)
                return s;
        }
        if (m_streams.empty())
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("the demo source needs audio or video"));
        m_startUs = monoUs();
        return {};
    }

    const std::vector<StreamInfo> &streams() const override { return m_streams; }
    bool isLive() const override { return m_realtime; }
    QString displayName() const override { return QStringLiteral("demo"); }

    Result<PacketPtr> read() override
    {
        while (m_pending.empty()) {
            if (m_opt.stopFlag && m_opt.stopFlag->load())
                return makeError(ErrorCode::Cancelled, QStringLiteral("stopped"));
            if (m_flushed)
                return makeError(ErrorCode::EndOfStream, QStringLiteral("demo ended"));
            const double vt = m_venc ? double(m_frameIndex) / m_fps : 1e300;
            const double at = m_aenc ? double(m_samples) / m_sampleRate : 1e300;
            const double next = std::min(vt, at);
            if (m_maxSeconds > 0 && next >= m_maxSeconds) {
                if (auto s = flush(); !s)
                    return s.error();
                continue;
            }
            if (m_realtime)
                waitUntil(next);
            auto s = vt <= at ? encodeVideo() : encodeAudio();
            if (!s)
                return s.error();
        }
        PacketPtr p = std::move(m_pending.front());
        m_pending.pop_front();
        return p;
    }

private:
    void waitUntil(double mediaSeconds)
    {
        const qint64 due = m_startUs + qint64(mediaSeconds * 1e6);
        while (!(m_opt.stopFlag && m_opt.stopFlag->load())) {
            const qint64 wait = due - monoUs();
            if (wait <= 0)
                return;
            QThread::usleep(quint64(std::min<qint64>(wait, 20000)));
        }
    }

    Status openVideo()
    {
        const AVCodec *codec = nullptr;
        if (m_video == u"hevc")
            codec = avcodec_find_encoder_by_name("libx265");
        else
            codec = avcodec_find_encoder_by_name("libx264");
        if (!codec)
            codec = avcodec_find_encoder(m_video == u"hevc" ? AV_CODEC_ID_HEVC : AV_CODEC_ID_H264);
        if (!codec)
            return makeError(ErrorCode::Unsupported, QStringLiteral("no %1 encoder in this FFmpeg").arg(m_video));
        m_venc = makeCodecContext(codec);
        m_venc->width = m_width;
        m_venc->height = m_height;
        m_venc->pix_fmt = AV_PIX_FMT_YUV420P;
        m_venc->time_base = AVRational{1, m_fps};
        m_venc->framerate = AVRational{m_fps, 1};
        m_venc->gop_size = m_gop;
        m_venc->max_b_frames = m_bframes;
        m_venc->bit_rate = 800000;
        m_venc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        Dictionary o;
        o.set("preset", "ultrafast");
        if (m_bframes == 0)
            o.set("tune", "zerolatency");
        if (m_video == u"hevc")
            o.set("x265-params", "log-level=error");
        const int err = avcodec_open2(m_venc.get(), codec, o.out());
        if (err < 0)
            return makeError(ErrorCode::Codec,
                             QStringLiteral("cannot open the demo video encoder: %1").arg(ffmpegErrorString(err)));
        m_vframe = makeFrame();
        m_vframe->format = AV_PIX_FMT_YUV420P;
        m_vframe->width = m_width;
        m_vframe->height = m_height;
        if (av_frame_get_buffer(m_vframe.get(), 0) < 0)
            return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
        StreamInfo si;
        si.index = int(m_streams.size());
        si.type = AVMEDIA_TYPE_VIDEO;
        CodecParametersPtr par = makeCodecParameters();
        avcodec_parameters_from_context(par.get(), m_venc.get());
        si.params = CodecParams(par.get());
        si.timeBase = m_venc->time_base;
        si.frameRate = AVRational{m_fps, 1};
        m_vindex = si.index;
        m_streams.push_back(std::move(si));
        return {};
    }

    Status openAudio()
    {
        const AVCodec *codec =
            m_audio == u"opus" ? avcodec_find_encoder_by_name("libopus") : avcodec_find_encoder(AV_CODEC_ID_AAC);
        if (!codec)
            return makeError(ErrorCode::Unsupported, QStringLiteral("no %1 encoder in this FFmpeg").arg(m_audio));
        m_aenc = makeCodecContext(codec);
        m_aenc->sample_rate = m_sampleRate;
        m_aenc->sample_fmt = codec->sample_fmts ? codec->sample_fmts[0] : AV_SAMPLE_FMT_FLTP;
        av_channel_layout_default(&m_aenc->ch_layout, 2);
        m_aenc->bit_rate = 96000;
        m_aenc->time_base = AVRational{1, m_sampleRate};
        m_aenc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        const int err = avcodec_open2(m_aenc.get(), codec, nullptr);
        if (err < 0)
            return makeError(ErrorCode::Codec,
                             QStringLiteral("cannot open the demo audio encoder: %1").arg(ffmpegErrorString(err)));
        m_aframe = makeFrame();
        m_aframe->format = m_aenc->sample_fmt;
        m_aframe->nb_samples = m_aenc->frame_size > 0 ? m_aenc->frame_size : 1024;
        m_aframe->sample_rate = m_sampleRate;
        av_channel_layout_copy(&m_aframe->ch_layout, &m_aenc->ch_layout);
        if (av_frame_get_buffer(m_aframe.get(), 0) < 0)
            return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
        StreamInfo si;
        si.index = int(m_streams.size());
        si.type = AVMEDIA_TYPE_AUDIO;
        CodecParametersPtr par = makeCodecParameters();
        avcodec_parameters_from_context(par.get(), m_aenc.get());
        si.params = CodecParams(par.get());
        si.timeBase = m_aenc->time_base;
        m_aindex = si.index;
        m_streams.push_back(std::move(si));
        return {};
    }

    void drawPicture()
    {
        AVFrame *f = m_vframe.get();
        const int n = int(m_frameIndex);
        for (int y = 0; y < f->height; ++y) {
            uint8_t *row = f->data[0] + y * f->linesize[0];
            for (int x = 0; x < f->width; ++x)
                row[x] = uint8_t(16 + ((x * 200 / f->width + n * 2) % 200));
        }
        for (int y = 0; y < f->height / 2; ++y) {
            for (int x = 0; x < f->width / 2; ++x) {
                const int bar = x * 8 / (f->width / 2);
                f->data[1][y * f->linesize[1] + x] = uint8_t(64 + bar * 20);
                f->data[2][y * f->linesize[2] + x] = uint8_t(200 - bar * 18);
            }
        }
        // A moving block shows motion, the clock shows media time.
        const int bx = (n * 4) % std::max(1, f->width - 40);
        fillRect(f, bx, f->height - 50, 40, 40, 235);
        drawDemoClock(f, m_frameIndex * 1000 / m_fps);
    }

    Status encodeVideo()
    {
        if (av_frame_make_writable(m_vframe.get()) < 0)
            return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
        drawPicture();
        m_vframe->pts = m_frameIndex++;
        return sendAndDrain(m_venc.get(), m_vframe.get(), m_vindex);
    }

    Status encodeAudio()
    {
        if (av_frame_make_writable(m_aframe.get()) < 0)
            return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
        const int n = m_aframe->nb_samples;
        const int channels = m_aframe->ch_layout.nb_channels;
        for (int i = 0; i < n; ++i) {
            const qint64 t = m_samples + i;
            // 440 Hz tone with a short 880 Hz beep at the top of each second.
            const bool beep = (t % m_sampleRate) < m_sampleRate / 10;
            const double v = 0.2 * std::sin(2 * M_PI * (beep ? 880.0 : 440.0) * double(t) / m_sampleRate);
            for (int c = 0; c < channels; ++c) {
                if (m_aframe->format == AV_SAMPLE_FMT_FLTP)
                    reinterpret_cast<float *>(m_aframe->data[c])[i] = float(v);
                else if (m_aframe->format == AV_SAMPLE_FMT_FLT)
                    reinterpret_cast<float *>(m_aframe->data[0])[i * channels + c] = float(v);
                else if (m_aframe->format == AV_SAMPLE_FMT_S16)
                    reinterpret_cast<int16_t *>(m_aframe->data[0])[i * channels + c] = int16_t(v * 32767);
            }
        }
        m_aframe->pts = m_samples;
        m_samples += n;
        return sendAndDrain(m_aenc.get(), m_aframe.get(), m_aindex);
    }

    Status sendAndDrain(AVCodecContext *enc, AVFrame *frame, int index)
    {
        int err = avcodec_send_frame(enc, frame);
        if (err < 0 && err != AVERROR_EOF)
            return makeError(ErrorCode::Codec, QStringLiteral("demo encoder failed: %1").arg(ffmpegErrorString(err)));
        while (true) {
            PacketPtr p = makePacket();
            err = avcodec_receive_packet(enc, p.get());
            if (err == AVERROR(EAGAIN) || err == AVERROR_EOF)
                return {};
            if (err < 0)
                return makeError(ErrorCode::Codec,
                                 QStringLiteral("demo encoder failed: %1").arg(ffmpegErrorString(err)));
            p->stream_index = index;
            m_pending.push_back(std::move(p));
        }
    }

    Status flush()
    {
        m_flushed = true;
        if (m_venc)
            if (auto s = sendAndDrain(m_venc.get(), nullptr, m_vindex); !s)
                return s;
        if (m_aenc)
            if (auto s = sendAndDrain(m_aenc.get(), nullptr, m_aindex); !s)
                return s;
        // Keep decode order across streams roughly interleaved for the muxers.
        std::stable_sort(m_pending.begin(), m_pending.end(), [this](const PacketPtr &a, const PacketPtr &b) {
            return av_compare_ts(a->dts, m_streams[a->stream_index].timeBase, b->dts,
                                 m_streams[b->stream_index].timeBase)
                < 0;
        });
        return {};
    }

    SourceOptions m_opt;
    int m_width = 640, m_height = 360, m_fps = 30, m_gop = 30, m_bframes = 0, m_maxSeconds = 0;
    int m_sampleRate = 48000;
    bool m_realtime = true;
    bool m_flushed = false;
    QString m_video, m_audio;
    std::vector<StreamInfo> m_streams;
    CodecContextPtr m_venc, m_aenc;
    FramePtr m_vframe, m_aframe;
    int m_vindex = -1, m_aindex = -1;
    qint64 m_frameIndex = 0, m_samples = 0;
    qint64 m_startUs = 0;
    std::deque<PacketPtr> m_pending;
};

} // namespace

std::unique_ptr<PacketSource> makeDemoSource(const QString &spec, const SourceOptions &options)
{
    return std::make_unique<DemoSource>(spec, options);
}

} // namespace tapedeck

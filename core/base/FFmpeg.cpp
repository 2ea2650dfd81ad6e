#include "core/base/FFmpeg.h"

#include "core/base/Log.h"
#include "core/base/Redact.h"

#include <mutex>

namespace tapedeck {

PacketPtr makePacket() { return PacketPtr(av_packet_alloc()); }

PacketPtr clonePacket(const AVPacket *src) { return PacketPtr(av_packet_clone(src)); }

FramePtr makeFrame() { return FramePtr(av_frame_alloc()); }

CodecContextPtr makeCodecContext(const AVCodec *codec) { return CodecContextPtr(avcodec_alloc_context3(codec)); }

CodecParametersPtr makeCodecParameters() { return CodecParametersPtr(avcodec_parameters_alloc()); }

CodecParametersPtr cloneCodecParameters(const AVCodecParameters *src)
{
    CodecParametersPtr p = makeCodecParameters();
    if (p && src && avcodec_parameters_copy(p.get(), src) < 0)
        p.reset();
    return p;
}

QString ffmpegErrorString(int errnum)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    if (av_strerror(errnum, buf, sizeof buf) < 0)
        return QStringLiteral("unknown FFmpeg error %1").arg(errnum);
    return QString::fromUtf8(buf);
}

CodecParams::CodecParams(const AVCodecParameters *src) : m_p(cloneCodecParameters(src)) {}

CodecParams::CodecParams(const CodecParams &other) : m_p(other.m_p ? cloneCodecParameters(other.m_p.get()) : nullptr) {}

CodecParams &CodecParams::operator=(const CodecParams &other)
{
    if (this != &other)
        m_p = other.m_p ? cloneCodecParameters(other.m_p.get()) : nullptr;
    return *this;
}

namespace {

void ffmpegLogCallback(void *avcl, int level, const char *fmt, va_list vl)
{
    if (level > av_log_get_level())
        return;
    static thread_local int printPrefix = 1;
    static thread_local QByteArray pending;
    char line[2048];
    av_log_format_line2(avcl, level, fmt, vl, line, sizeof line, &printPrefix);
    pending += line;
    if (!pending.endsWith('\n'))
        return;
    QString text = QString::fromUtf8(pending).trimmed();
    pending.clear();
    if (text.isEmpty())
        return;
    // FFmpeg's own lines are detail: Tapedeck reports the reason in its own
    // words, so they are shown only with TAPEDECK_DEBUG set.
    const LogLevel lv = LogLevel::Debug;
    // logMessage redacts, so a URL FFmpeg prints never shows a credential.
    logMessage(lv, QStringLiteral("ffmpeg: ") + text);
}

} // namespace

void installFfmpegLogHandler()
{
    static std::once_flag once;
    std::call_once(once, [] {
        av_log_set_level(AV_LOG_WARNING);
        av_log_set_callback(ffmpegLogCallback);
    });
}

} // namespace tapedeck

#pragma once
// The one place that wraps FFmpeg's C types in owning C++ handles. Elsewhere
// no raw av_*_free calls: use these aliases and factories.

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/frame.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include <QString>

#include <memory>

namespace tapedeck {

struct AVPacketDeleter {
    void operator()(AVPacket *p) const { av_packet_free(&p); }
};
struct AVFrameDeleter {
    void operator()(AVFrame *f) const { av_frame_free(&f); }
};
struct AVCodecContextDeleter {
    void operator()(AVCodecContext *c) const { avcodec_free_context(&c); }
};
struct AVCodecParametersDeleter {
    void operator()(AVCodecParameters *p) const { avcodec_parameters_free(&p); }
};
struct AVInputFormatContextDeleter {
    void operator()(AVFormatContext *c) const { avformat_close_input(&c); }
};
struct AVOutputFormatContextDeleter {
    void operator()(AVFormatContext *c) const { avformat_free_context(c); }
};
struct SwsContextDeleter {
    void operator()(SwsContext *c) const { sws_freeContext(c); }
};
struct SwrContextDeleter {
    void operator()(SwrContext *c) const { swr_free(&c); }
};
struct AVCodecParserContextDeleter {
    void operator()(AVCodecParserContext *c) const { av_parser_close(c); }
};
struct AVIOContextDeleter {
    // The AVIOContext's buffer belongs to it (it may have been reallocated).
    void operator()(AVIOContext *c) const
    {
        if (c)
            av_freep(&c->buffer);
        avio_context_free(&c);
    }
};
using PacketPtr = std::unique_ptr<AVPacket, AVPacketDeleter>;
using FramePtr = std::unique_ptr<AVFrame, AVFrameDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, AVCodecContextDeleter>;
using CodecParametersPtr = std::unique_ptr<AVCodecParameters, AVCodecParametersDeleter>;
using InputFormatContextPtr = std::unique_ptr<AVFormatContext, AVInputFormatContextDeleter>;
using OutputFormatContextPtr = std::unique_ptr<AVFormatContext, AVOutputFormatContextDeleter>;
using SwsContextPtr = std::unique_ptr<SwsContext, SwsContextDeleter>;
using SwrContextPtr = std::unique_ptr<SwrContext, SwrContextDeleter>;
using ParserContextPtr = std::unique_ptr<AVCodecParserContext, AVCodecParserContextDeleter>;
using IOContextPtr = std::unique_ptr<AVIOContext, AVIOContextDeleter>;

// Options for an FFmpeg open call (avformat_open_input, avcodec_open2,
// avformat_write_header), freed on every path. Those calls take
// AVDictionary** and leave in it the entries they did not use.
class Dictionary {
public:
    Dictionary() = default;
    ~Dictionary() { av_dict_free(&m_dict); }
    Dictionary(const Dictionary &) = delete;
    Dictionary &operator=(const Dictionary &) = delete;
    Dictionary &set(const char *key, const char *value, int flags = 0)
    {
        av_dict_set(&m_dict, key, value, flags);
        return *this;
    }
    Dictionary &setInt(const char *key, int64_t value, int flags = 0)
    {
        av_dict_set_int(&m_dict, key, value, flags);
        return *this;
    }
    AVDictionary **out() { return &m_dict; }
    const AVDictionary *get() const { return m_dict; }

private:
    AVDictionary *m_dict = nullptr;
};

PacketPtr makePacket();
PacketPtr clonePacket(const AVPacket *src);
FramePtr makeFrame();
CodecContextPtr makeCodecContext(const AVCodec *codec);
CodecParametersPtr makeCodecParameters();
CodecParametersPtr cloneCodecParameters(const AVCodecParameters *src);

// Human-readable text for an FFmpeg error code (built on av_strerror).
QString ffmpegErrorString(int errnum);

// Routes libav*'s log output through Tapedeck's log, with URLs redacted.
// Safe to call more than once.
void installFfmpegLogHandler();

// A deep-copying, copyable holder of AVCodecParameters, so stream
// descriptions can travel as plain values between threads.
class CodecParams {
public:
    CodecParams() = default;
    explicit CodecParams(const AVCodecParameters *src);
    CodecParams(const CodecParams &other);
    CodecParams &operator=(const CodecParams &other);
    CodecParams(CodecParams &&) noexcept = default;
    CodecParams &operator=(CodecParams &&) noexcept = default;

    const AVCodecParameters *get() const { return m_p.get(); }
    AVCodecParameters *get() { return m_p.get(); }
    const AVCodecParameters *operator->() const { return m_p.get(); }
    explicit operator bool() const { return m_p != nullptr; }

private:
    CodecParametersPtr m_p;
};

} // namespace tapedeck

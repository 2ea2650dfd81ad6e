#include "core/mp4/TextTrack.h"
#include "core/mp4/ByteWriter.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/mem.h>
}

#include <cstring>

namespace tapedeck::mp4 {

namespace {

// The description FFmpeg's MP4 muxer writes when a mov_text stream has none:
// no display flags, centred at the bottom, transparent background, one
// style (font 1, 18 px, white) and a font table naming "Serif".
constexpr unsigned char kDefaultDescription[] = {
    0x00, 0x00, 0x00, 0x00,                                                 // displayFlags
    0x01, 0xFF,                                                             // horizontal / vertical justification
    0x00, 0x00, 0x00, 0x00,                                                 // background colour RGBA
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,                         // BoxRecord
    0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x12, 0xFF, 0xFF, 0xFF, 0xFF, // StyleRecord
    0x00, 0x00, 0x00, 0x12, 'f',  't',  'a',  'b',  0x00, 0x01, 0x00, 0x01, 0x05, 'S', 'e', 'r', 'i', 'f', // ftab
};

// A decoded subtitle owns buffers only avsubtitle_free releases.
struct SubtitleHolder {
    AVSubtitle sub{};
    ~SubtitleHolder() { avsubtitle_free(&sub); }
};

} // namespace

bool isMp4Text(const StreamInfo &s)
{
    if (s.type != AVMEDIA_TYPE_SUBTITLE || !s.params)
        return false;
    const AVCodecID id = s.params->codec_id;
    if (id == AV_CODEC_ID_MOV_TEXT)
        return true;
    const AVCodecDescriptor *d = avcodec_descriptor_get(id);
    // CEA-608 byte pairs are captions of the video, not cues; teletext is a
    // page format that needs more than a text decoder. Neither is text here.
    if (!d || !(d->props & AV_CODEC_PROP_TEXT_SUB) || (d->props & AV_CODEC_PROP_BITMAP_SUB)
        || id == AV_CODEC_ID_EIA_608)
        return false;
    return avcodec_find_decoder(id) && avcodec_find_encoder(AV_CODEC_ID_MOV_TEXT);
}

QByteArray tx3gSampleEntry(const QByteArray &description)
{
    BoxWriter w;
    w.begin("tx3g");
    w.zeros(6);
    w.u16(1); // data reference index
    if (description.isEmpty())
        w.bytes(QByteArray(reinterpret_cast<const char *>(kDefaultDescription), int(sizeof kDefaultDescription)));
    else
        w.bytes(description);
    w.end();
    return w.take();
}

QByteArray emptyTextSample() { return QByteArray(2, '\0'); }

Result<std::unique_ptr<TextConverter>> TextConverter::create(const StreamInfo &s)
{
    if (!isMp4Text(s))
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("MP4 cannot carry %1 subtitles as text")
                             .arg(QString::fromUtf8(avcodec_get_name(s.params->codec_id))));
    if (s.params->codec_id == AV_CODEC_ID_MOV_TEXT)
        return std::unique_ptr<TextConverter>();
    auto fail = [&s](const char *what, int rc) {
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("%1 subtitles cannot be turned into MP4 text: %2 (%3)")
                             .arg(QString::fromUtf8(avcodec_get_name(s.params->codec_id)), QLatin1String(what),
                                  ffmpegErrorString(rc)));
    };
    std::unique_ptr<TextConverter> c(new TextConverter);
    const AVCodec *dec = avcodec_find_decoder(s.params->codec_id);
    c->m_decoder = makeCodecContext(dec);
    if (!c->m_decoder)
        return fail("no memory", AVERROR(ENOMEM));
    if (int rc = avcodec_parameters_to_context(c->m_decoder.get(), s.params.get()); rc < 0)
        return fail("decoder setup", rc);
    c->m_decoder->pkt_timebase = s.timeBase;
    if (int rc = avcodec_open2(c->m_decoder.get(), dec, nullptr); rc < 0)
        return fail("decoder", rc);

    const AVCodec *enc = avcodec_find_encoder(AV_CODEC_ID_MOV_TEXT);
    c->m_encoder = makeCodecContext(enc);
    if (!c->m_encoder)
        return fail("no memory", AVERROR(ENOMEM));
    c->m_encoder->time_base = s.timeBase;
    // The decoder's ASS header carries the source's styles (an ASS file's
    // own, or the default one for SubRip/WebVTT); the encoder turns it into
    // the track's description.
    if (c->m_decoder->subtitle_header && c->m_decoder->subtitle_header_size > 0) {
        const int n = c->m_decoder->subtitle_header_size;
        c->m_encoder->subtitle_header = static_cast<uint8_t *>(av_mallocz(size_t(n) + 1));
        if (!c->m_encoder->subtitle_header)
            return fail("no memory", AVERROR(ENOMEM));
        memcpy(c->m_encoder->subtitle_header, c->m_decoder->subtitle_header, size_t(n));
        c->m_encoder->subtitle_header_size = n;
    }
    if (int rc = avcodec_open2(c->m_encoder.get(), enc, nullptr); rc < 0)
        return fail("mov_text encoder", rc);
    return c;
}

TextConverter::~TextConverter() = default;

QByteArray TextConverter::description() const
{
    if (!m_encoder || !m_encoder->extradata || m_encoder->extradata_size <= 0)
        return {};
    return QByteArray(reinterpret_cast<const char *>(m_encoder->extradata), m_encoder->extradata_size);
}

QByteArray TextConverter::convert(const AVPacket *pkt)
{
    SubtitleHolder h;
    int got = 0;
    // FFmpeg 5.1 takes a non-const packet but does not change it.
    if (avcodec_decode_subtitle2(m_decoder.get(), &h.sub, &got, const_cast<AVPacket *>(pkt)) < 0 || !got
        || h.sub.num_rects == 0)
        return {};
    // The encoder wants the display time relative to the cue's start; the
    // cue's time is the packet's, kept as it came.
    h.sub.end_display_time -= h.sub.start_display_time;
    h.sub.start_display_time = 0;
    QByteArray out(64 * 1024, Qt::Uninitialized);
    const int n =
        avcodec_encode_subtitle(m_encoder.get(), reinterpret_cast<uint8_t *>(out.data()), int(out.size()), &h.sub);
    if (n <= 0)
        return {};
    out.resize(n);
    return out;
}

} // namespace tapedeck::mp4

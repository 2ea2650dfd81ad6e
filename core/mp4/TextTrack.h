#pragma once
// Text subtitles in MP4 (internal to core/mp4): a 3GPP timed text track
// (tx3g, FFmpeg's "mov_text"). A mov_text source is copied; other text
// subtitles (SubRip, ASS/SSA, WebVTT, plain text) are converted with
// libavcodec's own decoder and mov_text encoder — the text, its line breaks
// and its styles kept, no re-timing. Bitmap subtitles (DVB, PGS, DVD) and
// teletext have no MP4 form: the writer leaves them out and says so.

#include "core/base/FFmpeg.h"
#include "core/base/MediaTypes.h"

#include <QByteArray>

#include <memory>

namespace tapedeck::mp4 {

// Whether MP4 can carry this subtitle stream as a text track.
bool isMp4Text(const StreamInfo &s);

// The complete tx3g sample entry box for this description (the bytes after
// the data reference index; FFmpeg's extradata of a mov_text stream). Empty
// `description` gives the default one FFmpeg's muxer writes.
QByteArray tx3gSampleEntry(const QByteArray &description);

// The one sample that says "no text" (a gap between two cues): an empty string.
QByteArray emptyTextSample();

// Turns one subtitle packet into a tx3g sample.
class TextConverter {
public:
    // Null for mov_text (its packets are already tx3g samples); an error when
    // the stream cannot be converted.
    static Result<std::unique_ptr<TextConverter>> create(const StreamInfo &s);
    ~TextConverter();

    // The tx3g description of the converted track (the encoder's extradata).
    QByteArray description() const;
    // The tx3g sample for this packet; empty when it holds no text (the cue
    // is then written as an empty sample, so its time is still kept).
    QByteArray convert(const AVPacket *pkt);

private:
    TextConverter() = default;
    CodecContextPtr m_decoder, m_encoder;
};

} // namespace tapedeck::mp4

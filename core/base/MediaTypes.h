#pragma once

#include "core/base/FFmpeg.h"
#include "core/base/Result.h"

#include <QMap>
#include <QString>

#include <vector>

namespace tapedeck {

enum class ContainerType { Mp4, MpegTs, Flv };

// "mp4", "ts", "flv" — also the file extension (without the dot).
QString containerName(ContainerType type);
Result<ContainerType> parseContainerType(const QString &name);

// What a source says about a stream besides its codec: kept in every
// container that can carry it (docs/network.md, "What a recording keeps").
struct StreamTags {
    QString language;    // ISO 639-2 as the source gives it ("eng"); empty = not said
    QString title;       // the stream's title
    QString handlerName; // MP4/MOV handler name ("SoundHandler", or a title some tools put there)
    int disposition = 0; // AV_DISPOSITION_* (default, forced, dub, comment, ...)
    // AVStream side data as the demuxer gave it: display matrix (rotation),
    // mastering display and content light level (HDR), ... (type, bytes)
    std::vector<std::pair<int, QByteArray>> sideData;

    const QByteArray *side(int type) const
    {
        for (const auto &[t, bytes] : sideData)
            if (t == type)
                return &bytes;
        return nullptr;
    }
};

// One elementary stream as the reader delivers it. Plain value; safe to copy
// between threads.
struct StreamInfo {
    int index = 0;
    AVMediaType type = AVMEDIA_TYPE_UNKNOWN;
    CodecParams params;
    AVRational timeBase{1, 1000};
    AVRational frameRate{0, 1}; // average frame rate when known (video)
    StreamTags tags;
    // Audio: samples at the start of the track that are the encoder's
    // priming (its delay), not sound. An MP4 marks them with its edit list so
    // players skip them. Repair sets it (from the reference's edit list, or
    // the codec's usual delay); live sources leave 0: their timestamps
    // already say when the sound starts.
    int primingSamples = 0;
};

// What a source says about itself as a whole (creation_time, title,
// service_name / service_provider of an MPEG-TS program, ...).
using SourceTags = QMap<QString, QString>;

bool hasVideo(const std::vector<StreamInfo> &streams);
int firstVideoIndex(const std::vector<StreamInfo> &streams);

// "h264 1280x720 30 fps" / "aac 48000 Hz stereo" — for probe output and UI.
QString describeStream(const StreamInfo &s);

// True when two stream sets could continue the same file: same count, codecs,
// dimensions, sample rates and extradata.
bool sameCodecSetup(const std::vector<StreamInfo> &a, const std::vector<StreamInfo> &b);

} // namespace tapedeck

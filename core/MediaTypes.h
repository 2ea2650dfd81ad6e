#pragma once

#include "core/FFmpeg.h"
#include "core/Result.h"

#include <QString>

#include <vector>

namespace tapedeck {

enum class ContainerType { Mp4, MpegTs, Flv };

// "mp4", "ts", "flv" — also the file extension (without the dot).
QString containerName(ContainerType type);
Result<ContainerType> parseContainerType(const QString &name);

// One elementary stream as the reader delivers it. Plain value; safe to copy
// between threads.
struct StreamInfo {
    int index = 0;
    AVMediaType type = AVMEDIA_TYPE_UNKNOWN;
    CodecParams params;
    AVRational timeBase{1, 1000};
    AVRational frameRate{0, 1}; // average frame rate when known (video)
};

bool hasVideo(const std::vector<StreamInfo> &streams);
int firstVideoIndex(const std::vector<StreamInfo> &streams);

// "h264 1280x720 30 fps" / "aac 48000 Hz stereo" — for probe output and UI.
QString describeStream(const StreamInfo &s);

// True when two stream sets could continue the same file: same count, codecs,
// dimensions, sample rates and extradata.
bool sameCodecSetup(const std::vector<StreamInfo> &a, const std::vector<StreamInfo> &b);

} // namespace tapedeck

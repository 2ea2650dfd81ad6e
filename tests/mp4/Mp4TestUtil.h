#pragma once
// Helpers for the MP4 tests: real media made by the ffmpeg binary, read back
// with libavformat and fed to Tapedeck's writer in-process.

#include "core/base/FFmpeg.h"
#include "core/base/MediaTypes.h"
#include "core/writer/Writer.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <vector>

namespace mp4test {

// kind: "h264_aac" (libx264 -bf 2 + aac), "hevc_opus" (libx265 + libopus),
// "h264" (video only), "aac" (audio only), "opus" (audio only),
// "h264_aac_ts", "hevc_aac_ts" (MPEG-TS: Annex B + ADTS), "h264_aac_srt" (Matroska
// with a SubRip track), "h264_aac_movtext" (MP4 with a mov_text track). Small (160x120, 15 fps) to keep tests quick.
// Returns the path, or empty when ffmpeg failed (the message goes to *error).
QString makeMedia(const QString &dir, const QString &kind, double seconds, QString *error = nullptr);

// All packets of a file in read order, timestamps shifted so the earliest dts
// is 0 (as the engine delivers them).
struct Media {
    std::vector<tapedeck::StreamInfo> streams;
    std::vector<tapedeck::PacketPtr> packets;
};
bool loadMedia(const QString &path, Media *out, QString *error = nullptr);

struct FeedResult {
    tapedeck::Status status;
    int written = 0;
    std::map<int, int> perStream;
};
// Writes packets [0, count) (count < 0: all); after each successful write
// calls after(n written).
FeedResult feed(const Media &m, tapedeck::ContainerWriter &w, int count = -1,
                const std::function<void(int)> &after = {});

// Top-level box types of an MP4 file, in order.
QStringList topLevelBoxes(const QString &file);
// File names in `dir` that belong to a sidecar set.
QStringList sidecarFiles(const QString &dir);
// Copies NAME.mp4.{info,mdat,trackN} to NEW.mp4.* (a snapshot of a live set).
bool copySidecarSet(const QString &fromFinal, const QString &toFinal);
QByteArray readAll(const QString &path);

} // namespace mp4test

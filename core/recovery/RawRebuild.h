#pragma once
// `X.mp4.h264` (Annex B) and/or `X.mp4.aac` (ADTS) into an MP4 with correct
// timing, written through a ContainerWriter (the same crash-safe MP4 writer
// as recordings). Raw streams carry no timestamps, so:
//  - video: libavcodec's H.264 parser splits access units; picture order
//    comes from the slice headers (POC), frame duration from the frame rate
//    the caller resolved (SPS VUI, a healthy MP4 beside it, or --fps);
//  - audio: 1024 samples a frame at the ADTS sample rate.
// Both start together; B-frame reordering delay shifts both equally.

#include "core/base/Result.h"
#include "core/writer/Writer.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace tapedeck::recovery {

struct RawRebuildParams {
    QString h264Path;     // empty: audio only
    QString aacPath;      // empty: video only
    int frameRateNum = 0; // required with video
    int frameRateDen = 1;
    QString outputPath;        // the writer's final path
    qint64 creationTimeUs = 0; // fixed, so a rerun gives the same bytes
    const std::atomic_bool *cancel = nullptr;
    std::function<std::unique_ptr<ContainerWriter>()> makeWriter; // default: makeMp4Writer
};

struct RawRebuildReport {
    int64_t videoFrames = 0, audioFrames = 0;
    double videoDurationSec = 0, audioDurationSec = 0;
    int64_t droppedVideoFrames = 0; // before the first keyframe, or a torn last frame
    int reorderDelayFrames = 0;     // B-frame delay found in the picture order
    QStringList notes;
};

Result<RawRebuildReport> rebuildRawStreams(const RawRebuildParams &params);

} // namespace tapedeck::recovery

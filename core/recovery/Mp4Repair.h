#pragma once
// Repairing an MP4/MOV whose recorder never wrote its index (moov): the
// samples are found again in the mdat and written, with rebuilt timing,
// through Tapedeck's own MP4 writer to a new file. The original is only read.
//
// The layout comes from a healthy reference file of the same recorder when
// there is one (codec configuration, timescales, frame duration, B-frame
// delay) and otherwise from the stream itself: in-band SPS/PPS (VPS) for the
// video, AAC configurations tried by decoding for the audio.
//
// Samples: H.264/HEVC access units by their NAL lengths and slice headers
// (NalWalk), AAC frames by decoding (AacFramer). Which track comes next is
// decided by what parses, and among tracks of the same kind by time (muxers
// interleave by decode time). Bytes nothing parses are skipped, reported,
// and the walk resynchronises on the next sample that parses and is followed
// by another.
//
// Timing: video frame duration from the reference or the SPS VUI timing,
// presentation order from the picture order count (H.264 POC types 0, 1 and
// 2 as decode order for 1/2; HEVC slice_pic_order_cnt_lsb), the composition
// delay from the reference's first composition offset or the largest
// reordering seen; audio durations from decoded sample counts.

#include "core/base/Result.h"
#include "core/writer/Writer.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace tapedeck::recovery {

struct RepairParams {
    QString inputPath;     // the broken file (never modified)
    QString referencePath; // a healthy file of the same recorder, or empty
    QString outputPath;    // the writer's final path
    qint64 creationTimeUs = 0;
    const std::atomic_bool *cancel = nullptr;
    std::function<void(qint64 done, qint64 total)> progress;
    std::function<std::unique_ptr<ContainerWriter>()> makeWriter; // default: makeMp4Writer
};

struct RepairedTrack {
    QString kind;   // "video" / "audio"
    QString codec;  // "h264", "hevc", "aac"
    QString detail; // "320x240 30 fps", "48000 Hz 2 ch"
    int64_t frames = 0;
    double seconds = 0;
};

struct SkippedRange {
    int64_t offset = 0;
    int64_t size = 0;
};

struct RepairReport {
    std::vector<RepairedTrack> tracks;
    std::vector<SkippedRange> skipped; // bytes of the mdat no sample claimed
    int64_t skippedBytes = 0;
    int64_t mediaBytes = 0;    // size of the mdat region walked
    int64_t droppedFrames = 0; // before the first keyframe
    QString reference;         // the reference file used, empty: none
    QString layoutSource;      // "reference X", "in-band parameter sets"
    QStringList notes;
    QString summary() const; // one paragraph in words
};

// What can be learnt without writing anything (classification, --dry-run,
// choosing a reference): tracks found, and how.
struct RepairPlan {
    bool repairable = false;
    QString layoutSource;
    QStringList tracks;      // "h264 320x240", "aac 48000 Hz 2 ch"
    QString problem;         // why not, when not
    double matchedShare = 0; // share of the first megabytes the layout explains
};
RepairPlan planRepair(const QString &inputPath, const QString &referencePath);

// The candidate (healthy MP4/MOV files, typically in the same folder) whose
// tracks explain the broken file best; empty when none fits. `plan`, when
// given and one fits, receives that candidate's plan (no second walk).
QString pickReference(const QString &inputPath, const QStringList &candidates, RepairPlan *plan = nullptr);

Result<RepairReport> repairMp4(const RepairParams &params);

} // namespace tapedeck::recovery

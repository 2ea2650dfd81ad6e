#pragma once
// What the scanner found: one entry per orphan (or per file that is not one),
// as plain values that can cross threads and become JSON.

#include "core/base/Verdict.h"
#include "core/io/FileLock.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <vector>

namespace tapedeck::recovery {

enum class OrphanKind {
    SidecarSet,  // Tapedeck's crash-safe MP4: X.mp4.info + .mdat + .trackN
    RawPair,     // X.mp4.h264 + X.mp4.aac
    RawVideo,    // X.mp4.h264 alone
    RawAudio,    // X.mp4.aac alone
    MpegTs,      // a TS ending in a partial packet, or declaring a stream it never carries
    Flv,         // an FLV whose header has no duration or keyframe index
    Mp4NoIndex,  // another recorder's MP4/MOV killed before it wrote its moov (repaired, Mp4Repair.h)
    NotRecording // anything else: never guessed at
};

using tapedeck::Verdict; // core/base/Verdict.h

QString kindName(OrphanKind k); // "sidecar-set", "raw-pair", ...
using tapedeck::verdictName;

struct TrackSummary {
    QString kind;   // "video" / "audio"
    QString codec;  // "h264", "aac", ...
    QString detail; // "1280x720 30 fps (from SPS VUI)", "48000 Hz 2 ch"
    qint64 samples = -1;
    double durationSec = -1;
};

struct Orphan {
    OrphanKind kind = OrphanKind::NotRecording;
    Verdict verdict = Verdict::NotRecording;
    QString target;    // the file a clean stop would have produced (X.mp4, X.ts)
    QStringList files; // the orphan's files, absolute paths
    std::vector<TrackSummary> tracks;
    double durationSec = -1;  // what can be rebuilt; -1 = known only after rebuilding
    qint64 sizeBytes = 0;     // of all files
    qint64 rebuildBytes = -1; // expected output size when known
    QString reason;           // the verdict in words
    QStringList notes;        // what was inferred and from where, what will be dropped
    // Raw H.264 only: the frame rate the rebuild will use and where it came
    // from ("SPS VUI timing", "x.mp4 beside it", "--fps"); 0 = unknown.
    int frameRateNum = 0, frameRateDen = 1;
    QString frameRateSource;
    // Sidecar set whose MP4 was already finished (renamed into place) but
    // whose index files were left behind: recovery only removes them.
    bool finishedAlready = false;
    // Verdict::InUse: who holds it (a live recording, or a recovery at work).
    OwnerInfo owner;
    // MP4 without index: the healthy file whose layout the repair uses
    // (empty: the stream itself), the other candidates the user may choose,
    // and where the layout comes from in words.
    QString reference;
    QStringList referenceCandidates;
    QString layoutSource;

    // Recovery acts on it: rebuilds it, or (Empty) clears away files that
    // hold nothing, which would otherwise be offered again at every scan.
    bool rebuildable() const
    {
        return verdict == Verdict::Complete || verdict == Verdict::Partial || verdict == Verdict::Damaged
            || verdict == Verdict::Empty;
    }
};

struct ScanParams {
    QStringList paths; // files and folders; folders are walked recursively
    int maxDepth = 64; // folder nesting bound (symlink loops, hostile trees)
};

struct ScanResult {
    std::vector<Orphan> orphans; // rebuildable or not, but recordings
    std::vector<Orphan> notRecordings;
    // Recordings another process owns (being recorded, or being recovered):
    // never orphans, never touched (docs/recovery.md, "Ownership").
    std::vector<Orphan> inUse;
    qint64 filesSeen = 0;
    qint64 healthyFiles = 0; // complete MP4/TS/FLV files (nothing to do)
    QStringList errors;      // unreadable paths
    bool cancelled = false;
};

QJsonObject toJson(const Orphan &o, const QString &output = QString());

} // namespace tapedeck::recovery

Q_DECLARE_METATYPE(tapedeck::recovery::ScanResult)

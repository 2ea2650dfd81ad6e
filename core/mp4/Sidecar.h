#pragma once
// The crash-safe MP4 sidecar set (docs/sidecar-format.md is the normative
// description; keep the two in step):
//   NAME.mp4.info    codec setup and the layout of the data file (written atomically)
//   NAME.mp4.mdat    the future MP4: ftyp, a free box reserving room for moov, a 64-bit
//                    mdat header, then sample bytes appended as they arrive
//   NAME.mp4.trackN  append-only 40-byte index records, each with its own CRC-32
// All integers in .info and .trackN are little-endian.

#include "core/base/Result.h"
#include "core/base/Verdict.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace tapedeck::mp4 {

inline constexpr char kInfoMagic[8] = {'T', 'D', 'M', 'P', '4', 'I', 'N', 'F'};
inline constexpr char kTrackMagic[8] = {'T', 'D', 'M', 'P', '4', 'T', 'R', 'K'};
inline constexpr quint32 kFormatVersion = 1; // .trackN files (and .info version 1)
inline constexpr quint32 kInfoVersion = 4;   // newest .info written (3 when no track has priming); 1 to 4 are read
inline constexpr int kMaxTracks = 64;        // tracks a set may have (.info refuses more)
inline constexpr int kTrackHeaderSize = 16;  // magic, u32 version, u32 track number
inline constexpr int kRecordSize = 40;
inline constexpr int kMdatHeaderSize = 16; // u32 size=1, "mdat", u64 largesize
inline constexpr quint32 kRecordFlagSync = 0x1;
// Largest dts a record may carry: 2^62 leaves room for every sum the moov
// builder makes (dts + duration + composition offset) without overflow, and is
// 68 years even at a 2^31 Hz timescale.
inline constexpr qint64 kMaxRecordDts = qint64(1) << 62;

// Text (a 3GPP timed text track, tx3g) exists from .info version 3 on.
enum class TrackKind : quint32 { Video = 1, Audio = 2, Text = 3 };
inline constexpr int kMaxFileTags = 32; // file-level tags a set may have (.info refuses more)

// One track as described in .info.
struct SidecarTrack {
    quint32 number = 0; // 1-based; its records are in NAME.mp4.track<number>
    TrackKind kind = TrackKind::Video;
    QByteArray codecTag;                                 // 4 bytes: "avc1", "hev1", "mp4a", "Opus"
    quint32 timescale = 0;                               // units of the record timestamps
    quint32 width = 0, height = 0;                       // video
    quint32 sampleRate = 0, channels = 0;                // audio
    qint32 sourceTimeBaseNum = 0, sourceTimeBaseDen = 0; // informational
    QByteArray sampleEntry;                              // the complete stsd sample entry box, verbatim
    QByteArray extradata;                                // the codec's extradata as received (informational)
    // Version 2: what the source said about the track.
    QByteArray language = "und"; // ISO 639-2/T, 3 lower-case letters (mdhd)
    QString handlerName;         // hdlr name; empty = "VideoHandler" / "SoundHandler"
    QString title;               // udta "name"; empty = none
    quint32 trackFlags = 3;      // tkhd flags: 1 enabled (ffprobe: default), 2 in movie
    quint32 disposition = 0;     // AV_DISPOSITION_* bits; forced/dub/comment/... become udta "kind" boxes
    qint32 matrix[9] = {0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000}; // tkhd matrix (rotation)
    // Version 4 (a table after the file tags): media ticks at the track's
    // start the edit list skips (the audio encoder's priming), 0 = none.
    quint32 primingTicks = 0;
};

struct SidecarInfo {
    qint64 creationTimeUs = 0;    // UTC microseconds since 1970-01-01
    quint64 ftypSize = 0;         // the ftyp box occupies [0, ftypSize) of .mdat
    quint64 reservedOffset = 0;   // the free box (moov room) starts here ...
    quint64 reservedSize = 0;     // ... and is this long, header included
    quint64 mdatHeaderOffset = 0; // = reservedOffset + reservedSize
    quint64 dataOffset = 0;       // = mdatHeaderOffset + 16: first sample byte
    QString source;               // credential-free description of the source
    std::vector<SidecarTrack> tracks;
    // Version 2: markers (gaps in the source), written as MP4 chapters.
    struct Chapter {
        qint64 startUs = 0; // from the start of the file's timeline
        QString title;
    };
    std::vector<Chapter> chapters;
    // Version 3: what the source said about itself as a whole (key, value):
    // "title", "description", ... (docs/sidecar-format.md lists the keys the
    // MP4 carries), so a rebuilt file has them too.
    std::vector<std::pair<QString, QString>> tags;
};

// One index record, timestamps in the track's timescale.
struct SampleRecord {
    quint64 offset = 0; // absolute offset of the sample in .mdat
    quint32 size = 0;
    quint32 flags = 0; // kRecordFlagSync
    qint64 dts = 0;
    qint32 ctsOffset = 0; // pts - dts
    quint32 duration = 0; // the packet's own duration, 0 when unknown
    quint32 sequence = 0; // index of this record in its track, from 0
};

// What the reader concluded about a sidecar set: Complete, Partial, Damaged,
// Empty (no sample at all) or Unrecoverable (core/base/Verdict.h).
using tapedeck::Verdict;

struct TrackReadResult {
    quint32 number = 0;
    std::vector<SampleRecord> records; // accepted records, in order
    quint64 droppedRecords = 0;        // complete records rejected (and all after them)
    quint64 tailBytes = 0;             // bytes after the last whole record (torn write)
    double durationSec = 0;
    QStringList problems;
};

struct SidecarSet {
    QString finalPath; // NAME.mp4
    QString infoPath, dataPath;
    QStringList trackPaths;   // in track order
    bool finalExists = false; // NAME.mp4 is already there
};

struct SidecarReport {
    Verdict verdict = Verdict::Unrecoverable;
    SidecarSet paths;
    SidecarInfo info;
    std::vector<TrackReadResult> tracks; // same order as info.tracks
    quint64 dataFileSize = 0;
    quint64 dataEnd = 0; // end of the last accepted sample (>= info.dataOffset)
    quint64 totalSamples = 0;
    double durationSec = 0;  // longest track
    QStringList reasons;     // human-readable, one line each; empty when Ok
    QString summary() const; // one line: verdict, tracks, samples, duration, reasons
};

// NAME.mp4 from NAME.mp4, NAME.mp4.info, NAME.mp4.mdat or NAME.mp4.trackN.
QString finalPathForSidecar(const QString &anySidecarOrFinalPath);
// The file names of the set (the track list is filled once .info is read).
SidecarSet sidecarPaths(const QString &anySidecarOrFinalPath);
// True when `path` looks like a member of a sidecar set (by name:
// *.mp4.info, *.mp4.info.tmp, *.mp4.mdat, *.mp4.trackN).
bool isSidecarPath(const QString &path);

// Final paths (NAME.mp4) of every sidecar set in `dir` (a set is named by its
// .info, .info.tmp, .mdat or .trackN files), sorted. Not recursive.
QStringList findSidecarSets(const QString &dir);
// Removes `finalPath` and every sidecar file of its set (.info, .info.tmp,
// .mdat, .track1 … .track<kMaxTracks>): the leftovers of a writer whose
// output was a temporary name. Never call it on a user's recording.
void removeWriterOutput(const QString &finalPath);

// Reads and validates a sidecar set. Never modifies anything. Always returns a
// report; a missing or unreadable .info gives Verdict::Unrecoverable with a reason.
SidecarReport readSidecarSet(const QString &anySidecarOrFinalPath);

// Format helpers shared by the writer, the reader and tests.
QByteArray encodeInfo(const SidecarInfo &info);
Result<SidecarInfo> decodeInfo(const QByteArray &bytes);
QByteArray encodeTrackHeader(quint32 trackNumber);
QByteArray encodeRecord(const SampleRecord &r);
// The same 40 bytes into `out`, without an allocation (the writer's per-packet path).
void encodeRecordInto(const SampleRecord &r, char *out);
// Checks the CRC and field sanity; does not check offsets against the data file.
Result<SampleRecord> decodeRecord(const char *bytes40);
quint32 crc32(const char *data, qint64 size, quint32 crc = 0);

} // namespace tapedeck::mp4

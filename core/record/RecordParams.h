#pragma once

#include "core/base/MediaTypes.h"
#include "core/base/Result.h"
#include "core/source/Source.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

namespace tapedeck {

enum class OverwritePolicy { Refuse, Replace };
enum class StartMode {
    Immediate,     // the stream must open now (within the open timeout)
    WaitForStream, // armed: retry until the stream exists, then record from its first packet
    // Armed for good: like WaitForStream, and each time the stream goes away
    // (gone for longer than reconnectWindowMs) the take's file is closed and
    // the recording waits for the next time, into a new file (BASE_take001,
    // BASE_take002, ...: the first free number). Ends only when stopped.
    WheneverLive,
};
// Waits for the stream before the first packet: WaitForStream and WheneverLive.
inline bool waitsForStream(StartMode m) { return m != StartMode::Immediate; }

// What a recording's timeline does when a live source drops and returns
// (docs/timestamps.md, "Gaps"):
enum class GapMode {
    Auto,     // RealTime for RTSP (IP cameras: an archive follows the clock), Close for everything else
    Close,    // the timeline goes on where it stopped: continuous playback (a show recording)
    RealTime, // the outage stays in the timeline as a gap as long as it lasted (a camera archive)
};
GapMode effectiveGapMode(GapMode mode, const QString &source);
// "auto", "close", "real": the words of the setting and of `--gaps`.
QString gapModeName(GapMode mode);
Result<GapMode> parseGapMode(const QString &name);

struct RecordParams {
    QString source;      // URL, local path or "demo[?opts]" (named sources resolved by the caller)
    QString sourceLabel; // optional friendly name for UI/logs (never a secret)
    QString owner;       // who asked for it (a front end's source id); one live recording per owner (core/app/Studio)
    ContainerType type = ContainerType::MpegTs;
    QString outBase;            // path without extension: x/rec -> x/rec.ts or x/rec_part0000.ts
    qint64 chunkDurationMs = 0; // 0 = one file
    qint64 maxDurationMs = 0;   // 0 = until stopped / end of source (media time)
    OverwritePolicy overwrite = OverwritePolicy::Refuse;
    StartMode startMode = StartMode::Immediate;
    Pacing pacing = Pacing::AsFastAsPossible;
    HlsStart hlsStart = HlsStart::LiveEdge; // live HLS: live edge, or every segment still listed
    GapMode gapMode = GapMode::Auto;        // a drop's outage: closed up or kept as real time
    // Which program and tracks to keep (core/source/TrackSelection.h);
    // default: the default program's video, every audio and its subtitles.
    TrackSelection tracks;

    qint64 retryInitialMs = 500; // back-off while waiting for a stream / after a drop
    qint64 retryMaxMs = 5000;
    double retryFactor = 1.5;
    bool reconnect = true; // live sources: reconnect after a drop
    // WheneverLive: a source back within this time goes on in the same file
    // (a blip); gone for longer, the take ends and its file is closed. 0, or
    // reconnect off: the take ends at the first drop.
    qint64 reconnectWindowMs = 10000;
    qint64 openTimeoutMs = 10000;
    qint64 stallTimeoutMs = 5000;
    qint64 fsyncIntervalMs = 1000;
    qint64 diskReserveBytes = 0; // refuse / stop when free space falls below

    int queueMaxPackets = 2048; // bounded reader→writer queue
    qint64 queueMaxBytes = 64 * 1024 * 1024;
    bool previewEnabled = false; // decode a frame now and then for the UI
    bool forceMoovFirst = false; // MP4 whose moov outgrew its room: copy once to keep it first (O(media))

    qint64 failAfterBytes = -1; // test seam: writes fail after this many bytes
};

enum class RecordState { Waiting, Recording, Stopping, Finished, Failed };

// Why a recording ended: one value for each way, and one text for each
// (endReasonText), which is what RecordingSession::endReason() says.
enum class EndReason {
    Stopped,       // asked to stop, --duration reached, or a file / finite demo ended: nothing to add
    SourceGone,    // a live source went away and reconnecting was off (detail: why)
    DiskReserve,   // free space fell below the reserve (detail: the reserve in MB)
    NeverAppeared, // stopped while waiting for the stream: no file
    NoKeyframe,    // the stream ended before its first keyframe: no file
    Failed,        // an error (detail: which)
};
QString endReasonText(EndReason why, const QString &detail = QString());
QString recordStateName(RecordState s);
// Finished and Failed: nothing follows them.
bool isTerminalState(RecordState s);
// The one table of a recording's life (RecordingSession::Impl::transition
// enforces it; docs/architecture.md draws it).
bool isLegalTransition(RecordState from, RecordState to);

struct RecordStats {
    qint64 mediaMs = 0;    // media time recorded
    qint64 bytes = 0;      // bytes written, all chunks
    qint64 bitrateBps = 0; // recent bitrate
    int chunkIndex = 0;    // current chunk number
    qint64 packets = 0;
    qint64 droppedPackets = 0; // dropped because the writer fell behind
    // Access units that held no picture (only a delimiter or SEI, as a
    // depacketizer hands over after packet loss): left out of the file.
    qint64 picturelessUnits = 0;
    int reconnects = 0;  // source drops survived
    int takes = 0;       // WheneverLive: takes finished (files closed) so far
    QString currentFile; // final name of the file being written
};

// One track a recording writes, for its card ("Video H.264 1280×720",
// "Audio deu AAC"): what the file holds, after the container's own limits
// (FLV keeps one audio).
struct RecordedTrack {
    AVMediaType type = AVMEDIA_TYPE_UNKNOWN;
    QString codec;    // FFmpeg's name ("h264", "aac")
    QString language; // "deu", may be empty
    QString title;
    int width = 0, height = 0; // video
    int channels = 0;          // audio
};

// A decoded preview frame: tightly packed RGB32 (0xffRRGGBB), for the UI.
struct PreviewFrame {
    int width = 0;
    int height = 0;
    QByteArray rgb32;
};

} // namespace tapedeck

Q_DECLARE_METATYPE(tapedeck::RecordState)
Q_DECLARE_METATYPE(tapedeck::RecordStats)
Q_DECLARE_METATYPE(tapedeck::PreviewFrame)

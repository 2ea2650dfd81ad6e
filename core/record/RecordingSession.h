#pragma once
// One recording: a reader thread (source → bounded queue) and a writer thread
// (queue → chunked output). Lives in the thread that created it; its signals
// are emitted there (queued from the worker threads).

#include "core/record/AudioMeter.h"
#include "core/record/BlackDetector.h"
#include "core/record/RecordParams.h"
#include "core/source/Source.h"
#include "core/io/File.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace tapedeck {

// Seams for tests: where a session's packets come from and what its files'
// I/O does. Both empty in the product.
struct SessionHooks {
    SourceFactory sourceFactory;               // empty: makeSource
    std::shared_ptr<IoFaultInjector> ioFaults; // empty: real I/O (or RecordParams::failAfterBytes)
};

class RecordingSession : public QObject {
    Q_OBJECT
public:
    RecordingSession(int id, RecordParams params, QObject *parent = nullptr, SessionHooks hooks = {});
    // Stops and joins; a session whose threads do not end within
    // kDefaultShutdownDeadlineMs is abandoned (see abandon()).
    ~RecordingSession() override;

    // How long a stop may take before the files are left as they are: a
    // writer stuck in fsync on a dead NFS server or a dying USB disk must
    // not keep the program from ending.
    static constexpr int kDefaultShutdownDeadlineMs = 10000;

    int id() const { return m_id; }
    const RecordParams &params() const { return m_params; }

    // Validates (overwrite, disk reserve, path) and starts the threads.
    // A validation failure is returned here and the session stays idle.
    Status start();
    // Asks to stop: a waiting record is cancelled (no file), a recording
    // closes its files. Returns at once; finished()/failed() follow.
    void stop();
    // A new chunk from the next video keyframe (any time, chunked or not).
    void splitNow();
    // A named marker at the next packet: a chapter of the MP4 being written
    // (kept in its .info at once, so a recovered file has it too). TS and
    // FLV have no chapters and ignore it.
    void addMarker(const QString &title);
    // Blocks until both threads ended (or the timeout passed). False at once
    // for an abandoned session.
    bool wait(int timeoutMs = -1);
    // Gives up on a session whose threads do not end (called after a stop
    // and a deadline): its threads are let go and finish on their own if
    // ever they can, no signal is emitted any more, and its files stay on
    // disk exactly as they are: nothing is deleted or renamed, and the
    // sidecars stay recoverable by `tapedeck recover` once this process has
    // ended. Returns what happened in plain words (already logged), or ""
    // when the session had ended after all (or never started).
    QString abandon();
    // stop(), then wait until the threads end; abandon() once nothing has
    // reached the disk for `deadlineMs` since the stop (a finish that is
    // still writing is waited for). Returns abandon()'s words, or "".
    QString stopWithin(int deadlineMs);
    // Since when nothing moved: the later of the stop and the last write or
    // fsync that completed, in ms ago (-1 before any stop).
    qint64 msSinceProgress() const;

    RecordState state() const;
    RecordStats stats() const;
    QString errorMessage() const;
    // Why it ended, in words (failure reason, "the source ended: ...",
    // "cancelled before the stream appeared ..."); empty for a plain stop.
    QString endReason() const;
    // The same as a value (endReasonText() words it); Stopped until the end.
    EndReason endReasonKind() const;
    QStringList files() const; // every finished file so far
    // What the user should know about the files, in words: why a recording
    // was split, where an MP4's header went, what a container left out, the
    // gaps in the source. Complete once finished()/failed() was emitted.
    QStringList notes() const;
    QString displaySource() const; // redacted
    // Peak and RMS per channel of the recording's first audio stream (empty
    // without audio or without previews), and how long it has been silent.
    AudioLevels audioLevels() const;
    // The tracks the file being written holds (empty until the stream
    // opened).
    std::vector<RecordedTrack> recordedTracks() const;
    // How long the picture has stayed black (from the preview's keyframes;
    // nothing without video or without previews).
    PictureLevels pictureLevels() const;

signals:
    void stateChanged(int id, tapedeck::RecordState state, const QString &reason);
    void chunkFinished(int id, const QString &path);
    // StartMode::WheneverLive: a take ended (the stream went away) and its
    // files are closed; the recording waits for the next time.
    void takeFinished(int id, const QStringList &files);
    void finished(int id, const QStringList &files);
    void failed(int id, const QString &reason);
    void droppedSource(int id, const QString &reason);
    void previewFrame(int id, const tapedeck::PreviewFrame &frame);

private:
    struct Impl;
    const int m_id;
    const RecordParams m_params;
    std::shared_ptr<Impl> d; // shared with the threads: an abandoned thread keeps it alive
};

} // namespace tapedeck

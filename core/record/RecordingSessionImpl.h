#pragma once
// Private to the four RecordingSession*.cpp files: the state a session
// shares with its reader and writer threads (RecordingSession::Impl), its
// state machine (transition()) and the clock they all read. Not part of the
// core's interface; include RecordingSession.h instead.

#include "core/record/RecordingSession.h"

#include "core/base/Log.h"
#include "core/record/PacketQueue.h"
#include "core/record/PreviewDecoder.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace tapedeck {
namespace {

using Clock = std::chrono::steady_clock;

qint64 nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count();
}
} // namespace

struct RecordingSession::Impl {
    RecordingSession *q = nullptr; // used only by postLocked(), never once orphaned
    int id = 0;
    RecordParams params; // the threads' own copy: they may outlive the session (abandon())
    SessionHooks hooks;
    std::atomic<bool> stopFlag{false};   // stop asked: reader ends, writer finishes
    std::atomic<bool> abortFlag{false};  // writer failed: reader ends at once
    std::atomic<qint64> stopAtMs{0};     // steady clock of the first stop, 0: none yet
    std::atomic<bool> splitAsked{false}; // splitNow(): the writer cuts at the next keyframe
    std::atomic<bool> markersAsked{false};
    AudioMeter meter;                    // fed by the writer, decoded on its own thread
    BlackTracker black;                  // fed by the preview's thread: how long the picture is black
    std::shared_ptr<IoFaultInjector> io; // every file of the recording writes through it
    std::unique_ptr<PacketQueue> queue;
    std::thread reader;
    std::thread writer;
    std::mutex threadMutex;

    mutable std::mutex mutex; // guards everything below
    std::condition_variable doneChanged;
    // Written only by transition(), under `mutex`.
    RecordState state = RecordState::Waiting;
    bool started = false;
    RecordStats stats;
    QString error;
    QString finalReason;
    EndReason endKind = EndReason::Stopped;
    QString endNote; // why a recording ended by itself (source gone, reserve)
    QStringList files;
    std::vector<RecordedTrack> tracks; // what the file being written holds
    QStringList notes;                 // what the user should know about the files (splits, header place, gaps)
    QStringList markers;               // addMarker(), not yet handed to the writer
    QString display;
    bool everOpened = false;
    bool readerDone = false; // the reader thread's function returned
    bool done = false;       // terminal state reached: both threads are over
    bool orphaned = false;   // abandon(): the session object may be gone

    // bitrate window
    qint64 rateWindowStartMs = 0;
    qint64 rateWindowBytes = 0;

    std::atomic<qint64> dropped{0};
    // Access units with no picture (a delimiter or SEI only, handed over by
    // a depacketizer after packet loss): left out, and counted as what they
    // are, not as packets the writer lost.
    std::atomic<qint64> pictureless{0};
    // Packets a file source returned incomplete (AV_PKT_FLAG_CORRUPT: the
    // file is cut short or damaged there). Left out by every container alike,
    // and the input named as the cause, instead of one muxer failing on them.
    std::atomic<qint64> damagedInput{0};

    // Queues `f` to run in the session's thread. Called with `mutex` held:
    // posts from several threads then reach the session's thread in the
    // order of the changes they report.
    template<class F> void postLocked(F &&f)
    {
        if (orphaned)
            return; // the session object may be gone; nobody listens any more
        QMetaObject::invokeMethod(q, std::forward<F>(f), Qt::QueuedConnection);
    }

    // The only writer of `state`. Refuses (and logs) what the table does not
    // allow: a reader that connects just as a stop arrives cannot turn
    // Stopping back into Recording. A terminal state also emits finished()
    // or failed(), in the same queued call as its stateChanged().
    void noteStop()
    {
        qint64 none = 0;
        stopAtMs.compare_exchange_strong(none, nowMs());
    }

    bool transition(RecordState to, const QString &reason = {})
    {
        std::lock_guard lock(mutex);
        return transitionLocked(to, reason);
    }
    bool transitionLocked(RecordState to, const QString &reason = {})
    {
        if (to == state || isTerminalState(state))
            return false; // nothing new (a reconnect), or over already
        if (!isLegalTransition(state, to)) {
            logInfo(QStringLiteral("%1: %2 -> %3 refused (not a legal change)")
                        .arg(display, recordStateName(state), recordStateName(to)));
            return false;
        }
        state = to;
        const int sid = id;
        if (isTerminalState(to)) {
            finalReason = reason;
            done = true;
            doneChanged.notify_all();
            postLocked([q = q, sid, to, reason, fileList = files] {
                emit q->stateChanged(sid, to, reason);
                if (to == RecordState::Failed)
                    emit q->failed(sid, reason);
                else
                    emit q->finished(sid, fileList);
            });
        } else {
            postLocked([q = q, sid, to, reason] { emit q->stateChanged(sid, to, reason); });
        }
        return true;
    }

    // A stop from inside (--duration reached, disk reserve): like stop().
    void stopFromInside()
    {
        noteStop();
        stopFlag = true;
        transition(RecordState::Stopping);
    }

    bool sleepInterruptible(qint64 ms)
    {
        const qint64 end = nowMs() + ms;
        while (nowMs() < end) {
            if (stopFlag.load() || abortFlag.load())
                return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min<qint64>(50, end - nowMs())));
        }
        return !(stopFlag.load() || abortFlag.load());
    }

    void addNote(const QString &note)
    {
        logInfo(display + QStringLiteral(": ") + note);
        std::lock_guard lock(mutex);
        notes << note;
    }

    void readerLoop(const RecordParams &p);
    void writerLoop(const RecordParams &p);

    // Keyframes for the preview are decoded here, not on the writer's
    // thread. Declared last: stopped before anything its pictures use.
    PreviewWorker preview;
};

} // namespace tapedeck

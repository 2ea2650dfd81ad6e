// The reader thread of a RecordingSession: opening the source, the
// reconnect and back-off logic (with StartMode::WheneverLive's reconnect
// window that ends a take), holding back a file's corrupt packets, and
// pushing packets and stream changes into the queue for the writer.

#include "core/record/RecordingSessionImpl.h"

#include <deque>
#include <random>

namespace tapedeck {
namespace {

// Packets held back behind a corrupt one while it is unclear whether the
// file ends there (the demuxer flushes every stream at the end).
constexpr size_t kMaxHeldPackets = 64;
} // namespace

void RecordingSession::Impl::readerLoop(const RecordParams &p)
{
    SourceOptions so;
    so.openTimeoutMs = p.openTimeoutMs;
    so.stallTimeoutMs = p.stallTimeoutMs;
    so.pacing = p.pacing;
    so.hlsStart = p.hlsStart;
    so.stopFlag = &stopFlag;
    so.tracks = p.tracks;

    qint64 backoffMs = p.retryInitialMs;
    std::mt19937 rng(std::random_device{}());
    bool recordingStarted = false;
    std::vector<StreamInfo> lastStreams;
    qint64 lastPacketMs = 0; // wall clock of the last packet read, for the length of a gap
    QString dropReason;
    // WheneverLive: recordingStarted means "a take is open"; a drop starts
    // the reconnect window, after which the take ends.
    const bool wheneverLive = p.startMode == StartMode::WheneverLive;
    qint64 droppedAtMs = 0;
    auto windowOver = [&] {
        return !p.reconnect || p.reconnectWindowMs <= 0 || nowMs() - droppedAtMs >= p.reconnectWindowMs;
    };
    auto endTake = [&](const QString &why) {
        QueueItem te;
        te.kind = QueueItem::Kind::TakeEnd;
        te.gapReason = why;
        queue->pushControl(std::move(te));
        recordingStarted = false;
        droppedAtMs = 0;
        lastPacketMs = 0;
        backoffMs = p.retryInitialMs;
        logInfo(QStringLiteral("%1: the stream went away (%2); waiting for it to come back").arg(display, why));
        transition(RecordState::Waiting, why);
    };

    auto nextBackoff = [&] {
        // Jitter keeps many recorders from reconnecting in lockstep.
        std::uniform_real_distribution<double> jitter(0.85, 1.15);
        const qint64 wait = qint64(double(backoffMs) * jitter(rng));
        backoffMs = std::min<qint64>(p.retryMaxMs, qint64(double(backoffMs) * p.retryFactor));
        return wait;
    };

    while (!stopFlag.load() && !abortFlag.load()) {
        SourceOptions openOptions = so;
        if (wheneverLive && recordingStarted && droppedAtMs > 0) {
            // A reconnect within the window gets no more than the window's
            // rest (at least a second): a server that holds a play request
            // open until a publisher comes (nginx-rtmp) must not keep the
            // take's file open long after the window.
            const qint64 rest = p.reconnectWindowMs - (nowMs() - droppedAtMs);
            openOptions.openTimeoutMs = std::clamp<qint64>(rest, 1000, std::max<qint64>(1000, p.openTimeoutMs));
        }
        std::unique_ptr<PacketSource> src =
            hooks.sourceFactory ? hooks.sourceFactory(p.source, openOptions) : makeSource(p.source, openOptions);
        Status opened = src->open();
        if (!opened) {
            if (opened.error().code == ErrorCode::Cancelled || stopFlag.load())
                break;
            if (opened.error().code == ErrorCode::InvalidArgument) {
                // The program or tracks asked for are not in the stream:
                // waiting does not bring them, and recording other tracks
                // than were chosen would be silently wrong. A recording
                // under way closes its files (they hold what was chosen).
                std::lock_guard lock(mutex);
                if (recordingStarted) {
                    error = QStringLiteral("the source came back without the tracks chosen for this recording "
                                           "(%1); the recording ended there and keeps what it had")
                                .arg(opened.message());
                } else {
                    error = opened.message();
                    abortFlag = true;
                }
                break;
            }
            if (wheneverLive && recordingStarted && windowOver())
                endTake(dropReason);
            const bool keepTrying = (waitsForStream(p.startMode) && !recordingStarted)
                || (recordingStarted && p.reconnect && src->isLive());
            if (!keepTrying) {
                std::lock_guard lock(mutex);
                error = opened.message();
                abortFlag = true;
                break;
            }
            logDebug(QStringLiteral("%1: %2; trying again").arg(display, opened.message()));
            if (!sleepInterruptible(nextBackoff()))
                break;
            continue;
        }
        if (wheneverLive && recordingStarted && windowOver())
            endTake(dropReason); // back, but after the window: a new take
        droppedAtMs = 0;
        backoffMs = p.retryInitialMs;
        const qint64 openedAtMs = nowMs();
        QueueItem si;
        si.kind = QueueItem::Kind::Streams;
        si.streams = src->streams();
        si.sourceTags = src->sourceTags();
        si.live = src->isLive() || p.pacing == Pacing::Realtime;
        if (recordingStarted) {
            si.gapMs = lastPacketMs > 0 ? nowMs() - lastPacketMs : 0;
            si.gapReason = dropReason;
        }
        lastStreams = si.streams;
        {
            QStringList kinds;
            for (const StreamInfo &s : lastStreams)
                kinds << QString::fromUtf8(avcodec_get_name(s.params->codec_id));
            logInfo(
                QStringLiteral("%1: connected, streams %2%3")
                    .arg(display, kinds.join(QStringLiteral(", ")),
                         p.tracks.isDefault() ? QString() : QStringLiteral(" (chosen: %1)").arg(p.tracks.describe())));
        }
        queue->pushControl(std::move(si));
        if (!recordingStarted) {
            std::lock_guard lock(mutex);
            everOpened = true;
        }
        recordingStarted = true;
        transition(RecordState::Recording);
        const int videoIndex = firstVideoIndex(lastStreams);

        Error readError;
        // A file's packet flagged corrupt is held back with what follows it:
        // when the input ends before that stream carries on, it was the frame
        // a truncation cut (left out, counted, named); when the stream goes on,
        // it was a damaged but complete frame mid-file (a continuity break
        // where two files were joined) and is kept as it came.
        std::deque<PacketPtr> held;
        auto push = [&](PacketPtr pkt) {
            if (!queue->pushPacket(std::move(pkt), src->isLive(), videoIndex, abortFlag))
                if (!abortFlag.load())
                    dropped.fetch_add(1);
        };
        auto releaseHeld = [&] {
            while (!held.empty()) {
                push(std::move(held.front()));
                held.pop_front();
            }
        };
        while (true) {
            auto r = src->read();
            if (!r) {
                readError = r.error();
                break;
            }
            lastPacketMs = nowMs();
            PacketPtr pkt = std::move(r.value());
            if (pkt && !src->isLive()) {
                const bool corrupt = pkt->flags & AV_PKT_FLAG_CORRUPT;
                if (!held.empty() && !corrupt) {
                    const bool streamGoesOn = std::any_of(held.cbegin(), held.cend(), [&](const PacketPtr &h) {
                        return (h->flags & AV_PKT_FLAG_CORRUPT) && h->stream_index == pkt->stream_index;
                    });
                    if (streamGoesOn || held.size() >= kMaxHeldPackets)
                        releaseHeld();
                }
                if (corrupt || !held.empty()) {
                    held.push_back(std::move(pkt));
                    continue;
                }
            }
            push(std::move(pkt));
            if (stopFlag.load() || abortFlag.load())
                break;
        }
        // The input ended (or stopped) with packets held back: the corrupt
        // ones were cut by the end of the file.
        for (PacketPtr &h : held) {
            if (h->flags & AV_PKT_FLAG_CORRUPT)
                damagedInput.fetch_add(1);
            else
                push(std::move(h));
        }
        held.clear();
        if (stopFlag.load() || abortFlag.load() || readError.code == ErrorCode::Cancelled)
            break;
        if (readError.code == ErrorCode::EndOfStream && !src->isLive())
            break; // a file or a finite demo ended: a clean end
        if (wheneverLive && src->isLive()) {
            dropReason = readError.message;
            droppedAtMs = nowMs();
            if (windowOver()) {
                src.reset();
                endTake(dropReason);
                if (!sleepInterruptible(nextBackoff()))
                    break;
                continue;
            }
            // Within the window a drop is a blip: reconnect as below, into the same file.
        }
        if (!(p.reconnect && src->isLive())) {
            // The source went away and no reconnect was asked for: the
            // recording ends and keeps everything, like a stop.
            std::lock_guard lock(mutex);
            endNote = readError.message;
            break;
        }
        // A live source dropped (ended, stalled or failed): keep the recording
        // and reconnect with back-off.
        {
            std::lock_guard lock(mutex);
            ++stats.reconnects;
        }
        const QString reason = readError.message;
        dropReason = reason;
        logWarning(QStringLiteral("%1 dropped (%2); reconnecting").arg(display, reason));
        {
            std::lock_guard lock(mutex);
            postLocked([q = q, sid = id, reason] { emit q->droppedSource(sid, reason); });
        }
        src.reset();
        // A connection that carried media for a while is retried at once:
        // that first retry decides how much of a returning source is lost
        // (docs/network.md: about a GOP). A source that drops again soon
        // after opening goes through the back-off, so a failing server is
        // not hammered.
        constexpr qint64 kHealthyConnectionMs = 5000;
        if (nowMs() - openedAtMs >= kHealthyConnectionMs)
            continue;
        if (!sleepInterruptible(nextBackoff()))
            break;
    }
    QueueItem end;
    end.kind = QueueItem::Kind::End;
    queue->pushControl(std::move(end));
}

} // namespace tapedeck

#include "core/record/RecordingSession.h"

#include "core/record/AudioMeter.h"

#include "core/io/FileLock.h"

#include "core/writer/ChunkedOutput.h"
#include "core/writer/MuxWriter.h"
#include "core/base/Log.h"
#include "core/record/PacketQueue.h"
#include "core/record/ParameterWatch.h"
#include "core/record/PreviewDecoder.h"
#include "core/base/Redact.h"
#include "core/record/StreamMatch.h"
#include "core/record/TimestampNormalizer.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <random>
#include <thread>

namespace tapedeck {
namespace {

// Packets held back behind a corrupt one while it is unclear whether the
// file ends there (the demuxer flushes every stream at the end).
constexpr size_t kMaxHeldPackets = 64;
using Clock = std::chrono::steady_clock;

// After packet loss (RTP over UDP) a depacketizer can hand over an access
// unit holding only an access-unit delimiter or SEI: no picture, and players
// report it as an error. Only small Annex B packets are looked at.
bool isPictureless(const AVPacket *pkt, const AVCodecParameters *par)
{
    const AVCodecID codec = par->codec_id;
    if ((codec != AV_CODEC_ID_H264 && codec != AV_CODEC_ID_HEVC) || pkt->size >= 4096 || pkt->size < 4)
        return false;
    // avcC/hvcC extradata (version byte 1) means length-prefixed packets,
    // whose first bytes can look like a start code: not this case.
    if (par->extradata_size > 0 && par->extradata[0] == 1)
        return false;
    const uint8_t *d = pkt->data;
    const int n = pkt->size;
    if (!(d[0] == 0 && d[1] == 0 && (d[2] == 1 || (d[2] == 0 && d[3] == 1))))
        return false; // length-prefixed: not this case
    for (int i = 0; i + 3 < n; ++i) {
        if (d[i] != 0 || d[i + 1] != 0 || d[i + 2] != 1)
            continue;
        const uint8_t h = d[i + 3];
        const bool vcl = codec == AV_CODEC_ID_H264 ? ((h & 0x1f) >= 1 && (h & 0x1f) <= 5) : ((h >> 1) & 0x3f) <= 31;
        if (vcl)
            return false;
        i += 2;
    }
    return true;
}

QString clockText(qint64 ms)
{
    return QStringLiteral("%1:%2:%3")
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'));
}

// WheneverLive: BASE_take001, BASE_take002, ...: the first number after
// `*last` with nothing of that name on disk (a file, a chunk, a sidecar), so
// no take replaces an earlier one, from this run or from an earlier one.
QString nextTakeBase(const QString &outBase, int *last)
{
    const QFileInfo fi(outBase);
    const QDir dir = fi.absoluteDir();
    while (true) {
        const QString name = fi.fileName() + QStringLiteral("_take%1").arg(++*last, 3, 10, QLatin1Char('0'));
        const QStringList taken = dir.entryList({name + QStringLiteral(".*"), name + QStringLiteral("_*")},
                                                QDir::Files | QDir::Hidden | QDir::System);
        if (taken.isEmpty()) {
            const QString base = dir.filePath(name);
            registerUserPath(base);
            return base;
        }
    }
}

qint64 nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now().time_since_epoch()).count();
}
} // namespace

GapMode effectiveGapMode(GapMode mode, const QString &source)
{
    if (mode != GapMode::Auto)
        return mode;
    return source.startsWith(QStringLiteral("rtsp"), Qt::CaseInsensitive) ? GapMode::RealTime : GapMode::Close;
}

QString gapModeName(GapMode mode)
{
    switch (mode) {
    case GapMode::Auto:
        return QStringLiteral("auto");
    case GapMode::Close:
        return QStringLiteral("close");
    case GapMode::RealTime:
        return QStringLiteral("real");
    }
    return QString();
}

Result<GapMode> parseGapMode(const QString &name)
{
    for (GapMode m : {GapMode::Auto, GapMode::Close, GapMode::RealTime})
        if (name.compare(gapModeName(m), Qt::CaseInsensitive) == 0)
            return m;
    return makeError(ErrorCode::InvalidArgument,
                     QStringLiteral("gaps takes close, real or auto (got \"%1\")").arg(name));
}

QString endReasonText(EndReason why, const QString &detail)
{
    switch (why) {
    case EndReason::Stopped:
        return QString();
    case EndReason::SourceGone:
        return QStringLiteral("the source ended: %1").arg(detail);
    case EndReason::DiskReserve:
        return QStringLiteral("stopped: free disk space fell below the reserve of %1 MB").arg(detail);
    case EndReason::NeverAppeared:
        return QStringLiteral("cancelled before the stream appeared; no file was created");
    case EndReason::NoKeyframe:
        return QStringLiteral("the stream ended before its first keyframe; no file was created");
    case EndReason::Failed:
        return detail;
    }
    return detail;
}

QString recordStateName(RecordState s)
{
    switch (s) {
    case RecordState::Waiting:
        return QStringLiteral("waiting");
    case RecordState::Recording:
        return QStringLiteral("recording");
    case RecordState::Stopping:
        return QStringLiteral("stopping");
    case RecordState::Finished:
        return QStringLiteral("finished");
    case RecordState::Failed:
        return QStringLiteral("failed");
    }
    return QString();
}

bool isTerminalState(RecordState s) { return s == RecordState::Finished || s == RecordState::Failed; }

// The one table of a recording's life (docs/architecture.md draws it):
//   Waiting   -> Recording (the source opened), Stopping (stop asked),
//                Finished / Failed (ended before it opened)
//   Recording -> Stopping (stop asked, --duration reached, disk reserve),
//                Finished / Failed (the source ended, a write failed),
//                Waiting (StartMode::WheneverLive: the stream went away,
//                its take's files are closed, the next time is awaited)
//   Stopping  -> Finished / Failed (the writer closed the files)
// Finished and Failed are terminal. A reconnect stays in Recording.
bool isLegalTransition(RecordState from, RecordState to)
{
    switch (from) {
    case RecordState::Waiting:
        return to != RecordState::Waiting;
    case RecordState::Recording:
        return to == RecordState::Stopping || to == RecordState::Waiting || isTerminalState(to);
    case RecordState::Stopping:
        return isTerminalState(to);
    case RecordState::Finished:
    case RecordState::Failed:
        return false;
    }
    return false;
}

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

RecordingSession::RecordingSession(int id, RecordParams params, QObject *parent, SessionHooks hooks)
    : QObject(parent), m_id(id), m_params(std::move(params)), d(std::make_shared<Impl>())
{
    d->q = this;
    d->params = m_params;
    d->id = id;
    d->hooks = std::move(hooks);
    d->display = m_params.sourceLabel.isEmpty() ? redactUrl(m_params.source) : m_params.sourceLabel;
    registerSecretsOf(m_params.source);
    // The output path is the user's own: printed as given, never scrubbed.
    const QFileInfo base(m_params.outBase);
    registerUserPath(m_params.outBase);
    registerUserPath(base.absoluteFilePath());
    registerUserPath(base.absolutePath());
}

RecordingSession::~RecordingSession() { stopWithin(kDefaultShutdownDeadlineMs); }

qint64 RecordingSession::msSinceProgress() const
{
    const qint64 stopAt = d->stopAtMs.load();
    if (stopAt == 0)
        return -1;
    std::shared_ptr<IoFaultInjector> io;
    {
        std::lock_guard lock(d->mutex);
        io = d->io;
    }
    return nowMs() - std::max(stopAt, io ? io->lastProgressMs() : 0);
}

QString RecordingSession::stopWithin(int deadlineMs)
{
    stop();
    while (!wait(100)) {
        {
            std::lock_guard lock(d->mutex);
            if (d->orphaned)
                return QString(); // said so already
        }
        if (msSinceProgress() >= deadlineMs)
            return abandon();
    }
    return QString();
}

QString RecordingSession::abandon()
{
    std::lock_guard threads(d->threadMutex);
    QString message;
    {
        std::lock_guard lock(d->mutex);
        if (!d->started || d->done || d->orphaned)
            return QString();
        d->orphaned = true;
        const QString file = d->stats.currentFile.isEmpty() ? QFileInfo(m_params.outBase).absoluteFilePath()
                                                            : QFileInfo(d->stats.currentFile).absoluteFilePath();
        const QString folder = QFileInfo(m_params.outBase).absolutePath();
        message = QStringLiteral("the recording of %1 to %2 did not end in time after the stop (the disk or "
                                 "the source does not answer); its files are left as they are in %3 and stay "
                                 "recoverable: run `tapedeck recover %3` (or the app's recovery) once this "
                                 "program has ended")
                      .arg(d->display, file, folder);
    }
    logWarning(message);
    // Let the threads go: they hold their own reference to the state they
    // use, and finish on their own if the disk ever answers.
    if (d->reader.joinable())
        d->reader.detach();
    if (d->writer.joinable())
        d->writer.detach();
    return message;
}

Status RecordingSession::start()
{
    const RecordParams &p = m_params;
    const Error again = makeError(ErrorCode::InvalidArgument, QStringLiteral("this recording was started already"));
    {
        std::lock_guard lock(d->mutex);
        if (d->started)
            return again;
    }
    if (p.source.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no source given"));
    if (p.outBase.trimmed().isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no output path given"));
    // A file another process records or recovers is refused even with
    // overwrite: replacing it would destroy a live recording.
    // WheneverLive names each take's files when it begins (nextTakeBase):
    // never one that exists, so there is nothing to refuse here.
    const QStringList targets = p.startMode == StartMode::WheneverLive
        ? QStringList()
        : ChunkedOutput::firstTargets(p.type, p.outBase, p.chunkDurationMs);
    for (const QString &t : targets)
        if (const OwnerInfo who = fileOwner(t); who.owned())
            return makeError(ErrorCode::InUse, QStringLiteral("%1 is %2; nothing was written").arg(t, who.describe()));
    if (p.overwrite == OverwritePolicy::Refuse) {
        for (const QString &t : targets)
            if (QFileInfo::exists(t))
                return makeError(
                    ErrorCode::AlreadyExists,
                    QStringLiteral("%1 already exists; nothing was written (use overwrite to replace it)").arg(t));
    }
    const QString dir = QFileInfo(p.outBase).absolutePath();
    if (p.diskReserveBytes > 0) {
        auto free = freeDiskBytes(dir);
        if (free && *free < p.diskReserveBytes)
            return makeError(
                ErrorCode::DiskFull,
                QStringLiteral("only %1 MB free on the disk of %2, below the reserve of %3 MB; nothing was recorded")
                    .arg(*free / 1048576)
                    .arg(dir)
                    .arg(p.diskReserveBytes / 1048576));
    }
    std::lock_guard threads(d->threadMutex);
    {
        std::lock_guard lock(d->mutex);
        if (d->started)
            return again;
        d->started = true;
        d->queue =
            std::make_unique<PacketQueue>(std::max(16, p.queueMaxPackets), std::max<qint64>(1 << 20, p.queueMaxBytes));
        if (d->hooks.ioFaults)
            d->io = d->hooks.ioFaults;
        else if (p.failAfterBytes >= 0)
            d->io = std::make_shared<IoFaultInjector>(p.failAfterBytes, ErrorCode::DiskFull);
        else
            d->io = std::make_shared<IoFaultInjector>();
    }
    // The threads share the state with the session, not the session itself:
    // an abandoned one may outlive it.
    d->reader = std::thread([self = d] {
        self->readerLoop(self->params);
        std::lock_guard lock(self->mutex);
        self->readerDone = true;
        self->doneChanged.notify_all();
    });
    d->writer = std::thread([self = d] { self->writerLoop(self->params); });
    return {};
}

void RecordingSession::stop()
{
    // The flag first: a reader that connects from now on ends at once, and
    // its Recording is refused once Stopping is there.
    d->noteStop();
    d->stopFlag = true;
    std::lock_guard lock(d->mutex);
    if (d->started) // before start() there is nothing to stop yet; start() ends at once
        d->transitionLocked(RecordState::Stopping);
}

AudioLevels RecordingSession::audioLevels() const { return d->meter.levels(); }

std::vector<RecordedTrack> RecordingSession::recordedTracks() const
{
    std::lock_guard lock(d->mutex);
    return d->tracks;
}

PictureLevels RecordingSession::pictureLevels() const { return d->black.levels(); }

void RecordingSession::splitNow() { d->splitAsked = true; }

void RecordingSession::addMarker(const QString &title)
{
    {
        std::lock_guard lock(d->mutex);
        d->markers << title;
    }
    d->markersAsked = true;
}

bool RecordingSession::wait(int timeoutMs)
{
    {
        std::unique_lock lock(d->mutex);
        if (!d->started)
            return true; // never started
        auto isDone = [this] { return d->done || d->orphaned; };
        if (timeoutMs < 0)
            d->doneChanged.wait(lock, isDone);
        else if (!d->doneChanged.wait_for(lock, std::chrono::milliseconds(timeoutMs), isDone))
            return false;
        if (!d->done)
            return false; // abandoned: its threads are not ours to join any more
    }
    std::lock_guard lock(d->threadMutex);
    if (d->reader.joinable())
        d->reader.join();
    if (d->writer.joinable())
        d->writer.join();
    return true;
}

RecordState RecordingSession::state() const
{
    std::lock_guard lock(d->mutex);
    return d->state;
}

RecordStats RecordingSession::stats() const
{
    std::lock_guard lock(d->mutex);
    RecordStats s = d->stats;
    s.droppedPackets = d->dropped.load();
    s.picturelessUnits = d->pictureless.load();
    return s;
}

QString RecordingSession::errorMessage() const
{
    std::lock_guard lock(d->mutex);
    return d->error;
}

QStringList RecordingSession::files() const
{
    std::lock_guard lock(d->mutex);
    return d->files;
}

QString RecordingSession::endReason() const
{
    std::lock_guard lock(d->mutex);
    return d->finalReason;
}

EndReason RecordingSession::endReasonKind() const
{
    std::lock_guard lock(d->mutex);
    return d->endKind;
}

QStringList RecordingSession::notes() const
{
    std::lock_guard lock(d->mutex);
    return d->notes;
}

QString RecordingSession::displaySource() const { return d->display; }

// ---- reader ----------------------------------------------------------------

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

// ---- writer ----------------------------------------------------------------

void RecordingSession::Impl::writerLoop(const RecordParams &p)
{
    WriterOptions wo;
    wo.fsyncIntervalMs = p.fsyncIntervalMs;
    wo.gatherWrites = true; // this loop calls flush() before it waits for a packet
    wo.overwrite = p.overwrite == OverwritePolicy::Replace;
    wo.sourceDescription = display;
    wo.forceMoovFirst = p.forceMoovFirst;
    wo.expectedDurationMs = p.maxDurationMs; // sizes the MP4 header room (0: open-ended)
    wo.faults = io;                          // set in start(): counts progress (and faults, in tests)

    std::unique_ptr<ChunkedOutput> out;
    TimestampNormalizer norm;
    ParameterWatch paramWatch;
    int meterIndex = -1; // the output stream the audio meter hears
    std::vector<StreamInfo> streams;
    std::vector<int> inMap;              // connection's stream index -> output stream (empty: same)
    std::vector<AVRational> inTimeBases; // the connection's time bases, when remapped
    qint64 lastPreviewMs = 0;
    qint64 lastDiskCheckMs = nowMs();
    QString failure;
    EndReason finishKind = EndReason::Stopped; // DiskReserve when the writer stopped it
    const QString outDir = QFileInfo(p.outBase).absolutePath();
    // WheneverLive: what the finished takes made, and the last take number.
    const bool wheneverLive = p.startMode == StartMode::WheneverLive;
    QStringList takenFiles;
    qint64 takenBytes = 0;
    qint64 takenMediaUs = 0;
    int takeNumber = 0;

    // The stream went away for good (TakeEnd): the take's files are closed
    // like at a stop, and the next Streams opens a new take.
    auto closeTake = [&](const QString &why) {
        QStringList made;
        if (out->started()) {
            auto r = out->finish();
            for (const QString &n : out->notes())
                addNote(n);
            if (!r) {
                failure = r.message(); // `out` stays: the end abandons it, its sidecars stay recoverable
                abortFlag = true;
                queue->close();
                return;
            }
            made = r.value();
        } else {
            out->abandon(); // nothing was written before the first keyframe
        }
        takenBytes += out->bytesWritten();
        takenMediaUs += out->mediaDurationUs();
        out.reset();
        streams.clear();
        inMap.clear();
        inTimeBases.clear();
        std::lock_guard lock(mutex);
        stats.bytes = takenBytes;
        stats.currentFile.clear();
        if (made.isEmpty())
            return;
        takenFiles += made;
        ++stats.takes;
        for (qsizetype i = files.size(); i < takenFiles.size(); ++i)
            postLocked([q = q, sid = id, f = takenFiles[i]] { emit q->chunkFinished(sid, f); });
        files = takenFiles;
        const QString note = QStringLiteral("take %1 (%2) ended: the stream went away (%3)")
                                 .arg(stats.takes)
                                 .arg(QFileInfo(made.constFirst()).fileName(), why);
        logInfo(display + QStringLiteral(": ") + note);
        notes << note;
        postLocked([q = q, sid = id, made] { emit q->takeFinished(sid, made); });
    };

    while (true) {
        std::optional<QueueItem> item = queue->tryPop();
        if (!item) {
            // Nothing waiting: what the writer gathered goes to the kernel
            // before this thread sleeps, so a kill loses at most the packet
            // in flight (Writer.h, flush()).
            if (out && !abortFlag.load()) {
                if (Status s = out->flush(); !s) {
                    failure = s.message();
                    abortFlag = true;
                    queue->close();
                }
            }
            item = queue->pop();
            if (!item)
                break;
        }
        if (item->kind == QueueItem::Kind::End)
            break;
        if (item->kind == QueueItem::Kind::TakeEnd) {
            if (out && !abortFlag.load())
                closeTake(item->gapReason);
            continue;
        }
        if (item->kind == QueueItem::Kind::Streams) {
            std::vector<StreamInfo> next = item->streams;
            inMap.clear();
            if (!out) {
                wo.sourceTags = item->sourceTags;
                // A live source's bursts (the backlog queued while the files
                // were made, an HLS segment) are synced by their media time.
                wo.syncMediaMs = item->live ? p.fsyncIntervalMs : 0;
                const QString base = wheneverLive ? nextTakeBase(p.outBase, &takeNumber) : p.outBase;
                out = std::make_unique<ChunkedOutput>(p.type, base, p.chunkDurationMs, wo);
                out->setStreams(next);
                norm.reset(next);
            } else {
                // A returning source: its streams are matched to the
                // recording's by type and codec parameters (servers reorder
                // them between connections), and keep their places.
                const StreamMatch match = matchStreams(streams, item->streams);
                next = reorderLike(item->streams, match);
                if (match.complete) {
                    inMap = match.map;
                    inTimeBases.clear();
                    for (const StreamInfo &s : item->streams)
                        inTimeBases.push_back(s.timeBase);
                    if (match.identical || p.type != ContainerType::Mp4) {
                        // The file goes on: packets keep the output's time bases.
                        for (size_t i = 0; i < next.size(); ++i)
                            next[i].timeBase = streams[i].timeBase;
                    }
                }
                // MP4 keeps one codec setup per file: a new file at the next
                // keyframe. TS and FLV carry new parameters in-band and go
                // on, unless the streams themselves changed.
                if (!match.identical && (p.type == ContainerType::Mp4 || !match.complete)) {
                    out->changeStreams(next);
                    norm.reset(next);
                    const QString why = match.complete
                        ? QStringLiteral("the source came back with new codec parameters")
                        : QStringLiteral("the source came back with other streams");
                    addNote(QStringLiteral("%1; a new file was started at its first keyframe").arg(why));
                }
                // A new connection restarts the source's clock. The outage is
                // closed up or kept as real time (GapMode), and marked.
                const bool realTime = effectiveGapMode(p.gapMode, p.source) == GapMode::RealTime;
                norm.discontinuity(realTime ? item->gapMs * 1000 : 0);
                const QString at = clockText(out->mediaDurationUs() / 1000);
                const QString len = QStringLiteral("%1 s").arg(double(item->gapMs) / 1000.0, 0, 'f', 1);
                out->markGap(QStringLiteral("gap of %1 (%2)").arg(len, item->gapReason));
                addNote(QStringLiteral("at %1 the source was gone for %2 (%3); %4")
                            .arg(at, len, item->gapReason,
                                 realTime ? QStringLiteral("the gap is kept in the timeline (real time)")
                                          : QStringLiteral("the timeline was closed up (no gap in the file)")));
            }
            streams = next;
            paramWatch.reset(streams);
            {
                std::vector<RecordedTrack> held;
                const int flvVideo = flvKeptTrack(streams, AVMEDIA_TYPE_VIDEO);
                const int flvAudio = flvKeptTrack(streams, AVMEDIA_TYPE_AUDIO);
                for (const StreamInfo &s : streams) {
                    if (s.type != AVMEDIA_TYPE_VIDEO && s.type != AVMEDIA_TYPE_AUDIO && s.type != AVMEDIA_TYPE_SUBTITLE)
                        continue;
                    if (p.type == ContainerType::Flv
                        && (s.type == AVMEDIA_TYPE_SUBTITLE || (s.index != flvVideo && s.index != flvAudio)))
                        continue; // FLV keeps one video and one audio (MuxWriter says which in a note)
                    RecordedTrack t;
                    t.type = s.type;
                    t.codec = QString::fromUtf8(avcodec_get_name(s.params->codec_id));
                    t.language = s.tags.language;
                    t.title = s.tags.title;
                    t.width = s.params->width;
                    t.height = s.params->height;
                    t.channels = s.params->ch_layout.nb_channels;
                    held.push_back(std::move(t));
                }
                std::lock_guard lock(mutex);
                tracks = std::move(held);
            }
            const int v = firstVideoIndex(streams);
            if (p.previewEnabled && v >= 0) {
                // A new picture source: its black run starts over.
                black.reset();
                preview.start(
                    streams[size_t(v)],
                    [this](PreviewFrame f) {
                        std::lock_guard lock(mutex);
                        postLocked([q = q, sid = id, f = std::move(f)] { emit q->previewFrame(sid, f); });
                    },
                    [this](qint64 atMs, const PictureStats &s) { black.push(atMs, s); });
            }
            meterIndex = -1;
            if (p.previewEnabled)
                for (const StreamInfo &st : streams)
                    if (st.type == AVMEDIA_TYPE_AUDIO) {
                        if (meter.start(st))
                            meterIndex = int(&st - streams.data());
                        break;
                    }
            continue;
        }
        if (abortFlag.load())
            continue; // drain
        AVPacket *pkt = item->packet.get();
        if (!inMap.empty()) {
            const int in = pkt->stream_index;
            if (in < 0 || size_t(in) >= inMap.size() || inMap[size_t(in)] < 0)
                continue;
            const int outIndex = inMap[size_t(in)];
            const AVRational from = inTimeBases[size_t(in)];
            const AVRational to = streams[size_t(outIndex)].timeBase;
            if (av_cmp_q(from, to) != 0)
                av_packet_rescale_ts(pkt, from, to);
            pkt->stream_index = outIndex;
        }
        if (size_t(pkt->stream_index) < streams.size()
            && isPictureless(pkt, streams[size_t(pkt->stream_index)].params.get())) {
            pictureless.fetch_add(1);
            continue;
        }
        if (!out || !norm.normalize(pkt))
            continue;
        // WheneverLive: --duration counts every take together.
        if (p.maxDurationMs > 0 && out->started() && takenMediaUs + out->mediaDurationUs() >= p.maxDurationMs * 1000) {
            stopFromInside(); // reached --duration: finish like a stop
            continue;
        }
        if (auto changed = paramWatch.check(pkt)) {
            // In-band change (new SPS, new sequence header): MP4 starts a new
            // chunk at this keyframe; TS and FLV carry it in-band and go on.
            if (p.type == ContainerType::Mp4) {
                addNote(QStringLiteral("at %1 the source's %2; MP4 holds one codec setup per file, so a new file "
                                       "was started at that keyframe")
                            .arg(clockText((out->mediaDurationUs() + 500000) / 1000), // to the nearest second
                                 describeChange(streams[size_t(pkt->stream_index)],
                                                (*changed)[size_t(pkt->stream_index)])));
                out->changeStreams(*changed);
            }
            streams = *changed;
        }
        if (splitAsked.exchange(false))
            out->splitAtNextCutPoint();
        if (markersAsked.exchange(false)) {
            QStringList asked;
            {
                std::lock_guard lock(mutex);
                asked.swap(markers);
            }
            for (const QString &title : std::as_const(asked))
                out->addMarker(title);
        }
        Status s = out->write(pkt);
        if (!s) {
            failure = s.message();
            abortFlag = true;
            queue->close();
            continue;
        }
        if (pkt->stream_index == meterIndex)
            meter.push(pkt);
        if (p.previewEnabled && (pkt->flags & AV_PKT_FLAG_KEY) && pkt->stream_index == firstVideoIndex(streams)
            && nowMs() - lastPreviewMs >= 1000 && preview.push(pkt))
            lastPreviewMs = nowMs();
        {
            std::lock_guard lock(mutex);
            const qint64 now = nowMs();
            stats.packets++;
            stats.mediaMs = (takenMediaUs + out->mediaDurationUs()) / 1000;
            const qint64 bytes = takenBytes + out->bytesWritten();
            if (rateWindowStartMs == 0) {
                rateWindowStartMs = now;
                rateWindowBytes = bytes;
            } else if (now - rateWindowStartMs >= 1000) {
                stats.bitrateBps = (bytes - rateWindowBytes) * 8000 / std::max<qint64>(1, now - rateWindowStartMs);
                rateWindowStartMs = now;
                rateWindowBytes = bytes;
            }
            stats.bytes = bytes;
            stats.chunkIndex = std::max(0, out->chunkIndex());
            stats.currentFile = out->currentPath();
            // Each chunk closed since the last packet is announced once (the
            // library lists it while the recording goes on).
            const QStringList done = takenFiles + out->finishedFiles();
            for (qsizetype i = files.size(); i < done.size(); ++i)
                postLocked([q = q, sid = id, f = done[i]] { emit q->chunkFinished(sid, f); });
            files = done;
        }
        if (p.diskReserveBytes > 0 && nowMs() - lastDiskCheckMs >= 1000) {
            lastDiskCheckMs = nowMs();
            auto free = freeDiskBytes(outDir);
            if (free && *free < p.diskReserveBytes) {
                finishKind = EndReason::DiskReserve;
                logWarning(display + QStringLiteral(": ")
                           + endReasonText(finishKind, QString::number(p.diskReserveBytes / 1048576)));
                stopFromInside();
            }
        }
    }
    queue->close();
    preview.stop(); // no picture after the last state change
    meter.stop();   // its last levels stay readable
    if (const qint64 n = pictureless.load(); n > 0)
        addNote(QStringLiteral("%1 access unit(s) held no picture (only a delimiter or SEI, as a source sends after "
                               "packet loss) and were left out")
                    .arg(n));

    QStringList finished;
    if (!failure.isEmpty() || abortFlag.load()) {
        if (out)
            out->abandon();
        std::lock_guard lock(mutex);
        if (error.isEmpty())
            error = failure;
        files = out ? takenFiles + out->finishedFiles() : takenFiles;
    } else if (out && out->started()) {
        auto r = out->finish();
        for (const QString &n : out->notes())
            addNote(n);
        std::lock_guard lock(mutex);
        if (!r)
            error = r.message();
        else
            files = takenFiles + r.value();
        stats.bytes = takenBytes + out->bytesWritten();
    }
    RecordState final = RecordState::Finished;
    QString finalText;
    {
        std::lock_guard lock(mutex);
        EndReason why = finishKind;
        QString detail = why == EndReason::DiskReserve ? QString::number(p.diskReserveBytes / 1048576) : QString();
        if (why == EndReason::Stopped && !endNote.isEmpty()) {
            why = EndReason::SourceGone;
            detail = endNote;
        }
        if (!error.isEmpty()) {
            why = EndReason::Failed;
            detail = error;
        } else if (!everOpened) {
            why = EndReason::NeverAppeared;
        } else if ((!out || !out->started()) && takenFiles.isEmpty()) {
            why = EndReason::NoKeyframe;
        }
        endKind = why;
        QString reason = endReasonText(why, detail);
        if (const qint64 n = damagedInput.load(); n > 0) {
            const QString note =
                QStringLiteral("the input %1 is damaged or cut short: %2 incomplete packet(s) left out")
                    .arg(display)
                    .arg(n);
            logWarning(note);
            // Said with the reason, except where the reason alone counts.
            if (why == EndReason::Stopped || why == EndReason::SourceGone || why == EndReason::DiskReserve)
                reason = reason.isEmpty() ? note : reason + QStringLiteral("; ") + note;
        }
        if (why == EndReason::Failed)
            final = RecordState::Failed;
        finalText = reason;
    }
    // Wait for the reader here so "done" means both threads are over (the
    // owner joins the std::thread objects; the writer never touches them).
    stopFlag = true;
    std::unique_lock lock(mutex);
    doneChanged.wait(lock, [this] { return readerDone; });
    transitionLocked(final, finalText);
}

} // namespace tapedeck

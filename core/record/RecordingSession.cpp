// RecordingSession's public face: construction, start() (validation and the
// two threads), stop / wait / abandon, and the getters the engine and the UI
// read. The reader thread lives in RecordingSessionReader.cpp, the writer
// thread in RecordingSessionWriter.cpp, the shared state in
// RecordingSessionImpl.h.

#include "core/record/RecordingSessionImpl.h"

#include "core/base/Redact.h"
#include "core/io/FileLock.h"
#include "core/writer/ChunkedOutput.h"

#include <QFileInfo>

namespace tapedeck {

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

} // namespace tapedeck

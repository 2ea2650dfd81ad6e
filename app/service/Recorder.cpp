#include "app/service/Recorder.h"

#include "app/service/Png.h"
#include "core/app/OutputNaming.h"
#include "core/base/Log.h"
#include "core/base/Redact.h"
#include "core/io/Paths.h"
#include "core/recovery/Recover.h"
#include "core/recovery/Scanner.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QThread>
#include <QTimer>

#include <cstdio>

namespace tapedeck::service {

void logServiceLine(const QString &line)
{
    const QByteArray b = (QStringLiteral("tapedeck serve: ") + redactText(line) + u'\n').toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
    std::fflush(stderr);
}

namespace {

void logLine(const QString &line) { logServiceLine(line); }

// "a/b/c" relative to `root`, with no way out of it: no absolute path, no
// "..", no empty or dot component, and each component a safe file name.
std::optional<QString> pathInside(const QString &root, const QString &relative, QString *why)
{
    if (relative.startsWith(u'/') || relative.contains(u'\\') || relative.contains(QChar(0))) {
        *why = QStringLiteral("\"out\" must be a path relative to the recordings folder, without \\");
        return std::nullopt;
    }
    const QStringList parts = relative.split(u'/');
    for (const QString &p : parts) {
        if (p.isEmpty() || p == QLatin1String(".") || p == QLatin1String("..") || sanitizeFileName(p) != p) {
            *why = QStringLiteral("\"out\" has a component that is not a plain file name (\"%1\")").arg(p);
            return std::nullopt;
        }
    }
    return root + u'/' + parts.join(u'/');
}

QJsonObject orphanJson(const recovery::Orphan &o, const QString &output = {})
{
    // Sidecars name their source; the redaction keeps credentials out.
    const QByteArray raw = QJsonDocument(recovery::toJson(o, output)).toJson(QJsonDocument::Compact);
    return QJsonDocument::fromJson(redactText(QString::fromUtf8(raw)).toUtf8()).object();
}

} // namespace

Recorder::Recorder(ServiceStore &store, QObject *parent)
    : QObject(parent), m_store(store), m_sources(store.sourcesPath()), m_settings(store.settingsPath()),
      m_service(m_settings, m_engine)
{
    if (const QString warning = m_sources.load(); !warning.isEmpty())
        logLine(warning);
    connect(&m_engine, &Engine::recordingStateChanged, this, &Recorder::onStateChanged);
    connect(&m_engine, &Engine::recordingFinished, this, [this](int id, const QStringList &) { onEnded(id); });
    connect(&m_engine, &Engine::recordingFailed, this, [this](int id, const QString &) { onEnded(id); });
    connect(&m_engine, &Engine::previewFrame, this, [this](int engineId, const PreviewFrame &frame) {
        if (Entry *e = byEngineId(engineId)) {
            e->run.preview = frame;
            ++e->run.previewSeq;
        }
    });
    connect(&m_engine, &Engine::chunkFinished, this, [this](int engineId, const QString &path) {
        if (Entry *e = byEngineId(engineId))
            emit event("file", QJsonObject{{QStringLiteral("id"), e->want.id}, {QStringLiteral("path"), path}});
    });
}

Recorder::~Recorder() = default;

QJsonArray Recorder::recoverOwnOrphans()
{
    using namespace recovery;
    ScanParams scan;
    scan.paths << recordingsDir();
    for (const auto &e : m_entries)
        scan.paths << QFileInfo(e->want.outBase).absolutePath();
    if (auto wanted = m_store.loadDesired())
        for (const WantedRecording &w : *wanted)
            scan.paths << QFileInfo(w.outBase).absolutePath();
    scan.paths.removeDuplicates();
    ScanResult res = scanPaths(scan);
    QJsonArray out;
    for (const Orphan &o : res.orphans) {
        QJsonObject j;
        if (!o.rebuildable()) {
            j = orphanJson(o);
            j[QStringLiteral("result")] = QStringLiteral("cannot-rebuild");
        } else {
            const RecoverOutcome r = recoverOrphan(o, RecoverOptions{});
            j = orphanJson(o, r.output);
            j[QStringLiteral("result")] = r.heldBy.owned() ? QStringLiteral("in-use")
                : r.alreadyDone                            ? QStringLiteral("already-done")
                : r.cleared                                ? QStringLiteral("cleared")
                : r.ok                                     ? QStringLiteral("rebuilt")
                                                           : QStringLiteral("failed");
            if (!r.ok)
                j[QStringLiteral("error")] = redactText(r.error);
        }
        logLine(QStringLiteral("orphan %1: %2").arg(o.target, j.value(QStringLiteral("result")).toString()));
        out.append(j);
    }
    m_lastRecovery = out;
    return out;
}

int Recorder::resumeWanted()
{
    auto wanted = m_store.loadDesired();
    if (!wanted) {
        // Kept for a person (or a newer Tapedeck) to read: the next save
        // would otherwise replace it with only what is started from now on.
        auto aside = m_store.setDesiredAside();
        logLine(QStringLiteral("WARNING: %1; nothing was resumed. %2")
                    .arg(wanted.message(),
                         aside ? QStringLiteral("It was kept as %1.").arg(*aside)
                               : QStringLiteral("It could not be moved aside (%1).").arg(aside.message())));
        return 0;
    }
    int started = 0;
    for (WantedRecording &w : *wanted) {
        if (byId(w.id))
            continue;
        auto entry = std::make_unique<Entry>();
        entry->want = w;
        ++entry->want.resumes; // a new file: the earlier run's files are finished or recovered
        m_entries.push_back(std::move(entry));
    }
    persist(); // the new run bases before anything is written to them
    for (const auto &e : m_entries) {
        if (e->run.engineId != 0)
            continue;
        if (auto err = launch(*e, false)) {
            logLine(QStringLiteral("could not resume %1: %2").arg(e->want.id, err->message));
            continue;
        }
        logLine(QStringLiteral("resumed %1 into %2").arg(e->want.id, e->want.runBase()));
        ++started;
    }
    return started;
}

std::optional<ApiError> Recorder::launch(Entry &e, bool firstRun)
{
    // Recorded by name: the source's address as it is now (a stream key
    // changed with PUT /api/v1/sources applies from the next run on).
    const NamedSource *named = e.want.sourceName.isEmpty() ? nullptr : m_sources.find(e.want.sourceName);
    RecordRequest r = m_service.request(named ? named->url : e.want.source);
    r.owner = e.want.id;
    r.label = e.want.id;
    r.outBase = e.want.runBase();
    r.params.type = e.want.type;
    r.params.chunkDurationMs = e.want.chunkMs;
    r.params.maxDurationMs = e.want.durationMs;
    r.params.overwrite = firstRun && e.want.overwrite ? OverwritePolicy::Replace : OverwritePolicy::Refuse;
    r.params.startMode = e.want.wheneverLive ? StartMode::WheneverLive
        : e.want.waitForStream               ? StartMode::WaitForStream
                                             : StartMode::Immediate;
    if (e.want.reconnectWindowMs >= 0)
        r.params.reconnectWindowMs = e.want.reconnectWindowMs;
    r.params.previewEnabled = m_previews;
    r.params.tracks = e.want.tracks;
    auto id = m_service.start(r);
    if (!id) {
        e.run.error = redactText(id.message());
        e.run.state = RecordState::Failed;
        const ErrorCode c = id.error().code;
        const int status = c == ErrorCode::AlreadyExists || c == ErrorCode::InUse ? 409
            : c == ErrorCode::DiskFull                                            ? 507
            : c == ErrorCode::InvalidArgument || c == ErrorCode::Unsupported      ? 422
                                                                                  : 500;
        return ApiError{status, e.run.error};
    }
    e.run.engineId = *id;
    e.run.state = RecordState::Waiting;
    e.run.error.clear();
    e.run.files.clear();
    return std::nullopt;
}

std::variant<QString, ApiError> Recorder::start(const StartSpec &spec)
{
    if (m_shuttingDown)
        return ApiError{503, QStringLiteral("the service is shutting down")};
    if (spec.source.trimmed().isEmpty() == spec.sourceName.isEmpty())
        return ApiError{400,
                        spec.sourceName.isEmpty()
                            ? QStringLiteral("\"source\" (a URL, \"demo\" or a device) or \"sourceName\" "
                                             "(a named source) is required")
                            : QStringLiteral("give either \"source\" or \"sourceName\", not both")};
    WantedRecording w;
    w.id = newRecordingId();
    w.source = spec.source.trimmed();
    w.created = QDateTime::currentDateTimeUtc();
    registerSecretsOf(w.source);
    const NamedSource *named = nullptr;
    if (!spec.sourceName.isEmpty()) {
        named = m_sources.find(spec.sourceName);
        if (!named)
            return ApiError{404,
                            QStringLiteral("no source named \"%1\" (GET /api/v1/sources lists them)")
                                .arg(spec.sourceName.left(64))};
        w.source = named->url;
        w.sourceName = named->name;
    }
    if (spec.type.isEmpty() && named && named->type) {
        w.type = *named->type;
    } else if (!spec.type.isEmpty()) {
        auto t = parseContainerType(spec.type);
        if (!t)
            return ApiError{400, QStringLiteral("\"type\" must be mp4, ts or flv")};
        w.type = *t;
    } else {
        w.type = m_service.defaults().type;
    }
    w.chunkMs = !spec.chunkGiven && named && named->chunkMs >= 0 ? named->chunkMs : spec.chunkMs;
    w.durationMs = spec.durationMs;
    w.overwrite = spec.overwrite;
    w.waitForStream = spec.waitForStream || spec.wheneverLive;
    w.wheneverLive = spec.wheneverLive;
    w.tracks = spec.tracks;
    w.reconnectWindowMs = spec.reconnectWindowMs;
    if (spec.reconnectWindowMs >= 0 && !spec.wheneverLive)
        return ApiError{400, QStringLiteral("\"reconnectWindow\" goes with \"wheneverLive\": true")};
    if (!spec.out.isEmpty() && !spec.name.isEmpty())
        return ApiError{400, QStringLiteral("give either \"out\" or \"name\", not both")};
    if (!spec.out.isEmpty()) {
        QString out = spec.out;
        const QString ext = u'.' + containerName(w.type);
        if (out.endsWith(ext, Qt::CaseInsensitive))
            out.chop(ext.size());
        QString why;
        auto path = pathInside(recordingsDir(), out, &why);
        if (!path)
            return ApiError{400, why};
        w.outBase = *path;
    } else {
        if (spec.name.contains(u'/') || spec.name.contains(u'\\') || spec.name.contains(QLatin1String("..")))
            return ApiError{400, QStringLiteral("\"name\" is a file-name pattern, not a path")};
        RecordRequest r = m_service.request(w.source);
        r.folder = recordingsDir();
        r.pattern = spec.name;
        r.nameForFiles = w.sourceName; // {source}: the name, not the stream key's path
        auto base = m_service.outputBase(r);
        if (!base)
            return ApiError{400, base.message()};
        w.outBase = *base;
    }
    for (const auto &e : m_entries)
        if (e->run.wanted && e->want.outBase == w.outBase)
            return ApiError{409, QStringLiteral("recording %1 already records to that name").arg(e->want.id)};
    auto entry = std::make_unique<Entry>();
    entry->want = w;
    if (auto err = launch(*entry, true))
        return *err;
    m_entries.push_back(std::move(entry));
    persist();
    emit event("state", toJson(*m_entries.back()));
    return w.id;
}

bool Recorder::stop(const QString &id)
{
    Entry *e = byId(id);
    if (!e)
        return false;
    const bool wasWanted = e->run.wanted;
    e->run.wanted = false;
    if (wasWanted)
        persist();
    if (e->run.engineId && m_engine.session(e->run.engineId) && isTerminalState(e->run.state) == false)
        m_service.stop(e->run.engineId);
    return true;
}

void Recorder::persist()
{
    std::vector<WantedRecording> list;
    for (const auto &e : m_entries)
        if (e->run.wanted)
            list.push_back(e->want);
    if (Status s = m_store.saveDesired(list); !s)
        logLine(QStringLiteral("could not save the desired state: %1").arg(s.message()));
}

Recorder::Entry *Recorder::byEngineId(int engineId)
{
    for (const auto &e : m_entries)
        if (e->run.engineId == engineId)
            return e.get();
    return nullptr;
}

Recorder::Entry *Recorder::byId(const QString &id)
{
    for (const auto &e : m_entries)
        if (e->want.id == id)
            return e.get();
    return nullptr;
}

const Recorder::Entry *Recorder::byId(const QString &id) const { return const_cast<Recorder *>(this)->byId(id); }

void Recorder::onStateChanged(int engineId, RecordState state, const QString &reason)
{
    Entry *e = byEngineId(engineId);
    if (!e)
        return;
    e->run.state = state;
    if (!reason.isEmpty())
        e->run.reason = redactText(reason);
    refresh(*e);
    emit event("state", toJson(*e));
}

void Recorder::onEnded(int engineId)
{
    Entry *e = byEngineId(engineId);
    if (!e)
        return;
    refresh(*e);
    // Ended by itself (duration reached, the source ended, a failure): done,
    // not wanted any more. Ended by a shutdown: still wanted, resumes later.
    if (!m_shuttingDown && e->run.wanted) {
        e->run.wanted = false;
        persist();
    }
    emit event("state", toJson(*e));
    pruneEnded();
}

void Recorder::pruneEnded()
{
    // A service runs for months: ended recordings stay listed (with their
    // files and figures) up to a bound, then the oldest are forgotten here
    // and in the engine. Their files stay on disk (GET /api/v1/files).
    int ended = 0;
    for (const auto &e : m_entries)
        ended += !e->run.wanted && isTerminalState(e->run.state) ? 1 : 0;
    for (auto it = m_entries.begin(); it != m_entries.end() && ended > kMaxEndedListed;) {
        Entry &e = **it;
        if (e.run.wanted || !isTerminalState(e.run.state)) {
            ++it;
            continue;
        }
        m_finishedBytes += e.run.stats.bytes;
        m_finishedFiles += e.run.files.size();
        const int engineId = e.run.engineId;
        it = m_entries.erase(it);
        --ended;
        if (engineId)
            QTimer::singleShot(0, &m_engine, [this, engineId] { m_engine.removeRecording(engineId); });
    }
}

void Recorder::refresh(Entry &e) const
{
    const RecordingSession *s = e.run.engineId ? m_engine.session(e.run.engineId) : nullptr;
    if (!s)
        return;
    e.run.state = s->state();
    e.run.stats = s->stats();
    e.run.files = s->files();
    e.run.tracks = s->recordedTracks();
    if (s->state() == RecordState::Failed)
        e.run.error = redactText(s->errorMessage());
    if (isTerminalState(s->state()))
        e.run.reason = redactText(s->endReason());
}

QJsonObject Recorder::toJson(const Entry &e) const
{
    const_cast<Recorder *>(this)->refresh(const_cast<Entry &>(e));
    const RecordStats &st = e.run.stats;
    QJsonObject o{
        {QStringLiteral("id"), e.want.id},
        {QStringLiteral("source"), redactUrl(e.want.source)},
        {QStringLiteral("type"), containerName(e.want.type)},
        {QStringLiteral("state"), recordStateName(e.run.state).toLower()},
        {QStringLiteral("wanted"), e.run.wanted},
        {QStringLiteral("pathToFile"), e.want.runBase()},
        {QStringLiteral("chunkLength"), double(e.want.chunkMs) / 1000.0},
        {QStringLiteral("duration"), double(e.want.durationMs) / 1000.0},
        {QStringLiteral("overwrite"), e.want.overwrite},
        {QStringLiteral("waitForStream"), e.want.waitForStream},
        {QStringLiteral("wheneverLive"), e.want.wheneverLive},
        {QStringLiteral("takes"), st.takes},
        {QStringLiteral("resumes"), e.want.resumes},
        {QStringLiteral("bytes"), double(st.bytes)},
        {QStringLiteral("mediaSeconds"), double(st.mediaMs) / 1000.0},
        {QStringLiteral("bitrate"), double(st.bitrateBps)},
        {QStringLiteral("chunk"), st.chunkIndex},
        {QStringLiteral("packets"), double(st.packets)},
        {QStringLiteral("drops"), double(st.droppedPackets)},
        {QStringLiteral("picturelessUnits"), double(st.picturelessUnits)},
        {QStringLiteral("reconnects"), st.reconnects},
        {QStringLiteral("currentFile"), st.currentFile},
        {QStringLiteral("files"), QJsonArray::fromStringList(e.run.files)},
        {QStringLiteral("created"), e.want.created.toUTC().toString(Qt::ISODate)},
    };
    QJsonArray recorded;
    for (const RecordedTrack &t : e.run.tracks) {
        QJsonObject j{{QStringLiteral("kind"), QString::fromUtf8(av_get_media_type_string(t.type))},
                      {QStringLiteral("codec"), t.codec}};
        if (!t.language.isEmpty())
            j.insert(QStringLiteral("language"), t.language);
        if (!t.title.isEmpty())
            j.insert(QStringLiteral("title"), t.title);
        if (t.type == AVMEDIA_TYPE_VIDEO) {
            j.insert(QStringLiteral("width"), t.width);
            j.insert(QStringLiteral("height"), t.height);
        } else if (t.type == AVMEDIA_TYPE_AUDIO) {
            j.insert(QStringLiteral("channels"), t.channels);
        }
        recorded.append(j);
    }
    o.insert(QStringLiteral("recordedTracks"), recorded);
    if (e.want.tracks.program >= 0)
        o.insert(QStringLiteral("program"), e.want.tracks.program);
    if (!e.want.tracks.tracks.isEmpty())
        o.insert(QStringLiteral("tracks"), trackListText(e.want.tracks.tracks));
    if (!e.want.sourceName.isEmpty())
        o.insert(QStringLiteral("sourceName"), e.want.sourceName);
    if (m_previews)
        o.insert(QStringLiteral("preview"), e.run.previewSeq);
    if (const auto d = diskOf(e))
        o.insert(QStringLiteral("disk"),
                 QJsonObject{{QStringLiteral("freeBytes"), double(d->freeBytes)},
                             {QStringLiteral("reserveBytes"), double(d->reserveBytes)},
                             {QStringLiteral("bitrate"), double(d->bitrateBps)},
                             {QStringLiteral("secondsLeft"), double(d->secondsLeft())},
                             {QStringLiteral("warnSeconds"), double(d->warnSeconds)},
                             {QStringLiteral("low"), d->low()}});
    if (!e.run.error.isEmpty())
        o.insert(QStringLiteral("error"), e.run.error);
    if (!e.run.reason.isEmpty())
        o.insert(QStringLiteral("reason"), e.run.reason);
    return o;
}

std::optional<DiskForecast> Recorder::diskOf(const Entry &e) const
{
    const RecordingSession *s = e.run.engineId ? m_engine.session(e.run.engineId) : nullptr;
    if (!s || isTerminalState(e.run.state))
        return std::nullopt;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_disksAtMs < 0 || now - m_disksAtMs >= 1000 || now < m_disksAtMs) {
        m_disks = m_service.diskForecasts();
        m_disksAtMs = now;
    }
    const QString folder = QFileInfo(s->params().outBase).absolutePath();
    for (const DiskForecast &d : m_disks)
        if (d.folder == folder)
            return d;
    return std::nullopt; // started within the last second: in the next figures
}

ApiError Recorder::notRecording(const QString &id, const char *what) const
{
    const Entry *e = byId(id);
    if (!e)
        return ApiError{404, QStringLiteral("no recording with id \"%1\"").arg(id.left(64))};
    return ApiError{409,
                    QStringLiteral("recording %1 is %2, not recording: %3")
                        .arg(id, recordStateName(e->run.state).toLower(), QLatin1String(what))};
}

std::optional<ApiError> Recorder::split(const QString &id)
{
    Entry *e = byId(id);
    if (e)
        refresh(*e);
    if (!e || e->run.state != RecordState::Recording || !m_service.splitNow(e->run.engineId))
        return notRecording(id, "there is no file to split");
    logLine(QStringLiteral("%1: split requested").arg(id));
    return std::nullopt;
}

std::variant<QJsonObject, ApiError> Recorder::addMarker(const QString &id, const QString &nameIn)
{
    Entry *e = byId(id);
    if (e)
        refresh(*e);
    if (!e || e->run.state != RecordState::Recording)
        return notRecording(id, "there is no file to mark");
    const QString name =
        nameIn.trimmed().isEmpty() ? QStringLiteral("Marker %1").arg(e->run.markers + 1) : nameIn.trimmed();
    const double at = double(e->run.stats.mediaMs) / 1000.0;
    if (!m_service.addMarker(e->run.engineId, name))
        return notRecording(id, "there is no file to mark");
    ++e->run.markers;
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("name"), name}, {QStringLiteral("at"), at}};
}

QJsonArray Recorder::list() const
{
    QJsonArray out;
    for (const auto &e : m_entries)
        out.append(toJson(*e));
    return out;
}

std::optional<QJsonObject> Recorder::get(const QString &id) const
{
    if (const Entry *e = byId(id))
        return toJson(*e);
    return std::nullopt;
}

std::variant<QByteArray, ApiError> Recorder::previewPng(const QString &id)
{
    Entry *e = byId(id);
    if (!e)
        return ApiError{404, QStringLiteral("no recording with id \"%1\"").arg(id.left(64))};
    if (!m_previews)
        return ApiError{
            404, QStringLiteral("previews are off on this recorder (start it with tapedeck-cli serve --previews)")};
    if (e->run.previewSeq == 0)
        return ApiError{404, QStringLiteral("no keyframe yet (an audio-only recording never has one)")};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (e->run.previewPngSeq != e->run.previewSeq
        && (e->run.previewPng.isEmpty() || now - e->run.previewPngAtMs >= 1000)) {
        e->run.previewPng = encodePng(e->run.preview);
        e->run.previewPngSeq = e->run.previewSeq;
        e->run.previewPngAtMs = now;
    }
    if (e->run.previewPng.isEmpty())
        return ApiError{500, QStringLiteral("the keyframe could not be encoded")};
    return e->run.previewPng;
}

QStringList Recorder::idsOfSource(const QString &source) const
{
    QStringList out;
    for (const auto &e : m_entries)
        if (e->run.wanted && (e->want.source == source || redactUrl(e->want.source) == source))
            out << e->want.id;
    return out;
}

Recorder::Totals Recorder::totals() const
{
    Totals t;
    for (const char *s : {"waiting", "recording", "stopping", "finished", "failed"})
        t.byState[QString::fromLatin1(s)] = 0;
    for (const auto &e : m_entries) {
        const_cast<Recorder *>(this)->refresh(*e);
        ++t.byState[recordStateName(e->run.state).toLower()];
        t.bytes += e->run.stats.bytes;
        t.dropped += e->run.stats.droppedPackets;
        t.pictureless += e->run.stats.picturelessUnits;
        t.reconnects += e->run.stats.reconnects;
        t.filesFinished += e->run.files.size();
        t.wanted += e->run.wanted ? 1 : 0;
    }
    t.bytes += m_finishedBytes;
    t.filesFinished += m_finishedFiles;
    return t;
}

QStringList Recorder::shutdown(int deadlineMs)
{
    m_shuttingDown = true;
    QDeadlineTimer deadline(deadlineMs);
    m_engine.stopAll();
    while (m_engine.activeCount() > 0 && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(20);
    }
    // What is still open after the deadline is abandoned as it is (its
    // sidecars make it recoverable at the next start).
    m_engine.setShutdownDeadlineMs(0);
    const QStringList abandoned = m_engine.shutdown();
    QCoreApplication::processEvents();
    for (const auto &e : m_entries)
        refresh(*e);
    return abandoned;
}

} // namespace tapedeck::service

#include "core/app/Library.h"

#include "core/app/OutputNaming.h"
#include "core/base/TsMarks.h"
#include "core/io/File.h"
#include "core/io/Paths.h"
#include "core/mp4/Sidecar.h"
#include "core/record/PreviewDecoder.h"
#include "core/writer/MarksFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

namespace tapedeck {

namespace {

// A Tapedeck TS file that begins with its begin mark and lacks the end mark
// was not closed (killed, power cut): recovery drops its torn last frame.
bool tsLeftUnclosed(const QString &path)
{
    auto f = InputFile::open(path);
    if (!f)
        return false;
    const qint64 whole = f->size() / kTsMarkPacket * kTsMarkPacket;
    if (whole < 2 * kTsMarkPacket)
        return false;
    const QByteArray first = f->readAt(0, kTsMarkPacket);
    const QByteArray last = f->readAt(whole - kTsMarkPacket, kTsMarkPacket);
    if (first.size() != kTsMarkPacket || last.size() != kTsMarkPacket)
        return false;
    return isTsMarkPacket(reinterpret_cast<const uint8_t *>(first.constData()), TsMark::Begin)
        && (f->size() != whole || !isTsMarkPacket(reinterpret_cast<const uint8_t *>(last.constData()), TsMark::End));
}

// A repair of another writer's MP4 and a rebuild of raw streams say so in
// the source they store (core/recovery/Mp4Repair.cpp, RawRebuild.cpp).
bool sourceSaysRecovered(const QString &source)
{
    return source.startsWith(QStringLiteral("repaired ")) || source == QStringLiteral("recovered raw streams");
}

std::optional<ContainerType> formatOf(const QString &ext)
{
    auto t = parseContainerType(ext);
    if (!t)
        return std::nullopt;
    return *t;
}

qint64 fileSize(const QString &path) { return std::max<qint64>(0, regularFileSize(path)); }

QDateTime birthOrModified(const QString &path)
{
    const QFileInfo fi(path);
    const QDateTime born = fi.birthTime();
    return born.isValid() ? born : fi.lastModified();
}

QString sourceFromInfo(const QString &infoPath)
{
    QFile f(infoPath);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    auto info = mp4::decodeInfo(f.read(1 << 20));
    return info ? info->source : QString();
}

} // namespace

QString libraryStateName(LibraryState s)
{
    switch (s) {
    case LibraryState::Recording:
        return QStringLiteral("recording");
    case LibraryState::Finished:
        return QStringLiteral("finished");
    case LibraryState::Recovered:
        return QStringLiteral("recovered");
    case LibraryState::Unfinished:
        return QStringLiteral("unfinished");
    case LibraryState::Damaged:
        return QStringLiteral("damaged");
    }
    return {};
}

NameParts parseRecordingName(const QString &fileName)
{
    static const QRegularExpression sidecarRe(QStringLiteral("^(.+\\.mp4)\\.(info|mdat|track[0-9]+)$"));
    static const QRegularExpression marksRe(QStringLiteral("^(.+\\.(ts|flv))\\.marks$"));
    static const QRegularExpression mediaRe(QStringLiteral("^(.+)\\.(mp4|ts|flv)$"));
    static const QRegularExpression recoveredRe(QStringLiteral("\\.recovered(-[0-9]+)?$"));
    static const QRegularExpression partRe(QStringLiteral("^(.+)_part([0-9]{4,9})$"));
    static const QRegularExpression contRe(QStringLiteral("^(.+)_([0-9]{1,6})$"));

    NameParts n;
    // A rebuild at work writes X.recovering.<pid>-<random>.mp4: not a
    // recording until the wizard renames it into place.
    if (fileName.contains(QStringLiteral(".recovering.")))
        return n;
    QString chunk = fileName;
    if (const auto m = sidecarRe.match(fileName); m.hasMatch()) {
        chunk = m.captured(1);
        n.sidecar = true;
    } else if (const auto k = marksRe.match(fileName); k.hasMatch()) {
        chunk = k.captured(1);
        n.marks = true;
    }
    const auto media = mediaRe.match(chunk);
    if (!media.hasMatch())
        return n;
    n.recording = true;
    n.chunk = chunk;
    n.extension = media.captured(2);
    const QString stem = media.captured(1);
    n.base = stem;
    n.recoveredName = recoveredRe.match(stem).hasMatch();
    if (n.recoveredName)
        return n; // its own recording: BASE.recovered is its name
    if (const auto m = partRe.match(stem); m.hasMatch()) {
        n.base = m.captured(1);
        n.part = m.captured(2).toInt();
        n.chunked = true;
    } else if (const auto c = contRe.match(stem); c.hasMatch() && c.captured(2).toInt() >= 2) {
        n.base = c.captured(1);
        n.part = c.captured(2).toInt() - 1;
        n.continuation = true;
    }
    return n;
}

QStringList LibraryChunk::allFiles() const
{
    QStringList out;
    if (exists)
        out << path;
    out << sidecars;
    if (!marksFile.isEmpty())
        out << marksFile;
    return out;
}

QStringList LibraryEntry::allFiles() const
{
    QStringList out;
    for (const LibraryChunk &c : chunks)
        out << c.allFiles();
    return out;
}

QString LibraryEntry::firstPlayable() const
{
    for (const LibraryChunk &c : chunks)
        if (c.exists && c.problem.isEmpty() && c.owner.owner != FileOwner::Recording
            && (format != ContainerType::Mp4 || c.sidecars.isEmpty() || c.durationMs >= 0))
            return c.path;
    return {};
}

FileProbe probeRecordingFile(const QString &path)
{
    FileProbe p;
    AVFormatContext *raw = nullptr;
    int rc = avformat_open_input(&raw, encodePath(path).constData(), nullptr, nullptr);
    if (rc < 0) {
        p.problem = ffmpegErrorString(rc);
        return p;
    }
    InputFormatContextPtr ctx(raw);
    rc = avformat_find_stream_info(ctx.get(), nullptr);
    if (rc < 0) {
        p.problem = ffmpegErrorString(rc);
        return p;
    }
    if (ctx->nb_streams == 0) {
        p.problem = QStringLiteral("no streams");
        return p;
    }
    p.ok = true;
    // As recovery::probePlayable measures it, so the wizard and the library
    // show the same figure.
    p.durationMs = ctx->duration > 0 ? ctx->duration / (AV_TIME_BASE / 1000) : -1;
    if (const AVDictionaryEntry *e = av_dict_get(ctx->metadata, "comment", nullptr, 0))
        p.source = QString::fromUtf8(e->value);
    if (const AVDictionaryEntry *e = av_dict_get(ctx->metadata, "creation_time", nullptr, 0)) {
        const QDateTime t = QDateTime::fromString(QString::fromUtf8(e->value), Qt::ISODateWithMs);
        if (t.isValid() && t.toSecsSinceEpoch() > 0)
            p.created = t.toLocalTime();
    }
    for (unsigned i = 0; i < ctx->nb_streams; ++i)
        p.hasVideo = p.hasVideo || ctx->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO;
    for (unsigned i = 0; i < ctx->nb_chapters; ++i) {
        const AVChapter *c = ctx->chapters[i];
        LibraryMarker m;
        m.atMs = av_rescale_q(c->start, c->time_base, AVRational{1, 1000});
        if (const AVDictionaryEntry *e = av_dict_get(c->metadata, "title", nullptr, 0))
            m.title = QString::fromUtf8(e->value);
        p.chapters.push_back(m);
    }
    return p;
}

FileProbe ProbeCache::probe(const QString &path)
{
    const QFileInfo fi(path);
    const qint64 size = fi.size();
    const qint64 mtime = fi.lastModified().toMSecsSinceEpoch();
    {
        QMutexLocker lock(&m_lock);
        auto it = m_cache.constFind(path);
        if (it != m_cache.cend() && it->size == size && it->mtimeMs == mtime)
            return it->probe;
    }
    const FileProbe p = probeRecordingFile(path);
    QMutexLocker lock(&m_lock);
    m_cache.insert(path, Cached{size, mtime, p});
    return p;
}

void ProbeCache::clear()
{
    QMutexLocker lock(&m_lock);
    m_cache.clear();
}

QSet<QString> RecoveredIndex::load() const
{
    QFile f(m_path);
    QSet<QString> out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    const QJsonArray list = QJsonDocument::fromJson(f.readAll()).array();
    for (const QJsonValue &v : list)
        if (QFileInfo::exists(v.toString()))
            out.insert(v.toString());
    return out;
}

void RecoveredIndex::store(const QStringList &paths) const
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly))
        return;
    f.write(QJsonDocument(QJsonArray::fromStringList(paths)).toJson());
    f.commit();
}

void RecoveredIndex::add(const QStringList &paths)
{
    QStringList all = load().values(); // files gone since need no memory
    for (const QString &p : paths)
        all << QFileInfo(p).absoluteFilePath();
    all.removeDuplicates();
    all.sort();
    store(all);
}

void RecoveredIndex::rename(const QString &from, const QString &to)
{
    QStringList all = load().values();
    if (all.removeAll(from) == 0)
        return;
    all << to;
    all.sort();
    store(all);
}

void RecoveredIndex::remove(const QStringList &paths)
{
    QStringList all = load().values();
    for (const QString &p : paths)
        all.removeAll(p);
    all.sort();
    store(all);
}

std::vector<LibraryEntry> scanLibraryFolder(const QString &folderIn, ProbeCache *cache, const QSet<QString> &recovered,
                                            const std::atomic_bool *cancel)
{
    const QString folder = QFileInfo(folderIn).absoluteFilePath();
    std::vector<NameParts> names;
    QSet<QString> plainBases;               // BASE.ext present: BASE_2.ext continues it
    QHash<QString, QStringList> sidecarsOf; // chunk file name -> its sidecar files
    QHash<QString, QString> marksOf;        // chunk file name -> its marks file
    for (const DirEntry &d : listDirectory(folder)) {
        if (!d.regular)
            continue;
        NameParts n = parseRecordingName(d.name);
        if (!n.recording)
            continue;
        if (n.marks) {
            // Belongs to its chunk; marks whose file is gone make no
            // recording of their own.
            marksOf.insert(n.chunk, folder + u'/' + d.name);
            continue;
        }
        if (n.sidecar)
            sidecarsOf[n.chunk] << folder + u'/' + d.name;
        if (!n.chunked && !n.continuation)
            plainBases.insert(n.base + u'.' + n.extension);
        names.push_back(std::move(n));
    }
    // group key -> chunk file name -> chunk
    QMap<QString, QMap<QString, LibraryChunk>> groups;
    QHash<QString, NameParts> groupNames;
    for (NameParts &n : names) {
        if (n.continuation && !plainBases.contains(n.base + u'.' + n.extension)) {
            // cam_2.mp4 with no cam.mp4 is a recording of its own name.
            n.base = n.chunk.left(n.chunk.size() - n.extension.size() - 1);
            n.part = 0;
            n.continuation = false;
        }
        const QString key = folder + u'/' + n.base + u'.' + n.extension;
        LibraryChunk &c = groups[key][n.chunk];
        c.path = folder + u'/' + n.chunk;
        c.part = n.part;
        c.recovered = c.recovered || n.recoveredName;
        groupNames.insert(key, n);
    }

    std::vector<LibraryEntry> out;
    for (auto g = groups.begin(); g != groups.end(); ++g) {
        if (cancel && cancel->load())
            return out;
        const NameParts &n = groupNames.value(g.key());
        LibraryEntry e;
        e.key = g.key();
        e.folder = folder;
        e.name = n.base;
        e.format = formatOf(n.extension).value_or(ContainerType::Mp4);
        for (LibraryChunk c : g.value()) {
            c.exists = isRegularFile(c.path);
            c.sidecars = sidecarsOf.value(QFileInfo(c.path).fileName());
            c.sidecars.sort();
            if (e.format != ContainerType::Mp4)
                c.marksFile = marksOf.value(QFileInfo(c.path).fileName());
            c.owner = firstOwner(c.allFiles());
            for (const QString &f : c.allFiles())
                c.sizeBytes += fileSize(f);
            if (recovered.contains(c.path))
                c.recovered = true;
            e.chunks.push_back(std::move(c));
        }
        std::sort(e.chunks.begin(), e.chunks.end(), [](const LibraryChunk &a, const LibraryChunk &b) {
            return a.part != b.part ? a.part < b.part : a.path < b.path;
        });

        bool anyRecording = false, anyRecovery = false, anyOpen = false, anyDamaged = false, anyRecovered = false;
        qint64 duration = 0;
        bool durationKnown = false;
        for (LibraryChunk &c : e.chunks) {
            e.sizeBytes += c.sizeBytes;
            if (c.owner.owner == FileOwner::Recording) {
                anyRecording = true;
                if (!e.owner.owned())
                    e.owner = c.owner;
            } else if (c.owner.owner == FileOwner::Recovery) {
                anyRecovery = true;
                if (!e.owner.owned())
                    e.owner = c.owner;
            }
            // Gaps and markers of a TS/FLV file, also while it is written:
            // each line is synced before the recording goes on.
            if (!c.marksFile.isEmpty())
                for (const Mark &m : readMarks(c.marksFile))
                    c.markers.push_back(LibraryMarker{m.atMs, m.title, m.kind == MarkKind::Gap});
            if (!c.exists) {
                anyOpen = true;
                if (e.source.isEmpty())
                    for (const QString &s : std::as_const(c.sidecars))
                        if (s.endsWith(QStringLiteral(".info")))
                            e.source = sourceFromInfo(s);
                continue;
            }
            if (c.owner.owned()) // TS/FLV being written, or a rebuild at work
                continue;
            if (e.format == ContainerType::MpegTs && tsLeftUnclosed(c.path))
                anyOpen = true;
            const FileProbe p = cache ? cache->probe(c.path) : probeRecordingFile(c.path);
            if (!p.ok) {
                c.problem = p.problem;
                anyDamaged = true;
                continue;
            }
            c.durationMs = p.durationMs;
            // The writer opens the chapter list with "recording" at 0 when
            // the first marker comes later: not a marker of the user's.
            // A gap's chapter is titled "gap of N s (why)" by the session.
            for (LibraryMarker m : p.chapters)
                if (!(m.atMs == 0 && m.title == QLatin1String("recording"))) {
                    m.gap = m.title.startsWith(QLatin1String("gap of "));
                    c.markers.push_back(m);
                }
            if (p.durationMs >= 0) {
                duration += p.durationMs;
                durationKnown = true;
            }
            if (e.source.isEmpty())
                e.source = p.source;
            if (sourceSaysRecovered(p.source))
                c.recovered = true;
            if (c.part == e.chunks.front().part && p.created.isValid() && !e.started.isValid())
                e.started = p.created;
            anyRecovered = anyRecovered || c.recovered;
        }
        e.durationMs = durationKnown ? duration : -1;
        if (anyRecording) {
            e.state = LibraryState::Recording;
        } else if (anyRecovery) {
            e.state = LibraryState::Unfinished;
            e.problem = e.owner.describe();
        } else if (anyOpen) {
            e.state = LibraryState::Unfinished;
            e.problem = QStringLiteral("not closed properly: the recovery wizard rebuilds it");
        } else if (anyDamaged) {
            e.state = LibraryState::Damaged;
            for (const LibraryChunk &c : e.chunks)
                if (!c.problem.isEmpty()) {
                    e.problem = QStringLiteral("%1 does not open: %2").arg(QFileInfo(c.path).fileName(), c.problem);
                    break;
                }
        } else if (anyRecovered) {
            e.state = LibraryState::Recovered;
        }
        if (!e.started.isValid() && !e.chunks.empty()) {
            const LibraryChunk &first = e.chunks.front();
            if (first.owner.owner == FileOwner::Recording && first.owner.sinceMs > 0)
                e.started = QDateTime::fromMSecsSinceEpoch(first.owner.sinceMs);
            else if (!first.allFiles().isEmpty())
                e.started = birthOrModified(first.allFiles().constFirst());
        }
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(), [](const LibraryEntry &a, const LibraryEntry &b) {
        return a.started != b.started ? a.started > b.started : a.key < b.key;
    });
    return out;
}

std::optional<PreviewFrame> decodeThumbnail(const QString &path, int maxWidth)
{
    AVFormatContext *raw = nullptr;
    if (avformat_open_input(&raw, encodePath(path).constData(), nullptr, nullptr) < 0)
        return std::nullopt;
    InputFormatContextPtr ctx(raw);
    if (avformat_find_stream_info(ctx.get(), nullptr) < 0)
        return std::nullopt;
    const int index = av_find_best_stream(ctx.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (index < 0)
        return std::nullopt;
    StreamInfo video;
    video.index = index;
    video.type = AVMEDIA_TYPE_VIDEO;
    video.params = CodecParams(ctx->streams[index]->codecpar);
    video.timeBase = ctx->streams[index]->time_base;
    PreviewDecoder decoder(maxWidth);
    decoder.reset(video);
    PacketPtr pkt = makePacket();
    // The first keyframe is normally the first packet; a damaged start may
    // need a few more. Bounded: a file without a decodable keyframe gives up.
    for (int read = 0; read < 2000 && av_read_frame(ctx.get(), pkt.get()) >= 0; ++read) {
        if (pkt->stream_index == index)
            if (auto frame = decoder.decodeKeyframe(pkt.get()))
                return frame;
        av_packet_unref(pkt.get());
    }
    return std::nullopt;
}

OwnerInfo currentOwner(const LibraryEntry &entry) { return firstOwner(entry.allFiles()); }

namespace {

// Locks every file of the entry as a recovery would (a recording holds
// byte 0 and 1, so neither side can start while the other holds them).
Result<std::vector<FileLock>> lockAll(const LibraryEntry &entry)
{
    std::vector<FileLock> locks;
    for (const QString &f : entry.allFiles()) {
        OwnerInfo who;
        auto l = FileLock::acquire(f, FileLock::Role::Recovery, 0, &who);
        if (!l) {
            if (l.error().code == ErrorCode::InUse)
                return makeError(ErrorCode::InUse,
                                 QStringLiteral("%1 is %2")
                                     .arg(QFileInfo(f).fileName(),
                                          who.owned() ? who.describe() : QStringLiteral("in use by another process")));
            return l.error();
        }
        locks.push_back(std::move(*l));
    }
    return locks;
}

} // namespace

Result<QStringList> renameRecording(const LibraryEntry &entry, const QString &newNameIn)
{
    const QString newName = newNameIn.trimmed();
    if (newName.isEmpty() || sanitizeFileName(newName) != newName)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("\"%1\" cannot be a file name (no slashes, no leading dots, no control "
                                        "characters)")
                             .arg(newNameIn));
    if (newName == entry.name)
        return QStringList{};
    if (entry.state == LibraryState::Unfinished)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 was not closed properly: recover it before renaming it").arg(entry.name));
    auto locks = lockAll(entry);
    if (!locks)
        return locks.error();
    QList<QPair<QString, QString>> moves;
    for (const QString &f : entry.allFiles()) {
        const QString fileName = QFileInfo(f).fileName();
        if (!fileName.startsWith(entry.name))
            return makeError(ErrorCode::Internal, QStringLiteral("%1 is not named after %2").arg(fileName, entry.name));
        const QString target = entry.folder + u'/' + newName + fileName.mid(entry.name.size());
        if (pathExists(target))
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("%1 already exists").arg(QFileInfo(target).fileName()));
        moves.append({f, target});
    }
    QStringList done;
    for (const auto &[from, to] : std::as_const(moves)) {
        if (auto s = renameFile(from, to, false); !s) {
            // Put back what moved, so a recording is never left half renamed.
            for (qsizetype i = done.size() - 1; i >= 0; --i)
                (void)renameFile(done[i], moves[i].first, false);
            return s.error();
        }
        done << to;
    }
    (void)syncDirectory(entry.folder);
    return done;
}

Result<QStringList> trashRecording(const LibraryEntry &entry)
{
    auto locks = lockAll(entry);
    if (!locks)
        return locks.error();
    QStringList trashed;
    for (const QString &f : entry.allFiles()) {
        QFile file(f);
        if (!file.moveToTrash())
            return makeError(ErrorCode::Io,
                             QStringLiteral("%1 could not be moved to the trash (%2)%3")
                                 .arg(QFileInfo(f).fileName(), file.errorString(),
                                      trashed.isEmpty()
                                          ? QString()
                                          : QStringLiteral("; %1 file(s) already were").arg(trashed.size())));
        trashed << f;
    }
    return trashed;
}

Result<QStringList> deleteRecordingFiles(const LibraryEntry &entry)
{
    for (const LibraryChunk &c : entry.chunks)
        if (!c.sidecars.isEmpty())
            return makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("%1 was not closed properly: recover it before deleting it").arg(entry.name));
    auto locks = lockAll(entry);
    if (!locks)
        return locks.error();
    QStringList deleted;
    for (const QString &f : entry.allFiles()) {
        QFile file(f);
        if (!file.remove())
            return makeError(
                ErrorCode::Io,
                QStringLiteral("%1 could not be deleted (%2)").arg(QFileInfo(f).fileName(), file.errorString()));
        deleted << f;
    }
    return deleted;
}

} // namespace tapedeck

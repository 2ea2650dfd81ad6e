#include "core/recovery/Recover.h"
#include "core/writer/MarksFile.h"

#include "core/base/TsMarks.h"

#include "core/base/FFmpeg.h"
#include "core/base/Log.h"
#include "core/io/File.h"
#include "core/io/Paths.h"
#include "core/mp4/Rebuild.h"
#include "core/io/FileLock.h"
#include "core/mp4/Sidecar.h"
#include "core/recovery/Classifier.h"
#include "core/parsers/Flv.h"
#include "core/io/MappedFile.h"
#include "core/recovery/RawRebuild.h"
#include "core/recovery/RepairOrphan.h"
#include "core/parsers/Ts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace tapedeck::recovery {

namespace {

struct Names {
    QString dir;  // where the output goes
    QString stem; // "X" of X.mp4
    QString ext;  // ".mp4"
    QString candidate(int i) const
    {
        if (i == 0)
            return dir + QLatin1Char('/') + stem + ext;
        if (i == 1)
            return dir + QLatin1Char('/') + stem + QStringLiteral(".recovered") + ext;
        return dir + QLatin1Char('/') + stem + QStringLiteral(".recovered-%1").arg(i) + ext;
    }
    // Unique per run: X.recovering.<pid>-<random>.mp4 (the scanner ignores
    // ".recovering."), so two runs never share, truncate or remove a temp.
    QString token;
    QString tempPrefix() const { return stem + QStringLiteral(".recovering"); }
    QString temp() const { return dir + QLatin1Char('/') + tempPrefix() + QLatin1Char('.') + token + ext; }
};

Names namesFor(const Orphan &o, const RecoverOptions &opt)
{
    const QFileInfo t(o.target);
    Names n;
    n.dir = opt.outDir.isEmpty() ? t.absolutePath() : QDir(opt.outDir).absolutePath();
    n.stem = t.completeBaseName();
    n.ext = QLatin1Char('.') + t.suffix();
    n.token =
        QStringLiteral("%1-%2").arg(::getpid()).arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    return n;
}

bool processAlive(qint64 pid) { return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM); }

// Temporary files of earlier runs of this orphan's name that died: a name's
// pid is gone and nobody holds the file. A live run's temp (its pid is alive,
// or it is locked) is never touched; the unnumbered names of older versions
// are removed when unlocked, as those versions did.
void removeStaleTemps(const Names &n)
{
    const QString prefix = n.tempPrefix();
    const QDir dir(n.dir);
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden | QDir::System)) {
        if (!name.startsWith(prefix))
            continue;
        const QString rest = name.mid(prefix.size());
        const QString path = dir.filePath(name);
        bool stale = false;
        if (rest.startsWith(n.ext)) {
            stale = true; // X.recovering.mp4[.info|.mdat|.trackN] of an older version
        } else if (rest.startsWith(QLatin1Char('.'))) {
            bool ok = false;
            const qint64 pid = rest.mid(1).section(QLatin1Char('-'), 0, 0).toLongLong(&ok);
            stale = ok && pid != ::getpid() && !processAlive(pid);
        }
        if (stale && !fileOwner(path).owned())
            removePath(path);
    }
}

bool sameInode(const QString &a, const QString &b)
{
    struct stat sa {
    }, sb{};
    return ::lstat(encodePath(a).constData(), &sa) == 0 && ::lstat(encodePath(b).constData(), &sb) == 0
        && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

bool inPlaceKind(const Orphan &o) { return o.kind == OrphanKind::MpegTs || o.kind == OrphanKind::Flv; }

bool sameContent(const QString &a, const QString &b)
{
    if (regularFileSize(a) != regularFileSize(b))
        return false;
    auto ma = MappedFile::open(a);
    auto mb = MappedFile::open(b);
    return ma && mb && ma->size() == mb->size()
        && (ma->size() == 0 || std::memcmp(ma->data(), mb->data(), ma->size()) == 0);
}

bool sameFilesystem(const QString &a, const QString &b)
{
    struct stat sa {
    }, sb{};
    if (::stat(encodePath(a).constData(), &sa) != 0 || ::stat(encodePath(b).constData(), &sb) != 0)
        return false;
    return sa.st_dev == sb.st_dev;
}

// Moves the finished temporary file to the first free name; an identical
// file already there (from an interrupted earlier run) is reused.
Result<QString> placeFile(const QString &temp, const Names &names, bool *reused)
{
    *reused = false;
    for (int i = 0; i < 100; ++i) {
        const QString c = names.candidate(i);
        if (!pathExists(c)) {
            auto s = renameFile(temp, c, false);
            if (!s) {
                if (s.error().code == ErrorCode::AlreadyExists || pathExists(c))
                    continue; // somebody took the name meanwhile
                return s.error();
            }
            if (auto d = syncDirectory(names.dir); !d)
                return d.error();
            return c;
        }
        if (sameContent(c, temp)) {
            removePath(temp);
            *reused = true;
            return c;
        }
    }
    return makeError(ErrorCode::AlreadyExists,
                     QStringLiteral("no free name for the rebuilt file in %1").arg(names.dir));
}

// `output` is never removed, whatever name it has (the chosen result is
// never an original).
QStringList removeOriginals(const QStringList &files, const QString &output)
{
    QStringList removed;
    QStringList dirs;
    for (const QString &f : files) {
        if (f == output || sameInode(f, output))
            continue;
        if (pathExists(f) && removePath(f)) {
            removed << f;
            const QString d = QFileInfo(f).absolutePath();
            if (!dirs.contains(d))
                dirs << d;
        }
    }
    for (const QString &d : dirs)
        (void)syncDirectory(d);
    return removed;
}

// A temporary file of this run: created exclusively and locked, so no other
// run truncates, removes or takes it; the lock follows it to its final name.
Status writeTempSynced(const QString &path, FileLock *lock, const std::function<Status(OutputFile &)> &fill)
{
    auto f = OutputFile::open(path, CreateMode::NewOnly);
    if (!f)
        return f.error();
    auto l = FileLock::acquire(path, FileLock::Role::Recovery);
    if (!l)
        return l.error();
    *lock = std::move(*l);
    if (auto s = fill(*f); !s)
        return s;
    if (auto s = f->sync(); !s)
        return s;
    return f->close();
}

// After the original is gone, give an in-place repair the original's name.
QString promote(const QString &output, const Orphan &o, const RecoverOutcome &out)
{
    if (QFileInfo(output).absolutePath() != QFileInfo(o.target).absolutePath() || pathExists(o.target)
        || !out.removed.contains(o.target))
        return output;
    if (!renameFile(output, o.target, false))
        return output;
    (void)syncDirectory(QFileInfo(o.target).absolutePath());
    return o.target;
}

RecoverOutcome failed(RecoverOutcome out, const QString &why)
{
    out.ok = false;
    out.error = why;
    return out;
}

// A TS/FLV file's marks (NAME.ts.marks) go where the repaired file goes: an
// in-place repair keeps the name and leaves them be; a repair under another
// name takes them along (moved when the original went, copied when it stays).
void carryMarks(const Orphan &o, RecoverOutcome &out)
{
    const QString from = marksPathFor(o.target);
    if (out.output == o.target || !isRegularFile(from))
        return;
    const QString to = marksPathFor(out.output);
    if (pathExists(to))
        return; // never replaced: the output's own marks are not ours to overwrite
    const bool originalGone = !pathExists(o.target);
    if (originalGone ? bool(renameFile(from, to, false)) : QFile::copy(from, to)) {
        (void)syncDirectory(QFileInfo(to).absolutePath());
        out.notes << QStringLiteral("its gaps and markers (%1) %2 %3")
                         .arg(QFileInfo(from).fileName(),
                              originalGone ? QStringLiteral("moved to") : QStringLiteral("copied to"),
                              QFileInfo(to).fileName());
    }
}

RecoverOutcome finishPlaced(const Orphan &o, const RecoverOptions &opt, RecoverOutcome out, const QString &temp,
                            const Names &names)
{
    auto dur = verifyPlayable(temp);
    if (!dur) {
        removePath(temp);
        return failed(out, QStringLiteral("the rebuilt file does not open: %1").arg(dur.message()));
    }
    bool reused = false;
    auto placed = placeFile(temp, names, &reused);
    if (!placed) {
        removePath(temp);
        return failed(out, placed.message());
    }
    out.output = *placed;
    if (reused)
        out.notes << QStringLiteral("%1 from an earlier, interrupted run is identical and was kept")
                         .arg(QFileInfo(out.output).fileName());
    if (auto again = verifyPlayable(out.output); !again)
        return failed(out, QStringLiteral("the rebuilt file does not reopen: %1").arg(again.message()));
    if (!opt.keep) {
        out.removed = removeOriginals(o.files, out.output);
        if (inPlaceKind(o))
            out.output = promote(out.output, o, out);
    }
    if (inPlaceKind(o))
        carryMarks(o, out);
    out.ok = true;
    return out;
}

// An orphan that holds no media (Verdict::Empty, or found so while
// rebuilding): there is nothing to rebuild, and left on disk it would be
// offered again at every scan. Its files go (unless --keep); called with the
// orphan's locks held, like a rebuild.
RecoverOutcome clearEmpty(const Orphan &o, const RecoverOptions &opt, const QString &why)
{
    RecoverOutcome out;
    out.ok = true;
    out.cleared = true;
    if (opt.keep) {
        out.notes << QStringLiteral("nothing was recorded in it (%1); kept as it is (--keep)").arg(why);
        return out;
    }
    QStringList files = o.files;
    // The marks of a TS/FLV file that held nothing describe nothing.
    if (inPlaceKind(o) && isRegularFile(marksPathFor(o.target)))
        files << marksPathFor(o.target);
    out.removed = removeOriginals(files, QString());
    out.notes << QStringLiteral("nothing was recorded in it (%1); its file(s) were removed").arg(why);
    return out;
}

RecoverOutcome recoverInPlaceKind(const Orphan &o, const RecoverOptions &opt)
{
    RecoverOutcome out;
    const Names names = namesFor(o, opt);
    const QString temp = names.temp();
    removeStaleTemps(names);
    FileLock tempLock;
    auto map = MappedFile::open(o.target);
    if (!map)
        return failed(out, map.message());
    Status written;
    QStringList done; // what the repair did: said only once it succeeded
    if (o.kind == OrphanKind::MpegTs) {
        const TsInspect t = inspectTs(map->data(), map->size());
        if (!t.isTs || t.packets == 0)
            return failed(out, t.problem.isEmpty() ? QStringLiteral("no whole packet") : t.problem);
        const TsTrimPlan plan = planTsTrim(map->data(), t.goodBytes);
        // Judged on what the trim keeps: a stream whose only frame was torn
        // is as empty as one that never started.
        const TsStreamCheck streams = checkTsStreams(map->data(), t.goodBytes, &plan.keep);
        if (streams.allSilent())
            return clearEmpty(o, opt, QStringLiteral("no whole audio or video frame"));
        const TsClosure closure = tsClosure(map->data(), t.goodBytes);
        // Tapedeck starts every file at a picture: a file of ours whose only
        // picture was torn holds at most a frame's worth of sound after it,
        // which players do not open (GStreamer finds no buffers in it).
        if (closure.ours && streams.videoSilent())
            return clearEmpty(o, opt,
                              QStringLiteral("its only picture was cut off (at most a frame of sound after it)"));
        const std::vector<int> drop = streams.pmtRewritable ? streams.silentPids : std::vector<int>();
        written = writeTempSynced(temp, &tempLock, [&](OutputFile &f) -> Status {
            // Runs of kept packets are written in one go; a program table
            // that names an empty stream is written rewritten, on its own.
            int64_t runStart = -1;
            const int64_t n = static_cast<int64_t>(plan.keep.size());
            auto flush = [&](int64_t end) -> Status {
                if (runStart >= 0 && end > runStart)
                    if (auto s = f.write(map->data() + runStart * 188, (end - runStart) * 188); !s)
                        return s;
                runStart = -1;
                return {};
            };
            for (int64_t i = 0; i <= n; ++i) {
                const bool keep = i < n && plan.keep[static_cast<size_t>(i)];
                uint8_t pmt[188];
                if (keep && !drop.empty() && rewritePmtPacket(map->data() + i * 188, streams.pmtPid, drop, pmt)) {
                    if (auto s = flush(i); !s)
                        return s;
                    if (auto s = f.write(pmt, 188); !s)
                        return s;
                    continue;
                }
                if (keep && runStart < 0)
                    runStart = i;
                if (!keep)
                    if (auto s = flush(i); !s)
                        return s;
            }
            if (closure.ours && !closure.closed) {
                // Closed now: a second recovery must not take another frame.
                const auto mark = tsMarkPacket(TsMark::End);
                return f.write(mark.data(), int64_t(mark.size()));
            }
            return {};
        });
        if (t.tailBytes > 0)
            done << QStringLiteral("trimmed %1 byte(s) after the last whole packet").arg(t.tailBytes);
        if (!drop.empty())
            done << QStringLiteral("removed %1 stream(s) that never carry a packet from the program table")
                        .arg(drop.size());
        if (plan.droppedPackets > 0)
            done << QStringLiteral("dropped the possibly torn last frame of %1 stream(s) (%2 packet(s))")
                        .arg(plan.droppedStreams)
                        .arg(plan.droppedPackets);
    } else {
        const FlvInspect in = inspectFlv(map->data(), map->size());
        if (!in.isFlv)
            return failed(out, in.problem);
        const FlvWalk w = walkFlv(map->data(), map->size(), in);
        if (w.videoTags == 0 && w.audioTags == 0)
            return clearEmpty(o, opt, QStringLiteral("no whole audio or video frame"));
        written = writeTempSynced(temp, &tempLock, [&](OutputFile &f) -> Status {
            auto r = writeRepairedFlv(map->data(), map->size(), in, w,
                                      [&](const char *d, int64_t n) { return f.write(d, n); });
            if (!r)
                return r.error();
            return {};
        });
        done << QStringLiteral("duration %1 s and an index of %2 keyframe(s) written")
                    .arg(w.durationSec(), 0, 'f', 3)
                    .arg(w.keyframes.size());
        if (w.droppedBytes > 0)
            done << QStringLiteral("dropped %1 byte(s) at the end (%2)").arg(w.droppedBytes).arg(w.stopReason);
    }
    if (!written) {
        if (tempLock.isLocked())
            removePath(temp); // ours: created exclusively and locked
        return failed(out, written.message());
    }
    RecoverOutcome placed = finishPlaced(o, opt, out, temp, names);
    if (placed.ok)
        placed.notes = done + placed.notes;
    return placed;
}

RecoverOutcome recoverRaw(const Orphan &o, const RecoverOptions &opt)
{
    RecoverOutcome out;
    const Names names = namesFor(o, opt);
    const QString temp = names.temp();
    removeStaleTemps(names);
    RawRebuildParams p;
    qint64 newest = 0;
    for (const QString &f : o.files) {
        const QString lower = f.toLower();
        if (lower.endsWith(QLatin1String(".h264")))
            p.h264Path = f;
        else if (lower.endsWith(QLatin1String(".aac")))
            p.aacPath = f;
        struct stat st {};
        if (lstatPath(f, &st))
            newest = std::max(newest, qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000);
    }
    // A damaged pair rebuilds the stream that parses; the classifier said which.
    if (o.verdict == Verdict::Damaged) {
        const bool videoOk = std::any_of(o.tracks.cbegin(), o.tracks.cend(),
                                         [](const TrackSummary &t) { return t.kind == QLatin1String("video"); });
        const bool audioOk = std::any_of(o.tracks.cbegin(), o.tracks.cend(),
                                         [](const TrackSummary &t) { return t.kind == QLatin1String("audio"); });
        if (!videoOk)
            p.h264Path.clear();
        if (!audioOk)
            p.aacPath.clear();
    }
    p.frameRateNum = o.frameRateNum;
    p.frameRateDen = o.frameRateDen;
    p.outputPath = temp;
    p.creationTimeUs = newest * 1000; // the recording's last write, not "now"
    p.cancel = opt.cancel;
    p.makeWriter = opt.makeWriter;
    auto r = rebuildRawStreams(p);
    if (!r) {
        mp4::removeWriterOutput(temp); // the MP4 writer's own sidecars for the temporary name
        return failed(out, r.message());
    }
    out.notes << r->notes;
    out.durationSec = std::max(r->videoDurationSec, r->audioDurationSec);
    return finishPlaced(o, opt, out, temp, names);
}

RecoverOutcome recoverSidecars(const Orphan &o, const RecoverOptions &opt)
{
    RecoverOutcome out;
    if (o.finishedAlready) {
        // The classifier opened the final file: it plays.
        out.output = o.target;
        out.ok = true;
        if (!opt.keep)
            out.removed = removeOriginals(o.files, o.target);
        out.notes << QStringLiteral("already complete; leftover index files %1")
                         .arg(opt.keep ? QStringLiteral("kept") : QStringLiteral("removed"));
        return out;
    }
    const Names names = namesFor(o, opt);
    mp4::RebuildOptions ro;
    ro.overwrite = false;
    ro.deleteSidecars = false; // removed here, after the output reopened
    // Checked before the commit: a rebuilt file that does not open never
    // takes a final name, and the set stays whole for another try.
    ro.validate = [](const QString &path) { return verifyPlayable(path); };
    if (opt.keep || !sameFilesystem(QFileInfo(o.target).absolutePath(), names.dir)) {
        // A copy under this run's own temporary name, placed like every other
        // kind: an identical file from an earlier run is reused, not duplicated.
        removeStaleTemps(names);
        const QString temp = names.temp();
        ro.outputPath = temp;
        ro.copyMedia = true;
        ro.writeOutputDirectly = true;
        auto r = mp4::rebuildMp4(o.target, ro);
        if (!r)
            return failed(out, r.message());
        out.notes << r->summary();
        return finishPlaced(o, opt, out, temp, names);
    }
    // In place: the .mdat becomes the first free name (link+unlink: a name
    // taken meanwhile is skipped, never replaced).
    Result<mp4::RebuildReport> r = makeError(ErrorCode::AlreadyExists, QString());
    for (int i = 0; i < 100 && !r && r.error().code == ErrorCode::AlreadyExists; ++i) {
        if (pathExists(names.candidate(i)))
            continue;
        ro.outputPath = names.candidate(i);
        r = mp4::rebuildMp4(o.target, ro);
    }
    if (!r)
        return failed(out,
                      r.error().message.isEmpty()
                          ? QStringLiteral("no free name for the rebuilt file in %1").arg(names.dir)
                          : r.message());
    out.output = r->outputPath;
    out.notes << r->summary();
    auto dur = probePlayable(out.output);
    if (!dur)
        return failed(out, QStringLiteral("the rebuilt file does not reopen: %1").arg(dur.message()));
    out.durationSec = *dur;
    out.removed = removeOriginals(o.files, out.output);
    out.ok = true;
    return out;
}

// ---- ownership ---------------------------------------------------------------

// A recovery waits this long for another recovery of the same orphan (a
// rebuild takes seconds); a recording is never waited for.
constexpr int kWaitForRecoveryMs = 15000;

enum class LockState { Locked, Gone, InUse, Failed };

// Locks every file of the orphan as a recovery, in a fixed order.
LockState lockOrphan(const Orphan &o, std::vector<FileLock> *locks, QStringList *held, OwnerInfo *who, QString *why)
{
    QStringList files = o.files;
    files.sort();
    for (const QString &f : files) {
        OwnerInfo h;
        auto l = FileLock::acquire(f, FileLock::Role::Recovery, kWaitForRecoveryMs, &h);
        if (!l) {
            *why = l.message();
            if (l.error().code == ErrorCode::NotFound)
                return LockState::Gone;
            if (l.error().code == ErrorCode::InUse) {
                *who = h.owned() ? h : OwnerInfo{FileOwner::Recovery, -1};
                return LockState::InUse;
            }
            return LockState::Failed;
        }
        locks->push_back(std::move(*l));
        *held << f;
    }
    return LockState::Locked;
}

// The orphan as the disk has it now (another run may have rebuilt it since
// the scan): nullopt when there is nothing left to rebuild.
std::optional<Orphan> lookAgain(const Orphan &o, const QStringList &heldByUs, OwnerInfo *inUse)
{
    QStringList files;
    for (const QString &f : o.files)
        if (isRegularFile(f))
            files << f;
    if (files.isEmpty())
        return std::nullopt;
    const ScanResult r = classifyFiles(files, nullptr, {}, heldByUs);
    for (const Orphan &u : r.inUse)
        if (u.target == o.target) {
            *inUse = u.owner;
            return std::nullopt;
        }
    for (const Orphan &f : r.orphans) {
        if (f.target != o.target)
            continue;
        Orphan fresh = f;
        if (fresh.frameRateNum <= 0 && o.frameRateNum > 0) { // from --fps or a healthy MP4 beside it
            fresh.frameRateNum = o.frameRateNum;
            fresh.frameRateDen = o.frameRateDen;
            fresh.frameRateSource = o.frameRateSource;
        }
        return fresh;
    }
    return std::nullopt;
}

RecoverOutcome rebuildLocked(const Orphan &o, const RecoverOptions &options)
{
    RecoverOutcome out;
    switch (o.kind) {
    case OrphanKind::SidecarSet:
        out = recoverSidecars(o, options);
        break;
    case OrphanKind::RawPair:
    case OrphanKind::RawVideo:
    case OrphanKind::RawAudio:
        out = recoverRaw(o, options);
        break;
    case OrphanKind::MpegTs:
    case OrphanKind::Flv:
        out = recoverInPlaceKind(o, options);
        break;
    case OrphanKind::Mp4NoIndex:
        out = recoverMp4WithoutIndex(o, options);
        break;
    case OrphanKind::NotRecording:
        out.error = o.reason;
        break;
    }
    return out;
}

} // namespace

void applyFrameRateOption(Orphan &o, const RecoverOptions &options)
{
    const bool hasVideo = std::any_of(o.files.cbegin(), o.files.cend(), [](const QString &f) {
        return f.endsWith(QLatin1String(".h264"), Qt::CaseInsensitive);
    });
    if (hasVideo && o.frameRateNum <= 0 && options.fpsNum > 0) {
        o.frameRateNum = options.fpsNum;
        o.frameRateDen = options.fpsDen;
        o.frameRateSource = QStringLiteral("--fps");
        o.notes << QStringLiteral("video frame rate %1 fps from --fps").arg(double(options.fpsNum) / options.fpsDen);
    }
}

QString plannedOutput(const Orphan &o, const RecoverOptions &options)
{
    if (!o.rebuildable() || o.verdict == Verdict::Empty)
        return QString();
    if (o.finishedAlready)
        return o.target;
    if (o.kind == OrphanKind::Mp4NoIndex)
        return plannedRepairOutput(o, options);
    const Names names = namesFor(o, options);
    if (inPlaceKind(o) && !options.keep && options.outDir.isEmpty())
        return o.target; // repaired beside, then given the original's name
    for (int i = 0; i < 100; ++i)
        if (!pathExists(names.candidate(i)))
            return names.candidate(i);
    return QString();
}

QString outputNameNote(const Orphan &o, const QString &output)
{
    if (output.isEmpty() || QFileInfo(output).fileName() == QFileInfo(o.target).fileName())
        return QString();
    return QStringLiteral("the name %1 is taken: the rebuilt file %2 named %3")
        .arg(QFileInfo(o.target).fileName(), pathExists(output) ? QStringLiteral("is") : QStringLiteral("will be"),
             QFileInfo(output).fileName());
}

RecoverOutcome recoverOrphan(const Orphan &o, const RecoverOptions &options)
{
    if (!o.rebuildable()) {
        RecoverOutcome out;
        out.error = o.reason;
        return out;
    }
    // A created --out folder is synced into its parent, like the files in it.
    if (!options.outDir.isEmpty()) {
        if (auto made = makeDirectories(options.outDir); !made) {
            RecoverOutcome out;
            out.error = made.message(); // with the OS reason (read-only, permission)
            return out;
        }
    }
    RecoverOutcome out;
    Orphan current = o;
    for (int attempt = 0;; ++attempt) {
        if (attempt == 5) {
            out.error = QStringLiteral("its files keep changing (another process is at work on them); try again later");
            return out;
        }
        std::vector<FileLock> locks;
        QStringList held;
        OwnerInfo who;
        QString why;
        const LockState st = lockOrphan(current, &locks, &held, &who, &why);
        if (st == LockState::InUse) {
            out.heldBy = who;
            out.error = QStringLiteral("%1; left alone").arg(who.describe());
            return out;
        }
        if (st == LockState::Failed) {
            out.error = why;
            return out;
        }
        // An MP4 without index is repaired into a new file beside it and never
        // changed; its plan (reference, layout) was made by the scan.
        if (current.kind == OrphanKind::Mp4NoIndex) {
            out = recoverMp4WithoutIndex(current, options);
            break;
        }
        // The scan may be stale: look again under the locks (or, when a file
        // vanished, at what is left of it).
        OwnerInfo other;
        const std::optional<Orphan> fresh = lookAgain(current, held, &other);
        if (other.owned()) {
            if (st == LockState::Locked) { // e.g. the final file of a recording that is finishing
                out.heldBy = other;
                out.error = QStringLiteral("%1; left alone").arg(other.describe());
                return out;
            }
            QThread::msleep(200); // another run is between two steps
            continue;
        }
        if (!fresh) {
            out.ok = true;
            out.alreadyDone = true;
            if (isRegularFile(o.target))
                out.output = o.target;
            out.notes << QStringLiteral("already recovered by another process: nothing left to do");
            return out;
        }
        if (st == LockState::Gone) {
            current = *fresh;
            continue;
        }
        if (!fresh->rebuildable()) {
            out.error = fresh->reason;
            return out;
        }
        if (fresh->verdict == Verdict::Empty)
            out = clearEmpty(*fresh, options, fresh->reason);
        else
            out = rebuildLocked(*fresh, options);
        break; // the locks go only now, after the originals are gone
    }
    if (out.ok && !out.cleared && out.durationSec < 0)
        if (auto d = probePlayable(out.output))
            out.durationSec = *d;
    if (out.ok && !out.cleared) {
        const QString note = outputNameNote(o, out.output);
        if (!note.isEmpty())
            out.notes.prepend(note);
    }
    return out;
}

Status verifyPlayable(const QString &path)
{
    auto r = probePlayable(path);
    if (!r)
        return r.error();
    return {};
}

Result<double> probePlayable(const QString &path)
{
    AVFormatContext *raw = nullptr;
    int rc = avformat_open_input(&raw, encodePath(path).constData(), nullptr, nullptr);
    if (rc < 0)
        return makeError(ErrorCode::Corrupt, ffmpegErrorString(rc));
    InputFormatContextPtr ctx(raw);
    rc = avformat_find_stream_info(ctx.get(), nullptr);
    if (rc < 0)
        return makeError(ErrorCode::Corrupt, ffmpegErrorString(rc));
    if (ctx->nb_streams == 0)
        return makeError(ErrorCode::Corrupt, QStringLiteral("no streams"));
    return ctx->duration > 0 ? double(ctx->duration) / AV_TIME_BASE : -1.0;
}

} // namespace tapedeck::recovery

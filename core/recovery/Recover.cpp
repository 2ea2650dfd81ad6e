#include "core/recovery/Recover.h"

#include "core/FFmpeg.h"
#include "core/Log.h"
#include "core/io/File.h"
#include "core/mp4/Rebuild.h"
#include "core/recovery/Flv.h"
#include "core/recovery/MappedFile.h"
#include "core/recovery/RawRebuild.h"
#include "core/recovery/RepairOrphan.h"
#include "core/recovery/Ts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstring>
#include <sys/stat.h>

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
    QString temp() const { return dir + QLatin1Char('/') + stem + QStringLiteral(".recovering") + ext; }
};

Names namesFor(const Orphan &o, const RecoverOptions &opt)
{
    const QFileInfo t(o.target);
    Names n;
    n.dir = opt.outDir.isEmpty() ? t.absolutePath() : QDir(opt.outDir).absolutePath();
    n.stem = t.completeBaseName();
    n.ext = QLatin1Char('.') + t.suffix();
    return n;
}

bool inPlaceKind(const Orphan &o) { return o.kind == OrphanKind::MpegTs || o.kind == OrphanKind::Flv; }

bool sameContent(const QString &a, const QString &b)
{
    if (QFileInfo(a).size() != QFileInfo(b).size())
        return false;
    auto ma = MappedFile::open(a);
    auto mb = MappedFile::open(b);
    return ma && mb && ma->size() == mb->size() && (ma->size() == 0 || std::memcmp(ma->data(), mb->data(), ma->size()) == 0);
}

bool sameFilesystem(const QString &a, const QString &b)
{
    struct stat sa {}, sb {};
    if (::stat(QFile::encodeName(a).constData(), &sa) != 0 || ::stat(QFile::encodeName(b).constData(), &sb) != 0)
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
        if (!QFileInfo::exists(c)) {
            auto s = renameFile(temp, c, false);
            if (!s) {
                if (s.error().code == ErrorCode::AlreadyExists || QFileInfo::exists(c))
                    continue; // somebody took the name meanwhile
                return s.error();
            }
            if (auto d = syncDirectory(names.dir); !d)
                return d.error();
            return c;
        }
        if (sameContent(c, temp)) {
            QFile::remove(temp);
            *reused = true;
            return c;
        }
    }
    return makeError(ErrorCode::AlreadyExists, QStringLiteral("no free name for the rebuilt file in %1").arg(names.dir));
}

void removeTempSet(const QString &temp)
{
    // The MP4 writer's own sidecars for the temporary name, from a stopped run.
    QFile::remove(temp);
    for (const QString &suffix : {QStringLiteral(".info"), QStringLiteral(".info.tmp"), QStringLiteral(".mdat")})
        QFile::remove(temp + suffix);
    for (int i = 1; i <= 16; ++i)
        QFile::remove(temp + QStringLiteral(".track%1").arg(i));
}

QStringList removeOriginals(const QStringList &files)
{
    QStringList removed;
    QStringList dirs;
    for (const QString &f : files) {
        if (QFileInfo::exists(f) && QFile::remove(f)) {
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

Status writeFileSynced(const QString &path, const std::function<Status(OutputFile &)> &fill)
{
    auto f = OutputFile::open(path, CreateMode::Truncate);
    if (!f)
        return f.error();
    if (auto s = fill(*f); !s)
        return s;
    if (auto s = f->sync(); !s)
        return s;
    return f->close();
}

// After the original is gone, give an in-place repair the original's name.
QString promote(const QString &output, const Orphan &o, const RecoverOutcome &out)
{
    if (QFileInfo(output).absolutePath() != QFileInfo(o.target).absolutePath() || QFileInfo::exists(o.target)
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

RecoverOutcome finishPlaced(const Orphan &o, const RecoverOptions &opt, RecoverOutcome out, const QString &temp,
                            const Names &names)
{
    auto dur = verifyPlayable(temp);
    if (!dur) {
        QFile::remove(temp);
        return failed(out, QStringLiteral("the rebuilt file does not open: %1").arg(dur.message()));
    }
    bool reused = false;
    auto placed = placeFile(temp, names, &reused);
    if (!placed) {
        QFile::remove(temp);
        return failed(out, placed.message());
    }
    out.output = *placed;
    if (reused)
        out.notes << QStringLiteral("%1 from an earlier, interrupted run is identical and was kept")
                         .arg(QFileInfo(out.output).fileName());
    if (auto again = verifyPlayable(out.output); !again)
        return failed(out, QStringLiteral("the rebuilt file does not reopen: %1").arg(again.message()));
    if (!opt.keep) {
        out.removed = removeOriginals(o.files);
        if (inPlaceKind(o))
            out.output = promote(out.output, o, out);
    }
    out.ok = true;
    return out;
}

RecoverOutcome recoverInPlaceKind(const Orphan &o, const RecoverOptions &opt)
{
    RecoverOutcome out;
    const Names names = namesFor(o, opt);
    const QString temp = names.temp();
    removeTempSet(temp);
    auto map = MappedFile::open(o.target);
    if (!map)
        return failed(out, map.message());
    Status written;
    if (o.kind == OrphanKind::MpegTs) {
        const TsInspect t = inspectTs(map->data(), map->size());
        if (!t.isTs || t.packets == 0)
            return failed(out, t.problem.isEmpty() ? QStringLiteral("no whole packet") : t.problem);
        const TsTrimPlan plan = planTsTrim(map->data(), t.goodBytes);
        written = writeFileSynced(temp, [&](OutputFile &f) -> Status {
            // Runs of kept packets are written in one go.
            int64_t runStart = -1;
            const int64_t n = static_cast<int64_t>(plan.keep.size());
            for (int64_t i = 0; i <= n; ++i) {
                const bool keep = i < n && plan.keep[static_cast<size_t>(i)];
                if (keep && runStart < 0)
                    runStart = i;
                if (!keep && runStart >= 0) {
                    if (auto s = f.write(map->data() + runStart * 188, (i - runStart) * 188); !s)
                        return s;
                    runStart = -1;
                }
            }
            return {};
        });
        out.notes << QStringLiteral("trimmed %1 byte(s) after the last whole packet").arg(t.tailBytes);
        if (plan.droppedPackets > 0)
            out.notes << QStringLiteral("dropped the possibly torn last frame of %1 stream(s) (%2 packet(s))")
                             .arg(plan.droppedStreams)
                             .arg(plan.droppedPackets);
    } else {
        const FlvInspect in = inspectFlv(map->data(), map->size());
        if (!in.isFlv)
            return failed(out, in.problem);
        const FlvWalk w = walkFlv(map->data(), map->size(), in);
        if (w.tags == 0)
            return failed(out, QStringLiteral("no whole tag after the header: %1").arg(w.stopReason));
        written = writeFileSynced(temp, [&](OutputFile &f) -> Status {
            auto r = writeRepairedFlv(map->data(), map->size(), in, w,
                                      [&](const char *d, int64_t n) { return f.write(d, n); });
            if (!r)
                return r.error();
            return {};
        });
        out.notes << QStringLiteral("duration %1 s and an index of %2 keyframe(s) written")
                         .arg(w.durationSec(), 0, 'f', 3)
                         .arg(w.keyframes.size());
        if (w.droppedBytes > 0)
            out.notes << QStringLiteral("dropped %1 byte(s) at the end (%2)").arg(w.droppedBytes).arg(w.stopReason);
    }
    if (!written) {
        QFile::remove(temp);
        return failed(out, written.message());
    }
    return finishPlaced(o, opt, out, temp, names);
}

RecoverOutcome recoverRaw(const Orphan &o, const RecoverOptions &opt)
{
    RecoverOutcome out;
    const Names names = namesFor(o, opt);
    const QString temp = names.temp();
    removeTempSet(temp);
    RawRebuildParams p;
    qint64 newest = 0;
    for (const QString &f : o.files) {
        const QString lower = f.toLower();
        if (lower.endsWith(QLatin1String(".h264")))
            p.h264Path = f;
        else if (lower.endsWith(QLatin1String(".aac")))
            p.aacPath = f;
        newest = std::max(newest, QFileInfo(f).lastModified().toMSecsSinceEpoch());
    }
    // A damaged pair rebuilds the stream that parses; the classifier said which.
    if (o.verdict == Verdict::Damaged) {
        const bool videoOk = std::any_of(o.tracks.cbegin(), o.tracks.cend(), [](const TrackSummary &t) { return t.kind == QLatin1String("video"); });
        const bool audioOk = std::any_of(o.tracks.cbegin(), o.tracks.cend(), [](const TrackSummary &t) { return t.kind == QLatin1String("audio"); });
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
        removeTempSet(temp);
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
        out.output = o.target;
        out.ok = true;
        if (!opt.keep)
            out.removed = removeOriginals(o.files);
        out.notes << QStringLiteral("already complete; leftover index files %1").arg(opt.keep ? QStringLiteral("kept") : QStringLiteral("removed"));
        return out;
    }
    const Names names = namesFor(o, opt);
    QString output;
    for (int i = 0; i < 100 && output.isEmpty(); ++i)
        if (!QFileInfo::exists(names.candidate(i)))
            output = names.candidate(i);
    if (output.isEmpty())
        return failed(out, QStringLiteral("no free name for the rebuilt file in %1").arg(names.dir));
    mp4::RebuildOptions ro;
    ro.outputPath = output;
    ro.overwrite = false;
    ro.deleteSidecars = false; // removed here, after the output reopened
    ro.copyMedia = opt.keep || !sameFilesystem(QFileInfo(o.target).absolutePath(), names.dir);
    auto r = mp4::rebuildMp4(o.target, ro);
    if (!r)
        return failed(out, r.message());
    out.output = r->outputPath;
    out.notes << r->summary();
    auto dur = probePlayable(out.output);
    if (!dur)
        return failed(out, QStringLiteral("the rebuilt file does not reopen: %1").arg(dur.message()));
    out.durationSec = *dur;
    if (!opt.keep)
        out.removed = removeOriginals(o.files);
    out.ok = true;
    return out;
}

} // namespace

void applyFrameRateOption(Orphan &o, const RecoverOptions &options)
{
    const bool hasVideo = std::any_of(o.files.cbegin(), o.files.cend(),
                                      [](const QString &f) { return f.endsWith(QLatin1String(".h264"), Qt::CaseInsensitive); });
    if (hasVideo && o.frameRateNum <= 0 && options.fpsNum > 0) {
        o.frameRateNum = options.fpsNum;
        o.frameRateDen = options.fpsDen;
        o.frameRateSource = QStringLiteral("--fps");
        o.notes << QStringLiteral("video frame rate %1 fps from --fps").arg(double(options.fpsNum) / options.fpsDen);
    }
}

QString plannedOutput(const Orphan &o, const RecoverOptions &options)
{
    if (!o.rebuildable())
        return QString();
    if (o.finishedAlready)
        return o.target;
    if (o.kind == OrphanKind::Mp4NoIndex)
        return plannedRepairOutput(o, options);
    const Names names = namesFor(o, options);
    if (inPlaceKind(o) && !options.keep && options.outDir.isEmpty())
        return o.target; // repaired beside, then given the original's name
    for (int i = 0; i < 100; ++i)
        if (!QFileInfo::exists(names.candidate(i)))
            return names.candidate(i);
    return QString();
}

RecoverOutcome recoverOrphan(const Orphan &o, const RecoverOptions &options)
{
    if (!o.rebuildable()) {
        RecoverOutcome out;
        out.error = o.reason;
        return out;
    }
    if (!options.outDir.isEmpty() && !QDir().mkpath(options.outDir)) {
        RecoverOutcome out;
        out.error = QStringLiteral("cannot create %1").arg(options.outDir);
        return out;
    }
    RecoverOutcome out;
    switch (o.kind) {
    case OrphanKind::SidecarSet: out = recoverSidecars(o, options); break;
    case OrphanKind::RawPair:
    case OrphanKind::RawVideo:
    case OrphanKind::RawAudio: out = recoverRaw(o, options); break;
    case OrphanKind::MpegTs:
    case OrphanKind::Flv: out = recoverInPlaceKind(o, options); break;
    case OrphanKind::Mp4NoIndex: out = recoverMp4WithoutIndex(o, options); break;
    case OrphanKind::NotRecording: out.error = o.reason; break;
    }
    if (out.ok && out.durationSec < 0)
        if (auto d = probePlayable(out.output))
            out.durationSec = *d;
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
    int rc = avformat_open_input(&raw, QFile::encodeName(path).constData(), nullptr, nullptr);
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

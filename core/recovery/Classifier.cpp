#include "core/recovery/Classifier.h"
#include "core/writer/MarksFile.h"

#include "core/io/Paths.h"
#include "core/mp4/Sidecar.h"
#include "core/parsers/Adts.h"
#include "core/parsers/AnnexB.h"
#include "core/parsers/Flv.h"
#include "core/io/MappedFile.h"
#include "core/parsers/Mp4Boxes.h"
#include "core/recovery/Recover.h"
#include "core/recovery/RepairOrphan.h"
#include "core/parsers/Ts.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMap>

#include <algorithm>

namespace tapedeck::recovery {

namespace {

constexpr qint64 kAnnexBHeadBytes = 64 * 1024;
// A zero-filled tail of an index file (blocks allocated, never written) is
// at most a few file-system blocks long.
constexpr qint64 kMaxZeroTailRecords = 65536;

qint64 fileSize(const QString &path) { return std::max<qint64>(0, regularFileSize(path)); }

Orphan notRecording(const QString &path, const QString &reason)
{
    Orphan o;
    o.kind = OrphanKind::NotRecording;
    o.verdict = Verdict::NotRecording;
    o.target = path;
    o.files << path;
    o.sizeBytes = fileSize(path);
    o.reason = reason;
    return o;
}

// A TS or FLV recording is one file: its own target, nothing beside it.
Orphan wholeFileOrphan(OrphanKind kind, const QString &path, size_t sizeBytes)
{
    Orphan o;
    o.kind = kind;
    o.target = path;
    o.files << path;
    o.sizeBytes = static_cast<qint64>(sizeBytes);
    return o;
}

// Stopped (or cut) before its first frame: nothing a player could open and
// nothing to keep, so recovery removes it.
void markEmpty(Orphan &o, const QString &reason)
{
    o.verdict = Verdict::Empty;
    o.reason = reason;
    o.notes << QStringLiteral("recovery removes it (kept with --keep)");
}

QString fpsText(int num, int den)
{
    if (num <= 0 || den <= 0)
        return QStringLiteral("?");
    const double f = double(num) / den;
    return QString::number(f, 'f', (num % den) == 0 ? 0 : 3);
}

bool endsWithMp4(const QString &p) { return p.endsWith(QLatin1String(".mp4"), Qt::CaseInsensitive); }

// The first of `paths` another process holds (ours are skipped).
OwnerInfo ownerOf(const QStringList &paths, const QStringList &heldByUs)
{
    for (const QString &p : paths) {
        if (heldByUs.contains(p))
            continue;
        if (const OwnerInfo o = fileOwner(p); o.owned())
            return o;
    }
    return {};
}

// A live recording (or one being recovered) is listed, never classified:
// its last bytes are still being written.
Orphan inUseEntry(OrphanKind kind, const QString &target, const QStringList &files, const OwnerInfo &who)
{
    Orphan o;
    o.kind = kind;
    o.verdict = Verdict::InUse;
    o.target = target;
    o.files = files;
    o.files.sort();
    for (const QString &f : o.files)
        o.sizeBytes += fileSize(f);
    o.owner = who;
    o.reason = who.owner == FileOwner::Recording
        ? QStringLiteral("%1; left alone until it is finished").arg(who.describe())
        : QStringLiteral("%1; left alone").arg(who.describe());
    return o;
}

} // namespace

bool isRecoveryTempPath(const QString &path)
{
    return QFileInfo(path).fileName().contains(QLatin1String(".recovering."));
}

bool isRecoveryInputName(const QString &path)
{
    return mp4::isSidecarPath(path) || path.endsWith(QLatin1String(".h264"), Qt::CaseInsensitive)
        || path.endsWith(QLatin1String(".aac"), Qt::CaseInsensitive);
}

std::pair<int, int> mp4FrameRate(const QString &path)
{
    auto map = MappedFile::open(path);
    if (!map)
        return {0, 1};
    const auto top = inspectMp4(map->data(), map->size());
    if (!top.hasMoov || top.moovSize > 256LL * 1024 * 1024)
        return {0, 1};
    const int64_t payload = top.moovOffset + 8; // moov is never large-size in practice; checked below
    if (payload > top.moovOffset + top.moovSize)
        return {0, 1};
    const auto t = videoTimingFromMoov(map->data() + payload, static_cast<size_t>(top.moovSize - 8));
    if (!t)
        return {0, 1};
    return {t->frameRateNum, t->frameRateDen};
}

Orphan classifySidecarSet(const QString &finalPath, const QStringList &members)
{
    Orphan o;
    o.kind = OrphanKind::SidecarSet;
    o.target = finalPath;
    o.files = members;
    o.files.sort();
    for (const QString &f : o.files)
        o.sizeBytes += fileSize(f);
    const bool haveData = std::any_of(o.files.cbegin(), o.files.cend(),
                                      [](const QString &f) { return f.endsWith(QLatin1String(".mdat")); });
    // A member that is not a regular file (a FIFO would block the reader; a
    // symbolic link would make the rebuilt file a link, or be written
    // through into a file elsewhere): nothing is read or touched.
    {
        const QString dir = QFileInfo(finalPath).absolutePath();
        for (const DirEntry &e : listDirectory(dir)) {
            const QString member = dir + QLatin1Char('/') + e.name;
            if (e.regular || mp4::finalPathForSidecar(member) != finalPath || member == finalPath)
                continue;
            o.verdict = Verdict::Unrecoverable;
            o.reason = QStringLiteral("%1 is %2, not a regular file: recovery only reads and changes real files, "
                                      "so this set is left as it is%3")
                           .arg(displayPath(e.name), describeSpecialFile(member),
                                describeSpecialFile(member).startsWith(QLatin1String("a symbolic link"))
                                    ? QStringLiteral(" (copy the file it points to here under this name, then recover)")
                                    : QString());
            return o;
        }
    }
    if (!haveData && pathExists(finalPath)) {
        bool healthy = false;
        classifyMp4(finalPath, &healthy);
        // A moov alone does not make it complete: a rebuild whose result did
        // not open must never let the index files be tidied away.
        Status opens = healthy ? verifyPlayable(finalPath) : Status{};
        if (healthy && !opens) {
            o.verdict = Verdict::Unrecoverable;
            o.reason = QStringLiteral("%1 has a header but does not open (%2); the index files are kept")
                           .arg(QFileInfo(finalPath).fileName(), opens.message());
            return o;
        }
        if (healthy) {
            // A rebuild renamed the data file into place and was stopped
            // before it removed the index files.
            o.verdict = Verdict::Complete;
            o.finishedAlready = true;
            o.reason = QStringLiteral("%1 is already complete; only its index files were left behind")
                           .arg(QFileInfo(finalPath).fileName());
            o.notes << QStringLiteral("recovery removes the leftover index files (kept with --keep)");
            return o;
        }
    }
    // Every record indexes at least one byte of the data file, so an index
    // far longer than that is hostile or damaged: refuse before the reader
    // sizes anything by it (memory stays bounded whatever the files claim).
    {
        const qint64 dataSize = fileSize(finalPath + QStringLiteral(".mdat"));
        for (const QString &f : o.files) {
            if (!QFileInfo(f).fileName().contains(QLatin1String(".mp4.track")))
                continue;
            const qint64 records = (fileSize(f) - mp4::kTrackHeaderSize) / mp4::kRecordSize;
            if (records > dataSize + kMaxZeroTailRecords) {
                o.verdict = Verdict::Unrecoverable;
                o.reason = QStringLiteral("%1 claims %2 index records but the data file holds %3 bytes: "
                                          "damaged or not written by Tapedeck")
                               .arg(QFileInfo(f).fileName())
                               .arg(records)
                               .arg(dataSize);
                return o;
            }
        }
    }
    const mp4::SidecarReport rep = mp4::readSidecarSet(finalPath);
    o.verdict = rep.verdict; // the sidecar reader gives Complete, Partial, Damaged, Empty or Unrecoverable
    for (size_t i = 0; i < rep.info.tracks.size(); ++i) {
        const mp4::SidecarTrack &t = rep.info.tracks[i];
        TrackSummary s;
        s.kind = t.kind == mp4::TrackKind::Video ? QStringLiteral("video")
            : t.kind == mp4::TrackKind::Text     ? QStringLiteral("subtitle")
                                                 : QStringLiteral("audio");
        s.codec = QString::fromLatin1(t.codecTag);
        s.detail = t.kind == mp4::TrackKind::Video ? QStringLiteral("%1x%2").arg(t.width).arg(t.height)
            : t.kind == mp4::TrackKind::Text       ? QString::fromLatin1(t.language)
                                                   : QStringLiteral("%1 Hz %2 ch").arg(t.sampleRate).arg(t.channels);
        if (i < rep.tracks.size()) {
            s.samples = static_cast<qint64>(rep.tracks[i].records.size());
            s.durationSec = rep.tracks[i].durationSec;
        }
        o.tracks.push_back(s);
    }
    const bool nothing = rep.verdict == mp4::Verdict::Unrecoverable || rep.verdict == mp4::Verdict::Empty;
    o.durationSec = nothing ? -1 : rep.durationSec;
    if (!nothing)
        o.rebuildBytes = static_cast<qint64>(rep.dataEnd);
    o.reason =
        rep.reasons.isEmpty() ? QStringLiteral("every index record is valid") : rep.reasons.join(QLatin1String("; "));
    // "X.mp4 already exists" is said with the real output name by recovery
    // (outputNameNote), which knows the output folder and the free names.
    return o;
}

Orphan classifyRaw(const QString &target, const QString &h264Path, const QString &aacPath)
{
    Orphan o;
    o.kind = !h264Path.isEmpty() && !aacPath.isEmpty() ? OrphanKind::RawPair
        : !h264Path.isEmpty()                          ? OrphanKind::RawVideo
                                                       : OrphanKind::RawAudio;
    o.target = target;
    QStringList problems;
    bool videoOk = h264Path.isEmpty(), audioOk = aacPath.isEmpty();
    bool torn = false;
    if (!h264Path.isEmpty()) {
        o.files << h264Path;
        auto map = MappedFile::open(h264Path);
        if (!map) {
            problems << map.message();
        } else {
            o.sizeBytes += static_cast<qint64>(map->size());
            const size_t head = std::min<size_t>(map->size(), kAnnexBHeadBytes);
            const AnnexBHead h = inspectAnnexBHead(map->data(), head);
            if (!h.problem.isEmpty()) {
                problems << QStringLiteral("%1: %2").arg(QFileInfo(h264Path).fileName(), h.problem);
            } else {
                videoOk = true;
                TrackSummary t;
                t.kind = QStringLiteral("video");
                t.codec = QStringLiteral("h264");
                t.detail = QStringLiteral("%1x%2").arg(h.sps->width).arg(h.sps->height);
                if (h.sps->frameRateNum > 0) {
                    o.frameRateNum = h.sps->frameRateNum;
                    o.frameRateDen = h.sps->frameRateDen;
                    o.frameRateSource = QStringLiteral("the SPS VUI timing");
                    t.detail += QStringLiteral(" %1 fps (SPS VUI timing)")
                                    .arg(fpsText(h.sps->frameRateNum, h.sps->frameRateDen));
                    o.notes << QStringLiteral("video frame rate %1 fps from the SPS VUI timing")
                                   .arg(fpsText(h.sps->frameRateNum, h.sps->frameRateDen));
                } else {
                    t.detail += QStringLiteral(" (no frame rate in the SPS)");
                }
                o.tracks.push_back(t);
            }
        }
    }
    if (!aacPath.isEmpty()) {
        o.files << aacPath;
        auto map = MappedFile::open(aacPath);
        if (!map) {
            problems << map.message();
        } else {
            o.sizeBytes += static_cast<qint64>(map->size());
            const AdtsScan s = scanAdts(map->data(), map->size());
            if (s.frames == 0) {
                problems << QStringLiteral("%1: %2").arg(QFileInfo(aacPath).fileName(),
                                                         s.problem.isEmpty() ? QStringLiteral("empty") : s.problem);
            } else {
                audioOk = true;
                TrackSummary t;
                t.kind = QStringLiteral("audio");
                t.codec = QStringLiteral("aac");
                t.detail = QStringLiteral("%1 Hz, channel config %2").arg(s.sampleRate).arg(s.channelConfig);
                t.samples = s.frames;
                t.durationSec = double(s.frames) * 1024.0 / s.sampleRate;
                o.tracks.push_back(t);
                o.durationSec = t.durationSec;
                o.notes << QStringLiteral("audio timing from the ADTS sample rate (%1 Hz, 1024 samples a frame)")
                               .arg(s.sampleRate);
                if (s.tailBytes > 0) {
                    torn = true;
                    o.notes << QStringLiteral("%1 bytes at the end of the audio will be dropped (%2)")
                                   .arg(s.tailBytes)
                                   .arg(s.problem);
                }
            }
        }
    }
    if (!h264Path.isEmpty() && !aacPath.isEmpty())
        o.notes << QStringLiteral(
            "raw streams carry no timestamps: both start at 0 and gaps in the recording cannot be seen");
    if (!videoOk && !audioOk) {
        o.verdict = Verdict::Unrecoverable;
        o.reason = problems.join(QLatin1String("; "));
        if (o.kind == OrphanKind::RawVideo || o.kind == OrphanKind::RawAudio) {
            // A lone file with a raw stream's name but not its content: say so plainly.
            o.kind = OrphanKind::NotRecording;
            o.verdict = Verdict::NotRecording;
        }
    } else if (!videoOk || !audioOk) {
        o.verdict = Verdict::Damaged;
        o.reason = problems.join(QLatin1String("; ")) + QStringLiteral(": only the other stream is rebuilt");
    } else {
        o.verdict = torn ? Verdict::Partial : Verdict::Complete;
        o.reason = torn ? QStringLiteral("the last frame is cut off") : QStringLiteral("the streams parse cleanly");
    }
    return o;
}

Orphan classifyTs(const QString &path)
{
    auto map = MappedFile::open(path);
    if (!map)
        return notRecording(path, map.message());
    const TsInspect t = inspectTs(map->data(), map->size());
    if (!t.isTs)
        return notRecording(path, t.problem);
    Orphan o = wholeFileOrphan(OrphanKind::MpegTs, path, map->size());
    o.rebuildBytes = t.goodBytes;
    const TsStreamCheck streams = checkTsStreams(map->data(), t.goodBytes);
    // Only padding (Tapedeck's begin mark, as a power cut right after a
    // chunk opened leaves it), or tables whose streams never start: nothing
    // a player could open, and nothing to keep.
    if (streams.allSilent() || tsHoldsOnlyNullPackets(map->data(), t.goodBytes)) {
        markEmpty(o, QStringLiteral("holds no audio or video packet (stopped before its first frame)"));
        return o;
    }
    // A file of Tapedeck's that was not closed may end on a packet boundary
    // inside its last frame (a power cut tears writes at sector boundaries,
    // and every 24,064 bytes one is also a packet boundary).
    const TsClosure closure = tsClosure(map->data(), t.goodBytes);
    const bool unclosed = closure.ours && !closure.closed;
    if (t.tailBytes == 0 && streams.silentPids.empty() && !unclosed) {
        o.verdict = Verdict::Complete;
        o.reason = closure.closed ? QStringLiteral("closed by its recorder: nothing to recover")
                                  : QStringLiteral("ends on a whole packet: nothing to recover");
        return o;
    }
    o.verdict = Verdict::Partial;
    QStringList why;
    if (unclosed && t.tailBytes == 0) {
        why << QStringLiteral("was not closed by its recorder (its last frame may be cut off)");
        o.notes << QStringLiteral("the last frame of a stream is dropped unless it can be shown whole");
    }
    if (t.tailBytes > 0) {
        why << (t.badPackets > 0
                    ? QStringLiteral("ends in a partial packet and %1 packet(s) without sync byte").arg(t.badPackets)
                    : QStringLiteral("ends in a partial packet (%1 bytes)").arg(t.tailBytes));
        o.notes << QStringLiteral("%1 bytes at the end will be trimmed").arg(t.tailBytes);
    }
    if (!streams.silentPids.empty()) {
        // Cut before the first packet of one stream: players cannot open a
        // stream whose parameters they never see.
        why << QStringLiteral("declares %1 stream(s) that never carry a packet, so players refuse it")
                   .arg(streams.silentPids.size());
        o.notes << QStringLiteral("the empty stream(s) will be removed from the program table");
    }
    o.reason = why.join(QStringLiteral("; "));
    return o;
}

Orphan classifyFlv(const QString &path)
{
    auto map = MappedFile::open(path);
    if (!map)
        return notRecording(path, map.message());
    const FlvInspect in = inspectFlv(map->data(), map->size());
    if (!in.isFlv)
        return notRecording(path, in.problem);
    Orphan o = wholeFileOrphan(OrphanKind::Flv, path, map->size());
    if (in.header.hasVideo)
        o.tracks.push_back(TrackSummary{QStringLiteral("video"), QString(), QString(), -1, -1});
    if (in.header.hasAudio)
        o.tracks.push_back(TrackSummary{QStringLiteral("audio"), QString(), QString(), -1, -1});
    // Even a finished header can front a file with no frame (stopped, or cut,
    // before the first one): nothing to play and nothing to keep. The check
    // stops at the first frame, a few tags in.
    if (!flvHoldsFrame(map->data(), map->size(), in)) {
        markEmpty(o, QStringLiteral("holds no audio or video frame (stopped before its first frame)"));
        return o;
    }
    if (!in.needsRepair) {
        o.verdict = Verdict::Complete;
        o.durationSec = in.meta.durationSec.value_or(-1);
        o.reason = QStringLiteral("has a duration and a keyframe index: nothing to recover");
        return o;
    }
    o.verdict = Verdict::Partial;
    o.reason = in.why;
    if (!in.meta.problem.isEmpty())
        o.notes << QStringLiteral("the metadata is unreadable (%1) and will be replaced").arg(in.meta.problem);
    o.notes << QStringLiteral("the duration and keyframe index are rebuilt from the tags; a torn last tag is dropped");
    return o;
}

Orphan classifyMp4(const QString &path, bool *healthy)
{
    *healthy = false;
    auto map = MappedFile::open(path);
    if (!map)
        return notRecording(path, map.message());
    const Mp4TopLevel m = inspectMp4(map->data(), map->size());
    if (!m.looksLikeMp4)
        return notRecording(path, m.problem.isEmpty() ? QStringLiteral("empty file") : m.problem);
    if (m.hasMoov) {
        *healthy = true;
        Orphan o = notRecording(path, QStringLiteral("a complete MP4: nothing to recover"));
        return o;
    }
    if (isMp4WithoutIndex(path)) {
        // Repaired (Mp4Repair): the scan picks its reference once it has
        // seen the healthy files beside it (classifyFiles).
        Orphan o = notRecording(path, QStringLiteral("MP4 without index"));
        o.kind = OrphanKind::Mp4NoIndex;
        o.verdict = Verdict::Damaged;
        return o;
    }
    return notRecording(path,
                        m.hasMdat
                            ? QStringLiteral("an MP4 without its index (moov) and without Tapedeck sidecar files: "
                                             "the sample layout is unknown, so it is not rebuilt")
                            : QStringLiteral("an MP4 with no media data"));
}

ScanResult classifyFiles(const QStringList &files, const std::atomic_bool *cancel, const ScanProgress &progress,
                         const QStringList &heldByUs)
{
    ScanResult res;
    res.filesSeen = files.size();
    QMap<QString, QStringList> sidecars;             // final path -> members
    QMap<QString, std::pair<QString, QString>> raws; // target -> (h264, aac)
    QStringList singles;
    for (const QString &f : files) {
        const QString lower = QFileInfo(f).fileName().toLower();
        if (isRecoveryTempPath(f)) {
            res.notRecordings.push_back(notRecording(
                f,
                QStringLiteral(
                    "a temporary file of an interrupted recovery; it is replaced when that recovery runs again")));
            continue;
        }
        const QString final = mp4::finalPathForSidecar(f);
        if (final != f && endsWithMp4(final)) {
            sidecars[final] << f;
            continue;
        }
        if (const QString media = mediaPathForMarks(f); !media.isEmpty()) {
            // A TS/FLV file's gaps and markers (core/writer/MarksFile.h):
            // part of that recording, repaired in place beside it. Alone,
            // there is nothing to rebuild from it.
            if (!isRegularFile(media))
                res.notRecordings.push_back(
                    notRecording(f,
                                 QStringLiteral("the gaps and markers of %1, which is not in this folder; "
                                                "there is nothing to rebuild from them")
                                     .arg(QFileInfo(media).fileName())));
            continue;
        }
        if (lower.endsWith(QLatin1String(".h264")) || lower.endsWith(QLatin1String(".aac"))) {
            const QString stem = f.left(f.lastIndexOf(QLatin1Char('.')));
            const QString target = endsWithMp4(stem) ? stem : stem + QStringLiteral(".mp4");
            auto &pr = raws[target];
            (lower.endsWith(QLatin1String(".h264")) ? pr.first : pr.second) = f;
            continue;
        }
        singles << f;
    }
    // A path given on its own (`recover X.mp4.info`) still means the whole
    // set: pull in the siblings, so a rebuild never leaves half a set behind.
    for (auto it = sidecars.begin(); it != sidecars.end(); ++it) {
        const QString dir = QFileInfo(it.key()).absolutePath();
        for (const DirEntry &e : listDirectory(dir)) {
            const QString path = dir + QLatin1Char('/') + e.name;
            if (e.regular && !it->contains(path) && mp4::finalPathForSidecar(path) == it.key())
                *it << path;
        }
    }
    for (auto it = raws.begin(); it != raws.end(); ++it) {
        const QString stem = it.key();
        if (it->first.isEmpty() && isRegularFile(stem + QStringLiteral(".h264")))
            it->first = stem + QStringLiteral(".h264");
        if (it->second.isEmpty() && isRegularFile(stem + QStringLiteral(".aac")))
            it->second = stem + QStringLiteral(".aac");
    }
    const qint64 total = files.size();
    qint64 done = 0;
    auto tick = [&](qint64 n) {
        const qint64 before = done;
        done = std::min(total, done + n); // siblings pulled in are not in `total`
        if (progress && done > before && (done / 256 != before / 256 || done == total))
            progress(done, total);
    };
    auto cancelled = [&] { return cancel && cancel->load(std::memory_order_relaxed); };

    QHash<QString, QStringList> healthyByDir; // frame-rate donors
    QStringList withoutIndex;                 // other recorders' MP4s with no moov
    for (const QString &f : singles) {
        if (cancelled())
            break;
        const QString lower = f.toLower();
        const bool ts = lower.endsWith(QLatin1String(".ts")), flv = lower.endsWith(QLatin1String(".flv"));
        const bool mp4 = lower.endsWith(QLatin1String(".mp4")) || lower.endsWith(QLatin1String(".m4a"))
            || lower.endsWith(QLatin1String(".mov")) || lower.endsWith(QLatin1String(".3gp"));
        // A final MP4 beside its sidecars is judged with the set.
        if (ts || flv || (mp4 && !sidecars.contains(f))) {
            if (const OwnerInfo who = ownerOf({f}, heldByUs); who.owned()) {
                res.inUse.push_back(inUseEntry(ts        ? OrphanKind::MpegTs
                                                   : flv ? OrphanKind::Flv
                                                         : OrphanKind::SidecarSet,
                                               f, {f}, who));
                tick(1);
                continue;
            }
        }
        if (ts) {
            Orphan o = classifyTs(f);
            if (o.kind == OrphanKind::NotRecording)
                res.notRecordings.push_back(o);
            else if (o.verdict == Verdict::Complete)
                ++res.healthyFiles;
            else
                res.orphans.push_back(o);
        } else if (flv) {
            Orphan o = classifyFlv(f);
            if (o.kind == OrphanKind::NotRecording)
                res.notRecordings.push_back(o);
            else if (o.verdict == Verdict::Complete)
                ++res.healthyFiles;
            else
                res.orphans.push_back(o);
        } else if (mp4) {
            bool healthy = false;
            Orphan o = classifyMp4(f, &healthy);
            if (healthy) {
                ++res.healthyFiles;
                healthyByDir[QFileInfo(f).absolutePath()] << f;
            } else if (o.kind == OrphanKind::Mp4NoIndex && !sidecars.contains(f) && !raws.contains(f)) {
                withoutIndex << f;
            } else if (!sidecars.contains(f) && !raws.contains(f)) {
                res.notRecordings.push_back(o);
            } else {
                // The broken MP4 another recorder left beside its raw streams
                // (or a final file beside sidecars): the orphan rebuilds instead.
                o.reason += QStringLiteral("; the orphan beside it is rebuilt instead");
                res.notRecordings.push_back(o);
            }
        } else {
            const QString suffix = QFileInfo(f).suffix();
            res.notRecordings.push_back(notRecording(
                f,
                suffix.isEmpty()
                    ? QStringLiteral("no extension: not a file type Tapedeck records")
                    : QStringLiteral("\".%1\" is not a file type Tapedeck records or imports").arg(suffix)));
        }
        tick(1);
    }
    for (const QString &f : withoutIndex) {
        if (cancelled())
            break;
        res.orphans.push_back(classifyMp4WithoutIndex(f, healthyByDir.value(QFileInfo(f).absolutePath())));
    }
    for (auto it = sidecars.cbegin(); it != sidecars.cend() && !cancelled(); ++it) {
        // Any member, or the final file the .mdat became at the finish.
        if (const OwnerInfo who = ownerOf(it.value() + QStringList{it.key()}, heldByUs); who.owned())
            res.inUse.push_back(inUseEntry(OrphanKind::SidecarSet, it.key(), it.value(), who));
        else
            res.orphans.push_back(classifySidecarSet(it.key(), it.value()));
        tick(it.value().size());
    }
    for (auto it = raws.cbegin(); it != raws.cend() && !cancelled(); ++it) {
        QStringList rawFiles;
        for (const QString &f : {it->first, it->second})
            if (!f.isEmpty())
                rawFiles << f;
        if (const OwnerInfo who = ownerOf(rawFiles, heldByUs); who.owned()) {
            res.inUse.push_back(inUseEntry(!it->first.isEmpty() && !it->second.isEmpty() ? OrphanKind::RawPair
                                               : !it->first.isEmpty()                    ? OrphanKind::RawVideo
                                                                                         : OrphanKind::RawAudio,
                                           it.key(), rawFiles, who));
            tick(rawFiles.size());
            continue;
        }
        Orphan o = classifyRaw(it.key(), it->first, it->second);
        const bool needsFps = !it->first.isEmpty() && o.kind != OrphanKind::NotRecording && o.frameRateNum == 0;
        if (needsFps) {
            QStringList donors = healthyByDir.value(QFileInfo(it.key()).absolutePath());
            donors.sort();
            for (const QString &d : donors) {
                const auto [num, den] = mp4FrameRate(d);
                if (num > 0) {
                    o.frameRateNum = num;
                    o.frameRateDen = den;
                    o.frameRateSource = QStringLiteral("%1 beside it").arg(QFileInfo(d).fileName());
                    o.notes << QStringLiteral("video frame rate %1 fps from %2 beside it (the SPS has no timing)")
                                   .arg(fpsText(num, den), QFileInfo(d).fileName());
                    break;
                }
            }
        }
        (o.kind == OrphanKind::NotRecording ? res.notRecordings : res.orphans).push_back(o);
        tick((it->first.isEmpty() ? 0 : 1) + (it->second.isEmpty() ? 0 : 1));
    }
    res.cancelled = cancelled();
    return res;
}

} // namespace tapedeck::recovery

#include "core/recovery/RepairOrphan.h"

#include "core/io/File.h"
#include "core/io/Paths.h"
#include "core/io/MappedFile.h"
#include "core/mp4/Sidecar.h"
#include "core/recovery/Mp4Layout.h"
#include "core/recovery/Mp4Repair.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace tapedeck::recovery {

namespace {

// PCM audio is QuickTime's (an MP4 has no PCM entry players read): a
// repair with PCM keeps the .mov name.
QString repairedExtension(const Orphan &o)
{
    for (const TrackSummary &t : o.tracks)
        if (t.codec == QLatin1String("pcm"))
            return QStringLiteral(".mov");
    return QStringLiteral(".mp4");
}

QString outputName(const Orphan &o, const RecoverOptions &opt, int i)
{
    const QFileInfo t(o.target);
    const QString dir = opt.outDir.isEmpty() ? t.absolutePath() : QDir(opt.outDir).absolutePath();
    const QString ext = repairedExtension(o);
    const QString suffix = i == 0 ? QStringLiteral(".repaired") + ext : QStringLiteral(".repaired-%1").arg(i) + ext;
    return dir + QLatin1Char('/') + t.completeBaseName() + suffix;
}

void describePlan(Orphan &o, const RepairPlan &plan)
{
    o.tracks.clear();
    for (const QString &t : plan.tracks) {
        TrackSummary s;
        const QString codec = t.section(QLatin1Char(' '), 0, 0);
        s.kind = codec == QLatin1String("aac") || codec == QLatin1String("opus") || codec == QLatin1String("pcm")
            ? QStringLiteral("audio")
            : QStringLiteral("video");
        s.codec = codec;
        s.detail = t.section(QLatin1Char(' '), 1);
        o.tracks.push_back(s);
    }
    o.layoutSource = plan.layoutSource;
    if (plan.repairable) {
        o.verdict = Verdict::Damaged;
        o.notes << QStringLiteral("layout from %1").arg(plan.layoutSource);
    } else {
        o.verdict = Verdict::Unrecoverable;
        o.reason += QStringLiteral("; ") + plan.problem;
    }
}

} // namespace

bool isMp4WithoutIndex(const QString &path, QString *why)
{
    auto map = MappedFile::open(path);
    if (!map)
        return false;
    const BrokenMp4 b = inspectBrokenMp4(map->data(), map->size());
    if (why)
        *why = b.why;
    return b.isMp4 && b.mdatHeader >= 0 && !b.hasUsableMoov && b.mdatEnd > b.mdatBegin;
}

Orphan classifyMp4WithoutIndex(const QString &path, const QStringList &healthyBeside, const QString &reference,
                               bool pickAutomatically)
{
    Orphan o;
    o.kind = OrphanKind::Mp4NoIndex;
    o.target = path;
    o.files << path;
    o.sizeBytes = regularFileSize(path);
    QString why;
    isMp4WithoutIndex(path, &why);
    o.reason = QStringLiteral("MP4 without index — repairable: %1").arg(why);
    // Tapedeck's own repairs are not the recorder's files: never a reference.
    for (const QString &h : healthyBeside)
        if (!QFileInfo(h).fileName().contains(QLatin1String(".repaired")))
            o.referenceCandidates << h;
    o.referenceCandidates.sort();
    // The picked reference's plan is kept: planning walks the first
    // megabytes, once per candidate is enough.
    RepairPlan picked;
    o.reference = !reference.isEmpty() ? reference
        : pickAutomatically            ? pickReference(path, o.referenceCandidates, &picked)
                                       : QString();
    if (!o.reference.isEmpty())
        o.notes << QStringLiteral("reference: %1 (same tracks)").arg(QFileInfo(o.reference).fileName());
    RepairPlan plan = reference.isEmpty() && !o.reference.isEmpty() ? std::move(picked) : planRepair(path, o.reference);
    if (!plan.repairable && o.reference.isEmpty() && !o.referenceCandidates.isEmpty())
        plan.problem += QStringLiteral(" (none of the healthy files beside it has the same tracks)");
    describePlan(o, plan);
    if (!plan.repairable)
        o.reason = QStringLiteral("MP4 without index — not repairable: %1; %2").arg(why, plan.problem);
    const QString done = QFileInfo(path).absolutePath() + QLatin1Char('/') + QFileInfo(path).completeBaseName()
        + QStringLiteral(".repaired") + repairedExtension(o);
    if (pathExists(done))
        o.notes << QStringLiteral("already repaired once as %1; a new repair gets another name")
                       .arg(QFileInfo(done).fileName());
    else
        o.notes << QStringLiteral("the original is kept; the repair is written to %1").arg(QFileInfo(done).fileName());
    return o;
}

void applyReference(Orphan &o, const QString &reference)
{
    if (o.kind != OrphanKind::Mp4NoIndex || reference.isEmpty())
        return;
    const QStringList candidates = o.referenceCandidates;
    o = classifyMp4WithoutIndex(o.target, candidates, QFileInfo(reference).absoluteFilePath());
}

void useStreamLayout(Orphan &o)
{
    if (o.kind != OrphanKind::Mp4NoIndex)
        return;
    const QStringList candidates = o.referenceCandidates;
    o = classifyMp4WithoutIndex(o.target, candidates, QString(), false);
}

QString plannedRepairOutput(const Orphan &o, const RecoverOptions &options)
{
    for (int i = 0; i < 100; ++i)
        if (!pathExists(outputName(o, options, i)))
            return outputName(o, options, i);
    return QString();
}

RecoverOutcome recoverMp4WithoutIndex(const Orphan &o, const RecoverOptions &options)
{
    RecoverOutcome out;
    const QString final = plannedRepairOutput(o, options);
    if (final.isEmpty()) {
        out.error = QStringLiteral("no free name for the repaired file");
        return out;
    }
    // Written under a temporary name the scanner ignores, renamed when whole.
    const QFileInfo fi(final);
    const QString temp = fi.absolutePath() + QLatin1Char('/') + fi.completeBaseName() + QStringLiteral(".recovering")
        + repairedExtension(o);
    mp4::removeWriterOutput(temp);
    RepairParams p;
    p.inputPath = o.target;
    p.referencePath = o.reference;
    p.outputPath = temp;
    p.creationTimeUs = QFileInfo(o.target).lastModified().toMSecsSinceEpoch() * 1000;
    p.cancel = options.cancel;
    p.makeWriter = options.makeWriter;
    p.progress = options.progress;
    auto r = repairMp4(p);
    if (!r) {
        mp4::removeWriterOutput(temp);
        // A stop says "cancelled" like every other kind (the wizard tells a
        // stop from a failure by it).
        out.error = r.error().code == ErrorCode::Cancelled ? QStringLiteral("cancelled") : r.message();
        return out;
    }
    if (auto v = verifyPlayable(temp); !v) {
        mp4::removeWriterOutput(temp);
        out.error = QStringLiteral("the repaired file does not open: %1").arg(v.message());
        return out;
    }
    if (auto s = renameFile(temp, final, false); !s) {
        out.error = s.message();
        return out;
    }
    (void)syncDirectory(fi.absolutePath());
    out.ok = true;
    out.output = final;
    out.notes << r->summary();
    out.notes << r->notes;
    double longest = 0;
    for (const RepairedTrack &t : r->tracks)
        longest = std::max(longest, t.seconds);
    out.durationSec = longest;
    return out;
}

} // namespace tapedeck::recovery

// tapedeck recover PATH... [--out DIR] [--dry-run] [--keep] [--fps N] [--reference FILE] [--json] [--quiet]
//                          [--scan-default]

#include "app/Cli.h"
#include "core/base/Redact.h"
#include "core/app/Settings.h"
#include "core/io/Paths.h"
#include "core/recovery/Recover.h"
#include "core/recovery/RepairOrphan.h"
#include "core/recovery/Scanner.h"
#include "core/app/StartupScan.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <unistd.h>

namespace tapedeck::cli {
namespace {

using namespace tapedeck::recovery;

void printLine(std::FILE *f, const QString &line)
{
    // displayPath: a byte of a file name that is not UTF-8 prints as \xNN
    // (toUtf8 would make it '?').
    const QByteArray b = (displayPath(line) + u'\n').toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), f);
}

// The progress line of a long rebuild, on a terminal only: rewritten in
// place ("\r"), at most once per percent, and wiped before the result is
// printed so the result lines stay clean.
class ProgressLine {
public:
    explicit ProgressLine(bool enabled) : m_enabled(enabled) {}
    void start(const QString &name)
    {
        m_name = name;
        m_percent = -1;
    }
    void update(qint64 done, qint64 total)
    {
        if (!m_enabled || total <= 0)
            return;
        const int percent = int(std::min<qint64>(100, done * 100 / total));
        if (percent == m_percent)
            return;
        m_percent = percent;
        write(QStringLiteral("\r%1: %2 %").arg(m_name).arg(percent, 3));
    }
    void clear()
    {
        if (!m_enabled || m_percent < 0)
            return;
        write(QStringLiteral("\r%1\r").arg(QString(m_name.size() + 8, u' ')));
        m_percent = -1;
    }

private:
    void write(const QString &text)
    {
        const QByteArray b = displayPath(text).toUtf8();
        std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
        std::fflush(stderr);
    }
    bool m_enabled;
    QString m_name;
    int m_percent = -1;
};

QString humanSize(qint64 b)
{
    if (b >= (qint64(1) << 30))
        return QStringLiteral("%1 GB").arg(double(b) / (qint64(1) << 30), 0, 'f', 2);
    if (b >= (1 << 20))
        return QStringLiteral("%1 MB").arg(double(b) / (1 << 20), 0, 'f', 1);
    if (b >= 1024)
        return QStringLiteral("%1 KB").arg(double(b) / 1024, 0, 'f', 1);
    return QStringLiteral("%1 bytes").arg(b);
}

// "30", "29.97", "30000/1001" -> a rational frame rate.
bool parseFps(const QString &text, int *num, int *den)
{
    if (text.contains(QLatin1Char('/'))) {
        bool a = false, b = false;
        const int n = text.section(QLatin1Char('/'), 0, 0).toInt(&a);
        const int d = text.section(QLatin1Char('/'), 1, 1).toInt(&b);
        if (!a || !b || n <= 0 || d <= 0)
            return false;
        *num = n;
        *den = d;
    } else {
        bool ok = false;
        const double f = text.toDouble(&ok);
        if (!ok || !(f > 0))
            return false;
        // Common NTSC rates are written 29.97, 59.94, 23.976.
        const double ntsc = f * 1.001;
        if (std::abs(ntsc - std::round(ntsc)) < 0.01 && std::abs(f - std::round(f)) > 0.01) {
            *num = int(std::round(ntsc)) * 1000;
            *den = 1001;
        } else if (std::abs(f - std::round(f)) < 1e-9) {
            *num = int(std::round(f));
            *den = 1;
        } else {
            *num = int(std::round(f * 1000));
            *den = 1000;
        }
    }
    const double fps = double(*num) / *den;
    return fps >= 1 && fps <= 480;
}

// The `result` of a recording another process owns.
QString ownerResult(const OwnerInfo &who)
{
    return who.owner == FileOwner::Recording ? QStringLiteral("being-recorded") : QStringLiteral("being-recovered");
}

QString describe(const Orphan &o)
{
    QStringList parts;
    if (!o.tracks.empty()) {
        QStringList t;
        for (const TrackSummary &s : o.tracks)
            t << (s.codec.isEmpty() ? s.kind : s.codec)
                    + (s.detail.isEmpty() ? QString() : QLatin1Char(' ') + s.detail);
        parts << t.join(QLatin1String(" + "));
    }
    if (o.durationSec >= 0)
        parts << QStringLiteral("%1 s").arg(o.durationSec, 0, 'f', 2);
    parts << humanSize(o.sizeBytes);
    return parts.join(QLatin1String(", "));
}

} // namespace

ExitCode runRecover(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Find orphaned recordings (after a crash) and rebuild them."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Files or folders to scan (folders recursively)."),
                            QStringLiteral("PATH..."));
    const QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Write rebuilt files to DIR."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption dryOpt(QStringLiteral("dry-run"), QStringLiteral("Only list what would be rebuilt."));
    const QCommandLineOption keepOpt(QStringLiteral("keep"), QStringLiteral("Keep the originals after rebuilding."));
    const QCommandLineOption fpsOpt(
        QStringLiteral("fps"), QStringLiteral("Frame rate for raw H.264 whose SPS has none (30, 29.97, 30000/1001)."),
        QStringLiteral("N"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("One JSON object per orphan on stdout."));
    const QCommandLineOption quietOpt({QStringLiteral("q"), QStringLiteral("quiet")},
                                      QStringLiteral("No progress line while rebuilding."));
    const QCommandLineOption defOpt(
        QStringLiteral("scan-default"),
        QStringLiteral("Scan the recordings folder from the settings (lists only; implies --dry-run)."));
    const QCommandLineOption refOpt(
        QStringLiteral("reference"),
        QStringLiteral("A healthy MP4/MOV from the same recorder, for repairing MP4s without index "
                       "(default: picked from the files beside them)."),
        QStringLiteral("FILE"));
    p.addOptions({outOpt, dryOpt, keepOpt, fpsOpt, refOpt, jsonOpt, quietOpt, defOpt});
    QString parseError;
    if (!parseArguments(p, QStringLiteral("tapedeck recover"), args, &parseError)) {
        printLine(stderr, QStringLiteral("tapedeck recover: %1").arg(parseError));
        return ExitCode::Usage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        printLine(stdout, p.helpText());
        return ExitCode::Ok;
    }
    ScanParams scan;
    scan.paths = p.positionalArguments();
    const bool scanDefault = p.isSet(defOpt);
    if (scanDefault) {
        const Settings settings;
        // No recordings folder yet simply means nothing to find.
        for (const QString &folder : startupScanParams(settings).paths)
            if (QFileInfo(folder).isDir())
                scan.paths << folder;
        if (scan.paths.isEmpty()) {
            printLine(stdout, QStringLiteral("no recordings folder yet: nothing to recover"));
            return ExitCode::Ok;
        }
    }
    if (scan.paths.isEmpty()) {
        printLine(stderr, QStringLiteral("tapedeck recover: give at least one file or folder (or --scan-default)"));
        printLine(stderr, p.helpText());
        return ExitCode::Usage;
    }
    RecoverOptions opt;
    opt.outDir = p.value(outOpt);
    if (p.isSet(outOpt) && opt.outDir.isEmpty()) {
        printLine(stderr, QStringLiteral("tapedeck recover: --out needs a folder name"));
        return ExitCode::Usage;
    }
    opt.keep = p.isSet(keepOpt);
    if (p.isSet(fpsOpt) && !parseFps(p.value(fpsOpt), &opt.fpsNum, &opt.fpsDen)) {
        printLine(
            stderr,
            QStringLiteral("tapedeck recover: --fps wants a frame rate between 1 and 480 (30, 29.97, 30000/1001)"));
        return ExitCode::Usage;
    }
    const QString reference = p.value(refOpt);
    if (!reference.isEmpty() && !QFileInfo(reference).isFile()) {
        printLine(stderr, QStringLiteral("tapedeck recover: --reference %1: no such file").arg(reference));
        return ExitCode::Usage;
    }
    const bool dryRun = p.isSet(dryOpt) || scanDefault;
    const bool json = p.isSet(jsonOpt);
    // The progress line goes to stderr, so it never mixes with --json on stdout.
    ProgressLine progress(!p.isSet(quietOpt) && isatty(STDERR_FILENO));
    opt.progress = [&progress](qint64 done, qint64 total) { progress.update(done, total); };

    ScanResult res = scanPaths(scan);
    std::sort(res.orphans.begin(), res.orphans.end(),
              [](const Orphan &a, const Orphan &b) { return a.target < b.target; });
    for (const QString &e : res.errors)
        printLine(stderr, QStringLiteral("tapedeck recover: %1").arg(e));

    // Owned by a live recording or a running recovery: listed, never touched,
    // and not a failure (docs/recovery.md, "Ownership").
    for (const Orphan &o : res.inUse) {
        if (json) {
            QJsonObject j = toJson(o);
            j[QStringLiteral("result")] = ownerResult(o.owner);
            printLine(stdout, QString::fromUtf8(QJsonDocument(j).toJson(QJsonDocument::Compact)));
        } else {
            printLine(stdout, QStringLiteral("[%1] %2 %3").arg(ownerResult(o.owner), kindName(o.kind), o.target));
            printLine(stdout, QStringLiteral("    %1").arg(o.reason));
        }
    }
    int failures = 0;
    for (Orphan &o : res.orphans) {
        applyFrameRateOption(o, opt);
        applyReference(o, reference);
        QJsonObject j;
        if (dryRun || !o.rebuildable()) {
            const QString planned = plannedOutput(o, opt);
            if (const QString note = outputNameNote(o, planned); !note.isEmpty())
                o.notes << note;
            j = toJson(o, planned);
            j[QStringLiteral("result")] = o.verdict == Verdict::Empty ? QStringLiteral("would-clear")
                : o.rebuildable()                                     ? QStringLiteral("would-rebuild")
                                                                      : QStringLiteral("cannot-rebuild");
            if (!o.rebuildable())
                ++failures;
            if (!json) {
                printLine(stdout,
                          QStringLiteral("[%1] %2 %3 (%4)")
                              .arg(verdictName(o.verdict), kindName(o.kind), o.target, describe(o)));
                printLine(stdout, QStringLiteral("    %1").arg(o.reason));
                for (const QString &n : o.notes)
                    printLine(stdout, QStringLiteral("    note: %1").arg(n));
                if (o.verdict == Verdict::Empty)
                    printLine(stdout,
                              QStringLiteral("    nothing to rebuild; %1")
                                  .arg(opt.keep ? QStringLiteral("would be kept (--keep)")
                                                : QStringLiteral("its file(s) would be removed")));
                else if (o.rebuildable())
                    printLine(stdout, QStringLiteral("    would rebuild -> %1").arg(planned));
                else
                    printLine(stdout, QStringLiteral("    cannot be rebuilt"));
            }
        } else {
            progress.start(QStringLiteral("rebuilding %1").arg(QFileInfo(o.target).fileName()));
            const RecoverOutcome r = recoverOrphan(o, opt);
            progress.clear();
            j = toJson(o, r.output);
            const bool skipped = r.heldBy.owned();
            j[QStringLiteral("result")] = skipped ? ownerResult(r.heldBy)
                : r.alreadyDone                   ? QStringLiteral("already-done")
                : r.cleared                       ? QStringLiteral("cleared")
                : r.ok                            ? QStringLiteral("rebuilt")
                                                  : QStringLiteral("failed");
            if (!r.ok && !skipped)
                ++failures;
            if (!r.ok)
                j[QStringLiteral("error")] = r.error;
            if (r.durationSec >= 0)
                j[QStringLiteral("duration")] = r.durationSec;
            QJsonArray notes = j.value(QStringLiteral("notes")).toArray();
            for (const QString &n : r.notes)
                notes.append(n);
            if (!notes.isEmpty())
                j[QStringLiteral("notes")] = notes;
            j[QStringLiteral("removed")] = QJsonArray::fromStringList(r.removed);
            if (!json) {
                printLine(stdout,
                          QStringLiteral("[%1] %2 %3 (%4)")
                              .arg(verdictName(o.verdict), kindName(o.kind), o.target, describe(o)));
                if (skipped) {
                    printLine(stdout, QStringLiteral("    %1").arg(r.error));
                } else if (r.alreadyDone) {
                    printLine(stdout, QStringLiteral("    already done by another process; nothing left to rebuild"));
                } else if (r.cleared) {
                    printLine(stdout, QStringLiteral("    nothing to rebuild"));
                } else if (r.ok) {
                    printLine(stdout,
                              QStringLiteral("    rebuilt -> %1%2")
                                  .arg(r.output,
                                       r.durationSec >= 0 ? QStringLiteral(" (%1 s)").arg(r.durationSec, 0, 'f', 3)
                                                          : QString()));
                } else {
                    printLine(stdout, QStringLiteral("    FAILED: %1").arg(r.error));
                }
                // The scan's notes are the plan ("128 bytes at the end will be
                // trimmed"): after a failure nothing of it happened.
                for (const QString &n : (r.ok ? o.notes : QStringList()) + r.notes)
                    printLine(stdout, QStringLiteral("    note: %1").arg(n));
                if (!r.removed.isEmpty() && !r.cleared)
                    printLine(stdout, QStringLiteral("    removed %1 original file(s)").arg(r.removed.size()));
            }
        }
        if (json)
            printLine(stdout, QString::fromUtf8(QJsonDocument(j).toJson(QJsonDocument::Compact)));
        std::fflush(stdout);
    }
    for (const Orphan &o : res.notRecordings) {
        if (json) {
            QJsonObject j = toJson(o);
            j[QStringLiteral("result")] = QStringLiteral("skipped");
            printLine(stdout, QString::fromUtf8(QJsonDocument(j).toJson(QJsonDocument::Compact)));
        } else {
            printLine(stdout, QStringLiteral("[not a recording] %1: %2").arg(o.target, o.reason));
        }
    }
    if (!json) {
        const qint64 rebuildable = std::count_if(res.orphans.cbegin(), res.orphans.cend(), [](const Orphan &o) {
            return o.rebuildable() && o.verdict != Verdict::Empty;
        });
        printLine(
            stdout,
            QStringLiteral(
                "%1 file(s) scanned: %2 orphan(s) (%3 rebuildable), %4 complete recording(s), %5 not a recording%6%7")
                .arg(res.filesSeen)
                .arg(res.orphans.size())
                .arg(rebuildable)
                .arg(res.healthyFiles)
                .arg(res.notRecordings.size())
                .arg(res.inUse.empty() ? QString()
                                       : QStringLiteral(", %1 in use by another process").arg(res.inUse.size()))
                .arg(failures ? QStringLiteral("; %1 could not be rebuilt").arg(failures) : QString()));
    }
    std::fflush(stdout);
    if (scanDefault && p.positionalArguments().isEmpty())
        return ExitCode::Ok; // a notice, not a failure
    return failures > 0 || !res.errors.isEmpty() ? ExitCode::Failed : ExitCode::Ok;
}

} // namespace tapedeck::cli

#pragma once
// Rebuilding one orphan, with the output rules every kind shares:
//  - the rebuilt file takes the original name (X.mp4) when it is free, else
//    X.recovered.mp4 (then X.recovered-2.mp4, ...): nothing existing is ever
//    overwritten;
//  - it is written under a temporary name of its own run
//    (X.recovering.<pid>-<random>.mp4, created exclusively), fsync'd,
//    reopened with libavformat, and only then renamed into place;
//  - the originals are removed only after that (never with `keep`);
//  - a rerun after an interruption produces the same bytes: outputs carry no
//    "now" (creation times come from the orphan), and an identical file
//    already in place from the interrupted run is reused, not duplicated.

#include "core/writer/Writer.h"
#include "core/recovery/Orphan.h"

#include <atomic>
#include <functional>
#include <memory>

namespace tapedeck::recovery {

struct RecoverOptions {
    QString outDir;             // empty: beside the orphan
    bool keep = false;          // keep the originals
    int fpsNum = 0, fpsDen = 1; // --fps: used when the stream's frame rate is unknown
    const std::atomic_bool *cancel = nullptr;
    std::function<std::unique_ptr<ContainerWriter>()> makeWriter; // default: makeMp4Writer
    // How far the rebuild is, for kinds that can tell (today the MP4-without-
    // index repair: its scan of the media data, then its writing). Called on
    // the rebuilding thread, `done` never goes down, and a rebuild that
    // succeeds ends with done == total. Kinds that cannot tell never call it
    // (the wizard then watches the output grow).
    std::function<void(qint64 done, qint64 total)> progress;
};

struct RecoverOutcome {
    bool ok = false;
    // ok: another process had already rebuilt it (or nothing was left to do).
    bool alreadyDone = false;
    // Not ok, not a failure: another process records or recovers it (the
    // error says which); nothing was touched.
    OwnerInfo heldBy;
    QString output;      // the rebuilt file
    QString error;       // why it could not be rebuilt
    QStringList notes;   // what was inferred, dropped, reused
    QStringList removed; // originals deleted
    // ok, no output: the orphan held nothing (Verdict::Empty) and its files
    // were removed (or kept, with --keep).
    bool cleared = false;
    double durationSec = -1;
};

// Fills in the frame rate from `--fps` where the scan found none.
void applyFrameRateOption(Orphan &o, const RecoverOptions &options);

// The name the rebuilt file would get if rebuilt now (for --dry-run).
QString plannedOutput(const Orphan &o, const RecoverOptions &options);

// "X.mp4 already exists: the rebuilt file will be named X.recovered-2.mp4" when
// `output` (planned or made) does not take the orphan's own name; else empty.
QString outputNameNote(const Orphan &o, const QString &output);

// Locks every file of the orphan first (FileLock, role Recovery: waits a
// few seconds for another recovery, never for a recording), looks at it
// again under the locks, and only then rebuilds. Temporary files get unique
// names, are created exclusively and locked; a result that does not open is
// never committed.
RecoverOutcome recoverOrphan(const Orphan &o, const RecoverOptions &options);

// libavformat can open the file and finds at least one stream.
Status verifyPlayable(const QString &path);
// The same, returning the duration in seconds (-1 when the file has none).
Result<double> probePlayable(const QString &path);

} // namespace tapedeck::recovery

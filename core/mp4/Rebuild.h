#pragma once
// Turning a sidecar set into the final MP4 — the one function used by a clean
// stop (Mp4Writer::finish) and by recovery. Cost is O(index): the moov goes
// into the room reserved at the front of NAME.mp4.mdat, or after the media when
// the room is too small; then the data file is renamed. No media byte is
// copied unless `copyMedia` or `forceMoovFirst` asks for it, or the output is
// on another filesystem than the sidecars (a rename cannot cross it).

#include "core/io/File.h"
#include "core/mp4/Sidecar.h"

#include <QString>

#include <functional>
#include <memory>

namespace tapedeck::mp4 {

enum class MoovPlacement {
    Front,       // in the reserved room: moov before mdat, no copy
    End,         // after the media: valid MP4, but not "fast start"
    FrontCopied, // forceMoovFirst made a moov-first copy (O(media))
};
QString placementName(MoovPlacement p);

struct RebuildOptions {
    // Where the MP4 goes; empty = NAME.mp4 of the set (recovery may say
    // NAME.recovered.mp4).
    QString outputPath;
    // Replace an existing file at outputPath. Off: fail with AlreadyExists and
    // touch nothing.
    bool overwrite = false;
    // Delete .info and .trackN after the final file is safely in place.
    bool deleteSidecars = true;
    // Leave the sidecar set untouched: copy .mdat into the output (O(media))
    // instead of finishing it in place and renaming it.
    bool copyMedia = false;
    // When the moov does not fit the reserved room, copy the media to get a
    // moov-first file anyway (O(media)); off: the moov goes after the media.
    bool forceMoovFirst = false;
    // Refuse to build from a Damaged set (Partial is always accepted).
    bool refuseDamaged = false;
    // Checks the finished file before it is committed (renamed into place):
    // on an error nothing is renamed or deleted and the set stays a set.
    std::function<Status(const QString &path)> validate;
    // copyMedia only: outputPath is the caller's own fresh temporary name;
    // write it directly (created exclusively) instead of through OUTPUT.partial.
    bool writeOutputDirectly = false;
    // Test seam: every write of the rebuild goes through this budget.
    std::shared_ptr<IoFaultInjector> faults;
};

struct RebuildReport {
    QString outputPath;
    SidecarReport input; // what the reader found (verdict, counts, reasons)
    MoovPlacement placement = MoovPlacement::Front;
    quint64 moovSize = 0;
    quint64 reservedSize = 0;
    quint64 fileSize = 0;
    QString summary() const;
};

// `infoPathOrFinalPath`: NAME.mp4 or any member of its sidecar set.
// Errors: NotFound (no sidecar set), Corrupt (Unusable set, or Damaged with
// refuseDamaged), AlreadyExists (output exists, overwrite off), Io/DiskFull.
// On error the sidecar set is left in a state this function can rebuild again.
Result<RebuildReport> rebuildMp4(const QString &infoPathOrFinalPath, const RebuildOptions &options = {});

} // namespace tapedeck::mp4

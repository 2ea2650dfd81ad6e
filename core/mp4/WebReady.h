#pragma once
// "Make web-ready": moves the header (moov) of a finished MP4 in front of its
// media, without decoding or re-encoding anything (docs/recording.md). An
// open-ended recording that outgrew the room reserved for its header ends
// with the header after the media; a player plays it, but a web server
// streaming it progressively must send the end first. This step writes
// `ftyp moov mdat…` to a temporary file created exclusively beside the
// original, fsyncs it, and renames it over the original: an interrupted run
// leaves the original as it was.

#include "core/base/Result.h"
#include "core/io/File.h"

#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace tapedeck::mp4 {

struct WebReadyOptions {
    // Polled between blocks; true = stop, leave the original, remove the copy.
    const std::atomic_bool *cancel = nullptr;
    // Bytes copied so far and in all (called from the working thread).
    std::function<void(qint64 done, qint64 total)> progress;
    // Test seam: every write to the new file goes through this budget.
    std::shared_ptr<IoFaultInjector> faults;
};

struct WebReadyReport {
    QString path;
    bool alreadyWebReady = false; // nothing to do: the header was already first
    quint64 moovSize = 0;         // the rewritten header
    quint64 fileSize = 0;         // the file now
    QString summary() const;      // one line for the CLI and the GUI
};

// True when the MP4's header (moov) comes after its first media box (mdat).
// Errors: not a readable, complete MP4.
Result<bool> headerAfterMedia(const QString &path);

// The temporary name beside `path` that makeWebReady writes (one per
// original; a leftover of an interrupted run is replaced by the next run).
QString webReadyTempPath(const QString &path);

// Errors: InUse (a live recording or another web-ready owns the file),
// Unsupported (fragmented or otherwise not a plain MP4), Corrupt (boxes that
// do not add up, a chunk offset outside the media), Io/DiskFull, Cancelled.
// On any error the original is untouched and the temporary file is gone.
Result<WebReadyReport> makeWebReady(const QString &path, const WebReadyOptions &options = {});

} // namespace tapedeck::mp4

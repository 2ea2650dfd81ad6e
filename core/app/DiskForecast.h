#pragma once
// How long the disks last: free space and time left at the current bitrates
// for every folder being recorded into (the status bar and the cards show it).
//
// Two folders on one filesystem share its free space, so the time left of
// each is the free space above the reserve divided by the bitrate of every
// recording on that filesystem, not only the folder's own. The arithmetic is
// pure (a function of figures handed in) so tests can give it any disk.

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace tapedeck {

// A recording's share of the load: where it writes and how fast.
struct DiskLoad {
    QString folder;        // absolute
    QString volume;        // the filesystem it is on (any id: same id, same free space)
    qint64 bitrateBps = 0; // recent bitrate, bits per second
};

struct DiskForecast {
    QString folder;
    QString volume;
    qint64 freeBytes = -1; // -1: unknown
    qint64 reserveBytes = 0;
    qint64 bitrateBps = 0;  // every recording on the same volume
    int recordings = 0;     // into this folder
    qint64 warnSeconds = 0; // warn when fewer seconds than this are left

    // Seconds until the reserve is reached at bitrateBps: 0 at or below the
    // reserve, -1 when it cannot be said (free space unknown, or nothing
    // flowing yet).
    qint64 secondsLeft() const;
    bool belowReserve() const { return freeBytes >= 0 && freeBytes < reserveBytes; }
    // Worth a warning: fewer than warnSeconds left at the current rate, or
    // (rate unknown) below twice the reserve and within 256 MB of it.
    bool low() const;
};

// One forecast per folder of `loads` (in the order first seen), each with the
// summed bitrate of its volume. `freeBytes` answers for a folder (nullopt:
// unknown).
std::vector<DiskForecast> forecastDisks(const std::vector<DiskLoad> &loads,
                                        const std::function<std::optional<qint64>(const QString &)> &freeBytes,
                                        qint64 reserveBytes, qint64 warnSeconds);

// The id of the filesystem `folder` is on (its mount point and device), or
// the folder itself when that cannot be told.
QString volumeOf(const QString &folder);

} // namespace tapedeck

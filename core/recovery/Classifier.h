#pragma once
// Turns a list of files into orphans. Reads only headers and indexes (box
// headers, the first 64 KiB of a raw H.264 stream, ADTS frame headers,
// sidecar index records); never modifies anything.

#include "core/recovery/Orphan.h"

#include <atomic>
#include <functional>

namespace tapedeck::recovery {

using ScanProgress = std::function<void(qint64 done, qint64 total)>;

// `files`: absolute paths of regular files. Grouping is by name (a sidecar
// set, a .h264/.aac pair), classification by content.
// A recording another process owns (core/io/FileLock.h) goes to `inUse`
// unclassified; `heldByUs` are files the caller itself holds locked (a
// recovery re-checking its orphan under its own locks).
ScanResult classifyFiles(const QStringList &files, const std::atomic_bool *cancel = nullptr,
                         const ScanProgress &progress = {}, const QStringList &heldByUs = {});

// Each classifier on its own (also used by the fuzz and corpus tests).
Orphan classifySidecarSet(const QString &finalPath, const QStringList &members);
Orphan classifyRaw(const QString &target, const QString &h264Path, const QString &aacPath);
Orphan classifyTs(const QString &path);
Orphan classifyFlv(const QString &path);
// Sets *healthy when the MP4 is complete (has a moov).
Orphan classifyMp4(const QString &path, bool *healthy);

// Frame rate of the first video track of a complete MP4, {0,1} when unknown.
std::pair<int, int> mp4FrameRate(const QString &path);

// The file names recovery itself writes while it works (never orphans).
bool isRecoveryTempPath(const QString &path);

// A name recovery takes by its name alone: a file of a sidecar set
// (mp4::isSidecarPath: NAME.mp4.info, .mdat, .trackN) or half of a raw pair
// (.h264, .aac). What a window accepts when such a file is dropped on it.
bool isRecoveryInputName(const QString &path);

} // namespace tapedeck::recovery

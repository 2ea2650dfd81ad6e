#pragma once
// The recordings library: what a folder of recordings holds, one entry per
// recording with its chunks grouped under it, and what state each is in.
//
// Names (core/writer/ChunkedOutput): a recording is BASE.ext, or chunks
// BASE_part0000.ext, BASE_part0001.ext, ..., or BASE.ext followed by the
// continuations BASE_2.ext, BASE_3.ext (the source changed its codec set-up).
// An MP4 chunk still being written (or left by a crash) is a sidecar set
// (BASE.mp4.info, .mdat, .trackN) with no BASE.mp4 yet. The wizard's rebuilt
// files are BASE.mp4 or BASE.recovered.mp4 / BASE.recovered-N.mp4.
//
// State is never guessed:
//  - Recording: a live process holds a lock on one of its files (FileLock),
//  - Unfinished: a chunk is still sidecars and nobody holds them (the
//    recovery wizard rebuilds it),
//  - Damaged: a finished file that libavformat cannot open,
//  - Recovered: the wizard rebuilt it (a RecoveredIndex entry, the
//    ".recovered" name, or the source tag a repair writes),
//  - Finished otherwise.
//
// Everything here may block on the disk: call it off the GUI thread.

#include "core/base/MediaTypes.h"
#include "core/base/Result.h"
#include "core/io/FileLock.h"
#include "core/record/RecordParams.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace tapedeck {

enum class LibraryState { Recording, Finished, Recovered, Unfinished, Damaged };

// "recording", "finished", "recovered", "unfinished", "damaged"
QString libraryStateName(LibraryState s);

// How one file name of a folder belongs to a recording.
struct NameParts {
    bool recording = false;     // a recording's file or sidecar at all
    QString base;               // BASE (the recording's name, no extension)
    QString extension;          // "mp4", "ts", "flv"
    QString chunk;              // the chunk's own file name (BASE_part0001.mp4)
    int part = 0;               // 0 for BASE.ext, N for _partN, N-1 for _N
    bool chunked = false;       // a _partNNNN name
    bool continuation = false;  // a _N name (only a continuation when BASE.ext exists)
    bool sidecar = false;       // .info/.mdat/.trackN of an MP4 chunk
    bool marks = false;         // NAME.ts.marks / NAME.flv.marks: gaps and markers of a TS/FLV chunk
    bool recoveredName = false; // BASE.recovered.mp4, BASE.recovered-2.mp4
};
NameParts parseRecordingName(const QString &fileName);

// A chapter of an MP4 or a line of a TS/FLV file's marks (a marker the
// user dropped, or a gap in the source).
struct LibraryMarker {
    qint64 atMs = 0; // from the start of its file
    QString title;
    bool gap = false; // a gap in the source rather than the user's marker
    bool operator==(const LibraryMarker &) const = default;
};

struct LibraryChunk {
    QString path;         // the chunk's file (may not exist yet: sidecars only)
    QStringList sidecars; // its sidecar files that exist
    QString marksFile;    // TS/FLV: NAME.ext.marks when it exists (moves, goes with the chunk)
    int part = 0;
    qint64 sizeBytes = 0;   // of the file and its sidecars
    qint64 durationMs = -1; // -1: unknown (still recording, or damaged)
    bool exists = false;    // the chunk file itself is there
    bool recovered = false;
    QString problem;                    // why it does not open
    OwnerInfo owner;                    // who holds it now
    std::vector<LibraryMarker> markers; // its chapters or marks, without the implicit first one at 0
    // The chunk file, its sidecars and its marks file: everything that is
    // renamed, trashed and deleted with it.
    QStringList allFiles() const;
};

struct LibraryEntry {
    QString key;    // folder/BASE.ext: stable across rescans
    QString folder; // absolute
    QString name;   // BASE
    ContainerType format = ContainerType::Mp4;
    std::vector<LibraryChunk> chunks; // in part order
    QDateTime started;
    qint64 durationMs = -1;
    qint64 sizeBytes = 0;
    QString source; // as the recording says (credential-free), empty when unknown
    LibraryState state = LibraryState::Finished;
    OwnerInfo owner; // set when another process (or this one) holds a file
    QString problem; // Damaged / Unfinished: in words
    QStringList allFiles() const;
    // The first chunk that can be played (a finished file), or empty.
    QString firstPlayable() const;
};

// What libavformat says about one finished file.
struct FileProbe {
    bool ok = false;
    QString problem;
    qint64 durationMs = -1; // the same figure the recovery wizard shows
    QString source;         // the "comment" tag the writers store
    QDateTime created;      // "creation_time" when the file has one
    bool hasVideo = false;
    std::vector<LibraryMarker> chapters; // as libavformat reads them (MP4: chpl)
};
FileProbe probeRecordingFile(const QString &path);

// Probes are kept per path while the file's size and time are unchanged, so
// a rescan after each new chunk only opens the new one. Thread-safe.
class ProbeCache {
public:
    FileProbe probe(const QString &path);
    void clear();

private:
    struct Cached {
        qint64 size = -1;
        qint64 mtimeMs = -1;
        FileProbe probe;
    };
    QMutex m_lock;
    QHash<QString, Cached> m_cache;
};

// The files the recovery wizard produced: a small JSON list beside the
// settings (a rebuilt MP4 is byte for byte what a clean stop writes, so only
// this memory tells them apart). Renames and deletes through the library keep
// it in step.
inline constexpr const char *kRecoveredIndexFileName = "recovered-recordings.json"; // beside the settings

class RecoveredIndex {
public:
    explicit RecoveredIndex(QString path) : m_path(std::move(path)) {}
    QSet<QString> load() const; // absolute paths that still exist
    void add(const QStringList &paths);
    void rename(const QString &from, const QString &to);
    void remove(const QStringList &paths);
    QString path() const { return m_path; }

private:
    void store(const QStringList &paths) const;
    QString m_path;
};

// One folder (not recursive), grouped into recordings, newest first.
std::vector<LibraryEntry> scanLibraryFolder(const QString &folder, ProbeCache *cache = nullptr,
                                            const QSet<QString> &recovered = {},
                                            const std::atomic_bool *cancel = nullptr);

// A small picture of the first keyframe of `path` (its first video stream),
// at most maxWidth wide. Empty when the file has no decodable video.
std::optional<PreviewFrame> decodeThumbnail(const QString &path, int maxWidth = 160);

// Who holds a file of `entry` right now, asked of the disk again (not the
// scan's answer, which may be seconds old).
OwnerInfo currentOwner(const LibraryEntry &entry);

// Renames every file of a finished recording to `newName` (chunk numbers and
// extensions kept). Refused while any file is held by a live process, for an
// unfinished sidecar set, for a name that is not a plain file name, and when
// any target exists; the files are locked while they move, so a recording
// cannot start on them meanwhile. On failure part-way, what moved is moved back.
Result<QStringList> renameRecording(const LibraryEntry &entry, const QString &newName);

// Moves every file of the recording to the trash (QFile::moveToTrash),
// refused like renameRecording while held. Returns the files trashed; on a
// failure the files not yet trashed stay where they are.
Result<QStringList> trashRecording(const LibraryEntry &entry);

// Deletes every file of a finished recording for good (retention: the trash
// would keep the bytes on the same disk). Refused like renameRecording while
// any file is held or a chunk is still sidecars; the files are locked while
// they go. Returns the files deleted.
Result<QStringList> deleteRecordingFiles(const LibraryEntry &entry);

} // namespace tapedeck

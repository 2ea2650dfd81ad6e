#pragma once
// Who owns a file on disk (docs/recovery.md, "Ownership").
//
// A recording holds an open-file-description lock (fcntl F_OFD_SETLK) on the
// files it writes for as long as it writes them; a recovery holds one on the
// orphan it rebuilds and on its own temporary files. The kernel drops a lock
// when its holder closes the file or dies, SIGKILL included, so "orphan"
// means exactly "on disk and not locked", and a killed recording is
// recoverable at once.
//
// OFD locks (not classic POSIX locks) because they belong to the open file,
// not the process: closing another descriptor of the same file does not drop
// them, and two descriptors in one process exclude each other like two
// processes do (the GUI can run a recording and a wizard side by side).
//
// Two bytes of the file tell the owners apart; a lock may lie past the end
// of the file and never touches its data:
//   byte 0  a recording (taken together with byte 1, so it excludes a recovery)
//   byte 1  a recovery
// The "since" of an owner is the birth time of the locked file (statx
// btime): when the recording (or chunk) started. Filesystems without a birth
// time give no "since".

#include "core/base/Result.h"

#include <QDateTime>
#include <QString>

namespace tapedeck {

enum class FileOwner {
    None,      // nobody holds it: free to rebuild (or nothing is there)
    Recording, // a live recording writes it
    Recovery,  // a recovery is rebuilding it
};

struct OwnerInfo {
    FileOwner owner = FileOwner::None;
    qint64 sinceMs = -1; // ms since the epoch, -1 when unknown
    bool owned() const { return owner != FileOwner::None; }
    // "being recorded by another process (since 09:31:02)"
    QString describe() const;
};

// Who holds `path` right now. Never blocks, never changes anything; opens
// only regular files (a FIFO or device gives None).
OwnerInfo fileOwner(const QString &path);
// The first owned path of `paths` (a sidecar set is owned when any member is).
OwnerInfo firstOwner(const QStringList &paths, QString *ownedPath = nullptr);

class FileLock {
public:
    enum class Role { Recording, Recovery };

    FileLock() = default;
    ~FileLock();
    FileLock(FileLock &&other) noexcept;
    FileLock &operator=(FileLock &&other) noexcept;
    FileLock(const FileLock &) = delete;
    FileLock &operator=(const FileLock &) = delete;

    // Locks the existing regular file `path`. When somebody else holds it,
    // retries for up to `waitMs`, then fails with ErrorCode::InUse (the
    // message says who holds it and since when; `*holder` gets the same).
    // The lock is checked to be on the file that is at `path` now (a rename
    // or a delete between open and lock is retried), so it never guards a
    // file that is already gone. NotFound when there is no file.
    static Result<FileLock> acquire(const QString &path, Role role, int waitMs = 0, OwnerInfo *holder = nullptr);

    // Writes the small file `path` atomically (temp file, fsync, rename, fsync
    // folder), like writeFileAtomically, but owned from its first byte: the
    // temporary file is locked for a recording before anything is written,
    // and the lock, which belongs to the file and not to its name, comes
    // along through the rename. A recording's first file is so never seen
    // unowned, not even as `path.tmp` (docs/recovery.md, "Ownership").
    static Result<FileLock> createAtomically(const QString &path, const QByteArray &data, int waitMs = 0);
    bool isLocked() const { return m_fd >= 0; }
    const QString &path() const { return m_path; }
    // Drops the lock now (the destructor does the same).
    void release();

private:
    int m_fd = -1;
    QString m_path;
};

} // namespace tapedeck

#pragma once
// POSIX file output with the guarantees the crash-safe writers need: every
// write is written fully or reported, fsync is explicit, ENOSPC is reported as
// DiskFull, and a test seam can make writes fail after N bytes.

#include "core/base/Result.h"

#include <QString>

#include <atomic>
#include <functional>
#include <limits>
#include <memory>

namespace tapedeck {

// Shared by every file of one recording. Tells when its I/O last moved, and
// is a test seam: after `budget` bytes in total the next write fails
// (partially written, like a real full disk); fsyncs can be held.
class IoFaultInjector {
public:
    explicit IoFaultInjector(qint64 budgetBytes = std::numeric_limits<qint64>::max(), ErrorCode code = ErrorCode::Io)
        : m_remaining(budgetBytes), m_code(code)
    {}
    // Returns how many of `want` bytes may be written; fewer means "then fail".
    qint64 allow(qint64 want);
    ErrorCode code() const { return m_code; }
    // Called before every fsync of a file opened with this injector: a test
    // can block it there, like a disk that stops answering (NFS, a dying USB
    // stick). Set before the files are opened.
    void setBeforeSync(std::function<void(const QString &path)> hook) { m_beforeSync = std::move(hook); }
    void beforeSync(const QString &path) const
    {
        if (m_beforeSync)
            m_beforeSync(path);
    }
    // When a write or an fsync through this injector last completed (steady
    // clock, ms; 0: never). A session's shutdown deadline counts from here:
    // a finish that is still writing (an MP4 moved to put its header first)
    // is waited for, a disk that stopped answering is not.
    void noteProgress();
    qint64 lastProgressMs() const { return m_lastProgressMs.load(std::memory_order_relaxed); }
    // How many write system calls (pwrite, pwritev) went through this
    // injector: a test checks that gathered writes reach the kernel in one call.
    void noteWriteCall() { m_writeCalls.fetch_add(1, std::memory_order_relaxed); }
    qint64 writeCalls() const { return m_writeCalls.load(std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_lastProgressMs{0};
    std::atomic<qint64> m_writeCalls{0};
    std::atomic<qint64> m_remaining;
    ErrorCode m_code;
    std::function<void(const QString &path)> m_beforeSync;
};

enum class CreateMode {
    NewOnly,      // O_EXCL: fail with AlreadyExists if the path exists
    Truncate,     // replace an existing file
    OpenExisting, // open for reading and writing, keep contents
    CreateOrOpen, // create if missing, keep contents (lock first, then truncate)
};

class OutputFile {
public:
    OutputFile() = default;
    ~OutputFile();
    OutputFile(OutputFile &&other) noexcept;
    OutputFile &operator=(OutputFile &&other) noexcept;
    OutputFile(const OutputFile &) = delete;
    OutputFile &operator=(const OutputFile &) = delete;

    static Result<OutputFile> open(const QString &path, CreateMode mode, std::shared_ptr<IoFaultInjector> faults = {});

    bool isOpen() const { return m_fd >= 0; }
    const QString &path() const { return m_path; }

    // Appends at the current end of file.
    Status write(const void *data, qint64 size);
    // Appends several pieces with one system call where it can (pwritev).
    struct Piece {
        const void *data;
        qint64 size;
    };
    Status writePieces(const Piece *pieces, int count);
    // Writes at an absolute offset (does not move the append position).
    Status writeAt(qint64 offset, const void *data, qint64 size);
    Status sync();
    // Starts writing the file's dirty pages to disk without waiting
    // (sync_file_range), so that the next sync() finds little left to do and
    // the disk works while the caller goes on. Durability still comes only
    // from sync(); an error here is ignored (sync() reports it).
    void startWriteback();
    Status truncate(qint64 size);
    Status close();
    qint64 size() const { return m_size; }

private:
    Status writeImpl(qint64 offset, const void *data, qint64 size, bool append);
    // pwrite(2) of `allowed` bytes (the injector's budget already taken),
    // then an error if that was fewer than `size`.
    Status writeGranted(qint64 offset, const void *data, qint64 size, qint64 allowed);

    int m_fd = -1;
    QString m_path;
    qint64 m_size = 0;
    qint64 m_writebackFrom = 0; // bytes before this were handed to startWriteback()
    std::shared_ptr<IoFaultInjector> m_faults;
};

// fsync() on a directory, so a rename inside it survives a power cut.
Status syncDirectory(const QString &dirPath);
// Creating folders durably: makeDirectories() in core/io/Paths.h.
// rename(2); refuses to replace an existing target unless `replace` is set.
Status renameFile(const QString &from, const QString &to, bool replace);
// Writes a small file atomically: temp file, fsync, rename, fsync folder.
Status writeFileAtomically(const QString &path, const QByteArray &data);
// Free bytes on the filesystem holding `path` (or its nearest existing parent).
Result<qint64> freeDiskBytes(const QString &path);

Error errnoError(int err, const QString &what);

} // namespace tapedeck

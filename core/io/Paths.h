#pragma once
// File names as the kernel sees them, and opening only what recovery may read.
//
// A Linux file name is bytes. QFile::encodeName/decodeName go through UTF-8
// and turn bytes that are not valid UTF-8 into U+FFFD, so a recording named
// with such bytes (a Latin-1 folder, a name from a foreign camera) could be
// listed but never opened, renamed or removed again. encodePath/decodePath
// round-trip every byte: valid UTF-8 decodes as usual (the same QString as
// QFile::decodeName), and each byte that is not part of valid UTF-8 becomes
// the lone surrogate U+DC80+byte (Python's "surrogateescape"), which
// encodePath turns back into that byte. Code that touches files named by a
// user or found on disk goes through these (or the helpers below), never
// through QFile/QFileInfo/QDir, which would use the lossy conversion.

#include "core/base/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <sys/stat.h>

namespace tapedeck {

QByteArray encodePath(const QString &path);
QString decodePath(const QByteArray &bytes);
// Text for messages: escaped bytes are shown as \xNN, so a message never
// carries a lone surrogate (which toUtf8() would turn into '?').
QString displayPath(const QString &path);

// lstat(2): the entry itself, a symbolic link is not followed.
bool lstatPath(const QString &path, struct stat *st);
// An entry of any type exists under this name (a dangling link counts: its
// name is taken).
bool pathExists(const QString &path);
// A regular file, not a link to one.
bool isRegularFile(const QString &path);
// Size of a regular file (not followed through a link), else -1.
qint64 regularFileSize(const QString &path);
// unlink(2).
bool removePath(const QString &path);
// "a FIFO", "a symbolic link to /x", "a folder": what a non-regular entry is,
// for messages. Empty for a regular file or a missing one.
QString describeSpecialFile(const QString &path);

// mkdir -p. Each folder it creates is made durable (its parent is synced).
// The error carries the OS reason ("Read-only file system", "Permission
// denied") and the folder that could not be made.
Status makeDirectories(const QString &dir);

struct DirEntry {
    QString name;         // decoded with decodePath
    bool regular = false; // a regular file (lstat; links are not followed)
};
// The entries of `dir` except . and .., unsorted. Empty when unreadable.
std::vector<DirEntry> listDirectory(const QString &dir);

// A read-only file descriptor for a regular file only. Opened with
// O_NONBLOCK (a FIFO never blocks the open) and O_NOFOLLOW (a symbolic link
// is refused, never read through), then checked with fstat. Errors name the
// file and what it is ("is a FIFO, not a regular file").
class InputFile {
public:
    InputFile() = default;
    ~InputFile();
    InputFile(InputFile &&other) noexcept;
    InputFile &operator=(InputFile &&other) noexcept;
    InputFile(const InputFile &) = delete;
    InputFile &operator=(const InputFile &) = delete;

    static Result<InputFile> open(const QString &path);

    int fd() const { return m_fd; }
    qint64 size() const { return m_size; }
    // Up to `n` bytes at `offset` (fewer at the end of the file or on error;
    // `n` is clamped to what the file holds, so a hostile size cannot make it
    // allocate more than the file).
    QByteArray readAt(qint64 offset, qint64 n) const;

private:
    int m_fd = -1;
    qint64 m_size = 0;
};

} // namespace tapedeck

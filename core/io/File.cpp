#include "core/io/File.h"
#include "core/io/Paths.h"
#include "core/io/SyncStats.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/uio.h>
#include <unistd.h>

namespace tapedeck {

qint64 IoFaultInjector::allow(qint64 want)
{
    qint64 cur = m_remaining.load();
    while (true) {
        const qint64 grant = std::max<qint64>(0, std::min(cur, want));
        if (m_remaining.compare_exchange_weak(cur, cur - grant))
            return grant;
    }
}

void IoFaultInjector::noteProgress()
{
    const qint64 now =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    m_lastProgressMs.store(now, std::memory_order_relaxed);
}

Error errnoError(int err, const QString &what)
{
    const ErrorCode code = (err == ENOSPC || err == EDQUOT) ? ErrorCode::DiskFull
        : err == EEXIST                                     ? ErrorCode::AlreadyExists
        : err == ENOENT                                     ? ErrorCode::NotFound
                                                            : ErrorCode::Io;
    QString msg = QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(err)));
    if (code == ErrorCode::DiskFull)
        msg += QStringLiteral(" (the disk is full)");
    return Error{code, msg};
}

OutputFile::~OutputFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

OutputFile::OutputFile(OutputFile &&o) noexcept
    : m_fd(o.m_fd), m_path(std::move(o.m_path)), m_size(o.m_size), m_writebackFrom(o.m_writebackFrom),
      m_faults(std::move(o.m_faults))
{
    o.m_fd = -1;
}

OutputFile &OutputFile::operator=(OutputFile &&o) noexcept
{
    if (this != &o) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = o.m_fd;
        m_path = std::move(o.m_path);
        m_size = o.m_size;
        m_writebackFrom = o.m_writebackFrom;
        m_faults = std::move(o.m_faults);
        o.m_fd = -1;
    }
    return *this;
}

Result<OutputFile> OutputFile::open(const QString &path, CreateMode mode, std::shared_ptr<IoFaultInjector> faults)
{
    int flags = O_CLOEXEC;
    switch (mode) {
    case CreateMode::NewOnly:
        flags |= O_RDWR | O_CREAT | O_EXCL;
        break;
    case CreateMode::Truncate:
        flags |= O_RDWR | O_CREAT | O_TRUNC;
        break;
    case CreateMode::OpenExisting:
        flags |= O_RDWR;
        break;
    case CreateMode::CreateOrOpen:
        flags |= O_RDWR | O_CREAT;
        break;
    }
    const QByteArray native = encodePath(path);
    const int fd = ::open(native.constData(), flags, 0644);
    if (fd < 0)
        return errnoError(errno, QStringLiteral("cannot open %1").arg(path));
    OutputFile f;
    f.m_fd = fd;
    f.m_path = path;
    f.m_faults = std::move(faults);
    struct stat st {};
    if (::fstat(fd, &st) == 0)
        f.m_size = st.st_size;
    return f;
}

Status OutputFile::write(const void *data, qint64 size) { return writeImpl(m_size, data, size, true); }

Status OutputFile::writePieces(const Piece *pieces, int count)
{
    if (m_fd < 0)
        return makeError(ErrorCode::Io, QStringLiteral("%1 is not open").arg(m_path));
    if (m_faults) {
        // Every recording writes through an injector (it tracks progress), so
        // the budget is asked once for the whole batch: when it covers it, the
        // batch goes out in one pwritev as without an injector. Only a budget
        // that runs out inside the batch (a fault test) goes piece by piece,
        // writing exactly as many bytes as the budget allows, then failing.
        qint64 total = 0;
        for (int i = 0; i < count; ++i)
            total += pieces[i].size;
        qint64 left = m_faults->allow(total);
        if (left < total) {
            for (int i = 0; i < count; ++i) {
                const qint64 grant = std::min(left, pieces[i].size);
                left -= grant;
                if (auto s = writeGranted(m_size, pieces[i].data, pieces[i].size, grant); !s)
                    return s;
            }
            return {};
        }
    }
    constexpr int kMaxIov = 1024; // IOV_MAX on Linux
    struct iovec iov[kMaxIov];
    int i = 0;
    while (i < count) {
        int n = 0;
        qint64 total = 0;
        for (; n < kMaxIov && i + n < count; ++n) {
            iov[n].iov_base = const_cast<void *>(pieces[i + n].data);
            iov[n].iov_len = size_t(pieces[i + n].size);
            total += pieces[i + n].size;
        }
        const ssize_t w = ::pwritev(m_fd, iov, n, off_t(m_size));
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return errnoError(errno, QStringLiteral("cannot write %1").arg(m_path));
        if (m_faults) {
            m_faults->noteWriteCall();
            m_faults->noteProgress();
        }
        if (w == total) {
            m_size += w;
            i += n;
            continue;
        }
        // A short write: account for what went out, finish piece by piece.
        m_size += w;
        qint64 left = w;
        while (left >= pieces[i].size) {
            left -= pieces[i].size;
            ++i;
        }
        // (the budget for these bytes was granted above)
        const qint64 rest = pieces[i].size - left;
        if (auto s = writeGranted(m_size, static_cast<const char *>(pieces[i].data) + left, rest, rest); !s)
            return s;
        ++i;
    }
    return {};
}

Status OutputFile::writeAt(qint64 offset, const void *data, qint64 size)
{
    return writeImpl(offset, data, size, false);
}

Status OutputFile::writeImpl(qint64 offset, const void *data, qint64 size, bool append)
{
    if (m_fd < 0)
        return makeError(ErrorCode::Io, QStringLiteral("%1 is not open").arg(m_path));
    Q_UNUSED(append);
    return writeGranted(offset, data, size, m_faults ? m_faults->allow(size) : size);
}

Status OutputFile::writeGranted(qint64 offset, const void *data, qint64 size, qint64 allowed)
{
    if (m_fd < 0)
        return makeError(ErrorCode::Io, QStringLiteral("%1 is not open").arg(m_path));
    const char *p = static_cast<const char *>(data);
    qint64 done = 0;
    while (done < allowed) {
        const ssize_t n = ::pwrite(m_fd, p + done, size_t(allowed - done), off_t(offset + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            if (offset + done > m_size)
                m_size = offset + done;
            return errnoError(err, QStringLiteral("cannot write %1").arg(m_path));
        }
        done += n;
        if (m_faults) {
            m_faults->noteWriteCall();
            m_faults->noteProgress();
        }
    }
    if (offset + done > m_size)
        m_size = offset + done;
    if (done < size) {
        const int err = m_faults && m_faults->code() == ErrorCode::DiskFull ? ENOSPC : EIO;
        return errnoError(err, QStringLiteral("cannot write %1").arg(m_path));
    }
    return {};
}

void OutputFile::startWriteback()
{
    if (m_fd < 0 || m_size <= m_writebackFrom)
        return;
    // From where the last call stopped: a rewritten header (writeAt) before
    // that point is covered by the next sync() anyway.
    (void)::sync_file_range(m_fd, off_t(m_writebackFrom), off_t(m_size - m_writebackFrom), SYNC_FILE_RANGE_WRITE);
    m_writebackFrom = m_size;
}

Status OutputFile::sync()
{
    if (m_fd < 0)
        return {};
    if (m_faults)
        m_faults->beforeSync(m_path);
    const auto began = std::chrono::steady_clock::now();
    const int rc = ::fsync(m_fd);
    const int err = errno;
    recordSyncLatency(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - began).count());
    if (rc != 0)
        return errnoError(err, QStringLiteral("cannot flush %1 to disk").arg(m_path));
    if (m_faults)
        m_faults->noteProgress();
    return {};
}

Status OutputFile::truncate(qint64 size)
{
    if (::ftruncate(m_fd, off_t(size)) != 0)
        return errnoError(errno, QStringLiteral("cannot truncate %1").arg(m_path));
    m_size = size;
    return {};
}

Status OutputFile::close()
{
    if (m_fd < 0)
        return {};
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0)
        return errnoError(errno, QStringLiteral("cannot close %1").arg(m_path));
    return {};
}

Status syncDirectory(const QString &dirPath)
{
    const QByteArray native = encodePath(dirPath.isEmpty() ? QStringLiteral(".") : dirPath);
    const int fd = ::open(native.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errnoError(errno, QStringLiteral("cannot open folder %1").arg(dirPath));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0 && err != EINVAL) // some filesystems do not sync directories
        return errnoError(err, QStringLiteral("cannot flush folder %1").arg(dirPath));
    return {};
}

Status renameFile(const QString &from, const QString &to, bool replace)
{
    const QByteArray a = encodePath(from);
    const QByteArray b = encodePath(to);
    if (!replace) {
        // One atomic step where the filesystem has it: link+unlink leaves a
        // moment (and, after a crash or power cut, a state on disk) with both
        // names, which recovery would then rebuild into a second copy.
        if (::renameat2(AT_FDCWD, a.constData(), AT_FDCWD, b.constData(), RENAME_NOREPLACE) == 0)
            return {};
        if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
            return errnoError(errno, QStringLiteral("cannot create %1").arg(to));
        // Fallback: link+unlink also never replaces the target.
        if (::link(a.constData(), b.constData()) != 0)
            return errnoError(errno, QStringLiteral("cannot create %1").arg(to));
        if (::unlink(a.constData()) != 0)
            return errnoError(errno, QStringLiteral("cannot remove %1").arg(from));
        return {};
    }
    if (::rename(a.constData(), b.constData()) != 0)
        return errnoError(errno, QStringLiteral("cannot rename %1 to %2").arg(from, to));
    return {};
}

Status writeFileAtomically(const QString &path, const QByteArray &data)
{
    const QString tmp = path + QStringLiteral(".tmp");
    auto f = OutputFile::open(tmp, CreateMode::Truncate);
    if (!f)
        return f.error();
    if (auto s = f->write(data.constData(), data.size()); !s)
        return s;
    if (auto s = f->sync(); !s)
        return s;
    if (auto s = f->close(); !s)
        return s;
    if (auto s = renameFile(tmp, path, true); !s)
        return s;
    return syncDirectory(QFileInfo(path).absolutePath());
}

Result<qint64> freeDiskBytes(const QString &path)
{
    QFileInfo fi(path);
    QString probe = fi.absoluteFilePath();
    while (!pathExists(probe)) {
        const QString parent = QFileInfo(probe).absolutePath();
        if (parent == probe)
            break;
        probe = parent;
    }
    struct statvfs st {};
    if (::statvfs(encodePath(probe).constData(), &st) != 0)
        return errnoError(errno, QStringLiteral("cannot read free space of %1").arg(probe));
    return qint64(st.f_bavail) * qint64(st.f_frsize);
}

} // namespace tapedeck

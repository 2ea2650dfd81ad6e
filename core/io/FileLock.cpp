#include "core/io/FileLock.h"

#include "core/io/File.h"
#include "core/io/Paths.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tapedeck {

namespace {

constexpr off_t kRecordingByte = 0;
constexpr off_t kRecoveryByte = 1;

bool rangeLockedByOthers(int fd, off_t start)
{
    struct flock fl {};
    fl.l_type = F_WRLCK;
    fl.l_whence = SEEK_SET;
    fl.l_start = start;
    fl.l_len = 1;
    fl.l_pid = 0; // required to be 0 for OFD requests
    if (::fcntl(fd, F_OFD_GETLK, &fl) != 0)
        return false;
    return fl.l_type != F_UNLCK;
}

qint64 birthTimeMs(int fd)
{
    struct statx stx {};
    if (::statx(fd, "", AT_EMPTY_PATH, STATX_BTIME, &stx) != 0 || !(stx.stx_mask & STATX_BTIME))
        return -1;
    return qint64(stx.stx_btime.tv_sec) * 1000 + stx.stx_btime.tv_nsec / 1000000;
}

OwnerInfo ownerOfFd(int fd)
{
    OwnerInfo info;
    if (rangeLockedByOthers(fd, kRecordingByte))
        info.owner = FileOwner::Recording;
    else if (rangeLockedByOthers(fd, kRecoveryByte))
        info.owner = FileOwner::Recovery;
    if (info.owner == FileOwner::Recording) // a recovery's file was born long before it
        info.sinceMs = birthTimeMs(fd);
    return info;
}

// Opens a regular file without following a symlink and without blocking on
// a FIFO; -1 with errno otherwise.
int openRegular(const QByteArray &native, int access)
{
    const int fd = ::open(native.constData(), access | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
    if (fd < 0)
        return -1;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        errno = EINVAL;
        return -1;
    }
    return fd;
}

bool stillAtPath(int fd, const QByteArray &native)
{
    struct stat a {
    }, b{};
    return ::fstat(fd, &a) == 0 && ::lstat(native.constData(), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

} // namespace

QString OwnerInfo::describe() const
{
    QString what;
    switch (owner) {
    case FileOwner::None:
        return QStringLiteral("not in use");
    case FileOwner::Recording:
        what = QStringLiteral("being recorded by another process");
        break;
    case FileOwner::Recovery:
        what = QStringLiteral("being recovered by another process");
        break;
    }
    if (sinceMs > 0)
        what += QStringLiteral(" (since %1)")
                    .arg(QDateTime::fromMSecsSinceEpoch(sinceMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    return what;
}

OwnerInfo fileOwner(const QString &path)
{
    const int fd = openRegular(encodePath(path), O_RDONLY);
    if (fd < 0)
        return {};
    const OwnerInfo info = ownerOfFd(fd);
    ::close(fd);
    return info;
}

OwnerInfo firstOwner(const QStringList &paths, QString *ownedPath)
{
    for (const QString &p : paths) {
        const OwnerInfo o = fileOwner(p);
        if (o.owned()) {
            if (ownedPath)
                *ownedPath = p;
            return o;
        }
    }
    return {};
}

FileLock::~FileLock() { release(); }

FileLock::FileLock(FileLock &&o) noexcept : m_fd(o.m_fd), m_path(std::move(o.m_path)) { o.m_fd = -1; }

FileLock &FileLock::operator=(FileLock &&o) noexcept
{
    if (this != &o) {
        release();
        m_fd = o.m_fd;
        m_path = std::move(o.m_path);
        o.m_fd = -1;
    }
    return *this;
}

void FileLock::release()
{
    if (m_fd >= 0)
        ::close(m_fd); // closing the only descriptor of the description drops the lock
    m_fd = -1;
}

Result<FileLock> FileLock::acquire(const QString &path, Role role, int waitMs, OwnerInfo *holder)
{
    const QByteArray native = encodePath(path);
    QDeadlineTimer deadline(std::max(0, waitMs));
    while (true) {
        // A recovery of a read-only file (--keep from read-only media) can
        // only take a shared lock; it still keeps any recording out.
        int fd = openRegular(native, O_RDWR);
        bool shared = false;
        if (fd < 0 && role == Role::Recovery && (errno == EACCES || errno == EROFS || errno == EPERM)) {
            fd = openRegular(native, O_RDONLY);
            shared = true;
        }
        if (fd < 0) {
            const int err = errno;
            if (err == EINVAL)
                return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 is not a regular file").arg(path));
            return errnoError(err, QStringLiteral("cannot open %1").arg(path));
        }
        struct flock fl {};
        fl.l_type = shared ? F_RDLCK : F_WRLCK;
        fl.l_whence = SEEK_SET;
        fl.l_start = role == Role::Recording ? kRecordingByte : kRecoveryByte;
        fl.l_len = role == Role::Recording ? 2 : 1;
        fl.l_pid = 0;
        if (::fcntl(fd, F_OFD_SETLK, &fl) == 0) {
            if (stillAtPath(fd, native)) {
                FileLock lock;
                lock.m_fd = fd;
                lock.m_path = path;
                return lock;
            }
            // Renamed or deleted between open and lock: lock what is there now.
            ::close(fd);
            if (!pathExists(path))
                return makeError(ErrorCode::NotFound, QStringLiteral("%1 is gone").arg(path));
            continue;
        }
        const int err = errno;
        if (err != EAGAIN && err != EACCES) {
            ::close(fd);
            return errnoError(err, QStringLiteral("cannot lock %1").arg(path));
        }
        const OwnerInfo who = ownerOfFd(fd);
        ::close(fd);
        if (deadline.hasExpired() || (role == Role::Recovery && who.owner == FileOwner::Recording)) {
            // A recording is never waited for: it may run for hours.
            if (holder)
                *holder = who;
            return makeError(
                ErrorCode::InUse,
                QStringLiteral("%1 is %2")
                    .arg(path, who.owned() ? who.describe() : QStringLiteral("in use by another process")));
        }
        QThread::msleep(50);
    }
}

Result<FileLock> FileLock::createAtomically(const QString &path, const QByteArray &data, int waitMs)
{
    const QString tmp = path + QStringLiteral(".tmp");
    // CreateOrOpen, then lock, then truncate: a stale temp file of a stopped
    // run is reused, one a live recording holds is refused.
    auto f = OutputFile::open(tmp, CreateMode::CreateOrOpen);
    if (!f)
        return f.error();
    auto lock = acquire(tmp, Role::Recording, waitMs);
    if (!lock)
        return lock.error();
    const auto written = [&]() -> Status {
        if (auto s = f->truncate(0); !s)
            return s;
        if (auto s = f->write(data.constData(), data.size()); !s)
            return s;
        if (auto s = f->sync(); !s)
            return s;
        return f->close();
    }();
    if (!written) {
        removePath(tmp);
        return written.error();
    }
    if (auto s = renameFile(tmp, path, true); !s) {
        removePath(tmp);
        return s.error();
    }
    lock->m_path = path;
    if (auto s = syncDirectory(QFileInfo(path).absolutePath()); !s) {
        removePath(path);
        return s.error();
    }
    return lock;
}

} // namespace tapedeck

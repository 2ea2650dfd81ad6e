#include "core/io/Paths.h"

#include "core/io/File.h"

#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <utility>

namespace tapedeck {

namespace {

constexpr char16_t kEscapeBase = 0xDC00; // U+DC80..U+DCFF stand for bytes 0x80..0xFF

// Length of the valid UTF-8 sequence at p[0..n), or 0 when it is not one
// (overlong forms, encoded surrogates and code points above U+10FFFF are
// invalid, so every escaped byte is one that strict UTF-8 rejects).
int validSequence(const unsigned char *p, qsizetype n, char32_t *cp)
{
    const unsigned char b = p[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    int len = 0;
    char32_t v = 0;
    char32_t min = 0;
    if ((b & 0xE0) == 0xC0) {
        len = 2;
        v = b & 0x1F;
        min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
        len = 3;
        v = b & 0x0F;
        min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
        len = 4;
        v = b & 0x07;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (int i = 1; i < len; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (p[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

void appendUtf8(QByteArray &out, char32_t c)
{
    if (c < 0x80) {
        out.append(char(c));
    } else if (c < 0x800) {
        out.append(char(0xC0 | (c >> 6)));
        out.append(char(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.append(char(0xE0 | (c >> 12)));
        out.append(char(0x80 | ((c >> 6) & 0x3F)));
        out.append(char(0x80 | (c & 0x3F)));
    } else {
        out.append(char(0xF0 | (c >> 18)));
        out.append(char(0x80 | ((c >> 12) & 0x3F)));
        out.append(char(0x80 | ((c >> 6) & 0x3F)));
        out.append(char(0x80 | (c & 0x3F)));
    }
}

QString fileType(mode_t m)
{
    if (S_ISFIFO(m))
        return QStringLiteral("a FIFO (named pipe)");
    if (S_ISLNK(m))
        return QStringLiteral("a symbolic link");
    if (S_ISDIR(m))
        return QStringLiteral("a folder");
    if (S_ISSOCK(m))
        return QStringLiteral("a socket");
    if (S_ISCHR(m) || S_ISBLK(m))
        return QStringLiteral("a device");
    return QStringLiteral("not a regular file");
}

} // namespace

QByteArray encodePath(const QString &path)
{
    QByteArray out;
    out.reserve(path.size());
    const char16_t *s = reinterpret_cast<const char16_t *>(path.utf16());
    const qsizetype n = path.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t u = s[i];
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
            appendUtf8(out, 0x10000 + ((char32_t(u) - 0xD800) << 10) + (char32_t(s[i + 1]) - 0xDC00));
            ++i;
        } else if (u >= kEscapeBase + 0x80 && u <= kEscapeBase + 0xFF) {
            out.append(char(u - kEscapeBase)); // an escaped byte
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            appendUtf8(out, 0xFFFD); // a lone surrogate decodePath never makes
        } else {
            appendUtf8(out, u);
        }
    }
    return out;
}

QString decodePath(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size());
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    for (qsizetype i = 0; i < n;) {
        char32_t cp = 0;
        const int len = validSequence(p + i, n - i, &cp);
        if (len == 0) {
            out.append(QChar(char16_t(kEscapeBase + p[i])));
            ++i;
            continue;
        }
        if (cp >= 0x10000) {
            out.append(QChar(char16_t(0xD800 + ((cp - 0x10000) >> 10))));
            out.append(QChar(char16_t(0xDC00 + ((cp - 0x10000) & 0x3FF))));
        } else {
            out.append(QChar(char16_t(cp)));
        }
        i += len;
    }
    return out;
}

QString displayPath(const QString &path)
{
    QString out;
    out.reserve(path.size());
    for (qsizetype i = 0; i < path.size(); ++i) {
        const char16_t u = path.at(i).unicode();
        const bool pair = QChar::isHighSurrogate(u) && i + 1 < path.size() && path.at(i + 1).isLowSurrogate();
        if (pair) {
            out.append(path.at(i));
            out.append(path.at(++i));
        } else if (u >= kEscapeBase + 0x80 && u <= kEscapeBase + 0xFF) {
            out.append(QStringLiteral("\\x%1").arg(int(u - kEscapeBase), 2, 16, QLatin1Char('0')));
        } else if (QChar::isSurrogate(u)) {
            out.append(QChar(QChar::ReplacementCharacter));
        } else {
            out.append(path.at(i));
        }
    }
    return out;
}

bool lstatPath(const QString &path, struct stat *st) { return ::lstat(encodePath(path).constData(), st) == 0; }

bool pathExists(const QString &path)
{
    struct stat st {};
    return lstatPath(path, &st);
}

bool isRegularFile(const QString &path)
{
    struct stat st {};
    return lstatPath(path, &st) && S_ISREG(st.st_mode);
}

qint64 regularFileSize(const QString &path)
{
    struct stat st {};
    if (!lstatPath(path, &st) || !S_ISREG(st.st_mode))
        return -1;
    return qint64(st.st_size);
}

bool removePath(const QString &path) { return ::unlink(encodePath(path).constData()) == 0; }

QString describeSpecialFile(const QString &path)
{
    struct stat st {};
    if (!lstatPath(path, &st) || S_ISREG(st.st_mode))
        return QString();
    if (S_ISLNK(st.st_mode)) {
        QByteArray target(4096, '\0');
        const ssize_t n = ::readlink(encodePath(path).constData(), target.data(), size_t(target.size()));
        if (n > 0)
            return QStringLiteral("a symbolic link to %1").arg(displayPath(decodePath(target.left(n))));
    }
    return fileType(st.st_mode);
}

Status makeDirectories(const QString &dir)
{
    const QByteArray native = encodePath(dir);
    if (native.isEmpty())
        return {};
    struct stat st {};
    if (::stat(native.constData(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return {};
        return makeError(
            ErrorCode::AlreadyExists,
            QStringLiteral("cannot create the folder %1: a file of that name exists").arg(displayPath(dir)));
    }
    // Parents first, each step reporting its own failure.
    qsizetype cut = native.size();
    while (cut > 0 && native[cut - 1] == '/')
        --cut;
    const qsizetype slash = native.lastIndexOf('/', cut - 1);
    if (slash > 0)
        if (auto s = makeDirectories(decodePath(native.left(slash))); !s)
            return s;
    if (::mkdir(native.left(cut).constData(), 0777) != 0) {
        if (errno != EEXIST)
            return errnoError(errno, QStringLiteral("cannot create the folder %1").arg(displayPath(dir)));
        return {};
    }
    // The new folder's name is synced into its parent, or a power cut takes
    // the folder and every file in it, however often those were synced.
    return syncDirectory(slash > 0 ? decodePath(native.left(slash)) : QStringLiteral("/"));
}

std::vector<DirEntry> listDirectory(const QString &dir)
{
    std::vector<DirEntry> out;
    const QByteArray native = encodePath(dir.isEmpty() ? QStringLiteral(".") : dir);
    DIR *d = ::opendir(native.constData());
    if (!d)
        return out;
    while (const dirent *e = ::readdir(d)) {
        const QByteArray name(e->d_name);
        if (name == "." || name == "..")
            continue;
        DirEntry de;
        de.name = decodePath(name);
        struct stat st {};
        const QByteArray full = native + '/' + name;
        de.regular = ::lstat(full.constData(), &st) == 0 && S_ISREG(st.st_mode);
        out.push_back(std::move(de));
    }
    ::closedir(d);
    return out;
}

InputFile::~InputFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

InputFile::InputFile(InputFile &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_size(std::exchange(other.m_size, 0))
{}

InputFile &InputFile::operator=(InputFile &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

Result<InputFile> InputFile::open(const QString &path)
{
    const QString shown = displayPath(path);
    const int fd = ::open(encodePath(path).constData(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        if (e == ELOOP) // O_NOFOLLOW on a symbolic link
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1 is %2, not a regular file; recovery only reads and changes real files")
                                 .arg(shown, describeSpecialFile(path)));
        return errnoError(e, QStringLiteral("cannot open %1").arg(shown));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int e = errno;
        ::close(fd);
        return errnoError(e, QStringLiteral("cannot read %1").arg(shown));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("%1 is %2, not a regular file; recovery only reads and changes real files")
                             .arg(shown, fileType(st.st_mode)));
    }
    // Regular files ignore O_NONBLOCK for reads; cleared anyway so nothing
    // downstream ever sees EAGAIN.
    const int fl = ::fcntl(fd, F_GETFL);
    if (fl >= 0)
        (void)::fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    InputFile f;
    f.m_fd = fd;
    f.m_size = qint64(st.st_size);
    return f;
}

QByteArray InputFile::readAt(qint64 offset, qint64 n) const
{
    QByteArray out;
    if (m_fd < 0 || offset < 0 || n <= 0 || offset >= m_size)
        return out;
    n = std::min(n, m_size - offset);
    out.resize(qsizetype(n));
    qint64 done = 0;
    while (done < n) {
        const ssize_t r = ::pread(m_fd, out.data() + done, size_t(n - done), off_t(offset + done));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        done += r;
    }
    out.truncate(qsizetype(done));
    return out;
}

} // namespace tapedeck

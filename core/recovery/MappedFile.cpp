#include "core/recovery/MappedFile.h"

#include "core/io/File.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utility>

namespace tapedeck::recovery {

MappedFile::~MappedFile() { reset(); }

MappedFile::MappedFile(MappedFile &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0))
{
}

MappedFile &MappedFile::operator=(MappedFile &&other) noexcept
{
    if (this != &other) {
        reset();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

void MappedFile::reset()
{
    if (m_data && m_size)
        ::munmap(const_cast<uint8_t *>(m_data), m_size);
    m_data = nullptr;
    m_size = 0;
}

Result<MappedFile> MappedFile::open(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errnoError(errno, QStringLiteral("cannot open %1").arg(path));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const int e = errno;
        ::close(fd);
        return errnoError(e, QStringLiteral("cannot read %1").arg(path));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("%1 is not a regular file").arg(path));
    }
    MappedFile m;
    if (st.st_size > 0) {
        void *p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) {
            const int e = errno;
            ::close(fd);
            return errnoError(e, QStringLiteral("cannot map %1").arg(path));
        }
        m.m_data = static_cast<const uint8_t *>(p);
        m.m_size = static_cast<size_t>(st.st_size);
    }
    ::close(fd);
    return m;
}

} // namespace tapedeck::recovery

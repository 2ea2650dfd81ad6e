#include "core/io/MappedFile.h"

#include "core/io/File.h"
#include "core/io/Paths.h"

#include <QFile>

#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace tapedeck::recovery {

MappedFile::~MappedFile() { reset(); }

MappedFile::MappedFile(MappedFile &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0))
{}

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

void MappedFile::release(size_t from, size_t to) const
{
    const size_t page = size_t(::sysconf(_SC_PAGESIZE));
    from = (from + page - 1) / page * page;
    to = std::min(to, m_size) / page * page;
    if (!m_data || from >= to)
        return;
    (void)::madvise(const_cast<uint8_t *>(m_data) + from, to - from, MADV_DONTNEED);
}

Result<MappedFile> MappedFile::open(const QString &path)
{
    // Regular files only: a FIFO named like a recording must not block the
    // scan, and a symbolic link is not followed (recovery renames and
    // removes what it read, so it only reads real files).
    auto in = InputFile::open(path);
    if (!in)
        return in.error();
    MappedFile m;
    if (in->size() > 0) {
        void *p = ::mmap(nullptr, static_cast<size_t>(in->size()), PROT_READ, MAP_SHARED, in->fd(), 0);
        if (p == MAP_FAILED)
            return errnoError(errno, QStringLiteral("cannot map %1").arg(displayPath(path)));
        m.m_data = static_cast<const uint8_t *>(p);
        m.m_size = static_cast<size_t>(in->size());
    }
    return m;
}

} // namespace tapedeck::recovery

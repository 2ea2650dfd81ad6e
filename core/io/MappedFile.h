#pragma once
// A read-only memory map of a whole file. Parsers take (data, size) and the
// kernel reads only the pages they touch, so "read the header" stays cheap
// and a file larger than RAM still works.

#include "core/base/Result.h"

#include <QString>

#include <cstdint>

namespace tapedeck::recovery {

class MappedFile {
public:
    MappedFile() = default;
    ~MappedFile();
    MappedFile(MappedFile &&other) noexcept;
    MappedFile &operator=(MappedFile &&other) noexcept;
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    static Result<MappedFile> open(const QString &path);

    const uint8_t *data() const { return m_data; }
    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    // Drops this process's mapping of the whole pages inside [from, to) (the
    // kernel keeps them in its page cache; touching them again reads them
    // back). A walk over a file far larger than RAM calls it behind itself
    // so that its resident memory stays flat.
    void release(size_t from, size_t to) const;

private:
    void reset();
    const uint8_t *m_data = nullptr;
    size_t m_size = 0;
};

} // namespace tapedeck::recovery

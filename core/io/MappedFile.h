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

private:
    void reset();
    const uint8_t *m_data = nullptr;
    size_t m_size = 0;
};

} // namespace tapedeck::recovery

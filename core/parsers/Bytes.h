#pragma once
// Bounds-checked reading of untrusted bytes. Every parser of user-supplied
// files in recovery goes through these: offsets and sizes are 64-bit, every
// addition is overflow-checked, and a read past the end fails instead of
// touching memory that is not there.

#include <cstddef>
#include <cstdint>
#include <optional>

namespace tapedeck::recovery {

// a + b without wrap-around; nullopt on overflow or on a negative operand.
inline std::optional<int64_t> checkedAdd(int64_t a, int64_t b)
{
    int64_t r = 0;
    if (a < 0 || b < 0 || __builtin_add_overflow(a, b, &r))
        return std::nullopt;
    return r;
}

inline std::optional<int64_t> checkedMul(int64_t a, int64_t b)
{
    int64_t r = 0;
    if (a < 0 || b < 0 || __builtin_mul_overflow(a, b, &r))
        return std::nullopt;
    return r;
}

// True when [offset, offset+size) lies inside [0, total).
inline bool rangeFits(int64_t offset, int64_t size, int64_t total)
{
    const auto end = checkedAdd(offset, size);
    return end && *end <= total;
}

// A cursor over an immutable byte range. Reads fail (return false / nullopt)
// rather than run past the end; the cursor does not move on failure.
class ByteReader {
public:
    ByteReader(const uint8_t *data, size_t size) : m_data(data), m_size(static_cast<int64_t>(size)) {}

    int64_t pos() const { return m_pos; }
    int64_t size() const { return m_size; }
    int64_t remaining() const { return m_size - m_pos; }
    const uint8_t *current() const { return m_data + m_pos; }

    bool skip(int64_t n)
    {
        if (n < 0 || n > remaining())
            return false;
        m_pos += n;
        return true;
    }
    bool seek(int64_t p)
    {
        if (p < 0 || p > m_size)
            return false;
        m_pos = p;
        return true;
    }
    std::optional<uint64_t> be(int bytes)
    {
        if (bytes < 1 || bytes > 8 || bytes > remaining())
            return std::nullopt;
        uint64_t v = 0;
        for (int i = 0; i < bytes; ++i)
            v = (v << 8) | m_data[m_pos + i];
        m_pos += bytes;
        return v;
    }
    std::optional<uint8_t> u8()
    {
        auto v = be(1);
        return v ? std::optional<uint8_t>(uint8_t(*v)) : std::nullopt;
    }
    std::optional<uint16_t> u16()
    {
        auto v = be(2);
        return v ? std::optional<uint16_t>(uint16_t(*v)) : std::nullopt;
    }
    std::optional<uint32_t> u24()
    {
        auto v = be(3);
        return v ? std::optional<uint32_t>(uint32_t(*v)) : std::nullopt;
    }
    std::optional<uint32_t> u32()
    {
        auto v = be(4);
        return v ? std::optional<uint32_t>(uint32_t(*v)) : std::nullopt;
    }
    std::optional<uint64_t> u64() { return be(8); }

private:
    const uint8_t *m_data;
    int64_t m_size;
    int64_t m_pos = 0;
};

// Reads bits MSB-first (H.264 RBSP, ADTS headers). Exp-Golomb codes longer
// than 31 leading zeros are rejected: no valid syntax element needs them.
class BitReader {
public:
    BitReader(const uint8_t *data, size_t size) : m_data(data), m_bits(static_cast<int64_t>(size) * 8) {}

    bool ok() const { return !m_failed; }
    int64_t bitsLeft() const { return m_bits - m_pos; }

    uint32_t bits(int n)
    {
        if (n < 0 || n > 32 || n > bitsLeft()) {
            m_failed = true;
            m_pos = m_bits;
            return 0;
        }
        uint32_t v = 0;
        for (int i = 0; i < n; ++i, ++m_pos)
            v = (v << 1) | ((m_data[m_pos >> 3] >> (7 - (m_pos & 7))) & 1u);
        return v;
    }
    bool flag() { return bits(1) != 0; }
    uint32_t ue()
    {
        int zeros = 0;
        while (!m_failed && bits(1) == 0) {
            if (++zeros > 31) {
                m_failed = true;
                return 0;
            }
        }
        if (m_failed)
            return 0;
        if (zeros == 0)
            return 0;
        return static_cast<uint32_t>((uint64_t(1) << zeros) - 1 + bits(zeros));
    }
    int32_t se()
    {
        const uint32_t k = ue();
        return (k & 1) ? int32_t((k + 1) / 2) : -int32_t(k / 2);
    }

private:
    const uint8_t *m_data;
    int64_t m_bits;
    int64_t m_pos = 0;
    bool m_failed = false;
};

} // namespace tapedeck::recovery

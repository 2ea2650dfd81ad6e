#pragma once
// Tiny append-only byte builders: little-endian for the sidecar files,
// big-endian with nested boxes for ISO BMFF.

#include <QByteArray>
#include <QtGlobal>

#include <utility>
#include <vector>

namespace tapedeck::mp4 {

class LeWriter {
public:
    void raw(const char *p, int n) { m_b.append(p, n); }
    void u32(quint32 v) { put(v, 4); }
    void u64(quint64 v) { put(v, 8); }
    void i64(qint64 v) { put(quint64(v), 8); }
    void blob(const QByteArray &b)
    {
        u32(quint32(b.size()));
        m_b.append(b);
    }
    QByteArray take() { return std::exchange(m_b, QByteArray()); }

private:
    void put(quint64 v, int n)
    {
        for (int i = 0; i < n; ++i)
            m_b.append(char((v >> (8 * i)) & 0xFF));
    }
    QByteArray m_b;
};

class BoxWriter {
public:
    void u8(quint32 v) { m_b.append(char(v & 0xFF)); }
    void u16(quint32 v) { put(v, 2); }
    void u24(quint32 v) { put(v, 3); }
    void u32(quint32 v) { put(v, 4); }
    void u64(quint64 v) { put(v, 8); }
    void fourcc(const char *c) { m_b.append(c, 4); }
    void bytes(const QByteArray &b) { m_b.append(b); }
    void zeros(int n) { m_b.append(QByteArray(n, '\0')); }

    // begin("moov") ... end(): the size is patched when the box ends.
    void begin(const char *type)
    {
        m_open.push_back(m_b.size());
        u32(0);
        fourcc(type);
    }
    void beginFull(const char *type, quint32 version, quint32 flags)
    {
        begin(type);
        u8(version);
        u24(flags);
    }
    void end()
    {
        const int start = m_open.back();
        m_open.pop_back();
        const quint32 size = quint32(m_b.size() - start);
        for (int i = 0; i < 4; ++i)
            m_b[start + i] = char((size >> (24 - 8 * i)) & 0xFF);
    }
    void patch32(int pos, quint32 v)
    {
        for (int i = 0; i < 4; ++i)
            m_b[pos + i] = char((v >> (24 - 8 * i)) & 0xFF);
    }
    int size() const { return m_b.size(); }
    QByteArray take() { return std::exchange(m_b, QByteArray()); }
    const QByteArray &data() const { return m_b; }

private:
    void put(quint64 v, int n)
    {
        for (int i = n - 1; i >= 0; --i)
            m_b.append(char((v >> (8 * i)) & 0xFF));
    }
    QByteArray m_b;
    std::vector<int> m_open;
};

} // namespace tapedeck::mp4

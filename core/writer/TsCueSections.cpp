#include "core/writer/TsCueSections.h"

namespace tapedeck {
namespace {
constexpr int kTs = 188;

int pidOf(const uint8_t *p) { return ((p[1] & 0x1F) << 8) | p[2]; }

// Offset of the payload in a TS packet, or -1 when it has none.
int payloadAt(const uint8_t *p)
{
    const int afc = (p[3] >> 4) & 3;
    if (afc == 1)
        return 4;
    if (afc == 3 && 5 + p[4] <= kTs)
        return 5 + p[4];
    return -1;
}
} // namespace

uint32_t mpegCrc32(const uint8_t *data, size_t size)
{
    uint32_t crc = 0xFFFFFFFF;
    for (size_t i = 0; i < size; ++i) {
        crc ^= uint32_t(data[i]) << 24;
        for (int b = 0; b < 8; ++b)
            crc = (crc & 0x80000000) ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
    }
    return crc;
}

TsCueSections::TsCueSections(std::set<int> cuePids) : m_cuePids(std::move(cuePids)) {}

QByteArray TsCueSections::push(const uint8_t *data, int size)
{
    QByteArray out;
    out.reserve(size + kTs);
    int at = 0;
    if (!m_partial.isEmpty()) {
        const int need = std::min(int(kTs - m_partial.size()), size);
        m_partial.append(reinterpret_cast<const char *>(data), need);
        at = need;
        if (m_partial.size() < kTs)
            return out;
        packet(reinterpret_cast<const uint8_t *>(m_partial.constData()), out);
        m_partial.clear();
    }
    for (; at + kTs <= size; at += kTs)
        packet(data + at, out);
    if (at < size)
        m_partial.append(reinterpret_cast<const char *>(data + at), size - at);
    return out;
}

void TsCueSections::packet(const uint8_t *p, QByteArray &out)
{
    if (p[0] != 0x47) { // not ours to judge: pass it on
        out.append(reinterpret_cast<const char *>(p), kTs);
        return;
    }
    const int pid = pidOf(p);
    const bool start = p[1] & 0x40;
    const int pl = payloadAt(p);
    if (pid == 0 && start && pl >= 0) {
        // The PAT names the PMT PIDs (FFmpeg writes it in one packet).
        const int sec = pl + 1 + p[pl];
        if (sec + 8 <= kTs && p[sec] == 0x00) {
            const int len = ((p[sec + 1] & 0x0F) << 8) | p[sec + 2];
            for (int i = sec + 8; i + 4 <= sec + 3 + len - 4 && i + 4 <= kTs; i += 4)
                if (((p[i] << 8) | p[i + 1]) != 0) // program 0 is the NIT
                    m_pmtPids.insert(((p[i + 2] & 0x1F) << 8) | p[i + 3]);
        }
    }
    if (m_pmtPids.count(pid) && start && pl >= 0) {
        rewritePmt(p, out);
        return;
    }
    if (m_cuePids.count(pid)) {
        cuePacket(pid, p, out);
        return;
    }
    out.append(reinterpret_cast<const char *>(p), kTs);
}

void TsCueSections::rewritePmt(const uint8_t *p, QByteArray &out)
{
    const int pl = payloadAt(p);
    const int sec = pl + 1 + p[pl];
    // A PMT this filter cannot rewrite stays as the muxer wrote it, and so
    // do the cues: sections on a PID the PMT calls private data would be
    // worse than FFmpeg's PES.
    const auto passOn = [&] {
        m_pmtUnchanged = true;
        out.append(reinterpret_cast<const char *>(p), kTs);
    };
    if (sec + 12 > kTs || p[sec] != 0x02)
        return passOn();
    const int len = ((p[sec + 1] & 0x0F) << 8) | p[sec + 2];
    const int end = sec + 3 + len; // CRC included
    if (end > kTs || len < 13)
        return passOn(); // a PMT over more than one packet: left as the muxer wrote it
    const int infoLen = ((p[sec + 10] & 0x0F) << 8) | p[sec + 11];
    if (sec + 12 + infoLen > end - 4)
        return passOn();
    QByteArray info(reinterpret_cast<const char *>(p + sec + 12), infoLen);
    if (!info.contains("CUEI"))
        info.append("\x05\x04"
                    "CUEI",
                    6); // registration_descriptor
    QByteArray es;
    for (int i = sec + 12 + infoLen; i + 5 <= end - 4;) {
        const int esPid = ((p[i + 1] & 0x1F) << 8) | p[i + 2];
        const int esInfo = ((p[i + 3] & 0x0F) << 8) | p[i + 4];
        QByteArray entry(reinterpret_cast<const char *>(p + i), 5 + esInfo);
        if (m_cuePids.count(esPid))
            entry[0] = char(0x86); // SCTE-35 stream type
        es += entry;
        i += 5 + esInfo;
    }
    QByteArray section;
    section.append(reinterpret_cast<const char *>(p + sec), 10); // table id .. PCR PID
    section.append(char(0xF0 | (info.size() >> 8)));
    section.append(char(info.size() & 0xFF));
    section += info + es;
    const int newLen = int(section.size()) - 3 + 4;
    section[1] = char((uint8_t(section[1]) & 0xF0) | (newLen >> 8));
    section[2] = char(newLen & 0xFF);
    const uint32_t crc = mpegCrc32(reinterpret_cast<const uint8_t *>(section.constData()), size_t(section.size()));
    for (int b = 3; b >= 0; --b)
        section.append(char((crc >> (8 * b)) & 0xFF));
    if (sec + section.size() > kTs)
        return passOn();
    QByteArray packet(reinterpret_cast<const char *>(p), sec);
    packet += section;
    packet.append(kTs - packet.size(), char(0xFF));
    out += packet;
}

void TsCueSections::cuePacket(int pid, const uint8_t *p, QByteArray &out)
{
    if (m_pmtUnchanged) {
        out.append(reinterpret_cast<const char *>(p), kTs);
        return;
    }
    const int pl = payloadAt(p);
    if (pl < 0)
        return; // adaptation only: nothing of the cue
    QByteArray &pes = m_pes[pid];
    if (p[1] & 0x40)
        pes.clear();
    else if (pes.isEmpty())
        return; // the rest of a PES whose start we never saw
    pes.append(reinterpret_cast<const char *>(p + pl), kTs - pl);
    if (pes.size() < 9)
        return;
    const auto *b = reinterpret_cast<const uint8_t *>(pes.constData());
    if (b[0] != 0 || b[1] != 0 || b[2] != 1) {
        ++m_malformed;
        pes.clear();
        return;
    }
    const int pesLen = (b[4] << 8) | b[5];
    if (pesLen == 0 || pes.size() < 6 + pesLen)
        return; // FFmpeg gives data PES a length; wait for all of it
    const int dataAt = 9 + b[8];
    const QByteArray section = pes.mid(dataAt, 6 + pesLen - dataAt);
    pes.clear();
    // A splice_info_section (table 0xFC) whose length matches its bytes.
    const auto *s = reinterpret_cast<const uint8_t *>(section.constData());
    if (section.size() < 3 || s[0] != 0xFC || 3 + (((s[1] & 0x0F) << 8) | s[2]) != section.size()) {
        ++m_malformed;
        return;
    }
    emitSection(pid, section, out);
}

void TsCueSections::emitSection(int pid, const QByteArray &section, QByteArray &out)
{
    QByteArray data(1, char(0)); // pointer_field
    data += section;
    bool first = true;
    for (qsizetype at = 0; at < data.size(); at += 184) {
        uint8_t &cc = m_continuity[pid];
        QByteArray pkt;
        pkt.append(char(0x47));
        pkt.append(char((first ? 0x40 : 0) | (pid >> 8)));
        pkt.append(char(pid & 0xFF));
        pkt.append(char(0x10 | cc));
        cc = (cc + 1) & 0x0F;
        pkt += data.mid(at, 184);
        pkt.append(kTs - pkt.size(), char(0xFF)); // stuffing after a section is allowed
        out += pkt;
        first = false;
    }
}

} // namespace tapedeck

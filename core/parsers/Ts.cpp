#include "core/parsers/Ts.h"

#include "core/base/TsMarks.h"

#include <algorithm>

namespace tapedeck::recovery {

namespace {
constexpr int64_t kPacket = 188;
// A zeroed or torn tail longer than this is not a crash tail but damage.
constexpr int64_t kMaxBadTailPackets = 65536;

int pidOf(const uint8_t *p) { return ((p[1] & 0x1f) << 8) | p[2]; }

// Offset of the payload in a packet, or -1 when it has none.
int payloadOffset(const uint8_t *p)
{
    const int afc = (p[3] >> 4) & 3;
    if (!(afc & 1))
        return -1;
    int off = 4;
    if (afc & 2)
        off += 1 + p[4];
    return off < kPacket ? off : -1;
}

// A PSI section that starts in this packet: [begin, end) of the section
// (table_id .. CRC), or false when it does not fit in the packet.
bool sectionInPacket(const uint8_t *p, int *begin, int *end)
{
    if (!(p[1] & 0x40))
        return false;
    const int off = payloadOffset(p);
    if (off < 0)
        return false;
    const int b = off + 1 + p[off]; // pointer_field
    if (b + 3 > kPacket)
        return false;
    const int len = ((p[b + 1] & 0x0f) << 8) | p[b + 2];
    if (len < 9 || b + 3 + len > kPacket)
        return false;
    *begin = b;
    *end = b + 3 + len;
    return true;
}

// The MPEG-2 systems CRC (polynomial 0x04C11DB7, MSB first, no final xor).
uint32_t mpegCrc32(const uint8_t *d, int n)
{
    uint32_t crc = 0xffffffffu;
    for (int i = 0; i < n; ++i) {
        crc ^= uint32_t(d[i]) << 24;
        for (int k = 0; k < 8; ++k)
            crc = (crc & 0x80000000u) ? (crc << 1) ^ 0x04c11db7u : crc << 1;
    }
    return crc;
}

bool isAudioOrVideo(int streamType)
{
    switch (streamType) {
    case 0x01: // MPEG-1 video
    case 0x02: // MPEG-2 video
    case 0x03: // MPEG-1 audio
    case 0x04: // MPEG-2 audio
    case 0x0f: // AAC (ADTS)
    case 0x10: // MPEG-4 part 2 video
    case 0x11: // AAC (LATM)
    case 0x1b: // H.264
    case 0x24: // H.265
    case 0x42: // AVS
    case 0x81: // AC-3
    case 0x87: // E-AC-3
        return true;
    default:
        return false;
    }
}

bool isVideo(int streamType)
{
    switch (streamType) {
    case 0x01:
    case 0x02:
    case 0x10:
    case 0x1b:
    case 0x24:
    case 0x42:
        return true;
    default:
        return false;
    }
}
} // namespace

TsInspect inspectTs(const uint8_t *data, size_t size)
{
    TsInspect r;
    const int64_t n = static_cast<int64_t>(size);
    if (n < kPacket || data[0] != 0x47) {
        if (n >= 8 && data[4] == 0x47)
            r.problem = QStringLiteral("looks like M2TS (192-byte packets), which is not handled");
        else
            r.problem = QStringLiteral("no MPEG-TS sync byte at the start");
        return r;
    }
    for (int64_t k = 1; k < 3 && (k + 1) * kPacket <= n; ++k) {
        if (data[k * kPacket] != 0x47) {
            r.problem = QStringLiteral("no MPEG-TS sync byte at packet %1").arg(k);
            return r;
        }
    }
    r.isTs = true;
    int64_t whole = n / kPacket;
    int64_t bad = 0;
    while (whole > 1 && data[(whole - 1) * kPacket] != 0x47 && bad < kMaxBadTailPackets) {
        --whole;
        ++bad;
    }
    if (bad >= kMaxBadTailPackets) {
        r.isTs = false;
        r.problem = QStringLiteral("more than %1 packets at the end have no sync byte: damaged, not a crash tail")
                        .arg(kMaxBadTailPackets);
        return r;
    }
    r.packets = whole;
    r.badPackets = bad;
    r.goodBytes = whole * kPacket;
    r.tailBytes = n - r.goodBytes;
    return r;
}

TsClosure tsClosure(const uint8_t *data, int64_t goodBytes)
{
    TsClosure c;
    if (goodBytes < 2 * kPacket)
        return c;
    c.ours = isTsMarkPacket(data, TsMark::Begin);
    c.closed = c.ours && isTsMarkPacket(data + goodBytes - kPacket, TsMark::End);
    return c;
}

bool tsHoldsOnlyNullPackets(const uint8_t *data, int64_t goodBytes)
{
    for (int64_t at = 0; at + kPacket <= goodBytes; at += kPacket) {
        const int pid = ((data[at + 1] & 0x1f) << 8) | data[at + 2];
        if (pid != 0x1fff)
            return false;
    }
    return true;
}

TsTrimPlan planTsTrim(const uint8_t *data, int64_t goodBytes)
{
    TsTrimPlan plan;
    const int64_t packets = goodBytes / kPacket;
    plan.keep.assign(static_cast<size_t>(packets), 1);
    struct PidState {
        int64_t lastStart = -1; // packet index of the last PES start
        int64_t declared = 0;   // PES_packet_length + 6, 0 = unbounded
        int64_t seen = 0;       // payload bytes of that PES so far
    };
    std::vector<PidState> pids(8192);
    for (int64_t i = 0; i < packets; ++i) {
        const uint8_t *p = data + i * kPacket;
        if (p[0] != 0x47)
            continue;
        const int pid = ((p[1] & 0x1f) << 8) | p[2];
        const bool start = (p[1] & 0x40) != 0;
        const int afc = (p[3] >> 4) & 3;
        if (pid == 0x1fff || !(afc & 1))
            continue;
        int64_t off = 4;
        if (afc & 2)
            off += 1 + p[4];
        if (off >= kPacket)
            continue;
        PidState &st = pids[static_cast<size_t>(pid)];
        if (start) {
            const uint8_t *pl = p + off;
            const bool pes = kPacket - off >= 6 && pl[0] == 0 && pl[1] == 0 && pl[2] == 1;
            if (!pes) {
                st.lastStart = -1; // PSI section: always repeated, never trimmed
                continue;
            }
            st.lastStart = i;
            const int64_t len = (int64_t(pl[4]) << 8) | pl[5];
            st.declared = len ? len + 6 : 0;
            st.seen = 0;
        }
        if (st.lastStart >= 0)
            st.seen += kPacket - off;
    }
    for (size_t pid = 0; pid < pids.size(); ++pid) {
        const PidState &st = pids[pid];
        if (st.lastStart < 0 || (st.declared > 0 && st.seen >= st.declared))
            continue;
        ++plan.droppedStreams;
        for (int64_t i = st.lastStart; i < packets; ++i) {
            const uint8_t *p = data + i * kPacket;
            if (p[0] == 0x47 && (((p[1] & 0x1f) << 8) | p[2]) == int(pid) && plan.keep[static_cast<size_t>(i)]) {
                plan.keep[static_cast<size_t>(i)] = 0;
                ++plan.droppedPackets;
            }
        }
    }
    return plan;
}

TsStreamCheck checkTsStreams(const uint8_t *data, int64_t goodBytes, const std::vector<uint8_t> *keep)
{
    TsStreamCheck r;
    const int64_t packets = goodBytes / kPacket;
    const int64_t window = std::min(packets, kTsSilenceWindow / kPacket);
    const bool whole = window == packets;
    std::vector<uint8_t> started(8192, 0);
    size_t seen = 0;
    for (int64_t i = 0; i < window; ++i) {
        if (keep && (size_t(i) >= keep->size() || !(*keep)[size_t(i)]))
            continue;
        const uint8_t *p = data + i * kPacket;
        if (p[0] != 0x47)
            continue;
        const int pid = pidOf(p);
        int b = 0, e = 0;
        if (r.pmtPid < 0) {
            // The program table comes first in every muxer's output; media
            // before it cannot be attributed and is not judged.
            if (pid == 0 && sectionInPacket(p, &b, &e) && p[b] == 0x00) {
                for (int k = b + 8; k + 4 <= e - 4; k += 4) {
                    const int program = (p[k] << 8) | p[k + 1];
                    if (program != 0) {
                        r.pmtPid = ((p[k + 2] & 0x1f) << 8) | p[k + 3];
                        break;
                    }
                }
            }
            continue;
        }
        if (r.esPids.empty() && !r.pmtRewritable) {
            if (pid != r.pmtPid || !(p[1] & 0x40))
                continue;
            if (!sectionInPacket(p, &b, &e) || p[b] != 0x02)
                return r; // a PMT over several packets: not judged
            r.pmtRewritable = true;
            const int infoLen = ((p[b + 10] & 0x0f) << 8) | p[b + 11];
            for (int k = b + 12 + infoLen; k + 5 <= e - 4;) {
                const int type = p[k];
                const int es = ((p[k + 1] & 0x1f) << 8) | p[k + 2];
                const int esInfo = ((p[k + 3] & 0x0f) << 8) | p[k + 4];
                if (isAudioOrVideo(type))
                    r.esPids.push_back(es);
                if (isVideo(type))
                    r.videoPids.push_back(es);
                k += 5 + esInfo;
            }
            if (r.esPids.empty())
                return r;
            continue;
        }
        if (!(p[1] & 0x40) || started[size_t(pid)])
            continue;
        const int off = payloadOffset(p);
        if (off < 0 || kPacket - off < 3 || p[off] != 0 || p[off + 1] != 0 || p[off + 2] != 1)
            continue;
        if (std::find(r.esPids.begin(), r.esPids.end(), pid) == r.esPids.end())
            continue;
        started[size_t(pid)] = 1;
        if (++seen == r.esPids.size())
            return r; // every stream has data: the usual case, found in the first packets
    }
    if (!whole)
        return r; // only the window was read: nothing is called silent
    for (int pid : r.esPids)
        if (!started[size_t(pid)])
            r.silentPids.push_back(pid);
    return r;
}

bool TsStreamCheck::videoSilent() const
{
    if (videoPids.empty())
        return false;
    for (int pid : videoPids)
        if (std::find(silentPids.begin(), silentPids.end(), pid) == silentPids.end())
            return false;
    return true;
}

bool rewritePmtPacket(const uint8_t *packet, int pmtPid, const std::vector<int> &drop, uint8_t *out)
{
    int b = 0, e = 0;
    if (packet[0] != 0x47 || pidOf(packet) != pmtPid || !sectionInPacket(packet, &b, &e) || packet[b] != 0x02)
        return false;
    uint8_t buf[kPacket];
    std::copy(packet, packet + b, buf);
    const int infoLen = ((packet[b + 10] & 0x0f) << 8) | packet[b + 11];
    const int loop = b + 12 + infoLen;
    if (loop > e - 4)
        return false;
    std::copy(packet + b, packet + loop, buf + b);
    int w = loop;
    for (int k = loop; k + 5 <= e - 4;) {
        const int es = ((packet[k + 1] & 0x1f) << 8) | packet[k + 2];
        const int esInfo = ((packet[k + 3] & 0x0f) << 8) | packet[k + 4];
        const int n = 5 + esInfo;
        if (k + n > e - 4)
            return false;
        if (std::find(drop.begin(), drop.end(), es) == drop.end()) {
            std::copy(packet + k, packet + k + n, buf + w);
            w += n;
        }
        k += n;
    }
    const int len = w + 4 - (b + 3); // section_length counts up to and with the CRC
    buf[b + 1] = uint8_t((packet[b + 1] & 0xf0) | ((len >> 8) & 0x0f));
    buf[b + 2] = uint8_t(len & 0xff);
    const uint32_t crc = mpegCrc32(buf + b, w - b);
    buf[w] = uint8_t(crc >> 24);
    buf[w + 1] = uint8_t(crc >> 16);
    buf[w + 2] = uint8_t(crc >> 8);
    buf[w + 3] = uint8_t(crc);
    std::fill(buf + w + 4, buf + kPacket, uint8_t(0xff)); // stuffing after the section
    std::copy(buf, buf + kPacket, out);
    return true;
}

} // namespace tapedeck::recovery

#include "core/parsers/Ts.h"

namespace tapedeck::recovery {

namespace {
constexpr int64_t kPacket = 188;
// A zeroed or torn tail longer than this is not a crash tail but damage.
constexpr int64_t kMaxBadTailPackets = 65536;
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

} // namespace tapedeck::recovery

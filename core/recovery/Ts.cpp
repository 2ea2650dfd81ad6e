#include "core/recovery/Ts.h"

namespace tapedeck::recovery {

namespace {
constexpr int64_t kPacket = 188;
// A zeroed or torn tail longer than this is not a crash tail but damage.
constexpr int64_t kMaxBadTailPackets = 65536;
}

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

} // namespace tapedeck::recovery

// libFuzzer target: MPEG-TS inspection, Tapedeck's marks, the torn-PES trim
// plan, the check for declared streams that never start, a file of padding
// only, and the PMT rewrite.
#include "core/parsers/Ts.h"

#include <algorithm>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapedeck::recovery;
    const TsInspect t = inspectTs(data, size);
    if (!t.isTs)
        return 0;
    if (t.goodBytes > static_cast<int64_t>(size) || t.goodBytes % 188 != 0)
        __builtin_trap();
    const TsClosure closure = tsClosure(data, t.goodBytes);
    if (closure.closed && !closure.ours)
        __builtin_trap();
    const TsTrimPlan plan = planTsTrim(data, t.goodBytes);
    if (int64_t(plan.keep.size()) != t.goodBytes / 188 || plan.droppedPackets > int64_t(plan.keep.size()))
        __builtin_trap();
    const TsStreamCheck streams = checkTsStreams(data, t.goodBytes, &plan.keep);
    // A file of padding only has no program table.
    if (tsHoldsOnlyNullPackets(data, t.goodBytes) && streams.pmtPid >= 0)
        __builtin_trap();
    for (int pid : streams.silentPids)
        if (std::find(streams.esPids.begin(), streams.esPids.end(), pid) == streams.esPids.end())
            __builtin_trap();
    if (streams.pmtPid >= 0) {
        // The rewrite of each program table packet, as recovery does it.
        const int64_t packets = std::min<int64_t>(t.goodBytes / 188, 64);
        for (int64_t i = 0; i < packets; ++i) {
            uint8_t out[188];
            if (rewritePmtPacket(data + i * 188, streams.pmtPid, streams.silentPids, out) && out[0] != 0x47)
                __builtin_trap();
        }
    }
    return 0;
}

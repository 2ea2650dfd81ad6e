// libFuzzer target: Annex B scanning, SPS/slice-header parsing, POC, the
// conversion to length-prefixed NAL units, and the access-unit check live
// MPEG-TS reading applies to each video packet (core/source/LiveTsFrames).
#include "core/parsers/AnnexB.h"
#include "core/source/LiveTsFrames.h"

#include <algorithm>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapedeck::recovery;
    const AnnexBHead head = inspectAnnexBHead(data, size);
    SpsInfo sps = head.sps.value_or(SpsInfo{});
    PocTracker poc;
    forEachNal(data, size, [&](const NalUnit &u) {
        if (u.type == 7) {
            if (auto s = parseSps(data + u.offset, static_cast<size_t>(u.size)))
                sps = *s;
        } else if (auto sh = parseSliceHeader(data + u.offset, static_cast<size_t>(u.size), sps)) {
            (void)poc.next(*sh, sps);
        }
        return true;
    });
    (void)annexBToLengthPrefixed(data, size);
    (void)makeAvcC(head.spsNal, head.ppsNal);
    (void)tapedeck::accessUnitShape(false, data, static_cast<int>(std::min<size_t>(size, 1 << 30)));
    (void)tapedeck::accessUnitShape(true, data, static_cast<int>(std::min<size_t>(size, 1 << 30)));
    return 0;
}

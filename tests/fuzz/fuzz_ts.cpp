// libFuzzer target: MPEG-TS inspection and the torn-PES trim plan.
#include "core/parsers/Ts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapedeck::recovery;
    const TsInspect t = inspectTs(data, size);
    if (t.isTs) {
        if (t.goodBytes > static_cast<int64_t>(size) || t.goodBytes % 188 != 0)
            __builtin_trap();
        (void)planTsTrim(data, t.goodBytes);
    }
    return 0;
}

// libFuzzer target: ADTS header parsing and the frame walk.
#include "core/parsers/Adts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapedeck::recovery;
    const AdtsScan s = scanAdts(data, size);
    if (s.validBytes < 0 || s.validBytes > static_cast<int64_t>(size))
        __builtin_trap();
    if (auto h = parseAdtsHeader(data, size))
        (void)audioSpecificConfig(*h);
    return 0;
}

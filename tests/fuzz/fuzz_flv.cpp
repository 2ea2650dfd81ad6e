// libFuzzer target: FLV header, tag walk, AMF0 onMetaData, and the repair
// writer (to a sink that only counts).
#include "core/parsers/Flv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapedeck::recovery;
    const FlvInspect in = inspectFlv(data, size);
    if (!in.isFlv)
        return 0;
    const FlvWalk w = walkFlv(data, size, in);
    int64_t written = 0;
    auto r = writeRepairedFlv(data, size, in, w, [&](const char *, int64_t n) -> tapedeck::Status {
        written += n;
        return {};
    });
    if (r && *r != written)
        __builtin_trap(); // the size the header states must be the size written
    return 0;
}

// libFuzzer target: top-level MP4 box walk and the moov frame-rate reader.
#include "core/parsers/Mp4Boxes.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapedeck::recovery;
    const Mp4TopLevel m = inspectMp4(data, size);
    if (m.hasMoov && m.moovSize >= 8)
        (void)videoTimingFromMoov(data + m.moovOffset + 8, static_cast<size_t>(m.moovSize - 8));
    // Also treat the whole input as a moov payload: reaches the nested walk directly.
    (void)videoTimingFromMoov(data, size);
    return 0;
}

// libFuzzer target: the MP4-repair parsers (issue 12) — the broken-file
// top-level walk, the reference layout reader (moov, stsd entries, esds,
// dOps, elst), the length-prefixed NAL access-unit matcher with its slice
// headers and the HEVC SPS/PPS readers, and the in-band parameter-set search.
#include "core/recovery/Mp4Layout.h"
#include "core/parsers/NalWalk.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapedeck::recovery;
    const BrokenMp4 b = inspectBrokenMp4(data, size);
    (void)b;
    const RefLayout ref = readReferenceLayout(data, size);
    VideoStreamState st;
    for (const RefTrack &t : ref.tracks)
        if (t.video) {
            st.hevc = t.codec == RefCodec::Hevc;
            (void)loadDecoderConfig(t.config, st);
        }
    (void)ascFromEsds(data, size);
    // The whole input as mdat payload, walked as H.264 and as HEVC.
    for (bool hevc : {false, true}) {
        VideoStreamState s = st;
        s.hevc = hevc;
        int64_t pos = 0;
        for (int guard = 0; pos < int64_t(size) && guard < 100000; ++guard) {
            const auto m = matchAccessUnit(data + pos, int64_t(size) - pos, s);
            pos += m ? m->size : 1;
        }
    }
    if (const auto p = findInBandParameterSets(data, int64_t(size)); p && p->hevc)
        (void)makeHvcC(p->vps, p->sps, p->pps);
    (void)parseHevcSps(data, size);
    (void)parseHevcPps(data, size);
    (void)hevcVpsFrameRate(data, size);
    return 0;
}

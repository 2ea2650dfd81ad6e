#pragma once
// Finding video samples in an MP4 mdat with no index: an MP4 sample of
// H.264 or HEVC is one access unit of NAL units, each preceded by its length
// (usually 4 bytes). matchAccessUnit() says whether a whole access unit
// starts at a given byte and how long it is, telling pictures apart by the
// slice headers (first_mb_in_slice / first_slice_segment_in_pic_flag) and
// refusing anything whose NAL headers or lengths do not hold together, so
// that audio bytes between the video are not taken for video.
// Reads untrusted bytes; fuzzed (tests/fuzz/fuzz_nalwalk.cpp).

#include "core/parsers/AnnexB.h"

#include <QByteArray>

#include <cstdint>
#include <optional>
#include <utility>

namespace tapedeck::recovery {

// HEVC SPS fields the repair needs (picture size, POC bits).
struct HevcSpsInfo {
    int width = 0, height = 0;
    int log2MaxPocLsb = 0;
    int fpsNum = 0, fpsDen = 1; // VUI timing (time_scale / num_units_in_tick), 0 when absent
};
std::optional<HevcSpsInfo> parseHevcSps(const uint8_t *nal, size_t size);

// Frame rate from an HEVC VPS's timing info (time_scale / num_units_in_tick),
// {0,1} when it has none.
std::pair<int, int> hevcVpsFrameRate(const uint8_t *nal, size_t size);

// The start of an HEVC PPS, as far as the slice header's POC needs it.
struct HevcPpsInfo {
    bool dependentSlices = false;
    bool outputFlagPresent = false;
    int extraSliceHeaderBits = 0;
};
std::optional<HevcPpsInfo> parseHevcPps(const uint8_t *nal, size_t size);

struct VideoStreamState {
    bool hevc = false;
    std::optional<HevcSpsInfo> hevcSps;
    std::optional<HevcPpsInfo> hevcPps;
    int lengthSize = 4;
    std::optional<SpsInfo> sps; // H.264: the active SPS (POC, picture size)
    int64_t picSizeInMbs = 0;   // H.264, 0 = unknown
    int64_t maxAccessUnit = 64LL << 20;
};

struct AccessUnitMatch {
    int64_t size = 0; // bytes of the whole sample, length fields included
    int nalCount = 0;
    bool key = false;                 // IDR (H.264) / IRAP (HEVC)
    bool idr = false;                 // resets picture order
    std::optional<SliceHeader> slice; // H.264: the first slice's header (POC)
    int hevcPocLsb = -1;              // HEVC: slice_pic_order_cnt_lsb when parsed
    QByteArray sps, pps, vps;         // in-band parameter sets, NAL header included
};

// Whether an access unit starts at `data` (with `avail` bytes available).
// Updates `state` from in-band parameter sets only when it matches.
std::optional<AccessUnitMatch> matchAccessUnit(const uint8_t *data, int64_t avail, VideoStreamState &state);

// In-band parameter sets near the start of an mdat: the first run of
// length-prefixed SPS+PPS (H.264) or VPS+SPS+PPS (HEVC) within `avail` bytes.
struct InBandParams {
    bool hevc = false;
    int64_t offset = -1; // where the SPS (VPS for HEVC) length field starts
    QByteArray vps, sps, pps;
    std::optional<SpsInfo> h264Sps;
};
std::optional<InBandParams> findInBandParameterSets(const uint8_t *data, int64_t avail);

// The parameter sets of an avcC / hvcC record, into `state`. False when the
// record is malformed.
bool loadDecoderConfig(const QByteArray &config, VideoStreamState &state);

// hvcC from VPS/SPS/PPS NAL units (headers included), with 4-byte lengths.
QByteArray makeHvcC(const QByteArray &vps, const QByteArray &sps, const QByteArray &pps);

} // namespace tapedeck::recovery

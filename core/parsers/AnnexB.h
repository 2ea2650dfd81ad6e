#pragma once
// Annex B H.264 elementary streams (`X.mp4.h264` from other recorders'
// recovery modes): start-code scanning, SPS parsing for the VUI timing and
// picture size, and conversion to the length-prefixed form MP4 stores.
// Everything here reads untrusted bytes and is fuzzed (tests/fuzz).

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>

namespace tapedeck::recovery {

// One NAL unit inside a buffer: [offset, offset+size) excludes the start code.
struct NalUnit {
    int64_t offset = 0;
    int64_t size = 0;
    int type = 0; // nal_unit_type (5 bits)
};

// Calls `fn` for each NAL unit in order; stops early when fn returns false.
// The last unit runs to the end of the buffer (it may be torn).
void forEachNal(const uint8_t *data, size_t size, const std::function<bool(const NalUnit &)> &fn);

// Removes emulation-prevention bytes (00 00 03 -> 00 00), at most maxOut bytes.
QByteArray unescapeRbsp(const uint8_t *data, size_t size, size_t maxOut = 4096);

struct SpsInfo {
    int profileIdc = 0;
    int constraintFlags = 0;
    int levelIdc = 0;
    int width = 0;
    int height = 0;
    bool frameMbsOnly = true;
    bool separateColourPlane = false;
    int log2MaxFrameNum = 4;
    int pocType = 0;
    int log2MaxPocLsb = 4;
    int64_t vuiFlagBit = -1; // bit offset of vui_parameters_present_flag in the RBSP after the header byte
    bool timingInfoPresent = false;
    uint32_t numUnitsInTick = 0;
    uint32_t timeScale = 0;
    bool fixedFrameRate = false;
    // Frame rate from the VUI timing (time_scale / (2 * num_units_in_tick)),
    // {0,1} when absent or implausible.
    int frameRateNum = 0;
    int frameRateDen = 1;
};

// `nal` starts with the NAL header byte (type 7).
std::optional<SpsInfo> parseSps(const uint8_t *nal, size_t size);

// The start of a slice header, as far as picture order needs it.
struct SliceHeader {
    uint32_t firstMb = 0;
    uint32_t sliceType = 0;
    uint32_t frameNum = 0;
    bool fieldPic = false, bottomField = false;
    uint32_t pocLsb = 0;
    bool idr = false;
    int nalRefIdc = 0;
};
// `nal` starts with the NAL header byte (type 1 or 5).
std::optional<SliceHeader> parseSliceHeader(const uint8_t *nal, size_t size, const SpsInfo &sps);

// Picture order count (H.264 8.2.1.1, poc type 0) across access units.
class PocTracker {
public:
    // The POC of this picture; call once per access unit with its first slice.
    int64_t next(const SliceHeader &h, const SpsInfo &sps);

private:
    int64_t m_prevMsb = 0;
    int64_t m_prevLsb = 0;
    int64_t m_decodeIndex = 0;
};

// What the first bytes of a file say (classification reads only these).
struct AnnexBHead {
    bool startCode = false; // the buffer begins with 00 00 01 / 00 00 00 01
    int nalCount = 0;
    bool hasSps = false, hasPps = false, hasIdr = false, hasSlice = false;
    std::optional<SpsInfo> sps;
    QByteArray spsNal, ppsNal; // first SPS/PPS, header byte included
    QString problem;           // why this is not H.264, when it is not
};
AnnexBHead inspectAnnexBHead(const uint8_t *data, size_t size);

// avcC (ISO/IEC 14496-15 AVCDecoderConfigurationRecord) from one SPS and PPS.
QByteArray makeAvcC(const QByteArray &sps, const QByteArray &pps);

// Rewrites an Annex B access unit as 4-byte length-prefixed NAL units,
// dropping access unit delimiters and filler data. Parameter sets stay
// in-band (harmless, and right when they change mid-stream).
QByteArray annexBToLengthPrefixed(const uint8_t *data, size_t size);

} // namespace tapedeck::recovery

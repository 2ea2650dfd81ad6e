#include "core/parsers/NalWalk.h"

#include "core/parsers/Bytes.h"

#include <algorithm>
#include <vector>

namespace tapedeck::recovery {

namespace {

constexpr int kMaxNalsPerAccessUnit = 4096;

int64_t readLength(const uint8_t *d, int lengthSize)
{
    int64_t v = 0;
    for (int i = 0; i < lengthSize; ++i)
        v = (v << 8) | d[i];
    return v;
}

// --- H.264 -----------------------------------------------------------------

bool h264HeaderValid(uint8_t h, int64_t len)
{
    if (h & 0x80)
        return false;
    const int type = h & 0x1f;
    const int refIdc = (h >> 5) & 3;
    switch (type) {
    case 1:
        return len >= 2;
    case 5:
        return refIdc != 0 && len >= 2;
    case 7:
    case 8:
        return refIdc != 0 && len >= 2;
    case 6:
    case 9:
    case 10:
    case 11:
    case 12:
        return refIdc == 0;
    default:
        return false; // partitions (2-4), SVC/MVC and reserved types are not expected in MP4 samples
    }
}

struct H264SliceStart {
    uint32_t firstMb = 0;
    uint32_t ppsId = 0;
};

std::optional<H264SliceStart> h264SliceStart(const uint8_t *nal, int64_t size)
{
    const QByteArray rbsp = unescapeRbsp(nal + 1, size_t(size - 1), 16);
    BitReader br(reinterpret_cast<const uint8_t *>(rbsp.constData()), size_t(rbsp.size()));
    H264SliceStart s;
    s.firstMb = br.ue();
    const uint32_t sliceType = br.ue();
    s.ppsId = br.ue();
    if (!br.ok() || sliceType > 9 || s.ppsId > 255)
        return std::nullopt;
    return s;
}

// --- HEVC ------------------------------------------------------------------

bool hevcVcl(int type) { return type <= 9 || (type >= 16 && type <= 21); }

bool hevcHeaderValid(const uint8_t *h, int64_t len)
{
    if (len < 3 || (h[0] & 0x80))
        return false;
    const int type = (h[0] >> 1) & 0x3f;
    const int layer = ((h[0] & 1) << 5) | (h[1] >> 3);
    const int tid1 = h[1] & 7;
    if (layer != 0 || tid1 == 0)
        return false;
    if (hevcVcl(type))
        return true;
    return (type >= 32 && type <= 40);
}

void skipProfileTierLevel(BitReader &br, int maxSubLayersMinus1)
{
    br.bits(8);  // profile space, tier, profile idc
    br.bits(32); // compatibility flags
    br.bits(32); // progressive/interlaced/... + 43 reserved bits, in pieces
    br.bits(16);
    br.bits(8); // general_level_idc
    std::pair<bool, bool> sub[8] = {};
    for (int i = 0; i < maxSubLayersMinus1; ++i)
        sub[i] = {br.flag(), br.flag()};
    if (maxSubLayersMinus1 > 0)
        for (int i = maxSubLayersMinus1; i < 8; ++i)
            br.bits(2);
    for (int i = 0; i < maxSubLayersMinus1; ++i) {
        if (sub[i].first) {
            br.bits(32);
            br.bits(32);
            br.bits(24);
        }
        if (sub[i].second)
            br.bits(8);
    }
}

} // namespace

std::optional<HevcPpsInfo> parseHevcPps(const uint8_t *nal, size_t size)
{
    if (size < 3)
        return std::nullopt;
    const QByteArray rbsp = unescapeRbsp(nal + 2, size - 2, 32);
    BitReader br(reinterpret_cast<const uint8_t *>(rbsp.constData()), size_t(rbsp.size()));
    HevcPpsInfo p;
    if (br.ue() > 63 || br.ue() > 15)
        return std::nullopt;
    p.dependentSlices = br.flag();
    p.outputFlagPresent = br.flag();
    p.extraSliceHeaderBits = int(br.bits(3));
    if (!br.ok())
        return std::nullopt;
    return p;
}

std::pair<int, int> hevcVpsFrameRate(const uint8_t *nal, size_t size)
{
    if (size < 4)
        return {0, 1};
    const QByteArray rbsp = unescapeRbsp(nal + 2, size - 2, 256);
    BitReader br(reinterpret_cast<const uint8_t *>(rbsp.constData()), size_t(rbsp.size()));
    br.bits(4 + 1 + 1 + 6);
    const int maxSub = int(br.bits(3));
    br.bits(1 + 16);
    skipProfileTierLevel(br, maxSub);
    const bool orderingAll = br.flag();
    for (int i = orderingAll ? 0 : maxSub; i <= maxSub && br.ok(); ++i) {
        br.ue();
        br.ue();
        br.ue();
    }
    const int maxLayerId = int(br.bits(6));
    const uint32_t layerSets = br.ue();
    if (layerSets > 1023)
        return {0, 1};
    for (uint32_t i = 1; i <= layerSets && br.ok(); ++i)
        for (int j = 0; j <= maxLayerId; ++j)
            br.bits(1);
    if (!br.flag() || !br.ok())
        return {0, 1};
    const uint32_t units = br.bits(32);
    const uint32_t scale = br.bits(32);
    if (!br.ok() || units == 0 || scale == 0 || scale > uint32_t(INT32_MAX) || units > uint32_t(INT32_MAX))
        return {0, 1};
    const double fps = double(scale) / units;
    if (fps < 1 || fps > 480)
        return {0, 1};
    return {int(scale), int(units)};
}

namespace {

void skipScalingListData(BitReader &br)
{
    for (int sizeId = 0; sizeId < 4 && br.ok(); ++sizeId)
        for (int matrixId = 0; matrixId < 6 && br.ok(); matrixId += sizeId == 3 ? 3 : 1) {
            if (!br.flag()) {
                br.ue(); // scaling_list_pred_matrix_id_delta
                continue;
            }
            const int coefs = std::min(64, 1 << (4 + (sizeId << 1)));
            if (sizeId > 1)
                br.se();
            for (int i = 0; i < coefs && br.ok(); ++i)
                br.se();
        }
}

// st_ref_pic_set() of an SPS (H.265 7.3.7); returns false on nonsense.
bool skipShortTermRps(BitReader &br, int idx, std::vector<int> &numDeltaPocs)
{
    bool interPred = idx != 0 && br.flag();
    if (interPred) {
        br.bits(1);
        if (br.ue() > 32767)
            return false;
        const int ref = numDeltaPocs[size_t(idx - 1)];
        int count = 0;
        for (int j = 0; j <= ref && br.ok(); ++j) {
            const bool used = br.flag();
            const bool useDelta = used || br.flag();
            if (useDelta)
                ++count;
        }
        numDeltaPocs[size_t(idx)] = count;
        return br.ok() && count <= 32;
    }
    const uint32_t neg = br.ue(), pos = br.ue();
    if (neg > 16 || pos > 16)
        return false;
    for (uint32_t i = 0; i < neg + pos && br.ok(); ++i) {
        br.ue();
        br.bits(1);
    }
    numDeltaPocs[size_t(idx)] = int(neg + pos);
    return br.ok();
}

void readHevcSpsTiming(BitReader &br, int maxSub, int pocBits, HevcSpsInfo &s)
{
    const bool orderingAll = br.flag();
    for (int i = orderingAll ? 0 : maxSub; i <= maxSub && br.ok(); ++i) {
        br.ue();
        br.ue();
        br.ue();
    }
    for (int i = 0; i < 6; ++i)
        br.ue(); // coding/transform block sizes, hierarchy depths
    if (br.flag() && br.flag())
        skipScalingListData(br);
    br.bits(2); // amp, sample adaptive offset
    if (br.flag()) {
        br.bits(8);
        br.ue();
        br.ue();
        br.bits(1);
    }
    const uint32_t rpsCount = br.ue();
    if (!br.ok() || rpsCount > 64)
        return;
    std::vector<int> numDeltaPocs(rpsCount + 1, 0);
    for (uint32_t i = 0; i < rpsCount; ++i)
        if (!skipShortTermRps(br, int(i), numDeltaPocs))
            return;
    if (br.flag()) {
        const uint32_t lt = br.ue();
        if (lt > 32)
            return;
        for (uint32_t i = 0; i < lt && br.ok(); ++i) {
            br.bits(pocBits);
            br.bits(1);
        }
    }
    br.bits(2);     // temporal mvp, strong intra smoothing
    if (!br.flag()) // vui_parameters_present_flag
        return;
    if (br.flag() && br.bits(8) == 255)
        br.bits(32);
    if (br.flag())
        br.bits(1);
    if (br.flag()) {
        br.bits(4);
        if (br.flag())
            br.bits(24);
    }
    if (br.flag()) {
        br.ue();
        br.ue();
    }
    br.bits(3); // neutral chroma, field_seq, frame_field_info
    if (br.flag())
        for (int i = 0; i < 4; ++i)
            br.ue();
    if (!br.flag() || !br.ok())
        return;
    const uint32_t units = br.bits(32);
    const uint32_t scale = br.bits(32);
    if (!br.ok() || units == 0 || scale == 0 || scale > uint32_t(INT32_MAX) || units > uint32_t(INT32_MAX))
        return;
    const double fps = double(scale) / units;
    if (fps < 1 || fps > 480)
        return;
    s.fpsNum = int(scale);
    s.fpsDen = int(units);
}

} // namespace

std::optional<HevcSpsInfo> parseHevcSps(const uint8_t *nal, size_t size)
{
    if (size < 4)
        return std::nullopt;
    const QByteArray rbsp = unescapeRbsp(nal + 2, size - 2, 512);
    BitReader br(reinterpret_cast<const uint8_t *>(rbsp.constData()), size_t(rbsp.size()));
    br.bits(4);
    const int maxSub = int(br.bits(3));
    br.bits(1);
    skipProfileTierLevel(br, maxSub);
    if (br.ue() > 15)
        return std::nullopt;
    const uint32_t chroma = br.ue();
    if (chroma > 3)
        return std::nullopt;
    if (chroma == 3)
        br.bits(1);
    HevcSpsInfo s;
    // Every size comes from the file: 64-bit arithmetic, so a hostile
    // conformance window cannot wrap a crop into a plausible picture size.
    int64_t width = br.ue();
    int64_t height = br.ue();
    if (br.flag()) {
        const int64_t sub = chroma == 1 || chroma == 2 ? 2 : 1;
        const int64_t subH = chroma == 1 ? 2 : 1;
        const int64_t l = br.ue(), r = br.ue(), t = br.ue(), b = br.ue();
        width -= sub * (l + r);
        height -= subH * (t + b);
    }
    br.ue();
    br.ue();
    const uint64_t pocBits = uint64_t(br.ue()) + 4;
    if (!br.ok() || pocBits > 16 || width <= 0 || height <= 0 || width > 16384 || height > 16384)
        return std::nullopt;
    s.width = int(width);
    s.height = int(height);
    s.log2MaxPocLsb = int(pocBits);
    // The rest only for the VUI's timing (x265 and most cameras put the
    // frame rate there and not in the VPS); any inconsistency leaves it unknown.
    readHevcSpsTiming(br, maxSub, int(pocBits), s);
    return s;
}

std::optional<AccessUnitMatch> matchAccessUnit(const uint8_t *data, int64_t avail, VideoStreamState &state)
{
    AccessUnitMatch m;
    const int ls = state.lengthSize;
    int64_t pos = 0;
    bool sawVcl = false;
    uint32_t lastFirstMb = 0, firstPps = 0;
    while (pos + ls < avail && m.nalCount < kMaxNalsPerAccessUnit) {
        const int64_t len = readLength(data + pos, ls);
        if (len < 1 || len > avail - pos - ls || pos + ls + len > state.maxAccessUnit)
            break;
        const uint8_t *nal = data + pos + ls;
        bool startsNew = false; // this NAL opens the next access unit
        if (!state.hevc) {
            if (!h264HeaderValid(nal[0], len))
                break;
            const int type = nal[0] & 0x1f;
            if (type == 1 || type == 5) {
                const auto s = h264SliceStart(nal, len);
                if (!s)
                    break;
                if (state.picSizeInMbs > 0 && int64_t(s->firstMb) >= state.picSizeInMbs)
                    break;
                if (sawVcl) {
                    if (s->firstMb == 0)
                        startsNew = true;
                    else if (s->firstMb <= lastFirstMb || s->ppsId != firstPps)
                        break; // not a further slice of this picture
                } else {
                    if (s->firstMb != 0)
                        break; // a picture starts with its first macroblock
                    firstPps = s->ppsId;
                    m.idr = type == 5;
                    m.key = type == 5;
                    if (state.sps)
                        m.slice = parseSliceHeader(nal, size_t(len), *state.sps);
                }
                lastFirstMb = s->firstMb;
                if (!startsNew)
                    sawVcl = true;
            } else if (sawVcl && (type == 6 || type == 7 || type == 8 || type == 9)) {
                startsNew = true;
            } else if (type == 7) {
                const auto sps = parseSps(nal, size_t(len));
                if (!sps)
                    break;
                m.sps = QByteArray(reinterpret_cast<const char *>(nal), int(len));
            } else if (type == 8) {
                m.pps = QByteArray(reinterpret_cast<const char *>(nal), int(len));
            }
        } else {
            if (!hevcHeaderValid(nal, len))
                break;
            const int type = (nal[0] >> 1) & 0x3f;
            if (hevcVcl(type)) {
                const bool first = (nal[2] & 0x80) != 0;
                if (sawVcl && first) {
                    startsNew = true;
                } else if (!sawVcl && !first) {
                    break;
                } else if (!sawVcl) {
                    m.key = type >= 16 && type <= 23;
                    m.idr = type == 19 || type == 20;
                    const auto &hevcPps = state.hevcPps;
                    const auto &hevcSps = state.hevcSps;
                    if (!m.idr && hevcPps && hevcSps) {
                        const QByteArray rbsp = unescapeRbsp(nal + 2, size_t(len - 2), 32);
                        BitReader br(reinterpret_cast<const uint8_t *>(rbsp.constData()), size_t(rbsp.size()));
                        br.bits(1); // first_slice_segment_in_pic_flag
                        if (type >= 16 && type <= 23)
                            br.bits(1);
                        br.ue();
                        br.bits(hevcPps->extraSliceHeaderBits);
                        br.ue(); // slice_type
                        if (hevcPps->outputFlagPresent)
                            br.bits(1);
                        const uint32_t lsb = br.bits(hevcSps->log2MaxPocLsb);
                        if (br.ok())
                            m.hevcPocLsb = int(lsb);
                    } else if (m.idr) {
                        m.hevcPocLsb = 0;
                    }
                    sawVcl = true;
                }
            } else if (sawVcl && (type == 32 || type == 33 || type == 34 || type == 35 || type == 39)) {
                startsNew = true;
            } else if (type == 32) {
                m.vps = QByteArray(reinterpret_cast<const char *>(nal), int(len));
            } else if (type == 33) {
                m.sps = QByteArray(reinterpret_cast<const char *>(nal), int(len));
                if (auto s = parseHevcSps(nal, size_t(len)))
                    state.hevcSps = s;
            } else if (type == 34) {
                m.pps = QByteArray(reinterpret_cast<const char *>(nal), int(len));
                if (auto p = parseHevcPps(nal, size_t(len)))
                    state.hevcPps = p;
            }
        }
        if (startsNew)
            break;
        ++m.nalCount;
        pos += ls + len;
    }
    if (!sawVcl)
        return std::nullopt;
    m.size = pos;
    if (!state.hevc && !m.sps.isEmpty()) {
        if (const auto sps = parseSps(reinterpret_cast<const uint8_t *>(m.sps.constData()), size_t(m.sps.size()))) {
            state.sps = sps;
            state.picSizeInMbs = int64_t((sps->width + 15) / 16) * ((sps->height + 15) / 16 + 1) * 2;
        }
    }
    return m;
}

bool loadDecoderConfig(const QByteArray &config, VideoStreamState &state)
{
    const auto *d = reinterpret_cast<const uint8_t *>(config.constData());
    ByteReader r(d, size_t(config.size()));
    auto take = [&](int len, int type) {
        if (len <= 0 || len > r.remaining())
            return false;
        const uint8_t *nal = r.current();
        if (!state.hevc && type == 7) {
            if (auto s = parseSps(nal, size_t(len))) {
                state.sps = s;
                state.picSizeInMbs = int64_t((s->width + 15) / 16) * ((s->height + 15) / 16 + 1) * 2;
            }
        } else if (state.hevc && type == 33) {
            if (auto s = parseHevcSps(nal, size_t(len)))
                state.hevcSps = s;
        } else if (state.hevc && type == 34) {
            if (auto p = parseHevcPps(nal, size_t(len)))
                state.hevcPps = p;
        }
        return r.skip(len);
    };
    if (!state.hevc) {
        if (config.size() < 7 || d[0] != 1)
            return false;
        state.lengthSize = (d[4] & 3) + 1;
        r.skip(5);
        const int nSps = r.u8().value_or(0) & 0x1f;
        for (int i = 0; i < nSps; ++i)
            if (!take(r.u16().value_or(0), 7))
                return false;
        const int nPps = r.u8().value_or(0);
        for (int i = 0; i < nPps; ++i)
            if (!take(r.u16().value_or(0), 8))
                return false;
        return state.sps.has_value();
    }
    if (config.size() < 23 || d[0] != 1)
        return false;
    state.lengthSize = (d[21] & 3) + 1;
    r.skip(22);
    const int arrays = r.u8().value_or(0);
    for (int a = 0; a < arrays; ++a) {
        const int type = r.u8().value_or(0) & 0x3f;
        const int n = r.u16().value_or(0);
        for (int i = 0; i < n; ++i)
            if (!take(r.u16().value_or(0), type))
                return false;
    }
    return state.hevcSps.has_value();
}

std::optional<InBandParams> findInBandParameterSets(const uint8_t *data, int64_t avail)
{
    for (int64_t p = 0; p + 8 < avail; ++p) {
        const int64_t len = readLength(data + p, 4);
        if (len < 4 || len > 1024 || p + 4 + len + 4 > avail)
            continue;
        const uint8_t *nal = data + p + 4;
        // H.264: SPS then PPS.
        if (nal[0] == 0x67 || nal[0] == 0x27 || nal[0] == 0x47) {
            const auto sps = parseSps(nal, size_t(len));
            const int64_t q = p + 4 + len;
            const int64_t plen = readLength(data + q, 4);
            if (sps && plen >= 1 && plen <= 1024 && q + 4 + plen <= avail && (data[q + 4] & 0x1f) == 8
                && !(data[q + 4] & 0x80)) {
                InBandParams r;
                r.offset = p;
                r.sps = QByteArray(reinterpret_cast<const char *>(nal), int(len));
                r.pps = QByteArray(reinterpret_cast<const char *>(data + q + 4), int(plen));
                r.h264Sps = sps;
                return r;
            }
        }
        // HEVC: VPS, SPS, PPS.
        if (nal[0] == 0x40 && nal[1] == 0x01) {
            InBandParams r;
            r.hevc = true;
            r.offset = p;
            r.vps = QByteArray(reinterpret_cast<const char *>(nal), int(len));
            int64_t q = p + 4 + len;
            for (int want : {33, 34}) {
                if (q + 6 > avail)
                    break;
                const int64_t l = readLength(data + q, 4);
                if (l < 3 || l > 4096 || q + 4 + l > avail || ((data[q + 4] >> 1) & 0x3f) != want)
                    break;
                (want == 33 ? r.sps : r.pps) = QByteArray(reinterpret_cast<const char *>(data + q + 4), int(l));
                q += 4 + l;
            }
            if (!r.sps.isEmpty() && !r.pps.isEmpty()
                && parseHevcSps(reinterpret_cast<const uint8_t *>(r.sps.constData()), size_t(r.sps.size())))
                return r;
        }
    }
    return std::nullopt;
}

QByteArray makeHvcC(const QByteArray &vps, const QByteArray &sps, const QByteArray &pps)
{
    // HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3.1). The profile
    // fields are copied from the SPS's profile_tier_level; decoders read the
    // parameter sets themselves, so this is what they need.
    const QByteArray rbsp = unescapeRbsp(reinterpret_cast<const uint8_t *>(sps.constData()) + 2,
                                         size_t(std::max(0, int(sps.size()) - 2)), 64);
    QByteArray out;
    out.append(char(1));
    if (rbsp.size() >= 13) {
        out.append(rbsp.mid(1, 12)); // profile space..constraint flags (11 bytes) + level
    } else {
        out.append(QByteArray(12, '\0'));
    }
    out.append(char(0xF0)).append(char(0x00)); // min_spatial_segmentation_idc
    out.append(char(0xFC));                    // parallelismType
    out.append(char(0xFD));                    // chroma_format_idc 4:2:0
    out.append(char(0xF8)).append(char(0xF8)); // bit depths 8
    out.append(char(0)).append(char(0));       // avgFrameRate
    out.append(char(0x0F));                    // constantFrameRate 0, numTemporalLayers 1, nested 1, lengthSize 4
    out.append(char(3));
    auto array = [&](int type, const QByteArray &nal) {
        out.append(char(0x80 | type));
        out.append(char(0)).append(char(1));
        out.append(char(nal.size() >> 8)).append(char(nal.size() & 0xff));
        out.append(nal);
    };
    array(32, vps);
    array(33, sps);
    array(34, pps);
    return out;
}

} // namespace tapedeck::recovery

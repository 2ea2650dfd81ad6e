#include "core/parsers/AnnexB.h"

#include "core/parsers/Bytes.h"

#include <QString>

#include <numeric>

namespace tapedeck::recovery {

namespace {

// Offset of the next 00 00 01 at or after `from`, or -1.
int64_t findStartCode(const uint8_t *d, int64_t size, int64_t from)
{
    for (int64_t i = from; i + 2 < size; ++i) {
        if (d[i + 2] > 1) {
            i += 2; // d[i+2] cannot be part of a start code as its 0 or 1
            continue;
        }
        if (d[i] == 0 && d[i + 1] == 0 && d[i + 2] == 1)
            return i;
    }
    return -1;
}

bool skipScalingList(BitReader &br, int count)
{
    int last = 8, next = 8;
    for (int j = 0; j < count && br.ok(); ++j) {
        if (next != 0) {
            const int delta = br.se();
            if (delta < -128 || delta > 127)
                return false;
            next = (last + delta + 256) % 256;
        }
        last = next == 0 ? last : next;
    }
    return br.ok();
}

} // namespace

void forEachNal(const uint8_t *data, size_t size, const std::function<bool(const NalUnit &)> &fn)
{
    const int64_t n = static_cast<int64_t>(size);
    int64_t sc = findStartCode(data, n, 0);
    while (sc >= 0) {
        const int64_t start = sc + 3;
        int64_t next = findStartCode(data, n, start);
        int64_t end = next < 0 ? n : next;
        // A 4-byte start code's leading zero belongs to the separator; so do
        // trailing_zero_8bits.
        while (end > start && data[end - 1] == 0 && next >= 0)
            --end;
        if (end > start) {
            NalUnit u{start, end - start, data[start] & 0x1f};
            if (!fn(u))
                return;
        }
        sc = next;
    }
}

QByteArray unescapeRbsp(const uint8_t *data, size_t size, size_t maxOut)
{
    QByteArray out;
    const size_t n = std::min(size, maxOut + maxOut / 2 + 3);
    out.reserve(static_cast<qsizetype>(std::min(n, maxOut)));
    int zeros = 0;
    for (size_t i = 0; i < n && static_cast<size_t>(out.size()) < maxOut; ++i) {
        const uint8_t b = data[i];
        if (zeros >= 2 && b == 3) {
            zeros = 0;
            continue;
        }
        zeros = b == 0 ? zeros + 1 : 0;
        out.append(static_cast<char>(b));
    }
    return out;
}

std::optional<SpsInfo> parseSps(const uint8_t *nal, size_t size)
{
    if (size < 4 || (nal[0] & 0x1f) != 7)
        return std::nullopt;
    const QByteArray rbsp = unescapeRbsp(nal + 1, size - 1);
    BitReader br(reinterpret_cast<const uint8_t *>(rbsp.constData()), static_cast<size_t>(rbsp.size()));
    SpsInfo s;
    s.profileIdc = static_cast<int>(br.bits(8));
    s.constraintFlags = static_cast<int>(br.bits(8));
    s.levelIdc = static_cast<int>(br.bits(8));
    if (br.ue() > 31)
        return std::nullopt;
    int chromaFormat = 1;
    switch (s.profileIdc) {
    case 100:
    case 110:
    case 122:
    case 244:
    case 44:
    case 83:
    case 86:
    case 118:
    case 128:
    case 138:
    case 139:
    case 134:
    case 135: {
        chromaFormat = static_cast<int>(br.ue());
        if (chromaFormat > 3)
            return std::nullopt;
        if (chromaFormat == 3)
            s.separateColourPlane = br.flag();
        if (br.ue() > 6 || br.ue() > 6) // bit depths
            return std::nullopt;
        br.flag(); // qpprime_y_zero_transform_bypass_flag
        if (br.flag()) {
            const int lists = chromaFormat == 3 ? 12 : 8;
            for (int i = 0; i < lists; ++i)
                if (br.flag() && !skipScalingList(br, i < 6 ? 16 : 64))
                    return std::nullopt;
        }
        break;
    }
    default:
        break;
    }
    const uint32_t l2fn = br.ue(); // log2_max_frame_num_minus4
    if (l2fn > 12)
        return std::nullopt;
    s.log2MaxFrameNum = int(l2fn) + 4;
    const uint32_t pocType = br.ue();
    s.pocType = int(pocType);
    if (pocType == 0) {
        const uint32_t l2poc = br.ue();
        if (l2poc > 12)
            return std::nullopt;
        s.log2MaxPocLsb = int(l2poc) + 4;
    } else if (pocType == 1) {
        br.flag();
        br.se();
        br.se();
        const uint32_t cycle = br.ue();
        if (cycle > 255)
            return std::nullopt;
        for (uint32_t i = 0; i < cycle && br.ok(); ++i)
            br.se();
    } else if (pocType != 2) {
        return std::nullopt;
    }
    if (br.ue() > 16) // max_num_ref_frames
        return std::nullopt;
    br.flag();
    const uint32_t wMbs = br.ue() + 1;
    const uint32_t hMapUnits = br.ue() + 1;
    s.frameMbsOnly = br.flag();
    if (!s.frameMbsOnly)
        br.flag();
    br.flag(); // direct_8x8_inference_flag
    uint32_t cropL = 0, cropR = 0, cropT = 0, cropB = 0;
    if (br.flag()) {
        cropL = br.ue();
        cropR = br.ue();
        cropT = br.ue();
        cropB = br.ue();
    }
    if (!br.ok() || wMbs > 1024 || hMapUnits > 1024)
        return std::nullopt;
    const int64_t heightMbs = int64_t(hMapUnits) * (s.frameMbsOnly ? 1 : 2);
    const int cropUnitX = chromaFormat == 1 || chromaFormat == 2 ? 2 : 1;
    const int cropUnitY = (chromaFormat == 1 ? 2 : 1) * (s.frameMbsOnly ? 1 : 2);
    // 64-bit sums: two crop values near 2^32 must not wrap into a small crop.
    const int64_t w = int64_t(wMbs) * 16 - (int64_t(cropL) + int64_t(cropR)) * cropUnitX;
    const int64_t h = heightMbs * 16 - (int64_t(cropT) + int64_t(cropB)) * cropUnitY;
    if (w <= 0 || h <= 0)
        return std::nullopt;
    s.width = static_cast<int>(w);
    s.height = static_cast<int>(h);
    s.vuiFlagBit = int64_t(rbsp.size()) * 8 - br.bitsLeft();
    if (br.flag()) {     // vui_parameters_present_flag
        if (br.flag()) { // aspect_ratio_info_present_flag
            if (br.bits(8) == 255) {
                br.bits(16);
                br.bits(16);
            }
        }
        if (br.flag()) // overscan_info_present_flag
            br.flag();
        if (br.flag()) { // video_signal_type_present_flag
            br.bits(4);
            if (br.flag())
                br.bits(24);
        }
        if (br.flag()) { // chroma_loc_info_present_flag
            br.ue();
            br.ue();
        }
        if (br.flag()) { // timing_info_present_flag
            s.numUnitsInTick = br.bits(32);
            s.timeScale = br.bits(32);
            s.fixedFrameRate = br.flag();
            if (br.ok()) {
                s.timingInfoPresent = true;
                // Field-based ticks: one frame is two ticks.
                const uint64_t den = uint64_t(s.numUnitsInTick) * 2;
                if (s.numUnitsInTick > 0 && s.timeScale > 0 && den <= 0x7fffffff) {
                    const double fps = double(s.timeScale) / double(den);
                    if (fps >= 1.0 && fps <= 480.0) {
                        const uint64_t g = std::gcd(uint64_t(s.timeScale), den);
                        s.frameRateNum = static_cast<int>(s.timeScale / g);
                        s.frameRateDen = static_cast<int>(den / g);
                    }
                }
            }
        }
    }
    if (!br.ok() && !s.timingInfoPresent) {
        // The picture size is known; a VUI torn after it only loses timing.
        s.timingInfoPresent = false;
    }
    return s;
}

std::optional<SliceHeader> parseSliceHeader(const uint8_t *nal, size_t size, const SpsInfo &sps)
{
    if (size < 2)
        return std::nullopt;
    const int type = nal[0] & 0x1f;
    if (type != 1 && type != 5)
        return std::nullopt;
    // The fields needed sit in the first few bytes; 64 escaped bytes are plenty.
    const QByteArray rbsp = unescapeRbsp(nal + 1, size - 1, 64);
    BitReader br(reinterpret_cast<const uint8_t *>(rbsp.constData()), static_cast<size_t>(rbsp.size()));
    SliceHeader h;
    h.idr = type == 5;
    h.nalRefIdc = (nal[0] >> 5) & 3;
    h.firstMb = br.ue();
    h.sliceType = br.ue();
    if (h.sliceType > 9 || br.ue() > 255) // pps id
        return std::nullopt;
    if (sps.separateColourPlane)
        br.bits(2);
    h.frameNum = br.bits(sps.log2MaxFrameNum);
    if (!sps.frameMbsOnly) {
        h.fieldPic = br.flag();
        if (h.fieldPic)
            h.bottomField = br.flag();
    }
    if (h.idr)
        br.ue();
    if (sps.pocType == 0)
        h.pocLsb = br.bits(sps.log2MaxPocLsb);
    if (!br.ok())
        return std::nullopt;
    return h;
}

int64_t PocTracker::next(const SliceHeader &h, const SpsInfo &sps)
{
    const int64_t index = m_decodeIndex++;
    if (sps.pocType != 0)
        return index * 2; // types 1 and 2: output order is taken as decode order
    if (h.idr) {
        m_prevMsb = 0;
        m_prevLsb = 0;
    }
    const int64_t maxLsb = int64_t(1) << sps.log2MaxPocLsb;
    const int64_t lsb = h.pocLsb;
    int64_t msb = m_prevMsb;
    if (lsb < m_prevLsb && (m_prevLsb - lsb) >= maxLsb / 2)
        msb = m_prevMsb + maxLsb;
    else if (lsb > m_prevLsb && (lsb - m_prevLsb) > maxLsb / 2)
        msb = m_prevMsb - maxLsb;
    if (h.nalRefIdc != 0) {
        m_prevMsb = msb;
        m_prevLsb = lsb;
    }
    return msb + lsb;
}

AnnexBHead inspectAnnexBHead(const uint8_t *data, size_t size)
{
    AnnexBHead h;
    h.startCode = (size >= 3 && data[0] == 0 && data[1] == 0 && data[2] == 1)
        || (size >= 4 && data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] == 1);
    if (!h.startCode) {
        h.problem = QStringLiteral("does not start with an H.264 start code");
        return h;
    }
    bool forbiddenBit = false;
    forEachNal(data, size, [&](const NalUnit &u) {
        ++h.nalCount;
        const uint8_t hdr = data[u.offset];
        if (hdr & 0x80) {
            forbiddenBit = true;
            return false;
        }
        switch (u.type) {
        case 7:
            if (!h.hasSps) {
                h.hasSps = true;
                h.spsNal = QByteArray(reinterpret_cast<const char *>(data + u.offset), static_cast<qsizetype>(u.size));
                h.sps = parseSps(data + u.offset, static_cast<size_t>(u.size));
            }
            break;
        case 8:
            if (!h.hasPps) {
                h.hasPps = true;
                h.ppsNal = QByteArray(reinterpret_cast<const char *>(data + u.offset), static_cast<qsizetype>(u.size));
            }
            break;
        case 5:
            h.hasIdr = true;
            h.hasSlice = true;
            break;
        case 1:
            h.hasSlice = true;
            break;
        default:
            break;
        }
        return !(h.hasSps && h.hasPps && h.hasSlice) && h.nalCount < 4096;
    });
    if (forbiddenBit)
        h.problem = QStringLiteral("a NAL unit has the forbidden bit set: not H.264");
    else if (!h.hasSps)
        h.problem = QStringLiteral("no sequence parameter set near the start");
    else if (!h.sps)
        h.problem = QStringLiteral("the sequence parameter set cannot be parsed");
    else if (!h.hasPps)
        h.problem = QStringLiteral("no picture parameter set near the start");
    return h;
}

QByteArray makeAvcC(const QByteArray &sps, const QByteArray &pps)
{
    QByteArray out;
    if (sps.size() < 4 || sps.size() > 0xffff || pps.isEmpty() || pps.size() > 0xffff)
        return out;
    out.append(char(1));
    out.append(sps[1]);     // profile
    out.append(sps[2]);     // compatibility
    out.append(sps[3]);     // level
    out.append(char(0xff)); // 4-byte NAL lengths
    out.append(char(0xe1)); // one SPS
    out.append(char(sps.size() >> 8));
    out.append(char(sps.size() & 0xff));
    out.append(sps);
    out.append(char(1));
    out.append(char(pps.size() >> 8));
    out.append(char(pps.size() & 0xff));
    out.append(pps);
    return out;
}

QByteArray annexBToLengthPrefixed(const uint8_t *data, size_t size)
{
    QByteArray out;
    out.reserve(static_cast<qsizetype>(size + 16));
    forEachNal(data, size, [&](const NalUnit &u) {
        if (u.type == 9 || u.type == 12)
            return true;
        const uint32_t n = static_cast<uint32_t>(u.size);
        const char len[4] = {char(n >> 24), char(n >> 16), char(n >> 8), char(n)};
        out.append(len, 4);
        out.append(reinterpret_cast<const char *>(data + u.offset), static_cast<qsizetype>(u.size));
        return true;
    });
    return out;
}

} // namespace tapedeck::recovery

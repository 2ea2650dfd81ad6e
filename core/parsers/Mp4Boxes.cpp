#include "core/parsers/Mp4Boxes.h"

#include "core/parsers/Bytes.h"

#include <cstring>
#include <numeric>

namespace tapedeck::recovery {

namespace {

constexpr int kMaxDepth = 8;
constexpr int kMaxTopLevelBoxes = 100000;

using Box = Mp4Box;

constexpr uint32_t fourcc(const char (&s)[5])
{
    return (uint32_t(uint8_t(s[0])) << 24) | (uint32_t(uint8_t(s[1])) << 16) | (uint32_t(uint8_t(s[2])) << 8)
        | uint32_t(uint8_t(s[3]));
}

bool knownTopLevel(uint32_t t)
{
    return t == fourcc("ftyp") || t == fourcc("moov") || t == fourcc("mdat") || t == fourcc("free")
        || t == fourcc("skip") || t == fourcc("wide") || t == fourcc("uuid") || t == fourcc("moof")
        || t == fourcc("mfra") || t == fourcc("styp") || t == fourcc("sidx") || t == fourcc("meta");
}

// Finds the first child of type `want` in [begin, end).
std::optional<Box> findChild(const uint8_t *data, int64_t begin, int64_t end, uint32_t want)
{
    int64_t pos = begin;
    for (int guard = 0; pos < end && guard < 10000; ++guard) {
        const auto b = readMp4Box(data, end, pos);
        if (!b)
            return std::nullopt;
        if (b->type == want)
            return b;
        if (b->end <= pos)
            return std::nullopt;
        pos = b->end;
    }
    return std::nullopt;
}

std::optional<Box> findPath(const uint8_t *data, int64_t begin, int64_t end, std::initializer_list<uint32_t> path)
{
    std::optional<Box> b;
    int depth = 0;
    for (uint32_t t : path) {
        if (++depth > kMaxDepth)
            return std::nullopt;
        b = findChild(data, begin, end, t);
        if (!b)
            return std::nullopt;
        begin = b->payload;
        end = b->end;
    }
    return b;
}

} // namespace

Mp4TopLevel inspectMp4(const uint8_t *data, size_t size)
{
    Mp4TopLevel m;
    const int64_t total = static_cast<int64_t>(size);
    int64_t pos = 0;
    while (pos < total) {
        if (m.boxes >= kMaxTopLevelBoxes) {
            m.problem = QStringLiteral("too many top-level boxes");
            return m;
        }
        if (total - pos < 8) {
            m.truncated = true;
            break;
        }
        const auto b = readMp4Box(data, total, pos);
        if (!b || (m.boxes == 0 && !knownTopLevel(b->type))) {
            m.problem = m.boxes == 0 ? QStringLiteral("does not start with an MP4 box")
                                     : QStringLiteral("malformed box header at byte %1").arg(pos);
            if (m.boxes == 0)
                return m;
            m.truncated = true;
            break;
        }
        ++m.boxes;
        m.looksLikeMp4 = true;
        if (b->type == fourcc("ftyp"))
            m.hasFtyp = true;
        else if (b->type == fourcc("moov") && !b->truncated) {
            m.hasMoov = true;
            m.moovOffset = pos;
            m.moovSize = b->end - pos;
        } else if (b->type == fourcc("mdat")) {
            m.hasMdat = true;
            m.mdatOffset = pos;
            m.mdatSize = b->end - pos;
        } else if (b->type == fourcc("free") || b->type == fourcc("skip"))
            m.hasFree = true;
        if (b->truncated) {
            m.truncated = true;
            break;
        }
        if (b->end <= pos)
            break;
        pos = b->end;
    }
    return m;
}

std::optional<Mp4VideoTiming> videoTimingFromMoov(const uint8_t *moov, size_t size)
{
    const int64_t total = static_cast<int64_t>(size);
    int64_t pos = 0;
    for (int guard = 0; pos < total && guard < 1000; ++guard) {
        const auto trak = readMp4Box(moov, total, pos);
        if (!trak || trak->end <= pos)
            return std::nullopt;
        pos = trak->end;
        if (trak->type != fourcc("trak"))
            continue;
        const auto hdlr = findPath(moov, trak->payload, trak->end, {fourcc("mdia"), fourcc("hdlr")});
        if (!hdlr || !rangeFits(hdlr->payload, 12, hdlr->end) || std::memcmp(moov + hdlr->payload + 8, "vide", 4) != 0)
            continue;
        const auto mdhd = findPath(moov, trak->payload, trak->end, {fourcc("mdia"), fourcc("mdhd")});
        const auto stts =
            findPath(moov, trak->payload, trak->end, {fourcc("mdia"), fourcc("minf"), fourcc("stbl"), fourcc("stts")});
        if (!mdhd || !stts)
            return std::nullopt;
        ByteReader r(moov, static_cast<size_t>(mdhd->end));
        r.seek(mdhd->payload);
        const auto version = r.u8();
        if (!version || !r.skip(3) || !r.skip(*version == 1 ? 16 : 8))
            return std::nullopt;
        const auto timescale = r.u32();
        if (!timescale || *timescale == 0)
            return std::nullopt;
        ByteReader s(moov, static_cast<size_t>(stts->end));
        s.seek(stts->payload);
        const auto count = s.skip(4) ? s.u32() : std::nullopt;
        if (!count || int64_t(*count) * 8 > s.remaining()) // checked before any work
            return std::nullopt;
        Mp4VideoTiming t;
        t.timescale = *timescale;
        uint64_t best = 0;
        for (uint32_t i = 0; i < *count; ++i) {
            const uint32_t n = *s.u32();
            const uint32_t delta = *s.u32();
            t.samples += n;
            if (n > best && delta > 0) {
                best = n;
                t.sampleDelta = delta;
            }
        }
        if (t.sampleDelta == 0)
            return std::nullopt;
        const uint64_t g = std::gcd(uint64_t(t.timescale), uint64_t(t.sampleDelta));
        t.frameRateNum = static_cast<int>(t.timescale / g);
        t.frameRateDen = static_cast<int>(t.sampleDelta / g);
        const double fps = double(t.frameRateNum) / t.frameRateDen;
        if (fps < 1 || fps > 480)
            return std::nullopt;
        return t;
    }
    return std::nullopt;
}

std::optional<Mp4Box> readMp4Box(const uint8_t *data, int64_t limit, int64_t pos)
{
    ByteReader r(data, static_cast<size_t>(limit));
    if (!r.seek(pos))
        return std::nullopt;
    const auto size32 = r.u32();
    const auto type = r.u32();
    if (!size32 || !type)
        return std::nullopt;
    Mp4Box b;
    b.type = *type;
    b.start = pos;
    int64_t size = *size32;
    if (size == 1) {
        const auto large = r.u64();
        if (!large || *large > uint64_t(INT64_MAX))
            return std::nullopt;
        size = static_cast<int64_t>(*large);
        b.large = true;
    }
    b.payload = r.pos();
    if (size == 0) {
        b.end = limit;
        return b;
    }
    if (size < b.payload - pos)
        return std::nullopt;
    const auto end = checkedAdd(pos, size);
    if (!end)
        return std::nullopt;
    b.declaredEnd = *end;
    b.end = *end;
    if (b.end > limit) {
        b.truncated = true;
        b.end = limit;
    }
    return b;
}

} // namespace tapedeck::recovery

#include "core/recovery/Mp4Layout.h"

#include "core/parsers/Bytes.h"
#include "core/parsers/Mp4Boxes.h"

#include <algorithm>
#include <cstring>
#include <map>

namespace tapedeck::recovery {

namespace {

constexpr int kMaxBoxesPerLevel = 100000;

using Box = Mp4Box;

bool printable(uint32_t t)
{
    for (int i = 0; i < 4; ++i) {
        const uint8_t c = uint8_t(t >> (8 * i));
        if (c < 0x20 || c > 0x7e)
            return false;
    }
    return true;
}

bool knownTopLevel(uint32_t t)
{
    for (uint32_t k : {fourccOf("ftyp"), fourccOf("moov"), fourccOf("mdat"), fourccOf("free"), fourccOf("skip"),
                       fourccOf("wide"), fourccOf("uuid"), fourccOf("pnot"), fourccOf("meta")})
        if (t == k)
            return true;
    return false;
}

std::optional<Box> findChild(const uint8_t *data, int64_t begin, int64_t end, uint32_t want)
{
    int64_t pos = begin;
    for (int guard = 0; pos + 8 <= end && guard < kMaxBoxesPerLevel; ++guard) {
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

std::optional<Box> findPath(const uint8_t *data, const Box &from, std::initializer_list<uint32_t> path)
{
    int64_t begin = from.payload, end = from.end;
    std::optional<Box> b;
    for (uint32_t t : path) {
        b = findChild(data, begin, end, t);
        if (!b)
            return std::nullopt;
        begin = b->payload;
        end = b->end;
    }
    return b;
}

// Payload reader of a full box (version and flags skipped, version returned).
ByteReader fullBox(const uint8_t *data, const Box &b, int *version)
{
    ByteReader r(data, static_cast<size_t>(b.end));
    r.seek(b.payload);
    const auto v = r.u8();
    *version = v ? *v : 0;
    r.skip(3);
    return r;
}

// ISO 14496-1 descriptor length: up to four 7-bit groups.
std::optional<uint32_t> descLength(ByteReader &r)
{
    uint32_t len = 0;
    for (int i = 0; i < 4; ++i) {
        const auto b = r.u8();
        if (!b)
            return std::nullopt;
        len = (len << 7) | (*b & 0x7f);
        if (!(*b & 0x80))
            return len;
    }
    return len;
}

void readVisualEntry(const uint8_t *data, const Box &entry, RefTrack &t)
{
    ByteReader r(data, static_cast<size_t>(entry.end));
    if (!r.seek(entry.payload + 24))
        return;
    t.width = r.u16().value_or(0);
    t.height = r.u16().value_or(0);
    const int64_t children = entry.payload + 78;
    if (children >= entry.end)
        return;
    for (uint32_t cfg : {fourccOf("avcC"), fourccOf("hvcC")}) {
        const auto c = findChild(data, children, entry.end, cfg);
        if (!c)
            continue;
        t.config = QByteArray(reinterpret_cast<const char *>(data + c->payload), int(c->end - c->payload));
        if (cfg == fourccOf("avcC") && t.config.size() >= 5)
            t.nalLengthSize = (uint8_t(t.config[4]) & 3) + 1;
        if (cfg == fourccOf("hvcC") && t.config.size() >= 22)
            t.nalLengthSize = (uint8_t(t.config[21]) & 3) + 1;
    }
}

void readAudioEntry(const uint8_t *data, const Box &entry, RefTrack &t)
{
    ByteReader r(data, static_cast<size_t>(entry.end));
    if (!r.seek(entry.payload + 8))
        return;
    const uint16_t version = r.u16().value_or(0);
    r.skip(6);
    t.channels = r.u16().value_or(0);
    t.bitsPerSample = r.u16().value_or(0);
    r.skip(4);
    t.sampleRate = int(r.u32().value_or(0) >> 16);
    // QuickTime sound description versions 1 and 2 carry more fields.
    int64_t children = entry.payload + 28;
    if (version == 1)
        children += 16;
    else if (version == 2)
        children += 36;
    if (children >= entry.end)
        return;
    // In a .mov the esds may sit inside a 'wave' box.
    int64_t from = children, to = entry.end;
    if (const auto wave = findChild(data, children, entry.end, fourccOf("wave"))) {
        from = wave->payload;
        to = wave->end;
    }
    if (const auto esds = findChild(data, from, to, fourccOf("esds")); esds && esds->end - esds->payload > 4)
        t.config = ascFromEsds(data + esds->payload + 4, size_t(esds->end - esds->payload - 4));
    if (const auto dops = findChild(data, children, entry.end, fourccOf("dOps"));
        dops && dops->end - dops->payload >= 11) {
        // dOps (big-endian) back to an OpusHead (little-endian), what libavcodec wants.
        const uint8_t *d = data + dops->payload;
        QByteArray head("OpusHead", 8);
        head.append(char(1));
        head.append(char(d[1]));
        head.append(char(d[3])).append(char(d[2]));
        head.append(char(d[7])).append(char(d[6])).append(char(d[5])).append(char(d[4]));
        head.append(char(d[9])).append(char(d[8]));
        head.append(char(d[10]));
        if (d[10] != 0 && dops->end - dops->payload >= 13 + d[1])
            head.append(reinterpret_cast<const char *>(d + 11), 2 + d[1]);
        t.config = head;
    }
}

void readTrack(const uint8_t *data, const Box &trak, RefLayout &out)
{
    const auto hdlr = findPath(data, trak, {fourccOf("mdia"), fourccOf("hdlr")});
    const auto mdhd = findPath(data, trak, {fourccOf("mdia"), fourccOf("mdhd")});
    const auto stbl = findPath(data, trak, {fourccOf("mdia"), fourccOf("minf"), fourccOf("stbl")});
    if (!hdlr || !mdhd || !stbl || !rangeFits(hdlr->payload, 12, hdlr->end))
        return;
    const uint32_t handler = uint32_t(data[hdlr->payload + 8]) << 24 | uint32_t(data[hdlr->payload + 9]) << 16
        | uint32_t(data[hdlr->payload + 10]) << 8 | data[hdlr->payload + 11];
    if (handler != fourccOf("vide") && handler != fourccOf("soun"))
        return;
    RefTrack t;
    t.video = handler == fourccOf("vide");
    int version = 0;
    ByteReader m = fullBox(data, *mdhd, &version);
    m.skip(version == 1 ? 16 : 8);
    t.timescale = m.u32().value_or(0);
    if (t.timescale == 0)
        return;

    const auto stsd = findChild(data, stbl->payload, stbl->end, fourccOf("stsd"));
    if (!stsd || stsd->payload + 8 >= stsd->end)
        return;
    const auto entry = readMp4Box(data, stsd->end, stsd->payload + 8);
    if (!entry)
        return;
    t.sampleEntryType = QByteArray(reinterpret_cast<const char *>(data + entry->start + 4), 4);
    const uint32_t et = entry->type;
    if (et == fourccOf("avc1") || et == fourccOf("avc3"))
        t.codec = RefCodec::H264;
    else if (et == fourccOf("hvc1") || et == fourccOf("hev1"))
        t.codec = RefCodec::Hevc;
    else if (et == fourccOf("mp4a"))
        t.codec = RefCodec::Aac;
    else if (et == fourccOf("Opus"))
        t.codec = RefCodec::Opus;
    else if (et == fourccOf("sowt") || et == fourccOf("twos") || et == fourccOf("in24") || et == fourccOf("in32")
             || et == fourccOf("fl32") || et == fourccOf("fl64") || et == fourccOf("raw "))
        t.codec = RefCodec::Pcm;
    if (t.video)
        readVisualEntry(data, *entry, t);
    else
        readAudioEntry(data, *entry, t);

    if (const auto stts = findChild(data, stbl->payload, stbl->end, fourccOf("stts"))) {
        ByteReader r = fullBox(data, *stts, &version);
        const uint32_t n = r.u32().value_or(0);
        uint64_t best = 0;
        for (uint32_t i = 0; i < n && r.remaining() >= 8; ++i) {
            const uint32_t count = *r.u32(), delta = *r.u32();
            t.samples += count;
            if (count > best && delta > 0) {
                best = count;
                t.sampleDelta = delta;
            }
        }
    }
    if (const auto ctts = findChild(data, stbl->payload, stbl->end, fourccOf("ctts"))) {
        ByteReader r = fullBox(data, *ctts, &version);
        if (r.u32().value_or(0) > 0 && r.remaining() >= 8) {
            r.skip(4);
            t.firstCts = version == 1 ? int64_t(int32_t(*r.u32())) : int64_t(*r.u32());
        }
    }
    if (const auto stsz = findChild(data, stbl->payload, stbl->end, fourccOf("stsz"))) {
        ByteReader r = fullBox(data, *stsz, &version);
        const uint32_t fixed = r.u32().value_or(0);
        const uint32_t n = r.u32().value_or(0);
        t.maxSampleSize = fixed;
        t.meanSampleSize = fixed;
        uint64_t total = 0, count = 0;
        for (uint32_t i = 0; fixed == 0 && i < n && r.remaining() >= 4; ++i, ++count) {
            const uint32_t sz = *r.u32();
            t.maxSampleSize = std::max(t.maxSampleSize, sz);
            total += sz;
        }
        if (count > 0)
            t.meanSampleSize = uint32_t(total / count);
    }
    if (const auto elst = findPath(data, trak, {fourccOf("edts"), fourccOf("elst")})) {
        ByteReader r = fullBox(data, *elst, &version);
        const uint32_t n = r.u32().value_or(0);
        for (uint32_t i = 0; i < n; ++i) {
            if (version == 1) {
                r.skip(8);
                const auto mt = r.u64();
                if (!mt)
                    break;
                r.skip(4);
                if (int64_t(*mt) >= 0) {
                    t.elstMediaTime = int64_t(*mt);
                    break;
                }
            } else {
                r.skip(4);
                const auto mt = r.u32();
                if (!mt)
                    break;
                r.skip(4);
                if (int32_t(*mt) >= 0) {
                    t.elstMediaTime = int32_t(*mt);
                    break;
                }
            }
        }
    }
    out.tracks.push_back(t);
}

} // namespace

QByteArray ascFromEsds(const uint8_t *data, size_t size)
{
    ByteReader r(data, size);
    // ES_Descriptor (tag 3) → DecoderConfigDescriptor (tag 4) → DecoderSpecificInfo (tag 5).
    if (r.u8().value_or(0) != 3 || !descLength(r))
        return {};
    r.skip(2);
    const uint8_t flags = r.u8().value_or(0);
    if (flags & 0x80)
        r.skip(2);
    if (flags & 0x40) {
        const uint8_t len = r.u8().value_or(0);
        r.skip(len);
    }
    if (flags & 0x20)
        r.skip(2);
    if (r.u8().value_or(0) != 4 || !descLength(r))
        return {};
    if (!r.skip(13))
        return {};
    if (r.u8().value_or(0) != 5)
        return {};
    const auto len = descLength(r);
    if (!len || *len == 0 || *len > 64 || int64_t(*len) > r.remaining())
        return {};
    return QByteArray(reinterpret_cast<const char *>(r.current()), int(*len));
}

BrokenMp4 inspectBrokenMp4(const uint8_t *data, size_t size)
{
    BrokenMp4 m;
    const int64_t total = static_cast<int64_t>(size);
    int64_t pos = 0;
    for (int boxes = 0; pos + 8 <= total && boxes < kMaxBoxesPerLevel; ++boxes) {
        const auto b = readMp4Box(data, total, pos);
        if (!b || !printable(b->type) || (boxes == 0 && !knownTopLevel(b->type))) {
            if (boxes == 0)
                m.why = QStringLiteral("does not start with an MP4 box");
            break;
        }
        m.isMp4 = true;
        if (b->type == fourccOf("ftyp")) {
            m.hasFtyp = true;
            if (b->end - b->payload >= 4) {
                m.majorBrand = QByteArray(reinterpret_cast<const char *>(data + b->payload), 4);
                m.quickTime = m.majorBrand == "qt  ";
            }
        } else if (b->type == fourccOf("moov")) {
            if (b->truncated)
                m.moovCut = true;
            else
                m.hasUsableMoov = true;
        } else if (b->type == fourccOf("mdat") && m.mdatHeader < 0) {
            m.mdatHeader = pos;
            m.mdatBegin = b->payload;
            m.mdatEnd = b->end;
            m.declaredEnd = b->declaredEnd;
            m.largeSize = b->large;
            // Size 0 is "to the end of the file", what a killed writer leaves
            // when it never came back to patch the size: nothing after it.
            if (b->declaredEnd < 0)
                break;
        }
        if (b->end <= pos)
            break;
        pos = b->end;
    }
    // ffmpeg and GStreamer write a 32-bit mdat size of 0 or 8 when they
    // start, and patch it at the end: an mdat of 8 bytes (empty) followed by
    // media instead of another box is the same unfinished mdat.
    if (m.mdatHeader >= 0 && m.mdatEnd == m.mdatBegin && m.mdatEnd < total) {
        const auto next = readMp4Box(data, total, m.mdatEnd);
        if (!next || !printable(next->type) || !knownTopLevel(next->type)) {
            m.mdatEnd = total;
            m.declaredEnd = m.mdatBegin;
        }
    }
    if (!m.isMp4)
        return m;
    if (m.mdatHeader < 0) {
        m.why = QStringLiteral("no media data (mdat) box");
    } else if (m.hasUsableMoov) {
        m.why = QString();
    } else if (m.moovCut) {
        m.why = QStringLiteral("its index (moov) is cut off");
    } else if (m.declaredEnd < 0) {
        m.why = QStringLiteral("its index (moov) was never written: the mdat size is 0 (the recorder was stopped "
                               "before it finished)");
    } else if (m.declaredEnd > total) {
        m.why = QStringLiteral("the file is cut: the mdat should end at byte %1 but the file has %2 bytes, and the "
                               "index (moov) is missing")
                    .arg(m.declaredEnd)
                    .arg(total);
    } else {
        m.why = QStringLiteral("its index (moov) is missing");
    }
    return m;
}

RefLayout readReferenceLayout(const uint8_t *data, size_t size)
{
    RefLayout out;
    const int64_t total = static_cast<int64_t>(size);
    const auto moov = findChild(data, 0, total, fourccOf("moov"));
    if (!moov || moov->truncated) {
        out.problem = QStringLiteral("no complete moov box");
        return out;
    }
    int64_t pos = moov->payload;
    for (int guard = 0; pos + 8 <= moov->end && guard < 1000; ++guard) {
        const auto b = readMp4Box(data, moov->end, pos);
        if (!b || b->end <= pos)
            break;
        if (b->type == fourccOf("trak"))
            readTrack(data, *b, out);
        pos = b->end;
    }
    if (out.tracks.empty())
        out.problem = QStringLiteral("no audio or video track");
    return out;
}

} // namespace tapedeck::recovery

#include "core/parsers/Flv.h"

#include "core/parsers/Bytes.h"

#include <QStringList>

#include <cstring>

namespace tapedeck::recovery {

namespace {

constexpr int kMaxAmfDepth = 16;

bool skipAmfString(ByteReader &r, bool longString)
{
    const auto len = longString ? r.u32() : std::optional<uint32_t>(r.u16());
    return len && r.skip(*len);
}

bool skipAmfValue(ByteReader &r, int depth);

// Properties (name, value) until the 00 00 09 end marker.
bool skipAmfProperties(ByteReader &r, int depth)
{
    for (;;) {
        const auto len = r.u16();
        if (!len)
            return false;
        if (*len == 0) {
            const auto end = r.u8();
            return end && *end == 9;
        }
        if (!r.skip(*len) || !skipAmfValue(r, depth))
            return false;
    }
}

bool skipAmfValue(ByteReader &r, int depth)
{
    if (depth > kMaxAmfDepth)
        return false;
    const auto type = r.u8();
    if (!type)
        return false;
    switch (*type) {
    case 0:
        return r.skip(8); // number
    case 1:
        return r.skip(1); // boolean
    case 2:
        return skipAmfString(r, false); // string
    case 3:
        return skipAmfProperties(r, depth + 1); // object
    case 5:
    case 6:
        return true; // null, undefined
    case 7:
        return r.skip(2); // reference
    case 8:               // ECMA array: count is only a hint
        return r.skip(4) && skipAmfProperties(r, depth + 1);
    case 10: { // strict array
        const auto count = r.u32();
        if (!count || *count > static_cast<uint64_t>(r.remaining())) // each value is >= 1 byte
            return false;
        for (uint32_t i = 0; i < *count; ++i)
            if (!skipAmfValue(r, depth + 1))
                return false;
        return true;
    }
    case 11:
        return r.skip(10); // date
    case 12:
    case 15:
        return skipAmfString(r, true); // long string, XML
    case 16:                           // typed object
        return skipAmfString(r, false) && skipAmfProperties(r, depth + 1);
    default:
        return false;
    }
}

double readDouble(const uint8_t *p)
{
    uint64_t bits = 0;
    for (int i = 0; i < 8; ++i)
        bits = (bits << 8) | p[i];
    double d = 0;
    std::memcpy(&d, &bits, 8);
    return d;
}

void putU8(QByteArray &b, int v) { b.append(static_cast<char>(v & 0xff)); }
void putU16(QByteArray &b, uint32_t v)
{
    putU8(b, int(v >> 8));
    putU8(b, int(v));
}
void putU24(QByteArray &b, uint32_t v)
{
    putU8(b, int(v >> 16));
    putU16(b, v & 0xffff);
}
void putU32(QByteArray &b, uint32_t v)
{
    putU16(b, v >> 16);
    putU16(b, v & 0xffff);
}
void putDouble(QByteArray &b, double d)
{
    uint64_t bits = 0;
    std::memcpy(&bits, &d, 8);
    for (int i = 7; i >= 0; --i)
        putU8(b, int(bits >> (i * 8)));
}
void putName(QByteArray &b, const char *name)
{
    putU16(b, static_cast<uint32_t>(std::strlen(name)));
    b.append(name);
}
void putNumberProp(QByteArray &b, const char *name, double v)
{
    putName(b, name);
    putU8(b, 0);
    putDouble(b, v);
}

} // namespace

std::optional<FlvHeader> parseFlvHeader(const uint8_t *data, size_t size)
{
    ByteReader r(data, size);
    const auto sig = r.u24();
    const auto version = r.u8();
    const auto flags = r.u8();
    const auto offset = r.u32();
    if (!sig || *sig != 0x464c56 || !version || *version != 1 || !flags || !offset || *offset < 9)
        return std::nullopt;
    FlvHeader h;
    h.hasAudio = (*flags & 0x04) != 0;
    h.hasVideo = (*flags & 0x01) != 0;
    h.dataOffset = *offset;
    return h;
}

std::optional<FlvTag> parseFlvTag(const uint8_t *data, size_t size, int64_t offset)
{
    const int64_t total = static_cast<int64_t>(size);
    if (!rangeFits(offset, 11, total))
        return std::nullopt;
    ByteReader r(data, size);
    r.seek(offset);
    FlvTag t;
    t.offset = offset;
    t.type = *r.u8();
    t.dataSize = *r.u24();
    const uint32_t ts = *r.u24();
    const uint32_t ext = *r.u8();
    t.timestampMs = ts | (ext << 24);
    const uint32_t streamId = *r.u24();
    // Encrypted/filtered tags (0x20) are not something Tapedeck records.
    if ((t.type != 8 && t.type != 9 && t.type != 18) || streamId != 0)
        return std::nullopt;
    if (!rangeFits(offset, 11 + int64_t(t.dataSize), total))
        return std::nullopt;
    return t;
}

FlvMetadata parseFlvMetadata(const uint8_t *data, size_t size, const FlvTag &tag)
{
    FlvMetadata m;
    if (tag.type != 18)
        return m;
    ByteReader r(data + tag.offset + 11, tag.dataSize);
    const auto t0 = r.u8();
    const auto nameLen = r.u16();
    if (!t0 || *t0 != 2 || !nameLen || *nameLen != 10 || r.remaining() < 10
        || std::memcmp(r.current(), "onMetaData", 10) != 0)
        return m;
    r.skip(10);
    m.present = true;
    m.tagOffset = tag.offset;
    m.tagEnd = tag.end() + 4;
    const int64_t base = tag.offset + 11;
    const auto type = r.u8();
    if (!type || (*type != 8 && *type != 3)) {
        m.problem = QStringLiteral("onMetaData is not an object");
        return m;
    }
    if (*type == 8 && !r.skip(4)) {
        m.problem = QStringLiteral("onMetaData is cut off");
        return m;
    }
    for (int guard = 0; guard < 100000; ++guard) {
        const int64_t begin = r.pos();
        const auto len = r.u16();
        if (!len) {
            m.problem = QStringLiteral("onMetaData is cut off");
            return m;
        }
        if (*len == 0) {
            const auto end = r.u8();
            if (!end || *end != 9)
                m.problem = QStringLiteral("onMetaData has no end marker");
            return m;
        }
        if (r.remaining() < *len) {
            m.problem = QStringLiteral("onMetaData is cut off");
            return m;
        }
        const QString name = QString::fromUtf8(reinterpret_cast<const char *>(r.current()), *len);
        r.skip(*len);
        const int64_t valuePos = r.pos();
        if (!skipAmfValue(r, 1)) {
            m.problem = QStringLiteral("onMetaData property \"%1\" is malformed").arg(name.left(64));
            return m;
        }
        const uint8_t vtype = data[base + valuePos];
        if (name == QLatin1String("duration") && vtype == 0 && r.pos() - valuePos == 9)
            m.durationSec = readDouble(data + base + valuePos + 1);
        if (name == QLatin1String("keyframes") && vtype == 3 && r.pos() - valuePos > 4)
            m.hasKeyframeIndex = true;
        m.properties.push_back(AmfProperty{name, base + begin, base + r.pos()});
    }
    m.problem = QStringLiteral("onMetaData has too many properties");
    return m;
}

FlvInspect inspectFlv(const uint8_t *data, size_t size)
{
    FlvInspect in;
    const auto h = parseFlvHeader(data, size);
    if (!h) {
        in.problem = QStringLiteral("no FLV header");
        return in;
    }
    in.isFlv = true;
    in.header = *h;
    const auto first = parseFlvTag(data, size, int64_t(h->dataOffset) + 4);
    if (!first) {
        in.needsRepair = true;
        in.why = QStringLiteral("no whole tag after the header");
        return in;
    }
    in.meta = parseFlvMetadata(data, size, *first);
    // A killed recording never got its duration patched in. A duration
    // without a keyframe index is what a clean stop of most FLV muxers
    // (libavformat's without add_keyframe_index) leaves: complete, so it is
    // not an orphan, though a rebuild would add the index.
    const bool noDuration = !in.meta.present || !in.meta.durationSec || !(*in.meta.durationSec > 0);
    const bool noIndex = h->hasVideo && !in.meta.hasKeyframeIndex;
    in.needsRepair = noDuration;
    if (noDuration)
        in.why = noIndex ? QStringLiteral("the header has no duration and no keyframe index")
                         : QStringLiteral("the header has no duration");
    else if (noIndex)
        in.why = QStringLiteral("complete, but without a keyframe index");
    return in;
}

double FlvWalk::durationSec() const
{
    auto end = [](int64_t first, int64_t last, int64_t count) -> int64_t {
        if (last < 0)
            return -1;
        const int64_t step = count > 1 ? (last - first) / (count - 1) : 0;
        return last + step; // the last frame lasts as long as the average one
    };
    const int64_t e = std::max(end(firstVideoTs, lastVideoTs, videoTags), end(firstAudioTs, lastAudioTs, audioTags));
    if (e < 0 || firstTs < 0)
        return 0;
    return double(e - firstTs) / 1000.0;
}

namespace {
// 9 for a video frame, 8 for an audio frame, 0 for anything else (script
// data, and the AVC/AAC configuration tags, which carry no picture or sound).
int frameKind(const uint8_t *data, const FlvTag &t)
{
    if ((t.type != 8 && t.type != 9) || t.dataSize < 1)
        return 0;
    const uint8_t b0 = data[t.offset + 11];
    if (t.type == 9) {
        const bool avcConfig = (b0 & 0x0f) == 7 && t.dataSize >= 2 && data[t.offset + 12] == 0;
        return avcConfig ? 0 : 9;
    }
    const bool aacConfig = (b0 >> 4) == 10 && t.dataSize >= 2 && data[t.offset + 12] == 0;
    return aacConfig ? 0 : 8;
}
} // namespace

bool flvHoldsFrame(const uint8_t *data, size_t size, const FlvInspect &inspect)
{
    const int64_t total = static_cast<int64_t>(size);
    int64_t pos = inspect.meta.present ? inspect.meta.tagEnd : int64_t(inspect.header.dataOffset) + 4;
    while (pos < total) {
        const auto t = parseFlvTag(data, size, pos);
        if (!t)
            return false;
        if (frameKind(data, *t) != 0)
            return true;
        pos = t->end() + 4;
    }
    return false;
}

FlvWalk walkFlv(const uint8_t *data, size_t size, const FlvInspect &inspect)
{
    FlvWalk w;
    const int64_t total = static_cast<int64_t>(size);
    w.bodyStart = inspect.meta.present ? inspect.meta.tagEnd : int64_t(inspect.header.dataOffset) + 4;
    int64_t pos = w.bodyStart;
    w.goodEnd = pos;
    while (pos < total) {
        const auto t = parseFlvTag(data, size, pos);
        if (!t) {
            w.stopReason = total - pos < 11 ? QStringLiteral("the last tag header is cut off")
                                            : QStringLiteral("the tag at byte %1 is cut off or invalid").arg(pos);
            break;
        }
        const int64_t after = t->end();
        bool trailerMissing = false;
        if (!rangeFits(after, 4, total)) {
            trailerMissing = true;
        } else {
            const uint32_t prev = (uint32_t(data[after]) << 24) | (uint32_t(data[after + 1]) << 16)
                | (uint32_t(data[after + 2]) << 8) | data[after + 3];
            if (prev != 11 + t->dataSize) {
                w.stopReason = QStringLiteral("the tag at byte %1 has a wrong trailer").arg(pos);
                break;
            }
        }
        ++w.tags;
        w.lastTagSize = 11 + t->dataSize;
        if (w.firstTs < 0)
            w.firstTs = t->timestampMs;
        const int frame = frameKind(data, *t);
        if (frame == 9) {
            if (w.firstVideoTs < 0)
                w.firstVideoTs = t->timestampMs;
            w.lastVideoTs = t->timestampMs;
            ++w.videoTags;
            if ((data[t->offset + 11] >> 4) == 1)
                w.keyframes.emplace_back(t->timestampMs, t->offset);
        } else if (frame == 8) {
            if (w.firstAudioTs < 0)
                w.firstAudioTs = t->timestampMs;
            w.lastAudioTs = t->timestampMs;
            ++w.audioTags;
        }
        if (trailerMissing) {
            w.lastPrevSizeMissing = true;
            w.goodEnd = after;
            w.stopReason = QStringLiteral("the last tag's trailer is cut off");
            break;
        }
        pos = after + 4;
        w.goodEnd = pos;
    }
    w.droppedBytes = total - w.goodEnd;
    return w;
}

Result<int64_t> writeRepairedFlv(const uint8_t *data, size_t size, const FlvInspect &inspect, const FlvWalk &walk,
                                 const std::function<Status(const char *, int64_t)> &sink)
{
    if (!inspect.isFlv || walk.goodEnd < walk.bodyStart || walk.goodEnd > static_cast<int64_t>(size))
        return makeError(ErrorCode::Corrupt, QStringLiteral("not a repairable FLV"));
    // The metadata body: every number is an 8-byte double, so its size does
    // not depend on the values and the keyframe positions can be computed
    // before the body is final.
    auto buildBody = [&](double duration, double fileSize, int64_t shift) {
        QByteArray b;
        putU8(b, 2);
        putName(b, "onMetaData");
        putU8(b, 8);
        putU32(b, 0); // patched below
        uint32_t count = 0;
        if (inspect.meta.present && inspect.meta.problem.isEmpty()) {
            for (const AmfProperty &p : inspect.meta.properties) {
                if (p.name == QLatin1String("duration") || p.name == QLatin1String("filesize")
                    || p.name == QLatin1String("keyframes") || p.name == QLatin1String("lasttimestamp")
                    || p.name == QLatin1String("lastkeyframetimestamp")
                    || p.name == QLatin1String("lastkeyframelocation"))
                    continue;
                b.append(reinterpret_cast<const char *>(data + p.begin), static_cast<qsizetype>(p.end - p.begin));
                ++count;
            }
        }
        putNumberProp(b, "duration", duration);
        putNumberProp(b, "filesize", fileSize);
        count += 2;
        if (!walk.keyframes.empty()) {
            putName(b, "keyframes");
            putU8(b, 3);
            putName(b, "times");
            putU8(b, 10);
            putU32(b, static_cast<uint32_t>(walk.keyframes.size()));
            for (const auto &k : walk.keyframes) {
                putU8(b, 0);
                putDouble(b, double(int64_t(k.first) - std::max<int64_t>(walk.firstTs, 0)) / 1000.0);
            }
            putName(b, "filepositions");
            putU8(b, 10);
            putU32(b, static_cast<uint32_t>(walk.keyframes.size()));
            for (const auto &k : walk.keyframes) {
                putU8(b, 0);
                putDouble(b, double(k.second - walk.bodyStart + shift));
            }
            putU16(b, 0);
            putU8(b, 9);
            ++count;
        }
        putU16(b, 0);
        putU8(b, 9);
        b[14] = char(count >> 24);
        b[15] = char(count >> 16);
        b[16] = char(count >> 8);
        b[17] = char(count);
        return b;
    };
    const QByteArray probe = buildBody(0, 0, 0);
    if (probe.size() > 0xffffff)
        return makeError(ErrorCode::Unsupported, QStringLiteral("too many keyframes for one metadata tag"));
    const int64_t metaTag = 11 + probe.size() + 4;
    const int64_t newBodyStart = 13 + metaTag;
    const int64_t copied = walk.goodEnd - walk.bodyStart;
    const int64_t fileSize = newBodyStart + copied + (walk.lastPrevSizeMissing ? 4 : 0);
    const QByteArray body = buildBody(walk.durationSec(), double(fileSize), newBodyStart);

    QByteArray head;
    head.append("FLV", 3);
    putU8(head, 1);
    putU8(head, (inspect.header.hasAudio ? 4 : 0) | (inspect.header.hasVideo ? 1 : 0));
    putU32(head, 9);
    putU32(head, 0);
    putU8(head, 18);
    putU24(head, static_cast<uint32_t>(body.size()));
    putU24(head, 0);
    putU8(head, 0);
    putU24(head, 0);
    head.append(body);
    putU32(head, static_cast<uint32_t>(11 + body.size()));
    if (auto s = sink(head.constData(), head.size()); !s)
        return s.error();
    constexpr int64_t kChunk = 4 << 20;
    for (int64_t off = walk.bodyStart; off < walk.goodEnd; off += kChunk) {
        const int64_t n = std::min(kChunk, walk.goodEnd - off);
        if (auto s = sink(reinterpret_cast<const char *>(data + off), n); !s)
            return s.error();
    }
    if (walk.lastPrevSizeMissing) {
        // The last tag is whole; only its PreviousTagSize was lost.
        QByteArray trailer;
        const uint32_t lastSize = walk.lastTagSize;
        putU32(trailer, lastSize);
        if (auto s = sink(trailer.constData(), 4); !s)
            return s.error();
    }
    return fileSize;
}

} // namespace tapedeck::recovery

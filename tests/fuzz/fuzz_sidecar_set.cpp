// libFuzzer target with structure-aware mutations: a whole sidecar set
// (.info, .mdat, .trackN) read by readSidecarSet and, when usable, rebuilt by
// rebuildMp4 — the path recovery takes.
//
// Why a custom mutator: .info and every 40-byte index record carry a CRC-32,
// so byte flips are rejected at the checksum and the fuzzer would mostly
// test crc32(). The damage worth finding is the kind that passes the
// checksum (a forged or buggy writer's offset of 2^64-10, a timescale
// players reject, a layout whose sums wrap). LLVMFuzzerCustomMutator decodes
// the set, changes one field of a valid record or of the .info (often to a
// boundary value), and re-encodes it with fresh CRCs.
//
// Input (little-endian), also what the seeds in
// tests/data/fuzz-corpus/sidecar_set hold (tests/fuzz/make_sidecar_seed.py):
//   u64 mdat size (capped at kMaxMdat; the file is sparse)
//   u8  flags: bit 0 = write the ftyp/free/mdat headers where .info says
//   u32 n, n bytes of .info
//   u8  T, then T times: u32 n, n bytes of .trackK
#include "core/base/Log.h"
#include "core/mp4/Moov.h"
#include "core/mp4/Rebuild.h"
#include "core/mp4/Sidecar.h"

#include <QByteArray>
#include <QDir>
#include <QString>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <unistd.h>
#include <vector>

extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize);

namespace {

using namespace tapedeck::mp4;

constexpr uint64_t kMaxMdat = 4u << 20;
constexpr int kMaxTracks = 4;

struct Set {
    uint64_t mdatSize = 0;
    uint8_t flags = 1;
    QByteArray info;
    std::vector<QByteArray> tracks;
};

uint64_t le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; ++i)
        v |= uint64_t(p[i]) << (8 * i);
    return v;
}

void putLe(QByteArray &b, uint64_t v, int n)
{
    for (int i = 0; i < n; ++i)
        b.append(char((v >> (8 * i)) & 0xFF));
}

bool parse(const uint8_t *data, size_t size, Set *s)
{
    size_t pos = 0;
    auto need = [&](size_t n) { return size - pos >= n; };
    if (!need(13))
        return false;
    s->mdatSize = le(data, 8);
    s->flags = data[8];
    pos = 9;
    const uint32_t infoLen = uint32_t(le(data + pos, 4));
    pos += 4;
    if (!need(infoLen))
        return false;
    s->info = QByteArray(reinterpret_cast<const char *>(data + pos), qsizetype(infoLen));
    pos += infoLen;
    if (!need(1))
        return false;
    const int count = data[pos++];
    if (count > kMaxTracks)
        return false;
    for (int i = 0; i < count; ++i) {
        if (!need(4))
            return false;
        const uint32_t n = uint32_t(le(data + pos, 4));
        pos += 4;
        if (!need(n))
            return false;
        s->tracks.emplace_back(reinterpret_cast<const char *>(data + pos), qsizetype(n));
        pos += n;
    }
    return true;
}

QByteArray serialize(const Set &s)
{
    QByteArray b;
    putLe(b, s.mdatSize, 8);
    b.append(char(s.flags));
    putLe(b, uint64_t(s.info.size()), 4);
    b.append(s.info);
    b.append(char(s.tracks.size()));
    for (const QByteArray &t : s.tracks) {
        putLe(b, uint64_t(t.size()), 4);
        b.append(t);
    }
    return b;
}

// Boundary values: the ones that break arithmetic on file-supplied numbers.
uint64_t interesting(std::mt19937_64 &rng, uint64_t current)
{
    static const uint64_t values[] = {0,
                                      1,
                                      7,
                                      8,
                                      16,
                                      0x7F,
                                      0xFF,
                                      0x7FFF,
                                      0xFFFF,
                                      0x7FFFFFFF,
                                      0x80000000ULL,
                                      0xFFFFFFFFULL,
                                      0x100000000ULL,
                                      0x3FFFFFFFFFFFFFFFULL,
                                      0x4000000000000000ULL,
                                      0x7FFFFFFFFFFFFFFFULL,
                                      0x8000000000000000ULL,
                                      0xFFFFFFFFFFFFFFF6ULL, // 2^64 - 10
                                      0xFFFFFFFFFFFFFFFFULL};
    switch (rng() % 4) {
    case 0:
        return values[rng() % (sizeof values / sizeof values[0])];
    case 1:
        return current + (rng() % 33) - 16;
    case 2:
        return current ^ (uint64_t(1) << (rng() % 64));
    default:
        return rng();
    }
}

// Re-seals a raw .info after a byte-level change: payload size and CRC.
void resealInfo(QByteArray &info)
{
    if (info.size() < 20)
        return;
    const uint32_t payload = uint32_t(info.size() - 20);
    for (int i = 0; i < 4; ++i)
        info[12 + i] = char((payload >> (8 * i)) & 0xFF);
    const uint32_t c = crc32(info.constData(), info.size() - 4);
    for (int i = 0; i < 4; ++i)
        info[info.size() - 4 + i] = char((c >> (8 * i)) & 0xFF);
}

SampleRecord rawRecord(const char *p)
{
    SampleRecord r;
    r.offset = le(reinterpret_cast<const uint8_t *>(p), 8);
    r.size = uint32_t(le(reinterpret_cast<const uint8_t *>(p + 8), 4));
    r.flags = uint32_t(le(reinterpret_cast<const uint8_t *>(p + 12), 4));
    r.dts = int64_t(le(reinterpret_cast<const uint8_t *>(p + 16), 8));
    r.ctsOffset = int32_t(uint32_t(le(reinterpret_cast<const uint8_t *>(p + 24), 4)));
    r.duration = uint32_t(le(reinterpret_cast<const uint8_t *>(p + 28), 4));
    r.sequence = uint32_t(le(reinterpret_cast<const uint8_t *>(p + 32), 4));
    return r;
}

void mutateRecord(Set &s, std::mt19937_64 &rng)
{
    if (s.tracks.empty())
        return;
    QByteArray &t = s.tracks[rng() % s.tracks.size()];
    const int n = (int(t.size()) - kTrackHeaderSize) / kRecordSize;
    if (n <= 0)
        return;
    const int at = int(rng() % uint64_t(n));
    char *p = t.data() + kTrackHeaderSize + at * kRecordSize;
    SampleRecord r = rawRecord(p);
    switch (rng() % 9) {
    case 0:
        r.offset = interesting(rng, r.offset);
        break;
    case 1:
        r.size = uint32_t(interesting(rng, r.size));
        break;
    case 2:
        r.flags = uint32_t(rng() % 4);
        break;
    case 3:
        r.dts = int64_t(interesting(rng, uint64_t(r.dts)));
        break;
    case 4:
        r.ctsOffset = int32_t(interesting(rng, uint64_t(uint32_t(r.ctsOffset))));
        break;
    case 5:
        r.duration = uint32_t(interesting(rng, r.duration));
        break;
    case 6:
        r.sequence = uint32_t(interesting(rng, r.sequence));
        break;
    case 7: { // offset + size that reaches exactly, or just past, the data file's end
        const uint64_t end = s.mdatSize ? s.mdatSize : 1;
        r.size = uint32_t(1 + rng() % 4096);
        r.offset = end - r.size + (rng() % 3) - 1;
        break;
    }
    default: { // a wrapping sum: offset + size = 2^64 + small
        r.size = uint32_t(16 + rng() % 4096);
        r.offset = uint64_t(0) - (rng() % r.size) - 1;
        break;
    }
    }
    const QByteArray enc = encodeRecord(r);
    std::memcpy(p, enc.constData(), size_t(kRecordSize));
}

void mutateRecordList(Set &s, std::mt19937_64 &rng)
{
    if (s.tracks.empty())
        return;
    QByteArray &t = s.tracks[rng() % s.tracks.size()];
    const int n = (int(t.size()) - kTrackHeaderSize) / kRecordSize;
    if (n <= 0)
        return;
    const int at = int(rng() % uint64_t(n));
    const QByteArray rec = t.mid(kTrackHeaderSize + at * kRecordSize, kRecordSize);
    switch (rng() % 4) {
    case 0: { // append a copy, renumbered, later dts: a valid-looking extra sample
        SampleRecord r = rawRecord(rec.constData());
        r.sequence = uint32_t(n);
        // Unsigned: the harness itself must not overflow on a dts near 2^63.
        r.dts = int64_t(uint64_t(r.dts) + 1 + rng() % 10000);
        t.truncate(kTrackHeaderSize + n * kRecordSize);
        t.append(encodeRecord(r));
        break;
    }
    case 1: // drop the tail from here
        t.truncate(kTrackHeaderSize + at * kRecordSize + int(rng() % kRecordSize));
        break;
    case 2: // a zeroed tail
        t.append(QByteArray(int(kRecordSize * (1 + rng() % 3)), '\0'));
        break;
    default: // header of another track number
        if (t.size() >= kTrackHeaderSize)
            t.replace(0, kTrackHeaderSize, encodeTrackHeader(uint32_t(1 + rng() % 3)));
        break;
    }
}

void mutateInfo(Set &s, std::mt19937_64 &rng)
{
    auto decoded = decodeInfo(s.info);
    if (!decoded) {
        // Not decodable: change bytes of the payload, then reseal, so the
        // next decode gets past the checksum to the field checks.
        if (s.info.size() > 20) {
            const int at = 16 + int(rng() % uint64_t(s.info.size() - 20));
            s.info[at] = char(rng());
            resealInfo(s.info);
        }
        return;
    }
    SidecarInfo info = *decoded;
    if (info.tracks.empty())
        return;
    SidecarTrack &t = info.tracks[rng() % info.tracks.size()];
    switch (rng() % 14) {
    case 0:
        t.timescale = uint32_t(interesting(rng, t.timescale));
        break;
    case 1: { // a layout whose sums wrap around but look consistent
        info.reservedSize = interesting(rng, info.reservedSize);
        info.mdatHeaderOffset = info.reservedOffset + info.reservedSize;
        info.dataOffset = info.mdatHeaderOffset + kMdatHeaderSize;
        break;
    }
    case 2:
        info.ftypSize = interesting(rng, info.ftypSize);
        info.reservedOffset = info.ftypSize;
        break;
    case 3:
        info.dataOffset = interesting(rng, info.dataOffset);
        break;
    case 4:
        t.kind = TrackKind(uint32_t(rng() % 5)); // 3 = text (.info version 3)
        break;
    case 5:
        t.width = uint32_t(interesting(rng, t.width));
        t.height = uint32_t(interesting(rng, t.height));
        break;
    case 6:
        t.sampleRate = uint32_t(interesting(rng, t.sampleRate));
        t.channels = uint32_t(rng() % 10);
        break;
    case 7: // a sample entry byte (valid CRC, malformed box inside)
        if (!t.sampleEntry.isEmpty()) {
            const int at = int(rng() % uint64_t(t.sampleEntry.size()));
            t.sampleEntry[at] = char(rng());
        }
        break;
    case 8:
        t.sampleEntry.clear();
        break;
    case 9:
        info.creationTimeUs = int64_t(interesting(rng, uint64_t(info.creationTimeUs)));
        break;
    case 10: // one track more or fewer
        if (info.tracks.size() > 1 && rng() % 2)
            info.tracks.pop_back();
        else if (info.tracks.size() < size_t(kMaxTracks)) {
            SidecarTrack copy = info.tracks.front();
            copy.number = uint32_t(info.tracks.size() + 1);
            info.tracks.push_back(copy);
        }
        break;
    case 11: // file tags (.info version 3): one more, one fewer, an odd key
        if (!info.tags.empty() && rng() % 2)
            info.tags.pop_back();
        else
            info.tags.emplace_back(rng() % 2 ? QStringLiteral("title") : QString::number(rng()),
                                   QString(int(rng() % 300), QChar(0x41 + int(rng() % 26))));
        break;
    case 12: // priming (.info version 4): none, a usual one, past the track's second
        t.primingTicks = uint32_t(interesting(rng, t.primingTicks));
        break;
    default:
        t.codecTag = QByteArray::number(qulonglong(rng() % 10000)).left(4);
        break;
    }
    s.info = encodeInfo(info);
    // Keep a track file per track, so new tracks have something to read.
    while (s.tracks.size() < info.tracks.size())
        s.tracks.push_back(encodeTrackHeader(uint32_t(s.tracks.size() + 1)));
}

QString workDir()
{
    static const QString dir = [] {
        const char *base = QDir(QStringLiteral("/dev/shm")).exists() ? "/dev/shm" : "/tmp";
        QByteArray tmpl = QByteArray(base) + "/tapedeck-fuzz-XXXXXX";
        if (!::mkdtemp(tmpl.data()))
            std::abort();
        return QString::fromLocal8Bit(tmpl);
    }();
    return dir;
}

bool writeFile(const QString &path, const QByteArray &b)
{
    const int fd = ::open(path.toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return false;
    const bool ok = ::write(fd, b.constData(), size_t(b.size())) == b.size();
    ::close(fd);
    return ok;
}

void writeAt(int fd, uint64_t at, const QByteArray &b, uint64_t fileSize)
{
    if (at < fileSize && b.size() > 0 && uint64_t(b.size()) <= fileSize - at)
        (void)::pwrite(fd, b.constData(), size_t(b.size()), off_t(at));
}

void writeMdat(const QString &path, const Set &s)
{
    const uint64_t size = s.mdatSize % (kMaxMdat + 1);
    const int fd = ::open(path.toLocal8Bit().constData(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        std::abort();
    (void)::ftruncate(fd, off_t(size));
    if (s.flags & 1) {
        if (auto info = decodeInfo(s.info)) {
            QByteArray ftyp = buildFtyp();
            if (uint64_t(ftyp.size()) != info->ftypSize && info->ftypSize >= 8 && info->ftypSize <= 4096) {
                ftyp.resize(qsizetype(info->ftypSize));
                for (int i = 0; i < 4; ++i)
                    ftyp[i] = char((info->ftypSize >> (24 - 8 * i)) & 0xFF);
            }
            writeAt(fd, 0, ftyp, size);
            writeAt(fd, info->reservedOffset,
                    QByteArray("\0\0\0\x08"
                               "free",
                               8),
                    size);
            writeAt(fd, info->mdatHeaderOffset,
                    QByteArray("\0\0\0\x01"
                               "mdat",
                               8),
                    size);
        }
    }
    ::close(fd);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    tapedeck::setLogSink([](tapedeck::LogLevel, const QString &) {}); // "MP4 finished" on every input
    return 0;
}

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t maxSize, unsigned int seed)
{
    std::mt19937_64 rng(seed);
    Set s;
    // One in eight: plain byte mutations, so CRC and framing checks stay covered.
    if (!parse(data, size, &s) || rng() % 8 == 0)
        return LLVMFuzzerMutate(data, size, maxSize);
    const int rounds = 1 + int(rng() % 3);
    for (int i = 0; i < rounds; ++i) {
        switch (rng() % 10) {
        case 0:
        case 1:
        case 2:
        case 3:
            mutateRecord(s, rng);
            break;
        case 4:
        case 5:
            mutateRecordList(s, rng);
            break;
        case 6:
        case 7:
            mutateInfo(s, rng);
            break;
        case 8:
            s.mdatSize = rng() % 2 ? interesting(rng, s.mdatSize) : s.mdatSize + (rng() % 8192) - 4096;
            break;
        default:
            s.flags ^= 1;
            break;
        }
    }
    const QByteArray out = serialize(s);
    if (size_t(out.size()) > maxSize)
        return size;
    std::memcpy(data, out.constData(), size_t(out.size()));
    return size_t(out.size());
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Set s;
    if (!parse(data, size, &s))
        return 0;
    const QString final = workDir() + QStringLiteral("/f.mp4");
    QDir(workDir()).removeRecursively();
    QDir().mkpath(workDir());
    if (!writeFile(final + QStringLiteral(".info"), s.info))
        std::abort();
    writeMdat(final + QStringLiteral(".mdat"), s);
    for (size_t i = 0; i < s.tracks.size(); ++i)
        if (!writeFile(final + QStringLiteral(".track%1").arg(i + 1), s.tracks[i]))
            std::abort();

    const SidecarReport rep = readSidecarSet(final);
    if (rep.verdict == Verdict::Unrecoverable || rep.verdict == Verdict::Empty)
        return 0;
    // What the reader accepted must be safe for the moov builder and for
    // every player: these are the promises of docs/sidecar-format.md.
    for (size_t t = 0; t < rep.tracks.size(); ++t) {
        const SidecarTrack &track = rep.info.tracks[t];
        if (track.timescale == 0 || track.timescale > 0x7FFFFFFFu || track.primingTicks > track.timescale)
            __builtin_trap();
        qint64 last = -1;
        for (const SampleRecord &r : rep.tracks[t].records) {
            if (r.offset < rep.info.dataOffset || r.offset > rep.dataFileSize || r.size == 0
                || r.size > rep.dataFileSize - r.offset || r.dts <= last || r.dts > kMaxRecordDts)
                __builtin_trap();
            last = r.dts;
        }
    }
    if (rep.dataEnd > rep.dataFileSize || rep.dataEnd < rep.info.dataOffset)
        __builtin_trap();
    RebuildOptions opt;
    opt.overwrite = true;
    (void)rebuildMp4(final, opt);
    return 0;
}

#include "core/mp4/Sidecar.h"
#include "core/mp4/ByteWriter.h"
#include "core/io/Paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <limits>
#include <cstring>

namespace tapedeck::mp4 {

namespace {

constexpr int kRecordPayload = kRecordSize - 4;
constexpr quint32 kMaxBlob = 16 * 1024 * 1024;
constexpr quint32 kMaxTimescale = 0x7FFFFFFF;
// Largest offset a file position (off_t, qint64) can hold.
constexpr quint64 kMaxFilePosition = quint64(std::numeric_limits<qint64>::max());

// a + b, true when it wraps around.
bool addOverflows(quint64 a, quint64 b, quint64 *sum) { return __builtin_add_overflow(a, b, sum); }

// Little-endian cursor over a byte array; every read is bounds-checked.
class LeReader {
public:
    explicit LeReader(const QByteArray &b) : m_b(b) {}
    bool ok() const { return m_ok; }
    quint64 u(int n)
    {
        if (!need(n))
            return 0;
        quint64 v = 0;
        for (int i = 0; i < n; ++i)
            v |= quint64(quint8(m_b[m_pos + i])) << (8 * i);
        m_pos += n;
        return v;
    }
    void skip(int n)
    {
        if (need(n))
            m_pos += n;
    }
    QByteArray blob(quint32 maxSize)
    {
        const quint32 n = quint32(u(4));
        if (n > maxSize) {
            m_ok = false;
            return {};
        }
        if (!need(int(n)))
            return {};
        QByteArray out = m_b.mid(m_pos, int(n));
        m_pos += int(n);
        return out;
    }
    int pos() const { return m_pos; }

private:
    bool need(int n)
    {
        if (!m_ok || n < 0 || m_pos + n > m_b.size()) {
            m_ok = false;
            return false;
        }
        return true;
    }
    const QByteArray &m_b;
    int m_pos = 0;
    bool m_ok = true;
};

const std::array<quint32, 256> &crcTable()
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    return table;
}

quint64 readLe(const char *p, int n)
{
    quint64 v = 0;
    for (int i = 0; i < n; ++i)
        v |= quint64(quint8(p[i])) << (8 * i);
    return v;
}

quint32 readBe32(const char *p)
{
    return (quint32(quint8(p[0])) << 24) | (quint32(quint8(p[1])) << 16) | (quint32(quint8(p[2])) << 8)
        | quint32(quint8(p[3]));
}

} // namespace

quint32 crc32(const char *data, qint64 size, quint32 crc)
{
    const auto &t = crcTable();
    crc = ~crc;
    for (qint64 i = 0; i < size; ++i)
        crc = t[(crc ^ quint8(data[i])) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

QByteArray encodeInfo(const SidecarInfo &info)
{
    // The oldest version that holds it: a set without priming (every live
    // recording) stays readable by a Tapedeck that knows version 3.
    const bool priming =
        std::any_of(info.tracks.begin(), info.tracks.end(), [](const SidecarTrack &t) { return t.primingTicks > 0; });
    LeWriter w;
    w.raw(kInfoMagic, 8);
    w.u32(priming ? kInfoVersion : 3);
    w.u32(0); // payload size, patched below
    w.i64(info.creationTimeUs);
    w.u64(info.ftypSize);
    w.u64(info.reservedOffset);
    w.u64(info.reservedSize);
    w.u64(info.mdatHeaderOffset);
    w.u64(info.dataOffset);
    w.blob(info.source.toUtf8());
    w.u32(quint32(info.tracks.size()));
    for (const SidecarTrack &t : info.tracks) {
        w.u32(t.number);
        w.u32(quint32(t.kind));
        QByteArray tag = t.codecTag.left(4);
        tag.append(QByteArray(4 - tag.size(), ' '));
        w.raw(tag.constData(), 4);
        w.u32(t.timescale);
        w.u32(t.width);
        w.u32(t.height);
        w.u32(t.sampleRate);
        w.u32(t.channels);
        w.u32(quint32(t.sourceTimeBaseNum));
        w.u32(quint32(t.sourceTimeBaseDen));
        w.blob(t.sampleEntry);
        w.blob(t.extradata);
        QByteArray lang = t.language.left(3);
        lang.append(QByteArray(3 - lang.size(), ' '));
        w.raw(lang.constData(), 3);
        w.blob(t.handlerName.toUtf8());
        w.blob(t.title.toUtf8());
        w.u32(t.trackFlags);
        w.u32(t.disposition);
        for (qint32 v : t.matrix)
            w.u32(quint32(v));
    }
    w.u32(quint32(info.chapters.size()));
    for (const SidecarInfo::Chapter &c : info.chapters) {
        w.i64(c.startUs);
        w.blob(c.title.toUtf8());
    }
    w.u32(quint32(info.tags.size()));
    for (const auto &[key, value] : info.tags) {
        w.blob(key.toUtf8());
        w.blob(value.toUtf8());
    }
    if (priming) {
        w.u32(quint32(info.tracks.size()));
        for (const SidecarTrack &t : info.tracks)
            w.u32(t.primingTicks);
    }
    QByteArray out = w.take();
    const quint32 payload = quint32(out.size() - 16);
    for (int i = 0; i < 4; ++i)
        out[12 + i] = char((payload >> (8 * i)) & 0xFF);
    const quint32 c = crc32(out.constData(), out.size());
    for (int i = 0; i < 4; ++i)
        out.append(char((c >> (8 * i)) & 0xFF));
    return out;
}

Result<SidecarInfo> decodeInfo(const QByteArray &bytes)
{
    auto corrupt = [](const QString &why) { return makeError(ErrorCode::Corrupt, QStringLiteral(".info: ") + why); };
    if (bytes.size() < 20 || std::memcmp(bytes.constData(), kInfoMagic, 8) != 0)
        return corrupt(QStringLiteral("not a Tapedeck MP4 info file (bad magic)"));
    const quint32 version = quint32(readLe(bytes.constData() + 8, 4));
    if (version < 1 || version > kInfoVersion)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral(".info: format version %1 is not supported").arg(version));
    const quint64 payload = readLe(bytes.constData() + 12, 4);
    if (payload + 20 != quint64(bytes.size()))
        return corrupt(QStringLiteral("size %1 does not match its header (torn write?)").arg(bytes.size()));
    const quint32 stored = quint32(readLe(bytes.constData() + bytes.size() - 4, 4));
    if (crc32(bytes.constData(), bytes.size() - 4) != stored)
        return corrupt(QStringLiteral("checksum mismatch"));

    const QByteArray body = bytes.left(bytes.size() - 4);
    LeReader r(body);
    r.skip(16); // magic, version, payload size: checked above
    SidecarInfo info;
    info.creationTimeUs = qint64(r.u(8));
    info.ftypSize = r.u(8);
    info.reservedOffset = r.u(8);
    info.reservedSize = r.u(8);
    info.mdatHeaderOffset = r.u(8);
    info.dataOffset = r.u(8);
    info.source = QString::fromUtf8(r.blob(kMaxBlob));
    const quint32 count = quint32(r.u(4));
    if (!r.ok() || count == 0 || count > quint32(kMaxTracks))
        return corrupt(QStringLiteral("bad track count"));
    for (quint32 i = 0; i < count && r.ok(); ++i) {
        SidecarTrack t;
        t.number = quint32(r.u(4));
        t.kind = TrackKind(quint32(r.u(4)));
        const quint64 tag = r.u(4);
        for (int k = 0; k < 4; ++k)
            t.codecTag.append(char((tag >> (8 * k)) & 0xFF));
        t.timescale = quint32(r.u(4));
        t.width = quint32(r.u(4));
        t.height = quint32(r.u(4));
        t.sampleRate = quint32(r.u(4));
        t.channels = quint32(r.u(4));
        t.sourceTimeBaseNum = qint32(quint32(r.u(4)));
        t.sourceTimeBaseDen = qint32(quint32(r.u(4)));
        t.sampleEntry = r.blob(kMaxBlob);
        t.extradata = r.blob(kMaxBlob);
        if (version >= 2) {
            t.language.clear();
            const quint64 lang = r.u(3);
            for (int k = 0; k < 3; ++k)
                t.language.append(char((lang >> (8 * k)) & 0xFF));
            t.handlerName = QString::fromUtf8(r.blob(kMaxBlob));
            t.title = QString::fromUtf8(r.blob(kMaxBlob));
            t.trackFlags = quint32(r.u(4));
            t.disposition = quint32(r.u(4));
            for (qint32 &v : t.matrix)
                v = qint32(quint32(r.u(4)));
        }
        if (!r.ok())
            break;
        if (t.number != i + 1)
            return corrupt(QStringLiteral("track %1 is numbered %2").arg(i + 1).arg(t.number));
        // A text track needs a version 3 reader: an older set cannot have one.
        if (t.kind != TrackKind::Video && t.kind != TrackKind::Audio && (t.kind != TrackKind::Text || version < 3))
            return corrupt(QStringLiteral("track %1 has an unknown kind").arg(t.number));
        if (t.timescale == 0)
            return corrupt(QStringLiteral("track %1 has timescale 0").arg(t.number));
        // MP4 readers hold the timescale in a signed 32-bit field (libavformat
        // rejects anything above INT32_MAX as "invalid timescale"): a file
        // built with one would not open.
        if (t.timescale > kMaxTimescale)
            return corrupt(QStringLiteral("track %1 has timescale %2, above the largest MP4 players accept (%3)")
                               .arg(t.number)
                               .arg(t.timescale)
                               .arg(kMaxTimescale));
        if (!t.sampleEntry.isEmpty()
            && (t.sampleEntry.size() < 8 || readBe32(t.sampleEntry.constData()) != quint32(t.sampleEntry.size())))
            return corrupt(QStringLiteral("track %1 has a malformed sample entry").arg(t.number));
        info.tracks.push_back(std::move(t));
    }
    if (version >= 2 && r.ok()) {
        const quint32 chapters = quint32(r.u(4));
        if (chapters > 255)
            return corrupt(QStringLiteral("bad chapter count"));
        for (quint32 i = 0; i < chapters && r.ok(); ++i) {
            SidecarInfo::Chapter c;
            c.startUs = qint64(r.u(8));
            c.title = QString::fromUtf8(r.blob(kMaxBlob));
            info.chapters.push_back(std::move(c));
        }
    }
    if (version >= 3 && r.ok()) {
        const quint32 tags = quint32(r.u(4));
        if (tags > quint32(kMaxFileTags))
            return corrupt(QStringLiteral("bad tag count"));
        for (quint32 i = 0; i < tags && r.ok(); ++i) {
            QString key = QString::fromUtf8(r.blob(kMaxBlob));
            QString value = QString::fromUtf8(r.blob(kMaxBlob));
            info.tags.emplace_back(std::move(key), std::move(value));
        }
    }
    if (version >= 4 && r.ok()) {
        if (quint32(r.u(4)) != quint32(info.tracks.size()))
            return corrupt(QStringLiteral("the priming table does not match the track count"));
        for (SidecarTrack &t : info.tracks) {
            t.primingTicks = quint32(r.u(4));
            // Priming is an encoder's delay: a few thousand samples, never
            // more than a second of the track.
            if (r.ok() && t.primingTicks > t.timescale)
                return corrupt(QStringLiteral("track %1 skips %2 ticks at its start, more than a second")
                                   .arg(t.number)
                                   .arg(t.primingTicks));
        }
    }
    if (!r.ok() || r.pos() != body.size())
        return corrupt(QStringLiteral("malformed track table"));
    // Every sum is checked: values near 2^64 must not wrap into a layout
    // that looks consistent, and every offset must fit a file position.
    quint64 mdatHeaderOffset = 0, dataOffset = 0;
    if (info.ftypSize < 8 || info.reservedOffset != info.ftypSize || info.reservedSize < 8
        || addOverflows(info.reservedOffset, info.reservedSize, &mdatHeaderOffset)
        || info.mdatHeaderOffset != mdatHeaderOffset
        || addOverflows(info.mdatHeaderOffset, quint64(kMdatHeaderSize), &dataOffset) || info.dataOffset != dataOffset
        || info.dataOffset > kMaxFilePosition)
        return corrupt(QStringLiteral("inconsistent data file layout"));
    return info;
}

QByteArray encodeTrackHeader(quint32 trackNumber)
{
    LeWriter w;
    w.raw(kTrackMagic, 8);
    w.u32(kFormatVersion);
    w.u32(trackNumber);
    return w.take();
}

void encodeRecordInto(const SampleRecord &r, char *out)
{
    auto le = [&out](quint64 v, int n) {
        for (int i = 0; i < n; ++i)
            *out++ = char(v >> (8 * i));
    };
    char *start = out;
    le(r.offset, 8);
    le(r.size, 4);
    le(r.flags, 4);
    le(quint64(r.dts), 8);
    le(quint32(r.ctsOffset), 4);
    le(r.duration, 4);
    le(r.sequence, 4);
    le(crc32(start, kRecordPayload), 4);
}

QByteArray encodeRecord(const SampleRecord &r)
{
    LeWriter w;
    w.u64(r.offset);
    w.u32(r.size);
    w.u32(r.flags);
    w.i64(r.dts);
    w.u32(quint32(r.ctsOffset));
    w.u32(r.duration);
    w.u32(r.sequence);
    QByteArray out = w.take();
    w.u32(crc32(out.constData(), kRecordPayload));
    out.append(w.take());
    return out;
}

Result<SampleRecord> decodeRecord(const char *p)
{
    const quint32 stored = quint32(readLe(p + kRecordPayload, 4));
    if (crc32(p, kRecordPayload) != stored) {
        bool zero = true;
        for (int i = 0; i < kRecordSize && zero; ++i)
            zero = p[i] == 0;
        return makeError(ErrorCode::Corrupt,
                         zero ? QStringLiteral("zeroed record") : QStringLiteral("checksum mismatch"));
    }
    SampleRecord r;
    r.offset = readLe(p, 8);
    r.size = quint32(readLe(p + 8, 4));
    r.flags = quint32(readLe(p + 12, 4));
    r.dts = qint64(readLe(p + 16, 8));
    r.ctsOffset = qint32(quint32(readLe(p + 24, 4)));
    r.duration = quint32(readLe(p + 28, 4));
    r.sequence = quint32(readLe(p + 32, 4));
    if (r.flags & ~kRecordFlagSync)
        return makeError(ErrorCode::Corrupt, QStringLiteral("unknown flags"));
    if (r.size == 0)
        return makeError(ErrorCode::Corrupt, QStringLiteral("empty sample"));
    return r;
}

QString finalPathForSidecar(const QString &path)
{
    // Plain string work, no regular expression: a name that is not valid
    // UTF-8 carries lone surrogates (core/io/Paths.h), on which PCRE refuses
    // to match at all.
    QString p = path;
    if (p.endsWith(QLatin1String(".info.tmp")))
        p.chop(4);
    if (p.endsWith(QLatin1String(".info")) || p.endsWith(QLatin1String(".mdat"))) {
        p.chop(5);
        return p;
    }
    qsizetype digits = 0;
    while (digits < p.size() && p.at(p.size() - 1 - digits).isDigit() && p.at(p.size() - 1 - digits).unicode() < 128)
        ++digits;
    if (digits > 0 && QStringView(p).left(p.size() - digits).endsWith(QLatin1String(".track")))
        p.chop(digits + 6);
    return p;
}

void removeWriterOutput(const QString &finalPath)
{
    removePath(finalPath);
    for (const QString &suffix : {QStringLiteral(".info"), QStringLiteral(".info.tmp"), QStringLiteral(".mdat")})
        removePath(finalPath + suffix);
    for (int i = 1; i <= kMaxTracks; ++i)
        removePath(finalPath + QStringLiteral(".track%1").arg(i));
}

bool isSidecarPath(const QString &path)
{
    const QString final = finalPathForSidecar(path);
    return final != path && final.endsWith(QLatin1String(".mp4"), Qt::CaseInsensitive);
}

QStringList findSidecarSets(const QString &dir)
{
    QStringList out;
    const QString base = dir.endsWith(QLatin1Char('/')) ? dir : dir + QLatin1Char('/');
    for (const DirEntry &e : listDirectory(dir)) {
        if (!e.regular || !isSidecarPath(e.name))
            continue;
        const QString final = base + finalPathForSidecar(e.name);
        if (!out.contains(final))
            out << final;
    }
    out.sort();
    return out;
}

SidecarSet sidecarPaths(const QString &anyPath)
{
    SidecarSet s;
    s.finalPath = finalPathForSidecar(anyPath);
    s.infoPath = s.finalPath + QStringLiteral(".info");
    s.dataPath = s.finalPath + QStringLiteral(".mdat");
    s.finalExists = pathExists(s.finalPath);
    return s;
}

QString SidecarReport::summary() const
{
    QString s = QStringLiteral("%1: %2 track(s), %3 sample(s), %4 s")
                    .arg(verdictName(verdict))
                    .arg(info.tracks.size())
                    .arg(totalSamples)
                    .arg(durationSec, 0, 'f', 3);
    if (!reasons.isEmpty())
        s += QStringLiteral(" — ") + reasons.join(QStringLiteral("; "));
    return s;
}

namespace {

// Reads one .trackN file and accepts records until the first invalid one.
TrackReadResult readTrack(const QString &path, const SidecarTrack &track, const SidecarInfo &info, quint64 dataFileSize,
                          bool *damaged)
{
    TrackReadResult out;
    out.number = track.number;
    const QString name = QFileInfo(path).fileName();
    auto opened = InputFile::open(path);
    if (!opened) {
        out.problems << (pathExists(path) ? opened.message() : QStringLiteral("%1 is missing or unreadable").arg(name));
        *damaged = true;
        return out;
    }
    const InputFile &f = *opened;
    qint64 readPos = 0;
    auto read = [&](qint64 n) {
        QByteArray b = f.readAt(readPos, n);
        readPos += b.size();
        return b;
    };
    const QByteArray header = read(kTrackHeaderSize);
    if (header.size() < kTrackHeaderSize) {
        // Created but the header never reached the disk: nothing was indexed.
        out.tailBytes = quint64(header.size());
        if (!header.isEmpty())
            out.problems << QStringLiteral("%1 has a torn header").arg(name);
        return out;
    }
    if (header != encodeTrackHeader(track.number)) {
        out.problems << QStringLiteral("%1 has a bad header").arg(name);
        *damaged = true;
        return out;
    }
    const qint64 fileSize = f.size();
    const qint64 whole = (fileSize - kTrackHeaderSize) / kRecordSize;
    out.tailBytes = quint64((fileSize - kTrackHeaderSize) % kRecordSize);
    // Each record needs at least one byte of media: a track file claiming
    // more records than the data file has bytes cannot make us allocate.
    out.records.reserve(size_t(std::min<qint64>(whole, std::min<qint64>(qint64(dataFileSize), 1 << 20))));
    QByteArray block;
    qint64 index = 0;
    bool stopped = false;
    qint64 lastDts = 0;
    while (index < whole && !stopped) {
        const qint64 n = std::min<qint64>(whole - index, 4096);
        block = read(n * kRecordSize);
        if (block.size() != n * kRecordSize) {
            out.problems << QStringLiteral("%1: read error").arg(name);
            *damaged = true;
            break;
        }
        for (qint64 i = 0; i < n; ++i, ++index) {
            auto rec = decodeRecord(block.constData() + i * kRecordSize);
            QString why;
            if (!rec) {
                why = rec.message();
            } else if (rec->sequence != quint32(index)) {
                why = QStringLiteral("sequence %1 where %2 was expected").arg(rec->sequence).arg(index);
            } else if (rec->offset < info.dataOffset || rec->offset > dataFileSize
                       || rec->size > dataFileSize - rec->offset) { // no offset + size: it could wrap
                why = QStringLiteral("sample at %1+%2 lies outside the data file (%3 bytes)")
                          .arg(rec->offset)
                          .arg(rec->size)
                          .arg(dataFileSize);
            } else if (index > 0 && rec->dts <= lastDts) {
                why = QStringLiteral("dts %1 does not rise (previous %2)").arg(rec->dts).arg(lastDts);
            } else if (index == 0 && rec->dts < 0) {
                why = QStringLiteral("negative first dts");
            } else if (rec->dts > kMaxRecordDts) {
                why = QStringLiteral("dts %1 is beyond any recording (limit 2^62)").arg(rec->dts);
            }
            if (!why.isEmpty()) {
                const qint64 rest = whole - index;
                // A zeroed tail (file extended, data never written) is the
                // normal shape of a crash; anything else is damage.
                // A record that decoded is not zero (40 zero bytes never
                // carry a valid checksum); the bytes decide, never the
                // error's words.
                bool allZero = !rec.ok();
                if (allZero) {
                    for (qint64 k = i; k < n && allZero; ++k)
                        for (int b = 0; b < kRecordSize && allZero; ++b)
                            allZero = block[int(k * kRecordSize + b)] == 0;
                    // The rest of the file in bounded pieces: a huge sparse
                    // tail must not become one huge allocation.
                    while (allZero && readPos < f.size()) {
                        const QByteArray piece = read(1 << 20);
                        if (piece.isEmpty())
                            break;
                        for (char c : piece)
                            if (c != 0) {
                                allZero = false;
                                break;
                            }
                    }
                }
                out.droppedRecords = quint64(rest);
                out.problems << QStringLiteral("%1 record %2: %3; %4 record(s) from there dropped")
                                    .arg(name)
                                    .arg(index)
                                    .arg(why)
                                    .arg(rest);
                if (!allZero)
                    *damaged = true;
                stopped = true;
                break;
            }
            lastDts = rec->dts;
            out.records.push_back(*rec);
        }
    }
    if (out.tailBytes)
        out.problems
            << QStringLiteral("%1: %2 byte(s) of a torn record at the end ignored").arg(name).arg(out.tailBytes);
    if (!out.records.empty() && track.timescale) {
        const SampleRecord &a = out.records.front();
        const SampleRecord &b = out.records.back();
        out.durationSec = double(b.dts - a.dts + b.duration) / double(track.timescale);
    }
    return out;
}

} // namespace

namespace {
// Whether any NAME.trackN exists beside the set (whatever N).
bool anyTrackFile(const QString &finalPath)
{
    const QFileInfo fi(finalPath);
    const QString prefix = fi.fileName() + QStringLiteral(".track");
    for (const DirEntry &e : listDirectory(fi.absolutePath()))
        if (e.name.startsWith(prefix) && finalPathForSidecar(e.name) == fi.fileName())
            return true;
    return false;
}
} // namespace

SidecarReport readSidecarSet(const QString &anyPath)
{
    SidecarReport rep;
    rep.paths = sidecarPaths(anyPath);
    // Regular files only (InputFile): a FIFO named like a sidecar must not
    // block the reader, and a symbolic link is refused rather than followed,
    // since a rebuild writes into the data file and renames it.
    auto infoFile = InputFile::open(rep.paths.infoPath);
    if (!infoFile) {
        if (pathExists(rep.paths.infoPath)) {
            rep.reasons << infoFile.message();
            return rep;
        }
        if (!rep.paths.finalExists && isRegularFile(rep.paths.infoPath + QStringLiteral(".tmp"))
            && !pathExists(rep.paths.dataPath) && !anyTrackFile(rep.paths.finalPath)) {
            // Stopped (or the power cut) while the set's first file was being
            // written: .info is written as .info.tmp and renamed, and the
            // data file comes only after it. Nothing was recorded.
            rep.verdict = Verdict::Empty;
            rep.reasons << QStringLiteral("no sample was recorded (stopped while its first file was being written)");
            return rep;
        }
        rep.reasons << QStringLiteral("%1 is missing: without it the codec setup is unknown and nothing can be rebuilt")
                           .arg(QFileInfo(rep.paths.infoPath).fileName());
        if (rep.paths.finalExists && !pathExists(rep.paths.dataPath))
            rep.reasons << QStringLiteral("%1 exists: this recording was already finished")
                               .arg(QFileInfo(rep.paths.finalPath).fileName());
        return rep;
    }
    auto info = decodeInfo(infoFile->readAt(0, 64 * 1024 * 1024));
    if (!info) {
        rep.reasons << info.message();
        return rep;
    }
    rep.info = std::move(*info);
    for (const SidecarTrack &t : rep.info.tracks)
        rep.paths.trackPaths << rep.paths.finalPath + QStringLiteral(".track%1").arg(t.number);

    auto data = InputFile::open(rep.paths.dataPath);
    if (!data) {
        if (pathExists(rep.paths.dataPath)) {
            rep.reasons << data.message();
            return rep;
        }
        bool anyRecord = false;
        for (const QString &tp : std::as_const(rep.paths.trackPaths))
            anyRecord = anyRecord || regularFileSize(tp) > kTrackHeaderSize;
        if (!anyRecord && !rep.paths.finalExists) {
            // Stopped (or the power cut) between writing .info and creating
            // the data file: nothing was recorded into this set.
            rep.verdict = Verdict::Empty;
            rep.reasons << QStringLiteral(
                "no complete sample was recorded (stopped while its files were being created)");
            return rep;
        }
        rep.reasons << QStringLiteral("%1 is missing").arg(QFileInfo(rep.paths.dataPath).fileName());
        if (rep.paths.finalExists)
            rep.reasons << QStringLiteral("%1 exists: the finish completed and only leftovers remain")
                               .arg(QFileInfo(rep.paths.finalPath).fileName());
        return rep;
    }
    rep.dataFileSize = quint64(data->size());
    const QByteArray head = data->readAt(0, 8);
    bool layoutOk = rep.dataFileSize >= rep.info.dataOffset && head.size() >= 8
        && readBe32(head.constData()) == rep.info.ftypSize && head.mid(4, 4) == "ftyp";
    if (layoutOk) {
        const QByteArray freeHdr = data->readAt(qint64(rep.info.reservedOffset), 8);
        const QByteArray mdatHdr = data->readAt(qint64(rep.info.mdatHeaderOffset), 8);
        // The room holds a free box while recording, and moov + free once a
        // finish has written into it (a finish interrupted before the rename).
        layoutOk = freeHdr.size() == 8 && (freeHdr.mid(4, 4) == "free" || freeHdr.mid(4, 4) == "moov")
            && mdatHdr.size() == 8 && readBe32(mdatHdr.constData()) == 1 && mdatHdr.mid(4, 4) == "mdat";
    }
    if (!layoutOk) {
        // Killed while the chunk's files were being created: the data file
        // is still no longer than its header and no track holds a record.
        // That is an empty recording, not a damaged one.
        bool anyRecord = false;
        for (const QString &tp : std::as_const(rep.paths.trackPaths))
            anyRecord = anyRecord || regularFileSize(tp) > kTrackHeaderSize;
        if (!anyRecord && rep.dataFileSize <= rep.info.dataOffset) {
            rep.verdict = Verdict::Empty;
            rep.reasons << QStringLiteral(
                "no complete sample was recorded (stopped while its files were being created)");
            return rep;
        }
        rep.reasons << QStringLiteral("%1 does not have the layout .info describes (ftyp, free, mdat)")
                           .arg(QFileInfo(rep.paths.dataPath).fileName());
        return rep;
    }

    bool damaged = false;
    bool partial = false;
    rep.dataEnd = rep.info.dataOffset;
    for (int i = 0; i < int(rep.info.tracks.size()); ++i) {
        TrackReadResult t =
            readTrack(rep.paths.trackPaths[i], rep.info.tracks[size_t(i)], rep.info, rep.dataFileSize, &damaged);
        if (rep.info.tracks[size_t(i)].sampleEntry.isEmpty() && !t.records.empty()) {
            t.problems
                << QStringLiteral("track %1 has samples but its codec setup was never stored; dropped").arg(t.number);
            t.droppedRecords += t.records.size();
            t.records.clear();
            damaged = true;
        }
        if (t.droppedRecords || t.tailBytes)
            partial = true;
        for (const SampleRecord &r : t.records)
            rep.dataEnd = std::max<quint64>(rep.dataEnd, r.offset + r.size);
        rep.totalSamples += t.records.size();
        rep.durationSec = std::max(rep.durationSec, t.durationSec);
        rep.reasons << t.problems;
        rep.tracks.push_back(std::move(t));
    }
    if (rep.dataFileSize > rep.dataEnd) {
        // A packet in flight when the recorder died, or the moov of an
        // interrupted finish: not part of the recording.
        rep.reasons
            << QStringLiteral("%1 byte(s) after the last indexed sample ignored").arg(rep.dataFileSize - rep.dataEnd);
        partial = true;
    }
    if (rep.totalSamples == 0) {
        rep.verdict = Verdict::Empty;
        rep.reasons << QStringLiteral("no complete sample was recorded");
        return rep;
    }
    rep.verdict = damaged ? Verdict::Damaged : partial ? Verdict::Partial : Verdict::Complete;
    return rep;
}

} // namespace tapedeck::mp4

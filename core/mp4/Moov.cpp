#include "core/mp4/Moov.h"
#include "core/mp4/ByteWriter.h"

extern "C" {
#include <libavformat/avformat.h>
#include <libavutil/mathematics.h>
}

#include <algorithm>
#include <limits>

namespace tapedeck::mp4 {

namespace {

constexpr quint32 kMovieTimescale = 1000;
constexpr quint64 kMp4EpochOffset = 2082844800; // seconds from 1904-01-01 to 1970-01-01

void writeMatrix(BoxWriter &w)
{
    const quint32 m[9] = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};
    for (quint32 v : m)
        w.u32(v);
}

// mdhd's packed ISO 639-2/T code: three letters, 5 bits each (+0x60).
quint32 packedLanguage(const QByteArray &lang)
{
    if (lang.size() != 3)
        return 0x55C4; // "und"
    quint32 v = 0;
    for (char c : lang) {
        if (c < 'a' || c > 'z')
            return 0x55C4;
        v = (v << 5) | quint32(c - 0x60);
    }
    return v;
}

// Dispositions an MP4 says through "kind" boxes (the DASH role scheme, as
// FFmpeg's own MP4 muxer writes and reads them).
struct KindName {
    int disposition;
    const char *value;
};
constexpr KindName kKinds[] = {
    {AV_DISPOSITION_CAPTIONS, "caption"},
    {AV_DISPOSITION_COMMENT, "commentary"},
    {AV_DISPOSITION_VISUAL_IMPAIRED | AV_DISPOSITION_DESCRIPTIONS, "description"},
    {AV_DISPOSITION_DUB, "dub"},
    {AV_DISPOSITION_FORCED, "forced-subtitle"},
};

void writeTrackUdta(BoxWriter &w, const SidecarTrack &t)
{
    bool anyKind = false;
    for (const KindName &k : kKinds)
        anyKind = anyKind || (t.disposition & quint32(k.disposition)) == quint32(k.disposition);
    if (t.title.isEmpty() && !anyKind)
        return;
    w.begin("udta");
    if (!t.title.isEmpty()) {
        w.begin("name");
        w.bytes(t.title.toUtf8());
        w.end();
    }
    for (const KindName &k : kKinds) {
        if ((t.disposition & quint32(k.disposition)) != quint32(k.disposition))
            continue;
        w.beginFull("kind", 0, 0);
        w.bytes(QByteArray("urn:mpeg:dash:role:2011", 24)); // with its terminating zero
        w.bytes(QByteArray(k.value, int(qstrlen(k.value)) + 1));
        w.end();
    }
    w.end();
}

// The iTunes metadata item of a file-level tag (docs/sidecar-format.md,
// "File tags"), null for a key MP4 has no item for. The copyright sign 0xA9
// is written in octal (\251): a hex escape would swallow "a", "A" or "de".
const char *tagItem(const QString &key)
{
    static const std::pair<const char *, const char *> items[] = {
        {"title", "\251nam"}, {"description", "desc"}, {"artist", "\251ART"}, {"album", "\251alb"},
        {"date", "\251day"},  {"genre", "\251gen"},    {"copyright", "cprt"}, {"composer", "\251wrt"},
    };
    for (const auto &[name, item] : items)
        if (key == QLatin1String(name))
            return item;
    return nullptr;
}

// Everything about one track's timing, derived once from its records.
struct TrackTiming {
    quint64 mediaDuration = 0;
    qint64 minCts = 0;           // earliest composition time, media units, relative to dts[0]
    qint64 startAbs = 0;         // dts[0] + minCts: when the track's picture/sound starts
    quint64 presentDuration = 0; // media units shown by the edit list
    qint64 priming = 0;          // media units the edit list skips after minCts (encoder priming)
    bool needsCtts = false;
    bool negativeCts = false;
};

// Sample i lasts until the next one starts; the last one has no successor:
// its own packet duration, else the previous sample's, else one tick.
quint32 durationAt(std::span<const SampleRecord> recs, size_t i)
{
    const size_t n = recs.size();
    if (i + 1 < n)
        return quint32(std::min<qint64>(recs[i + 1].dts - recs[i].dts, std::numeric_limits<quint32>::max()));
    if (recs[n - 1].duration != 0)
        return recs[n - 1].duration;
    return n > 1 ? durationAt(recs, n - 2) : 1;
}

TrackTiming timingOf(std::span<const SampleRecord> recs)
{
    TrackTiming t;
    const size_t n = recs.size();
    qint64 minCts = std::numeric_limits<qint64>::max();
    qint64 maxEnd = 0;
    qint64 rel = 0;
    for (size_t i = 0; i < n; ++i) {
        const qint64 cts = rel + recs[i].ctsOffset;
        const quint32 duration = durationAt(recs, i);
        minCts = std::min(minCts, cts);
        maxEnd = std::max(maxEnd, cts + qint64(duration));
        if (recs[i].ctsOffset != 0)
            t.needsCtts = true;
        if (recs[i].ctsOffset < 0)
            t.negativeCts = true;
        rel += duration;
    }
    t.mediaDuration = quint64(rel);
    t.minCts = minCts;
    t.startAbs = recs[0].dts + minCts;
    t.presentDuration = quint64(std::max<qint64>(0, maxEnd - minCts));
    return t;
}

void writeStbl(BoxWriter &w, const SidecarTrack &track, std::span<const SampleRecord> recs, const TrackTiming &tm,
               qint64 offsetDelta)
{
    w.begin("stbl");

    w.beginFull("stsd", 0, 0);
    w.u32(1);
    w.bytes(track.sampleEntry);
    w.end();

    // Tables are written as they are walked (counts patched after): the moov
    // is the only copy of them, whatever the number of samples.
    w.beginFull("stts", 0, 0);
    const int sttsPos = w.size();
    w.u32(0);
    quint32 sttsRuns = 0;
    for (size_t i = 0; i < recs.size();) {
        const quint32 delta = durationAt(recs, i);
        size_t j = i + 1;
        while (j < recs.size() && durationAt(recs, j) == delta)
            ++j;
        w.u32(quint32(j - i));
        w.u32(delta);
        ++sttsRuns;
        i = j;
    }
    w.end();
    w.patch32(sttsPos, sttsRuns);

    if (tm.needsCtts) {
        w.beginFull("ctts", tm.negativeCts ? 1 : 0, 0);
        const int countPos = w.size();
        w.u32(0);
        quint32 runs = 0;
        for (size_t i = 0; i < recs.size();) {
            size_t j = i + 1;
            while (j < recs.size() && recs[j].ctsOffset == recs[i].ctsOffset)
                ++j;
            w.u32(quint32(j - i));
            w.u32(quint32(recs[i].ctsOffset));
            ++runs;
            i = j;
        }
        w.end();
        w.patch32(countPos, runs);
    }

    if (track.kind == TrackKind::Video) {
        size_t syncCount = 0;
        for (const SampleRecord &r : recs)
            syncCount += (r.flags & kRecordFlagSync) ? 1 : 0;
        if (syncCount != recs.size()) {
            w.beginFull("stss", 0, 0);
            w.u32(quint32(syncCount));
            for (size_t i = 0; i < recs.size(); ++i)
                if (recs[i].flags & kRecordFlagSync)
                    w.u32(quint32(i + 1));
            w.end();
        }
    }

    // A chunk is a run of this track's samples that lie back to back in the
    // file: stsc gets an entry where the samples per chunk change, co64 one
    // offset per chunk (a second walk over the records).
    auto chunkEnd = [&recs](size_t i) {
        size_t j = i + 1;
        while (j < recs.size() && recs[j].offset == recs[j - 1].offset + recs[j - 1].size)
            ++j;
        return j;
    };
    w.beginFull("stsc", 0, 0);
    const int stscPos = w.size();
    w.u32(0);
    quint32 entries = 0;
    quint32 chunks = 0;
    quint32 lastPerChunk = 0;
    for (size_t i = 0; i < recs.size();) {
        const size_t j = chunkEnd(i);
        const quint32 perChunk = quint32(j - i);
        ++chunks;
        if (chunks == 1 || perChunk != lastPerChunk) {
            w.u32(chunks);
            w.u32(perChunk);
            w.u32(1);
            ++entries;
        }
        lastPerChunk = perChunk;
        i = j;
    }
    w.end();
    w.patch32(stscPos, entries);

    bool sameSize = true;
    for (const SampleRecord &r : recs)
        sameSize = sameSize && r.size == recs[0].size;
    w.beginFull("stsz", 0, 0);
    w.u32(sameSize ? recs[0].size : 0);
    w.u32(quint32(recs.size()));
    if (!sameSize)
        for (const SampleRecord &r : recs)
            w.u32(r.size);
    w.end();

    w.beginFull("co64", 0, 0);
    w.u32(chunks);
    for (size_t i = 0; i < recs.size(); i = chunkEnd(i))
        w.u64(quint64(qint64(recs[i].offset) + offsetDelta));
    w.end();

    w.end(); // stbl
}

} // namespace

QByteArray buildFtyp()
{
    BoxWriter w;
    w.begin("ftyp");
    w.fourcc("isom");
    w.u32(0x200);
    for (const char *b : {"isom", "iso2", "avc1", "mp41"})
        w.fourcc(b);
    w.end();
    return w.take();
}

QByteArray buildFreeHeader(quint64 size)
{
    BoxWriter w;
    w.u32(quint32(size));
    w.fourcc("free");
    return w.take();
}

QByteArray buildMoov(const SidecarInfo &info, const std::vector<std::span<const SampleRecord>> &records,
                     qint64 offsetDelta)
{
    const quint64 created = quint64(std::max<qint64>(0, info.creationTimeUs / 1000000)) + kMp4EpochOffset;

    // The movie starts when the earliest track starts; later tracks get an
    // empty edit so the original A/V offset is kept exactly.
    std::vector<TrackTiming> timing(info.tracks.size());
    std::vector<qint64> startMovie(info.tracks.size(), 0);
    qint64 earliest = std::numeric_limits<qint64>::max();
    for (size_t i = 0; i < info.tracks.size(); ++i) {
        if (i >= records.size() || records[i].empty())
            continue;
        timing[i] = timingOf(records[i]);
        // An audio encoder's priming: the edit list starts the track that
        // much later in its media, and the track starts sounding at the
        // movie's time of its first real sample.
        if (const quint64 skip = std::min<quint64>(info.tracks[i].primingTicks, timing[i].presentDuration); skip > 0) {
            timing[i].priming = qint64(skip);
            timing[i].startAbs += qint64(skip);
            timing[i].presentDuration -= skip;
        }
        startMovie[i] = av_rescale(timing[i].startAbs, kMovieTimescale, info.tracks[i].timescale);
        earliest = std::min(earliest, startMovie[i]);
    }

    struct Edit {
        quint64 delayMovie = 0;
        quint64 durationMovie = 0;
    };
    std::vector<Edit> edits(info.tracks.size());
    quint64 movieDuration = 0;
    quint32 nextTrackId = 1;
    for (size_t i = 0; i < info.tracks.size(); ++i) {
        if (i >= records.size() || records[i].empty())
            continue;
        const quint32 ts = info.tracks[i].timescale;
        // earliest <= startMovie[i], so the difference is non-negative; taken
        // unsigned because hostile timestamps (av_rescale's INT64_MIN on
        // overflow) can put it beyond qint64 (found by fuzz_sidecar_set).
        edits[i].delayMovie = quint64(startMovie[i]) - quint64(earliest);
        edits[i].durationMovie = quint64(av_rescale(qint64(timing[i].presentDuration), kMovieTimescale, ts));
        movieDuration = std::max(movieDuration, edits[i].delayMovie + edits[i].durationMovie);
        nextTrackId = std::max(nextTrackId, info.tracks[i].number + 1);
    }

    BoxWriter w;
    w.begin("moov");
    w.beginFull("mvhd", 1, 0);
    w.u64(created);
    w.u64(created);
    w.u32(kMovieTimescale);
    w.u64(movieDuration);
    w.u32(0x00010000);
    w.u16(0x0100);
    w.zeros(2 + 8);
    writeMatrix(w);
    w.zeros(24);
    w.u32(nextTrackId);
    w.end();

    for (size_t i = 0; i < info.tracks.size(); ++i) {
        if (i >= records.size() || records[i].empty())
            continue;
        const SidecarTrack &t = info.tracks[i];
        const TrackTiming &tm = timing[i];
        const bool video = t.kind == TrackKind::Video;
        const bool audio = t.kind == TrackKind::Audio;
        w.begin("trak");

        w.beginFull("tkhd", 1, t.trackFlags & 0xF);
        w.u64(created);
        w.u64(created);
        w.u32(t.number);
        w.u32(0);
        w.u64(edits[i].delayMovie + edits[i].durationMovie);
        w.zeros(8);
        w.u16(0);
        w.u16(audio ? 1 : 0); // alternate group
        w.u16(audio ? 0x0100 : 0);
        w.u16(0);
        for (qint32 v : t.matrix)
            w.u32(quint32(v));
        w.u32(video ? t.width << 16 : 0);
        w.u32(video ? t.height << 16 : 0);
        w.end();

        // An edit list only when the track does not start at the movie's
        // origin, its first picture is not its first decoded sample or its
        // first samples are an encoder's priming.
        // A text track always has one: FFmpeg gives the last cue of a track
        // without it the length of the whole movie.
        if (edits[i].delayMovie > 0 || tm.minCts != 0 || tm.priming != 0 || t.kind == TrackKind::Text) {
            w.begin("edts");
            w.beginFull("elst", 1, 0);
            w.u32(edits[i].delayMovie > 0 ? 2 : 1);
            if (edits[i].delayMovie > 0) {
                w.u64(edits[i].delayMovie);
                w.u64(quint64(-1));
                w.u32(0x00010000);
            }
            w.u64(edits[i].durationMovie);
            w.u64(quint64(tm.minCts + tm.priming));
            w.u32(0x00010000);
            w.end();
            w.end();
        }

        w.begin("mdia");
        w.beginFull("mdhd", 1, 0);
        w.u64(created);
        w.u64(created);
        w.u32(t.timescale);
        w.u64(tm.mediaDuration);
        w.u16(packedLanguage(t.language));
        w.u16(0);
        w.end();

        w.beginFull("hdlr", 0, 0);
        w.u32(0);
        // Text is a 3GPP subtitle track ("sbtl", as FFmpeg writes tx3g in MP4).
        w.fourcc(video ? "vide" : audio ? "soun" : "sbtl");
        w.zeros(12);
        if (!t.handlerName.isEmpty())
            w.bytes(t.handlerName.toUtf8() + '\0');
        else
            w.bytes(video       ? QByteArray("VideoHandler", 13)
                        : audio ? QByteArray("SoundHandler", 13)
                                : QByteArray("SubtitleHandler", 16));
        w.end();

        w.begin("minf");
        if (video) {
            w.beginFull("vmhd", 0, 1);
            w.zeros(8);
        } else if (audio) {
            w.beginFull("smhd", 0, 0);
            w.zeros(4);
        } else {
            w.beginFull("nmhd", 0, 0); // null media header: text has no media-specific one
        }
        w.end();
        w.begin("dinf");
        w.beginFull("dref", 0, 0);
        w.u32(1);
        w.beginFull("url ", 0, 1);
        w.end();
        w.end();
        w.end();
        writeStbl(w, t, records[i], tm, offsetDelta);
        w.end(); // minf
        w.end(); // mdia
        writeTrackUdta(w, t);
        w.end(); // trak
    }
    const QByteArray comment = info.source.toUtf8().left(0xFFFF);
    std::vector<std::pair<const char *, QByteArray>> tags;
    for (const auto &[key, value] : info.tags)
        if (const char *item = tagItem(key); item && !value.isEmpty())
            tags.emplace_back(item, value.toUtf8());
    const bool udta = !info.chapters.empty() || !comment.isEmpty() || !tags.empty();
    if (udta)
        w.begin("udta");
    if (!tags.empty()) {
        // The source's own file-level tags as iTunes metadata
        // (udta/meta/ilst), as FFmpeg's MP4 muxer writes them and players read them.
        w.beginFull("meta", 0, 0);
        w.beginFull("hdlr", 0, 0);
        w.u32(0);
        w.fourcc("mdir");
        w.fourcc("appl");
        w.zeros(9);
        w.end();
        w.begin("ilst");
        for (const auto &[item, value] : tags) {
            w.begin(item);
            w.begin("data");
            w.u32(1); // UTF-8 text
            w.u32(0); // no locale
            w.bytes(value);
            w.end();
            w.end();
        }
        w.end(); // ilst
        w.end(); // meta
    }
    if (!comment.isEmpty()) {
        // Where the recording came from (already free of credentials), as a
        // QuickTime "\xA9cmt" string: FFmpeg and players read it as the
        // "comment" tag, as TS and FLV recordings carry it; the library
        // shows it as the source.
        w.begin("\xA9"
                "cmt");
        w.u16(quint32(comment.size()));
        w.u16(0x55C4); // "und"
        w.bytes(comment);
        w.end();
    }
    if (!info.chapters.empty()) {
        // Nero chapters (moov/udta/chpl), read by FFmpeg, MP4Box and most
        // players: start in 100 ns units, a title of at most 255 bytes.
        w.beginFull("chpl", 1, 0);
        w.u32(0);
        w.u8(quint32(std::min<size_t>(255, info.chapters.size())));
        for (size_t c = 0; c < info.chapters.size() && c < 255; ++c) {
            w.u64(quint64(std::max<qint64>(0, info.chapters[c].startUs)) * 10);
            const QByteArray title = info.chapters[c].title.toUtf8().left(255);
            w.u8(quint32(title.size()));
            w.bytes(title);
        }
        w.end();
    }
    if (udta)
        w.end(); // udta
    w.end();     // moov
    return w.take();
}

} // namespace tapedeck::mp4

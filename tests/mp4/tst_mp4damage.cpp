// Damaged sidecar sets and failing writes: every case gets a clear verdict,
// never a crash, and never a rebuilt file that fails to decode.

#include "Mp4TestUtil.h"
#include "TestSupport.h"

#include "core/mp4/Mp4Writer.h"
#include "core/mp4/Rebuild.h"
#include "core/mp4/Sidecar.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace tapedeck;
using namespace tapedeck::mp4;
using namespace mp4test;

namespace {

bool truncateFile(const QString &path, qint64 size)
{
    QFile f(path);
    return f.resize(size);
}

bool appendBytes(const QString &path, const QByteArray &b)
{
    QFile f(path);
    return f.open(QIODevice::Append) && f.write(b) == b.size();
}

bool patchByte(const QString &path, qint64 at, char xorWith)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.seek(at))
        return false;
    char c = 0;
    if (f.read(&c, 1) != 1 || !f.seek(at))
        return false;
    c ^= xorWith;
    return f.write(&c, 1) == 1;
}

} // namespace

class TestMp4Damage : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    Media m_media;
    QString m_template;             // an unfinished recording: the sidecar set of all packets
    std::vector<quint64> m_records; // records per track in the template

    // A fresh copy of the template set; returns its final path.
    QString copyTemplate(const QTemporaryDir &d, const QString &name = QStringLiteral("case.mp4"))
    {
        const QString final = QDir(d.path()).filePath(name);
        copySidecarSet(m_template, final);
        return final;
    }

    // Rebuilds `final` and judges it: returns the sample count of the result,
    // or -1 when the rebuild refused (with a reason).
    static qint64 rebuildAndJudge(const QString &final)
    {
        const SidecarReport before = readSidecarSet(final);
        auto r = rebuildMp4(final);
        if (!r.ok()) {
            if (r.message().isEmpty())
                qWarning("rebuild failed without a message");
            if (QFileInfo::exists(final))
                qWarning("a failed rebuild left %s", qPrintable(final));
            return r.message().isEmpty() || QFileInfo::exists(final) ? -2 : -1;
        }
        const QString errors = testsupport::ffmpegDecodeErrors(final);
        if (!errors.isEmpty()) {
            qWarning("decode errors in %s: %s (%s)", qPrintable(final), qPrintable(errors),
                     qPrintable(before.summary()));
            return -3;
        }
        qint64 n = 0;
        for (const auto &[s, c] : testsupport::ffprobePacketCounts(final))
            n += c;
        if (quint64(n) != before.totalSamples) {
            qWarning("%lld packets in the file, %llu accepted records", n, before.totalSamples);
            return -4;
        }
        return n;
    }

    // Bytes a recording of the template's media really writes (the reserved
    // room is a hole, never written).
    qint64 bytesTheRecordingWrites() const
    {
        const SidecarReport tpl = readSidecarSet(m_template);
        qint64 total = 8 - qint64(tpl.info.reservedSize);
        for (const QString &s : {QStringLiteral(".mdat"), QStringLiteral(".track1"), QStringLiteral(".track2")})
            total += QFileInfo(m_template + s).size();
        return total;
    }

private slots:
    void initTestCase()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        QVERIFY(m_dir.isValid());
        QString err;
        const QString src = makeMedia(m_dir.path(), QStringLiteral("h264_aac"), 1.5, &err);
        QVERIFY2(!src.isEmpty(), qPrintable(err));
        QVERIFY2(loadMedia(src, &m_media, &err), qPrintable(err));
        m_template = QDir(m_dir.path()).filePath(QStringLiteral("template.mp4"));
        auto w = makeMp4Writer();
        QVERIFY(w->open(m_template, m_media.streams, {}).ok());
        QVERIFY(feed(m_media, *w).status.ok());
        w->abandon(); // as after a crash: the sidecars stay
        const SidecarReport rep = readSidecarSet(m_template);
        QCOMPARE(rep.verdict, Verdict::Complete);
        for (const TrackReadResult &t : rep.tracks)
            m_records.push_back(t.records.size());
        QCOMPARE(m_records.size(), size_t(2));
    }

    // .info version 3 (issue 17) adds text tracks and file tags, version 4
    // (issue 12) the priming table; sets written as versions 2 and 3 stay
    // readable, and a version 2 file cannot claim a text track (only a
    // version 3 writer makes one).
    void infoVersions()
    {
        SidecarInfo info = readSidecarSet(m_template).info;
        info.tags = {{QStringLiteral("title"), QStringLiteral("Grüße")}, {QStringLiteral("x-other"), QString()}};
        SidecarTrack text = info.tracks.back();
        text.number = quint32(info.tracks.size() + 1);
        text.kind = TrackKind::Text;
        text.codecTag = "tx3g";
        info.tracks.push_back(text);
        info.tracks[1].primingTicks = 1024;
        const QByteArray v4 = encodeInfo(info);
        QCOMPARE(quint8(v4[8]), quint8(4));
        auto back = decodeInfo(v4);
        QVERIFY2(back.ok(), qPrintable(back.message()));
        QCOMPARE(back->tags, info.tags);
        QCOMPARE(back->tracks.back().kind, TrackKind::Text);
        QCOMPARE(back->tracks[0].primingTicks, 0u);
        QCOMPARE(back->tracks[1].primingTicks, 1024u);

        // The same bytes as an older version: the sections that version did
        // not have taken off the end, version field, size and CRC fixed.
        auto older = [](SidecarInfo i, int version) {
            if (version < 3)
                i.tags.clear();
            QByteArray b = encodeInfo(i);
            b.chop(4); // the CRC
            if (quint8(b[8]) == 4)
                b.chop(4 + 4 * qsizetype(i.tracks.size())); // the priming table
            if (version < 3)
                b.chop(4); // the tag count
            b[8] = char(version);
            const quint32 payload = quint32(b.size() - 16);
            for (int k = 0; k < 4; ++k)
                b[12 + k] = char(payload >> (8 * k));
            const quint32 c = crc32(b.constData(), b.size());
            for (int k = 0; k < 4; ++k)
                b.append(char(c >> (8 * k)));
            return b;
        };
        // Without priming a set is written as version 3, for Tapedecks that
        // know no newer one.
        QCOMPARE(quint8(encodeInfo(readSidecarSet(m_template).info)[8]), quint8(3));
        auto v3 = decodeInfo(older(info, 3));
        QVERIFY2(v3.ok(), qPrintable(v3.message()));
        QCOMPARE(v3->tags, info.tags);
        QCOMPARE(v3->tracks[1].primingTicks, 0u);
        auto v2 = decodeInfo(older(readSidecarSet(m_template).info, 2));
        QVERIFY2(v2.ok(), qPrintable(v2.message()));
        QVERIFY(v2->tags.empty());
        QCOMPARE(v2->tracks.size(), size_t(2));
        auto v2text = decodeInfo(older(info, 2));
        QVERIFY(!v2text.ok());
        QVERIFY2(v2text.message().contains(QStringLiteral("unknown kind")), qPrintable(v2text.message()));

        // More tags than a set may have: refused, not allocated.
        SidecarInfo many = readSidecarSet(m_template).info;
        for (int i = 0; i <= kMaxFileTags; ++i)
            many.tags.emplace_back(QStringLiteral("k%1").arg(i), QStringLiteral("v"));
        QVERIFY(!decodeInfo(encodeInfo(many)).ok());

        // Priming of more than a second of the track: refused.
        SidecarInfo long_ = readSidecarSet(m_template).info;
        long_.tracks[1].primingTicks = long_.tracks[1].timescale + 1;
        auto refused = decodeInfo(encodeInfo(long_));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message().contains(QStringLiteral("more than a second")), qPrintable(refused.message()));
    }

    void formatPrimitives()
    {
        // docs/sidecar-format.md promises zlib's CRC-32.
        QCOMPARE(crc32("123456789", 9), 0xCBF43926u);
        SampleRecord r;
        r.offset = 0x0102030405060708ULL;
        r.size = 77;
        r.flags = kRecordFlagSync;
        r.dts = -5;
        r.ctsOffset = -3;
        r.duration = 1024;
        r.sequence = 9;
        const QByteArray b = encodeRecord(r);
        QCOMPARE(b.size(), kRecordSize);
        QCOMPARE(quint8(b[0]), quint8(0x08)); // little-endian
        auto back = decodeRecord(b.constData());
        QVERIFY(back.ok());
        QCOMPARE(back->offset, r.offset);
        QCOMPARE(back->dts, r.dts);
        QCOMPARE(back->ctsOffset, r.ctsOffset);
        QCOMPARE(back->sequence, r.sequence);
        QVERIFY(!decodeRecord(QByteArray(kRecordSize, '\0').constData()).ok());

        const SidecarReport rep = readSidecarSet(m_template);
        const QByteArray info = encodeInfo(rep.info);
        auto decoded = decodeInfo(info);
        QVERIFY2(decoded.ok(), qPrintable(decoded.message()));
        QCOMPARE(encodeInfo(*decoded), info);
        QCOMPARE(decoded->tracks.size(), size_t(2));
        QCOMPARE(decoded->tracks[0].codecTag, QByteArray("avc1"));
        QCOMPARE(decoded->tracks[1].codecTag, QByteArray("mp4a"));
        QCOMPARE(decoded->dataOffset % 4096, quint64(0));
        QCOMPARE(finalPathForSidecar(QStringLiteral("/a/b.mp4.track12")), QStringLiteral("/a/b.mp4"));
        QCOMPARE(finalPathForSidecar(QStringLiteral("/a/b.mp4.info.tmp")), QStringLiteral("/a/b.mp4"));
        QVERIFY(!isSidecarPath(QStringLiteral("/a/b.mp4")));
        QVERIFY(!isSidecarPath(QStringLiteral("/a/notes.info")));
        QCOMPARE(findSidecarSets(m_dir.path()), QStringList{m_template});
    }

    // docs/sidecar-format.md is precise enough for a second reader:
    // tests/mp4/sidecar_reader.py was written from it alone and must agree.
    void secondReaderFromTheSpecAgrees_data()
    {
        QTest::addColumn<QString>("damage");
        for (const char *d : {"none", "torn track1", "flipped track2", "short mdat", "zeroed tail", "priming (v4)"})
            QTest::newRow(d) << QString::fromLatin1(d);
    }

    void secondReaderFromTheSpecAgrees()
    {
        TAPEDECK_REQUIRE_TOOL("python3");
        QFETCH(QString, damage);
        QTemporaryDir d;
        const QString final = copyTemplate(d);
        if (damage == u"torn track1")
            QVERIFY(truncateFile(final + QStringLiteral(".track1"), kTrackHeaderSize + 10 * kRecordSize + 23));
        else if (damage == u"flipped track2")
            QVERIFY(patchByte(final + QStringLiteral(".track2"), kTrackHeaderSize + 5 * kRecordSize + 30, 0x40));
        else if (damage == u"short mdat") {
            const qint64 start = qint64(readSidecarSet(final).info.dataOffset);
            const qint64 size = QFileInfo(final + QStringLiteral(".mdat")).size();
            QVERIFY(truncateFile(final + QStringLiteral(".mdat"), start + (size - start) * 2 / 3));
        } else if (damage == u"zeroed tail") {
            QVERIFY(appendBytes(final + QStringLiteral(".track2"), QByteArray(kRecordSize * 2, '\0')));
        } else if (damage == u"priming (v4)") {
            SidecarInfo info = readSidecarSet(final).info;
            info.tracks[1].primingTicks = 1024;
            QFile f(final + QStringLiteral(".info"));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            const QByteArray b = encodeInfo(info);
            QCOMPARE(quint8(b[8]), quint8(4));
            QCOMPARE(f.write(b), qint64(b.size()));
        }
        const auto r = testsupport::runTool(
            QStringLiteral("python3"), {QStringLiteral(TAPEDECK_SOURCE_DIR "/tests/mp4/sidecar_reader.py"), final});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject py = QJsonDocument::fromJson(r.out).object();
        const SidecarReport rep = readSidecarSet(final);
        QCOMPARE(quint64(py.value(QStringLiteral("data_offset")).toDouble()), rep.info.dataOffset);
        QCOMPARE(quint64(py.value(QStringLiteral("data_end")).toDouble()), rep.dataEnd);
        QCOMPARE(py.value(QStringLiteral("created_us")).toDouble(), double(rep.info.creationTimeUs));
        const QJsonArray tracks = py.value(QStringLiteral("tracks")).toArray();
        QCOMPARE(size_t(tracks.size()), rep.tracks.size());
        for (int i = 0; i < tracks.size(); ++i) {
            const QJsonObject t = tracks[i].toObject();
            QCOMPARE(t.value(QStringLiteral("codec")).toString().toLatin1(), rep.info.tracks[size_t(i)].codecTag);
            QCOMPARE(t.value(QStringLiteral("entry_type")).toString().toLatin1(), rep.info.tracks[size_t(i)].codecTag);
            QCOMPARE(quint32(t.value(QStringLiteral("timescale")).toInt()), rep.info.tracks[size_t(i)].timescale);
            // Version 2 fields: what the source said about the track.
            QCOMPARE(t.value(QStringLiteral("language")).toString().toLatin1(), rep.info.tracks[size_t(i)].language);
            QCOMPARE(t.value(QStringLiteral("title")).toString(), rep.info.tracks[size_t(i)].title);
            QCOMPARE(quint32(t.value(QStringLiteral("flags")).toInt()), rep.info.tracks[size_t(i)].trackFlags);
            QCOMPARE(t.value(QStringLiteral("matrix")).toArray().size(), 9);
            // Version 4: the priming table.
            QCOMPARE(quint32(t.value(QStringLiteral("priming")).toInt(-1)), rep.info.tracks[size_t(i)].primingTicks);
            QCOMPARE(size_t(t.value(QStringLiteral("accepted")).toInt()), rep.tracks[size_t(i)].records.size());
            QCOMPARE(quint64(t.value(QStringLiteral("dropped")).toInt()), rep.tracks[size_t(i)].droppedRecords);
            QCOMPARE(quint64(t.value(QStringLiteral("tail")).toInt()), rep.tracks[size_t(i)].tailBytes);
        }
    }

    void truncatedTrackAtEveryPoint_data()
    {
        QTest::addColumn<int>("track");
        QTest::addColumn<bool>("midRecord");
        for (int t : {1, 2})
            for (bool mid : {false, true})
                QTest::newRow(qPrintable(QStringLiteral("track%1 %2").arg(t).arg(mid ? "mid-record" : "boundary")))
                    << t << mid;
    }

    void truncatedTrackAtEveryPoint()
    {
        QFETCH(int, track);
        QFETCH(bool, midRecord);
        const quint64 n = m_records[size_t(track - 1)];
        const quint64 other = m_records[size_t(2 - track)];
        // Also inside the 16-byte header.
        for (qint64 cut : {qint64(0), qint64(7)}) {
            if (midRecord)
                break;
            QTemporaryDir d;
            const QString final = copyTemplate(d);
            QVERIFY(truncateFile(final + QStringLiteral(".track%1").arg(track), cut));
            const SidecarReport rep = readSidecarSet(final);
            QVERIFY2(rep.verdict == Verdict::Complete || rep.verdict == Verdict::Partial, qPrintable(rep.summary()));
            QCOMPARE(rep.tracks[size_t(track - 1)].records.size(), size_t(0));
            QCOMPARE(rebuildAndJudge(final), qint64(other));
        }
        for (quint64 k = 0; k <= n; ++k) {
            if (midRecord && k == n)
                break;
            QTemporaryDir d;
            const QString final = copyTemplate(d);
            const qint64 size = kTrackHeaderSize + qint64(k) * kRecordSize + (midRecord ? 17 : 0);
            QVERIFY(truncateFile(final + QStringLiteral(".track%1").arg(track), size));
            const SidecarReport rep = readSidecarSet(final);
            // A cut at a record boundary looks like a shorter recording (Ok,
            // or Partial for the media bytes after the last indexed sample);
            // a cut inside a record is a torn tail.
            const bool fine = midRecord ? rep.verdict == Verdict::Partial
                                        : (rep.verdict == Verdict::Complete || rep.verdict == Verdict::Partial);
            if (!fine)
                QFAIL(qPrintable(QStringLiteral("k=%1: %2").arg(k).arg(rep.summary())));
            QCOMPARE(rep.tracks[size_t(track - 1)].records.size(), size_t(k));
            QCOMPARE(rep.tracks[size_t(track - 1)].tailBytes, quint64(midRecord ? 17 : 0));
            if (midRecord)
                QVERIFY(rep.summary().contains(QStringLiteral("torn")));
            const qint64 got = rebuildAndJudge(final);
            QVERIFY2(got == qint64(k + other), qPrintable(QStringLiteral("k=%1 got %2").arg(k).arg(got)));
        }
    }

    void zeroedTailIsDropped()
    {
        QTemporaryDir d;
        const QString final = copyTemplate(d);
        QVERIFY(appendBytes(final + QStringLiteral(".track1"), QByteArray(kRecordSize * 3 + 11, '\0')));
        const SidecarReport rep = readSidecarSet(final);
        QCOMPARE(rep.verdict, Verdict::Partial);
        QCOMPARE(rep.tracks[0].records.size(), size_t(m_records[0]));
        QVERIFY(rep.summary().contains(QStringLiteral("zeroed")));
        QCOMPARE(rebuildAndJudge(final), qint64(m_records[0] + m_records[1]));
    }

    // SIGKILL while a new chunk's files are being created: .info is in
    // place, the data file stops inside its header, no track holds a record.
    // That is an empty recording (said so plainly), not damage.
    void killedWhileFilesAreCreated_data()
    {
        QTest::addColumn<int>("dataBytes");
        QTest::newRow("empty data file") << 0;
        QTest::newRow("inside ftyp") << 10;
        QTest::newRow("inside the reserved room") << 100;
    }
    void killedWhileFilesAreCreated()
    {
        QFETCH(int, dataBytes);
        QTemporaryDir d;
        const QString final = copyTemplate(d);
        QFile data(final + QStringLiteral(".mdat"));
        QVERIFY(data.resize(dataBytes));
        for (const QString &t : {QStringLiteral(".track1"), QStringLiteral(".track2")}) {
            QFile track(final + t);
            QVERIFY(track.resize(kTrackHeaderSize));
        }
        const SidecarReport rep = readSidecarSet(final);
        QCOMPARE(rep.verdict, Verdict::Empty);
        QVERIFY2(rep.summary().contains(QStringLiteral("no complete sample")), qPrintable(rep.summary()));
        QVERIFY(!rep.summary().contains(QStringLiteral("does not have the layout")));
        QCOMPARE(rebuildAndJudge(final), qint64(-1));
    }

    void flippedByteStopsTheTrackThere_data()
    {
        QTest::addColumn<int>("track");
        QTest::addColumn<int>("record");
        QTest::addColumn<int>("byte");
        QTest::newRow("video offset") << 1 << 5 << 2;
        QTest::newRow("video dts") << 1 << 10 << 17;
        QTest::newRow("video crc") << 1 << 0 << 38;
        QTest::newRow("audio size") << 2 << 30 << 9;
        QTest::newRow("audio last") << 2 << -1 << 20;
    }

    void flippedByteStopsTheTrackThere()
    {
        QFETCH(int, track);
        QFETCH(int, record);
        QFETCH(int, byte);
        const quint64 n = m_records[size_t(track - 1)];
        const quint64 at = record < 0 ? n - 1 : quint64(record);
        QTemporaryDir d;
        const QString final = copyTemplate(d);
        QVERIFY(patchByte(final + QStringLiteral(".track%1").arg(track),
                          kTrackHeaderSize + qint64(at) * kRecordSize + byte, 0x10));
        const SidecarReport rep = readSidecarSet(final);
        QVERIFY(rep.summary().contains(QStringLiteral("checksum")));
        QCOMPARE(rep.tracks[size_t(track - 1)].records.size(), size_t(at));
        QCOMPARE(rep.tracks[size_t(track - 1)].droppedRecords, n - at);
        // Damage in the middle is "damaged"; the last record alone is a torn tail.
        QCOMPARE(rep.verdict, at + 1 == n ? Verdict::Damaged : Verdict::Damaged);
        QCOMPARE(rebuildAndJudge(final), qint64(at + m_records[size_t(2 - track)]));
    }

    void offsetsPastTheDataFile()
    {
        // The data file lost its end (e.g. a power cut without fsync): records
        // that point past it are dropped.
        QTemporaryDir d;
        const QString final = copyTemplate(d);
        const qint64 dataSize = QFileInfo(final + QStringLiteral(".mdat")).size();
        const SidecarReport full = readSidecarSet(final);
        const qint64 cut = qint64(full.info.dataOffset) + (dataSize - qint64(full.info.dataOffset)) / 2;
        QVERIFY(truncateFile(final + QStringLiteral(".mdat"), cut));
        const SidecarReport rep = readSidecarSet(final);
        QCOMPARE(rep.verdict, Verdict::Damaged);
        QVERIFY(rep.summary().contains(QStringLiteral("outside the data file")));
        QVERIFY(rep.totalSamples > 0 && rep.totalSamples < full.totalSamples);
        for (const TrackReadResult &t : rep.tracks)
            for (const SampleRecord &r : t.records)
                QVERIFY(qint64(r.offset + r.size) <= cut);
        QVERIFY(rebuildAndJudge(final) > 0);
    }

    void forgedRecordPastTheEnd()
    {
        // A record with a valid checksum but an offset beyond the data file.
        QTemporaryDir d;
        const QString final = copyTemplate(d);
        SampleRecord r;
        r.offset = quint64(QFileInfo(final + QStringLiteral(".mdat")).size()) + 100;
        r.size = 1000;
        r.flags = kRecordFlagSync;
        r.dts = 1'000'000'000;
        r.sequence = quint32(m_records[0]);
        QVERIFY(appendBytes(final + QStringLiteral(".track1"), encodeRecord(r)));
        const SidecarReport rep = readSidecarSet(final);
        QCOMPARE(rep.verdict, Verdict::Damaged);
        QCOMPARE(rep.tracks[0].records.size(), size_t(m_records[0]));
        QVERIFY(rep.summary().contains(QStringLiteral("outside the data file")));
        QCOMPARE(rebuildAndJudge(final), qint64(m_records[0] + m_records[1]));
    }

    // Issue 11, hole 4: a record whose offset + size wraps past 2^64 (valid
    // CRC) passed "offset + size <= .mdat size" and was rebuilt as complete.
    void forgedRecordWhoseEndWraps_data()
    {
        QTest::addColumn<quint64>("offset");
        QTest::addColumn<quint32>("size");
        QTest::newRow("2^64-10") << quint64(0xFFFFFFFFFFFFFFF6ULL) << quint32(1000);
        QTest::newRow("2^64-1") << quint64(0xFFFFFFFFFFFFFFFFULL) << quint32(2);
        QTest::newRow("2^63") << quint64(0x8000000000000000ULL) << quint32(100);
    }
    void forgedRecordWhoseEndWraps()
    {
        QFETCH(quint64, offset);
        QFETCH(quint32, size);
        QTemporaryDir d;
        const QString final = copyTemplate(d);
        const SidecarReport full = readSidecarSet(final);
        // Replaces the middle record of the video track: a sample inside the
        // recording, not a tail that a crash could explain.
        const quint64 at = m_records[0] / 2;
        SampleRecord r = full.tracks[0].records[at];
        r.offset = offset;
        r.size = size;
        QFile f(final + QStringLiteral(".track1"));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(kTrackHeaderSize + qint64(at) * kRecordSize));
        QCOMPARE(f.write(encodeRecord(r)), qint64(kRecordSize));
        f.close();
        const SidecarReport rep = readSidecarSet(final);
        QCOMPARE(rep.verdict, Verdict::Damaged);
        QCOMPARE(rep.tracks[0].records.size(), size_t(at));
        QVERIFY2(rep.summary().contains(QStringLiteral("outside the data file")), qPrintable(rep.summary()));
        QVERIFY(rep.dataEnd <= rep.dataFileSize);
        QCOMPARE(rebuildAndJudge(final), qint64(at + m_records[1]));
    }

    // A dts so large that dts + duration overflows a signed 64-bit sum.
    void forgedRecordWithHugeDts()
    {
        QTemporaryDir d;
        const QString final = copyTemplate(d);
        const SidecarReport full = readSidecarSet(final);
        SampleRecord r = full.tracks[1].records.back();
        r.sequence = quint32(m_records[1]);
        r.dts = std::numeric_limits<qint64>::max() - 5;
        r.duration = 0xFFFFFFFFu;
        QVERIFY(appendBytes(final + QStringLiteral(".track2"), encodeRecord(r)));
        const SidecarReport rep = readSidecarSet(final);
        QCOMPARE(rep.verdict, Verdict::Damaged);
        QCOMPARE(rep.tracks[1].records.size(), size_t(m_records[1]));
        QVERIFY2(rep.summary().contains(QStringLiteral("beyond any recording")), qPrintable(rep.summary()));
        QCOMPARE(rebuildAndJudge(final), qint64(m_records[0] + m_records[1]));
    }

    // Fields of .info whose sums wrap, and a timescale MP4 readers reject
    // (libavformat refuses a timescale above INT32_MAX: "invalid timescale").
    void forgedInfoFields_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        QTest::newRow("timescale 0xFFFFFFFF") << "timescale max"
                                              << "timescale 4294967295";
        QTest::newRow("timescale 2^31") << "timescale 2^31"
                                        << "timescale 2147483648";
        QTest::newRow("reserved size wraps") << "reserved wraps"
                                             << "inconsistent data file layout";
        QTest::newRow("data offset past 2^63") << "data offset huge"
                                               << "inconsistent data file layout";
    }
    void forgedInfoFields()
    {
        QFETCH(QString, field);
        QFETCH(QString, reason);
        QTemporaryDir d;
        const QString final = copyTemplate(d);
        SidecarInfo info = readSidecarSet(final).info;
        if (field == u"timescale max")
            info.tracks[0].timescale = 0xFFFFFFFFu;
        else if (field == u"timescale 2^31")
            info.tracks[1].timescale = 0x80000000u;
        else if (field == u"reserved wraps") {
            // reservedOffset + reservedSize = 2^64 + 16: a layout whose
            // identities hold modulo 2^64, with a tiny mdatHeaderOffset.
            info.reservedSize = 0xFFFFFFFFFFFFFFF0ULL;
            info.mdatHeaderOffset = info.reservedOffset + info.reservedSize; // wraps to 16
            QCOMPARE(info.mdatHeaderOffset, info.reservedOffset - 16);
            info.dataOffset = info.mdatHeaderOffset + kMdatHeaderSize;
        } else {
            info.reservedSize = 0x8000000000000000ULL;
            info.mdatHeaderOffset = info.reservedOffset + info.reservedSize;
            info.dataOffset = info.mdatHeaderOffset + kMdatHeaderSize;
        }
        {
            QFile f(final + QStringLiteral(".info"));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(encodeInfo(info)); // a valid CRC: the damage passes the checksum
        }
        const SidecarReport rep = readSidecarSet(final);
        QCOMPARE(rep.verdict, Verdict::Unrecoverable);
        QVERIFY2(rep.summary().contains(reason), qPrintable(rep.summary()));
        QCOMPARE(rebuildAndJudge(final), qint64(-1));
        QCOMPARE(sidecarFiles(d.path()).size(), 4); // refused: nothing touched
    }

    void forgedRecordWithFallingDts()
    {
        QTemporaryDir d;
        const QString final = copyTemplate(d);
        const SidecarReport full = readSidecarSet(final);
        SampleRecord r = full.tracks[1].records.front();
        r.sequence = quint32(m_records[1]);
        QVERIFY(appendBytes(final + QStringLiteral(".track2"), encodeRecord(r)));
        const SidecarReport rep = readSidecarSet(final);
        QCOMPARE(rep.verdict, Verdict::Damaged);
        QVERIFY(rep.summary().contains(QStringLiteral("does not rise")));
        QCOMPARE(rebuildAndJudge(final), qint64(m_records[0] + m_records[1]));
    }

    void missingOrBrokenFiles_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing .info") << "rm info" << int(Verdict::Unrecoverable) << ".info is missing";
        QTest::newRow("empty .info") << "empty info" << int(Verdict::Unrecoverable) << "bad magic";
        QTest::newRow("flipped .info") << "flip info" << int(Verdict::Unrecoverable) << "checksum";
        QTest::newRow("truncated .info") << "cut info" << int(Verdict::Unrecoverable) << "torn";
        QTest::newRow("missing .mdat") << "rm mdat" << int(Verdict::Unrecoverable) << ".mdat is missing";
        QTest::newRow("garbage .mdat") << "garbage mdat" << int(Verdict::Unrecoverable) << "layout";
        QTest::newRow("missing .track2") << "rm track2" << int(Verdict::Damaged) << ".track2 is missing";
        QTest::newRow("bad .track1 header") << "flip track1" << int(Verdict::Damaged) << "bad header";
    }

    void missingOrBrokenFiles()
    {
        QFETCH(QString, what);
        QFETCH(int, verdict);
        QFETCH(QString, reason);
        QTemporaryDir d;
        const QString final = copyTemplate(d);
        if (what == u"rm info")
            QVERIFY(QFile::remove(final + QStringLiteral(".info")));
        else if (what == u"empty info")
            QVERIFY(truncateFile(final + QStringLiteral(".info"), 0));
        else if (what == u"flip info")
            QVERIFY(patchByte(final + QStringLiteral(".info"), 40, 0x01));
        else if (what == u"cut info")
            QVERIFY(
                truncateFile(final + QStringLiteral(".info"), QFileInfo(final + QStringLiteral(".info")).size() - 9));
        else if (what == u"rm mdat")
            QVERIFY(QFile::remove(final + QStringLiteral(".mdat")));
        else if (what == u"garbage mdat")
            QVERIFY(patchByte(final + QStringLiteral(".mdat"), 5, 0x55));
        else if (what == u"rm track2")
            QVERIFY(QFile::remove(final + QStringLiteral(".track2")));
        else if (what == u"flip track1")
            QVERIFY(patchByte(final + QStringLiteral(".track1"), 3, 0x01));
        const SidecarReport rep = readSidecarSet(final);
        QCOMPARE(int(rep.verdict), verdict);
        QVERIFY2(rep.summary().contains(reason), qPrintable(rep.summary()));
        const qint64 got = rebuildAndJudge(final);
        if (Verdict(verdict) == Verdict::Unrecoverable)
            QCOMPARE(got, qint64(-1));
        else
            QVERIFY2(got > 0, qPrintable(QString::number(got)));
    }

    void randomFileIsNotASidecarSet()
    {
        QTemporaryDir d;
        const QString p = QDir(d.path()).filePath(QStringLiteral("x.mp4.info"));
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray junk(5000, '\0');
        for (int i = 0; i < junk.size(); ++i)
            junk[i] = char((i * 7919) & 0xFF);
        f.write(junk);
        f.close();
        QCOMPARE(readSidecarSet(p).verdict, Verdict::Unrecoverable);
        auto r = rebuildMp4(p);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Corrupt);
        auto none = rebuildMp4(QDir(d.path()).filePath(QStringLiteral("nothing.mp4")));
        QCOMPARE(none.error().code, ErrorCode::NotFound);
    }

    // Seeded random damage to the index, the info and the data file's layout
    // and length (media bytes themselves carry no checksum and are left
    // alone): a verdict every time, and a rebuilt file always decodes.
    void randomDamageNeverBreaksTheRebuild()
    {
        QRandomGenerator rng(20261121);
        const SidecarReport tpl = readSidecarSet(m_template);
        for (int round = 0; round < 40; ++round) {
            QTemporaryDir d;
            const QString final = copyTemplate(d);
            const int edits = 1 + int(rng.bounded(3));
            QStringList did;
            for (int e = 0; e < edits; ++e) {
                const int what = int(rng.bounded(5));
                const QString member = what == 0 ? QStringLiteral(".info")
                    : what == 1                  ? QStringLiteral(".mdat")
                                                 : QStringLiteral(".track%1").arg(1 + int(rng.bounded(2)));
                const QString path = final + member;
                const qint64 size = QFileInfo(path).size();
                if (size <= 0)
                    continue;
                if (rng.bounded(3) == 0) {
                    const qint64 floor = member == u".mdat" ? qint64(tpl.info.dataOffset) : 0;
                    const qint64 cut = floor + qint64(rng.bounded(quint64(std::max<qint64>(1, size - floor))));
                    QVERIFY(truncateFile(path, cut));
                    did << QStringLiteral("cut %1 at %2").arg(member).arg(cut);
                } else {
                    const qint64 limit = member == u".mdat" ? qint64(tpl.info.dataOffset) : size;
                    const qint64 at = qint64(rng.bounded(quint64(limit)));
                    QVERIFY(patchByte(path, at, char(1 + rng.bounded(255))));
                    did << QStringLiteral("flip %1 at %2").arg(member).arg(at);
                }
            }
            const SidecarReport rep = readSidecarSet(final);
            QVERIFY(!rep.summary().isEmpty());
            if (rep.verdict != Verdict::Complete)
                QVERIFY2(!rep.reasons.isEmpty(), qPrintable(did.join(u',')));
            const qint64 got = rebuildAndJudge(final);
            QVERIFY2(got == -1 || got > 0,
                     qPrintable(QStringLiteral("%1 → %2 (%3)").arg(did.join(u',')).arg(got).arg(rep.summary())));
            QCOMPARE(got == -1, rep.verdict == Verdict::Unrecoverable || rep.verdict == Verdict::Empty);
        }
    }

    void rebuildNeverReplacesAnotherFile()
    {
        QTemporaryDir d;
        const QString final = copyTemplate(d);
        {
            QFile f(final);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("someone else's file");
        }
        const QByteArray track = readAll(final + QStringLiteral(".track1"));
        auto r = rebuildMp4(final);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::AlreadyExists);
        QCOMPARE(readAll(final), QByteArray("someone else's file"));
        QCOMPARE(readAll(final + QStringLiteral(".track1")), track);

        // Recovery's way: another name, and the sidecars consumed.
        RebuildOptions o;
        o.outputPath = QDir(d.path()).filePath(QStringLiteral("case.recovered.mp4"));
        auto r2 = rebuildMp4(final + QStringLiteral(".info"), o);
        QVERIFY2(r2.ok(), qPrintable(r2.message()));
        QVERIFY(testsupport::ffmpegDecodeErrors(o.outputPath).isEmpty());
        QVERIFY(sidecarFiles(d.path()).isEmpty());
        QCOMPARE(readAll(final), QByteArray("someone else's file"));
    }

    void copyMediaLeavesTheSetUntouched()
    {
        QTemporaryDir d;
        const QString final = copyTemplate(d);
        QVERIFY(truncateFile(final + QStringLiteral(".track1"), kTrackHeaderSize + 20 * kRecordSize + 5));
        const QByteArray mdat = readAll(final + QStringLiteral(".mdat"));
        RebuildOptions o;
        o.copyMedia = true;
        o.outputPath = QDir(d.path()).filePath(QStringLiteral("copy.mp4"));
        auto r = rebuildMp4(final, o);
        QVERIFY2(r.ok(), qPrintable(r.message()));
        QCOMPARE(readAll(final + QStringLiteral(".mdat")), mdat);
        QCOMPARE(sidecarFiles(d.path()).size(), 4);
        QVERIFY(testsupport::ffmpegDecodeErrors(o.outputPath).isEmpty());
        // The same bytes as finishing in place.
        auto r2 = rebuildMp4(final);
        QVERIFY(r2.ok());
        QCOMPARE(readAll(final), readAll(o.outputPath));
    }

    void interruptedFinishCanBeRedone()
    {
        // A finish that wrote its moov (into the room, or after the media)
        // and died before the rename leaves a set that rebuilds to the same bytes.
        QTemporaryDir d;
        const QString pristine = copyTemplate(d, QStringLiteral("a.mp4"));
        const QString crashed = copyTemplate(d, QStringLiteral("b.mp4"));
        RebuildOptions copy;
        copy.copyMedia = true;
        copy.outputPath = QDir(d.path()).filePath(QStringLiteral("moov-source.mp4"));
        QVERIFY(rebuildMp4(crashed, copy).ok());
        const QByteArray done = readAll(copy.outputPath);
        const SidecarReport rep = readSidecarSet(crashed);
        {
            QFile f(crashed + QStringLiteral(".mdat"));
            QVERIFY(f.open(QIODevice::ReadWrite));
            // The finished room (moov + free) and a stray moov after the media.
            QVERIFY(f.seek(qint64(rep.info.reservedOffset)));
            f.write(done.mid(int(rep.info.reservedOffset), int(rep.info.reservedSize)));
            QVERIFY(f.seek(f.size()));
            f.write(done.mid(int(rep.info.reservedOffset), 600));
        }
        QVERIFY(readSidecarSet(crashed).verdict != Verdict::Damaged);
        QVERIFY(rebuildMp4(pristine).ok());
        QVERIFY(rebuildMp4(crashed).ok());
        QCOMPARE(readAll(crashed), readAll(pristine));
    }

    void writeFailurePartway_data()
    {
        QTest::addColumn<int>("percent");
        QTest::addColumn<bool>("diskFull");
        for (int p : {1, 20, 50, 85})
            QTest::newRow(qPrintable(QStringLiteral("after %1%").arg(p))) << p << (p == 50);
    }

    void writeFailurePartway()
    {
        QFETCH(int, percent);
        QFETCH(bool, diskFull);
        const qint64 total = bytesTheRecordingWrites();
        QTemporaryDir d;
        const QString final = QDir(d.path()).filePath(QStringLiteral("faulty.mp4"));
        WriterOptions o;
        o.faults =
            std::make_shared<IoFaultInjector>(total * percent / 100, diskFull ? ErrorCode::DiskFull : ErrorCode::Io);
        auto w = makeMp4Writer();
        QVERIFY(w->open(final, m_media.streams, o).ok());
        const FeedResult fed = feed(m_media, *w);
        QVERIFY(!fed.status.ok());
        QCOMPARE(fed.status.error().code, diskFull ? ErrorCode::DiskFull : ErrorCode::Io);
        QVERIFY2(fed.status.message().contains(QStringLiteral("kept for recovery")), qPrintable(fed.status.message()));
        if (diskFull)
            QVERIFY(fed.status.message().contains(QStringLiteral("disk is full")));
        // Further writes and the finish keep failing: nothing says "saved".
        QVERIFY(!w->write(m_media.packets.back().get()).ok());
        auto done = w->finish();
        QVERIFY(!done.ok());
        QVERIFY(!QFileInfo::exists(final));
        QCOMPARE(sidecarFiles(d.path()).size(), 4);
        // The sidecars rebuild: every packet written before the failure, at
        // most the failing one missing.
        const SidecarReport rep = readSidecarSet(final);
        if (fed.written == 0) {
            // Failed inside the first packet: nothing to rebuild, and it says so.
            QCOMPARE(rep.verdict, Verdict::Empty);
            QVERIFY(rep.summary().contains(QStringLiteral("no complete sample")));
            QCOMPARE(rebuildAndJudge(final), qint64(-1));
            return;
        }
        QVERIFY2(rep.verdict == Verdict::Complete || rep.verdict == Verdict::Partial, qPrintable(rep.summary()));
        QVERIFY2(rep.totalSamples == quint64(fed.written),
                 qPrintable(QStringLiteral("%1 records, %2 written").arg(rep.totalSamples).arg(fed.written)));
        if (fed.written > 0)
            QCOMPARE(rebuildAndJudge(final), qint64(fed.written));
    }

    void writeFailurePartwayWithBackgroundSync_data()
    {
        QTest::addColumn<int>("percent");
        QTest::addColumn<bool>("diskFull");
        for (int p = 1; p < 100; p += 7)
            QTest::newRow(qPrintable(QStringLiteral("after %1%").arg(p))) << p << (p % 2 == 0);
    }

    void writeFailurePartwayWithBackgroundSync()
    {
        // As above, with the fsyncs on their own thread and a sync running
        // almost all the time (1 ms interval): the failing write may be the
        // sync thread's (the records it held back). Whoever hits it, the
        // set on disk stays consistent: whole records, each pointing at its
        // sample, and it rebuilds to a file that decodes without an error.
        QFETCH(int, percent);
        QFETCH(bool, diskFull);
        const qint64 total = bytesTheRecordingWrites();
        QTemporaryDir d;
        const QString final = QDir(d.path()).filePath(QStringLiteral("faulty.mp4"));
        WriterOptions o;
        o.faults =
            std::make_shared<IoFaultInjector>(total * percent / 100, diskFull ? ErrorCode::DiskFull : ErrorCode::Io);
        o.fsyncIntervalMs = 1;
        o.gatherWrites = true;
        o.syncInBackground = true;
        auto w = makeMp4Writer();
        QVERIFY(w->open(final, m_media.streams, o).ok());
        const FeedResult fed = feed(m_media, *w, -1, [&](int) { (void)w->flush(); });
        auto done = w->finish();
        QVERIFY(!done.ok());
        QVERIFY2(done.message().contains(QStringLiteral("kept for recovery")), qPrintable(done.message()));
        QVERIFY(!QFileInfo::exists(final));
        QCOMPARE(sidecarFiles(d.path()).size(), 4);
        w.reset(); // abandons: the sync thread has ended, its held records are written
        const SidecarReport rep = readSidecarSet(final);
        if (rep.totalSamples == 0)
            return; // failed before the first whole sample: nothing to rebuild
        QVERIFY2(rep.verdict == Verdict::Complete || rep.verdict == Verdict::Partial, qPrintable(rep.summary()));
        QVERIFY2(rep.totalSamples <= quint64(fed.written),
                 qPrintable(QStringLiteral("%1 records, %2 written").arg(rep.totalSamples).arg(fed.written)));
        QCOMPARE(rebuildAndJudge(final), qint64(rep.totalSamples));
    }

    void writeFailureDuringFinish()
    {
        qint64 total = 0;
        for (const QString &s : {QStringLiteral(".mdat"), QStringLiteral(".track1"), QStringLiteral(".track2")})
            total += QFileInfo(m_template + s).size();
        QTemporaryDir d;
        const QString final = QDir(d.path()).filePath(QStringLiteral("finish.mp4"));
        WriterOptions o;
        // Enough for the recording (the room is a hole, never written), not for the moov.
        const SidecarReport tpl = readSidecarSet(m_template);
        o.faults = std::make_shared<IoFaultInjector>(total - qint64(tpl.info.reservedSize) + 100);
        auto w = makeMp4Writer();
        QVERIFY(w->open(final, m_media.streams, o).ok());
        const FeedResult fed = feed(m_media, *w);
        QVERIFY2(fed.status.ok(), qPrintable(fed.status.message()));
        auto done = w->finish();
        QVERIFY(!done.ok());
        QVERIFY2(done.message().contains(QStringLiteral("kept for recovery")), qPrintable(done.message()));
        QVERIFY(!QFileInfo::exists(final));
        QCOMPARE(sidecarFiles(d.path()).size(), 4);
        QCOMPARE(rebuildAndJudge(final), qint64(fed.written));
    }
};

QTEST_GUILESS_MAIN(TestMp4Damage)
#include "tst_mp4damage.moc"

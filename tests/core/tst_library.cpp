// The library (core/app/Library.h): names grouped into recordings, state from
// locks and libavformat (never from guesses), the source the writers store,
// thumbnails, and rename / trash refused while a live process owns a file.
#include "core/app/Library.h"
#include "core/io/FileLock.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

const LibraryEntry *findEntry(const std::vector<LibraryEntry> &all, const QString &name)
{
    for (const LibraryEntry &e : all)
        if (e.name == name)
            return &e;
    return nullptr;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

} // namespace

class TestLibrary : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_rec;

    void record(const QStringList &extra)
    {
        const testsupport::ToolResult r = testsupport::runTapedeck(
            QStringList{QStringLiteral("record"), QStringLiteral("demo?realtime=0")} + extra, 180000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        // The trash of this test is its own (QFile::moveToTrash follows XDG).
        qputenv("HOME", m_tmp.filePath(QStringLiteral("home")).toUtf8());
        qputenv("XDG_DATA_HOME", m_tmp.filePath(QStringLiteral("home/.local/share")).toUtf8());
        QDir().mkpath(m_tmp.filePath(QStringLiteral("home/.local/share")));
        m_rec = m_tmp.filePath(QStringLiteral("rec"));
        QVERIFY(QDir().mkpath(m_rec));
        // Three chunks of at least 1 s, one plain TS, one FLV.
        record({QStringLiteral("--type"), QStringLiteral("mp4"), QStringLiteral("--chunk"), QStringLiteral("1"),
                QStringLiteral("--duration"), QStringLiteral("3.5"), QStringLiteral("--out"), m_rec + "/chunked"});
        record({QStringLiteral("--type"), QStringLiteral("ts"), QStringLiteral("--duration"), QStringLiteral("2"),
                QStringLiteral("--out"), m_rec + "/plain"});
        record({QStringLiteral("--type"), QStringLiteral("flv"), QStringLiteral("--duration"), QStringLiteral("2"),
                QStringLiteral("--out"), m_rec + "/flash"});
    }

    void namesFollowTheWritersScheme_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("recording");
        QTest::addColumn<QString>("base");
        QTest::addColumn<int>("part");
        QTest::addColumn<bool>("sidecar");
        QTest::newRow("plain") << "cam_2026-11-30_10-00-00.mp4" << true << "cam_2026-11-30_10-00-00" << 0 << false;
        QTest::newRow("chunk") << "cam_part0007.ts" << true << "cam" << 7 << false;
        QTest::newRow("chunk sidecar") << "cam_part0012.mp4.track2" << true << "cam" << 12 << true;
        QTest::newRow("info") << "x.mp4.info" << true << "x" << 0 << true;
        QTest::newRow("mdat") << "x_part0000.mp4.mdat" << true << "x" << 0 << true;
        QTest::newRow("continuation") << "x_3.flv" << true << "x" << 2 << false;
        QTest::newRow("recovered") << "x.recovered-2.mp4" << true << "x.recovered-2" << 0 << false;
        QTest::newRow("rebuild at work") << "x.recovering.123-ab.mp4" << false << "" << 0 << false;
        QTest::newRow("raw") << "x.mp4.h264" << false << "" << 0 << false;
        QTest::newRow("text") << "notes.txt" << false << "" << 0 << false;
    }

    void namesFollowTheWritersScheme()
    {
        QFETCH(QString, file);
        QFETCH(bool, recording);
        QFETCH(QString, base);
        QFETCH(int, part);
        QFETCH(bool, sidecar);
        const NameParts n = parseRecordingName(file);
        QCOMPARE(n.recording, recording);
        if (!recording)
            return;
        QCOMPARE(n.base, base);
        QCOMPARE(n.part, part);
        QCOMPARE(n.sidecar, sidecar);
    }

    void chunksAreOneRecording()
    {
        ProbeCache cache;
        const auto all = scanLibraryFolder(m_rec, &cache);
        const LibraryEntry *e = findEntry(all, QStringLiteral("chunked"));
        QVERIFY(e);
        QVERIFY2(e->chunks.size() >= 3, qPrintable(e->allFiles().join(u' ')));
        QCOMPARE(e->format, ContainerType::Mp4);
        QCOMPARE(e->state, LibraryState::Finished);
        for (size_t i = 0; i < e->chunks.size(); ++i) {
            QCOMPARE(e->chunks[i].part, int(i));
            QVERIFY(e->chunks[i].path.endsWith(QStringLiteral("_part%1.mp4").arg(i, 4, 10, QLatin1Char('0'))));
        }
        // The duration is the sum of what ffprobe, an independent judge, says of each chunk.
        double judged = 0;
        qint64 bytes = 0;
        for (const LibraryChunk &c : e->chunks) {
            judged += testsupport::ffprobeDuration(c.path);
            bytes += QFileInfo(c.path).size();
        }
        QVERIFY2(qAbs(e->durationMs - judged * 1000) < 200,
                 qPrintable(QStringLiteral("%1 ms vs %2 s").arg(e->durationMs).arg(judged)));
        QCOMPARE(e->sizeBytes, bytes);
        // The MP4 writer stores where it came from (moov/udta), readable by ffprobe too.
        QVERIFY2(e->source.contains(QStringLiteral("demo")), qPrintable(e->source));
        QVERIFY(testsupport::ffprobeJson(e->chunks.front().path).contains("\"comment\""));
        QVERIFY(e->started.isValid());
        QCOMPARE(e->firstPlayable(), e->chunks.front().path);
    }

    void tsAndFlvSayTheirSource()
    {
        const auto all = scanLibraryFolder(m_rec);
        for (const char *name : {"plain", "flash"}) {
            const LibraryEntry *e = findEntry(all, QLatin1String(name));
            QVERIFY2(e, name);
            QCOMPARE(e->chunks.size(), size_t(1));
            QCOMPARE(e->state, LibraryState::Finished);
            QVERIFY2(e->durationMs > 1500 && e->durationMs < 3000, qPrintable(QString::number(e->durationMs)));
        }
        QCOMPARE(findEntry(all, QStringLiteral("plain"))->format, ContainerType::MpegTs);
        QCOMPARE(findEntry(all, QStringLiteral("flash"))->format, ContainerType::Flv);
        // FLV keeps the writer's comment in its onMetaData; FFmpeg's MPEG-TS
        // muxer has no place for it, so a TS recording's source is unknown.
        const QString flvSource = findEntry(all, QStringLiteral("flash"))->source;
        QVERIFY2(flvSource.contains(QStringLiteral("demo")), qPrintable(flvSource));
        QCOMPARE(findEntry(all, QStringLiteral("plain"))->source, QString());
    }

    void continuationsJoinOnlyTheirFirstFile()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("cont"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::copy(m_rec + "/plain.ts", dir + "/cam.ts"));
        QVERIFY(QFile::copy(m_rec + "/plain.ts", dir + "/cam_2.ts"));
        QVERIFY(QFile::copy(m_rec + "/plain.ts", dir + "/lone_2.ts"));
        const auto all = scanLibraryFolder(dir);
        QCOMPARE(all.size(), size_t(2));
        QCOMPARE(findEntry(all, QStringLiteral("cam"))->chunks.size(), size_t(2));
        QVERIFY(findEntry(all, QStringLiteral("lone_2")));
    }

    void damagedUnfinishedAndRecovered()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("states"));
        QVERIFY(QDir().mkpath(dir));
        writeFile(dir + "/broken.mp4", QByteArray(4096, 'x'));
        // A sidecar set nobody holds: a crashed recording.
        writeFile(dir + "/crashed.mp4.info", QByteArray(64, '\0'));
        writeFile(dir + "/crashed.mp4.mdat", QByteArray(64, '\0'));
        QVERIFY(QFile::copy(m_rec + "/plain.ts", dir + "/byname.recovered.ts"));
        QVERIFY(QFile::copy(m_rec + "/plain.ts", dir + "/indexed.ts"));
        RecoveredIndex index(m_tmp.filePath(QStringLiteral("recovered.json")));
        index.add({dir + "/indexed.ts"});
        QVERIFY(QFile::copy(m_rec + "/plain.ts", dir + "/plain.ts"));
        {
            QFile closed(m_rec + "/plain.ts");
            QVERIFY(closed.open(QIODevice::ReadOnly));
            const QByteArray all = closed.readAll();
            writeFile(dir + "/unclosed.ts", all.left(all.size() - 188 * 5)); // whole packets, no end mark
        }

        const auto all = scanLibraryFolder(dir, nullptr, index.load());
        QCOMPARE(findEntry(all, QStringLiteral("broken"))->state, LibraryState::Damaged);
        QVERIFY(!findEntry(all, QStringLiteral("broken"))->problem.isEmpty());
        QCOMPARE(findEntry(all, QStringLiteral("crashed"))->state, LibraryState::Unfinished);
        QCOMPARE(findEntry(all, QStringLiteral("crashed"))->chunks.front().sidecars.size(), 2);
        QCOMPARE(findEntry(all, QStringLiteral("byname.recovered"))->state, LibraryState::Recovered);
        QCOMPARE(findEntry(all, QStringLiteral("indexed"))->state, LibraryState::Recovered);
        QCOMPARE(findEntry(all, QStringLiteral("plain"))->state, LibraryState::Finished);
        // A TS of Tapedeck's without its end mark was never closed (power cut).
        QCOMPARE(findEntry(all, QStringLiteral("unclosed"))->state, LibraryState::Unfinished);
        // An unfinished set is not renamed (the wizard rebuilds it under its own name).
        auto r = renameRecording(*findEntry(all, QStringLiteral("crashed")), QStringLiteral("other"));
        QVERIFY(!r);
        QVERIFY(QFile::exists(dir + "/crashed.mp4.info"));
    }

    void liveFilesAreRecordingAndLeftAlone()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("live"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::copy(m_rec + "/plain.ts", dir + "/cam_part0000.ts"));
        QVERIFY(QFile::copy(m_rec + "/plain.ts", dir + "/cam_part0001.ts"));
        std::optional<FileLock> lock;
        {
            auto l = FileLock::acquire(dir + "/cam_part0001.ts", FileLock::Role::Recording);
            QVERIFY2(l, qPrintable(l.message()));
            lock = std::move(*l);
        }
        auto all = scanLibraryFolder(dir);
        QCOMPARE(all.size(), size_t(1));
        LibraryEntry e = all.front();
        QCOMPARE(e.state, LibraryState::Recording);
        QCOMPARE(e.owner.owner, FileOwner::Recording);
        QCOMPARE(e.chunks.size(), size_t(2));
        QVERIFY(e.chunks[0].durationMs > 0); // the finished chunk is measured
        QCOMPARE(e.chunks[1].durationMs, qint64(-1));
        QCOMPARE(currentOwner(e).owner, FileOwner::Recording);

        auto renamed = renameRecording(e, QStringLiteral("other"));
        QVERIFY(!renamed);
        QCOMPARE(renamed.error().code, ErrorCode::InUse);
        auto trashed = trashRecording(e);
        QVERIFY(!trashed);
        QCOMPARE(trashed.error().code, ErrorCode::InUse);
        QVERIFY(QFile::exists(dir + "/cam_part0000.ts"));
        QVERIFY(QFile::exists(dir + "/cam_part0001.ts"));

        // Once the recording lets go: finished, and it can be renamed and trashed.
        lock.reset();
        all = scanLibraryFolder(dir);
        e = all.front();
        QCOMPARE(e.state, LibraryState::Finished);
        renamed = renameRecording(e, QStringLiteral("evening"));
        QVERIFY2(renamed, qPrintable(renamed.message()));
        QCOMPARE(renamed->size(), 2);
        QVERIFY(QFile::exists(dir + "/evening_part0000.ts"));
        QVERIFY(QFile::exists(dir + "/evening_part0001.ts"));
        QVERIFY(!QFile::exists(dir + "/cam_part0000.ts"));

        // A name that would leave the folder, or one that exists, is refused.
        all = scanLibraryFolder(dir);
        QVERIFY(!renameRecording(all.front(), QStringLiteral("../escape")));
        QVERIFY(QFile::copy(m_rec + "/plain.ts", dir + "/taken_part0001.ts"));
        auto clash = renameRecording(all.front(), QStringLiteral("taken"));
        QVERIFY(!clash);
        QCOMPARE(clash.error().code, ErrorCode::AlreadyExists);
        QVERIFY(QFile::exists(dir + "/evening_part0000.ts")); // nothing half renamed

        const LibraryEntry *evening = findEntry(all, QStringLiteral("evening"));
        QVERIFY(evening);
        auto gone = trashRecording(*evening);
        QVERIFY2(gone, qPrintable(gone.message()));
        QCOMPARE(gone->size(), 2);
        QVERIFY(!QFile::exists(dir + "/evening_part0000.ts"));
        // In the trash, not deleted.
        const QString trash = m_tmp.filePath(QStringLiteral("home/.local/share/Trash/files"));
        QVERIFY2(QFile::exists(trash + "/evening_part0000.ts"), qPrintable(QDir(trash).entryList().join(u' ')));
    }

    void liveMp4SidecarsAreRecording()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("livemp4"));
        QVERIFY(QDir().mkpath(dir));
        writeFile(dir + "/cam_part0001.mp4.info", QByteArray(64, '\0'));
        writeFile(dir + "/cam_part0001.mp4.mdat", QByteArray(64, '\0'));
        QVERIFY(QFile::copy(findEntry(scanLibraryFolder(m_rec), QStringLiteral("chunked"))->chunks.front().path,
                            dir + "/cam_part0000.mp4"));
        auto l = FileLock::acquire(dir + "/cam_part0001.mp4.mdat", FileLock::Role::Recording);
        QVERIFY(l);
        const auto all = scanLibraryFolder(dir);
        QCOMPARE(all.size(), size_t(1));
        QCOMPARE(all.front().state, LibraryState::Recording);
        QCOMPARE(all.front().firstPlayable(), dir + "/cam_part0000.mp4");
        l->release();
        QCOMPARE(scanLibraryFolder(dir).front().state, LibraryState::Unfinished);
    }

    void thumbnailOfTheFirstKeyframe()
    {
        const auto frame = decodeThumbnail(m_rec + "/plain.ts", 96);
        QVERIFY(frame);
        QCOMPARE(frame->width, 96);
        QVERIFY(frame->height > 0);
        QCOMPARE(frame->rgb32.size(), qsizetype(frame->width) * frame->height * 4);
        QVERIFY(!decodeThumbnail(m_tmp.filePath(QStringLiteral("states/broken.mp4"))));
    }

    void probesAreCachedUntilTheFileChanges()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("cache"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::copy(m_rec + "/plain.ts", dir + "/a.ts"));
        ProbeCache cache;
        QVERIFY(cache.probe(dir + "/a.ts").ok);
        writeFile(dir + "/a.ts", QByteArray(1000, 'x')); // another file now
        QVERIFY(!cache.probe(dir + "/a.ts").ok);
    }
};

QTEST_GUILESS_MAIN(TestLibrary)
#include "tst_library.moc"

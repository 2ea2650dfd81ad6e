// Ownership of files on disk (docs/recovery.md, "Ownership"), with real
// processes: a recovery beside a live recording touches nothing and the
// recording finishes whole; a killed recording is recoverable at once; two
// recoveries racing never lose or duplicate a file; a rebuild that does not
// open never consumes its sidecar set; a recording onto a live one is refused.

#include "RecoveryTestUtil.h"

#include "core/app/Settings.h"
#include "core/io/FileLock.h"
#include "core/mp4/Sidecar.h"
#include "core/app/StartupScan.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace rtest;
using namespace tapedeck;

namespace {

constexpr qint64 kTrackHeader = 16;
constexpr qint64 kRecord = 40;

QStringList filesIn(const QString &dir) { return QDir(dir).entryList(QDir::Files, QDir::Name); }

// Name -> bytes of every file in `dir`.
QMap<QString, QByteArray> contents(const QString &dir)
{
    QMap<QString, QByteArray> m;
    for (const QString &f : filesIn(dir))
        m[f] = readAll(QDir(dir).filePath(f));
    return m;
}

bool copyFiles(const QMap<QString, QByteArray> &files, const QString &dir)
{
    if (!QDir().mkpath(dir))
        return false;
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        QFile f(QDir(dir).filePath(it.key()));
        if (!f.open(QIODevice::WriteOnly) || f.write(*it) != it->size())
            return false;
    }
    return true;
}

QStringList resultsOf(const QList<QJsonObject> &lines)
{
    QStringList r;
    for (const QJsonObject &j : lines)
        if (j.value(QStringLiteral("kind")).toString() != QLatin1String("not-a-recording"))
            r << j.value(QStringLiteral("result")).toString();
    return r;
}

const QJsonObject *entryFor(const QList<QJsonObject> &lines, const QString &target)
{
    for (const QJsonObject &j : lines)
        if (j.value(QStringLiteral("target")).toString() == target)
            return &j;
    return nullptr;
}

} // namespace

class TestRecoverOwnership : public QObject {
    Q_OBJECT

    // While `rec` runs: `tapedeck recover DIR` lists `target` as being
    // recorded, exits 0 and rebuilds nothing.
    void checkRecoverLeavesAlone(const QString &dir, const QString &target)
    {
        int rc = -1;
        const auto res = recoverJson({dir}, &rc);
        QCOMPARE(rc, 0);
        const QJsonObject *e = entryFor(res, target);
        QVERIFY2(e, qPrintable(QStringLiteral("no entry for %1 in %2").arg(target, QString::number(res.size()))));
        QCOMPARE(e->value(QStringLiteral("result")).toString(), QStringLiteral("being-recorded"));
        QCOMPARE(e->value(QStringLiteral("owner")).toString(), QStringLiteral("recording"));
        QVERIFY(!resultsOf(res).contains(QStringLiteral("rebuilt")));
        QVERIFY(filesMatching(dir, QStringLiteral("*.recover*")).isEmpty());
        const auto text = testsupport::runTapedeck({QStringLiteral("recover"), dir});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains("being recorded by another process (since "), text.out.constData());
    }

    static QStringList filesMatching(const QString &dir, const QString &pattern)
    {
        return QDir(dir).entryList({pattern}, QDir::Files);
    }

    void checkWholeRecording(const QStringList &files, double seconds)
    {
        double total = 0;
        for (const QString &f : files) {
            const QString errors = testsupport::ffmpegDecodeErrors(f);
            QVERIFY2(errors.isEmpty(), qPrintable(f + QStringLiteral(": ") + errors));
            total += testsupport::ffprobeDuration(f);
        }
        QVERIFY2(std::abs(total - seconds) <= 0.5, qPrintable(QString::number(total)));
    }

private slots:
    void initTestCase()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
    }

    // The case: `record --duration 12` and `recover` 4 s later. The
    // start-up scan sees it too, and does not call it an orphan.
    void liveMp4IsLeftAlone()
    {
        QTemporaryDir tmp;
        const QString live = tmp.filePath(QStringLiteral("live"));
        QVERIFY(QDir().mkpath(live));
        const QString base = live + QStringLiteral("/active");
        testsupport::LiveRecording rec({QStringLiteral("--type"), QStringLiteral("mp4"), QStringLiteral("--duration"),
                                        QStringLiteral("12"), QStringLiteral("--out"), base, QStringLiteral("-q")});
        QVERIFY(rec.start());
        // About 3 s of video indexed.
        QVERIFY(rec.waitForFile(base + QStringLiteral(".mp4.track1"), kTrackHeader + kRecord * 90));

        Settings settings(tmp.filePath(QStringLiteral("settings.ini")));
        settings.setValue(SettingKey::RecordingsFolder, live);
        const recovery::ScanResult startup = recovery::scanRecordingsFolder(settings);
        QVERIFY(startup.orphans.empty());
        QCOMPARE(int(startup.inUse.size()), 1);
        QCOMPARE(startup.inUse[0].owner.owner, FileOwner::Recording);
        QCOMPARE(startup.inUse[0].target, base + QStringLiteral(".mp4"));

        checkRecoverLeavesAlone(live, base + QStringLiteral(".mp4"));
        QVERIFY(QFileInfo::exists(base + QStringLiteral(".mp4.mdat")));
        QVERIFY(QFileInfo::exists(base + QStringLiteral(".mp4.info")));
        QVERIFY(QFileInfo::exists(base + QStringLiteral(".mp4.track1")));

        QCOMPARE(rec.waitFinished(), 0);
        QCOMPARE(filesIn(live), QStringList{QStringLiteral("active.mp4")});
        checkWholeRecording({base + QStringLiteral(".mp4")}, 12);
    }

    // TS and FLV chunks: the open chunk is the live file. A killed FLV has no
    // duration in its header, so it would be "repaired" under the writer.
    void liveChunkedFileIsLeftAlone_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("ts") << QStringLiteral("ts");
        QTest::newRow("flv") << QStringLiteral("flv");
    }

    void liveChunkedFileIsLeftAlone()
    {
        QFETCH(QString, type);
        QTemporaryDir tmp;
        const QString live = tmp.filePath(QStringLiteral("live"));
        QVERIFY(QDir().mkpath(live));
        const QString base = live + QStringLiteral("/active");
        testsupport::LiveRecording rec({QStringLiteral("--type"), type, QStringLiteral("--chunk"), QStringLiteral("4"),
                                        QStringLiteral("--duration"), QStringLiteral("12"), QStringLiteral("--out"),
                                        base, QStringLiteral("-q")});
        QVERIFY(rec.start());
        const QString open = base + QStringLiteral("_part0001.") + type;
        QVERIFY(rec.waitForFile(open, 20000));
        checkRecoverLeavesAlone(live, open);
        QCOMPARE(rec.waitFinished(), 0);
        const QStringList chunks = filesIn(live);
        QVERIFY2(chunks.size() >= 3, qPrintable(chunks.join(QLatin1Char(' '))));
        QStringList paths;
        for (const QString &c : chunks) {
            QVERIFY2(c.startsWith(QStringLiteral("active_part")) && c.endsWith(type), qPrintable(c));
            paths << QDir(live).filePath(c);
        }
        checkWholeRecording(paths, 12);
    }

    // A SIGKILLed recording's locks go with it: recoverable at once.
    void killedRecordingIsRecoverableAtOnce()
    {
        QTemporaryDir tmp;
        const QString base = tmp.filePath(QStringLiteral("rec"));
        testsupport::LiveRecording rec({QStringLiteral("--type"), QStringLiteral("mp4"), QStringLiteral("--duration"),
                                        QStringLiteral("30"), QStringLiteral("--out"), base, QStringLiteral("-q")});
        QVERIFY(rec.start());
        QVERIFY(rec.waitForFile(base + QStringLiteral(".mp4.track1"), kTrackHeader + kRecord * 45));
        int rc = -1;
        auto res = recoverJson({tmp.path()}, &rc);
        QCOMPARE(resultsOf(res), QStringList{QStringLiteral("being-recorded")});
        rec.killHard();
        res = recoverJson({tmp.path()}, &rc);
        QCOMPARE(rc, 0);
        QCOMPARE(resultsOf(res), QStringList{QStringLiteral("rebuilt")});
        QCOMPARE(filesIn(tmp.path()), QStringList{QStringLiteral("rec.mp4")});
        QCOMPARE(testsupport::ffmpegDecodeErrors(base + QStringLiteral(".mp4")), QString());
    }

    // A TS ending in a partial packet while its writer holds it (the lock a
    // recorder takes, held here by the test so the torn tail is certain):
    // never trimmed; once the lock is gone it is repaired.
    void lockedPartialTsIsNeverTrimmed()
    {
        QTemporaryDir tmp;
        const QString ts = tmp.filePath(QStringLiteral("feed.ts"));
        const auto r = testsupport::runTapedeck(
            {QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"), QStringLiteral("ts"),
             QStringLiteral("--duration"), QStringLiteral("3"), QStringLiteral("--out"),
             tmp.filePath(QStringLiteral("feed")), QStringLiteral("-q")});
        QCOMPARE(r.exitCode, 0);
        QFile f(ts);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() - 188 * 3 - 77));
        f.close();
        const QByteArray before = readAll(ts);
        {
            auto lock = FileLock::acquire(ts, FileLock::Role::Recording);
            QVERIFY2(lock, qPrintable(lock.message()));
            int rc = -1;
            const auto res = recoverJson({tmp.path()}, &rc);
            QCOMPARE(rc, 0);
            QCOMPARE(resultsOf(res), QStringList{QStringLiteral("being-recorded")});
            QCOMPARE(readAll(ts), before);
            QCOMPARE(filesIn(tmp.path()), QStringList{QStringLiteral("feed.ts")});
        }
        int rc = -1;
        const auto res = recoverJson({tmp.path()}, &rc);
        QCOMPARE(rc, 0);
        QCOMPARE(resultsOf(res), QStringList{QStringLiteral("rebuilt")});
        QCOMPARE(QFileInfo(ts).size() % 188, 0);
    }

    // A recording's first file is written as NAME.mp4.info.tmp and renamed.
    // It is locked from its first byte (FileLock::createAtomically), so a
    // scan in that instant sees a set being recorded, never an orphan to
    // clear; once its writer is gone, the lone temp file is an empty set.
    void loneInfoTmpOfALiveRecordingIsLeftAlone()
    {
        QTemporaryDir tmp;
        const QString info = tmp.filePath(QStringLiteral("cam.mp4.info"));
        auto lock = FileLock::createAtomically(info, QByteArray("not yet renamed"));
        QVERIFY2(lock, qPrintable(lock.message()));
        QCOMPARE(fileOwner(info).owner, FileOwner::Recording);       // the lock came along through the rename
        QVERIFY(QFile::rename(info, info + QStringLiteral(".tmp"))); // as in the instant before the rename
        QCOMPARE(fileOwner(info + QStringLiteral(".tmp")).owner, FileOwner::Recording);
        int rc = -1;
        const auto res = recoverJson({tmp.path()}, &rc);
        QCOMPARE(rc, 0);
        QCOMPARE(resultsOf(res), QStringList{QStringLiteral("being-recorded")});
        QCOMPARE(filesIn(tmp.path()), QStringList{QStringLiteral("cam.mp4.info.tmp")});
        lock->release();
        const auto after = recoverJson({tmp.path()}, &rc);
        QCOMPARE(rc, 0);
        QCOMPARE(resultsOf(after), QStringList{QStringLiteral("cleared")});
        QCOMPARE(filesIn(tmp.path()), QStringList());
    }

    // A second recording onto a live one is refused with the reason, even
    // with --overwrite, and the live one finishes whole.
    void recordOntoLiveRecordingIsRefused_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("mp4") << QStringLiteral("mp4");
        QTest::newRow("ts") << QStringLiteral("ts");
        QTest::newRow("flv") << QStringLiteral("flv");
    }

    void recordOntoLiveRecordingIsRefused()
    {
        QFETCH(QString, type);
        QTemporaryDir tmp;
        const QString base = tmp.filePath(QStringLiteral("active"));
        // Long enough to outlive two refused starts on a loaded machine.
        testsupport::LiveRecording rec({QStringLiteral("--type"), type, QStringLiteral("--duration"),
                                        QStringLiteral("15"), QStringLiteral("--out"), base, QStringLiteral("-q")});
        QVERIFY(rec.start());
        const QString watch = type == QLatin1String("mp4") ? base + QStringLiteral(".mp4.track1") : base + u'.' + type;
        QVERIFY(rec.waitForFile(watch, 4000));
        for (const QStringList &extra : {QStringList{}, QStringList{QStringLiteral("--overwrite")}}) {
            const auto second = testsupport::runTapedeck(
                QStringList{QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"), type,
                            QStringLiteral("--duration"), QStringLiteral("2"), QStringLiteral("--out"), base,
                            QStringLiteral("-q")}
                + extra);
            QVERIFY2(rec.running(), "the live recording ended before the second start was tried");
            QCOMPARE(second.exitCode, 4);
            QVERIFY2(second.err.contains("is being recorded by another process"), second.err.constData());
        }
        QCOMPARE(rec.waitFinished(), 0);
        checkWholeRecording({base + u'.' + type}, 15);
    }

    // Two `tapedeck recover` started together, many times: never a lost
    // file, never a duplicate, both exit 0.
    void racingRecoveries_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("outKeep");
        QTest::addColumn<int>("rounds");
        // The issue measured a loss in about 1 of 20 TS rounds and 2 of 27
        // FLV rounds before the fix; the sidecar cases failed nearly always.
        QTest::newRow("ts-cut-mid-packet") << QStringLiteral("ts") << false << 40;
        QTest::newRow("flv-without-duration") << QStringLiteral("flv") << false << 40;
        QTest::newRow("sidecar-set") << QStringLiteral("mp4") << false << 20;
        QTest::newRow("sidecar-set-out-keep") << QStringLiteral("mp4") << true << 20;
        QTest::newRow("ts-out-keep") << QStringLiteral("ts") << true << 20;
    }

    void racingRecoveries()
    {
        QFETCH(QString, kind);
        QFETCH(bool, outKeep);
        QFETCH(int, rounds);
        QTemporaryDir tmp;
        const QString made = tmp.filePath(QStringLiteral("made"));
        QVERIFY(QDir().mkpath(made));
        const QString base = made + QStringLiteral("/r1");
        if (kind == QLatin1String("ts")) {
            const auto r =
                testsupport::runTapedeck({QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"),
                                          QStringLiteral("ts"), QStringLiteral("--duration"), QStringLiteral("2"),
                                          QStringLiteral("--out"), base, QStringLiteral("-q")});
            QCOMPARE(r.exitCode, 0);
            QFile f(base + QStringLiteral(".ts"));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.resize(f.size() - 188 * 2 - 77));
        } else if (kind == QLatin1String("flv")) {
            QVERIFY(recordAndKill(
                {QStringLiteral("--type"), QStringLiteral("flv"), QStringLiteral("--out"), base, QStringLiteral("-q")},
                base + QStringLiteral(".flv"), 60000));
        } else {
            QVERIFY(recordAndKill(
                {QStringLiteral("--type"), QStringLiteral("mp4"), QStringLiteral("--out"), base, QStringLiteral("-q")},
                base + QStringLiteral(".mp4.track1"), kTrackHeader + kRecord * 45));
        }
        const QMap<QString, QByteArray> originals = contents(made);
        const QStringList extra = outKeep ? QStringList{QStringLiteral("--keep")} : QStringList{};

        // What one run alone gives.
        const QString solo = tmp.filePath(QStringLiteral("solo"));
        QVERIFY(copyFiles(originals, solo));
        int rc = -1;
        QStringList args = extra;
        if (outKeep)
            args << QStringLiteral("--out") << tmp.filePath(QStringLiteral("solo-out"));
        const auto soloRes = recoverJson(args + QStringList{solo}, &rc);
        QCOMPARE(rc, 0);
        QCOMPARE(resultsOf(soloRes), QStringList{QStringLiteral("rebuilt")});
        const QString soloOutDir = outKeep ? tmp.filePath(QStringLiteral("solo-out")) : solo;
        const QMap<QString, QByteArray> expected = contents(soloOutDir);
        QCOMPARE(expected.size(), 1);
        const QString result = QDir(soloOutDir).filePath(expected.firstKey());
        QCOMPARE(testsupport::ffmpegDecodeErrors(result), QString());

        if (qEnvironmentVariableIsSet("TAPEDECK_RACE_ROUNDS"))
            rounds = qEnvironmentVariableIntValue("TAPEDECK_RACE_ROUNDS");
        int skippedOrDone = 0;
        for (int round = 0; round < rounds; ++round) {
            const QString dir = tmp.filePath(QStringLiteral("round%1").arg(round));
            const QString outDir = dir + QStringLiteral("-out");
            QVERIFY(copyFiles(originals, dir));
            QStringList a = QStringList{QStringLiteral("recover"), QStringLiteral("--json")} + extra;
            if (outKeep)
                a << QStringLiteral("--out") << outDir;
            a << dir;
            QProcess p1, p2;
            p1.start(testsupport::tapedeckBinary(), a);
            p2.start(testsupport::tapedeckBinary(), a);
            QVERIFY(p1.waitForFinished(120000) && p2.waitForFinished(120000));
            QStringList results;
            for (QProcess *p : {&p1, &p2}) {
                const QByteArray out = p->readAllStandardOutput();
                QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0,
                         qPrintable(QStringLiteral("round %1: exit %2\n%3\n%4")
                                        .arg(round)
                                        .arg(p->exitCode())
                                        .arg(QString::fromUtf8(out), QString::fromUtf8(p->readAllStandardError()))));
                QList<QJsonObject> lines;
                for (const QByteArray &line : out.split('\n'))
                    if (!line.trimmed().isEmpty())
                        lines << QJsonDocument::fromJson(line).object();
                results << resultsOf(lines); // the other run's temporary file is "not a recording"
            }
            QVERIFY2(results.contains(QStringLiteral("rebuilt")), qPrintable(results.join(QLatin1Char(' '))));
            for (const QString &r : results)
                QVERIFY2(r == QLatin1String("rebuilt") || r == QLatin1String("already-done")
                             || r == QLatin1String("being-recovered"),
                         qPrintable(QStringLiteral("round %1: %2").arg(round).arg(results.join(QLatin1Char(' ')))));
            skippedOrDone +=
                int(results.count(QStringLiteral("already-done")) + results.count(QStringLiteral("being-recovered")));
            // Exactly the one result, byte for byte what a single run gives;
            // with --keep the originals stay as they were.
            QCOMPARE(contents(outKeep ? outDir : dir), expected);
            if (outKeep)
                QCOMPARE(contents(dir), originals);
        }
        qInfo("%d rounds; %d run(s) found the work done or in hand", rounds, skippedOrDone);
    }

    // A video sample entry damaged behind a valid CRC: the rebuilt file does
    // not open. Nothing is renamed or deleted, a second run does not call it
    // complete, and a file left by an older version in that state (the
    // .mdat renamed, the index files beside it) is not "complete" either.
    void damagedSampleEntryNeverConsumesTheSet()
    {
        QTemporaryDir tmp;
        const QString base = tmp.filePath(QStringLiteral("rec"));
        QVERIFY(recordAndKill(
            {QStringLiteral("--type"), QStringLiteral("mp4"), QStringLiteral("--out"), base, QStringLiteral("-q")},
            base + QStringLiteral(".mp4.track2"), kTrackHeader + kRecord * 45));
        const QString infoPath = base + QStringLiteral(".mp4.info");
        auto info = mp4::decodeInfo(readAll(infoPath));
        QVERIFY2(info, qPrintable(info.message()));
        bool damaged = false;
        for (mp4::SidecarTrack &t : info->tracks) {
            if (t.kind != mp4::TrackKind::Video)
                continue;
            // The avcC inside the sample entry claims 4 bytes, less than a box
            // header: the sidecar reader (sizes of the entry itself) and the
            // CRC (recomputed) pass it, libavformat refuses the file.
            const int avcc = t.sampleEntry.indexOf("avcC");
            QVERIFY(avcc >= 4);
            t.sampleEntry.replace(avcc - 4, 4, QByteArray("\x00\x00\x00\x04", 4));
            damaged = true;
        }
        QVERIFY(damaged);
        {
            QFile f(infoPath);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(mp4::encodeInfo(*info));
        }
        const QStringList set = filesIn(tmp.path());
        QMap<QString, QByteArray> indexFiles = contents(tmp.path());
        indexFiles.remove(QStringLiteral("rec.mp4.mdat")); // finished in place, then checked

        for (int run = 0; run < 2; ++run) {
            int rc = -1;
            const auto res = recoverJson({tmp.path()}, &rc);
            QCOMPARE(rc, 1);
            QCOMPARE(resultsOf(res), QStringList{QStringLiteral("failed")});
            QVERIFY(res[0][QStringLiteral("error")].toString().contains(QStringLiteral("does not")));
            QCOMPARE(filesIn(tmp.path()), set); // nothing renamed, nothing deleted
            for (auto it = indexFiles.cbegin(); it != indexFiles.cend(); ++it)
                QCOMPARE(readAll(tmp.filePath(it.key())), *it);
        }

        // An older version renamed the .mdat before it checked the result.
        QVERIFY(QFile::rename(base + QStringLiteral(".mp4.mdat"), base + QStringLiteral(".mp4")));
        int rc = -1;
        const auto res = recoverJson({tmp.path()}, &rc);
        QCOMPARE(rc, 1);
        const QJsonObject *e = entryFor(res, base + QStringLiteral(".mp4"));
        QVERIFY(e);
        QVERIFY(e->value(QStringLiteral("result")).toString() != QLatin1String("rebuilt"));
        QVERIFY(e->value(QStringLiteral("verdict")).toString() != QLatin1String("complete"));
        for (auto it = indexFiles.cbegin(); it != indexFiles.cend(); ++it)
            QCOMPARE(readAll(tmp.filePath(it.key())), *it);
    }
};

int main(int argc, char **argv)
{
    // Forty rounds of two processes take minutes on a loaded machine: more
    // than Qt Test's default five per function (ctest's TIMEOUT still bounds it).
    if (!qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "1500000");
    QCoreApplication app(argc, argv);
    TestRecoverOwnership test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_recover_ownership.moc"

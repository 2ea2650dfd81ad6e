// SIGKILL of a real `tapedeck record --type mp4` process at several points:
// the sidecars are there, and rebuilding them gives a file that decodes with
// zero errors and holds every indexed packet; at most the packet in flight is
// lost.

#include "Mp4TestUtil.h"
#include "TestSupport.h"

#include "core/mp4/Rebuild.h"
#include "core/mp4/Sidecar.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>
#include <sys/types.h>

using namespace tapedeck;
using namespace tapedeck::mp4;
using namespace mp4test;

namespace {

qint64 recordsIn(const QString &trackPath)
{
    const qint64 size = QFileInfo(trackPath).size();
    return size < kTrackHeaderSize ? 0 : (size - kTrackHeaderSize) / kRecordSize;
}

// Polls `ready` every millisecond until it holds or `timeoutMs` pass.
template<class F> bool waitFor(F ready, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (ready())
            return true;
        QThread::usleep(1000);
    }
    return ready();
}

} // namespace

class TestMp4Kill : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QProcess> startRecorder(const QString &source, const QString &out, const QStringList &extra)
    {
        auto p = std::make_unique<QProcess>();
        p->setProgram(testsupport::tapedeckBinary());
        p->setArguments(QStringList{QStringLiteral("record"), source, QStringLiteral("--type"), QStringLiteral("mp4"),
                                    QStringLiteral("--out"), out, QStringLiteral("--duration"), QStringLiteral("60")}
                        + extra);
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p->start();
        return p;
    }

    static void killNow(QProcess &p)
    {
        QVERIFY(p.processId() > 0);
        QCOMPARE(::kill(pid_t(p.processId()), SIGKILL), 0);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
    }

    // Judges every part in `dir`: finished parts decode; sidecar sets rebuild
    // into files that decode and hold every indexed packet. Returns the number
    // of sidecar sets rebuilt.
    static int judgeDirectory(const QString &dir, bool allowEmptyOpenSet)
    {
        QStringList finals;
        for (const QString &name : QDir(dir).entryList(QDir::Files)) {
            const QString final = finalPathForSidecar(name);
            if (final.endsWith(QLatin1String(".mp4")) && !finals.contains(final))
                finals << final;
        }
        int rebuilt = 0;
        for (const QString &name : finals) {
            const QString final = QDir(dir).filePath(name);
            const SidecarSet set = sidecarPaths(final);
            if (!QFileInfo::exists(set.dataPath)) {
                // Finished before the kill (leftover .info/.trackN can only
                // mean the kill fell between the rename and their deletion).
                if (!QFileInfo::exists(final)) {
                    // Killed while the set was being created (.info is
                    // written first): no sample can exist without .mdat.
                    if (allowEmptyOpenSet) {
                        qInfo("%s: %s", qPrintable(name), qPrintable(readSidecarSet(final).summary()));
                        continue;
                    }
                    qWarning("%s: neither the final file nor its data file exists", qPrintable(name));
                    return -1;
                }
                const QString errors = testsupport::ffmpegDecodeErrors(final);
                if (!errors.isEmpty()) {
                    qWarning("%s: %s", qPrintable(name), qPrintable(errors));
                    return -1;
                }
                const QStringList boxes = topLevelBoxes(final);
                if (boxes.indexOf(QStringLiteral("moov")) > boxes.indexOf(QStringLiteral("mdat"))) {
                    qWarning("%s: moov after mdat", qPrintable(name));
                    return -1;
                }
                continue;
            }
            const SidecarReport rep = readSidecarSet(final);
            qInfo("%s: %s", qPrintable(name), qPrintable(rep.summary()));
            if (rep.verdict == Verdict::Empty && allowEmptyOpenSet && rep.totalSamples == 0
                && rep.summary().contains(QStringLiteral("no complete sample"))) {
                continue; // killed between creating the set and its first sample
            }
            if (rep.verdict != Verdict::Complete && rep.verdict != Verdict::Partial) {
                qWarning("%s: verdict %s", qPrintable(name), qPrintable(rep.summary()));
                return -1;
            }
            for (const TrackReadResult &t : rep.tracks) {
                // A kill (not a power cut): every record reached the file except
                // possibly a torn one, so nothing indexed is dropped.
                if (t.droppedRecords != 0 || t.tailBytes >= quint64(kRecordSize)) {
                    qWarning("%s track %u: %llu dropped, %llu tail bytes", qPrintable(name), t.number, t.droppedRecords,
                             t.tailBytes);
                    return -1;
                }
            }
            // Media after the last record: at most the packet in flight.
            if (rep.dataFileSize - rep.dataEnd > 512 * 1024) {
                qWarning("%s: %llu unindexed bytes", qPrintable(name), rep.dataFileSize - rep.dataEnd);
                return -1;
            }
            auto r = rebuildMp4(final);
            if (!r.ok()) {
                qWarning("%s: %s", qPrintable(name), qPrintable(r.message()));
                return -1;
            }
            const QString errors = testsupport::ffmpegDecodeErrors(final);
            QString gst;
            if (!errors.isEmpty() || !testsupport::gstreamerDecodes(final, &gst)) {
                qWarning("%s: decode errors: %s %s", qPrintable(name), qPrintable(errors), qPrintable(gst));
                return -1;
            }
            qint64 packets = 0;
            for (const auto &[s, n] : testsupport::ffprobePacketCounts(final))
                packets += n;
            if (quint64(packets) != rep.totalSamples) {
                qWarning("%s: %lld packets, %llu records", qPrintable(name), packets, rep.totalSamples);
                return -1;
            }
            if (!sidecarFiles(dir).filter(name).isEmpty()) {
                qWarning("%s: sidecars remain after the rebuild", qPrintable(name));
                return -1;
            }
            ++rebuilt;
        }
        return rebuilt;
    }

private slots:
    void initTestCase()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        TAPEDECK_REQUIRE_TOOL("gst-launch-1.0");
        QVERIFY(QFileInfo::exists(testsupport::tapedeckBinary()));
    }

    void killDuringTheFirstSecond_data()
    {
        QTest::addColumn<QString>("source");
        QTest::newRow("h264+aac B-frames") << QStringLiteral("demo?bframes=2");
        QTest::newRow("hevc+opus") << QStringLiteral("demo?video=hevc&audio=opus");
        QTest::newRow("audio only") << QStringLiteral("demo?video=none");
    }

    void killDuringTheFirstSecond()
    {
        QFETCH(QString, source);
        QTemporaryDir dir;
        const QString base = QDir(dir.path()).filePath(QStringLiteral("rec"));
        auto p = startRecorder(source, base, {});
        QVERIFY(p->waitForStarted(10000));
        QVERIFY2(waitFor([&] { return recordsIn(base + QStringLiteral(".mp4.track1")) >= 1; }, 30000),
                 "no sample was indexed");
        // 0.4 s after the first sample was indexed: inside the first second.
        QThread::msleep(400);
        killNow(*p);
        QVERIFY(!QFileInfo::exists(base + QStringLiteral(".mp4")));
        QVERIFY(QFileInfo::exists(base + QStringLiteral(".mp4.info")));
        QVERIFY(QFileInfo::exists(base + QStringLiteral(".mp4.mdat")));
        QCOMPARE(judgeDirectory(dir.path(), false), 1);
    }

    void killMidChunk()
    {
        QTemporaryDir dir;
        const QString base = QDir(dir.path()).filePath(QStringLiteral("rec"));
        auto p =
            startRecorder(QStringLiteral("demo?bframes=2"), base, {QStringLiteral("--chunk"), QStringLiteral("2")});
        QVERIFY(p->waitForStarted(10000));
        // About 0.7 s into the second chunk.
        QVERIFY2(waitFor([&] { return recordsIn(base + QStringLiteral("_part0001.mp4.track1")) >= 20; }, 60000),
                 "the second chunk did not start");
        killNow(*p);
        QVERIFY(QFileInfo::exists(base + QStringLiteral("_part0000.mp4")));
        QCOMPARE(judgeDirectory(dir.path(), false), 1);
    }

    void killAtChunkBoundary_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("trigger");
        QTest::newRow("new set appears") << QStringLiteral("demo?bframes=2") << QStringLiteral(".info");
        QTest::newRow("first sample of the new chunk")
            << QStringLiteral("demo?video=hevc&audio=opus") << QStringLiteral(".track1");
    }

    void killAtChunkBoundary()
    {
        QFETCH(QString, source);
        QFETCH(QString, trigger);
        QTemporaryDir dir;
        const QString base = QDir(dir.path()).filePath(QStringLiteral("rec"));
        auto p = startRecorder(source, base, {QStringLiteral("--chunk"), QStringLiteral("2")});
        QVERIFY(p->waitForStarted(10000));
        const QString watched = base + QStringLiteral("_part0001.mp4") + trigger;
        QVERIFY2(
            waitFor([&] { return trigger == u".info" ? QFileInfo::exists(watched) : recordsIn(watched) >= 1; }, 60000),
            "the second chunk did not start");
        killNow(*p);
        // The closing chunk is either finished or still a sidecar set; both
        // must give a playable file. The new chunk may hold no sample yet.
        const int rebuilt = judgeDirectory(dir.path(), true);
        QVERIFY2(rebuilt >= 0, "a part failed; see the warnings above");
        QVERIFY(QFileInfo::exists(base + QStringLiteral("_part0000.mp4")));
    }
};

QTEST_GUILESS_MAIN(TestMp4Kill)
#include "tst_mp4kill.moc"

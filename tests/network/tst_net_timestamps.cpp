// Timestamps come out monotonic whatever comes in: the 33-bit MPEG-TS wrap
// (live and from a file), backward and forward jumps, missing and negative
// timestamps; and a mid-stream resolution change starts a new MP4 chunk at
// the next keyframe while TS and FLV continue. Outputs never claim more time
// than was recorded.
#include "NetTest.h"

#include <QElapsedTimer>
#include <QFile>

using namespace nettest;

namespace {

// ffmpeg -f lavfi test pattern (+ tone) for `seconds` s with extra args → path.
bool makeMedia(const QString &path, int seconds, const QStringList &extra, QString *err,
               const QString &size = QStringLiteral("320x240"), bool audio = true)
{
    QStringList args = {
        QStringLiteral("-nostdin"), QStringLiteral("-v"),
        QStringLiteral("error"),    QStringLiteral("-y"),
        QStringLiteral("-f"),       QStringLiteral("lavfi"),
        QStringLiteral("-i"),       QStringLiteral("testsrc2=size=%1:rate=30:duration=%2").arg(size).arg(seconds)};
    if (audio)
        args += {QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                 QStringLiteral("sine=frequency=440:sample_rate=48000:duration=%1").arg(seconds)};
    args += {QStringLiteral("-c:v"), QStringLiteral("libx264"),  QStringLiteral("-g"),
             QStringLiteral("30"),   QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p")};
    if (audio)
        args += {QStringLiteral("-c:a"), QStringLiteral("aac")};
    args += extra;
    args << path;
    const auto r = testsupport::runTool(QStringLiteral("ffmpeg"), args, 60000);
    if (r.exitCode != 0 && err)
        *err = QString::fromUtf8(r.err);
    return r.exitCode == 0;
}

bool concatFiles(const QStringList &parts, const QString &out)
{
    QFile o(out);
    if (!o.open(QIODevice::WriteOnly))
        return false;
    for (const QString &p : parts) {
        QFile f(p);
        if (!f.open(QIODevice::ReadOnly) || o.write(f.readAll()) < 0)
            return false;
    }
    return true;
}

// Records a local file to `format` (as fast as possible) and judges it.
void recordFile(const QString &src, const QString &format, const QString &outBase, const CheckOptions &opt,
                std::vector<MediaReport> *reports, QStringList *files = nullptr, QStringList *notes = nullptr)
{
    tapedeck::RecordParams p;
    p.source = src;
    p.type = containerOf(format);
    p.outBase = outBase;
    Recorder rec(p);
    const tapedeck::Status st = rec.start();
    QVERIFY2(st.ok(), qPrintable(st.message()));
    QVERIFY2(rec.waitEnded(60000), qPrintable(describe(rec)));
    QVERIFY2(rec.session().state() == tapedeck::RecordState::Finished, qPrintable(describe(rec)));
    if (files)
        *files = rec.files();
    if (notes)
        *notes = rec.session().notes();
    judgeFiles(rec.files(), opt, reports);
}

} // namespace

class TstNetTimestamps : public QObject {
    Q_OBJECT
private slots:
    // A live MPEG-TS whose PTS starts ~4 s before 2^33 ticks and wraps.
    void tsWrapLive_data() { addFormatRows(); }
    void tsWrapLive()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const quint16 port = testsupport::freeUdpPort();
        QTemporaryDir dir;
        Recorder rec(liveParams(QStringLiteral("udp://127.0.0.1:%1").arg(port), containerOf(format),
                                dir.filePath(QStringLiteral("rec"))));
        QElapsedTimer wall;
        wall.start();
        const tapedeck::Status st = rec.start();
        QVERIFY2(st.ok(), qPrintable(st.message()));
        Pusher pusher; // 2^33 / 90 kHz = 95443.7 s; the muxer adds ~1.4 s of delay
        QVERIFY(pusher.start(QStringLiteral("udp://127.0.0.1:%1?pkt_size=1316").arg(port), QStringLiteral("mpegts"), 60,
                             {QStringLiteral("-output_ts_offset"), QStringLiteral("95440")}));
        QVERIFY2(rec.waitPackets(8 * 77, 40000), qPrintable(describe(rec) + pusher.stderrText()));
        QVERIFY(rec.stopAndWait(10000) >= 0);
        const double wallSec = wall.elapsed() / 1000.0;
        std::vector<MediaReport> reports;
        judgeFiles(rec.files(), CheckOptions{true, true, wallSec + 1, true}, &reports);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(reports.size(), size_t(1));
        QVERIFY2(reports[0].videoSpanSec >= 6.0, qPrintable(QString::number(reports[0].videoSpanSec)));
    }

    void tsWrapFile_data() { addFormatRows(); }
    void tsWrapFile()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("wrap.ts"));
        QString err;
        QVERIFY2(makeMedia(src, 6, {QStringLiteral("-output_ts_offset"), QStringLiteral("95440")}, &err),
                 qPrintable(err));
        std::vector<MediaReport> reports;
        recordFile(src, format, dir.filePath(QStringLiteral("rec")), CheckOptions{true, true, 7.5, true}, &reports);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(totalVideo(reports), 180);
    }

    // 2 s at t=100 s, 2 s at t=10 s (backward), 2 s at t=5000 s (forward).
    void jumps_data() { addFormatRows(); }
    void jumps()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        QTemporaryDir dir;
        QStringList parts;
        QString err;
        for (const char *offset : {"100", "10", "5000"}) {
            const QString part = dir.filePath(QStringLiteral("part%1.ts").arg(QString::fromLatin1(offset)));
            QVERIFY2(makeMedia(part, 2, {QStringLiteral("-output_ts_offset"), QString::fromLatin1(offset)}, &err),
                     qPrintable(err));
            parts << part;
        }
        const QString src = dir.filePath(QStringLiteral("jumps.ts"));
        QVERIFY(concatFiles(parts, src));
        std::vector<MediaReport> reports;
        recordFile(src, format, dir.filePath(QStringLiteral("rec")), CheckOptions{true, true, 7.5, true}, &reports);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(totalVideo(reports), 180);
    }

    // Raw Annex B H.264 carries no timestamps at all.
    void missingTimestamps_data() { addFormatRows(); }
    void missingTimestamps()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("raw.h264"));
        QString err;
        QVERIFY2(
            makeMedia(src, 2, {QStringLiteral("-bf"), QStringLiteral("0")}, &err, QStringLiteral("320x240"), false),
            qPrintable(err));
        std::vector<MediaReport> reports;
        // Whatever rate is assumed (the raw demuxer says 25 fps), 60 frames are a few seconds.
        recordFile(src, format, dir.filePath(QStringLiteral("rec")), CheckOptions{false, true, 4, true}, &reports);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(totalVideo(reports), 60);
    }

    // MP4 with B-frames and AAC priming: the first dts are negative.
    void negativeTimestamps_data() { addFormatRows(); }
    void negativeTimestamps()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("bframes.mp4"));
        QString err;
        QVERIFY2(makeMedia(src, 2, {QStringLiteral("-bf"), QStringLiteral("2")}, &err), qPrintable(err));
        const auto packets = probePackets(src);
        QVERIFY2(!packets.empty() && packets.front().dts < 0, "the input does not start with a negative dts");
        std::vector<MediaReport> reports;
        recordFile(src, format, dir.filePath(QStringLiteral("rec")), CheckOptions{true, true, 3, true}, &reports);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(totalVideo(reports), 60);
    }

    // 3 s at 320x240 then 3 s at 640x480 in one MPEG-TS stream.
    void resolutionChange_data() { addFormatRows(); }
    void resolutionChange()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.ts")), b = dir.filePath(QStringLiteral("b.ts"));
        QString err;
        QVERIFY2(makeMedia(a, 3, {}, &err, QStringLiteral("320x240")), qPrintable(err));
        QVERIFY2(makeMedia(b, 3, {}, &err, QStringLiteral("640x480")), qPrintable(err));
        const QString src = dir.filePath(QStringLiteral("res.ts"));
        QVERIFY(concatFiles({a, b}, src));
        std::vector<MediaReport> reports;
        QStringList files, notes;
        recordFile(src, format, dir.filePath(QStringLiteral("rec")), CheckOptions{true, true, 7.5, true}, &reports,
                   &files, &notes);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(totalVideo(reports), 180);
        if (format == u"mp4") {
            // A new file at the first keyframe of the new resolution, named
            // as docs/network.md says (the library groups rec_2 with rec),
            // and a note that says why.
            QCOMPARE(reports.size(), size_t(2));
            QCOMPARE(QFileInfo(files.value(0)).fileName(), QStringLiteral("rec.mp4"));
            QCOMPARE(QFileInfo(files.value(1)).fileName(), QStringLiteral("rec_2.mp4"));
            const QStringList why = notes.filter(QStringLiteral("a new file was started"));
            QVERIFY2(why.size() == 1 && why.first().contains(QStringLiteral("320x240"))
                         && why.first().contains(QStringLiteral("640x480")),
                     qPrintable(notes.join(u'\n')));
            QCOMPARE(reports[0].width, 320);
            QCOMPARE(reports[1].width, 640);
            QCOMPARE(reports[0].videoPackets, 90);
            QVERIFY(reports[1].firstVideoIsKey);
        } else {
            QCOMPARE(reports.size(), size_t(1)); // TS and FLV continue in the same file
        }
    }
};

QTEST_GUILESS_MAIN(TstNetTimestamps)
#include "tst_net_timestamps.moc"

// A record armed before its stream exists, against a real nginx-rtmp server
// on 127.0.0.1 and a real ffmpeg publisher that starts seconds later: the
// recording starts with the publisher's first keyframe.

#include "TestSupport.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

class TestPendingRtmp : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TAPEDECK_REQUIRE_TOOL("nginx");
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        TAPEDECK_REQUIRE_TOOL("gst-launch-1.0");
    }

    void armedRecordCapturesFirstKeyframe_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("ts") << "ts";
        QTest::newRow("flv") << "flv";
    }
    void armedRecordCapturesFirstKeyframe()
    {
        QFETCH(QString, type);
        NginxRtmp nginx;
        TAPEDECK_START_PEER(nginx);
        QTemporaryDir dir;
        const QString url = nginx.url(QStringLiteral("pending_") + type);
        QProcess rec;
        rec.start(tapedeckBinary(),
                  {QStringLiteral("record"), url, QStringLiteral("--type"), type, QStringLiteral("--wait"),
                   QStringLiteral("--stall-timeout"), QStringLiteral("3"), QStringLiteral("--no-reconnect"),
                   QStringLiteral("--out"), dir.path() + QStringLiteral("/rec")});
        QVERIFY(rec.waitForStarted(5000));
        QTest::qWait(3000); // armed, nothing published yet
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());

        const double published = 6.0;
        FfmpegPublisher pub(url, QStringLiteral("flv"), published);
        QVERIFY(pub.start());
        QVERIFY(pub.waitFinished(30000));
        QCOMPARE(pub.process()->exitCode(), 0);
        // The source ends; the record ends by itself (no reconnect asked).
        if (!rec.waitForFinished(20000)) {
            rec.terminate();
            QVERIFY(rec.waitForFinished(5000));
        }
        QVERIFY2(rec.exitCode() == 0, rec.readAllStandardError().constData());

        const QString file = dir.path() + QStringLiteral("/rec.") + type;
        QVERIFY(QFile::exists(file));
        QCOMPARE(ffmpegDecodeErrors(file), QString());
        QVERIFY(gstreamerDecodes(file));
        // Every frame the publisher sent is there: 6 s at 30 fps, from frame 0.
        const auto frames = ffprobeFrameCounts(file);
        QVERIFY2(frames.at(0) >= int(published * 30) - 2,
                 qPrintable(QStringLiteral("video frames: %1").arg(frames.at(0))));
        // The first packet written is a keyframe.
        const ToolResult r = runTool(QStringLiteral("ffprobe"),
                                     {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"),
                                      QStringLiteral("v:0"), QStringLiteral("-show_entries"),
                                      QStringLiteral("packet=flags"), QStringLiteral("-read_intervals"),
                                      QStringLiteral("%+#1"), QStringLiteral("-of"), QStringLiteral("csv=p=0"), file});
        QVERIFY2(r.out.trimmed().startsWith("K"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestPendingRtmp)
#include "tst_pending_rtmp.moc"

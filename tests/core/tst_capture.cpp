// Cameras and microphones: the capture path (libavdevice input → decode →
// H.264/AAC encode → any container). libavdevice's lavfi input, paced in real
// time, delivers raw frames exactly as a v4l2 camera and an ALSA microphone
// do, so this runs on machines without devices (CI). A real camera is tried
// only when /dev/video0 exists.

#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

namespace {
const QString kCamera = QStringLiteral("lavfi:testsrc2=size=320x240:rate=30,realtime");
const QString kMicrophone = QStringLiteral("lavfi:sine=frequency=440:sample_rate=44100,arealtime");
} // namespace

class TestCapture : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        TAPEDECK_REQUIRE_TOOL("gst-launch-1.0");
    }

    void cameraAndMicrophone_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("mp4") << "mp4";
        QTest::newRow("ts") << "ts";
        QTest::newRow("flv") << "flv";
    }
    void cameraAndMicrophone()
    {
        QFETCH(QString, type);
        QTemporaryDir dir;
        const ToolResult r =
            runTapedeck({QStringLiteral("record"), kCamera + u'+' + kMicrophone, QStringLiteral("--type"), type,
                         QStringLiteral("--duration"), QStringLiteral("3"), QStringLiteral("-q"),
                         QStringLiteral("--out"), dir.path() + QStringLiteral("/cam")},
                        60000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString file = dir.path() + QStringLiteral("/cam.") + type;
        QCOMPARE(ffmpegDecodeErrors(file), QString());
        QString gst;
        QVERIFY2(gstreamerDecodes(file, &gst), qPrintable(gst));
        const auto frames = ffprobeFrameCounts(file);
        QCOMPARE(int(frames.size()), 2);
        // About 3 s of 30 fps pictures and 48 kHz AAC (1024 samples a frame).
        QVERIFY2(frames.at(0) >= 80 && frames.at(0) <= 100, qPrintable(QString::number(frames.at(0))));
        QVERIFY2(frames.at(1) >= 120 && frames.at(1) <= 160, qPrintable(QString::number(frames.at(1))));
    }

    void microphoneAlone()
    {
        QTemporaryDir dir;
        const ToolResult r =
            runTapedeck({QStringLiteral("record"), kMicrophone, QStringLiteral("--type"), QStringLiteral("mp4"),
                         QStringLiteral("--duration"), QStringLiteral("2"), QStringLiteral("-q"),
                         QStringLiteral("--out"), dir.path() + QStringLiteral("/mic")},
                        60000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString file = dir.path() + QStringLiteral("/mic.mp4");
        QCOMPARE(ffmpegDecodeErrors(file), QString());
        const double d = ffprobeDuration(file);
        QVERIFY2(d > 1.8 && d < 2.3, qPrintable(QString::number(d)));
    }

    void missingCameraIsSaidPlainly()
    {
        QTemporaryDir dir;
        const QString dev = QStringLiteral("/dev/video-tapedeck-none");
        const ToolResult r =
            runTapedeck({QStringLiteral("record"), QStringLiteral("v4l2:") + dev, QStringLiteral("--type"),
                         QStringLiteral("mp4"), QStringLiteral("--out"), dir.path() + QStringLiteral("/x")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no such device"), r.err.constData());
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }

    void realCameraWhenPresent()
    {
        if (!QFile::exists(QStringLiteral("/dev/video0")))
            QSKIP("no camera at /dev/video0 on this machine (the lavfi tests above cover the capture path)");
        QTemporaryDir dir;
        const ToolResult r =
            runTapedeck({QStringLiteral("record"), QStringLiteral("v4l2:/dev/video0"), QStringLiteral("--type"),
                         QStringLiteral("mp4"), QStringLiteral("--duration"), QStringLiteral("2"), QStringLiteral("-q"),
                         QStringLiteral("--out"), dir.path() + QStringLiteral("/v")},
                        60000);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(ffmpegDecodeErrors(dir.path() + QStringLiteral("/v.mp4")), QString());
    }
};

QTEST_GUILESS_MAIN(TestCapture)
#include "tst_capture.moc"

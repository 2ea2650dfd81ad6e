// Local sources: files in the common containers (every frame must arrive),
// and capture devices (V4L2 cameras, ALSA microphones) where the machine has
// them. A machine without a device says so: the test skips with the reason,
// also under CI, because CI runners have no camera (docs/network.md).
#include "NetTest.h"

#include <QDir>

using namespace nettest;

namespace {
// Makes a 2 s test file (60 video frames at 30 fps + AAC tone).
bool makeFile(const QString &path, const QStringList &codecArgs, QString *err)
{
    QStringList args = {QStringLiteral("-nostdin"), QStringLiteral("-v"),
                        QStringLiteral("error"),    QStringLiteral("-y"),
                        QStringLiteral("-f"),       QStringLiteral("lavfi"),
                        QStringLiteral("-i"),       QStringLiteral("testsrc2=size=320x240:rate=30:duration=2"),
                        QStringLiteral("-f"),       QStringLiteral("lavfi"),
                        QStringLiteral("-i"),       QStringLiteral("sine=frequency=440:sample_rate=48000:duration=2")};
    args += codecArgs;
    args << path;
    const auto r = testsupport::runTool(QStringLiteral("ffmpeg"), args, 60000);
    if (r.exitCode != 0 && err)
        *err = QString::fromUtf8(r.err);
    return r.exitCode == 0;
}
} // namespace

class TstNetLocal : public QObject {
    Q_OBJECT
private slots:
    void localFile_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("input");
        for (const char *in : {"mp4", "mkv", "ts", "flv"})
            for (const char *f : {"ts", "flv", "mp4"})
                QTest::newRow(QByteArray(in).append(" to ").append(f).constData())
                    << QString::fromLatin1(f) << QString::fromLatin1(in);
    }
    void localFile()
    {
        QFETCH(QString, format);
        QFETCH(QString, input);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        QTemporaryDir dir;
        const QString src = dir.filePath(QStringLiteral("input.") + input);
        QString err;
        QVERIFY2(makeFile(src,
                          {QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-g"),
                           QStringLiteral("30"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"),
                           QStringLiteral("-c:a"), QStringLiteral("aac")},
                          &err),
                 qPrintable(err));
        QDir().mkpath(dir.filePath(QStringLiteral("out")));
        tapedeck::RecordParams p;
        p.source = src;
        p.type = containerOf(format);
        p.outBase = dir.filePath(QStringLiteral("out/rec"));
        Recorder rec(p);
        const tapedeck::Status st = rec.start();
        QVERIFY2(st.ok(), qPrintable(st.message()));
        QVERIFY2(rec.waitEnded(30000), qPrintable(describe(rec)));
        QVERIFY2(rec.session().state() == tapedeck::RecordState::Finished, qPrintable(describe(rec)));
        std::vector<MediaReport> reports;
        judgeFiles(rec.files(), {}, &reports);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(reports.size(), size_t(1));
        QCOMPARE(reports[0].videoPackets, 60);
        // 2 s of 48 kHz AAC is 93.75 frames of 1024 samples (ffprobe's own
        // count of the input varies by container: PES vs frames, priming).
        QVERIFY2(reports[0].audioPackets >= 93 && reports[0].audioPackets <= 97,
                 qPrintable(QString::number(reports[0].audioPackets)));
    }

    void camera_data() { addFormatRows(); }
    void camera()
    {
        QFETCH(QString, format);
        const QStringList devices = QDir(QStringLiteral("/dev")).entryList({QStringLiteral("video*")}, QDir::System);
        if (devices.isEmpty())
            QSKIP("no V4L2 camera on this machine (/dev/video* absent; v4l2loopback not loaded)");
        QTemporaryDir dir;
        auto p = liveParams(QStringLiteral("v4l2:/dev/") + devices.first(), containerOf(format),
                            dir.filePath(QStringLiteral("rec")));
        recordAndJudge(p, 30, 20000, CheckOptions{false, true, -1, true});
    }

    void microphone_data() { addFormatRows(); }
    void microphone()
    {
        QFETCH(QString, format);
        if (!QDir(QStringLiteral("/dev/snd")).exists())
            QSKIP("no ALSA sound device on this machine (/dev/snd absent)");
        QTemporaryDir dir;
        auto p = liveParams(QStringLiteral("alsa:default"), containerOf(format), dir.filePath(QStringLiteral("rec")));
        recordAndJudge(p, 50, 20000, CheckOptions{true, false, -1, true});
    }
};

QTEST_GUILESS_MAIN(TstNetLocal)
#include "tst_net_local.moc"

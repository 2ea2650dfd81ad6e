// Issue 11, hole 7: the CLI's messages and exit codes, each with the case
// that got it wrong. Usage errors exit 2, failures 1; every failure names the
// thing at fault and, for the OS's refusals, the OS's reason.

#include "TestSupport.h"
#include "tests/recovery/RecoveryTestUtil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

extern "C" {
#include <libavformat/avformat.h>
}

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

using namespace testsupport;

namespace {

// `tapedeck ARGS` run in `dir` (for file names relative to it).
ToolResult runIn(const QString &dir, const QStringList &args, int timeoutMs = 120000)
{
    return runTool(QStringLiteral("/bin/sh"),
                   QStringList{QStringLiteral("-c"), QStringLiteral("cd \"$1\" && shift && exec \"$0\" \"$@\""),
                               tapedeckBinary(), dir}
                       + args,
                   timeoutMs);
}

// A folder no process may create anything in, and the OS's words for why.
// sysfs refuses new entries even to root (a chmod'ed folder would not).
QString unwritableFolder(QString *reason)
{
    const QString dir = QStringLiteral("/sys/tapedeck-cli-test");
    if (::mkdir(QFile::encodeName(dir).constData(), 0755) == 0) {
        ::rmdir(QFile::encodeName(dir).constData());
        return QString();
    }
    *reason = QString::fromLocal8Bit(std::strerror(errno));
    return dir;
}

// True when the last video packet libavformat reads from `file` is marked
// incomplete (AV_PKT_FLAG_CORRUPT): a cut through the middle of a frame.
bool endsInIncompleteVideo(const QString &file)
{
    AVFormatContext *ctx = nullptr;
    if (avformat_open_input(&ctx, QFile::encodeName(file).constData(), nullptr, nullptr) < 0)
        return false;
    avformat_find_stream_info(ctx, nullptr);
    AVPacket *pkt = av_packet_alloc();
    bool corruptVideo = false;
    while (av_read_frame(ctx, pkt) >= 0) {
        if (ctx->streams[pkt->stream_index]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO)
            corruptVideo = (pkt->flags & AV_PKT_FLAG_CORRUPT) != 0;
        av_packet_unref(pkt);
    }
    av_packet_free(&pkt);
    avformat_close_input(&ctx);
    return corruptVideo;
}

} // namespace

class TestCliMessages : public QObject {
    Q_OBJECT

private slots:
    // An input cut through the middle of a video frame: TS said "cannot
    // write …" (its H.264 filter choked on the incomplete frame) while MP4
    // and FLV said "saved". Now all three leave the incomplete packet out,
    // save, and name the input as the problem.
    void truncatedInputSameForAllContainers()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        QTemporaryDir dir;
        const QString full = dir.filePath(QStringLiteral("full.mp4"));
        const auto made = runTool(
            QStringLiteral("ffmpeg"),
            {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y"), QStringLiteral("-f"),
             QStringLiteral("lavfi"), QStringLiteral("-i"), QStringLiteral("testsrc2=size=320x240:rate=25:duration=4"),
             QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"), QStringLiteral("sine=duration=4"),
             QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-c:a"), QStringLiteral("aac"),
             QStringLiteral("-movflags"), QStringLiteral("+faststart"), full});
        QCOMPARE(made.exitCode, 0);
        QFile in(full);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        const QString cut = dir.filePath(QStringLiteral("cut.mp4"));
        bool found = false;
        for (int pct = 30; pct < 98 && !found; ++pct) {
            QFile c(cut);
            QVERIFY(c.open(QIODevice::WriteOnly | QIODevice::Truncate));
            c.write(bytes.left(bytes.size() * pct / 100));
            c.close();
            found = endsInIncompleteVideo(cut);
        }
        QVERIFY2(found, "no cut point ends inside a video frame");
        for (const QString &type : {QStringLiteral("ts"), QStringLiteral("mp4"), QStringLiteral("flv")}) {
            const QString out = dir.filePath(QStringLiteral("out_") + type);
            const auto r = runTapedeck(
                {QStringLiteral("record"), cut, QStringLiteral("--type"), type, QStringLiteral("--out"), out});
            QVERIFY2(r.exitCode == 0, qPrintable(type + QStringLiteral(": ") + QString::fromUtf8(r.err)));
            QVERIFY2(r.err.contains("saved 1 file(s)"),
                     qPrintable(type + QStringLiteral(": ") + QString::fromUtf8(r.err)));
            QVERIFY2(r.err.contains("the input " + cut.toUtf8() + " is damaged or cut short"),
                     qPrintable(type + QStringLiteral(": ") + QString::fromUtf8(r.err)));
            QVERIFY(!r.err.contains("cannot write"));
            const QString file = out + QLatin1Char('.') + type;
            const QString errors = ffmpegDecodeErrors(file);
            QVERIFY2(errors.isEmpty(), qPrintable(type + QStringLiteral(": ") + errors));
        }
    }

    // "nan" parsed as a number and, failing "v < 0", recorded forever.
    void durationMustBeAFiniteNumber_data()
    {
        QTest::addColumn<QString>("value");
        for (const char *v : {"nan", "NaN", "inf", "-inf", "-1", "1e300", "ten"})
            QTest::newRow(v) << QString::fromLatin1(v);
    }
    void durationMustBeAFiniteNumber()
    {
        QFETCH(QString, value);
        QTemporaryDir dir;
        const auto r = runTapedeck({QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"),
                                    QStringLiteral("ts"), QStringLiteral("--duration"), value, QStringLiteral("--out"),
                                    dir.filePath(QStringLiteral("r")), QStringLiteral("-q")},
                                   30000);
        QVERIFY2(!r.timedOut, "still recording after 30 s");
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--duration") && r.err.contains(value.toUtf8()), r.err.constData());
        QVERIFY(QDir(dir.path()).isEmpty());
    }

    // "--out rec/" made a hidden "rec/.mp4"; "--out ''" exited 1 (not a usage error).
    void outMustNameAFile_data()
    {
        QTest::addColumn<QString>("out");
        QTest::newRow("folder/") << "rec/";
        QTest::newRow("folder/.mp4") << "rec/.mp4";
        QTest::newRow("empty") << "";
        QTest::newRow(".mp4") << ".mp4";
        QTest::newRow("folder/.") << "rec/.";
    }
    void outMustNameAFile()
    {
        QFETCH(QString, out);
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("rec")));
        const auto r = runIn(dir.path(),
                             {QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"),
                              QStringLiteral("mp4"), QStringLiteral("--duration"), QStringLiteral("1"),
                              QStringLiteral("--out"), out, QStringLiteral("-q")},
                             60000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--out"), r.err.constData());
        QVERIFY2(QDir(dir.filePath(QStringLiteral("rec")))
                     .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
                     .isEmpty(),
                 "a file was made in the folder");
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("rec")});
    }

    void recoverOutMustNotBeEmpty()
    {
        QTemporaryDir dir;
        const auto r = runTapedeck({QStringLiteral("recover"), QStringLiteral("--out"), QString(), dir.path()}, 60000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--out"), r.err.constData());
    }

    // "recover -x.mp4.info" printed "Unknown options: x, ., m, p, 4, ...".
    void unknownOptionIsNamedAsTyped()
    {
        QTemporaryDir dir;
        const auto r = runIn(dir.path(), {QStringLiteral("recover"), QStringLiteral("-x.mp4.info")}, 60000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("unknown option -x.mp4.info"), r.err.constData());
        QVERIFY2(r.err.contains("use -- before file names"), r.err.constData());
        QVERIFY(!r.err.contains("x, ."));
        const auto rec =
            runTapedeck({QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--bogus=1")}, 60000);
        QCOMPARE(rec.exitCode, 2);
        QVERIFY2(rec.err.contains("unknown option --bogus=1"), rec.err.constData());

        // With --, the name is a file: here a junk one, refused as not a
        // sidecar set (so it was read as a file, not as options).
        QFile junk(dir.filePath(QStringLiteral("-x.mp4.info")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(100, 'j'));
        junk.close();
        const auto files = runIn(dir.path(),
                                 {QStringLiteral("recover"), QStringLiteral("--dry-run"), QStringLiteral("--"),
                                  QStringLiteral("-x.mp4.info")},
                                 60000);
        QCOMPARE(files.exitCode, 1);
        QVERIFY2(files.out.contains("-x.mp4") && files.out.contains("bad magic"), files.out.constData());
        QVERIFY(junk.exists());
    }

    // The OS's reason ("Operation not permitted", "Read-only file system",
    // "Permission denied") is part of the message.
    void unwritableOutSaysWhy()
    {
        QString reason;
        const QString bad = unwritableFolder(&reason);
        if (bad.isEmpty())
            QSKIP("this system lets the test write to /sys");
        const auto r = runTapedeck({QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"),
                                    QStringLiteral("mp4"), QStringLiteral("--duration"), QStringLiteral("1"),
                                    QStringLiteral("--out"), bad + QStringLiteral("/rec"), QStringLiteral("-q")},
                                   60000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(reason.toUtf8()) && r.err.contains(bad.toUtf8()), r.err.constData());

        QTemporaryDir dir;
        QFile ts(dir.filePath(QStringLiteral("x.ts")));
        QVERIFY(ts.open(QIODevice::WriteOnly));
        QByteArray packet(188, '\xff');
        packet[0] = 0x47;
        for (int i = 0; i < 4; ++i)
            ts.write(packet);
        ts.write(packet.left(50));
        ts.close();
        const auto rec = runTapedeck({QStringLiteral("recover"), QStringLiteral("--out"), bad, dir.path()}, 60000);
        QCOMPARE(rec.exitCode, 1);
        QVERIFY2(rec.out.contains(reason.toUtf8()), rec.out.constData());
    }

    // A TS repair that fails (its output cannot be created) must not report
    // what it would have done ("trimmed 128 byte(s)") as done.
    void failedTsRepairDoesNotClaimTheTrim()
    {
        QTemporaryDir dir;
        const auto made =
            runTapedeck({QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"),
                         QStringLiteral("ts"), QStringLiteral("--duration"), QStringLiteral("1"),
                         QStringLiteral("--out"), dir.filePath(QStringLiteral("feed")), QStringLiteral("-q")});
        QCOMPARE(made.exitCode, 0);
        QFile ts(dir.filePath(QStringLiteral("feed.ts")));
        QVERIFY(ts.resize(ts.size() - 60));
        // /proc exists and is a folder, but no file can be created in it.
        const auto r = runTapedeck(
            {QStringLiteral("recover"), QStringLiteral("--out"), QStringLiteral("/proc"), dir.path()}, 60000);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains("FAILED"), r.out.constData());
        QVERIFY2(!r.out.contains("trimmed"), r.out.constData());
        QVERIFY(ts.exists());
    }

    // The note said "will be named .recovered.mp4" while the file became
    // X.recovered-2.mp4: it names the real output now, planned and made.
    void noteNamesTheRealOutput()
    {
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        QTemporaryDir dir;
        const QString base = dir.filePath(QStringLiteral("take"));
        QVERIFY(rtest::recordAndKill(
            {QStringLiteral("--type"), QStringLiteral("mp4"), QStringLiteral("--out"), base, QStringLiteral("-q")},
            base + QStringLiteral(".mp4.track1"), 16 + 40 * 10));
        for (const QString &taken : {QStringLiteral("take.mp4"), QStringLiteral("take.recovered.mp4")}) {
            QFile f(dir.filePath(taken));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("someone else's file");
        }
        const auto dry = runTapedeck({QStringLiteral("recover"), QStringLiteral("--dry-run"), dir.path()}, 60000);
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(dry.out.contains("the rebuilt file will be named take.recovered-2.mp4"), dry.out.constData());
        QVERIFY2(!dry.out.contains("named .recovered.mp4") && !dry.out.contains("named take.recovered.mp4"),
                 dry.out.constData());
        const auto run = runTapedeck({QStringLiteral("recover"), dir.path()}, 300000);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains("the rebuilt file is named take.recovered-2.mp4"), run.out.constData());
        QVERIFY(!run.out.contains("named .recovered.mp4"));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("take.recovered-2.mp4"))));
    }
};

QTEST_GUILESS_MAIN(TestCliMessages)
#include "tst_cli_messages.moc"

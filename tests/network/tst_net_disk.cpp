// Surviving the disk: a reserve that refuses to start (no file created), a
// disk that fills during recording — through the write-failure seam
// (RecordParams::failAfterBytes → IoFaultInjector, DiskFull) and through a
// real 2 MB tmpfs when we may mount one — stopping that recording promptly
// with a clear error while a recording on another disk goes on, and leaving
// what was written playable (TS, FLV) or recoverable (MP4 sidecars).
#include "NetTest.h"

#include "core/io/File.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <unistd.h>

using namespace nettest;
using tapedeck::RecordState;

namespace {

bool makeBigFile(const QString &path, QString *err)
{
    // ~8 s of nearly-lossless 640x480 video: several MB, more than the tmpfs.
    const auto r = testsupport::runTool(QStringLiteral("ffmpeg"),
                                        {QStringLiteral("-nostdin"),
                                         QStringLiteral("-v"),
                                         QStringLiteral("error"),
                                         QStringLiteral("-y"),
                                         QStringLiteral("-f"),
                                         QStringLiteral("lavfi"),
                                         QStringLiteral("-i"),
                                         QStringLiteral("testsrc2=size=640x480:rate=30:duration=8"),
                                         QStringLiteral("-f"),
                                         QStringLiteral("lavfi"),
                                         QStringLiteral("-i"),
                                         QStringLiteral("sine=sample_rate=48000:duration=8"),
                                         QStringLiteral("-c:v"),
                                         QStringLiteral("libx264"),
                                         QStringLiteral("-preset"),
                                         QStringLiteral("ultrafast"),
                                         QStringLiteral("-qp"),
                                         QStringLiteral("8"),
                                         QStringLiteral("-g"),
                                         QStringLiteral("30"),
                                         QStringLiteral("-pix_fmt"),
                                         QStringLiteral("yuv420p"),
                                         QStringLiteral("-c:a"),
                                         QStringLiteral("aac"),
                                         path},
                                        120000);
    if (r.exitCode != 0 && err)
        *err = QString::fromUtf8(r.err);
    return r.exitCode == 0;
}

bool mentionsFullDisk(const QString &msg)
{
    const QString m = msg.toLower();
    return m.contains(QStringLiteral("disk")) || m.contains(QStringLiteral("space"))
        || m.contains(QStringLiteral("full"));
}

// What a full disk leaves behind must be usable: a TS/FLV that decodes
// (ffmpeg decodes frames and exits cleanly — the torn last packet may be
// reported), or for MP4 either a finished file or the sidecar set.
void checkLeftovers(const QString &dir, const QString &format)
{
    const QStringList names = QDir(dir).entryList(QDir::Files);
    QVERIFY2(!names.isEmpty(), "nothing was left on disk");
    if (format == u"mp4") {
        const bool finished = names.contains(QStringLiteral("rec.mp4"));
        const bool sidecars = names.contains(QStringLiteral("rec.mp4.mdat"))
            && names.contains(QStringLiteral("rec.mp4.info")) && names.contains(QStringLiteral("rec.mp4.track1"));
        QVERIFY2(finished || sidecars, qPrintable(names.join(u',')));
        if (finished && !sidecars) {
            const MediaReport r = checkOutput(QDir(dir).filePath(QStringLiteral("rec.mp4")));
            QVERIFY2(r.ok, qPrintable(r.why));
        }
        return;
    }
    const QString file = QDir(dir).filePath(QStringLiteral("rec.") + format);
    QVERIFY2(QFileInfo::exists(file), qPrintable(names.join(u',')));
    const auto frames = testsupport::ffprobeFrameCounts(file);
    QVERIFY2(!frames.empty() && frames.begin()->second > 0, "no decodable frame in what was written");
    const auto r = testsupport::runTool(QStringLiteral("ffmpeg"),
                                        {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
                                         QStringLiteral("-i"), file, QStringLiteral("-f"), QStringLiteral("null"),
                                         QStringLiteral("-")});
    QCOMPARE(r.exitCode, 0);
}

} // namespace

class TstNetDisk : public QObject {
    Q_OBJECT
private slots:
    void reserveRefusesToStart_data() { addFormatRows(); }
    void reserveRefusesToStart()
    {
        QFETCH(QString, format);
        QTemporaryDir dir;
        auto freeBytes = tapedeck::freeDiskBytes(dir.path());
        QVERIFY2(freeBytes.ok(), qPrintable(freeBytes.message()));
        tapedeck::RecordParams p;
        p.source = QStringLiteral("udp://127.0.0.1:%1").arg(testsupport::freeUdpPort());
        p.type = containerOf(format);
        p.outBase = dir.filePath(QStringLiteral("rec"));
        p.diskReserveBytes = *freeBytes + (qint64(1) << 30);
        tapedeck::RecordingSession session(1, p);
        const tapedeck::Status st = session.start();
        QVERIFY2(!st.ok(), "a recording started below the free-space reserve");
        QCOMPARE(st.error().code, tapedeck::ErrorCode::DiskFull);
        QVERIFY2(mentionsFullDisk(st.message()), qPrintable(st.message()));
        session.wait(5000);
        QVERIFY2(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty(),
                 "a refused recording created a file");
    }

    // The seam: writes fail with DiskFull after 400 kB. A second recording
    // (another "disk") keeps going.
    void diskFullSeam_data() { addFormatRows(); }
    void diskFullSeam()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        QTemporaryDir full, other;
        const quint16 portA = testsupport::freeUdpPort();
        quint16 portB = testsupport::freeUdpPort();
        while (portB == portA)
            portB = testsupport::freeUdpPort();
        auto pa = liveParams(QStringLiteral("udp://127.0.0.1:%1").arg(portA), containerOf(format),
                             full.filePath(QStringLiteral("rec")));
        pa.failAfterBytes = 400 * 1024;
        Recorder a(pa, 1);
        Recorder b(liveParams(QStringLiteral("udp://127.0.0.1:%1").arg(portB), containerOf(format),
                              other.filePath(QStringLiteral("rec"))),
                   2);
        QVERIFY2(a.start().ok(), qPrintable(a.session().errorMessage()));
        QVERIFY2(b.start().ok(), qPrintable(b.session().errorMessage()));
        Pusher pushA, pushB; // big enough frames that 400 kB go by in a few seconds
        const QStringList rate = {QStringLiteral("-b:v"), QStringLiteral("2M")};
        QVERIFY(pushA.start(QStringLiteral("udp://127.0.0.1:%1?pkt_size=1316").arg(portA), QStringLiteral("mpegts"), 60,
                            rate, QStringLiteral("640x480")));
        QVERIFY(pushB.start(QStringLiteral("udp://127.0.0.1:%1?pkt_size=1316").arg(portB), QStringLiteral("mpegts"), 60,
                            rate, QStringLiteral("640x480")));

        QVERIFY2(a.waitState(RecordState::Failed, 40000), qPrintable(describe(a)));
        QVERIFY2(a.session().errorMessage().size() > 0 && mentionsFullDisk(a.session().errorMessage()),
                 qPrintable(a.session().errorMessage()));
        QVERIFY2(a.session().wait(2000), "the failed recording's threads did not end");
        // The other recording goes on.
        QVERIFY2(b.session().state() == RecordState::Recording, qPrintable(describe(b)));
        const qint64 bBefore = b.stats().packets;
        QVERIFY2(b.waitPackets(bBefore + 100, 15000), qPrintable(describe(b)));
        QVERIFY(b.stopAndWait(10000) >= 0);
        judgeFiles(b.files(), {});
        checkLeftovers(full.path(), format);
    }

    // A real filesystem that fills up: a 2 MB tmpfs (needs root to mount).
    void realFullFilesystem_data() { addFormatRows(); }
    void realFullFilesystem()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        if (::geteuid() != 0 && !inCiEnv())
            QSKIP("mounting a small tmpfs needs root; the write-failure seam test covers this here");
        QTemporaryDir work;
        const QString mnt = work.filePath(QStringLiteral("small"));
        QVERIFY(QDir().mkpath(mnt));
        const auto m = testsupport::runTool(QStringLiteral("mount"),
                                            {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                             QStringLiteral("size=2m"), QStringLiteral("tmpfs"), mnt});
        QVERIFY2(m.exitCode == 0, qPrintable(QStringLiteral("mount -t tmpfs failed: ") + QString::fromUtf8(m.err)));
        struct Unmount {
            QString path;
            ~Unmount() { testsupport::runTool(QStringLiteral("umount"), {QStringLiteral("-l"), path}); }
        } unmount{mnt};
        const QString src = work.filePath(QStringLiteral("big.mp4"));
        QString err;
        QVERIFY2(makeBigFile(src, &err), qPrintable(err));
        QVERIFY2(QFileInfo(src).size() > 3 * 1024 * 1024, "test input smaller than expected");

        tapedeck::RecordParams p;
        p.source = src;
        p.type = containerOf(format);
        p.outBase = QDir(mnt).filePath(QStringLiteral("rec"));
        Recorder rec(p);
        QVERIFY2(rec.start().ok(), qPrintable(rec.session().errorMessage()));
        QVERIFY2(rec.waitEnded(30000), qPrintable(describe(rec)));
        QVERIFY2(rec.session().state() == RecordState::Failed, qPrintable(describe(rec)));
        QVERIFY2(mentionsFullDisk(rec.session().errorMessage()), qPrintable(rec.session().errorMessage()));
        checkLeftovers(mnt, format);
    }
};

QTEST_GUILESS_MAIN(TstNetDisk)
#include "tst_net_disk.moc"

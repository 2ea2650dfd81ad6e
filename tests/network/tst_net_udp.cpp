// MPEG-TS over UDP: Tapedeck binds 127.0.0.1:PORT, ffmpeg sends 1316-byte
// datagrams at real-time pace.
#include "NetTest.h"

using namespace nettest;

class TstNetUdp : public QObject {
    Q_OBJECT
private slots:
    void mpegTsOverUdp_data() { addFormatRows(); }
    void mpegTsOverUdp()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const quint16 port = testsupport::freeUdpPort();
        QTemporaryDir dir;
        Recorder rec(liveParams(QStringLiteral("udp://127.0.0.1:%1").arg(port), containerOf(format),
                                dir.filePath(QStringLiteral("rec"))));
        const tapedeck::Status st = rec.start();
        QVERIFY2(st.ok(), qPrintable(st.message()));
        Pusher pusher;
        QVERIFY(
            pusher.start(QStringLiteral("udp://127.0.0.1:%1?pkt_size=1316").arg(port), QStringLiteral("mpegts"), 60));
        QVERIFY2(rec.waitPackets(200, 30000), qPrintable(describe(rec) + pusher.stderrText()));
        QVERIFY(rec.stopAndWait(10000) >= 0);
        std::vector<MediaReport> reports;
        judgeFiles(rec.files(), {}, &reports);
        if (QTest::currentTestFailed())
            return;
        // Joining a live UDP stream mid-GOP: the file still starts on a keyframe.
        QVERIFY(reports.front().firstVideoIsKey);
    }
};

QTEST_GUILESS_MAIN(TstNetUdp)
#include "tst_net_udp.moc"

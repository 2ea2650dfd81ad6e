// RTMP: pulled from nginx's RTMP module, and Tapedeck as the RTMP listener an
// encoder (ffmpeg) pushes to. Every format, decoded by ffmpeg and GStreamer.
#include "NetTest.h"

using namespace nettest;
using tapedeck::RecordState;

class TstNetRtmp : public QObject {
    Q_OBJECT
private slots:
    void pullFromNginx_data() { addFormatRows(); }
    void pullFromNginx()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("nginx");
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        testsupport::NginxRtmp nginx;
        QString err;
        NET_REQUIRE(nginx.start(&err), "nginx with libnginx-mod-rtmp");
        Pusher pusher;
        QVERIFY(pusher.start(nginx.url(QStringLiteral("cam")), QStringLiteral("flv"), 60));
        QTemporaryDir dir;
        auto p = liveParams(nginx.url(QStringLiteral("cam")), containerOf(format), dir.filePath(QStringLiteral("rec")));
        p.startMode = tapedeck::StartMode::WaitForStream; // the publisher may need a moment to appear
        std::vector<MediaReport> reports;
        recordAndJudge(p, 200, 30000, {}, &reports);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(reports.size(), size_t(1));
        QVERIFY(reports[0].firstVideoIsKey);
    }

    // Armed before the encoder connects: the recording holds every frame the
    // encoder sent, the very first one included.
    void listenerArmedBeforeEncoder_data() { addFormatRows(); }
    void listenerArmedBeforeEncoder()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const quint16 port = testsupport::freeTcpPort();
        QTemporaryDir dir;
        const QString listenUrl = QStringLiteral("rtmp://127.0.0.1:%1/live/stream?listen=1").arg(port);
        Recorder rec(liveParams(listenUrl, containerOf(format), dir.filePath(QStringLiteral("rec"))));
        const tapedeck::Status st = rec.start();
        QVERIFY2(st.ok(), qPrintable(st.message()));
        // Armed, nothing received: no media file yet.
        QVERIFY(waitFor([&] { return rec.session().state() == RecordState::Waiting; }, 5000));
        QTest::qWait(800); // let the listener reach accept(); a probe connection would consume it
        QVERIFY2(rec.session().state() == RecordState::Waiting, qPrintable(describe(rec)));
        QCOMPARE(rec.stats().packets, qint64(0));

        const int seconds = 3;
        Pusher pusher;
        QVERIFY(
            pusher.start(QStringLiteral("rtmp://127.0.0.1:%1/live/stream").arg(port), QStringLiteral("flv"), seconds));
        QVERIFY2(pusher.waitFinished(30000), "the encoder did not finish");
        const QString pushErr = pusher.stderrText();
        QVERIFY2(rec.waitPackets(seconds * 30, 10000), qPrintable(describe(rec) + pushErr));
        // Everything the encoder sent has reached the writer once the count stops moving.
        QVERIFY(rec.waitSettled(10000));
        QVERIFY(rec.stopAndWait(10000) >= 0);
        std::vector<MediaReport> reports;
        judgeFiles(rec.files(), {}, &reports);
        if (QTest::currentTestFailed())
            return;
        const int video = totalVideo(reports);
        QVERIFY(reports.front().firstVideoIsKey);
        // testsrc2 at 30 fps for `seconds` s: exactly this many frames were encoded.
        QCOMPARE(video, seconds * 30);
    }
};

QTEST_GUILESS_MAIN(TstNetRtmp)
#include "tst_net_rtmp.moc"

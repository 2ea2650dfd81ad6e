// HLS from an HTTP server whose live (EVENT) playlist grows by a segment a
// second while Tapedeck records it.
#include "NetTest.h"

using namespace nettest;

class TstNetHls : public QObject {
    Q_OBJECT
private slots:
    void liveGrowingPlaylist_data() { addFormatRows(); }
    void liveGrowingPlaylist()
    {
        QFETCH(QString, format);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        NET_REQUIRE(!systemPython().isEmpty(), "python3");
        QTemporaryDir served;
        ScriptPeer server;
        QString err;
        QVERIFY2(server.start(systemPython(),
                              {peerScript(QStringLiteral("hls_server.py")), QStringLiteral("--port"),
                               QString::number(testsupport::freeTcpPort()), QStringLiteral("--dir"), served.path()},
                              &err),
                 qPrintable(err));
        QTemporaryDir dir;
        const QString url = QStringLiteral("http://127.0.0.1:%1/live.m3u8").arg(server.port());
        const int playlistsBefore = server.countLinesStartingWith(QStringLiteral("PLAYLIST"));
        std::vector<MediaReport> reports;
        // 4 s of media is more than the server had when the recording began
        // (live start: the last 3 segments), so the playlist had to be reloaded.
        recordAndJudge(liveParams(url, containerOf(format), dir.filePath(QStringLiteral("rec"))), 4 * 77, 40000, {},
                       &reports);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(server.countLinesStartingWith(QStringLiteral("PLAYLIST")) - playlistsBefore >= 2,
                 "the live playlist was not reloaded");
        QVERIFY(reports.front().videoSpanSec >= 3.0);
    }
};

QTEST_GUILESS_MAIN(TstNetHls)
#include "tst_net_hls.moc"

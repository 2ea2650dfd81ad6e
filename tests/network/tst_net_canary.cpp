// Credential canaries: a user:password, an RTMP stream key, an SRT
// passphrase and a query token, each used against a real peer, must appear
// nowhere — not in the log (in-process, debug level), not in the CLI's stdout
// or stderr (with TAPEDECK_DEBUG=1), not in settings or anything else under
// the config/home folders, not in MP4 sidecars while recording, not in the
// output files.
#include "NetTest.h"

#include <QDir>
#include <QProcessEnvironment>

using namespace nettest;

namespace {

const QString kUser = QStringLiteral("canaryUser");
const QString kPass = QStringLiteral("CanaryPass-91ac");
const QString kKey = QStringLiteral("sk-canary-RTMPKEY-5d1e");
const QString kPhrase = QStringLiteral("canary-SRT-Phrase-88b2");
const QString kToken = QStringLiteral("canaryTOKEN4471");

struct Peers {
    testsupport::NginxRtmp nginx;
    Pusher pusher;
    ScriptPeer script;
};

void assertClean(const QString &where, const QByteArray &bytes, const QStringList &secrets)
{
    for (const QString &s : secrets)
        QVERIFY2(!bytes.contains(s.toUtf8()), qPrintable(QStringLiteral("'%1' found in %2").arg(s, where)));
}

void assertTreeClean(const QString &dir, const QStringList &secrets)
{
    for (const QString &s : secrets) {
        const QStringList hits = filesContaining(dir, s.toUtf8());
        QVERIFY2(hits.isEmpty(), qPrintable(QStringLiteral("'%1' found in %2").arg(s, hits.join(u','))));
    }
}

} // namespace

class TstNetCanary : public QObject {
    Q_OBJECT
private slots:
    void noSecretAnywhere_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char *k : {"rtmp key", "rtsp user:pass", "hls token + user:pass", "srt passphrase"})
            QTest::newRow(k) << QString::fromLatin1(k);
    }
    void noSecretAnywhere()
    {
        QFETCH(QString, kind);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        Peers peers;
        QString url, err;
        QStringList secrets;
        QTemporaryDir served;
        quint16 srtPort = 0;
        if (kind == u"rtmp key") {
            TAPEDECK_REQUIRE_TOOL("nginx");
            NET_REQUIRE(peers.nginx.start(&err), "nginx with libnginx-mod-rtmp");
            QVERIFY(peers.pusher.start(peers.nginx.url(kKey), QStringLiteral("flv"), 120));
            url = peers.nginx.url(kKey);
            secrets = {kKey};
        } else if (kind == u"rtsp user:pass") {
            NET_REQUIRE(haveGstRtspServer(), "python3-gi + gir1.2-gst-rtsp-server-1.0");
            QVERIFY2(peers.script.start(systemPython(),
                                        {peerScript(QStringLiteral("rtsp_server.py")), QStringLiteral("--port"),
                                         QString::number(testsupport::freeTcpPort()), QStringLiteral("--user"), kUser,
                                         QStringLiteral("--password"), kPass},
                                        &err),
                     qPrintable(err));
            url = QStringLiteral("rtsp://%1:%2@127.0.0.1:%3/test").arg(kUser, kPass).arg(peers.script.port());
            secrets = {kPass};
        } else if (kind == u"hls token + user:pass") {
            NET_REQUIRE(!systemPython().isEmpty(), "python3");
            QVERIFY2(peers.script.start(systemPython(),
                                        {peerScript(QStringLiteral("hls_server.py")), QStringLiteral("--port"),
                                         QString::number(testsupport::freeTcpPort()), QStringLiteral("--dir"),
                                         served.path(), QStringLiteral("--user"), kUser, QStringLiteral("--password"),
                                         kPass, QStringLiteral("--token"), kToken},
                                        &err),
                     qPrintable(err));
            url = QStringLiteral("http://%1:%2@127.0.0.1:%3/live.m3u8?token=%4")
                      .arg(kUser, kPass)
                      .arg(peers.script.port())
                      .arg(kToken);
            secrets = {kPass, kToken};
        } else {
            srtPort = testsupport::freeUdpPort();
            QVERIFY(peers.pusher.start(
                QStringLiteral("srt://127.0.0.1:%1?mode=listener&passphrase=%2&pbkeylen=16").arg(srtPort).arg(kPhrase),
                QStringLiteral("mpegts"), 120));
            url = QStringLiteral("srt://127.0.0.1:%1?mode=caller&passphrase=%2&pbkeylen=16").arg(srtPort).arg(kPhrase);
            secrets = {kPhrase};
        }

        // 1) In-process, MP4: the log and the sidecars while recording.
        {
            qputenv("TAPEDECK_DEBUG", "1");
            LogCapture log;
            QTemporaryDir out;
            auto p = liveParams(url, tapedeck::ContainerType::Mp4, out.filePath(QStringLiteral("rec")));
            p.startMode = tapedeck::StartMode::WaitForStream;
            Recorder rec(p);
            QVERIFY2(rec.start().ok(), qPrintable(rec.session().errorMessage()));
            QVERIFY2(rec.waitPackets(150, 30000), qPrintable(describe(rec)));
            assertTreeClean(out.path(), secrets); // sidecars in progress
            assertClean(QStringLiteral("displaySource"), rec.session().displaySource().toUtf8(), secrets);
            assertClean(QStringLiteral("stats"), rec.stats().currentFile.toUtf8(), secrets);
            QVERIFY(rec.stopAndWait(10000) >= 0);
            assertTreeClean(out.path(), secrets);
            assertClean(QStringLiteral("the log"), log.text().toUtf8(), secrets);
            if (kind.startsWith(u"hls")) // FFmpeg names every URL it opens: the capture is not vacuous
                QVERIFY2(log.text().contains(QStringLiteral("ffmpeg: ")) && log.text().contains(QStringLiteral("***")),
                         qPrintable(log.text().left(2000)));
            qunsetenv("TAPEDECK_DEBUG");
        }

        // 2) The CLI, TS, debug logging, its own HOME and config folders.
        if (srtPort) {
            // ffmpeg's SRT listener serves one caller and then ends: a fresh one.
            peers.pusher.stop();
            QVERIFY(peers.pusher.start(
                QStringLiteral("srt://127.0.0.1:%1?mode=listener&passphrase=%2&pbkeylen=16").arg(srtPort).arg(kPhrase),
                QStringLiteral("mpegts"), 120));
        }
        {
            QTemporaryDir home, out;
            QProcess cli;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("HOME"), home.path());
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
            env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
            env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral("cache")));
            env.insert(QStringLiteral("TAPEDECK_DEBUG"), QStringLiteral("1"));
            cli.setProcessEnvironment(env);
            cli.start(testsupport::tapedeckBinary(),
                      {QStringLiteral("record"), url, QStringLiteral("--type"), QStringLiteral("ts"),
                       QStringLiteral("--out"), out.filePath(QStringLiteral("cli")), QStringLiteral("--duration"),
                       QStringLiteral("3"), QStringLiteral("--wait")});
            QVERIFY(cli.waitForStarted(10000));
            if (!cli.waitForFinished(60000)) {
                cli.kill();
                cli.waitForFinished(5000);
                QFAIL("tapedeck record did not finish within 60 s");
            }
            const QByteArray stdoutBytes = cli.readAllStandardOutput();
            const QByteArray stderrBytes = cli.readAllStandardError();
            QVERIFY2(cli.exitCode() == 0, stderrBytes.constData());
            assertClean(QStringLiteral("CLI stdout"), stdoutBytes, secrets);
            assertClean(QStringLiteral("CLI stderr"), stderrBytes, secrets);
            assertTreeClean(home.path(), secrets);
            assertTreeClean(out.path(), secrets);
            QVERIFY2(!QDir(out.path()).entryList(QDir::Files).isEmpty(), "the CLI wrote nothing");
        }
    }

    // Issue 17: a stream key that is also a word ("multi") is no reason to
    // mangle the user's own output path; it stays hidden where it is the key.
    void shortKeyKeepsTheUserPath()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("nginx");
        testsupport::NginxRtmp nginx;
        QString err;
        NET_REQUIRE(nginx.start(&err), "nginx with libnginx-mod-rtmp");
        Pusher pusher;
        QVERIFY(pusher.start(nginx.url(QStringLiteral("multi")), QStringLiteral("flv"), 120));
        QTemporaryDir out;
        const QString folder = out.filePath(QStringLiteral("multi"));
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TAPEDECK_DEBUG"), QStringLiteral("1"));
        cli.setProcessEnvironment(env);
        cli.start(testsupport::tapedeckBinary(),
                  {QStringLiteral("record"), nginx.url(QStringLiteral("multi")), QStringLiteral("--type"),
                   QStringLiteral("mp4"), QStringLiteral("--out"), folder + QStringLiteral("/m_rtmp"),
                   QStringLiteral("--duration"), QStringLiteral("3"), QStringLiteral("--wait")});
        QVERIFY(cli.waitForStarted(10000));
        if (!cli.waitForFinished(60000)) {
            cli.kill();
            cli.waitForFinished(5000);
            QFAIL("tapedeck record did not finish within 60 s");
        }
        const QString stdoutText = QString::fromUtf8(cli.readAllStandardOutput());
        const QString stderrText = QString::fromUtf8(cli.readAllStandardError());
        QVERIFY2(cli.exitCode() == 0, qPrintable(stderrText));
        const QString saved = QFileInfo(folder + QStringLiteral("/m_rtmp.mp4")).absoluteFilePath();
        QVERIFY2(stderrText.contains(saved), qPrintable(stderrText));
        QVERIFY2(!stderrText.contains(QStringLiteral("***/m_rtmp")), qPrintable(stderrText));
        // The key itself never appears where it is the key.
        QVERIFY2(stdoutText.contains(QStringLiteral("/live/***")), qPrintable(stdoutText));
        QString rest = stdoutText + stderrText;
        rest.remove(folder);
        QVERIFY2(!rest.contains(QStringLiteral("/multi")) && !rest.contains(QStringLiteral("=multi"))
                     && !rest.contains(QStringLiteral("= multi")),
                 qPrintable(rest));
    }

    // A wrong password fails with an error that does not repeat it.
    void rejectedCredentialsAreNotEchoed()
    {
        NET_REQUIRE(haveGstRtspServer(), "python3-gi + gir1.2-gst-rtsp-server-1.0");
        ScriptPeer server;
        QString err;
        QVERIFY2(server.start(systemPython(),
                              {peerScript(QStringLiteral("rtsp_server.py")), QStringLiteral("--port"),
                               QString::number(testsupport::freeTcpPort()), QStringLiteral("--user"), kUser,
                               QStringLiteral("--password"), QStringLiteral("right-one")},
                              &err),
                 qPrintable(err));
        LogCapture log;
        QTemporaryDir out;
        const QString url = QStringLiteral("rtsp://%1:%2@127.0.0.1:%3/test").arg(kUser, kPass).arg(server.port());
        Recorder rec(liveParams(url, tapedeck::ContainerType::MpegTs, out.filePath(QStringLiteral("rec"))));
        const tapedeck::Status st = rec.start();
        if (st.ok()) {
            QVERIFY2(rec.waitEnded(30000), qPrintable(describe(rec)));
            QCOMPARE(rec.session().state(), tapedeck::RecordState::Failed);
        }
        const QString message = st.ok() ? rec.session().errorMessage() : st.message();
        QVERIFY2(!message.isEmpty(), "no error for rejected credentials");
        assertClean(QStringLiteral("the error"), message.toUtf8(), {kPass});
        assertClean(QStringLiteral("the log"), log.text().toUtf8(), {kPass});
    }
};

QTEST_GUILESS_MAIN(TstNetCanary)
#include "tst_net_canary.moc"

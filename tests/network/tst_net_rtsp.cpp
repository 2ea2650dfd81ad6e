// RTSP from a real RTSP server (GStreamer's gst-rtsp-server via python3-gi),
// over TCP (interleaved) and over UDP. The server accepts only the transport
// under test and reports what each SETUP asked for, so a pass proves the
// transport.
#include "NetTest.h"

using namespace nettest;

class TstNetRtsp : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { m_haveServer = haveGstRtspServer(); }

    void record_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("transport");
        for (const char *t : {"tcp", "udp"})
            for (const char *f : {"ts", "flv", "mp4"})
                QTest::newRow(QByteArray(f).append(' ').append(t).constData())
                    << QString::fromLatin1(f) << QString::fromLatin1(t);
    }
    void record()
    {
        QFETCH(QString, format);
        QFETCH(QString, transport);
        NET_REQUIRE(m_haveServer, "python3-gi + gir1.2-gst-rtsp-server-1.0");
        const quint16 port = testsupport::freeTcpPort();
        ScriptPeer server;
        QString err;
        QVERIFY2(server.start(systemPython(),
                              {peerScript(QStringLiteral("rtsp_server.py")), QStringLiteral("--port"),
                               QString::number(port), QStringLiteral("--protocols"), transport},
                              &err),
                 qPrintable(err));
        QTemporaryDir dir;
        // FFmpeg's RTSP client reads the transport from the URL (?tcp / ?udp).
        const QString url = QStringLiteral("rtsp://127.0.0.1:%1/test?%2").arg(port).arg(transport);
        recordAndJudge(liveParams(url, containerOf(format), dir.filePath(QStringLiteral("rec"))), 200, 30000);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(server.countLinesStartingWith(QStringLiteral("SETUP ") + transport) >= 1,
                 qPrintable(server.lines().join(u'|')));
    }

private:
    bool m_haveServer = false;
};

QTEST_GUILESS_MAIN(TstNetRtsp)
#include "tst_net_rtsp.moc"

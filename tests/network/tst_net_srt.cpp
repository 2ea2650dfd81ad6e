// SRT: Tapedeck as caller (ffmpeg listens and serves MPEG-TS) and as listener
// (ffmpeg calls in and pushes), each with and without a passphrase. The
// passphrase must never reach the log or the output folder in clear.
#include "NetTest.h"

using namespace nettest;
using tapedeck::RecordState;

namespace {
const QString kPassphrase = QStringLiteral("canary-srt-Passphrase-7f3a");

void addSrtRows()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("encrypted");
    for (const char *f : {"ts", "flv", "mp4"}) {
        QTest::newRow(QByteArray(f).append(" plain").constData()) << QString::fromLatin1(f) << false;
        QTest::newRow(QByteArray(f).append(" passphrase").constData()) << QString::fromLatin1(f) << true;
    }
}

QString srtUrl(quint16 port, const QString &mode, bool encrypted)
{
    QString u = QStringLiteral("srt://127.0.0.1:%1?mode=%2").arg(port).arg(mode);
    if (encrypted)
        u += QStringLiteral("&passphrase=") + kPassphrase + QStringLiteral("&pbkeylen=16");
    return u;
}

void checkNoPassphrase(const LogCapture &log, const QString &dir, const QString &extraText = {})
{
    QVERIFY2(!log.text().contains(kPassphrase), "the SRT passphrase reached the log");
    QVERIFY2(!extraText.contains(kPassphrase), "the SRT passphrase reached the session's visible strings");
    const QStringList hits = filesContaining(dir, kPassphrase.toUtf8());
    QVERIFY2(hits.isEmpty(), qPrintable(QStringLiteral("passphrase found in ") + hits.join(u',')));
}
} // namespace

class TstNetSrt : public QObject {
    Q_OBJECT
private slots:
    void caller_data() { addSrtRows(); }
    void caller()
    {
        QFETCH(QString, format);
        QFETCH(bool, encrypted);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        LogCapture log;
        const quint16 port = testsupport::freeUdpPort();
        Pusher pusher; // ffmpeg is the SRT listener; it serves once a caller arrives
        QVERIFY(pusher.start(srtUrl(port, QStringLiteral("listener"), encrypted), QStringLiteral("mpegts"), 60));
        QTemporaryDir dir;
        auto p = liveParams(srtUrl(port, QStringLiteral("caller"), encrypted), containerOf(format),
                            dir.filePath(QStringLiteral("rec")));
        p.startMode = tapedeck::StartMode::WaitForStream;
        Recorder rec(p);
        const tapedeck::Status st = rec.start();
        QVERIFY2(st.ok(), qPrintable(st.message()));
        QVERIFY2(rec.waitPackets(200, 30000), qPrintable(describe(rec) + pusher.stderrText()));
        const QString visible = rec.session().displaySource() + rec.stats().currentFile + rec.session().errorMessage();
        checkNoPassphrase(log, dir.path(), visible); // sidecars of an MP4 in progress included
        QVERIFY(rec.stopAndWait(10000) >= 0);
        judgeFiles(rec.files(), {});
        checkNoPassphrase(log, dir.path());
    }

    void listener_data() { addSrtRows(); }
    void listener()
    {
        QFETCH(QString, format);
        QFETCH(bool, encrypted);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        LogCapture log;
        const quint16 port = testsupport::freeUdpPort();
        QTemporaryDir dir;
        Recorder rec(liveParams(srtUrl(port, QStringLiteral("listener"), encrypted), containerOf(format),
                                dir.filePath(QStringLiteral("rec"))));
        const tapedeck::Status st = rec.start();
        QVERIFY2(st.ok(), qPrintable(st.message()));
        QVERIFY(waitFor([&] { return rec.session().state() == RecordState::Waiting; }, 5000));
        QTest::qWait(800);
        QCOMPARE(rec.stats().packets, qint64(0));

        const int seconds = 3;
        Pusher pusher;
        // SRT live mode drops what is still unsent when a socket closes; the
        // encoder lingers so its last frames reach us.
        QVERIFY(pusher.start(srtUrl(port, QStringLiteral("caller"), encrypted) + QStringLiteral("&linger=5"),
                             QStringLiteral("mpegts"), seconds));
        QVERIFY2(pusher.waitFinished(30000), "the encoder did not finish");
        const QString pushErr = pusher.stderrText();
        QVERIFY2(rec.waitPackets(seconds * 30, 10000), qPrintable(describe(rec) + pushErr));
        QVERIFY(rec.waitSettled(10000));
        QVERIFY(rec.stopAndWait(10000) >= 0);
        std::vector<MediaReport> reports;
        judgeFiles(rec.files(), {}, &reports);
        if (QTest::currentTestFailed())
            return;
        const int video = totalVideo(reports);
        QVERIFY(reports.front().firstVideoIsKey);
        QCOMPARE(video, seconds * 30); // armed first: the very first frame is in
        checkNoPassphrase(log, dir.path());
    }
};

QTEST_GUILESS_MAIN(TstNetSrt)
#include "tst_net_srt.moc"

// Track selection (issue 13): a live multi-program MPEG-TS over UDP from a
// real ffmpeg, recorded with a choice of program and tracks into every
// container; ffprobe says which streams (and languages) reached the file and
// ffmpeg decodes it without an error. A choice the stream cannot satisfy is
// a clear error, at the start and after a reconnect.
#include "NetTest.h"

#include "core/app/Prober.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace nettest;
using tapedeck::RecordState;

namespace {

// Program 1 "Eins": 160x120 video at 10 fps, Spanish audio at 32 kHz.
// Program 2 "Zwei": 320x240 video at 30 fps, German audio at 48 kHz and
// (unless `english` is false) English audio at 44.1 kHz. The sample rates
// tell the audio tracks apart where a container has no language (FLV).
class MultiProgramSender {
public:
    ~MultiProgramSender() { stop(); }
    bool start(quint16 port, bool english = true, double seconds = 120)
    {
        const QString t = QString::number(seconds);
        QStringList args{QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
                         QStringLiteral("-re")};
        auto input = [&](const QString &graph) {
            args << QStringLiteral("-f") << QStringLiteral("lavfi") << QStringLiteral("-i") << graph;
        };
        input(QStringLiteral("testsrc2=size=160x120:rate=10:duration=%1").arg(t));
        input(QStringLiteral("sine=frequency=300:sample_rate=32000:duration=%1").arg(t));
        input(QStringLiteral("testsrc2=size=320x240:rate=30:duration=%1").arg(t));
        input(QStringLiteral("sine=frequency=440:sample_rate=48000:duration=%1").arg(t));
        if (english)
            input(QStringLiteral("sine=frequency=660:sample_rate=44100:duration=%1").arg(t));
        for (const char *m : {"0:v", "1:a", "2:v", "3:a"})
            args << QStringLiteral("-map") << QLatin1String(m);
        if (english)
            args << QStringLiteral("-map") << QStringLiteral("4:a");
        args << QStringLiteral("-c:v") << QStringLiteral("libx264") << QStringLiteral("-preset")
             << QStringLiteral("ultrafast") << QStringLiteral("-tune") << QStringLiteral("zerolatency")
             << QStringLiteral("-g") << QStringLiteral("10") << QStringLiteral("-pix_fmt") << QStringLiteral("yuv420p")
             << QStringLiteral("-c:a") << QStringLiteral("aac") << QStringLiteral("-b:a") << QStringLiteral("64k")
             << QStringLiteral("-metadata:s:a:0") << QStringLiteral("language=spa") << QStringLiteral("-metadata:s:a:1")
             << QStringLiteral("language=deu");
        if (english)
            args << QStringLiteral("-metadata:s:a:2") << QStringLiteral("language=eng");
        args << QStringLiteral("-program") << QStringLiteral("program_num=1:title=Eins:st=0:st=1")
             << QStringLiteral("-program")
             << (english ? QStringLiteral("program_num=2:title=Zwei:st=2:st=3:st=4")
                         : QStringLiteral("program_num=2:title=Zwei:st=2:st=3"))
             << QStringLiteral("-f") << QStringLiteral("mpegts")
             << QStringLiteral("udp://127.0.0.1:%1?pkt_size=1316").arg(port);
        m_proc = std::make_unique<QProcess>();
        m_proc->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_proc->start(QStringLiteral("ffmpeg"), args);
        return m_proc->waitForStarted(10000);
    }
    void stop()
    {
        if (!m_proc || m_proc->state() == QProcess::NotRunning)
            return;
        m_proc->terminate();
        if (!m_proc->waitForFinished(5000)) {
            m_proc->kill();
            m_proc->waitForFinished(5000);
        }
    }

private:
    std::unique_ptr<QProcess> m_proc;
};

struct Expected {
    QString type;     // "video" / "audio"
    QString language; // "" = not checked (FLV has no languages)
    int size = 0;     // video width / audio sample rate
};

QJsonArray probeStreams(const QString &file)
{
    return QJsonDocument::fromJson(testsupport::ffprobeJson(file)).object().value(QStringLiteral("streams")).toArray();
}

QString streamsText(const QJsonArray &streams)
{
    QStringList out;
    for (const QJsonValue &v : streams) {
        const QJsonObject s = v.toObject();
        out << QStringLiteral("%1/%2/%3/%4")
                   .arg(s.value(QStringLiteral("codec_type")).toString(),
                        s.value(QStringLiteral("tags")).toObject().value(QStringLiteral("language")).toString())
                   .arg(s.value(QStringLiteral("width")).toInt())
                   .arg(s.value(QStringLiteral("sample_rate")).toString());
    }
    return out.join(QStringLiteral(", "));
}

} // namespace

Q_DECLARE_METATYPE(std::vector<Expected>)

class TstNetTracks : public QObject {
    Q_OBJECT
private slots:
    // The probe lists both programs and every track with its language;
    // `tapedeck probe --json` says the same.
    void probeListsProgramsAndTracks()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const quint16 port = testsupport::freeUdpPort();
        MultiProgramSender sender;
        QVERIFY(sender.start(port));
        const QString url = QStringLiteral("udp://127.0.0.1:%1").arg(port);
        const tapedeck::ProbeOutcome o = tapedeck::probe(url, 30000);
        QVERIFY2(o.ok(), qPrintable(o.message()));
        const auto &progs = o.report.programs;
        QCOMPARE(int(progs.size()), 2);
        QCOMPARE(progs[0].number, 1);
        QCOMPARE(progs[1].number, 2);
        QCOMPARE(progs[0].name, QStringLiteral("Eins"));
        QCOMPARE(progs[1].name, QStringLiteral("Zwei"));
        // The default: the program of the best video (30 fps beats 10 fps).
        QVERIFY(progs[1].recorded);
        QVERIFY(!progs[0].recorded);
        QStringList two;
        for (const auto &s : progs[1].streams)
            two << QStringLiteral("%1 %2 %3 %4").arg(s.type, s.language, s.item).arg(s.recorded);
        QCOMPARE(two,
                 (QStringList{QStringLiteral("video  v:0 1"), QStringLiteral("audio deu a:deu 1"),
                              QStringLiteral("audio eng a:eng 1")}));
        QCOMPARE(progs[0].streams.size(), size_t(2));
        QCOMPARE(progs[0].streams[1].language, QStringLiteral("spa"));
        QCOMPARE(progs[0].streams[0].width, 160);
        QVERIFY(!progs[0].streams[0].recorded);

        const auto cli = testsupport::runTapedeck(
            {QStringLiteral("probe"), url, QStringLiteral("--json"), QStringLiteral("--timeout"), QStringLiteral("30")},
            60000);
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        const QJsonArray programs =
            QJsonDocument::fromJson(cli.out).object().value(QStringLiteral("programs")).toArray();
        QCOMPARE(programs.size(), 2);
        const QJsonArray tracks = programs.at(1).toObject().value(QStringLiteral("streams")).toArray();
        QCOMPARE(tracks.size(), 3);
        QCOMPARE(tracks.at(2).toObject().value(QStringLiteral("language")).toString(), QStringLiteral("eng"));
        QCOMPARE(tracks.at(2).toObject().value(QStringLiteral("track")).toString(), QStringLiteral("a:eng"));
    }

    void recordsExactlyTheChosenTracks_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("program");
        QTest::addColumn<QString>("tracks");
        QTest::addColumn<std::vector<Expected>>("expected");
        const Expected v320{QStringLiteral("video"), QString(), 320};
        const Expected deu{QStringLiteral("audio"), QStringLiteral("deu"), 48000};
        const Expected eng{QStringLiteral("audio"), QStringLiteral("eng"), 44100};
        QTest::newRow("ts, default: every audio")
            << QStringLiteral("ts") << -1 << QString() << std::vector<Expected>{v320, deu, eng};
        QTest::newRow("mp4, default: every audio")
            << QStringLiteral("mp4") << -1 << QString() << std::vector<Expected>{v320, deu, eng};
        QTest::newRow("mp4, program 2, English")
            << QStringLiteral("mp4") << 2 << QStringLiteral("a:eng") << std::vector<Expected>{v320, eng};
        QTest::newRow("ts, German by number")
            << QStringLiteral("ts") << -1 << QStringLiteral("a:0") << std::vector<Expected>{v320, deu};
        QTest::newRow("ts, program 1") << QStringLiteral("ts") << 1 << QString()
                                       << std::vector<Expected>{
                                              {QStringLiteral("video"), QString(), 160},
                                              {QStringLiteral("audio"), QStringLiteral("spa"), 32000}};
        QTest::newRow("mp4, audio only") << QStringLiteral("mp4") << 2 << QStringLiteral("v:none")
                                         << std::vector<Expected>{deu, eng};
        // FLV has no languages: the sample rate says which audio it is.
        QTest::newRow("flv, English") << QStringLiteral("flv") << 2 << QStringLiteral("a:eng")
                                      << std::vector<Expected>{{QStringLiteral("video"), QString(), 320},
                                                               {QStringLiteral("audio"), QString(), 44100}};
    }
    void recordsExactlyTheChosenTracks()
    {
        QFETCH(QString, format);
        QFETCH(int, program);
        QFETCH(QString, tracks);
        QFETCH(std::vector<Expected>, expected);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        const quint16 port = testsupport::freeUdpPort();
        QTemporaryDir dir;
        auto p = liveParams(QStringLiteral("udp://127.0.0.1:%1").arg(port), containerOf(format),
                            dir.filePath(QStringLiteral("t")));
        p.startMode = tapedeck::StartMode::WaitForStream;
        p.tracks.program = program;
        auto list = tapedeck::parseTrackList(tracks);
        QVERIFY(list.ok());
        p.tracks.tracks = *list;
        Recorder rec(p);
        QVERIFY2(rec.start().ok(), "start failed");
        MultiProgramSender sender;
        QVERIFY(sender.start(port));
        QVERIFY2(rec.waitPackets(250, 60000), qPrintable(describe(rec)));
        const auto onCard = rec.session().recordedTracks();
        QVERIFY(rec.stopAndWait(10000) >= 0);
        sender.stop();
        QVERIFY2(rec.session().state() == RecordState::Finished, qPrintable(describe(rec)));
        QCOMPARE(rec.files().size(), 1);
        const QString file = rec.files().first();
        const QJsonArray streams = probeStreams(file);
        qInfo("%s: %s", qPrintable(QFileInfo(file).fileName()), qPrintable(streamsText(streams)));
        QCOMPARE(int(streams.size()), int(expected.size()));
        QCOMPARE(int(onCard.size()), int(expected.size()));
        for (int i = 0; i < streams.size(); ++i) {
            const QJsonObject s = streams.at(i).toObject();
            const Expected &e = expected[size_t(i)];
            QCOMPARE(s.value(QStringLiteral("codec_type")).toString(), e.type);
            if (!e.language.isEmpty()) {
                QCOMPARE(s.value(QStringLiteral("tags")).toObject().value(QStringLiteral("language")).toString(),
                         e.language);
                QCOMPARE(onCard[size_t(i)].language, e.language);
            }
            if (e.type == u"video")
                QCOMPARE(s.value(QStringLiteral("width")).toInt(), e.size);
            else
                QCOMPARE(s.value(QStringLiteral("sample_rate")).toString().toInt(), e.size);
        }
        const QString errors = testsupport::ffmpegDecodeErrors(file);
        QVERIFY2(errors.isEmpty(), qPrintable(errors));
    }

    // FLV holds one audio track: of German and English it keeps the first
    // and says which, in the recording's notes.
    void flvSaysWhichAudioItKept()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        const quint16 port = testsupport::freeUdpPort();
        QTemporaryDir dir;
        auto p = liveParams(QStringLiteral("udp://127.0.0.1:%1").arg(port), tapedeck::ContainerType::Flv,
                            dir.filePath(QStringLiteral("f")));
        p.startMode = tapedeck::StartMode::WaitForStream;
        Recorder rec(p);
        QVERIFY2(rec.start().ok(), "start failed");
        MultiProgramSender sender;
        QVERIFY(sender.start(port));
        QVERIFY2(rec.waitPackets(200, 60000), qPrintable(describe(rec)));
        QVERIFY(rec.stopAndWait(10000) >= 0);
        sender.stop();
        const QString notes = rec.session().notes().join(u'\n');
        qInfo("%s", qPrintable(notes));
        QVERIFY2(notes.contains(QStringLiteral("kept audio #1 (aac deu)")), qPrintable(notes));
        QVERIFY2(notes.contains(QStringLiteral("audio #2 (aac eng)")), qPrintable(notes)); // ... left out
        QCOMPARE(rec.files().size(), 1);
        const QJsonArray streams = probeStreams(rec.files().first());
        QCOMPARE(streamsText(streams), QStringLiteral("video//320/, audio//0/48000"));
        const auto onCard = rec.session().recordedTracks();
        QCOMPARE(int(onCard.size()), 2);
        QCOMPARE(onCard[1].language, QStringLiteral("deu"));
    }

    // A language the stream does not carry: the recording fails at once and
    // names what there is; no file. The command line says the same.
    void missingLanguageIsAClearError()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const quint16 port = testsupport::freeUdpPort();
        QTemporaryDir dir;
        MultiProgramSender sender;
        QVERIFY(sender.start(port));
        const QString url = QStringLiteral("udp://127.0.0.1:%1").arg(port);
        auto p = liveParams(url, tapedeck::ContainerType::MpegTs, dir.filePath(QStringLiteral("m")));
        p.openTimeoutMs = 30000;
        p.tracks.program = 2;
        p.tracks.tracks = {QStringLiteral("a:fra")};
        Recorder rec(p);
        QVERIFY2(rec.start().ok(), "start failed");
        QVERIFY2(rec.waitEnded(60000), qPrintable(describe(rec)));
        QCOMPARE(rec.session().state(), RecordState::Failed);
        const QString why = rec.session().errorMessage();
        qInfo("%s", qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("program 2 of"))
                     && why.contains(QStringLiteral("no audio track in the "
                                                    "language \"fra\""))
                     && why.contains(QStringLiteral("a:0 deu, a:1 eng")),
                 qPrintable(why));
        QVERIFY(rec.files().isEmpty());
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());

        const auto cli = testsupport::runTapedeck(
            {QStringLiteral("record"), url, QStringLiteral("--type"), QStringLiteral("ts"), QStringLiteral("--out"),
             dir.filePath(QStringLiteral("cli")), QStringLiteral("--program"), QStringLiteral("7"),
             QStringLiteral("--open-timeout"), QStringLiteral("30"), QStringLiteral("-q")},
            90000);
        qInfo("%s", cli.err.constData());
        QVERIFY(cli.exitCode != 0);
        QVERIFY2(cli.err.contains("has no program 7; its programs: 1 \"Eins\", 2 \"Zwei\""), cli.err.constData());
        const auto bad = testsupport::runTapedeck(
            {QStringLiteral("record"), url, QStringLiteral("--type"), QStringLiteral("ts"), QStringLiteral("--out"),
             dir.filePath(QStringLiteral("cli")), QStringLiteral("--tracks"), QStringLiteral("x:1")});
        QCOMPARE(bad.exitCode, 2); // a usage error, said before anything opens
        QVERIFY2(bad.err.contains("--tracks: \"x:1\" is not a track"), bad.err.constData());
    }

    // The English audio that was chosen is gone when the source returns: the
    // recording ends with a clear error and keeps what it recorded (video +
    // English only), instead of going on with other tracks.
    void selectionLostOnReconnectEndsClearly()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        const quint16 port = testsupport::freeUdpPort();
        QTemporaryDir dir;
        auto p = liveParams(QStringLiteral("udp://127.0.0.1:%1").arg(port), tapedeck::ContainerType::Mp4,
                            dir.filePath(QStringLiteral("r")));
        p.startMode = tapedeck::StartMode::WaitForStream;
        p.stallTimeoutMs = 1500;
        p.retryMaxMs = 500;
        p.openTimeoutMs = 30000;
        p.tracks.program = 2;
        p.tracks.tracks = {QStringLiteral("a:eng")};
        Recorder rec(p);
        QVERIFY2(rec.start().ok(), "start failed");
        {
            MultiProgramSender first;
            QVERIFY(first.start(port));
            QVERIFY2(rec.waitPackets(250, 60000), qPrintable(describe(rec)));
            first.stop();
        }
        QVERIFY2(waitFor([&] { return rec.stats().reconnects >= 1; }, 20000), qPrintable(describe(rec)));
        MultiProgramSender second;
        QVERIFY(second.start(port, /*english=*/false));
        QVERIFY2(rec.waitEnded(90000), qPrintable(describe(rec)));
        second.stop();
        QCOMPARE(rec.session().state(), RecordState::Failed);
        const QString why = rec.session().errorMessage();
        qInfo("%s", qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("came back without the tracks chosen")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("\"eng\"")), qPrintable(why));
        QCOMPARE(rec.files().size(), 1);
        const QJsonArray streams = probeStreams(rec.files().first());
        QCOMPARE(streamsText(streams), QStringLiteral("video/und/320/, audio/eng/0/44100"));
        const QString errors = testsupport::ffmpegDecodeErrors(rec.files().first());
        QVERIFY2(errors.isEmpty(), qPrintable(errors));
    }
};

QTEST_GUILESS_MAIN(TstNetTracks)
#include "tst_net_tracks.moc"

// `tapedeck record` end to end: the real CLI writes files, real decoders
// (ffmpeg, GStreamer, ffprobe) judge them.

#include "TestSupport.h"
#include "core/app/Settings.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace testsupport;

namespace {

// (stream, pts) of every packet, in file order.
QList<QPair<int, qint64>> packetList(const QString &file)
{
    QList<QPair<int, qint64>> out;
    const ToolResult r =
        runTool(QStringLiteral("ffprobe"),
                {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_entries"),
                 QStringLiteral("packet=stream_index,pts"), QStringLiteral("-of"), QStringLiteral("csv=p=0"), file});
    for (const QByteArray &line : r.out.split('\n')) {
        const QList<QByteArray> f = line.trimmed().split(',');
        if (f.size() >= 2 && !f[0].isEmpty() && !f[1].isEmpty())
            out.append({f[0].toInt(), f[1].toLongLong()});
    }
    return out;
}

QStringList filesIn(const QString &dir)
{
    QStringList l = QDir(dir).entryList(QDir::Files, QDir::Name);
    for (QString &f : l)
        f = dir + u'/' + f;
    return l;
}

} // namespace

class TestRecordCli : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        TAPEDECK_REQUIRE_TOOL("gst-launch-1.0");
    }

    void demoDecodesCleanly_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("ts") << "ts";
        QTest::newRow("flv") << "flv";
    }
    void demoDecodesCleanly()
    {
        QFETCH(QString, type);
        QTemporaryDir dir;
        const ToolResult r = runTapedeck({QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"),
                                          type, QStringLiteral("--duration"), QStringLiteral("3"),
                                          QStringLiteral("--out"), dir.path() + QStringLiteral("/rec")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // One JSON object on stdout describing the record.
        const QJsonObject info = QJsonDocument::fromJson(r.out.trimmed()).object();
        QCOMPARE(info.value(QStringLiteral("type")).toString(), type);
        QVERIFY(info.contains(QStringLiteral("id")));
        QCOMPARE(info.value(QStringLiteral("pathToFile")).toString(), dir.path() + QStringLiteral("/rec"));
        const QString file = dir.path() + QStringLiteral("/rec.") + type;
        QVERIFY(QFile::exists(file));
        QCOMPARE(ffmpegDecodeErrors(file), QString());
        QString gstErr;
        QVERIFY2(gstreamerDecodes(file, &gstErr), qPrintable(gstErr));
        const double d = ffprobeDuration(file);
        QVERIFY2(d > 2.5 && d < 3.6, qPrintable(QString::number(d)));
        const auto counts = ffprobePacketCounts(file);
        QCOMPARE(int(counts.size()), 2); // video and audio
    }

    void chunkedTsHoldsEveryPacketOnce()
    {
        // The non-real-time demo is deterministic: the same packets whether
        // written as one file or as chunks.
        QTemporaryDir dir;
        const QString src = QStringLiteral("demo?realtime=0&seconds=7");
        ToolResult r = runTapedeck({QStringLiteral("record"), src, QStringLiteral("--type"), QStringLiteral("ts"),
                                    QStringLiteral("--out"), dir.path() + QStringLiteral("/whole/rec")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = runTapedeck({QStringLiteral("record"), src, QStringLiteral("--type"), QStringLiteral("ts"),
                         QStringLiteral("--chunk"), QStringLiteral("2"), QStringLiteral("--out"),
                         dir.path() + QStringLiteral("/parts/rec")});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        const QStringList parts = filesIn(dir.path() + QStringLiteral("/parts"));
        QCOMPARE(parts.size(), 4); // 7 s in chunks of at least 2 s, cut on 1 s GOPs
        for (int i = 0; i < parts.size(); ++i) {
            QCOMPARE(parts[i], dir.path() + QStringLiteral("/parts/rec_part%1.ts").arg(i, 4, 10, QLatin1Char('0')));
            QCOMPARE(ffmpegDecodeErrors(parts[i]), QString());
            QVERIFY(gstreamerDecodes(parts[i]));
        }
        QList<QPair<int, qint64>> joined;
        for (const QString &p : parts) {
            const auto l = packetList(p);
            QVERIFY(!l.isEmpty());
            joined += l;
        }
        auto whole = packetList(dir.path() + QStringLiteral("/whole/rec.ts"));
        QVERIFY(whole.size() > 300);
        std::sort(joined.begin(), joined.end());
        std::sort(whole.begin(), whole.end());
        QVERIFY(std::adjacent_find(joined.begin(), joined.end()) == joined.end()); // nothing twice
        QCOMPARE(joined, whole);                                                   // nothing lost
    }

    void chunkedFlvPartsStartAtZero()
    {
        QTemporaryDir dir;
        const ToolResult r =
            runTapedeck({QStringLiteral("record"), QStringLiteral("demo?realtime=0&seconds=5"),
                         QStringLiteral("--type"), QStringLiteral("flv"), QStringLiteral("--chunk"),
                         QStringLiteral("2"), QStringLiteral("--out"), dir.path() + QStringLiteral("/rec")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList parts = filesIn(dir.path());
        QCOMPARE(parts.size(), 3);
        for (const QString &p : parts) {
            QCOMPARE(ffmpegDecodeErrors(p), QString());
            const auto l = packetList(p);
            QVERIFY(!l.isEmpty());
            QVERIFY2(l.first().second < 100, "each FLV chunk starts near 0 ms");
        }
    }

    void overwriteRefusedThenAllowed()
    {
        QTemporaryDir dir;
        const QString base = dir.path() + QStringLiteral("/rec");
        QFile f(base + QStringLiteral(".ts"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious");
        f.close();
        ToolResult r = runTapedeck({QStringLiteral("record"), QStringLiteral("demo?realtime=0&seconds=2"),
                                    QStringLiteral("--type"), QStringLiteral("ts"), QStringLiteral("--out"), base});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("already exists"), r.err.constData());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("precious"));
        f.close();
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // nothing else written

        r = runTapedeck({QStringLiteral("record"), QStringLiteral("demo?realtime=0&seconds=2"),
                         QStringLiteral("--type"), QStringLiteral("ts"), QStringLiteral("--out"), base,
                         QStringLiteral("--overwrite")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(ffmpegDecodeErrors(base + QStringLiteral(".ts")), QString());
        QVERIFY(QFileInfo(base + QStringLiteral(".ts")).size() > 1000);
    }

    void helpLeavesOutTestOptionsWhichStillWork()
    {
        ToolResult r = runTapedeck({QStringLiteral("record"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("--stop-timeout"), r.out.constData());
        QVERIFY2(!r.out.contains("test-"), r.out.constData());

        // Hidden, not gone: the tests of a full disk use it.
        QTemporaryDir dir;
        const QString base = dir.path() + QStringLiteral("/rec");
        r = runTapedeck({QStringLiteral("record"), QStringLiteral("demo?realtime=0&seconds=10"),
                         QStringLiteral("--type"), QStringLiteral("ts"), QStringLiteral("--out"), base,
                         QStringLiteral("--test-fail-after-bytes"), QStringLiteral("100000")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("disk is full"), r.err.constData());
        QVERIFY(QFileInfo(base + QStringLiteral(".ts")).size() >= 90000);
    }

    void hostileNamesStayInsideOutputFolder()
    {
        QTemporaryDir dir;
        const QString out = dir.path() + QStringLiteral("/inside/deeper");
        const ToolResult r = runTapedeck({QStringLiteral("record"), QStringLiteral("demo?realtime=0&seconds=1"),
                                          QStringLiteral("--type"), QStringLiteral("ts"), QStringLiteral("--out-dir"),
                                          out, QStringLiteral("--name"), QStringLiteral("../../escaped_{source}")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QStringList inside = QDir(out).entryList(QDir::Files);
        QCOMPARE(inside.size(), 1);
        QVERIFY(inside.first().endsWith(QStringLiteral(".ts")));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
        QVERIFY(QDir(dir.path() + QStringLiteral("/inside")).entryList(QDir::Files).isEmpty());
    }

    void namedSourcesFromTheUsersList()
    {
        // The desktop app's source list, in a config home of its own.
        QTemporaryDir home;
        {
            tapedeck::Settings settings(home.path() + QStringLiteral("/config/Tapedeck/Tapedeck.conf"));
            tapedeck::saveNamedSources(settings,
                                       {{QStringLiteral("a1"), QStringLiteral("Studio demo"),
                                         QStringLiteral("demo?realtime=0&seconds=2"), false},
                                        {QStringLiteral("a2"), QStringLiteral("Locked cam"),
                                         QStringLiteral("rtsp://admin:***@127.0.0.1:1/x"), true}});
            settings.sync();
        }
        auto run = [&](const QStringList &args) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/config"));
            p.setProcessEnvironment(env);
            p.start(tapedeckBinary(), args);
            p.waitForFinished(60000);
            return std::make_pair(p.exitCode(), p.readAllStandardOutput() + p.readAllStandardError());
        };
        const QString base = home.path() + QStringLiteral("/out/rec");
        auto [rc, text] = run({QStringLiteral("record"), QStringLiteral("Studio demo"), QStringLiteral("--type"),
                               QStringLiteral("ts"), QStringLiteral("-q"), QStringLiteral("--out"), base});
        QVERIFY2(rc == 0, text.constData());
        QCOMPARE(ffmpegDecodeErrors(base + QStringLiteral(".ts")), QString());
        // A credential kept in the keychain is not guessed at: a plain refusal.
        std::tie(rc, text) = run({QStringLiteral("probe"), QStringLiteral("Locked cam")});
        QCOMPARE(rc, 2);
        QVERIFY2(text.contains("keychain"), text.constData());
    }

    void canaryPasswordAppearsNowhere()
    {
        // A port with nothing listening: the record fails, and nothing it
        // prints (FFmpeg's own log included) holds the secrets.
        QTemporaryDir dir;
        const quint16 port = freeTcpPort();
        const QString url =
            QStringLiteral("rtmp://user:CanaryPass123@127.0.0.1:%1/live/CanaryKey456?token=CanaryTok789").arg(port);
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TAPEDECK_DEBUG"), QStringLiteral("1")); // every log line, FFmpeg's too
        p.setProcessEnvironment(env);
        p.start(tapedeckBinary(),
                {QStringLiteral("record"), url, QStringLiteral("--type"), QStringLiteral("ts"),
                 QStringLiteral("--open-timeout"), QStringLiteral("2"), QStringLiteral("--out"),
                 dir.path() + QStringLiteral("/rec")});
        QVERIFY(p.waitForFinished(30000));
        const QByteArray all = p.readAllStandardOutput() + p.readAllStandardError();
        QVERIFY(p.exitCode() != 0);
        QVERIFY2(all.contains("***"), all.constData()); // the URL was shown, redacted
        for (const char *secret : {"CanaryPass123", "CanaryKey456", "CanaryTok789"})
            QVERIFY2(!all.contains(secret), all.constData());
    }

    // Issue 17: a listener URL waits for its encoder, and the start-up JSON
    // says so even without --wait.
    void listenerSaysItWaits()
    {
        QTemporaryDir dir;
        const quint16 port = freeTcpPort();
        QProcess p;
        p.start(tapedeckBinary(),
                {QStringLiteral("record"), QStringLiteral("rtmp://127.0.0.1:%1/live/x?listen=1").arg(port),
                 QStringLiteral("--type"), QStringLiteral("ts"), QStringLiteral("--out"),
                 dir.path() + QStringLiteral("/rec")});
        QVERIFY(p.waitForStarted(10000));
        QByteArray line;
        for (int i = 0; i < 100 && !line.contains('\n'); ++i) {
            p.waitForReadyRead(200);
            line += p.readAllStandardOutput();
        }
        p.terminate(); // a stop: the armed record is cancelled
        QVERIFY(p.waitForFinished(20000));
        const QJsonObject o = QJsonDocument::fromJson(line.trimmed()).object();
        QVERIFY2(o.contains(QStringLiteral("waitForStream")), line.constData());
        QCOMPARE(o.value(QStringLiteral("waitForStream")).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestRecordCli)
#include "tst_record_cli.moc"

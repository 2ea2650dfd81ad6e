// `tapedeck record --whenever-live` against a real nginx-rtmp server on
// 127.0.0.1 and real ffmpeg publishers: published twice with a pause in
// between, the stream is recorded twice into two finished files (each
// decodes without an error and lasts about as long as its publisher), the
// recorder stays armed in between and after, and a stop ends it cleanly with
// no sidecar left.

#include "TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace testsupport;

namespace {

QStringList filesIn(const QString &dir) { return QDir(dir).entryList(QDir::Files | QDir::Hidden, QDir::Name); }

// Publishes `seconds` of test pattern and waits until the publisher ended.
bool publish(const QString &url, double seconds)
{
    FfmpegPublisher pub(url, QStringLiteral("flv"), seconds);
    if (!pub.start() || !pub.waitFinished(int(seconds * 1000) + 60000))
        return false;
    return pub.process()->exitCode() == 0;
}

} // namespace

class TestWheneverLiveRtmp : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TAPEDECK_REQUIRE_TOOL("nginx");
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        TAPEDECK_REQUIRE_TOOL("gst-launch-1.0");
    }

    void recordsEachTimeTheStreamIsLive_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("mp4") << "mp4";
        QTest::newRow("ts") << "ts";
        QTest::newRow("flv") << "flv";
    }
    void recordsEachTimeTheStreamIsLive()
    {
        QFETCH(QString, type);
        NginxRtmp nginx;
        TAPEDECK_START_PEER(nginx);
        QTemporaryDir dir;
        const QString url = nginx.url(QStringLiteral("alive_") + type);
        QProcess rec;
        if (qEnvironmentVariableIsSet(
                "TAPEDECK_DEBUG")) // see what the recorder does (the checks of its words then fail)
            rec.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        rec.start(tapedeckBinary(),
                  {QStringLiteral("record"), url, QStringLiteral("--type"), type, QStringLiteral("--whenever-live"),
                   QStringLiteral("--reconnect-window"), QStringLiteral("2"), QStringLiteral("--stall-timeout"),
                   QStringLiteral("3"), QStringLiteral("--out"), dir.path() + QStringLiteral("/show")});
        QVERIFY(rec.waitForStarted(5000));
        QTest::qWait(2000); // armed, nothing published yet
        QVERIFY(filesIn(dir.path()).isEmpty());

        const QString first = QStringLiteral("show_take001.") + type;
        const QString second = QStringLiteral("show_take002.") + type;
        const double firstSeconds = 8.0;
        const double secondSeconds = 6.0;
        // What the recorder said so far (a TS or FLV take has its final name
        // from the start: its end is told by the recorder, not by the folder).
        QByteArray err;
        auto takesSaved = [&] {
            err += rec.readAllStandardError();
            return int(err.count("waiting for it to come back"));
        };
        QVERIFY(publish(url, firstSeconds));
        // The publisher left: the take's file is closed (no sidecar left)
        // while the recorder stays armed.
        QTRY_COMPARE_WITH_TIMEOUT(takesSaved(), 1, 60000);
        QCOMPARE(filesIn(dir.path()), QStringList{first});
        QCOMPARE(rec.state(), QProcess::Running);

        QVERIFY(publish(url, secondSeconds));
        QTRY_COMPARE_WITH_TIMEOUT(takesSaved(), 2, 90000);
        QCOMPARE(filesIn(dir.path()), (QStringList{first, second}));
        QTest::qWait(1000);
        QCOMPARE(rec.state(), QProcess::Running); // still waiting for the next time

        rec.terminate(); // SIGTERM: a stop, as Ctrl+C
        QVERIFY(rec.waitForFinished(30000));
        err += rec.readAllStandardError();
        QVERIFY2(rec.exitStatus() == QProcess::NormalExit && rec.exitCode() == 0, err.constData());
        QVERIFY2(err.contains("saved 2 file(s)"), err.constData());
        // Nothing else: no sidecar, no empty third take.
        QCOMPARE(filesIn(dir.path()), (QStringList{first, second}));

        const QList<QPair<QString, double>> takes{{first, firstSeconds}, {second, secondSeconds}};
        for (const auto &[name, published] : takes) {
            const QString file = dir.filePath(name);
            QCOMPARE(ffmpegDecodeErrors(file), QString());
            QVERIFY(gstreamerDecodes(file));
            // Each take is one appearance: more than a second of it (the
            // reader may sleep between attempts when it starts), never more
            // than the publisher sent.
            const double d = ffprobeDuration(file);
            QVERIFY2(d > 1.0 && d <= published + 1.0,
                     qPrintable(QStringLiteral("%1 lasts %2 s, published %3 s").arg(name).arg(d).arg(published)));
        }
        if (type == QLatin1String("mp4")) {
            // Finished like a stop: the header in front of the media (the
            // top-level boxes in order).
            for (const auto &take : takes) {
                QFile f(dir.filePath(take.first));
                QVERIFY(f.open(QIODevice::ReadOnly));
                QByteArrayList boxes;
                qint64 at = 0;
                while (at + 16 <= f.size() && boxes.size() < 16) {
                    f.seek(at);
                    const QByteArray h = f.read(16);
                    quint64 size =
                        (quint64(quint8(h[0])) << 24) | (quint8(h[1]) << 16) | (quint8(h[2]) << 8) | quint8(h[3]);
                    if (size == 1)
                        for (int i = 8; i < 16; ++i)
                            size = (i == 8 ? 0 : size << 8) | quint8(h[i]);
                    boxes << h.mid(4, 4);
                    if (size < 8)
                        break;
                    at += qint64(size);
                }
                QVERIFY2(boxes.indexOf("moov") >= 0 && boxes.indexOf("moov") < boxes.indexOf("mdat"),
                         boxes.join(' ').constData());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestWheneverLiveRtmp)
#include "tst_whenever_live_rtmp.moc"

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
        QString why;
        if (!nginx.start(&why)) {
            if (inCi())
                QFAIL(qPrintable(why));
            QSKIP(qPrintable(why));
        }
        QTemporaryDir dir;
        const QString url = nginx.url(QStringLiteral("alive_") + type);
        QProcess rec;
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
        QVERIFY(publish(url, firstSeconds));
        // The publisher left: the take's file is closed (no sidecar left)
        // while the recorder stays armed.
        QTRY_COMPARE_WITH_TIMEOUT(filesIn(dir.path()), QStringList{first}, 60000);
        QCOMPARE(rec.state(), QProcess::Running);

        QVERIFY(publish(url, secondSeconds));
        QTRY_COMPARE_WITH_TIMEOUT(filesIn(dir.path()), (QStringList{first, second}), 60000);
        QTest::qWait(1000);
        QCOMPARE(rec.state(), QProcess::Running); // still waiting for the next time

        rec.terminate(); // SIGTERM: a stop, as Ctrl+C
        QVERIFY(rec.waitForFinished(30000));
        const QByteArray err = rec.readAllStandardError();
        QVERIFY2(rec.exitStatus() == QProcess::NormalExit && rec.exitCode() == 0, err.constData());
        QVERIFY2(err.contains("waiting for it to come back"), err.constData());
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
            // Finished like a stop: the header in front of the media.
            const QByteArray head = [&] {
                QFile f(dir.filePath(first));
                return f.open(QIODevice::ReadOnly) ? f.read(64 * 1024) : QByteArray();
            }();
            QVERIFY(head.indexOf("moov") >= 0 && head.indexOf("moov") < head.indexOf("mdat"));
        }
    }
};

QTEST_GUILESS_MAIN(TestWheneverLiveRtmp)
#include "tst_whenever_live_rtmp.moc"

// "Make web-ready" (issue 17, point 7): a finished MP4 whose header went to
// the end gets it in front of the media without re-encoding; ffprobe sees
// moov before mdat and every packet's MD5 is the same
// (`ffmpeg -map 0 -c copy -f framemd5`). A failed or cancelled run, a
// leftover of a killed one and a file a recording owns never cost the
// original.

#include "Mp4TestUtil.h"
#include "TestSupport.h"

#include "core/io/FileLock.h"
#include "core/mp4/Mp4Writer.h"
#include "core/mp4/WebReady.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;
using namespace mp4test;

namespace {

QByteArray frameMd5(const QString &file)
{
    const auto r =
        testsupport::runTool(QStringLiteral("ffmpeg"),
                             {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), file,
                              QStringLiteral("-map"), QStringLiteral("0"), QStringLiteral("-c"), QStringLiteral("copy"),
                              QStringLiteral("-f"), QStringLiteral("framemd5"), QStringLiteral("-")});
    return r.exitCode == 0 ? r.out : QByteArray();
}

int indexOfBox(const QString &file, const char *type) { return topLevelBoxes(file).indexOf(QLatin1String(type)); }

} // namespace

class TestWebReady : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_endFile; // a Tapedeck recording whose header went to the end

    QString copyOf(const QString &from, const QString &name)
    {
        const QString to = QDir(m_dir.path()).filePath(name);
        QFile::remove(to);
        return QFile::copy(from, to) ? to : QString();
    }

private slots:
    void initTestCase()
    {
        if (testsupport::findTool(QStringLiteral("ffmpeg")).isEmpty()) {
            if (testsupport::inCi())
                QFAIL("required peer missing under CI: ffmpeg");
            QSKIP("ffmpeg not installed");
        }
        QString err;
        Media m;
        const QString src = makeMedia(m_dir.path(), QStringLiteral("h264_aac"), 4, &err);
        QVERIFY2(!src.isEmpty() && loadMedia(src, &m, &err), qPrintable(err));
        // A room far too small for the header: it goes after the media, as
        // after an open-ended recording longer than its room.
        Mp4WriterTuning tuning;
        tuning.reservedBytes = 512;
        auto w = makeMp4Writer(tuning);
        m_endFile = QDir(m_dir.path()).filePath(QStringLiteral("end.mp4"));
        QVERIFY(w->open(m_endFile, m.streams, {}).ok());
        QVERIFY(feed(m, *w).status.ok());
        QVERIFY(w->finish().ok());
        QVERIFY2(w->notes().join(u' ').contains(QStringLiteral("tapedeck web-ready")),
                 qPrintable(w->notes().join(u' ')));
        QVERIFY(indexOfBox(m_endFile, "moov") > indexOfBox(m_endFile, "mdat"));
    }

    void headerMovesToTheFront_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("Tapedeck recording (co64, free room)") << QStringLiteral("tapedeck");
        QTest::newRow("FFmpeg file (stco, text track)") << QStringLiteral("ffmpeg");
    }

    void headerMovesToTheFront()
    {
        QFETCH(QString, kind);
        QString file;
        if (kind == u"tapedeck") {
            file = copyOf(m_endFile, QStringLiteral("a.mp4"));
        } else {
            // FFmpeg's MP4 muxer puts the header at the end unless told otherwise.
            QString err;
            file = makeMedia(m_dir.path(), QStringLiteral("h264_aac_movtext"), 3, &err);
            QVERIFY2(!file.isEmpty(), qPrintable(err));
            QVERIFY(readAll(file).contains("stco"));
        }
        QVERIFY(!file.isEmpty());
        QVERIFY(indexOfBox(file, "moov") > indexOfBox(file, "mdat"));
        auto atEnd = mp4::headerAfterMedia(file);
        QVERIFY(atEnd.ok() && *atEnd);
        const QByteArray before = frameMd5(file);
        QVERIFY(before.count('\n') > 50);

        const auto r = mp4::makeWebReady(file);
        QVERIFY2(r.ok(), qPrintable(r.message()));
        QVERIFY(!r->alreadyWebReady);
        qInfo("%s", qPrintable(r->summary()));
        const QStringList boxes = topLevelBoxes(file);
        qInfo("boxes now: %s", qPrintable(boxes.join(u' ')));
        QVERIFY(boxes.indexOf(QStringLiteral("moov")) >= 0
                && boxes.indexOf(QStringLiteral("moov")) < boxes.indexOf(QStringLiteral("mdat")));
        QVERIFY(!boxes.contains(QStringLiteral("free")));
        QCOMPARE(QFileInfo(file).size(), qint64(r->fileSize));
        auto atEndAfter = mp4::headerAfterMedia(file);
        QVERIFY(atEndAfter.ok() && !*atEndAfter);
        // ffprobe reads the header first: no "moov atom not found" detour.
        const auto probe =
            testsupport::runTool(QStringLiteral("ffprobe"), {QStringLiteral("-v"), QStringLiteral("trace"), file});
        const QByteArray trace = probe.err;
        QVERIFY(trace.indexOf("type:'moov'") >= 0 && trace.indexOf("type:'moov'") < trace.indexOf("type:'mdat'"));
        const QByteArray after = frameMd5(file);
        QVERIFY2(after == before, "the packets changed");
        QVERIFY(testsupport::ffmpegDecodeErrors(file).isEmpty());
        QVERIFY(!QFileInfo::exists(mp4::webReadyTempPath(file)));

        // A second run has nothing to do and changes nothing.
        const QByteArray bytes = readAll(file);
        const auto again = mp4::makeWebReady(file);
        QVERIFY(again.ok() && again->alreadyWebReady);
        QCOMPARE(readAll(file), bytes);
    }

    // The command line: `tapedeck web-ready FILE` says what it did.
    void commandLine()
    {
        const QString file = copyOf(m_endFile, QStringLiteral("cli.mp4"));
        const QByteArray before = frameMd5(file);
        const auto r = testsupport::runTool(testsupport::tapedeckBinary(), {QStringLiteral("web-ready"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("web-ready"), r.out.constData());
        QVERIFY(indexOfBox(file, "moov") < indexOfBox(file, "mdat"));
        QCOMPARE(frameMd5(file), before);
        const auto missing = testsupport::runTool(testsupport::tapedeckBinary(),
                                                  {QStringLiteral("web-ready"), file + QStringLiteral(".nope")});
        QCOMPARE(missing.exitCode, 1);
    }

    // A write that fails half-way (a full disk) and a cancel: the original
    // is byte for byte what it was, and no temporary file is left.
    void interruptedRunKeepsTheOriginal_data()
    {
        QTest::addColumn<qint64>("budget");
        QTest::addColumn<bool>("cancel");
        QTest::newRow("disk full after 0 bytes") << qint64(0) << false;
        QTest::newRow("disk full in the header") << qint64(100) << false;
        QTest::newRow("disk full in the media") << qint64(50000) << false;
        QTest::newRow("cancelled") << qint64(-1) << true;
    }

    void interruptedRunKeepsTheOriginal()
    {
        QFETCH(qint64, budget);
        QFETCH(bool, cancel);
        const QString file = copyOf(m_endFile, QStringLiteral("fail.mp4"));
        const QByteArray original = readAll(file);
        mp4::WebReadyOptions o;
        std::atomic_bool stop{cancel};
        o.cancel = &stop;
        if (budget >= 0)
            o.faults = std::make_shared<IoFaultInjector>(budget, ErrorCode::DiskFull);
        const auto r = mp4::makeWebReady(file, o);
        QVERIFY(!r.ok());
        qInfo("%s", qPrintable(r.message()));
        QCOMPARE(r.error().code, cancel ? ErrorCode::Cancelled : ErrorCode::DiskFull);
        QCOMPARE(readAll(file), original);
        QVERIFY(!QFileInfo::exists(mp4::webReadyTempPath(file)));
    }

    // A run killed before its rename leaves NAME.mp4.web-ready.tmp, which
    // nobody holds; the original is intact and the next run replaces it.
    void leftoverOfAKilledRun()
    {
        const QString file = copyOf(m_endFile, QStringLiteral("killed.mp4"));
        const QByteArray original = readAll(file);
        QFile tmp(mp4::webReadyTempPath(file));
        QVERIFY(tmp.open(QIODevice::WriteOnly));
        tmp.write(original.left(original.size() / 2)); // a half-written copy
        tmp.close();
        QCOMPARE(readAll(file), original);
        const auto r = mp4::makeWebReady(file);
        QVERIFY2(r.ok(), qPrintable(r.message()));
        QVERIFY(indexOfBox(file, "moov") < indexOfBox(file, "mdat"));
        QVERIFY(!QFileInfo::exists(mp4::webReadyTempPath(file)));
    }

    // A file a live recording owns (its lock) is refused, untouched.
    void liveRecordingIsRefused()
    {
        const QString file = copyOf(m_endFile, QStringLiteral("live.mp4"));
        const QByteArray original = readAll(file);
        auto lock = FileLock::acquire(file, FileLock::Role::Recording);
        QVERIFY(lock.ok());
        const auto r = mp4::makeWebReady(file);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InUse);
        QVERIFY2(r.message().contains(QStringLiteral("being recorded")), qPrintable(r.message()));
        QCOMPARE(readAll(file), original);
        QVERIFY(!QFileInfo::exists(mp4::webReadyTempPath(file)));
    }
};

QTEST_GUILESS_MAIN(TestWebReady)
#include "tst_webready.moc"

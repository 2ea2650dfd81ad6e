// The corpus test: real recordings cut at many points, zero-filled tails,
// random bytes under a sidecar's name, index files claiming huge record
// counts. Each must get a clear verdict, never a crash; what is rebuilt must
// decode cleanly; peak memory stays bounded. Also: the scanner job's
// signals, and the frame-rate inference chain (SPS VUI, healthy MP4 beside
// it, --fps).

#include "RecoveryTestUtil.h"

#include "core/parsers/AnnexB.h"
#include "core/recovery/Classifier.h"
#include "core/recovery/Recover.h"
#include "core/recovery/Scanner.h"
#include "core/app/StartupScan.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <unistd.h>

using namespace tapedeck::recovery;
using namespace rtest;

namespace {

long maxRssKb()
{
    struct rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), data.size());
}

// Removes the VUI from every SPS (what some encoders write): the rebuilt
// file must then take its frame rate from somewhere else.
QByteArray stripVui(const QByteArray &stream)
{
    QByteArray out;
    const auto *d = reinterpret_cast<const uint8_t *>(stream.constData());
    int64_t copied = 0;
    forEachNal(d, size_t(stream.size()), [&](const NalUnit &u) {
        if (u.type != 7)
            return true;
        const auto sps = parseSps(d + u.offset, size_t(u.size));
        if (!sps || sps->vuiFlagBit < 0)
            return true;
        const QByteArray rbsp = unescapeRbsp(d + u.offset + 1, size_t(u.size - 1));
        QByteArray bits;
        auto put = [&](int bit, int64_t pos) {
            if (pos % 8 == 0)
                bits.append('\0');
            if (bit)
                bits[int(pos / 8)] = char(bits[int(pos / 8)] | (0x80 >> (pos % 8)));
        };
        int64_t pos = 0;
        for (; pos < sps->vuiFlagBit; ++pos)
            put((uint8_t(rbsp[int(pos / 8)]) >> (7 - pos % 8)) & 1, pos);
        put(0, pos++); // vui_parameters_present_flag = 0
        put(1, pos++); // rbsp_stop_one_bit
        while (pos % 8)
            put(0, pos++);
        QByteArray escaped;
        escaped.append(char(d[u.offset]));
        int zeros = 0;
        for (char c : bits) {
            if (zeros >= 2 && uint8_t(c) <= 3) {
                escaped.append('\3');
                zeros = 0;
            }
            escaped.append(c);
            zeros = c == 0 ? zeros + 1 : 0;
        }
        out.append(stream.mid(int(copied), int(u.offset - copied)));
        out.append(escaped);
        copied = u.offset + u.size;
        return true;
    });
    out.append(stream.mid(int(copied)));
    return out;
}

} // namespace

class TestRecoveryCorpus : public QObject {
    Q_OBJECT

    QTemporaryDir m_src;
    QStringList m_sidecar, m_pair, m_flv, m_ts;
    int m_cases = 0, m_rebuilt = 0;

    // Scans `dir`; every entry has a verdict and a reason; every rebuildable
    // orphan is rebuilt (originals kept) and must decode with zero errors.
    void judge(const QString &dir, const QString &label)
    {
        ++m_cases;
        ScanParams p;
        p.paths << dir;
        const ScanResult r = scanPaths(p);
        QVERIFY2(r.errors.isEmpty(), qPrintable(label + r.errors.join(u';')));
        for (const Orphan &o : r.notRecordings)
            QVERIFY2(!o.reason.isEmpty(), qPrintable(label + o.target));
        for (const Orphan &o : r.orphans) {
            QVERIFY2(!o.reason.isEmpty(), qPrintable(label + o.target));
            if (!o.rebuildable())
                continue;
            RecoverOptions opt;
            opt.keep = true;
            opt.outDir = dir + QStringLiteral("/out");
            const RecoverOutcome out = recoverOrphan(o, opt);
            if (!out.ok) {
                // A clear refusal is a verdict too, but it must say why.
                QVERIFY2(!out.error.isEmpty(), qPrintable(label + o.target));
                continue;
            }
            if (out.cleared) {
                // Nothing in it was a frame: with --keep its files stay as they were.
                for (const QString &f : o.files)
                    QVERIFY2(QFileInfo::exists(f), qPrintable(label + f));
                continue;
            }
            ++m_rebuilt;
            const QString errors = testsupport::ffmpegDecodeErrors(out.output);
            QVERIFY2(errors.isEmpty(), qPrintable(QStringLiteral("%1 %2: %3").arg(label, out.output, errors)));
        }
    }

    QString copySet(const QStringList &files, QTemporaryDir &into)
    {
        for (const QString &f : files)
            QFile::copy(f, into.filePath(QFileInfo(f).fileName()));
        return into.path();
    }

private slots:
    void initTestCase()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const QString rec = m_src.filePath(QStringLiteral("rec"));
        QVERIFY(recordAndKill(
            {QStringLiteral("--type"), QStringLiteral("mp4"), QStringLiteral("--out"), rec, QStringLiteral("-q")},
            rec + QStringLiteral(".mp4.track1"), 16 + 40 * 30));
        for (const char *s : {".mp4.info", ".mp4.mdat", ".mp4.track1", ".mp4.track2"})
            m_sidecar << rec + QLatin1String(s);
        QVERIFY(makeRawPair(m_src.filePath(QStringLiteral("pair.mp4")), 2, 30));
        m_pair << m_src.filePath(QStringLiteral("pair.mp4.h264")) << m_src.filePath(QStringLiteral("pair.mp4.aac"));
        const QString flv = m_src.filePath(QStringLiteral("live"));
        QVERIFY(recordAndKill(
            {QStringLiteral("--type"), QStringLiteral("flv"), QStringLiteral("--out"), flv, QStringLiteral("-q")},
            flv + QStringLiteral(".flv"), 150000));
        m_flv << flv + QStringLiteral(".flv");
        const auto t = testsupport::runTapedeck(
            {QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"), QStringLiteral("ts"),
             QStringLiteral("--duration"), QStringLiteral("2"), QStringLiteral("--out"),
             m_src.filePath(QStringLiteral("feed")), QStringLiteral("-q")});
        QCOMPARE(t.exitCode, 0);
        m_ts << m_src.filePath(QStringLiteral("feed.ts"));
    }

    void truncatedAtManyPoints()
    {
        for (const QStringList &set : {m_sidecar, m_pair, m_flv, m_ts}) {
            for (const QString &member : set) {
                const qint64 size = QFileInfo(member).size();
                QList<qint64> cuts{0, 1, 7, 15, 16, 17, 41, 200};
                for (int k = 1; k <= 9; ++k)
                    cuts << size * k / 10;
                cuts << size - 1 << size - 77;
                for (qint64 cut : cuts) {
                    if (cut < 0 || cut >= size)
                        continue;
                    QTemporaryDir dir;
                    copySet(set, dir);
                    QFile f(dir.filePath(QFileInfo(member).fileName()));
                    QVERIFY(f.resize(cut));
                    judge(dir.path(), QStringLiteral("%1 cut at %2: ").arg(QFileInfo(member).fileName()).arg(cut));
                }
            }
        }
        qInfo("%d cases, %d rebuilt", m_cases, m_rebuilt);
        QVERIFY(m_rebuilt > m_cases / 3); // the cut points mostly leave something to rebuild
    }

    void zeroFilledTails()
    {
        for (const QStringList &set : {m_sidecar, m_pair, m_flv, m_ts}) {
            for (const QString &member : set) {
                QTemporaryDir dir;
                copySet(set, dir);
                QFile f(dir.filePath(QFileInfo(member).fileName()));
                QVERIFY(f.open(QIODevice::Append));
                f.write(QByteArray(64 * 1024 + 13, '\0'));
                f.close();
                judge(dir.path(), QStringLiteral("%1 + zero tail: ").arg(QFileInfo(member).fileName()));
            }
        }
    }

    void randomBytesUnderRecordingNames()
    {
        auto *rng = QRandomGenerator::global();
        const QStringList names{
            QStringLiteral("x.mp4.info"), QStringLiteral("x.mp4.mdat"), QStringLiteral("x.mp4.track1"),
            QStringLiteral("y.mp4.h264"), QStringLiteral("y.mp4.aac"),  QStringLiteral("z.flv"),
            QStringLiteral("z.ts"),       QStringLiteral("z.mp4"),      QStringLiteral("w.mp4.aac")};
        for (int round = 0; round < 20; ++round) {
            QTemporaryDir dir;
            for (const QString &n : names) {
                QByteArray junk(int(rng->bounded(1, 20000)), '\0');
                for (char &c : junk)
                    c = char(rng->bounded(256));
                writeFile(dir.filePath(n), junk);
            }
            ScanParams p;
            p.paths << dir.path();
            const ScanResult r = scanPaths(p);
            QCOMPARE(qint64(r.orphans.size() + r.notRecordings.size()) + r.healthyFiles >= 5, true);
            for (const Orphan &o : r.orphans) {
                QVERIFY2(!o.reason.isEmpty(), qPrintable(o.target));
                // Random bytes are never "complete"; a torn-looking one may be tried, never trusted.
                QVERIFY2(o.verdict != Verdict::Complete || o.kind == OrphanKind::MpegTs,
                         qPrintable(o.target + o.reason));
            }
            for (const Orphan &o : r.notRecordings)
                QVERIFY(!o.reason.isEmpty());
            const auto sidecar = std::find_if(r.orphans.cbegin(), r.orphans.cend(),
                                              [](const Orphan &o) { return o.kind == OrphanKind::SidecarSet; });
            QVERIFY(sidecar != r.orphans.cend());
            QCOMPARE(sidecar->verdict, Verdict::Unrecoverable);
        }
    }

    void hugeClaimsKeepMemoryBounded()
    {
        QTemporaryDir dir;
        copySet(m_sidecar, dir);
        // A track file that claims ~100 million records (sparse: costs no disk).
        const QString track = dir.filePath(QStringLiteral("rec.mp4.track1"));
        QFile f(track);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(16 + qint64(40) * 100'000'000));
        f.close();
        // Sparse giants under every other name, too.
        for (const char *n : {"big.mp4.h264", "big.mp4.aac", "big.ts", "big.flv", "big.mp4"}) {
            QFile g(dir.filePath(QLatin1String(n)));
            QVERIFY(g.open(QIODevice::WriteOnly));
            if (QByteArray(n).endsWith(".ts"))
                g.write(QByteArray(188 * 3, '\x47'));
            if (QByteArray(n).endsWith(".flv"))
                g.write(QByteArray("FLV\x01\x05\0\0\0\x09\0\0\0\0", 13));
            QVERIFY(g.resize(qint64(3) << 30));
        }
        const long before = maxRssKb();
        ScanParams p;
        p.paths << dir.path();
        const ScanResult r = scanPaths(p);
        const auto sidecar = std::find_if(r.orphans.cbegin(), r.orphans.cend(),
                                          [](const Orphan &o) { return o.kind == OrphanKind::SidecarSet; });
        QVERIFY(sidecar != r.orphans.cend());
        QCOMPARE(sidecar->verdict, Verdict::Unrecoverable);
        QVERIFY(sidecar->reason.contains(QLatin1String("claims")));
        for (const Orphan &o : r.orphans)
            QVERIFY(!o.reason.isEmpty());
        const long grownMb = (maxRssKb() - before) / 1024;
        qInfo("peak memory grew by %ld MB scanning %lld files of 3 GB and a 4 GB index", grownMb, r.filesSeen);
        QVERIFY2(grownMb < 256, qPrintable(QString::number(grownMb)));
    }

    void scannerJobSignals()
    {
        QTemporaryDir dir;
        for (int i = 0; i < 600; ++i)
            writeFile(dir.filePath(QStringLiteral("f%1.txt").arg(i)), "x");
        QFile::copy(m_ts.first(), dir.filePath(QStringLiteral("a.ts")));
        QFile ts(dir.filePath(QStringLiteral("a.ts")));
        QVERIFY(ts.resize(ts.size() - 100));
        Scanner scanner;
        QSignalSpy progress(&scanner, &Scanner::progress);
        QSignalSpy finished(&scanner, &Scanner::finished);
        ScanParams p;
        p.paths << dir.path();
        scanner.start(p);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
        const auto result = finished.first().first().value<ScanResult>();
        QCOMPARE(result.filesSeen, 601);
        QCOMPARE(int(result.orphans.size()), 1);
        QCOMPARE(int(result.notRecordings.size()), 600);
        QVERIFY(!result.cancelled);
        QVERIFY(progress.count() >= 1);
        QCOMPARE(progress.last().at(0).toLongLong(), 601);
        // Cancel: the job still finishes (promptly) and says so.
        Scanner second;
        QSignalSpy done2(&second, &Scanner::finished);
        second.start(p);
        second.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(done2.count() == 1, 60000);
    }

    void startupScanLooksInTheRecordingsFolder()
    {
        QTemporaryDir dir, conf;
        tapedeck::Settings settings(conf.filePath(QStringLiteral("t.ini")));
        settings.setValue(tapedeck::SettingKey::RecordingsFolder, dir.path());
        QCOMPARE(startupScanParams(settings).paths, QStringList{dir.path()});
        QVERIFY(scanRecordingsFolder(settings).orphans.empty());
        QDir().mkpath(dir.filePath(QStringLiteral("camera1")));
        for (const QString &f : m_sidecar)
            QFile::copy(f, dir.filePath(QStringLiteral("camera1/") + QFileInfo(f).fileName()));
        const ScanResult r = scanRecordingsFolder(settings);
        QCOMPARE(int(r.orphans.size()), 1);
        QCOMPARE(r.orphans[0].kind, OrphanKind::SidecarSet);
        QVERIFY(r.orphans[0].rebuildable());
    }

    void frameRateFromSpsThenNeighbourThenOption()
    {
        QTemporaryDir dir;
        const QString base = dir.filePath(QStringLiteral("cam.mp4"));
        QVERIFY(makeRawPair(base, 2, 25));
        const QByteArray stripped = stripVui(readAll(base + QStringLiteral(".h264")));
        {
            const auto head =
                inspectAnnexBHead(reinterpret_cast<const uint8_t *>(stripped.constData()), size_t(stripped.size()));
            QVERIFY(head.sps && !head.sps->timingInfoPresent);
        }
        writeFile(base + QStringLiteral(".h264"), stripped);
        // No timing anywhere: refused with the reason, and the exit status says so.
        int rc = -1;
        auto res = recoverJson({QStringLiteral("--keep"), dir.path()}, &rc);
        QCOMPARE(rc, 1);
        QCOMPARE(res[0][QStringLiteral("result")].toString(), QStringLiteral("failed"));
        QVERIFY(res[0][QStringLiteral("error")].toString().contains(QLatin1String("--fps")));
        // --fps fills the gap.
        QTemporaryDir out1;
        res = recoverJson({QStringLiteral("--keep"), QStringLiteral("--fps"), QStringLiteral("25"),
                           QStringLiteral("--out"), out1.path(), dir.path()},
                          &rc);
        QCOMPARE(rc, 0);
        QCOMPARE(res[0][QStringLiteral("frameRateSource")].toString(), QStringLiteral("--fps"));
        QVERIFY(std::abs(streamDuration(out1.filePath(QStringLiteral("cam.mp4")), "v") - 2.0) <= 1.0 / 25 + 1e-3);
        // A healthy MP4 beside it (the user's earlier recording) wins over --fps.
        const auto mk = testsupport::runTool(
            QStringLiteral("ffmpeg"),
            {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"), QStringLiteral("lavfi"),
             QStringLiteral("-i"), QStringLiteral("testsrc2=size=64x64:rate=25:duration=1"), QStringLiteral("-c:v"),
             QStringLiteral("libx264"), dir.filePath(QStringLiteral("earlier.mp4"))});
        QCOMPARE(mk.exitCode, 0);
        QTemporaryDir out2;
        res = recoverJson(
            {QStringLiteral("--fps"), QStringLiteral("50"), QStringLiteral("--out"), out2.path(), dir.path()}, &rc);
        QCOMPARE(rc, 0);
        QCOMPARE(res[0][QStringLiteral("frameRateSource")].toString(), QStringLiteral("earlier.mp4 beside it"));
        QCOMPARE(res[0][QStringLiteral("frameRate")].toDouble(), 25.0);
        QVERIFY(testsupport::ffmpegDecodeErrors(out2.filePath(QStringLiteral("cam.mp4"))).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestRecoveryCorpus)
#include "tst_recovery_corpus.moc"

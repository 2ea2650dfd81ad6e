// Damage tests for the MP4-without-index repair (issue 12): a tiny ffmpeg
// recording cut at every byte of its media, and with bytes flipped at random.
// Whatever the damage, the repair never crashes or hangs, says why when it
// refuses, and what it writes opens; cut cleanly, it decodes without error.

#include "RepairTestUtil.h"
#include "../recovery/RecoveryTestUtil.h"

#include "core/recovery/Mp4Repair.h"
#include "core/recovery/Recover.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;
using namespace tapedeck::recovery;

using repairtest::boxOffset;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QStringList tinyRecording(const QString &pattern, double seconds)
{
    return {QStringLiteral("-v"),       QStringLiteral("error"),
            QStringLiteral("-nostdin"), QStringLiteral("-y"),
            QStringLiteral("-f"),       QStringLiteral("lavfi"),
            QStringLiteral("-i"),       pattern + QStringLiteral("=size=32x32:rate=30"),
            QStringLiteral("-f"),       QStringLiteral("lavfi"),
            QStringLiteral("-i"),       QStringLiteral("sine=frequency=440:sample_rate=8000"),
            QStringLiteral("-t"),       QString::number(seconds),
            QStringLiteral("-c:v"),     QStringLiteral("libx264"),
            QStringLiteral("-bf"),      QStringLiteral("2"),
            QStringLiteral("-g"),       QStringLiteral("10"),
            QStringLiteral("-threads"), QStringLiteral("1"),
            QStringLiteral("-c:a"),     QStringLiteral("aac"),
            QStringLiteral("-b:a"),     QStringLiteral("16k"),
            QStringLiteral("-ac"),      QStringLiteral("1")};
}

} // namespace

class TestRepairDamage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QByteArray m_full;
    QString m_ref;
    qint64 m_mdat = 0, m_moov = 0;

    // Flipped bytes inside the media of `full` (bytes [mdat, moov)): no
    // crash, no hang; a refusal says why, an output opens. With a reference,
    // every other round repairs with `ref`.
    void flipAndRepair(const QByteArray &full, qint64 mdat, qint64 moov, int rounds, const QString &ref,
                       const QString &what)
    {
        const QString broken = m_dir.filePath(QStringLiteral("flip.mp4"));
        const QString out = m_dir.filePath(QStringLiteral("flip.repaired.mp4"));
        auto *rng = QRandomGenerator::global();
        int ok = 0;
        for (int round = 0; round < rounds; ++round) {
            QByteArray b = full.left(moov);
            for (int i = 0, flips = int(rng->bounded(1, 9)); i < flips; ++i) {
                const qint64 at = mdat + 8 + qint64(rng->bounded(quint64(moov - mdat - 8)));
                b[at] = char(quint8(b[at]) ^ quint8(rng->bounded(1, 256)));
            }
            QVERIFY(writeAll(broken, b));
            QFile::remove(out);
            RepairParams p;
            p.inputPath = broken;
            p.referencePath = round % 2 ? ref : QString();
            p.outputPath = out;
            const auto r = repairMp4(p);
            if (!r) {
                QVERIFY(!r.message().isEmpty());
                continue;
            }
            ++ok;
            QVERIFY2(verifyPlayable(out).ok(), qPrintable(QString::number(round)));
        }
        qInfo("%s: %d of %d damaged files repaired", qPrintable(what), ok, rounds);
    }

private slots:
    void initTestCase()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const QString orig = m_dir.filePath(QStringLiteral("orig.mp4"));
        m_ref = m_dir.filePath(QStringLiteral("ref.mp4"));
        QVERIFY(testsupport::runTool(QStringLiteral("ffmpeg"), tinyRecording(QStringLiteral("testsrc2"), 0.7) << orig)
                    .exitCode
                == 0);
        QVERIFY(testsupport::runTool(QStringLiteral("ffmpeg"), tinyRecording(QStringLiteral("smptebars"), 0.5) << m_ref)
                    .exitCode
                == 0);
        m_full = readAll(orig);
        m_mdat = boxOffset(m_full, "mdat");
        m_moov = boxOffset(m_full, "moov");
        QVERIFY(m_mdat > 0 && m_moov > m_mdat);
        qInfo("media: %lld bytes", m_moov - m_mdat);
    }

    // Every truncation point from the mdat header to the end of the media:
    // planning never fails to answer, the frames it finds never shrink as
    // the file grows, and a sample of the points repairs to a clean decode.
    void everyTruncationPoint()
    {
        const QString broken = m_dir.filePath(QStringLiteral("cut.mp4"));
        const QString out = m_dir.filePath(QStringLiteral("cut.repaired.mp4"));
        int repaired = 0, refused = 0;
        int64_t lastFrames = 0;
        for (qint64 n = m_mdat; n <= m_moov; ++n) {
            QVERIFY(writeAll(broken, m_full.left(n)));
            RepairParams p;
            p.inputPath = broken;
            p.referencePath = m_ref;
            p.outputPath = out;
            // Repair (and write) every 97th point and the last; plan the others.
            if ((n - m_mdat) % 97 != 0 && n != m_moov) {
                const RepairPlan plan = planRepair(broken, m_ref);
                QVERIFY2(plan.repairable || !plan.problem.isEmpty(), qPrintable(QString::number(n)));
                continue;
            }
            QFile::remove(out);
            const auto r = repairMp4(p);
            if (!r) {
                ++refused;
                QVERIFY2(!r.message().isEmpty(), qPrintable(QString::number(n)));
                continue;
            }
            ++repaired;
            int64_t frames = 0;
            for (const RepairedTrack &t : r->tracks)
                frames += t.frames;
            QVERIFY2(frames >= lastFrames,
                     qPrintable(QStringLiteral("%1: %2 < %3").arg(n).arg(frames).arg(lastFrames)));
            lastFrames = frames;
            const QString errors = testsupport::ffmpegDecodeErrors(out);
            QVERIFY2(errors.isEmpty(), qPrintable(QStringLiteral("cut at %1: %2").arg(n).arg(errors)));
        }
        qInfo("%d cut points repaired and decoded cleanly, %d refused with a reason", repaired, refused);
        QVERIFY(repaired > 0);
    }

    // Flipped bytes inside the media: no crash, no hang; an output opens.
    void flippedBytes() { flipAndRepair(m_full, m_mdat, m_moov, 60, m_ref, QStringLiteral("aac")); }

    // Opus found without a reference (its TOC bytes, core/recovery/
    // RepairSetup.cpp opusFromRuns): a tiny recording with in-band SPS/PPS
    // cut at points across its media and with bytes flipped, no reference.
    // Each repair first tries the AAC configurations on the audio bytes
    // (about a second), so the points are a sample, not every byte.
    void opusWithoutReference()
    {
        const QString orig = m_dir.filePath(QStringLiteral("opus.mp4"));
        QStringList args = tinyRecording(QStringLiteral("testsrc2"), 1.5);
        const int ac = int(args.indexOf(QStringLiteral("aac")));
        QVERIFY(ac > 0);
        args[ac] = QStringLiteral("libopus");
        args.replace(int(args.indexOf(QStringLiteral("sine=frequency=440:sample_rate=8000"))),
                     QStringLiteral("sine=frequency=440:sample_rate=48000"));
        args << QStringLiteral("-x264-params") << QStringLiteral("repeat-headers=1") << orig;
        QVERIFY(testsupport::runTool(QStringLiteral("ffmpeg"), args).exitCode == 0);
        const QByteArray full = readAll(orig);
        const qint64 mdat = boxOffset(full, "mdat"), moov = boxOffset(full, "moov");
        QVERIFY(mdat > 0 && moov > mdat);
        const QString broken = m_dir.filePath(QStringLiteral("opus-cut.mp4"));
        const QString out = m_dir.filePath(QStringLiteral("opus-cut.repaired.mp4"));
        int repaired = 0, withOpus = 0, refused = 0;
        for (int k = 0; k <= 16; ++k) {
            const qint64 n = mdat + 16 + (moov - mdat - 16) * k / 16;
            QVERIFY(writeAll(broken, full.left(n)));
            QFile::remove(out);
            RepairParams p;
            p.inputPath = broken;
            p.outputPath = out;
            const auto r = repairMp4(p);
            if (!r) {
                ++refused;
                QVERIFY2(!r.message().isEmpty(), qPrintable(QString::number(n)));
                continue;
            }
            ++repaired;
            for (const RepairedTrack &t : r->tracks)
                withOpus += t.codec == u"opus";
            const QString errors = testsupport::ffmpegDecodeErrors(out);
            QVERIFY2(errors.isEmpty(), qPrintable(QStringLiteral("cut at %1: %2").arg(n).arg(errors)));
        }
        qInfo("opus, no reference: %d cut points repaired (%d with their Opus), %d refused with a reason", repaired,
              withOpus, refused);
        // The whole media and most cuts have enough runs to tell Opus by.
        QVERIFY(withOpus >= 8);

        flipAndRepair(full, mdat, moov, 12, QString(), QStringLiteral("opus, no reference"));
    }
};

QTEST_GUILESS_MAIN(TestRepairDamage)
#include "tst_repair_damage.moc"

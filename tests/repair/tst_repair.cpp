// Repairing MP4/MOV files other recorders left without an index (issue 12),
// with files made here by ffmpeg: recognised by the scanner in every shape
// (mdat size 0, cut, 64-bit, bare mdat, moov cut), repaired with a reference
// picked beside it and without one when the parameter sets are in-band,
// judged frame by frame against the healthy original with
// `ffmpeg -f framecrc` (size, checksum, timestamps) and decoded by ffmpeg
// and GStreamer with zero errors.

#include "RepairTestUtil.h"
#include "../recovery/RecoveryTestUtil.h"

#include "core/parsers/AacFramer.h"
#include "core/recovery/Classifier.h"
#include "core/recovery/Mp4Repair.h"
#include "core/recovery/RepairOrphan.h"
#include "core/recovery/Scanner.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace tapedeck;
using namespace tapedeck::recovery;

using repairtest::boxOffset;

namespace {

struct CrcFrame {
    qint64 pts = 0;
    qint64 size = 0;
    QByteArray crc;
};

// Per stream: the framecrc lines, and the time base.
struct FrameCrc {
    std::map<int, std::vector<CrcFrame>> frames;
    std::map<int, QByteArray> mediaType;
    std::map<int, std::pair<qint64, qint64>> timeBase; // num, den
};

FrameCrc frameCrc(const QString &file)
{
    FrameCrc out;
    const auto r =
        testsupport::runTool(QStringLiteral("ffmpeg"),
                             {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), file,
                              QStringLiteral("-map"), QStringLiteral("0"), QStringLiteral("-c"), QStringLiteral("copy"),
                              QStringLiteral("-f"), QStringLiteral("framecrc"), QStringLiteral("-")});
    for (const QByteArray &line : r.out.split('\n')) {
        if (line.startsWith("#tb")) {
            const QList<QByteArray> f = line.split(':');
            const QList<QByteArray> nd = f.value(1).trimmed().split('/');
            out.timeBase[f[0].split(' ').last().toInt()] = {nd.value(0).toLongLong(), nd.value(1).toLongLong()};
            continue;
        }
        if (line.startsWith("#media_type")) {
            const QList<QByteArray> f = line.split(':');
            out.mediaType[f[0].split(' ').last().toInt()] = f.value(1).trimmed();
            continue;
        }
        if (line.startsWith('#') || line.trimmed().isEmpty())
            continue;
        const QList<QByteArray> f = line.split(',');
        if (f.size() < 6)
            continue;
        out.frames[f[0].trimmed().toInt()].push_back(
            CrcFrame{f[2].trimmed().toLongLong(), f[4].trimmed().toLongLong(), f[5].trimmed()});
    }
    return out;
}

// Packet byte ranges of the original, per stream, in order (ffprobe).
std::map<int, std::vector<std::pair<qint64, qint64>>> packetRanges(const QString &file)
{
    std::map<int, std::vector<std::pair<qint64, qint64>>> out;
    const auto r = testsupport::runTool(QStringLiteral("ffprobe"),
                                        {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_entries"),
                                         QStringLiteral("packet=stream_index,pos,size"), QStringLiteral("-of"),
                                         QStringLiteral("csv=p=0"), file});
    for (const QByteArray &line : r.out.split('\n')) {
        const QList<QByteArray> f = line.trimmed().split(',');
        if (f.size() >= 3)
            out[f[0].toInt()].push_back({f[2].toLongLong(), f[1].toLongLong()});
    }
    return out;
}

struct Judgement {
    int present = 0, exact = 0;
    std::map<QByteArray, std::pair<int, int>> byType; // exact, present
    QString detail;
};

// Frames of `original` whose bytes lie inside `broken`, and how many of them
// `repaired` has with the same size, checksum and time. Streams pair up by
// media type and order; both files use the same time bases here (ffmpeg's
// and the repair's). Every time must match exactly, audio too: the repaired
// file marks the encoder's priming with an edit list, as the original did.
Judgement judge(const QString &original, const QString &broken, const QString &repaired)
{
    Judgement j;
    const qint64 brokenSize = QFileInfo(broken).size();
    const FrameCrc o = frameCrc(original), r = frameCrc(repaired);
    const auto ranges = packetRanges(original);
    std::map<QByteArray, int> ordinal;
    for (const auto &[index, frames] : o.frames) {
        const QByteArray type = o.mediaType.at(index);
        const int nth = ordinal[type]++;
        int seen = 0, repairedIndex = -1;
        for (const auto &[ri, t] : r.mediaType)
            if (t == type && seen++ == nth)
                repairedIndex = ri;
        const auto &rng = ranges.at(index);
        std::vector<CrcFrame> present;
        for (size_t k = 0; k < frames.size() && k < rng.size(); ++k)
            if (rng[k].first + rng[k].second <= brokenSize)
                present.push_back(frames[k]);
        j.present += int(present.size());
        if (repairedIndex < 0 || present.empty())
            continue;
        const auto &rf = r.frames.at(repairedIndex);
        // Times compared exactly, in units of 1/(od*rd) s (the repair may
        // choose another clock than the original; a wrong frame rate must show).
        const auto [on, od] = o.timeBase.at(index);
        const auto [rn, rd] = r.timeBase.at(repairedIndex);
        const auto usO = [&](qint64 pts) { return pts * on * rd; };
        const auto usR = [&](qint64 pts) { return pts * rn * od; };
        std::multimap<std::pair<qint64, QByteArray>, qint64> have;
        for (const CrcFrame &f : rf)
            have.insert({{usR(f.pts), f.crc}, f.size});
        int exact = 0;
        for (const CrcFrame &f : present) {
            auto it = have.find({usO(f.pts), f.crc});
            if (it != have.end() && it->second == f.size) {
                ++exact;
                have.erase(it);
            }
        }
        j.exact += exact;
        j.byType[type].first += exact;
        j.byType[type].second += int(present.size());
        // Where the first frames stand, to tell a constant shift (priming not
        // marked) from frames missing.
        const double firstO = double(usO(present.front().pts)) / double(od * rd);
        const double firstR = rf.empty() ? 0 : double(usR(rf.front().pts)) / double(od * rd);
        j.detail += QStringLiteral("%1 #%2: %3/%4 exact (first at %5 s, repaired %6 s); ")
                        .arg(QString::fromLatin1(type))
                        .arg(nth)
                        .arg(exact)
                        .arg(present.size())
                        .arg(firstO, 0, 'f', 4)
                        .arg(firstR, 0, 'f', 4);
    }
    return j;
}

bool ffmpegMake(const QStringList &args)
{
    const auto r = testsupport::runTool(
        QStringLiteral("ffmpeg"),
        QStringList{QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-nostdin"), QStringLiteral("-y")}
            + args,
        120000);
    if (r.exitCode != 0)
        qWarning("ffmpeg: %s", r.err.constData());
    return r.exitCode == 0;
}

// A 6 s H.264 (B-frames) + AAC recording, as ffmpeg's mp4 muxer writes it.
QStringList recordingArgs(const QString &pattern, double seconds, bool inBand)
{
    QStringList a{QStringLiteral("-f"),       QStringLiteral("lavfi"),
                  QStringLiteral("-i"),       pattern + QStringLiteral("=size=160x120:rate=30"),
                  QStringLiteral("-f"),       QStringLiteral("lavfi"),
                  QStringLiteral("-i"),       QStringLiteral("sine=frequency=440:sample_rate=48000"),
                  QStringLiteral("-t"),       QString::number(seconds),
                  QStringLiteral("-c:v"),     QStringLiteral("libx264"),
                  QStringLiteral("-preset"),  QStringLiteral("veryfast"),
                  QStringLiteral("-bf"),      QStringLiteral("3"),
                  QStringLiteral("-g"),       QStringLiteral("60"),
                  QStringLiteral("-threads"), QStringLiteral("1")};
    if (inBand)
        a << QStringLiteral("-x264-params") << QStringLiteral("repeat-headers=1");
    a << QStringLiteral("-c:a") << QStringLiteral("aac") << QStringLiteral("-b:a") << QStringLiteral("64k")
      << QStringLiteral("-ac") << QStringLiteral("2");
    return a;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(data), qint64(data.size()));
}

} // namespace

class TestRepair : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_orig, m_ref, m_inband;

    void checkDecodes(const QString &file)
    {
        const QString errors = testsupport::ffmpegDecodeErrors(file);
        QVERIFY2(errors.isEmpty(), qPrintable(file + QStringLiteral(": ") + errors));
        QString why;
        QVERIFY2(rtest::gstDecodesAll(file, &why), qPrintable(file + QStringLiteral(": ") + why));
    }

    // A folder holding `broken` (and the reference when asked).
    QString caseDir(const QString &name, const QByteArray &broken, bool withReference)
    {
        const QString d = m_dir.filePath(name);
        QDir().mkpath(d);
        writeAll(d + QStringLiteral("/broken.mp4"), broken);
        if (withReference)
            QFile::copy(m_ref, d + QStringLiteral("/reference.mp4"));
        return d;
    }

    Orphan scanOne(const QString &dir)
    {
        ScanParams p;
        p.paths << dir;
        const ScanResult r = scanPaths(p);
        for (const Orphan &o : r.orphans)
            if (o.kind == OrphanKind::Mp4NoIndex)
                return o;
        return Orphan{};
    }

    // Repairs `dir`'s broken.mp4 and judges it against `original`.
    // `only`: judge the frames of that media type only (the others may be lost).
    void repairAndJudge(const QString &dir, const QString &original, bool expectReference,
                        const QString &outExt = QStringLiteral("mp4"), const QByteArray &only = {},
                        QStringList *notes = nullptr)
    {
        Orphan o = scanOne(dir);
        QCOMPARE(o.kind, OrphanKind::Mp4NoIndex);
        QVERIFY2(o.rebuildable(), qPrintable(o.reason));
        QCOMPARE(!o.reference.isEmpty(), expectReference);
        const QByteArray before = QCryptographicHash::hash(readAll(o.target), QCryptographicHash::Sha256);
        RecoverOptions opt;
        const RecoverOutcome out = recoverOrphan(o, opt);
        QVERIFY2(out.ok, qPrintable(out.error));
        QCOMPARE(out.output, dir + QStringLiteral("/broken.repaired.") + outExt);
        // The original is someone else's file: never touched, never removed.
        QCOMPARE(QCryptographicHash::hash(readAll(o.target), QCryptographicHash::Sha256), before);
        QVERIFY(out.removed.isEmpty());
        checkDecodes(out.output);
        const Judgement j = judge(original, o.target, out.output);
        qInfo("%s: %d of %d frames exact with timing: %s", qPrintable(QFileInfo(dir).fileName()), j.exact, j.present,
              qPrintable(j.detail));
        if (notes)
            *notes = out.notes;
        if (!only.isEmpty()) {
            const auto [exact, present] = j.byType.count(only) ? j.byType.at(only) : std::pair<int, int>{0, 0};
            QVERIFY(present > 50);
            QVERIFY2(exact * 100 >= present * 99, qPrintable(j.detail));
            return;
        }
        QVERIFY(j.present > 100);
        QVERIFY2(j.exact * 100 >= j.present * 99, qPrintable(j.detail));
    }

private slots:
    void initTestCase()
    {
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        TAPEDECK_REQUIRE_TOOL("gst-launch-1.0");
        QVERIFY(m_dir.isValid());
        m_orig = m_dir.filePath(QStringLiteral("orig.mp4"));
        m_ref = m_dir.filePath(QStringLiteral("ref.mp4"));
        m_inband = m_dir.filePath(QStringLiteral("inband.mp4"));
        QVERIFY(ffmpegMake(recordingArgs(QStringLiteral("testsrc2"), 6, false) << m_orig));
        QVERIFY(ffmpegMake(recordingArgs(QStringLiteral("smptebars"), 2, false) << m_ref));
        QVERIFY(ffmpegMake(recordingArgs(QStringLiteral("testsrc2"), 6, true) << m_inband));
    }

    // Every shape of "mdat but no usable moov" is listed as repairable (the
    // old scanner called all of them "not rebuilt").
    void recognisesEveryShape()
    {
        const QByteArray full = readAll(m_orig);
        const qint64 mdat = boxOffset(full, "mdat");
        const qint64 moov = boxOffset(full, "moov");
        QVERIFY(mdat > 0 && moov > mdat);
        QByteArray sizeZero = full.left(moov);
        sizeZero.replace(mdat, 4, QByteArray(4, '\0'));
        QByteArray large = full.left(int(full.size() * 0.6));
        // ffmpeg's 8-byte free box before mdat is the room for a 64-bit size.
        QCOMPARE(large.mid(mdat - 4, 4), QByteArray("free"));
        const quint64 bigSize = quint64(moov - mdat) + 8;
        QByteArray hdr("\0\0\0\1mdat", 8);
        for (int i = 7; i >= 0; --i)
            hdr.append(char(bigSize >> (8 * i)));
        large.replace(mdat - 8, 16, hdr);
        const QByteArray bare = full.mid(mdat, int(full.size() * 0.6) - mdat);
        const QByteArray moovCut = full.left(moov + 200);
        const struct {
            const char *name;
            QByteArray bytes;
            const char *why;
        } cases[] = {{"size0", sizeZero, "never written"},
                     {"cut", full.left(int(full.size() * 0.6)), "the file is cut"},
                     {"large", large, "the file is cut"},
                     {"bare", bare, "the file is cut"},
                     {"moovcut", moovCut, "cut off"}};
        for (const auto &c : cases) {
            const QString d = caseDir(QStringLiteral("shape-%1").arg(QLatin1String(c.name)), c.bytes, true);
            const Orphan o = scanOne(d);
            QCOMPARE(o.kind, OrphanKind::Mp4NoIndex);
            QVERIFY2(o.rebuildable(), qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(c.name), o.reason)));
            QVERIFY2(o.reason.contains(QStringLiteral("MP4 without index — repairable")), qPrintable(o.reason));
            QVERIFY2(o.reason.contains(QLatin1String(c.why)),
                     qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(c.name), o.reason)));
            QCOMPARE(QFileInfo(o.reference).fileName(), QStringLiteral("reference.mp4"));
        }
        // The healthy reference itself is not an orphan.
        const Orphan healthy = scanOne(m_dir.filePath(QStringLiteral("shape-cut/reference.mp4")));
        QCOMPARE(healthy.kind, OrphanKind::NotRecording);
    }

    void repairsWithReferenceBeside()
    {
        const QByteArray full = readAll(m_orig);
        repairAndJudge(caseDir(QStringLiteral("ref-cut"), full.left(int(full.size() * 0.6)), true), m_orig, true);
        // The index cut off after a complete mdat: every frame comes back.
        repairAndJudge(caseDir(QStringLiteral("ref-moovcut"), full.left(boxOffset(full, "moov") + 100), true), m_orig,
                       true);
    }

    // ffmpeg SIGKILLed while writing, parameter sets in-band, no reference.
    void repairsKilledWithoutReference()
    {
        const QString d = m_dir.filePath(QStringLiteral("killed"));
        QDir().mkpath(d);
        const QString broken = d + QStringLiteral("/broken.mp4");
        QProcess p;
        p.start(QStringLiteral("ffmpeg"),
                QStringList{QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-nostdin"),
                            QStringLiteral("-y"), QStringLiteral("-re")}
                        + recordingArgs(QStringLiteral("testsrc2"), 6, true)
                    << QStringLiteral("-flush_packets") << QStringLiteral("1") << broken);
        QVERIFY(p.waitForStarted());
        // Killed once enough media reached the disk (it writes as it goes).
        const qint64 target = QFileInfo(m_inband).size() * 45 / 100;
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(broken).size() > target, 60000);
        ::kill(pid_t(p.processId()), SIGKILL);
        p.waitForFinished();
        QVERIFY(boxOffset(readAll(broken), "moov") < 0);
        repairAndJudge(d, m_inband, false);
    }

    // x265 puts its frame rate in the SPS VUI, not the VPS: without a
    // reference the repair read 25 fps and no frame kept its time.
    void repairsHevcWithoutReference()
    {
        const QString orig = m_dir.filePath(QStringLiteral("hevc.mp4"));
        QVERIFY(ffmpegMake({QStringLiteral("-f"),
                            QStringLiteral("lavfi"),
                            QStringLiteral("-i"),
                            QStringLiteral("testsrc2=size=160x120:rate=30"),
                            QStringLiteral("-f"),
                            QStringLiteral("lavfi"),
                            QStringLiteral("-i"),
                            QStringLiteral("sine=frequency=440:sample_rate=48000"),
                            QStringLiteral("-t"),
                            QStringLiteral("6"),
                            QStringLiteral("-c:v"),
                            QStringLiteral("libx265"),
                            QStringLiteral("-x265-params"),
                            QStringLiteral("log-level=error:pools=1:frame-threads=1:bframes=3:repeat-headers=1"),
                            QStringLiteral("-tag:v"),
                            QStringLiteral("hvc1"),
                            QStringLiteral("-c:a"),
                            QStringLiteral("aac"),
                            QStringLiteral("-b:a"),
                            QStringLiteral("64k"),
                            orig}));
        const QByteArray full = readAll(orig);
        repairAndJudge(caseDir(QStringLiteral("hevc-noref"), full.left(int(full.size() * 0.6)), false), orig, false);
    }

    // A recording made with ffmpeg's encoder settings `enc` (video `rate`,
    // 6 s) into orig.EXT and reference.EXT (2 s, other picture and tone),
    // the original cut at 60 % as broken.EXT in its own folder.
    QString makeCase(const QString &name, const QString &ext, const QStringList &enc, QString *orig,
                     bool withReference = true, const QString &rate = QStringLiteral("30"))
    {
        const QString d = m_dir.filePath(name);
        QDir().mkpath(d);
        *orig = m_dir.filePath(name + QStringLiteral(".orig.") + ext);
        const auto args = [&](const QString &pattern, const QString &freq, const QString &seconds) {
            return QStringList{QStringLiteral("-f"), QStringLiteral("lavfi"),
                               QStringLiteral("-i"), pattern + QStringLiteral("=size=160x120:rate=") + rate,
                               QStringLiteral("-f"), QStringLiteral("lavfi"),
                               QStringLiteral("-i"), QStringLiteral("sine=frequency=%1:sample_rate=48000").arg(freq),
                               QStringLiteral("-t"), seconds}
            + enc;
        };
        if (!ffmpegMake(args(QStringLiteral("testsrc2"), QStringLiteral("440"), QStringLiteral("6")) << *orig))
            return {};
        if (withReference
            && !ffmpegMake(args(QStringLiteral("smptebars"), QStringLiteral("1000"), QStringLiteral("2"))
                           << d + QStringLiteral("/reference.") + ext))
            return {};
        const QByteArray full = readAll(*orig);
        writeAll(d + QStringLiteral("/broken.") + ext, full.left(int(full.size() * 0.6)));
        return d;
    }

    // HEVC + PCM in a .mov (untrunc: 248 of 362 frames, then it stops; the
    // repair refused PCM): PCM takes the bytes between the video samples.
    void repairsHevcPcmMov()
    {
        QString orig;
        const QString d =
            makeCase(QStringLiteral("hevc-pcm"), QStringLiteral("mov"),
                     {QStringLiteral("-c:v"), QStringLiteral("libx265"), QStringLiteral("-x265-params"),
                      QStringLiteral("log-level=error:pools=1:frame-threads=1:bframes=3"), QStringLiteral("-c:a"),
                      QStringLiteral("pcm_s16le"), QStringLiteral("-ac"), QStringLiteral("2")},
                     &orig);
        QVERIFY(!d.isEmpty());
        repairAndJudge(d, orig, true, QStringLiteral("mov"));
    }

    // H.264 + Opus (untrunc: 1 frame; the repair refused Opus): Opus
    // packets carry no length; they are split at their TOC bytes.
    void repairsH264Opus()
    {
        QString orig;
        const QString d = makeCase(QStringLiteral("h264-opus"), QStringLiteral("mp4"),
                                   {QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
                                    QStringLiteral("veryfast"), QStringLiteral("-bf"), QStringLiteral("3"),
                                    QStringLiteral("-threads"), QStringLiteral("1"), QStringLiteral("-c:a"),
                                    QStringLiteral("libopus"), QStringLiteral("-b:a"), QStringLiteral("64k"),
                                    QStringLiteral("-ac"), QStringLiteral("2")},
                                   &orig);
        QVERIFY(!d.isEmpty());
        repairAndJudge(d, orig, true);
        // At 96 kbit/s the packet sizes are too even to choose a split by
        // (84 % of the audio came back so); decoding the candidates decides.
        const QString d2 = makeCase(QStringLiteral("h264-opus-2997"), QStringLiteral("mp4"),
                                    {QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
                                     QStringLiteral("veryfast"), QStringLiteral("-bf"), QStringLiteral("3"),
                                     QStringLiteral("-threads"), QStringLiteral("1"), QStringLiteral("-c:a"),
                                     QStringLiteral("libopus"), QStringLiteral("-b:a"), QStringLiteral("96k"),
                                     QStringLiteral("-ac"), QStringLiteral("2")},
                                    &orig, true, QStringLiteral("30000/1001"));
        QVERIFY(!d2.isEmpty());
        repairAndJudge(d2, orig, true);
    }

    // Opus with no reference beside it: its configuration is not in the
    // stream, but its packets' TOC bytes mark it, and libopus's OpusHead
    // (pre-skip 312, 48 kHz) is the usual one. The first packet is larger
    // than the rest (the encoder starting): taking it for two packets put
    // every later packet one packet late (0 of 496 with their times).
    void repairsOpusWithoutReference()
    {
        QString orig;
        const QString d =
            makeCase(QStringLiteral("h264-opus-noref"), QStringLiteral("mp4"),
                     {QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
                      QStringLiteral("veryfast"), QStringLiteral("-bf"), QStringLiteral("3"),
                      QStringLiteral("-threads"), QStringLiteral("1"), QStringLiteral("-x264-params"),
                      QStringLiteral("repeat-headers=1"), QStringLiteral("-c:a"), QStringLiteral("libopus"),
                      QStringLiteral("-b:a"), QStringLiteral("96k"), QStringLiteral("-ac"), QStringLiteral("2")},
                     &orig, false);
        QVERIFY(!d.isEmpty());
        QStringList notes;
        repairAndJudge(d, orig, false, QStringLiteral("mp4"), {}, &notes);
        QVERIFY2(notes.join(u'\n').contains(QLatin1String("audio: Opus, 2 channel(s), 20 ms packets")),
                 qPrintable(notes.join(u'\n')));
    }

    // Audio repair cannot frame (AC-3 here): the video still comes back
    // whole and the report says the audio was left out (the whole file was
    // refused).
    void unsupportedAudioKeepsVideo()
    {
        QString orig;
        const QString d = makeCase(QStringLiteral("h264-ac3"), QStringLiteral("mp4"),
                                   {QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
                                    QStringLiteral("veryfast"), QStringLiteral("-bf"), QStringLiteral("3"),
                                    QStringLiteral("-threads"), QStringLiteral("1"), QStringLiteral("-c:a"),
                                    QStringLiteral("ac3"), QStringLiteral("-b:a"), QStringLiteral("96k")},
                                   &orig);
        QVERIFY(!d.isEmpty());
        QStringList notes;
        repairAndJudge(d, orig, true, QStringLiteral("mp4"), "video", &notes);
        QVERIFY2(notes.join(u'\n').contains(QLatin1String("audio in ac-3 format cannot be recovered")),
                 qPrintable(notes.join(u'\n')));
    }

    void cliReferenceOptionAndJson()
    {
        const QByteArray full = readAll(m_orig);
        const QString d = caseDir(QStringLiteral("cli"), full.left(int(full.size() * 0.5)), false);
        // Without the reference and without in-band parameter sets: refused, in words.
        auto r = testsupport::runTapedeck({QStringLiteral("recover"), QStringLiteral("--json"), d});
        QCOMPARE(r.exitCode, 1);
        QJsonObject j = QJsonDocument::fromJson(r.out.split('\n').first()).object();
        QCOMPARE(j[QStringLiteral("kind")].toString(), QStringLiteral("mp4-no-index"));
        QCOMPARE(j[QStringLiteral("result")].toString(), QStringLiteral("cannot-rebuild"));
        QVERIFY2(j[QStringLiteral("reason")].toString().contains(QLatin1String("reference")),
                 qPrintable(j[QStringLiteral("reason")].toString()));
        r = testsupport::runTapedeck(
            {QStringLiteral("recover"), QStringLiteral("--json"), QStringLiteral("--reference"), m_ref, d});
        QCOMPARE(r.exitCode, 0);
        j = QJsonDocument::fromJson(r.out.split('\n').first()).object();
        QCOMPARE(j[QStringLiteral("result")].toString(), QStringLiteral("rebuilt"));
        QCOMPARE(j[QStringLiteral("reference")].toString(), QFileInfo(m_ref).absoluteFilePath());
        QCOMPARE(j[QStringLiteral("output")].toString(), d + QStringLiteral("/broken.repaired.mp4"));
        const QString notes = j[QStringLiteral("notes")].toVariant().toStringList().join(u'\n');
        QVERIFY2(notes.contains(QLatin1String("video h264:")) && notes.contains(QLatin1String("audio aac:")),
                 qPrintable(notes));
        QVERIFY(QFileInfo::exists(d + QStringLiteral("/broken.mp4")));
        checkDecodes(d + QStringLiteral("/broken.repaired.mp4"));
    }

    // Every AAC frame of a recording is sized exactly like the muxer wrote
    // it, from about one decode per frame: the frames of a run from the
    // pkt_size the decoder leaves, the last one of a run (video follows)
    // from the next video sample checked by one decode. The old framer
    // bisected that last frame (~11 decodes, and most audio runs between
    // 30 fps video hold one or two frames). Mono at 128 kbit/s: frames that
    // can start with a zero byte, and fill the old one-frame window.
    void aacFramesSizedFromOneDecodeEach()
    {
        for (const auto &[channels, rate] :
             {std::pair{1, QStringLiteral("128k")}, std::pair{2, QStringLiteral("96k")}}) {
            const QString file = m_dir.filePath(QStringLiteral("aac%1.mp4").arg(channels));
            QVERIFY(ffmpegMake({QStringLiteral("-f"),
                                QStringLiteral("lavfi"),
                                QStringLiteral("-i"),
                                QStringLiteral("testsrc2=size=160x120:rate=30"),
                                QStringLiteral("-f"),
                                QStringLiteral("lavfi"),
                                QStringLiteral("-i"),
                                QStringLiteral("sine=frequency=440:sample_rate=48000"),
                                QStringLiteral("-t"),
                                QStringLiteral("4"),
                                QStringLiteral("-c:v"),
                                QStringLiteral("libx264"),
                                QStringLiteral("-preset"),
                                QStringLiteral("veryfast"),
                                QStringLiteral("-threads"),
                                QStringLiteral("1"),
                                QStringLiteral("-c:a"),
                                QStringLiteral("aac"),
                                QStringLiteral("-b:a"),
                                rate,
                                QStringLiteral("-ac"),
                                QString::number(channels),
                                file}));
            const QByteArray bytes = readAll(file);
            const qint64 mdatEnd = boxOffset(bytes, "moov");
            QVERIFY(mdatEnd > 0);
            const auto ranges = packetRanges(file);
            QCOMPARE(ranges.size(), size_t(2));
            std::set<qint64> videoStarts;
            for (const auto &[pos, size] : ranges.at(0))
                videoStarts.insert(pos);
            auto framer = AacFramer::open(makeAacLcConfig(48000, channels));
            QVERIFY(framer.ok());
            const auto *data = reinterpret_cast<const uint8_t *>(bytes.constData());
            int frames = 0, zeroStarts = 0;
            for (const auto &[pos, size] : ranges.at(1)) {
                const auto f = framer->frameAt(data + pos, mdatEnd - pos, [&, pos = pos](int64_t offset) {
                    return videoStarts.count(pos + offset) > 0;
                });
                QVERIFY2(f, qPrintable(QStringLiteral("frame %1 at %2").arg(frames).arg(pos)));
                QCOMPARE(f->size, size);
                QCOMPARE(f->samples, 1024);
                zeroStarts += bytes[pos] == 0;
                ++frames;
            }
            qInfo("%d ch: %d frames (%d start with a zero byte), %lld decoder calls", channels, frames, zeroStarts,
                  qint64(framer->decodeCalls()));
            QVERIFY(frames > 150);
            QVERIFY2(
                framer->decodeCalls() <= 3 * frames,
                qPrintable(QStringLiteral("%1 decoder calls for %2 frames").arg(framer->decodeCalls()).arg(frames)));
        }
    }

    // Progress covers the walk and the writing (half each), rises, and ends
    // at its total; a stop asked from the progress callback stops the repair
    // and leaves no output.
    void progressAndStop()
    {
        const QByteArray full = readAll(m_orig);
        const QString d = caseDir(QStringLiteral("progress"), full.left(int(full.size() * 0.8)), true);
        RepairParams p;
        p.inputPath = d + QStringLiteral("/broken.mp4");
        p.referencePath = d + QStringLiteral("/reference.mp4");
        p.outputPath = d + QStringLiteral("/out.mp4");
        std::vector<std::pair<qint64, qint64>> calls;
        p.progress = [&](qint64 done, qint64 total) { calls.push_back({done, total}); };
        QVERIFY(repairMp4(p).ok());
        QVERIFY(calls.size() >= 2);
        for (size_t i = 0; i < calls.size(); ++i) {
            QVERIFY(calls[i].first <= calls[i].second);
            QCOMPARE(calls[i].second, calls.front().second);
            if (i > 0)
                QVERIFY(calls[i].first >= calls[i - 1].first);
        }
        QCOMPARE(calls.back().first, calls.back().second);
        QVERIFY2(calls.front().first * 2 <= calls.front().second, "the walk is only the first half");

        std::atomic_bool cancel{false};
        p.outputPath = d + QStringLiteral("/stopped.mp4");
        p.cancel = &cancel;
        p.progress = [&](qint64, qint64) { cancel = true; };
        const auto r = repairMp4(p);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
        QVERIFY(!QFileInfo::exists(p.outputPath));
    }

    // The same through recoverOrphan, as the CLI and the wizard call it:
    // RecoverOptions::progress rises to its end; a stop asked from it ends
    // the repair as "cancelled" (what the wizard tells a stop by), with no
    // repaired or temporary file left and the original untouched.
    void recoverOptionsProgressAndStop()
    {
        const QByteArray full = readAll(m_orig);
        const QString d = caseDir(QStringLiteral("options-progress"), full.left(int(full.size() * 0.8)), true);
        Orphan o = scanOne(d);
        QCOMPARE(o.kind, OrphanKind::Mp4NoIndex);
        QVERIFY(o.rebuildable());
        const auto filesBefore = QDir(d).entryList(QDir::Files);

        std::atomic_bool cancel{false};
        RecoverOptions opt;
        opt.cancel = &cancel;
        opt.progress = [&](qint64, qint64) { cancel = true; };
        RecoverOutcome out = recoverOrphan(o, opt);
        QVERIFY(!out.ok);
        QCOMPARE(out.error, QStringLiteral("cancelled"));
        QCOMPARE(QDir(d).entryList(QDir::Files), filesBefore);
        QCOMPARE(readAll(o.target), full.left(int(full.size() * 0.8)));

        cancel = false;
        std::vector<std::pair<qint64, qint64>> calls;
        opt.progress = [&](qint64 done, qint64 total) { calls.push_back({done, total}); };
        out = recoverOrphan(o, opt);
        QVERIFY2(out.ok, qPrintable(out.error));
        QVERIFY(calls.size() >= 2);
        for (size_t i = 0; i < calls.size(); ++i) {
            QVERIFY(calls[i].second > 0);
            QVERIFY(calls[i].first >= 0 && calls[i].first <= calls[i].second);
            QCOMPARE(calls[i].second, calls.front().second);
            if (i > 0)
                QVERIFY(calls[i].first >= calls[i - 1].first);
        }
        QCOMPARE(calls.back().first, calls.back().second);
    }

    // `tapedeck recover` shows a progress line on a terminal (a pseudo-
    // terminal from script(1), util-linux), rewritten in place up to 100 %,
    // and none with --quiet or when stderr is not a terminal.
    void cliProgressOnTerminalOnly()
    {
        TAPEDECK_REQUIRE_TOOL("script");
        const QByteArray full = readAll(m_inband);
        const QString d = caseDir(QStringLiteral("cli-progress"), full.left(boxOffset(full, "moov")), false);
        const QString repaired = d + QStringLiteral("/broken.repaired.mp4");
        const auto onTerminal = [&](const QString &extra) {
            const QString cmd = QStringLiteral("'%1' recover %2 '%3'").arg(testsupport::tapedeckBinary(), extra, d);
            const auto r = testsupport::runTool(QStringLiteral("script"),
                                                {QStringLiteral("-qec"), cmd, QStringLiteral("/dev/null")});
            return r.out;
        };
        QByteArray out = onTerminal(QString());
        QVERIFY2(QFileInfo::exists(repaired), out.constData());
        QVERIFY2(out.contains("\rrebuilding broken.mp4:  50 %") && out.contains("\rrebuilding broken.mp4: 100 %"),
                 out.constData());
        QVERIFY(out.contains("rebuilt -> "));
        QVERIFY(QFile::remove(repaired));
        out = onTerminal(QStringLiteral("--quiet"));
        QVERIFY2(QFileInfo::exists(repaired), out.constData());
        QVERIFY2(!out.contains("rebuilding broken.mp4:"), out.constData());
        QVERIFY(QFile::remove(repaired));
        const auto piped = testsupport::runTapedeck({QStringLiteral("recover"), d});
        QCOMPARE(piped.exitCode, 0);
        QVERIFY(QFileInfo::exists(repaired));
        QVERIFY2(!piped.err.contains("rebuilding broken.mp4:"), piped.err.constData());
    }

    void cancelLeavesNothing()
    {
        const QByteArray full = readAll(m_orig);
        const QString d = caseDir(QStringLiteral("cancel"), full.left(int(full.size() * 0.8)), true);
        std::atomic_bool cancel{true};
        RepairParams p;
        p.inputPath = d + QStringLiteral("/broken.mp4");
        p.referencePath = d + QStringLiteral("/reference.mp4");
        p.outputPath = d + QStringLiteral("/out.mp4");
        p.cancel = &cancel;
        const auto r = repairMp4(p);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Cancelled);
        QCOMPARE(QDir(d).entryList(QDir::Files).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestRepair)
#include "tst_repair.moc"

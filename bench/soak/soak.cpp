// Network soak: Tapedeck records an RTMP stream (ffmpeg → nginx-rtmp) through
// a TCP relay that cuts the link every N seconds, for M minutes. Prints a
// Markdown table: per drop, how long until Tapedeck noticed, how long until
// the recording continued, and the frames that cost against the GOP; then the
// whole-file accounting (frames the encoder produced while we recorded vs
// frames in the file) and what the decoders say about the file.
//
//   tapedeck_soak                 # the full run: 10 min, a drop every 30 s
//   tapedeck_soak --short         # 2 min, a drop every 20 s
//   tapedeck_soak --minutes 5 --drop-every 30 --down 2 --type flv
//
// --down S keeps the link down S seconds per drop (new connections refused);
// the frames the encoder produced while the link was down are then not
// counted against Tapedeck.
#include "NetSupport.h"
#include "TestSupport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QElapsedTimer>
#include <QHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <cmath>
#include <cstdio>

using namespace nettest;

namespace {

struct Drop {
    double atSec = 0;
    qint64 detectMs = -1; // cut → Tapedeck counted the drop
    qint64 resumeMs = -1; // link back → first new packet written
    int framesLost = 0;   // from the reference alignment
};

struct Args {
    double minutes = 10;
    double dropEverySec = 30;
    double downSec = 0;
    QString type = QStringLiteral("ts");
    QString keepDir;
};

Args parseArgs(const QStringList &a)
{
    Args r;
    for (int i = 1; i < a.size(); ++i) {
        const QString k = a[i];
        const QString v = i + 1 < a.size() ? a[i + 1] : QString();
        if (k == u"--short") {
            r.minutes = 2;
            r.dropEverySec = 20;
        } else if (k == u"--minutes") {
            r.minutes = v.toDouble(), ++i;
        } else if (k == u"--drop-every") {
            r.dropEverySec = v.toDouble(), ++i;
        } else if (k == u"--down") {
            r.downSec = v.toDouble(), ++i;
        } else if (k == u"--type") {
            r.type = v, ++i;
        } else if (k == u"--keep") {
            r.keepDir = v, ++i;
        }
    }
    return r;
}

void sleepPumping(qint64 ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        QCoreApplication::processEvents();
        QThread::msleep(10);
    }
}

QStringList videoHashes(const QString &file)
{
    QProcess p;
    p.start(QStringLiteral("ffprobe"),
            {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"), QStringLiteral("v"),
             QStringLiteral("-show_data_hash"), QStringLiteral("MD5"), QStringLiteral("-show_entries"),
             QStringLiteral("packet=data_hash"), QStringLiteral("-of"), QStringLiteral("csv=p=0"), file});
    p.waitForFinished(300000);
    QStringList out;
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        const QByteArray t = line.trimmed();
        const int i = t.indexOf("MD5:");
        if (i >= 0)
            out << QString::fromLatin1(t.mid(i + 4));
    }
    return out;
}

// Where each recorded frame sits in the reference; the holes between
// consecutive recorded frames are the frames a drop cost.
struct Alignment {
    int matched = 0;
    int unmatched = 0; // recorded frames not in the reference (should be 0)
    int referenceFrames = 0;
    std::vector<int> holes; // frames missing between consecutive recorded frames, in order
};

Alignment alignToReference(const QString &refPath, const QStringList &files)
{
    Alignment a;
    const QStringList ref = videoHashes(refPath);
    a.referenceFrames = int(ref.size());
    QHash<QString, int> where;
    for (int i = 0; i < ref.size(); ++i)
        where.insert(ref[i], i); // a repeated hash keeps its last index; the search below is forward-only
    int last = -1;
    for (const QString &f : files) {
        for (const QString &h : videoHashes(f)) {
            int idx = -1;
            // Forward search from the last match first (robust to repeats).
            for (int j = last + 1; j < ref.size() && j <= last + 2000; ++j)
                if (ref[j] == h) {
                    idx = j;
                    break;
                }
            if (idx < 0) {
                ++a.unmatched;
                continue;
            }
            if (last >= 0 && idx - last > 1)
                a.holes.push_back(idx - last - 1);
            last = idx;
            ++a.matched;
        }
    }
    return a;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Args args = parseArgs(app.arguments());
    constexpr int kFps = 30;
    constexpr int kGop = 30;

    testsupport::NginxRtmp nginx;
    QString err;
    if (!nginx.start(&err)) {
        std::fprintf(stderr, "soak: %s\n", qPrintable(err));
        return 2;
    }
    Pusher pusher;
    const double total = args.minutes * 60;
    if (!pusher.start(nginx.url(QStringLiteral("soak")), QStringLiteral("flv"), total + 120)) {
        std::fprintf(stderr, "soak: ffmpeg did not start\n");
        return 2;
    }
    ScriptPeer relay;
    if (!relay.start(systemPython(),
                     {peerScript(QStringLiteral("tcp_proxy.py")), QStringLiteral("--target"),
                      QStringLiteral("127.0.0.1:%1").arg(nginx.port())},
                     &err)) {
        std::fprintf(stderr, "soak: relay: %s\n", qPrintable(err));
        return 2;
    }

    QTemporaryDir tmp;
    const QString outDir = args.keepDir.isEmpty() ? tmp.path() : args.keepDir;
    QDir().mkpath(outDir);
    // The reference: ffmpeg copying the same stream straight from nginx, no
    // relay, no drops. Every video packet Tapedeck wrote is found in it by its
    // MD5, so each drop's loss is counted frame by frame.
    const QString refPath = QDir(outDir).filePath(QStringLiteral("reference.") + args.type);
    QProcess reference;
    reference.start(QStringLiteral("ffmpeg"),
                    {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y"),
                     QStringLiteral("-i"), nginx.url(QStringLiteral("soak")), QStringLiteral("-c"),
                     QStringLiteral("copy"), refPath});
    if (!reference.waitForStarted(5000)) {
        std::fprintf(stderr, "soak: reference ffmpeg did not start\n");
        return 2;
    }
    // The reference must be receiving before Tapedeck joins, or Tapedeck's
    // first GOP would not be in it.
    if (!waitFor([&] { return QFileInfo(refPath).size() > 100000; }, 30000)) {
        std::fprintf(stderr, "soak: the reference recording did not start\n");
        return 2;
    }
    tapedeck::RecordParams p;
    p.source = QStringLiteral("rtmp://127.0.0.1:%1/live/soak").arg(relay.port());
    p.type = tapedeck::parseContainerType(args.type).value();
    p.outBase = QDir(outDir).filePath(QStringLiteral("soak"));
    p.overwrite = tapedeck::OverwritePolicy::Replace;
    p.startMode = tapedeck::StartMode::WaitForStream;
    Recorder rec(p);
    if (auto s = rec.start(); !s) {
        std::fprintf(stderr, "soak: %s\n", qPrintable(s.message()));
        return 2;
    }
    if (!rec.waitPackets(1, 30000)) {
        std::fprintf(stderr, "soak: the recording never started\n");
        return 2;
    }
    QElapsedTimer wall;
    wall.start(); // from the first packet written
    std::fprintf(stderr, "soak: recording %s for %.0f s, a drop every %.0f s (down %.1f s)\n", qPrintable(args.type),
                 total, args.dropEverySec, args.downSec);

    std::vector<Drop> drops;
    double nextDrop = args.dropEverySec;
    while (wall.elapsed() < qint64(total * 1000)) {
        if (wall.elapsed() < qint64(nextDrop * 1000)) {
            sleepPumping(20);
            continue;
        }
        nextDrop += args.dropEverySec;
        Drop d;
        d.atSec = wall.elapsed() / 1000.0;
        const int reconnectsBefore = rec.stats().reconnects;
        QElapsedTimer cut;
        cut.start();
        relay.command(args.downSec > 0 ? QStringLiteral("down") : QStringLiteral("cut"));
        if (waitFor([&] { return rec.stats().reconnects > reconnectsBefore; }, 20000, 5))
            d.detectMs = cut.elapsed();
        if (args.downSec > 0) {
            sleepPumping(qint64(args.downSec * 1000) - cut.elapsed());
            relay.command(QStringLiteral("up"));
        }
        QElapsedTimer back;
        back.start();
        const qint64 packetsAtReturn = rec.stats().packets;
        if (waitFor([&] { return rec.stats().packets > packetsAtReturn; }, 20000, 5)) {
            // With "cut" the source never left: the whole gap since the cut is lost.
            d.resumeMs = args.downSec > 0 ? back.elapsed() : cut.elapsed();
        }
        std::fprintf(stderr, "soak: drop %zu at %.1f s: detected %lld ms, resumed %lld ms\n", drops.size() + 1, d.atSec,
                     static_cast<long long>(d.detectMs), static_cast<long long>(d.resumeMs));
        drops.push_back(d);
    }
    const double wallSec = wall.elapsed() / 1000.0;
    const tapedeck::RecordStats stats = rec.stats();
    QElapsedTimer stopTimer;
    stopTimer.start();
    const qint64 stopMs = rec.stopAndWait(10000);
    const QStringList files = rec.files();
    sleepPumping(1000);
    reference.terminate(); // ffmpeg finishes its file on SIGTERM
    if (!reference.waitForFinished(10000))
        reference.kill();
    const Alignment align = alignToReference(refPath, files);

    int video = 0;
    double claimed = 0;
    QString verdicts;
    for (const QString &f : files) {
        const MediaReport r = checkOutput(f, CheckOptions{true, true, -1, true});
        video += r.videoPackets;
        claimed += r.durationSec;
        verdicts += QStringLiteral("%1: %2; ")
                        .arg(QFileInfo(f).fileName(), r.ok ? QStringLiteral("ffmpeg+GStreamer decode clean") : r.why);
    }
    const double downTotal = args.downSec * double(drops.size());
    const int expected = int(std::lround((wallSec - downTotal) * kFps));
    const int lostTotal = expected - video;

    std::printf("## Network soak: %s, %.0f min, a drop every %.0f s%s\n\n", qPrintable(args.type), args.minutes,
                args.dropEverySec,
                args.downSec > 0 ? qPrintable(QStringLiteral(" (link down %1 s)").arg(args.downSec)) : "");
    std::printf(
        "Source: ffmpeg testsrc2 320x240 %d fps, GOP %d frames (1 s), H.264+AAC → nginx-rtmp → TCP relay "
        "(cut) → Tapedeck. Reconnect: at once after a connection that carried media for 5 s, then %lld ms ×%.1f up to "
        "%lld ms, ±15%% jitter (RecordParams defaults).\n\n",
        kFps, kGop, static_cast<long long>(p.retryInitialMs), p.retryFactor, static_cast<long long>(p.retryMaxMs));
    // Frames lost per drop come from the reference alignment: the n-th hole
    // in the recorded sequence belongs to the n-th drop. "continued after"
    // is when the writer's packet count moved again (it includes the probe
    // of the new connection, whose packets are kept, so it is not a loss).
    std::printf("| drop | at (s) | drop noticed after (ms) | writing continued after (ms) | frames lost (vs reference) "
                "| ≤ 1 GOP (%d) |\n",
                kGop);
    std::printf("|---:|---:|---:|---:|---:|:---:|\n");
    int worst = 0, over = 0;
    double sumLost = 0;
    for (size_t i = 0; i < drops.size(); ++i) {
        Drop &d = drops[i];
        d.framesLost = i < align.holes.size() ? align.holes[i] : 0;
        worst = std::max(worst, d.framesLost);
        sumLost += d.framesLost;
        over += d.framesLost > kGop ? 1 : 0;
        std::printf("| %zu | %.1f | %lld | %lld | %d | %s |\n", i + 1, d.atSec, static_cast<long long>(d.detectMs),
                    static_cast<long long>(d.resumeMs), d.framesLost, d.framesLost <= kGop ? "yes" : "**no**");
    }
    std::printf("\n| figure | value |\n|---|---:|\n");
    std::printf("| drops made / reported in stats.reconnects | %zu / %d |\n", drops.size(), stats.reconnects);
    std::printf("| frames lost per drop, mean / worst | %.1f / %d |\n", drops.empty() ? 0.0 : sumLost / drops.size(),
                worst);
    std::printf("| holes in the recording / drops | %zu / %zu |\n", align.holes.size(), drops.size());
    std::printf("| recorded video frames found in the reference / not found | %d / %d |\n", align.matched,
                align.unmatched);
    std::printf("| reference video frames | %d |\n", align.referenceFrames);
    std::printf("| drops over 1 GOP | %d |\n", over);
    std::printf("| wall time recorded (s) | %.1f |\n", wallSec);
    std::printf("| video frames expected (encoder, link up) / in the file | %d / %d |\n", expected, video);
    std::printf("| frames lost per drop, wall-clock estimate (mean) | %.1f |\n",
                drops.empty() ? 0.0 : double(lostTotal) / drops.size());
    std::printf("| duration the file claims (s) | %.1f |\n", claimed);
    std::printf("| files | %lld |\n", static_cast<long long>(files.size()));
    std::printf("| stop took (ms) | %lld |\n", static_cast<long long>(stopMs));
    std::printf("| decoders | %s |\n", qPrintable(verdicts));
    return over == 0 && stopMs >= 0 && align.unmatched == 0 ? 0 : 1;
}

// How long it takes to turn a recording into a moov-first MP4:
// Tapedeck's finish (clean stop) and rebuild (recovery) against
// `ffmpeg -c copy -movflags +faststart` on the same media, for recordings of
// about 100 MB, 1 GB and 4 GB. Prints a Markdown table.
//
// Media: one real encoded 2 s clip (720p H.264 at 20 Mbit/s + AAC, made once
// with the ffmpeg binary) repeated with rising timestamps through Tapedeck's
// MP4 writer. The finished file is also ffmpeg's input, so both sides handle
// the same samples.
//
//   tapedeck_bench_finish [--sizes 100M,1G,4G] [--runs 3] [--dir DIR]

#include "core/base/FFmpeg.h"
#include "core/base/MediaTypes.h"
#include "core/mp4/Mp4Writer.h"
#include "core/io/File.h"
#include "core/mp4/Rebuild.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace tapedeck;

namespace {

struct Seed {
    std::vector<StreamInfo> streams;
    std::vector<PacketPtr> packets;
    std::vector<int64_t> period; // per stream: how far one repetition advances the clock
    qint64 bytes = 0;
    double seconds = 2;
};

bool runFfmpeg(const QStringList &args, double *seconds = nullptr)
{
    QProcess p;
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("ffmpeg"),
            QStringList{QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y")}
                + args);
    if (!p.waitForFinished(30 * 60 * 1000) || p.exitCode() != 0) {
        std::fprintf(stderr, "ffmpeg failed: %s\n", p.readAllStandardError().constData());
        return false;
    }
    if (seconds)
        *seconds = t.nsecsElapsed() / 1e9;
    return true;
}

bool makeSeed(const QString &dir, Seed *seed)
{
    const QString path = QDir(dir).filePath(QStringLiteral("seed.mp4"));
    if (!runFfmpeg({QStringLiteral("-f"),
                    QStringLiteral("lavfi"),
                    QStringLiteral("-i"),
                    QStringLiteral("testsrc2=size=1280x720:rate=30:duration=2"),
                    QStringLiteral("-f"),
                    QStringLiteral("lavfi"),
                    QStringLiteral("-i"),
                    QStringLiteral("sine=sample_rate=48000:duration=2"),
                    QStringLiteral("-c:v"),
                    QStringLiteral("libx264"),
                    QStringLiteral("-preset"),
                    QStringLiteral("ultrafast"),
                    QStringLiteral("-b:v"),
                    QStringLiteral("20M"),
                    QStringLiteral("-g"),
                    QStringLiteral("60"),
                    QStringLiteral("-bf"),
                    QStringLiteral("2"),
                    QStringLiteral("-c:a"),
                    QStringLiteral("aac"),
                    path}))
        return false;
    AVFormatContext *raw = nullptr;
    if (avformat_open_input(&raw, QFile::encodeName(path).constData(), nullptr, nullptr) < 0)
        return false;
    InputFormatContextPtr ctx(raw);
    if (avformat_find_stream_info(ctx.get(), nullptr) < 0)
        return false;
    for (unsigned i = 0; i < ctx->nb_streams; ++i) {
        StreamInfo s;
        s.index = int(i);
        s.type = ctx->streams[i]->codecpar->codec_type;
        s.params = CodecParams(ctx->streams[i]->codecpar);
        s.timeBase = ctx->streams[i]->time_base;
        s.frameRate = ctx->streams[i]->avg_frame_rate;
        seed->streams.push_back(std::move(s));
    }
    PacketPtr pkt = makePacket();
    std::vector<int64_t> minDts(ctx->nb_streams, INT64_MAX), maxEnd(ctx->nb_streams, 0);
    while (av_read_frame(ctx.get(), pkt.get()) >= 0) {
        seed->bytes += pkt->size;
        seed->packets.push_back(clonePacket(pkt.get()));
        av_packet_unref(pkt.get());
    }
    // Start every stream at dts 0 (as the engine delivers them).
    for (const PacketPtr &p : seed->packets)
        minDts[size_t(p->stream_index)] = std::min(minDts[size_t(p->stream_index)], p->dts);
    for (PacketPtr &p : seed->packets) {
        p->dts -= minDts[size_t(p->stream_index)];
        p->pts -= minDts[size_t(p->stream_index)];
        maxEnd[size_t(p->stream_index)] =
            std::max(maxEnd[size_t(p->stream_index)], p->dts + std::max<int64_t>(1, p->duration));
    }
    seed->period = maxEnd;
    return !seed->packets.empty();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

struct Row {
    QString label;
    qint64 fileBytes = 0;
    qint64 samples = 0;
    double finishSec = 0, rebuildSec = 0, ffmpegSec = 0;
    int rebuildRuns = 0, ffmpegRuns = 0;
    QString placement;
};

bool copyFile(const QString &from, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(from, to);
}

bool measure(const Seed &seed, qint64 target, const QString &dir, int runs, Row *row)
{
    const int reps = int(std::max<qint64>(1, (target + seed.bytes - 1) / seed.bytes));
    const QString final = QDir(dir).filePath(QStringLiteral("rec.mp4"));
    WriterOptions opt;
    opt.expectedDurationMs = qint64(reps * seed.seconds * 1000); // as a chunk length would
    auto w = makeMp4Writer();
    if (auto s = w->open(final, seed.streams, opt); !s) {
        std::fprintf(stderr, "open: %s\n", qPrintable(s.message()));
        return false;
    }
    PacketPtr p = makePacket();
    for (int r = 0; r < reps; ++r) {
        for (const PacketPtr &src : seed.packets) {
            av_packet_ref(p.get(), src.get());
            const int64_t shift = seed.period[size_t(src->stream_index)] * r;
            p->dts += shift;
            p->pts += shift;
            if (auto s = w->write(p.get()); !s) {
                std::fprintf(stderr, "write: %s\n", qPrintable(s.message()));
                return false;
            }
            av_packet_unref(p.get());
            ++row->samples;
        }
    }
    // Keep the index files: after the finish, the same set is put back to
    // time the rebuild (recovery) path on identical input.
    const QStringList small = {QStringLiteral(".info"), QStringLiteral(".track1"), QStringLiteral(".track2")};
    for (const QString &s : small)
        copyFile(final + s, final + s + QStringLiteral(".keep"));

    // A real recording arrives in real time and the writer fsyncs every
    // second, so at a stop at most ~1 s of media is unsynced. This program
    // writes gigabytes in seconds; flush them first so the clock measures a
    // finish, not the page cache of a recording that never happens that fast.
    for (const QString &s : {QStringLiteral(".mdat"), QStringLiteral(".track1"), QStringLiteral(".track2")}) {
        auto f = OutputFile::open(final + s, CreateMode::OpenExisting);
        if (!f || !f->sync())
            return false;
    }
    QElapsedTimer t;
    t.start();
    auto done = w->finish();
    row->finishSec = t.nsecsElapsed() / 1e9;
    if (!done.ok()) {
        std::fprintf(stderr, "finish: %s\n", qPrintable(done.message()));
        return false;
    }
    row->fileBytes = QFileInfo(final).size();

    // Rebuild: the finished file goes back to being NAME.mp4.mdat with its
    // index beside it — the state of a finish interrupted before its rename —
    // and the recovery path finishes it again.
    std::vector<double> rebuilds;
    for (int i = 0; i < runs; ++i) {
        if (!QFile::rename(final, final + QStringLiteral(".mdat")))
            return false;
        for (const QString &s : small)
            copyFile(final + s + QStringLiteral(".keep"), final + s);
        t.restart();
        auto r = mp4::rebuildMp4(final);
        rebuilds.push_back(t.nsecsElapsed() / 1e9);
        if (!r.ok()) {
            std::fprintf(stderr, "rebuild: %s\n", qPrintable(r.message()));
            return false;
        }
        row->placement = mp4::placementName(r->placement);
    }
    row->rebuildSec = median(rebuilds);
    row->rebuildRuns = runs;

    // ffmpeg on the same media (it reads our finished MP4).
    const int ffRuns = target <= 1536LL * 1024 * 1024 ? runs : 1;
    std::vector<double> ff;
    const QString out = QDir(dir).filePath(QStringLiteral("ffmpeg.mp4"));
    for (int i = 0; i < ffRuns; ++i) {
        double sec = 0;
        if (!runFfmpeg({QStringLiteral("-i"), final, QStringLiteral("-map"), QStringLiteral("0"), QStringLiteral("-c"),
                        QStringLiteral("copy"), QStringLiteral("-movflags"), QStringLiteral("+faststart"), out},
                       &sec))
            return false;
        ff.push_back(sec);
        QFile::remove(out);
    }
    row->ffmpegSec = median(ff);
    row->ffmpegRuns = ffRuns;

    QFile::remove(final);
    for (const QString &s : small)
        QFile::remove(final + s + QStringLiteral(".keep"));
    return true;
}

qint64 parseSize(QString s)
{
    s = s.trimmed().toUpper();
    qint64 mul = 1;
    if (s.endsWith(u'G'))
        mul = 1024LL * 1024 * 1024;
    else if (s.endsWith(u'M'))
        mul = 1024LL * 1024;
    if (mul > 1)
        s.chop(1);
    return qint64(s.toDouble() * double(mul));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList sizes = {QStringLiteral("100M"), QStringLiteral("1G"), QStringLiteral("4G")};
    int runs = 3;
    QString base = QDir::tempPath();
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == u"--sizes")
            sizes = args[++i].split(u',');
        else if (args[i] == u"--runs")
            runs = std::max(1, args[++i].toInt());
        else if (args[i] == u"--dir")
            base = args[++i];
    }
    QTemporaryDir dir(QDir(base).filePath(QStringLiteral("tapedeck-bench-XXXXXX")));
    if (!dir.isValid())
        return 1;
    Seed seed;
    if (!makeSeed(dir.path(), &seed)) {
        std::fprintf(stderr, "cannot make the seed clip (is ffmpeg with libx264 installed?)\n");
        return 1;
    }

    std::vector<Row> rows;
    for (const QString &s : sizes) {
        Row row;
        row.label = s;
        std::fprintf(stderr, "measuring %s ...\n", qPrintable(s));
        if (!measure(seed, parseSize(s), dir.path(), runs, &row))
            return 1;
        rows.push_back(row);
    }

    std::printf("| recording | samples | Tapedeck finish | Tapedeck rebuild (median of %d) | "
                "ffmpeg -c copy -movflags +faststart | finish / ffmpeg |\n",
                runs);
    std::printf("|---|---:|---:|---:|---:|---:|\n");
    for (const Row &r : rows)
        std::printf("| %s (%.0f MB) | %lld | %.3f s | %.3f s | %.2f s (median of %d) | 1/%.0f |\n", qPrintable(r.label),
                    r.fileBytes / 1e6, r.samples, r.finishSec, r.rebuildSec, r.ffmpegSec, r.ffmpegRuns,
                    r.finishSec > 0 ? r.ffmpegSec / r.finishSec : 0.0);
    std::printf("\nTapedeck's finish includes its own fsyncs (data file, folder) but not the recording's periodic "
                "ones, which this program runs before starting the clock; ffmpeg's time includes no fsync and reads "
                "its input from the page cache. Moov placement: %s.\n",
                rows.empty() ? "" : qPrintable(rows.back().placement));
    return 0;
}

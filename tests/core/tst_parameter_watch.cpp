// ParameterWatch (issue 15): a keyframe whose in-band SPS/PPS are the ones
// the stream already has is recognised by a start-code scan, without running
// FFmpeg's extract_extradata filter over the whole keyframe; a keyframe with
// a new SPS (another picture size) still goes through it and is reported.

#include "TestSupport.h"

#include "core/record/ParameterWatch.h"
#include "core/source/Source.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

// A 2 s H.264 + AAC MPEG-TS clip, a keyframe every 10 frames.
bool makeTs(const QString &path, const QString &size)
{
    const auto r = testsupport::runTool(QStringLiteral("ffmpeg"),
                                        {QStringLiteral("-nostdin"),
                                         QStringLiteral("-v"),
                                         QStringLiteral("error"),
                                         QStringLiteral("-y"),
                                         QStringLiteral("-f"),
                                         QStringLiteral("lavfi"),
                                         QStringLiteral("-i"),
                                         QStringLiteral("testsrc2=size=%1:rate=25:duration=2").arg(size),
                                         QStringLiteral("-f"),
                                         QStringLiteral("lavfi"),
                                         QStringLiteral("-i"),
                                         QStringLiteral("sine=duration=2"),
                                         QStringLiteral("-c:v"),
                                         QStringLiteral("libx264"),
                                         QStringLiteral("-preset"),
                                         QStringLiteral("ultrafast"),
                                         QStringLiteral("-g"),
                                         QStringLiteral("10"),
                                         QStringLiteral("-pix_fmt"),
                                         QStringLiteral("yuv420p"),
                                         QStringLiteral("-c:a"),
                                         QStringLiteral("aac"),
                                         QStringLiteral("-f"),
                                         QStringLiteral("mpegts"),
                                         path});
    return r.exitCode == 0 && QFile::exists(path);
}

struct Watched {
    int keyframes = 0;
    int changes = 0;
    int lastWidth = 0;
    int filterRuns = 0;
};

Watched watch(const QString &path)
{
    Watched w;
    auto src = makeSource(path, SourceOptions{});
    if (!src || !src->open().ok())
        return w;
    std::vector<StreamInfo> streams = src->streams();
    ParameterWatch pw;
    pw.reset(streams);
    while (true) {
        auto r = src->read();
        if (!r)
            break;
        const AVPacket *pkt = r.value().get();
        if (size_t(pkt->stream_index) < streams.size() && streams[size_t(pkt->stream_index)].type == AVMEDIA_TYPE_VIDEO
            && (pkt->flags & AV_PKT_FLAG_KEY))
            ++w.keyframes;
        if (auto changed = pw.check(pkt)) {
            ++w.changes;
            streams = *changed;
            w.lastWidth = streams[size_t(pkt->stream_index)].params->width;
        }
    }
    w.filterRuns = pw.filterRuns();
    return w;
}

} // namespace

class TestParameterWatch : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { TAPEDECK_REQUIRE_TOOL("ffmpeg"); }

    void knownSetsSkipTheFilter()
    {
        QTemporaryDir dir;
        const QString ts = dir.filePath(QStringLiteral("same.ts"));
        QVERIFY(makeTs(ts, QStringLiteral("320x240")));
        const Watched w = watch(ts);
        QVERIFY2(w.keyframes >= 4, qPrintable(QStringLiteral("%1 keyframes").arg(w.keyframes)));
        QCOMPARE(w.changes, 0);
        // Every keyframe repeats the SPS/PPS the stream opened with: none
        // needs the filter (the old code ran it on each).
        QCOMPARE(w.filterRuns, 0);
    }

    void newSizeIsStillReported()
    {
        QTemporaryDir dir;
        const QString a = dir.filePath(QStringLiteral("a.ts"));
        const QString b = dir.filePath(QStringLiteral("b.ts"));
        QVERIFY(makeTs(a, QStringLiteral("320x240")));
        QVERIFY(makeTs(b, QStringLiteral("640x480")));
        // Two MPEG-TS files one after the other are one stream whose SPS
        // changes at the second file's first keyframe.
        QFile fa(a), fb(b);
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        const QString joined = dir.filePath(QStringLiteral("joined.ts"));
        QFile out(joined);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(fa.readAll());
        out.write(fb.readAll());
        out.close();
        const Watched w = watch(joined);
        QCOMPARE(w.changes, 1);
        QCOMPARE(w.lastWidth, 640);
        QVERIFY(w.filterRuns >= 1);
    }
};

QTEST_GUILESS_MAIN(TestParameterWatch)
#include "tst_parameter_watch.moc"

// The black-picture detector (core/record/BlackDetector.h, issue 13) on
// pictures the preview decoder really decodes: clips made by ffmpeg, read
// back through libavformat and PreviewDecoder as a recording's keyframes are.
#include "core/record/BlackDetector.h"
#include "core/record/PreviewDecoder.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tapedeck;

namespace {

// The stats of the first keyframe of `path`, as the preview measures them.
std::optional<PictureStats> firstKeyframeStats(const QString &path)
{
    AVFormatContext *raw = nullptr;
    if (avformat_open_input(&raw, path.toUtf8().constData(), nullptr, nullptr) < 0)
        return std::nullopt;
    InputFormatContextPtr ctx(raw);
    if (avformat_find_stream_info(ctx.get(), nullptr) < 0)
        return std::nullopt;
    const int index = av_find_best_stream(ctx.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (index < 0)
        return std::nullopt;
    StreamInfo video;
    video.index = index;
    video.type = AVMEDIA_TYPE_VIDEO;
    video.params = CodecParams(ctx->streams[index]->codecpar);
    video.timeBase = ctx->streams[index]->time_base;
    PreviewDecoder decoder;
    decoder.reset(video);
    PacketPtr pkt = makePacket();
    while (av_read_frame(ctx.get(), pkt.get()) >= 0) {
        if (pkt->stream_index == index) {
            std::optional<PictureStats> stats;
            qint64 atMs = -1;
            if (decoder.decodeKeyframe(pkt.get(), &stats, &atMs))
                return stats;
        }
        av_packet_unref(pkt.get());
    }
    return std::nullopt;
}

} // namespace

class TestBlackDetector : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_n = 0;

    QString makeClip(const QString &lavfi, const QStringList &codecArgs, const QString &ext = QStringLiteral("mkv"))
    {
        const QString out = m_tmp.filePath(QStringLiteral("clip%1.%2").arg(++m_n).arg(ext));
        const auto r = testsupport::runTool(
            QStringLiteral("ffmpeg"),
            QStringList{QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-f"), QStringLiteral("lavfi"),
                        QStringLiteral("-i"), lavfi, QStringLiteral("-frames:v"), QStringLiteral("3")}
                + codecArgs + QStringList{QStringLiteral("-y"), out});
        return r.exitCode == 0 ? out : QString();
    }

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void decodedPictures_data()
    {
        QTest::addColumn<QString>("lavfi");
        QTest::addColumn<QStringList>("codec");
        QTest::addColumn<bool>("black");
        const QStringList h264{QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-pix_fmt"),
                               QStringLiteral("yuv420p")};
        const QStringList jpegRange{QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-pix_fmt"),
                                    QStringLiteral("yuvj420p")};
        const QStringList tenBit{QStringLiteral("-c:v"), QStringLiteral("ffv1"), QStringLiteral("-pix_fmt"),
                                 QStringLiteral("yuv420p10le")};
        QTest::newRow("black") << "color=c=black:s=320x240:r=25" << h264 << true;
        // A dark sensor's noise is still black...
        QTest::newRow("near-black noise") << "color=c=0x060606:s=320x240:r=25,noise=alls=8:allf=t" << h264 << true;
        // ...a dark scene with something in it is not.
        QTest::newRow("dark scene, a bright patch")
            << "color=c=black:s=320x240:r=25,drawbox=x=120:y=80:w=40:h=40:color=white:t=fill" << h264 << false;
        QTest::newRow("dim gray") << "color=c=0x303030:s=320x240:r=25" << h264 << false;
        QTest::newRow("test pattern") << "testsrc=s=320x240:r=25" << h264 << false;
        // Full range puts black at 0, limited range at 16: both are black.
        QTest::newRow("black, full range") << "color=c=black:s=320x240:r=25" << jpegRange << true;
        QTest::newRow("black, 10 bit") << "color=c=black:s=320x240:r=25" << tenBit << true;
        QTest::newRow("white, 10 bit") << "color=c=white:s=320x240:r=25" << tenBit << false;
    }
    void decodedPictures()
    {
        QFETCH(QString, lavfi);
        QFETCH(QStringList, codec);
        QFETCH(bool, black);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        const QString clip = makeClip(lavfi, codec);
        QVERIFY2(!clip.isEmpty(), "ffmpeg made no clip");
        const auto stats = firstKeyframeStats(clip);
        QVERIFY(stats.has_value());
        qInfo("mean %.2f spread %.2f", stats->mean, stats->spread);
        QCOMPARE(stats->black(), black);
    }

    // Media time of the black stretch: from its first picture, reset by any
    // picture that is not black.
    void trackerCountsTheBlackStretch()
    {
        const PictureStats dark{1.0, 0.5}, lit{120.0, 60.0};
        BlackTracker t;
        QCOMPARE(t.levels().measured, qint64(0));
        t.push(1000, lit);
        QVERIFY(!t.levels().black);
        t.push(2000, dark);
        QVERIFY(t.levels().black);
        QCOMPARE(t.levels().blackMs, qint64(0));
        t.push(3000, dark);
        t.push(7000, dark);
        QCOMPARE(t.levels().blackMs, qint64(5000));
        t.push(8000, lit);
        QVERIFY(!t.levels().black);
        QCOMPARE(t.levels().blackMs, qint64(0));
        t.push(9000, dark);
        t.push(9500, dark);
        QCOMPARE(t.levels().blackMs, qint64(500));
        QCOMPARE(t.levels().measured, qint64(7));
        t.reset();
        QCOMPARE(t.levels().measured, qint64(0));
        QVERIFY(!t.levels().black);
    }
};

QTEST_GUILESS_MAIN(TestBlackDetector)
#include "tst_black_detector.moc"

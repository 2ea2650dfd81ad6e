// Streams of a returning connection are matched by type and codec setup, not
// by position (nginx-rtmp swaps audio and video between connections), and an
// unchunked recording that must start a new file names it PATH_2.ext.

#include "core/writer/ChunkedOutput.h"
#include "core/record/StreamMatch.h"

#include <QTest>

using namespace tapedeck;

namespace {

StreamInfo video(int index, int w, int h, QByteArray extra = QByteArrayLiteral("\x01\x64\x00\x1f"))
{
    CodecParametersPtr par = makeCodecParameters();
    par->codec_type = AVMEDIA_TYPE_VIDEO;
    par->codec_id = AV_CODEC_ID_H264;
    par->width = w;
    par->height = h;
    par->extradata = static_cast<uint8_t *>(av_mallocz(size_t(extra.size()) + AV_INPUT_BUFFER_PADDING_SIZE));
    memcpy(par->extradata, extra.constData(), size_t(extra.size()));
    par->extradata_size = int(extra.size());
    StreamInfo s;
    s.index = index;
    s.type = AVMEDIA_TYPE_VIDEO;
    s.params = CodecParams(par.get());
    s.timeBase = AVRational{1, 1000};
    return s;
}

StreamInfo audio(int index, int rate, AVCodecID codec = AV_CODEC_ID_AAC)
{
    CodecParametersPtr par = makeCodecParameters();
    par->codec_type = AVMEDIA_TYPE_AUDIO;
    par->codec_id = codec;
    par->sample_rate = rate;
    av_channel_layout_default(&par->ch_layout, 2);
    StreamInfo s;
    s.index = index;
    s.type = AVMEDIA_TYPE_AUDIO;
    s.params = CodecParams(par.get());
    s.timeBase = AVRational{1, 1000};
    return s;
}

} // namespace

class TstStreamMatch : public QObject {
    Q_OBJECT
private slots:
    void swappedOrderIsIdentical()
    {
        const std::vector<StreamInfo> first{audio(0, 48000), video(1, 320, 240)};
        const std::vector<StreamInfo> second{video(0, 320, 240), audio(1, 48000)};
        const StreamMatch m = matchStreams(first, second);
        QVERIFY(m.complete);
        QVERIFY(m.identical);
        QCOMPARE(m.map, (std::vector<int>{1, 0}));
        const auto re = reorderLike(second, m);
        QCOMPARE(re[0].type, AVMEDIA_TYPE_AUDIO);
        QCOMPARE(re[1].type, AVMEDIA_TYPE_VIDEO);
        QCOMPARE(re[1].index, 1);
    }

    void newResolutionIsCompleteButNotIdentical()
    {
        const std::vector<StreamInfo> first{video(0, 320, 240), audio(1, 48000)};
        const std::vector<StreamInfo> second{audio(0, 48000),
                                             video(1, 640, 480, QByteArrayLiteral("\x01\x64\x00\x28"))};
        const StreamMatch m = matchStreams(first, second);
        QVERIFY(m.complete);
        QVERIFY(!m.identical);
        QCOMPARE(m.map, (std::vector<int>{1, 0}));
    }

    void exactTwinWinsOverSameCodec()
    {
        // Two audio tracks of one codec: each goes back to its own twin.
        const std::vector<StreamInfo> first{video(0, 320, 240), audio(1, 44100), audio(2, 48000)};
        const std::vector<StreamInfo> second{audio(0, 48000), audio(1, 44100), video(2, 320, 240)};
        const StreamMatch m = matchStreams(first, second);
        QVERIFY(m.identical);
        QCOMPARE(m.map, (std::vector<int>{2, 1, 0}));
    }

    void otherStreamsAreNotComplete()
    {
        const std::vector<StreamInfo> first{video(0, 320, 240), audio(1, 48000)};
        QVERIFY(!matchStreams(first, {video(0, 320, 240)}).complete);
        QVERIFY(!matchStreams(first, {video(0, 320, 240), audio(1, 48000, AV_CODEC_ID_MP3)}).complete);
        QVERIFY(!matchStreams(first, {video(0, 320, 240), audio(1, 48000), audio(2, 48000)}).complete);
    }

    void splitNamesOfAnUnchunkedRecording()
    {
        QCOMPARE(ChunkedOutput::chunkPath(ContainerType::Mp4, QStringLiteral("/x/r2"), 0, 0),
                 QStringLiteral("/x/r2.mp4"));
        QCOMPARE(ChunkedOutput::chunkPath(ContainerType::Mp4, QStringLiteral("/x/r2"), 0, 1),
                 QStringLiteral("/x/r2_2.mp4"));
        QCOMPARE(ChunkedOutput::chunkPath(ContainerType::MpegTs, QStringLiteral("/x/r2"), 0, 2),
                 QStringLiteral("/x/r2_3.ts"));
        QCOMPARE(ChunkedOutput::chunkPath(ContainerType::Mp4, QStringLiteral("/x/r2"), 10000, 0),
                 QStringLiteral("/x/r2_part0000.mp4"));
        QCOMPARE(ChunkedOutput::chunkPath(ContainerType::Mp4, QStringLiteral("/x/r2"), 10000, 1),
                 QStringLiteral("/x/r2_part0001.mp4"));
    }
};

QTEST_GUILESS_MAIN(TstStreamMatch)
#include "tst_stream_match.moc"

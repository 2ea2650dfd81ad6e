// Audio level meters (core/record/AudioMeter.h): peak and RMS per channel
// in every sample layout, and the meter's own thread decoding a real stream
// (PCM through libavcodec) to levels and a silence time.
#include "core/record/AudioMeter.h"

#include <QTest>

#include <cmath>

using namespace tapedeck;

namespace {

// A stereo frame: channel 0 a full-cycle sine of `amplitude`, channel 1 silence.
FramePtr sineFrame(AVSampleFormat fmt, double amplitude, int samples = 960)
{
    FramePtr f = makeFrame();
    f->format = fmt;
    f->nb_samples = samples;
    f->sample_rate = 48000;
    av_channel_layout_default(&f->ch_layout, 2);
    if (av_frame_get_buffer(f.get(), 0) < 0)
        return nullptr;
    const bool planar = av_sample_fmt_is_planar(fmt);
    for (int i = 0; i < samples; ++i) {
        const double v = amplitude * std::sin(2 * M_PI * 10 * i / samples);
        for (int c = 0; c < 2; ++c) {
            const double x = c == 0 ? v : 0.0;
            uint8_t *base = planar ? f->extended_data[c] : f->extended_data[0];
            const int at = planar ? i : i * 2 + c;
            switch (av_get_packed_sample_fmt(fmt)) {
            case AV_SAMPLE_FMT_FLT:
                reinterpret_cast<float *>(base)[at] = float(x);
                break;
            case AV_SAMPLE_FMT_S16:
                reinterpret_cast<int16_t *>(base)[at] = int16_t(std::lround(x * 32767));
                break;
            case AV_SAMPLE_FMT_S32:
                reinterpret_cast<int32_t *>(base)[at] = int32_t(std::lround(x * 2147483647.0));
                break;
            default:
                reinterpret_cast<double *>(base)[at] = x;
            }
        }
    }
    return f;
}

} // namespace

class TestAudioMeter : public QObject {
    Q_OBJECT
private slots:
    void peakAndRmsInEveryLayout_data()
    {
        QTest::addColumn<int>("format");
        for (AVSampleFormat f : {AV_SAMPLE_FMT_FLTP, AV_SAMPLE_FMT_FLT, AV_SAMPLE_FMT_S16, AV_SAMPLE_FMT_S16P,
                                 AV_SAMPLE_FMT_S32, AV_SAMPLE_FMT_DBLP})
            QTest::newRow(av_get_sample_fmt_name(f)) << int(f);
    }
    void peakAndRmsInEveryLayout()
    {
        QFETCH(int, format);
        FramePtr f = sineFrame(AVSampleFormat(format), 0.5);
        QVERIFY(f);
        const auto m = measureFrame(f.get());
        QVERIFY(m);
        QCOMPARE(m->peakDb.size(), size_t(2));
        // A sine at half scale: peak -6.02 dBFS, RMS 3.01 dB lower.
        QVERIFY2(std::abs(m->peakDb[0] - -6.02f) < 0.05f, qPrintable(QString::number(m->peakDb[0])));
        QVERIFY2(std::abs(m->rmsDb[0] - -9.03f) < 0.05f, qPrintable(QString::number(m->rmsDb[0])));
        QCOMPARE(m->peakDb[1], kMeterFloorDb);
        QCOMPARE(m->rmsDb[1], kMeterFloorDb);
    }

    void unknownLayoutIsNotMeasured()
    {
        FramePtr f = makeFrame();
        f->format = AV_SAMPLE_FMT_U8;
        f->nb_samples = 16;
        av_channel_layout_default(&f->ch_layout, 1);
        QVERIFY(av_frame_get_buffer(f.get(), 0) >= 0);
        QVERIFY(!measureFrame(f.get()));
        QVERIFY(!measureFrame(nullptr));
    }

    // The meter's thread: PCM packets in, levels out; silence is counted in
    // media time and starts again from 0 with the first loud frame.
    void meterDecodesOnItsOwnThread()
    {
        StreamInfo audio;
        audio.type = AVMEDIA_TYPE_AUDIO;
        AVCodecParameters *par = avcodec_parameters_alloc();
        par->codec_type = AVMEDIA_TYPE_AUDIO;
        par->codec_id = AV_CODEC_ID_PCM_S16LE;
        par->format = AV_SAMPLE_FMT_S16;
        par->sample_rate = 48000;
        av_channel_layout_default(&par->ch_layout, 2);
        audio.params = CodecParams(par);
        avcodec_parameters_free(&par);
        audio.timeBase = {1, 48000};

        AudioMeter meter;
        QVERIFY(meter.start(audio));
        QCOMPARE(meter.levels().measured, qint64(0));
        auto push = [&](double amplitude) {
            FramePtr f = sineFrame(AV_SAMPLE_FMT_S16, amplitude, 4800); // 100 ms
            PacketPtr pkt = makePacket();
            QVERIFY(av_new_packet(pkt.get(), 4800 * 4) >= 0);
            memcpy(pkt->data, f->extended_data[0], size_t(4800 * 4));
            meter.push(pkt.get());
        };
        for (int i = 0; i < 10; ++i) // one second of silence
            push(0.0);
        QTRY_VERIFY(meter.levels().measured >= 10);
        QCOMPARE(meter.levels().silentMs, qint64(1000));
        QCOMPARE(meter.levels().peakDb.size(), size_t(2));
        push(0.25);
        QTRY_VERIFY(meter.levels().measured >= 11);
        QCOMPARE(meter.levels().silentMs, qint64(0));
        QVERIFY(std::abs(meter.levels().peakDb[0] - -12.04f) < 0.1f);
        meter.stop();
        push(0.5); // after stop: ignored, no crash
        QCOMPARE(meter.levels().measured, qint64(11));
    }
};

QTEST_GUILESS_MAIN(TestAudioMeter)
#include "tst_audio_meter.moc"

// The demo source's clock must be readable where people see it: in the
// recording itself, in the service's preview pictures (320 px wide) and on
// the studio's card (160×90). The demo is encoded as it is for a recording,
// its keyframes are decoded by the PreviewDecoder the engine uses, and each
// digit is read back segment by segment and compared with the media time of
// the picture. A clock drawn as boxes (segments that run into each other),
// too thin to survive the scaling, or in the wrong place fails here.
#include "core/record/PreviewDecoder.h"
#include "core/source/DemoClock.h"
#include "core/source/Source.h"

#include <QFile>
#include <QTest>

#include <cmath>
#include <memory>

using namespace tapedeck;

namespace {

struct Picture {
    PreviewFrame frame;
    qint64 atMs = 0;
};

// Brightness (0..255) of one RGB32 pixel.
int brightness(const PreviewFrame &f, int x, int y)
{
    x = std::clamp(x, 0, f.width - 1);
    y = std::clamp(y, 0, f.height - 1);
    const quint32 p = reinterpret_cast<const quint32 *>(f.rgb32.constData())[y * f.width + x];
    return int(((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3;
}

// Mean brightness of the middle of `r` (a frame-size rect) in a picture
// scaled by `scale`: the middle half across the stroke and along it, at
// least one pixel, so the blur of the scaling does not count.
int middleOf(const PreviewFrame &f, const DemoClockRect &r, double scale)
{
    const double cx = (r.x + r.w / 2.0) * scale, cy = (r.y + r.h / 2.0) * scale;
    const double hw = std::max(0.5, r.w * scale / 4.0), hh = std::max(0.5, r.h * scale / 4.0);
    int sum = 0, n = 0;
    for (int y = int(std::floor(cy - hh)); y < int(std::ceil(cy + hh)); ++y)
        for (int x = int(std::floor(cx - hw)); x < int(std::ceil(cx + hw)); ++x) {
            sum += brightness(f, x, y);
            ++n;
        }
    return n ? sum / n : 0;
}

// The keyframes of `spec`, decoded to `previewWidth` as a card or the service would.
std::vector<Picture> keyframes(const QString &spec, int previewWidth, int count)
{
    std::unique_ptr<PacketSource> src = makeSource(spec, SourceOptions{});
    if (!src || !src->open())
        return {};
    const StreamInfo *video = nullptr;
    for (const StreamInfo &s : src->streams())
        if (s.type == AVMEDIA_TYPE_VIDEO)
            video = &s;
    if (!video)
        return {};
    PreviewDecoder decoder(previewWidth);
    decoder.reset(*video);
    std::vector<Picture> out;
    while (int(out.size()) < count) {
        Result<PacketPtr> p = src->read();
        if (!p)
            break;
        if (p.value()->stream_index != video->index)
            continue;
        qint64 atMs = -1;
        if (std::optional<PreviewFrame> f = decoder.decodeKeyframe(p.value().get(), nullptr, &atMs))
            out.push_back({*f, atMs});
    }
    return out;
}

// Reads the eight digits; -1 for one whose segments make no digit. `why`
// says which segment of which digit was neither clearly lit nor clearly dark.
std::array<int, 8> readClock(const PreviewFrame &f, const DemoClockLayout &l, double scale, QString *why)
{
    std::array<int, 8> out{};
    for (int i = 0; i < 8; ++i) {
        int mask = 0;
        for (int seg = 0; seg < 7; ++seg) {
            const int v = middleOf(f, demoClockSegment(l, i, seg), scale);
            // Lit white (235 → 255) or the black panel (16 → 0), with room
            // for the encoder and the scaling, and nothing in between.
            if (v >= 170)
                mask |= 1 << seg;
            else if (v > 85 && why && why->isEmpty())
                *why = QStringLiteral("digit %1 segment %2 is neither lit nor dark (%3)").arg(i).arg(seg).arg(v);
        }
        out[size_t(i)] = -1;
        for (int d = 0; d < 10; ++d)
            if (kDemoClockSegments[d] == mask)
                out[size_t(i)] = d;
    }
    return out;
}

// TAPEDECK_DEMO_CLOCK_DUMP=DIR: every picture read is also written there
// as a PPM (to look at it: ffmpeg -i x.ppm x.png).
void dump(const PreviewFrame &f, const QString &name)
{
    const QString dir = qEnvironmentVariable("TAPEDECK_DEMO_CLOCK_DUMP");
    if (dir.isEmpty())
        return;
    QFile out(dir + u'/' + name + QStringLiteral(".ppm"));
    if (!out.open(QIODevice::WriteOnly))
        return;
    out.write(QStringLiteral("P6\n%1 %2\n255\n").arg(f.width).arg(f.height).toLatin1());
    const auto *px = reinterpret_cast<const quint32 *>(f.rgb32.constData());
    QByteArray rgb;
    rgb.reserve(f.width * f.height * 3);
    for (int i = 0; i < f.width * f.height; ++i)
        rgb.append(char((px[i] >> 16) & 0xff)).append(char((px[i] >> 8) & 0xff)).append(char(px[i] & 0xff));
    out.write(rgb);
}

QString digitsText(const std::array<int, 8> &d)
{
    QString s;
    for (size_t i = 0; i < d.size(); ++i) {
        s += d[i] < 0 ? QStringLiteral("?") : QString::number(d[i]);
        if (i == 1 || i == 3)
            s += u':';
        if (i == 5)
            s += u'.';
    }
    return s;
}

} // namespace

class TestDemoClock : public QObject {
    Q_OBJECT
private slots:
    void layoutFitsAndSegmentsStandApart_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::newRow("640x360") << 640 << 360;
        QTest::newRow("1920x1080") << 1920 << 1080;
        QTest::newRow("320x180") << 320 << 180;
        QTest::newRow("160x90") << 160 << 90;
        QTest::newRow("narrow 200x400") << 200 << 400;
    }

    // Inside the picture, and no two segments of a digit touch: a 0 is
    // not a rectangle and an 8 not a grid.
    void layoutFitsAndSegmentsStandApart()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        const DemoClockLayout l = demoClockLayout(width, height);
        QVERIFY(l.panel.x >= 0 && l.panel.y >= 0);
        QVERIFY2(l.panel.x + l.panel.w <= width, qPrintable(QString::number(l.panel.x + l.panel.w)));
        QVERIFY(l.panel.y + l.panel.h <= height);
        QVERIFY(l.stroke >= 2);
        for (int i = 0; i < 8; ++i) {
            for (int a = 0; a < 7; ++a) {
                const DemoClockRect ra = demoClockSegment(l, i, a);
                QVERIFY(ra.w > 0 && ra.h > 0);
                QVERIFY(ra.x >= l.panel.x && ra.x + ra.w <= l.panel.x + l.panel.w);
                for (int b = a + 1; b < 7; ++b) {
                    const DemoClockRect rb = demoClockSegment(l, i, b);
                    const bool apart =
                        ra.x + ra.w <= rb.x || rb.x + rb.w <= ra.x || ra.y + ra.h <= rb.y || rb.y + rb.h <= ra.y;
                    QVERIFY2(apart,
                             qPrintable(QStringLiteral("digit %1: segments %2 and %3 touch").arg(i).arg(a).arg(b)));
                }
            }
            if (i > 0)
                QVERIFY(l.digitX[size_t(i)] >= l.digitX[size_t(i - 1)] + l.digitWidth + 2);
        }
    }

    void digitsReadBack_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("frameWidth");
        QTest::addColumn<int>("frameHeight");
        QTest::addColumn<int>("previewWidth");
        // gop=37 at 25 fps: keyframes at 1.48 s, 2.96 s, 4.44 s … (whole milliseconds); every digit appears.
        const QString demo = QStringLiteral("demo?w=%1&h=%2&fps=25&gop=37&realtime=0&audio=none");
        QTest::newRow("640x360 in full") << demo.arg(640).arg(360) << 640 << 360 << 640;
        QTest::newRow("640x360 service preview") << demo.arg(640).arg(360) << 640 << 360 << 320;
        QTest::newRow("640x360 card") << demo.arg(640).arg(360) << 640 << 360 << 160;
        QTest::newRow("1280x720 card") << demo.arg(1280).arg(720) << 1280 << 720 << 160;
        QTest::newRow("320x180 in full") << demo.arg(320).arg(180) << 320 << 180 << 320;
    }

    void digitsReadBack()
    {
        QFETCH(QString, spec);
        QFETCH(int, frameWidth);
        QFETCH(int, frameHeight);
        QFETCH(int, previewWidth);
        const std::vector<Picture> pictures = keyframes(spec, previewWidth, 12);
        QCOMPARE(int(pictures.size()), 12);
        const DemoClockLayout l = demoClockLayout(frameWidth, frameHeight);
        QSet<int> seen;
        for (const Picture &p : pictures) {
            QCOMPARE(p.frame.width, std::min(previewWidth, frameWidth));
            const double scale = double(p.frame.width) / frameWidth;
            dump(p.frame,
                 QStringLiteral("demo-%1x%2-%3-%4ms").arg(frameWidth).arg(frameHeight).arg(previewWidth).arg(p.atMs));
            QString why;
            const std::array<int, 8> read = readClock(p.frame, l, scale, &why);
            const std::array<int, 8> expected = demoClockDigits(p.atMs);
            QVERIFY2(read == expected,
                     qPrintable(QStringLiteral("at %1 ms the clock reads %2, expected %3 %4")
                                    .arg(p.atMs)
                                    .arg(digitsText(read), digitsText(expected), why)));
            QVERIFY2(why.isEmpty(), qPrintable(why));
            for (int d : read)
                seen.insert(d);
        }
        QCOMPARE(seen.size(), 10); // every digit was drawn and read
    }
};

QTEST_MAIN(TestDemoClock)
#include "tst_demo_clock.moc"

// Live MPEG-TS over UDP: a frame is handed to the recording as soon as the
// last of its bytes has arrived and its PES is known to be over (issue 15:
// "a SIGKILL loses at most the packet in flight"). A sender on 127.0.0.1
// sends every TS packet before the start of video PES number N and then
// pauses, as a live encoder between frames, a stalled network or a killed
// recorder's last moment does. libavformat alone hands over N - 2 frames
// (the demuxer holds the PES it cannot know is over, its H.264 parser one
// more frame); Tapedeck's reader (core/source/LiveTsFrames) N - 1, each with
// the timestamps and keyframe flag ffprobe reads from the file.
#include "NetTest.h"

#include "core/parsers/Ts.h"
#include "core/source/FormatSource.h"
#include "core/source/LiveTsFrames.h"

#include <QElapsedTimer>
#include <QFile>
#include <QUdpSocket>

#include <atomic>
#include <mutex>
#include <thread>

using namespace nettest;
using namespace tapedeck;

namespace {

constexpr int kTs = 188;

struct Frame {
    qint64 pts = 0, dts = 0;
    bool key = false;
};

// PID of the first video stream the PMT declares, or -1.
int videoPid(const QByteArray &ts)
{
    const auto streams =
        recovery::checkTsStreams(reinterpret_cast<const uint8_t *>(ts.constData()), ts.size() / kTs * kTs);
    return streams.videoPids.empty() ? -1 : streams.videoPids.front();
}

// Whether the kernel has a UDP socket bound to `port` (the source opened).
bool udpPortBound(quint16 port)
{
    QFile f(QStringLiteral("/proc/net/udp"));
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray needle = QStringLiteral(":%1 ").arg(port, 4, 16, QLatin1Char('0')).toUpper().toLatin1();
    for (const QByteArray &line : f.readAll().split('\n')) {
        const QList<QByteArray> cols = line.simplified().split(' ');
        if (cols.size() > 2 && (cols[1] + ' ').endsWith(needle))
            return true;
    }
    return false;
}

} // namespace

class TstNetHandover : public QObject {
    Q_OBJECT
private slots:
    void accessUnitShapes()
    {
        // H.264: AUD, SPS, then an IDR slice with first_mb_in_slice 0.
        const QByteArray h264 = QByteArray::fromHex("00000001091000000001674d401e00000001658880");
        AccessUnitShape s = accessUnitShape(false, reinterpret_cast<const uint8_t *>(h264.constData()), h264.size());
        QVERIFY(s.startsAccessUnit);
        QCOMPARE(s.pictures, 1);
        // Two pictures in one buffer, each starting with a slice (first_mb 0).
        const QByteArray two = QByteArray::fromHex("0000000141e0000000000141e000");
        s = accessUnitShape(false, reinterpret_cast<const uint8_t *>(two.constData()), two.size());
        QVERIFY(s.startsAccessUnit);
        QCOMPARE(s.pictures, 2);
        // The middle of a picture: a slice with first_mb_in_slice > 0.
        const QByteArray middle = QByteArray::fromHex("00000141400000");
        s = accessUnitShape(false, reinterpret_cast<const uint8_t *>(middle.constData()), middle.size());
        QVERIFY(!s.startsAccessUnit);
        QCOMPARE(s.pictures, 0);
        // HEVC: AUD (35), then an IDR_W_RADL (19) slice with first_slice_segment_in_pic_flag.
        const QByteArray hevc = QByteArray::fromHex("000000014601500000000126018000");
        s = accessUnitShape(true, reinterpret_cast<const uint8_t *>(hevc.constData()), hevc.size());
        QVERIFY(s.startsAccessUnit);
        QCOMPARE(s.pictures, 1);
        // Truncated and empty buffers are read without reading past them.
        for (int n = 0; n < hevc.size(); ++n)
            (void)accessUnitShape(true, reinterpret_cast<const uint8_t *>(hevc.constData()), n);
        QCOMPARE(accessUnitShape(false, nullptr, 0).pictures, 0);
    }

    void framesAreHandedOverWhenTheirPesEnds_data()
    {
        QTest::addColumn<QString>("codec");
        QTest::addColumn<bool>("inside"); // the sender stops inside a frame, and long enough to time out
        QTest::newRow("h264, B-frames") << QStringLiteral("libx264") << false;
        QTest::newRow("hevc") << QStringLiteral("libx265") << false;
        // The demuxer hands over the part of the PES it had when the read
        // times out: that part is not a frame and must not be recorded.
        QTest::newRow("h264, the sender stops inside a frame") << QStringLiteral("libx264") << true;
    }

    void framesAreHandedOverWhenTheirPesEnds()
    {
        QFETCH(QString, codec);
        QFETCH(bool, inside);
        TAPEDECK_REQUIRE_TOOL("ffmpeg");
        TAPEDECK_REQUIRE_TOOL("ffprobe");
        QTemporaryDir dir;
        const QString clip = dir.filePath(QStringLiteral("clip.ts"));
        const auto made = testsupport::runTool(QStringLiteral("ffmpeg"),
                                               {QStringLiteral("-v"),
                                                QStringLiteral("error"),
                                                QStringLiteral("-f"),
                                                QStringLiteral("lavfi"),
                                                QStringLiteral("-i"),
                                                QStringLiteral("testsrc2=size=320x240:rate=30"),
                                                QStringLiteral("-f"),
                                                QStringLiteral("lavfi"),
                                                QStringLiteral("-i"),
                                                QStringLiteral("sine=frequency=440:sample_rate=48000"),
                                                QStringLiteral("-t"),
                                                QStringLiteral("8"),
                                                QStringLiteral("-c:v"),
                                                codec,
                                                QStringLiteral("-g"),
                                                QStringLiteral("30"),
                                                QStringLiteral("-bf"),
                                                QStringLiteral("2"),
                                                QStringLiteral("-pix_fmt"),
                                                QStringLiteral("yuv420p"),
                                                QStringLiteral("-c:a"),
                                                QStringLiteral("aac"),
                                                QStringLiteral("-f"),
                                                QStringLiteral("mpegts"),
                                                clip});
        QVERIFY2(made.exitCode == 0, made.err.constData());

        // What the file says about its first frames, in decode order.
        const auto probed = testsupport::runTool(
            QStringLiteral("ffprobe"),
            {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"), QStringLiteral("v:0"),
             QStringLiteral("-show_entries"), QStringLiteral("packet=pts,dts,flags"), QStringLiteral("-of"),
             QStringLiteral("csv=p=0"), clip});
        QVERIFY2(probed.exitCode == 0, probed.err.constData());
        std::vector<Frame> expected;
        for (const QByteArray &line : probed.out.split('\n')) {
            const QList<QByteArray> f = line.trimmed().split(',');
            if (f.size() >= 3)
                expected.push_back({f[0].toLongLong(), f[1].toLongLong(), f[2].startsWith('K')});
        }
        constexpr int kSent = 150;
        QVERIFY2(expected.size() > size_t(kSent), qPrintable(QString::number(expected.size())));

        // Everything before the start of video PES number kSent: frames
        // 0 .. kSent-1 complete, the last one's PES not known to be over.
        QFile f(clip);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray ts = f.readAll();
        const int vpid = videoPid(ts);
        QVERIFY(vpid > 0);
        qsizetype cut = 0;
        int starts = 0;
        for (qsizetype off = 0; off + kTs <= ts.size(); off += kTs) {
            const auto *p = reinterpret_cast<const unsigned char *>(ts.constData() + off);
            if ((((p[1] & 0x1f) << 8) | p[2]) == vpid && (p[1] & 0x40) && starts++ == kSent) {
                cut = off;
                break;
            }
        }
        QVERIFY(cut > 0);
        if (inside) {
            // Into the middle of PES kSent (a keyframe: the GOP is 30 frames).
            std::vector<qsizetype> own;
            for (qsizetype off = cut; off + kTs <= ts.size(); off += kTs) {
                const auto *p = reinterpret_cast<const unsigned char *>(ts.constData() + off);
                if ((((p[1] & 0x1f) << 8) | p[2]) != vpid)
                    continue;
                if ((p[1] & 0x40) && off != cut)
                    break;
                own.push_back(off);
            }
            QVERIFY2(own.size() >= 4, qPrintable(QString::number(own.size())));
            cut = own[own.size() / 2];
        }

        // The first 60 frames, then (once the source is open and reading)
        // the rest up to the cut.
        qsizetype firstPart = 0;
        starts = 0;
        for (qsizetype off = 0; off + kTs <= ts.size(); off += kTs) {
            const auto *p = reinterpret_cast<const unsigned char *>(ts.constData() + off);
            if ((((p[1] & 0x1f) << 8) | p[2]) == vpid && (p[1] & 0x40) && starts++ == 60) {
                firstPart = off;
                break;
            }
        }
        QVERIFY(firstPart > 0 && firstPart < cut);

        const quint16 port = testsupport::freeUdpPort();
        std::atomic<bool> quit{false}, sent{false};
        std::mutex gotMutex;
        std::vector<Frame> got;
        qint64 lastPacketMs = 0;
        QElapsedTimer clock;
        clock.start();
        auto videoCount = [&] {
            std::lock_guard lock(gotMutex);
            return got.size();
        };
        std::thread sender([&] {
            // Bounded waits: for the source to bind its port, and for it to
            // be reading after its probe. 1316-byte datagrams at a few
            // times real time; then a pause.
            for (int i = 0; i < 1000 && !quit && !udpPortBound(port); ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            QUdpSocket sock;
            auto send = [&](qsizetype from, qsizetype to) {
                for (qsizetype off = from; off < to && !quit; off += 7 * kTs) {
                    sock.writeDatagram(ts.constData() + off, std::min<qsizetype>(7 * kTs, to - off),
                                       QHostAddress::LocalHost, port);
                    std::this_thread::sleep_for(std::chrono::microseconds(400));
                }
            };
            send(0, firstPart);
            for (int i = 0; i < 2000 && !quit && videoCount() < 20; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            send(firstPart, cut);
            sent = true;
        });
        std::atomic<bool> stop{false};
        SourceOptions so;
        so.openTimeoutMs = 30000;
        so.stallTimeoutMs = inside ? 1500 : 60000; // between frames the pause is judged long before this
        so.stopFlag = &stop;
        FormatSource src(QStringLiteral("udp://127.0.0.1:%1").arg(port), so);
        const Status opened = src.open();
        if (!opened.ok()) {
            quit = true;
            sender.join();
            QFAIL(qPrintable(opened.message()));
        }
        int videoIndex = -1;
        for (const StreamInfo &s : src.streams())
            if (s.type == AVMEDIA_TYPE_VIDEO)
                videoIndex = s.index;
        QString end;
        std::thread reader([&] {
            for (;;) {
                auto pkt = src.read();
                if (!pkt) {
                    std::lock_guard lock(gotMutex);
                    end = pkt.message();
                    return;
                }
                std::lock_guard lock(gotMutex);
                if ((*pkt)->stream_index == videoIndex)
                    got.push_back({(*pkt)->pts, (*pkt)->dts, ((*pkt)->flags & AV_PKT_FLAG_KEY) != 0});
                lastPacketMs = clock.elapsed();
            }
        });
        // What was handed over once everything was sent and nothing more
        // came for 1.5 s (bounded): what a kill at that moment keeps.
        for (int i = 0; i < 600; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            std::lock_guard lock(gotMutex);
            if (inside ? !end.isEmpty() : sent && clock.elapsed() - lastPacketMs > 1500)
                break;
        }
        std::vector<Frame> handed;
        {
            std::lock_guard lock(gotMutex);
            handed = got;
        }
        stop = true;
        quit = true;
        sender.join();
        reader.join();
        QVERIFY(sent.load());
        QVERIFY2(end.contains(inside ? QStringLiteral("no data") : QStringLiteral("stopped")), qPrintable(end));
        got = handed;
        // The recording may join at the first keyframe it sees: compare from
        // the frame the source started with.
        QVERIFY(!got.empty());
        size_t first = 0;
        while (first < expected.size() && expected[first].dts != got.front().dts)
            ++first;
        QVERIFY2(first < expected.size(), "the first frame handed over is one of the file's");
        const size_t complete = size_t(kSent) - first; // frames whose every byte was sent
        // Between frames the last PES may still go on, so the demuxer holds
        // it; inside frame kSent, frame kSent - 1 is known to be over, and
        // the part of kSent the timeout cut off is left out.
        QVERIFY2(got.size() == (inside ? complete : complete - 1),
                 qPrintable(QStringLiteral("%1 of %2 complete frames handed over while the sender paused")
                                .arg(got.size())
                                .arg(complete)));
        for (size_t i = 0; i < got.size(); ++i) {
            const Frame &e = expected[first + i];
            QVERIFY2(got[i].pts == e.pts && got[i].dts == e.dts && got[i].key == e.key,
                     qPrintable(QStringLiteral("frame %1: pts %2 dts %3 key %4, the file says %5 %6 %7")
                                    .arg(i)
                                    .arg(got[i].pts)
                                    .arg(got[i].dts)
                                    .arg(got[i].key)
                                    .arg(e.pts)
                                    .arg(e.dts)
                                    .arg(e.key)));
        }
    }
};

QTEST_GUILESS_MAIN(TstNetHandover)
#include "tst_net_handover.moc"

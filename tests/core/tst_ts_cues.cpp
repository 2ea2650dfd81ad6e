// TsCueSections: FFmpeg's PES-wrapped SCTE-35 cues become sections again and
// the PMT declares them (stream type 0x86, "CUEI"), whatever sizes the
// muxer's buffer hands the bytes over in. The end-to-end check with real
// files and ffprobe is tst_net_faithful::broadcastStreamsKeptInTs.

#include "core/writer/TsCueSections.h"

#include <QTest>

using namespace tapedeck;

namespace {

constexpr int kPmtPid = 0x1000;
constexpr int kCuePid = 0x102;

QByteArray withCrc(QByteArray section)
{
    const uint32_t crc = mpegCrc32(reinterpret_cast<const uint8_t *>(section.constData()), size_t(section.size()));
    for (int b = 3; b >= 0; --b)
        section.append(char((crc >> (8 * b)) & 0xFF));
    return section;
}

// One packet carrying a PSI section (pointer field 0, 0xFF stuffing).
QByteArray psiPacket(int pid, const QByteArray &section, int cc)
{
    QByteArray p;
    p.append(char(0x47)).append(char(0x40 | (pid >> 8))).append(char(pid & 0xFF)).append(char(0x10 | cc));
    p.append(char(0)).append(section);
    p.append(188 - p.size(), char(0xFF));
    return p;
}

QByteArray pat()
{
    QByteArray s = QByteArray::fromHex("00b00d0001c10000") // table 0, length 13, ts id 1
        + QByteArray::fromHex("0001") + QByteArray(1, char(0xE0 | (kPmtPid >> 8)))
        + QByteArray(1, char(kPmtPid & 0xFF));
    return psiPacket(0, withCrc(s), 0);
}

// A PMT as FFmpeg writes it: video on 0x100, the cue stream as private data
// (and, with `padding`, a descriptor of that many bytes on the video).
QByteArray pmt(int padding = 0)
{
    QByteArray video = QByteArray::fromHex("1be100f000"); // h264 on 0x100
    if (padding > 0) {
        video[4] = char(padding + 2);
        video += QByteArray(1, char(0xFE)) + QByteArray(1, char(padding)) + QByteArray(padding, char(0x20));
    }
    QByteArray es = video + QByteArray::fromHex("06") + QByteArray(1, char(0xE0 | (kCuePid >> 8)))
        + QByteArray(1, char(kCuePid & 0xFF)) + QByteArray::fromHex("f000");
    QByteArray s = QByteArray::fromHex("02b000") + QByteArray::fromHex("0001c10000") + QByteArray::fromHex("e100")
        + QByteArray::fromHex("f000") + es;
    const int len = int(s.size()) - 3 + 4;
    s[1] = char(0xB0 | (len >> 8));
    s[2] = char(len & 0xFF);
    return psiPacket(kPmtPid, withCrc(s), 0);
}

// A splice_info_section of `total` bytes (table 0xFC, CRC not checked here).
QByteArray cueSection(int total)
{
    QByteArray s(total, char(0x5A));
    s[0] = char(0xFC);
    s[1] = char(0x30 | ((total - 3) >> 8));
    s[2] = char((total - 3) & 0xFF);
    return s;
}

// The section in a PES as FFmpeg's muxer writes private data: PTS header,
// adaptation-field stuffing in the last packet.
QList<QByteArray> pesPackets(const QByteArray &data, int *cc)
{
    QByteArray pes = QByteArray::fromHex("000001bd");
    const int len = 3 + 5 + int(data.size());
    pes.append(char(len >> 8)).append(char(len & 0xFF));
    pes += QByteArray::fromHex("8080052100010001") + data; // PTS only
    QList<QByteArray> out;
    for (qsizetype at = 0; at < pes.size(); at += 184) {
        const QByteArray chunk = pes.mid(at, 184);
        QByteArray p;
        p.append(char(0x47)).append(char((at == 0 ? 0x40 : 0) | (kCuePid >> 8))).append(char(kCuePid & 0xFF));
        if (chunk.size() == 184) {
            p.append(char(0x10 | (*cc)++ % 16));
        } else {
            const int af = 183 - int(chunk.size());
            p.append(char(0x30 | (*cc)++ % 16)).append(char(af));
            if (af > 0)
                p.append(char(0)).append(QByteArray(af - 1, char(0xFF)));
        }
        out << p + chunk;
    }
    return out;
}

QList<QByteArray> packetsOf(const QByteArray &bytes)
{
    QList<QByteArray> out;
    for (qsizetype at = 0; at + 188 <= bytes.size(); at += 188)
        out << bytes.mid(at, 188);
    return out;
}

int pidOf(const QByteArray &p) { return ((uint8_t(p[1]) & 0x1F) << 8) | uint8_t(p[2]); }

} // namespace

class TstTsCues : public QObject {
    Q_OBJECT
private slots:
    void sectionsAndPmt_data()
    {
        QTest::addColumn<int>("step");
        QTest::newRow("whole stream") << 0;
        QTest::newRow("1 byte at a time") << 1;
        QTest::newRow("65536-byte buffers (not a multiple of 188)") << 65536;
        QTest::newRow("187 bytes") << 187;
    }
    void sectionsAndPmt()
    {
        QFETCH(int, step);
        int cc = 0;
        const QByteArray shortCue = cueSection(25);
        const QByteArray longCue = cueSection(275); // two TS packets
        QByteArray in = pat() + pmt();
        for (const QByteArray &p : pesPackets(shortCue, &cc))
            in += p;
        for (const QByteArray &p : pesPackets(longCue, &cc))
            in += p;
        in += pmt();                                                      // resent tables are rewritten too
        in += pesPackets(QByteArray::fromHex("0102030405"), &cc).first(); // not a section: left out

        TsCueSections f({kCuePid});
        QByteArray out;
        const int chunk = step == 0 ? int(in.size()) : step;
        for (qsizetype at = 0; at < in.size(); at += chunk)
            out += f.push(reinterpret_cast<const uint8_t *>(in.constData() + at),
                          int(std::min<qsizetype>(chunk, in.size() - at)));
        QCOMPARE(out.size() % 188, 0);

        QByteArray sections;
        int pmts = 0, cuePackets = 0, expectCc = 0;
        for (const QByteArray &p : packetsOf(out)) {
            if (pidOf(p) == kPmtPid) {
                ++pmts;
                const QByteArray sec = p.mid(5);
                const int len = ((uint8_t(sec[1]) & 0x0F) << 8) | uint8_t(sec[2]);
                // A whole section's CRC over its own CRC is 0.
                QCOMPARE(mpegCrc32(reinterpret_cast<const uint8_t *>(sec.constData()), size_t(3 + len)), 0u);
                const int info = ((uint8_t(sec[10]) & 0x0F) << 8) | uint8_t(sec[11]);
                QCOMPARE(sec.mid(12, info),
                         QByteArray("\x05\x04"
                                    "CUEI",
                                    6));
                const QByteArray es = sec.mid(12 + info, 3 + len - 4 - 12 - info);
                QCOMPARE(es.toHex(),
                         QByteArray("1be100f000"
                                    "86e102f000"));
            } else if (pidOf(p) == kCuePid) {
                QCOMPARE(uint8_t(p[3]) & 0x0F, expectCc++ % 16); // continuity of our own packets
                QCOMPARE(uint8_t(p[3]) & 0x30, 0x10);            // payload only
                if (uint8_t(p[1]) & 0x40) {
                    QCOMPARE(int(p[4]), 0); // pointer field
                    sections += p.mid(5);
                } else {
                    sections += p.mid(4);
                }
                ++cuePackets;
            }
        }
        QCOMPARE(pmts, 2);
        QCOMPARE(cuePackets, 3); // 1 + 2, the malformed cue dropped
        QVERIFY(sections.startsWith(shortCue));
        QCOMPARE(sections.mid(183, longCue.size()), longCue);
        QCOMPARE(f.malformedCues(), 1);
        QVERIFY(!f.pmtUnchanged());
    }

    // A PMT that would not fit one packet with the registration added stays
    // as it is, and so do the cues (sections on a PID declared private data
    // would help no reader); the writer's notes say so.
    void longPmtLeftAlone()
    {
        int cc = 0;
        QByteArray in = pat() + pmt(150);
        in += pesPackets(cueSection(25), &cc).first();
        TsCueSections f({kCuePid});
        const QByteArray out = f.push(reinterpret_cast<const uint8_t *>(in.constData()), int(in.size()));
        QCOMPARE(out, in);
        QVERIFY(f.pmtUnchanged());
    }

    // Known vectors of the MPEG-2 CRC: "123456789" gives 0x0376E6E7.
    void crc() { QCOMPARE(mpegCrc32(reinterpret_cast<const uint8_t *>("123456789"), 9), 0x0376E6E7u); }
};

QTEST_GUILESS_MAIN(TstTsCues)
#include "tst_ts_cues.moc"

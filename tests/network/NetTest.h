#pragma once
// Qt Test glue for the network tests: format rows and "record, stop, judge".

#include "NetSupport.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

namespace nettest {

inline void addFormatRows()
{
    QTest::addColumn<QString>("format");
    for (const char *f : {"ts", "flv", "mp4"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

inline tapedeck::ContainerType containerOf(const QString &name)
{
    auto t = tapedeck::parseContainerType(name);
    return t ? *t : tapedeck::ContainerType::MpegTs;
}

inline QString describe(Recorder &rec)
{
    const auto st = rec.stats();
    return QStringLiteral("state=%1 packets=%2 bytes=%3 reconnects=%4 error='%5'")
        .arg(tapedeck::recordStateName(rec.session().state()))
        .arg(st.packets)
        .arg(st.bytes)
        .arg(st.reconnects)
        .arg(rec.session().errorMessage());
}

// Judges every file the recording produced; fills `reports`.
inline void judgeFiles(const QStringList &files, const CheckOptions &opt, std::vector<MediaReport> *reports = nullptr)
{
    QVERIFY2(!files.isEmpty(), "the recording produced no file");
    for (const QString &f : files) {
        const MediaReport r = checkOutput(f, opt);
        QVERIFY2(r.ok, qPrintable(f + QStringLiteral(": ") + r.why));
        if (reports)
            reports->push_back(r);
    }
}

// Starts a recording of `p`, waits for `minPackets`, stops it (stop must end
// both threads), then judges every file with ffmpeg and GStreamer.
inline void recordAndJudge(const tapedeck::RecordParams &p, qint64 minPackets, int waitMs, const CheckOptions &opt = {},
                           std::vector<MediaReport> *reports = nullptr)
{
    Recorder rec(p);
    const tapedeck::Status st = rec.start();
    QVERIFY2(st.ok(), qPrintable(st.message()));
    QVERIFY2(rec.waitPackets(minPackets, waitMs), qPrintable(describe(rec)));
    QVERIFY2(rec.stopAndWait(10000) >= 0, "stop did not end the recording within 10 s");
    QVERIFY2(rec.session().state() == tapedeck::RecordState::Finished, qPrintable(describe(rec)));
    judgeFiles(rec.files(), opt, reports);
}

} // namespace nettest

#define NET_REQUIRE(cond, what)                                                                                        \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            if (::nettest::inCiEnv())                                                                                  \
                QFAIL("required peer missing under CI: " what);                                                        \
            QSKIP("peer not available: " what);                                                                        \
        }                                                                                                              \
    } while (0)

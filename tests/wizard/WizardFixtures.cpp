#include "WizardFixtures.h"

#include "TestSupport.h"

#include "core/mp4/Sidecar.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QThread>

#include <csignal>
#include <sys/types.h>
#include <vector>

namespace wizardtest {

namespace {

qint64 trackRecords(const QString &path)
{
    const qint64 size = QFileInfo(path).size();
    return size < tapedeck::mp4::kTrackHeaderSize
        ? 0
        : (size - tapedeck::mp4::kTrackHeaderSize) / tapedeck::mp4::kRecordSize;
}

// ---- a minimal SPS rewriter (H.264 7.3.2.1.1), just far enough to reach VUI timing

struct Bits {
    std::vector<bool> v;
    size_t pos = 0;
    bool ok = true;
    unsigned u(int n)
    {
        unsigned x = 0;
        for (int i = 0; i < n; ++i) {
            if (pos >= v.size()) {
                ok = false;
                return 0;
            }
            x = (x << 1) | unsigned(v[pos++]);
        }
        return x;
    }
    unsigned ue()
    {
        int zeros = 0;
        while (ok && pos < v.size() && !v[pos]) {
            ++zeros;
            ++pos;
        }
        if (pos >= v.size() || zeros > 31) {
            ok = false;
            return 0;
        }
        ++pos;
        return (1u << zeros) - 1 + u(zeros);
    }
};

QByteArray unescape(const QByteArray &nal)
{
    QByteArray out;
    int zeros = 0;
    for (char c : nal) {
        const auto b = uint8_t(c);
        if (zeros >= 2 && b == 3) {
            zeros = 0;
            continue;
        }
        out.append(c);
        zeros = b == 0 ? zeros + 1 : 0;
    }
    return out;
}

QByteArray escape(const QByteArray &rbsp)
{
    QByteArray out;
    int zeros = 0;
    for (char c : rbsp) {
        const auto b = uint8_t(c);
        if (zeros >= 2 && b <= 3) {
            out.append(char(3));
            zeros = 0;
        }
        out.append(c);
        zeros = b == 0 ? zeros + 1 : 0;
    }
    return out;
}

// SPS payload (after the NAL header byte) without timing, or empty when it
// has none or cannot be parsed this far.
QByteArray spsWithoutTiming(const QByteArray &payload)
{
    const QByteArray rbsp = unescape(payload);
    Bits b;
    for (char c : rbsp)
        for (int i = 7; i >= 0; --i)
            b.v.push_back((uint8_t(c) >> i) & 1);
    const unsigned profile = b.u(8);
    b.u(16);
    b.ue();
    if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
        || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139 || profile == 134
        || profile == 135) {
        if (b.ue() == 3)
            b.u(1);
        b.ue();
        b.ue();
        b.u(1);
        if (b.u(1))
            return {}; // scaling matrices: not needed for x264's defaults
    }
    b.ue();
    const unsigned pocType = b.ue();
    if (pocType == 0) {
        b.ue();
    } else if (pocType == 1) {
        b.u(1);
        b.ue();
        b.ue();
        const unsigned n = b.ue();
        for (unsigned i = 0; i < n; ++i)
            b.ue();
    }
    b.ue();
    b.u(1);
    b.ue();
    b.ue();
    if (!b.u(1))
        b.u(1);
    b.u(1);
    if (b.u(1)) {
        b.ue();
        b.ue();
        b.ue();
        b.ue();
    }
    if (!b.u(1))
        return {}; // no VUI
    if (b.u(1) && b.u(8) == 255)
        b.u(32);
    if (b.u(1))
        b.u(1);
    if (b.u(1)) {
        b.u(4);
        if (b.u(1))
            b.u(24);
    }
    if (b.u(1)) {
        b.ue();
        b.ue();
    }
    const size_t flagPos = b.pos;
    if (!b.ok || !b.u(1))
        return {};
    // Drop num_units_in_tick, time_scale and fixed_frame_rate_flag.
    size_t end = b.v.size();
    while (end > 0 && !b.v[end - 1])
        --end;
    if (end == 0)
        return {};
    --end; // the rbsp stop bit
    std::vector<bool> out(b.v.begin(), b.v.begin() + long(flagPos));
    out.push_back(false);
    out.insert(out.end(), b.v.begin() + long(flagPos + 66), b.v.begin() + long(end));
    out.push_back(true);
    while (out.size() % 8)
        out.push_back(false);
    QByteArray bytes;
    for (size_t i = 0; i < out.size(); i += 8) {
        uint8_t x = 0;
        for (int k = 0; k < 8; ++k)
            x = uint8_t((x << 1) | uint8_t(out[i + size_t(k)]));
        bytes.append(char(x));
    }
    return escape(bytes);
}

} // namespace

QByteArray stripSpsTiming(const QByteArray &s, bool *changed)
{
    *changed = false;
    // Positions of start codes (the index of the first payload byte).
    std::vector<std::pair<int, int>> nals; // (start code offset, payload offset)
    for (int i = 0; i + 2 < s.size(); ++i) {
        if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
            const int sc = (i > 0 && s[i - 1] == 0) ? i - 1 : i;
            nals.push_back({sc, i + 3});
            i += 2;
        }
    }
    if (nals.empty())
        return s;
    QByteArray out = s.left(nals.front().first);
    for (size_t k = 0; k < nals.size(); ++k) {
        const int begin = nals[k].second;
        const int end = k + 1 < nals.size() ? nals[k + 1].first : int(s.size());
        out.append(s.mid(nals[k].first, begin - nals[k].first));
        const QByteArray nal = s.mid(begin, end - begin);
        if (!nal.isEmpty() && (uint8_t(nal[0]) & 0x1f) == 7) {
            const QByteArray fixed = spsWithoutTiming(nal.mid(1));
            if (!fixed.isEmpty()) {
                out.append(nal[0]);
                out.append(fixed);
                *changed = true;
                continue;
            }
        }
        out.append(nal);
    }
    return out;
}

QString makeKilledRecording(const QString &dir, const QString &base, QString *error)
{
    QProcess p;
    p.setProgram(testsupport::tapedeckBinary());
    p.setArguments({QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"), QStringLiteral("mp4"),
                    QStringLiteral("--chunk"), QStringLiteral("2"), QStringLiteral("--out"), QDir(dir).filePath(base),
                    QStringLiteral("--duration"), QStringLiteral("120")});
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start();
    if (!p.waitForStarted(10000)) {
        *error = QStringLiteral("tapedeck did not start: ") + p.errorString();
        return {};
    }
    // The second chunk is open (so the first is a finished MP4 beside it)
    // and its sidecars already index over a second of both tracks.
    const QString info = QDir(dir).filePath(base + QStringLiteral("_part0001.mp4.info"));
    const QString track1 = QDir(dir).filePath(base + QStringLiteral("_part0001.mp4.track1"));
    const QString track2 = QDir(dir).filePath(base + QStringLiteral("_part0001.mp4.track2"));
    QDeadlineTimer deadline(60000);
    bool ready = false;
    while (!deadline.hasExpired() && p.state() == QProcess::Running) {
        if (QFileInfo::exists(info) && trackRecords(track1) >= 40 && trackRecords(track2) >= 40) {
            ready = true;
            break;
        }
        QThread::msleep(20);
    }
    if (!ready) {
        *error = QStringLiteral("the recording never reached its second chunk");
        p.kill();
        p.waitForFinished(10000);
        return {};
    }
    ::kill(pid_t(p.processId()), SIGKILL);
    p.waitForFinished(10000);
    if (p.exitStatus() != QProcess::CrashExit) {
        *error = QStringLiteral("tapedeck ended before it was killed");
        return {};
    }
    return info;
}

bool makeRawPair(const QString &dir, const QString &name, int seconds, bool stripTiming, QString *error)
{
    const QString base = QDir(dir).filePath(name + QStringLiteral(".mp4"));
    const QString t = QString::number(seconds);
    auto v = testsupport::runTool(QStringLiteral("ffmpeg"),
                                  {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y"),
                                   QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                   QStringLiteral("testsrc=size=320x240:rate=25"), QStringLiteral("-t"), t,
                                   QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-g"),
                                   QStringLiteral("25"), QStringLiteral("-bsf:v"), QStringLiteral("h264_mp4toannexb"),
                                   QStringLiteral("-f"), QStringLiteral("h264"), base + QStringLiteral(".h264")});
    if (v.exitCode != 0) {
        *error = QString::fromLocal8Bit(v.err);
        return false;
    }
    auto a = testsupport::runTool(QStringLiteral("ffmpeg"),
                                  {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-y"),
                                   QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                                   QStringLiteral("sine=frequency=440:sample_rate=48000"), QStringLiteral("-t"), t,
                                   QStringLiteral("-c:a"), QStringLiteral("aac"), QStringLiteral("-f"),
                                   QStringLiteral("adts"), base + QStringLiteral(".aac")});
    if (a.exitCode != 0) {
        *error = QString::fromLocal8Bit(a.err);
        return false;
    }
    if (stripTiming) {
        QFile f(base + QStringLiteral(".h264"));
        if (!f.open(QIODevice::ReadWrite)) {
            *error = f.errorString();
            return false;
        }
        bool changed = false;
        const QByteArray stripped = stripSpsTiming(f.readAll(), &changed);
        if (!changed) {
            *error = QStringLiteral("no SPS with timing found to strip");
            return false;
        }
        f.resize(0);
        f.seek(0);
        f.write(stripped);
    }
    return true;
}

QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        QByteArray hash = QByteArray::number(QFileInfo(path).size()) + ':';
        if (f.open(QIODevice::ReadOnly))
            hash += QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1).toHex();
        out.insert(QDir(dir).relativeFilePath(path), hash);
    }
    return out;
}

} // namespace wizardtest

#pragma once
// Shared helpers for Tapedeck's tests: real tools as judges and real servers
// as peers. Under CI=true a missing peer FAILS the test; elsewhere it skips.

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

namespace testsupport {

bool inCi();
// Full path of a tool, or empty.
QString findTool(const QString &name);

// Use at the top of a test function: QSKIP when the tool is missing, QFAIL
// under CI=true.
#define TAPEDECK_REQUIRE_TOOL(name)                                                                                    \
    do {                                                                                                               \
        if (::testsupport::findTool(QStringLiteral(name)).isEmpty()) {                                                 \
            if (::testsupport::inCi())                                                                                 \
                QFAIL("required peer missing under CI: " name);                                                        \
            QSKIP("peer not installed: " name);                                                                        \
        }                                                                                                              \
    } while (0)

// Starts a peer (anything with `bool start(QString *error)`, such as
// NginxRtmp) in a test function: QSKIP with its reason when it does not
// start, QFAIL under CI=true.
#define TAPEDECK_START_PEER(peer)                                                                                      \
    do {                                                                                                               \
        QString whyNot_;                                                                                               \
        if (!(peer).start(&whyNot_)) {                                                                                 \
            if (::testsupport::inCi())                                                                                 \
                QFAIL(qPrintable(whyNot_));                                                                            \
            QSKIP(qPrintable(whyNot_));                                                                                \
        }                                                                                                              \
    } while (0)

struct ToolResult {
    int exitCode = -1;
    bool timedOut = false;
    QByteArray out;
    QByteArray err;
};
ToolResult runTool(const QString &program, const QStringList &args, int timeoutMs = 120000,
                   const QByteArray &stdinData = {});

// `ffmpeg -v error -i FILE -f null -`: the error text ("" = clean decode).
QString ffmpegDecodeErrors(const QString &file);
// GStreamer decodes the whole file (decodebin ! fakesink) without error.
bool gstreamerDecodes(const QString &file, QString *errorText = nullptr);
// Packets per stream index as ffprobe counts them.
std::map<int, int> ffprobePacketCounts(const QString &file);
// Duration in seconds (format duration), or -1.
double ffprobeDuration(const QString &file);
// Frames decodable per stream (ffprobe -count_frames).
std::map<int, int> ffprobeFrameCounts(const QString &file);
// Raw JSON of `ffprobe -show_streams -show_format`.
QByteArray ffprobeJson(const QString &file);

// A TCP port nobody listens on right now (127.0.0.1).
quint16 freeTcpPort();
quint16 freeUdpPort();

// nginx with the RTMP module on 127.0.0.1:<port>, application "live".
class NginxRtmp {
public:
    NginxRtmp();
    ~NginxRtmp();
    bool start(QString *error = nullptr);
    void stop();
    quint16 port() const { return m_port; }
    QString url(const QString &stream) const;

private:
    QTemporaryDir m_dir;
    quint16 m_port = 0;
    std::unique_ptr<QProcess> m_proc;
};

// ffmpeg publishing a lavfi test pattern + tone (H.264/AAC) to `url` as
// `format` (flv, mpegts, ...), paced in real time, with 1 s GOPs.
class FfmpegPublisher {
public:
    explicit FfmpegPublisher(QString url, QString format = QStringLiteral("flv"), double durationSec = 10,
                             QStringList extraOutputArgs = {}, QString videoSize = QStringLiteral("320x240"));
    ~FfmpegPublisher();
    bool start();
    void stop();
    bool waitFinished(int timeoutMs);
    bool running() const;
    void suspend(); // SIGSTOP: the connection stays, the data stops
    void resume();  // SIGCONT
    QProcess *process() { return m_proc.get(); }

private:
    QString m_url, m_format;
    double m_duration;
    QStringList m_extra;
    QString m_videoSize;
    std::unique_ptr<QProcess> m_proc;
};

// `tapedeck record demo ARGS` running in the background (the demo source
// runs in real time): the live recording other tools are pointed at.
class LiveRecording {
public:
    explicit LiveRecording(QStringList recordArgs);
    ~LiveRecording(); // a recorder still running is killed
    bool start();
    // Until `path` holds at least `minBytes`; false when the recorder ended
    // first or the time ran out.
    bool waitForFile(const QString &path, qint64 minBytes, int timeoutMs = 60000);
    // Until it ends by itself: its exit code, -1 when it crashed or timed out.
    int waitFinished(int timeoutMs = 120000);
    void killHard(); // SIGKILL, as a crash would
    bool running() const;
    QByteArray output(); // stdout and stderr so far

private:
    QStringList m_args;
    std::unique_ptr<QProcess> m_proc;
    QByteArray m_out;
};

// Runs the tapedeck CLI with args; returns its result.
ToolResult runTapedeck(const QStringList &args, int timeoutMs = 120000);
QString tapedeckBinary();

// The environment of a `tapedeck` desktop app started as a user would, in
// its own home (settings in HOME/.config/Tapedeck) and runtime folder,
// offscreen.
QProcessEnvironment appEnvironment(const QString &home, const QString &runtimeDir);

// A child process of the test, killed (by its PID) if the test leaves it running.
struct OwnedProcess {
    QProcess proc;
    OwnedProcess() = default;
    OwnedProcess(const OwnedProcess &) = delete;
    OwnedProcess &operator=(const OwnedProcess &) = delete;
    ~OwnedProcess();
};

} // namespace testsupport

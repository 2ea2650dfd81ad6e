#pragma once
// Helpers shared by the network tests and the soak bench: the Python peers in
// tests/network/peers, a recording driven through the real RecordingSession,
// and judges that ask ffprobe/ffmpeg/GStreamer what was written.
// Every wait here is bounded.

#include "core/record/RecordParams.h"
#include "core/record/RecordingSession.h"
#include "TestSupport.h"

#include <QMutex>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace nettest {

// /usr/bin/python3 (the one python3-gi belongs to), or empty.
QString systemPython();
// True when python3-gi and the GStreamer RTSP server typelib are usable.
bool haveGstRtspServer();
QString peerScript(const QString &name);
bool inCiEnv();

// Waits (bounded) while pumping the Qt event loop; true when `cond` held.
bool waitFor(const std::function<bool()> &cond, int timeoutMs, int stepMs = 20);

// A long-running helper process that prints "READY <port>" when it is ready
// and answers "OK <cmd>" to commands on its stdin.
class ScriptPeer {
public:
    ScriptPeer() = default;
    ~ScriptPeer();
    ScriptPeer(const ScriptPeer &) = delete;
    ScriptPeer &operator=(const ScriptPeer &) = delete;

    bool start(const QString &program, const QStringList &args, QString *error, int readyTimeoutMs = 30000);
    bool command(const QString &cmd, int timeoutMs = 5000);
    void stop();
    quint16 port() const { return m_port; }
    // Every complete stdout line so far.
    QStringList lines();
    int countLinesStartingWith(const QString &prefix);
    QString stderrText();
    qint64 pid() const { return m_proc ? m_proc->processId() : 0; }

private:
    void pump(int waitMs);
    std::unique_ptr<QProcess> m_proc;
    QByteArray m_buf;
    QStringList m_lines;
    QByteArray m_err;
    quint16 m_port = 0;
};

// An ffmpeg process pushing a real-time lavfi test pattern (H.264 320x240 at
// 30 fps, 1 s GOP, AAC 48 kHz) to `url` in `format`. `inputArgs` go before
// the inputs (e.g. -output_ts_offset is an output arg: use outputArgs).
// The shared ffmpeg publisher (tests/support), started on demand.
class Pusher {
public:
    bool start(const QString &url, const QString &format, double durationSec, const QStringList &outputArgs = {},
               const QString &videoSize = QStringLiteral("320x240"));
    bool waitFinished(int timeoutMs);
    void stop()
    {
        if (m_pub)
            m_pub->stop();
    }
    bool running() const { return m_pub && m_pub->running(); }
    QString stderrText();
    void suspend()
    {
        if (m_pub)
            m_pub->suspend();
    }
    void resume()
    {
        if (m_pub)
            m_pub->resume();
    }

private:
    std::unique_ptr<testsupport::FfmpegPublisher> m_pub;
};

// One recording through the real RecordingSession.
class Recorder {
public:
    explicit Recorder(tapedeck::RecordParams params, int id = 1);
    ~Recorder();
    tapedeck::Status start();
    bool waitPackets(qint64 packets, int timeoutMs);
    // Waits until the written packet count stops moving (checked every
    // `stepMs`): everything a finished encoder sent has reached the writer.
    bool waitSettled(int timeoutMs, int stepMs = 500);
    bool waitState(tapedeck::RecordState state, int timeoutMs);
    bool waitEnded(int timeoutMs);
    // Asks to stop and waits (bounded); returns the milliseconds stop() took
    // until both threads ended, or -1 when they did not end in `timeoutMs`.
    qint64 stopAndWait(int timeoutMs = 10000);
    tapedeck::RecordingSession &session() { return *m_session; }
    tapedeck::RecordStats stats() const { return m_session->stats(); }
    QStringList files() const { return m_session->files(); }
    int droppedSignals() const { return m_drops; }

private:
    std::unique_ptr<tapedeck::RecordingSession> m_session;
    int m_drops = 0;
};

// What the decoders say about one output file.
struct MediaReport {
    bool ok = false;
    QString why;
    int videoPackets = 0;
    int audioPackets = 0;
    int videoKeyframes = 0;
    double durationSec = -1;
    double videoSpanSec = 0; // last - first video dts
    bool firstVideoIsKey = false;
    int width = 0;
    int height = 0;
    std::vector<std::pair<int, int>> resolutions; // distinct WxH of video streams
};

struct CheckOptions {
    bool expectAudio = true;
    bool expectVideo = true;
    double maxDurationSec = -1; // "no output claims hours it did not record"
    bool gstreamer = true;
};
MediaReport checkOutput(const QString &file, const CheckOptions &opt = {});
// Video packets over every file of a recording.
int totalVideo(const std::vector<MediaReport> &reports);

// Per-stream dts (seconds) in file order, as ffprobe reports them.
struct ProbedPacket {
    int stream = 0;
    double dts = 0;
    double pts = 0;
    bool key = false;
};
std::vector<ProbedPacket> probePackets(const QString &file);

// Captures Tapedeck's log (already redacted by core/Log) while alive.
class LogCapture {
public:
    LogCapture();
    ~LogCapture();
    QString text() const;

private:
    mutable QMutex m_mutex;
    QStringList m_lines;
};

// Files (recursively) under `dir` whose bytes contain `needle`.
QStringList filesContaining(const QString &dir, const QByteArray &needle);

// "x/rec" → base path for RecordParams::outBase inside a temporary folder.
tapedeck::RecordParams liveParams(const QString &source, tapedeck::ContainerType type, const QString &outBase);

} // namespace nettest

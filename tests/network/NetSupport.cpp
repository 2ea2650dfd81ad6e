#include "NetSupport.h"

#include "core/base/FFmpeg.h"
#include "core/base/Log.h"

extern "C" {
#include <libavutil/log.h>
}

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>
#include <QThread>

#include <csignal>
#include <set>

namespace nettest {

QString systemPython()
{
    for (const char *p : {"/usr/bin/python3", "/bin/python3"})
        if (QFileInfo(QString::fromLatin1(p)).isExecutable())
            return QString::fromLatin1(p);
    return {};
}

bool haveGstRtspServer()
{
    const QString py = systemPython();
    if (py.isEmpty())
        return false;
    QProcess p;
    p.start(py,
            {QStringLiteral("-c"),
             QStringLiteral("import gi; gi.require_version('GstRtspServer','1.0');"
                            "from gi.repository import GstRtspServer")});
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished(2000);
        return false;
    }
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QString peerScript(const QString &name) { return QStringLiteral(TAPEDECK_SOURCE_DIR "/tests/network/peers/") + name; }

bool inCiEnv() { return testsupport::inCi(); }

bool waitFor(const std::function<bool()> &cond, int timeoutMs, int stepMs)
{
    QElapsedTimer t;
    t.start();
    while (true) {
        QCoreApplication::processEvents();
        if (cond())
            return true;
        if (t.elapsed() >= timeoutMs)
            return false;
        QThread::msleep(stepMs);
    }
}

// ---- ScriptPeer --------------------------------------------------------------

ScriptPeer::~ScriptPeer() { stop(); }

void ScriptPeer::pump(int waitMs)
{
    if (!m_proc)
        return;
    if (waitMs > 0 && m_proc->state() == QProcess::Running)
        m_proc->waitForReadyRead(waitMs);
    m_buf += m_proc->readAllStandardOutput();
    m_err += m_proc->readAllStandardError();
    int nl;
    while ((nl = m_buf.indexOf('\n')) >= 0) {
        m_lines << QString::fromUtf8(m_buf.left(nl)).trimmed();
        m_buf.remove(0, nl + 1);
    }
}

bool ScriptPeer::start(const QString &program, const QStringList &args, QString *error, int readyTimeoutMs)
{
    m_proc = std::make_unique<QProcess>();
    m_proc->start(program, args);
    if (!m_proc->waitForStarted(10000)) {
        if (error)
            *error = QStringLiteral("cannot start %1").arg(program);
        return false;
    }
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < readyTimeoutMs) {
        pump(100);
        for (const QString &l : std::as_const(m_lines)) {
            if (l.startsWith(QStringLiteral("READY"))) {
                m_port = quint16(l.section(u' ', 1, 1).toUInt());
                return true;
            }
            if (l.startsWith(QStringLiteral("ERROR"))) {
                if (error)
                    *error = l + QLatin1Char('\n') + QString::fromUtf8(m_err);
                return false;
            }
        }
        if (m_proc->state() != QProcess::Running) {
            pump(0);
            if (error)
                *error = QStringLiteral("%1 exited: %2").arg(program, QString::fromUtf8(m_err));
            return false;
        }
    }
    if (error)
        *error = QStringLiteral("%1 was not ready within %2 ms: %3")
                     .arg(program)
                     .arg(readyTimeoutMs)
                     .arg(QString::fromUtf8(m_err));
    return false;
}

bool ScriptPeer::command(const QString &cmd, int timeoutMs)
{
    if (!m_proc || m_proc->state() != QProcess::Running)
        return false;
    const int before = countLinesStartingWith(QStringLiteral("OK ") + cmd);
    m_proc->write((cmd + QLatin1Char('\n')).toUtf8());
    m_proc->waitForBytesWritten(1000);
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        pump(50);
        if (countLinesStartingWith(QStringLiteral("OK ") + cmd) > before)
            return true;
    }
    return false;
}

QStringList ScriptPeer::lines()
{
    pump(0);
    return m_lines;
}

int ScriptPeer::countLinesStartingWith(const QString &prefix)
{
    pump(0);
    int n = 0;
    for (const QString &l : std::as_const(m_lines))
        n += l.startsWith(prefix) ? 1 : 0;
    return n;
}

QString ScriptPeer::stderrText()
{
    pump(0);
    return QString::fromUtf8(m_err);
}

void ScriptPeer::stop()
{
    if (!m_proc)
        return;
    if (m_proc->state() != QProcess::NotRunning) {
        m_proc->closeWriteChannel();
        m_proc->terminate();
        if (!m_proc->waitForFinished(5000)) {
            m_proc->kill();
            m_proc->waitForFinished(3000);
        }
    }
    pump(0);
    m_proc.reset();
}

// ---- Pusher ------------------------------------------------------------------

bool Pusher::start(const QString &url, const QString &format, double durationSec, const QStringList &outputArgs,
                   const QString &videoSize)
{
    m_pub = std::make_unique<testsupport::FfmpegPublisher>(url, format, durationSec, outputArgs, videoSize);
    return m_pub->start();
}

bool Pusher::waitFinished(int timeoutMs)
{
    if (!running())
        return true;
    return waitFor([this] { return !running(); }, timeoutMs);
}

QString Pusher::stderrText()
{
    return m_pub && m_pub->process() ? QString::fromUtf8(m_pub->process()->readAllStandardError()) : QString();
}

// ---- Recorder ----------------------------------------------------------------

Recorder::Recorder(tapedeck::RecordParams params, int id)
    : m_session(std::make_unique<tapedeck::RecordingSession>(id, std::move(params)))
{
    QObject::connect(m_session.get(), &tapedeck::RecordingSession::droppedSource, m_session.get(),
                     [this](int, const QString &) { ++m_drops; });
}

Recorder::~Recorder()
{
    if (m_session) {
        m_session->stop();
        m_session->wait(10000);
    }
}

tapedeck::Status Recorder::start() { return m_session->start(); }

bool Recorder::waitSettled(int timeoutMs, int stepMs)
{
    qint64 last = -1;
    return waitFor(
        [&] {
            const qint64 now = m_session->stats().packets;
            const bool still = now == last;
            last = now;
            return still;
        },
        timeoutMs, stepMs);
}

int totalVideo(const std::vector<MediaReport> &reports)
{
    int n = 0;
    for (const MediaReport &r : reports)
        n += r.videoPackets;
    return n;
}

bool Recorder::waitPackets(qint64 packets, int timeoutMs)
{
    // A session that ended will not write more: give up at once.
    bool ended = false;
    const bool ok = waitFor(
        [&] {
            if (m_session->stats().packets >= packets)
                return true;
            const auto s = m_session->state();
            ended = s == tapedeck::RecordState::Failed || s == tapedeck::RecordState::Finished;
            return ended;
        },
        timeoutMs);
    return ok && !ended;
}

bool Recorder::waitState(tapedeck::RecordState state, int timeoutMs)
{
    return waitFor([&] { return m_session->state() == state; }, timeoutMs);
}

bool Recorder::waitEnded(int timeoutMs)
{
    return waitFor(
        [&] {
            const auto s = m_session->state();
            return s == tapedeck::RecordState::Finished || s == tapedeck::RecordState::Failed;
        },
        timeoutMs);
}

qint64 Recorder::stopAndWait(int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    m_session->stop();
    const bool ended = m_session->wait(timeoutMs);
    const qint64 ms = t.elapsed();
    QCoreApplication::processEvents();
    return ended ? ms : -1;
}

// ---- judges ------------------------------------------------------------------

namespace {

QByteArray runProbe(const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(QStringLiteral("ffprobe"), args);
    if (!p.waitForStarted(10000))
        return {};
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(3000);
        return {};
    }
    return p.readAllStandardOutput();
}

QString runDecode(const QString &program, const QStringList &args, int *exitCode)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        *exitCode = -1;
        return QStringLiteral("cannot start ") + program;
    }
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(3000);
        *exitCode = -1;
        return program + QStringLiteral(" timed out");
    }
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromUtf8(p.readAll()).trimmed();
}

} // namespace

std::vector<ProbedPacket> probePackets(const QString &file)
{
    std::vector<ProbedPacket> out;
    const QByteArray csv = runProbe({QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_entries"),
                                     QStringLiteral("packet=stream_index,dts_time,pts_time,flags"),
                                     QStringLiteral("-of"), QStringLiteral("csv=p=0"), file});
    for (const QByteArray &line : csv.split('\n')) {
        const QList<QByteArray> f = line.trimmed().split(',');
        if (f.size() < 4)
            continue;
        ProbedPacket p;
        p.stream = f[0].toInt();
        p.pts = f[1] == "N/A" ? qQNaN() : f[1].toDouble();
        p.dts = f[2] == "N/A" ? qQNaN() : f[2].toDouble();
        p.key = f[3].contains('K');
        out.push_back(p);
    }
    return out;
}

MediaReport checkOutput(const QString &file, const CheckOptions &opt)
{
    MediaReport r;
    const QFileInfo fi(file);
    if (!fi.exists() || fi.size() == 0) {
        r.why = QStringLiteral("%1 missing or empty").arg(file);
        return r;
    }
    const QJsonObject j =
        QJsonDocument::fromJson(
            runProbe({QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_streams"),
                      QStringLiteral("-show_format"), QStringLiteral("-of"), QStringLiteral("json"), file}))
            .object();
    r.durationSec =
        j.value(QStringLiteral("format")).toObject().value(QStringLiteral("duration")).toString().toDouble();
    std::map<int, QString> kind;
    std::set<std::pair<int, int>> sizes;
    for (const QJsonValue &v : j.value(QStringLiteral("streams")).toArray()) {
        const QJsonObject s = v.toObject();
        const QString type = s.value(QStringLiteral("codec_type")).toString();
        kind[s.value(QStringLiteral("index")).toInt()] = type;
        if (type == u"video") {
            r.width = s.value(QStringLiteral("width")).toInt();
            r.height = s.value(QStringLiteral("height")).toInt();
            sizes.insert({r.width, r.height});
        }
    }
    r.resolutions.assign(sizes.begin(), sizes.end());

    std::map<int, double> lastDts;
    double firstVideo = qQNaN(), lastVideo = qQNaN();
    bool sawVideo = false;
    for (const ProbedPacket &p : probePackets(file)) {
        const QString &k = kind[p.stream];
        if (k == u"video") {
            if (!sawVideo)
                r.firstVideoIsKey = p.key;
            sawVideo = true;
            ++r.videoPackets;
            r.videoKeyframes += p.key ? 1 : 0;
            if (!qIsNaN(p.dts)) {
                if (qIsNaN(firstVideo))
                    firstVideo = p.dts;
                lastVideo = p.dts;
            }
        } else if (k == u"audio") {
            ++r.audioPackets;
        }
        if (qIsNaN(p.dts) && k == u"data")
            continue; // asynchronous metadata (KLV, MISB ST 1402) carries no time by design
        if (qIsNaN(p.dts)) {
            r.why = QStringLiteral("packet without dts in stream %1").arg(p.stream);
            return r;
        }
        auto it = lastDts.find(p.stream);
        if (it != lastDts.end() && p.dts < it->second) {
            r.why =
                QStringLiteral("dts goes backwards in stream %1: %2 after %3").arg(p.stream).arg(p.dts).arg(it->second);
            return r;
        }
        lastDts[p.stream] = p.dts;
    }
    if (!qIsNaN(firstVideo))
        r.videoSpanSec = lastVideo - firstVideo;
    if (opt.expectVideo && r.videoPackets == 0) {
        r.why = QStringLiteral("no video packets");
        return r;
    }
    if (opt.expectAudio && r.audioPackets == 0) {
        r.why = QStringLiteral("no audio packets");
        return r;
    }
    if (opt.maxDurationSec > 0 && r.durationSec > opt.maxDurationSec) {
        r.why = QStringLiteral("claims %1 s, at most %2 s were recorded").arg(r.durationSec).arg(opt.maxDurationSec);
        return r;
    }
    int rc = 0;
    const QString ffErr =
        runDecode(QStringLiteral("ffmpeg"),
                  {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"),
                   file, QStringLiteral("-f"), QStringLiteral("null"), QStringLiteral("-")},
                  &rc);
    if (rc != 0 || !ffErr.isEmpty()) {
        r.why =
            QStringLiteral("ffmpeg decode: ") + (ffErr.isEmpty() ? QStringLiteral("exit %1").arg(rc) : ffErr.left(600));
        return r;
    }
    if (opt.gstreamer) {
        // One decoding branch per stream: `decodebin ! fakesink` links only
        // the first pad, and the unlinked one can block decodebin's queue
        // (GStreamer then hangs on A/V files some of the time); a branch
        // left waiting for a stream that does not exist hangs too.
        QStringList gstArgs = {QStringLiteral("-q"), QStringLiteral("filesrc"),   QStringLiteral("location=") + file,
                               QStringLiteral("!"),  QStringLiteral("decodebin"), QStringLiteral("name=d")};
        int branches = 0;
        for (const auto &[index, type] : kind)
            branches += (type == u"video" || type == u"audio") ? 1 : 0;
        for (int i = 0; i < std::max(1, branches); ++i)
            gstArgs += {QStringLiteral("d."), QStringLiteral("!"),        QStringLiteral("queue"),
                        QStringLiteral("!"),  QStringLiteral("fakesink"), QStringLiteral("sync=false")};
        const QString gst = runDecode(QStringLiteral("gst-launch-1.0"), gstArgs, &rc);
        if (rc != 0 || gst.contains(QStringLiteral("ERROR"))) {
            r.why = QStringLiteral("GStreamer decode: ") + gst.left(600);
            return r;
        }
    }
    r.ok = true;
    return r;
}

// ---- logs and canaries ---------------------------------------------------------

LogCapture::LogCapture()
{
    // FFmpeg's own lines go through Tapedeck's log as in the app, and at INFO
    // (the app stops at WARNING) so the canaries see even "Opening 'URL'".
    tapedeck::installFfmpegLogHandler();
    av_log_set_level(AV_LOG_INFO);
    tapedeck::setLogSink([this](tapedeck::LogLevel, const QString &line) {
        QMutexLocker lock(&m_mutex);
        m_lines << line;
    });
}

LogCapture::~LogCapture()
{
    av_log_set_level(AV_LOG_WARNING);
    tapedeck::resetLogSink();
}

QString LogCapture::text() const
{
    QMutexLocker lock(&m_mutex);
    return m_lines.join(QLatin1Char('\n'));
}

QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            hits << path;
    }
    return hits;
}

tapedeck::RecordParams liveParams(const QString &source, tapedeck::ContainerType type, const QString &outBase)
{
    tapedeck::RecordParams p;
    p.source = source;
    p.type = type;
    p.outBase = outBase;
    p.openTimeoutMs = 15000;
    p.stallTimeoutMs = 5000;
    return p;
}

} // namespace nettest

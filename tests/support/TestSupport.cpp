#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUrl>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUdpSocket>

#include <csignal>

namespace testsupport {

bool inCi()
{
    const QByteArray v = qgetenv("CI").toLower();
    return !v.isEmpty() && v != "0" && v != "false";
}

QString findTool(const QString &name)
{
    QString p = QStandardPaths::findExecutable(name);
    if (p.isEmpty())
        p = QStandardPaths::findExecutable(name, {QStringLiteral("/usr/sbin"), QStringLiteral("/sbin")});
    return p;
}

ToolResult runTool(const QString &program, const QStringList &args, int timeoutMs, const QByteArray &stdinData)
{
    ToolResult r;
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        r.err = "failed to start " + program.toUtf8();
        return r;
    }
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        r.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

QString ffmpegDecodeErrors(const QString &file)
{
    const ToolResult r =
        runTool(QStringLiteral("ffmpeg"),
                {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), file,
                 QStringLiteral("-f"), QStringLiteral("null"), QStringLiteral("-")});
    QString text = QString::fromUtf8(r.err).trimmed();
    if (r.exitCode != 0 && text.isEmpty())
        text = QStringLiteral("ffmpeg exited with %1").arg(r.exitCode);
    return text;
}

bool gstreamerDecodes(const QString &file, QString *errorText)
{
    // playbin decodes every stream (a bare `decodebin ! fakesink` leaves the
    // second pad unlinked and can stall at random).
    const ToolResult r =
        runTool(QStringLiteral("gst-launch-1.0"),
                {QStringLiteral("-q"), QStringLiteral("playbin"),
                 QStringLiteral("uri=") + QUrl::fromLocalFile(QFileInfo(file).absoluteFilePath()).toString(),
                 QStringLiteral("video-sink=fakesink sync=false"), QStringLiteral("audio-sink=fakesink sync=false")},
                60000);
    const bool ok = r.exitCode == 0 && !r.timedOut && !r.err.contains("ERROR") && !r.out.contains("ERROR");
    if (!ok && errorText)
        *errorText =
            QStringLiteral("gst-launch exit %1%2: %3")
                .arg(r.exitCode)
                .arg(r.timedOut ? QStringLiteral(" (timed out)") : QString(), QString::fromUtf8(r.out + r.err));
    return ok;
}

std::map<int, int> ffprobePacketCounts(const QString &file)
{
    std::map<int, int> counts;
    const ToolResult r =
        runTool(QStringLiteral("ffprobe"),
                {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_entries"),
                 QStringLiteral("packet=stream_index"), QStringLiteral("-of"), QStringLiteral("csv=p=0"), file});
    for (const QByteArray &line : r.out.split('\n')) {
        // Packets with side data print extra (empty) CSV fields.
        bool ok = false;
        const int idx = line.trimmed().split(',').value(0).toInt(&ok);
        if (ok)
            ++counts[idx];
    }
    return counts;
}

std::map<int, int> ffprobeFrameCounts(const QString &file)
{
    std::map<int, int> counts;
    const ToolResult r = runTool(QStringLiteral("ffprobe"),
                                 {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-count_frames"),
                                  QStringLiteral("-show_entries"), QStringLiteral("stream=index,nb_read_frames"),
                                  QStringLiteral("-of"), QStringLiteral("csv=p=0"), file});
    for (const QByteArray &line : r.out.split('\n')) {
        const QList<QByteArray> f = line.trimmed().split(',');
        if (f.size() >= 2)
            counts[f[0].toInt()] = f[1].toInt();
    }
    return counts;
}

double ffprobeDuration(const QString &file)
{
    const ToolResult r =
        runTool(QStringLiteral("ffprobe"),
                {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_entries"),
                 QStringLiteral("format=duration"), QStringLiteral("-of"), QStringLiteral("csv=p=0"), file});
    bool ok = false;
    const double d = r.out.trimmed().toDouble(&ok);
    return ok ? d : -1;
}

QByteArray ffprobeJson(const QString &file)
{
    return runTool(QStringLiteral("ffprobe"),
                   {QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-show_streams"),
                    QStringLiteral("-show_format"), QStringLiteral("-of"), QStringLiteral("json"), file})
        .out;
}

quint16 freeTcpPort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

quint16 freeUdpPort()
{
    QUdpSocket s;
    s.bind(QHostAddress::LocalHost, 0);
    return s.localPort();
}

// ---- nginx-rtmp ------------------------------------------------------------

NginxRtmp::NginxRtmp() = default;
NginxRtmp::~NginxRtmp() { stop(); }

QString NginxRtmp::url(const QString &stream) const
{
    return QStringLiteral("rtmp://127.0.0.1:%1/live/%2").arg(m_port).arg(stream);
}

bool NginxRtmp::start(QString *error)
{
    const QString nginx = findTool(QStringLiteral("nginx"));
    QString module;
    for (const QString &cand : {QStringLiteral("/usr/lib/nginx/modules/ngx_rtmp_module.so"),
                                QStringLiteral("/usr/share/nginx/modules/ngx_rtmp_module.so")})
        if (QFile::exists(cand))
            module = cand;
    if (nginx.isEmpty() || module.isEmpty()) {
        if (error)
            *error = QStringLiteral("nginx or its RTMP module is not installed");
        return false;
    }
    m_port = freeTcpPort();
    const QString prefix = m_dir.path();
    QDir().mkpath(prefix + QStringLiteral("/logs"));
    const QString conf =
        QStringLiteral(
            "load_module %1;\n"
            "daemon off;\nmaster_process off;\nworker_processes 1;\n"
            "error_log %2/logs/error.log warn;\npid %2/nginx.pid;\n"
            "events { worker_connections 64; }\n"
            "rtmp { server { listen 127.0.0.1:%3; chunk_size 4096;\n"
            "  application live { live on; record off; allow publish 127.0.0.1; deny publish all; allow play all; }\n"
            "} }\n")
            .arg(module, prefix)
            .arg(m_port);
    QFile f(prefix + QStringLiteral("/nginx.conf"));
    if (!f.open(QIODevice::WriteOnly) || f.write(conf.toUtf8()) < 0) {
        if (error)
            *error = QStringLiteral("cannot write nginx.conf");
        return false;
    }
    f.close();
    m_proc = std::make_unique<QProcess>();
    m_proc->setProcessChannelMode(QProcess::MergedChannels);
    m_proc->start(nginx, {QStringLiteral("-p"), prefix, QStringLiteral("-c"), prefix + QStringLiteral("/nginx.conf")});
    if (!m_proc->waitForStarted(5000)) {
        if (error)
            *error = QStringLiteral("nginx did not start");
        return false;
    }
    // Wait (bounded) until the port accepts connections.
    for (int i = 0; i < 50; ++i) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_port);
        if (probe.waitForConnected(200))
            return true;
        if (m_proc->state() != QProcess::Running)
            break;
        QThread::msleep(100);
    }
    if (error)
        *error = QStringLiteral("nginx did not listen: ") + QString::fromUtf8(m_proc->readAll());
    return false;
}

void NginxRtmp::stop()
{
    if (m_proc && m_proc->state() != QProcess::NotRunning) {
        m_proc->terminate();
        if (!m_proc->waitForFinished(3000)) {
            m_proc->kill();
            m_proc->waitForFinished(3000);
        }
    }
    m_proc.reset();
}

// ---- ffmpeg publisher -------------------------------------------------------

FfmpegPublisher::FfmpegPublisher(QString url, QString format, double durationSec, QStringList extra, QString videoSize)
    : m_url(std::move(url)), m_format(std::move(format)), m_duration(durationSec), m_extra(std::move(extra)),
      m_videoSize(std::move(videoSize))
{}

FfmpegPublisher::~FfmpegPublisher() { stop(); }

bool FfmpegPublisher::start()
{
    const QString dur = QString::number(m_duration);
    QStringList args = {
        QStringLiteral("-nostdin"), QStringLiteral("-v"),
        QStringLiteral("error"),    QStringLiteral("-re"),
        QStringLiteral("-f"),       QStringLiteral("lavfi"),
        QStringLiteral("-i"),       QStringLiteral("testsrc2=size=%1:rate=30:duration=%2").arg(m_videoSize, dur),
        QStringLiteral("-f"),       QStringLiteral("lavfi"),
        QStringLiteral("-i"),       QStringLiteral("sine=frequency=440:sample_rate=48000:duration=") + dur,
        QStringLiteral("-c:v"),     QStringLiteral("libx264"),
        QStringLiteral("-preset"),  QStringLiteral("ultrafast"),
        QStringLiteral("-tune"),    QStringLiteral("zerolatency"),
        QStringLiteral("-g"),       QStringLiteral("30"),
        QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"),
        QStringLiteral("-c:a"),     QStringLiteral("aac"),
        QStringLiteral("-b:a"),     QStringLiteral("96k"),
    };
    args += m_extra;
    args += {QStringLiteral("-f"), m_format, m_url};
    m_proc = std::make_unique<QProcess>();
    m_proc->start(QStringLiteral("ffmpeg"), args);
    return m_proc->waitForStarted(5000);
}

bool FfmpegPublisher::running() const { return m_proc && m_proc->state() == QProcess::Running; }

void FfmpegPublisher::suspend()
{
    if (running())
        ::kill(pid_t(m_proc->processId()), SIGSTOP);
}

void FfmpegPublisher::resume()
{
    if (running())
        ::kill(pid_t(m_proc->processId()), SIGCONT);
}

void FfmpegPublisher::stop()
{
    if (m_proc && m_proc->state() != QProcess::NotRunning) {
        resume(); // a stopped process cannot act on SIGTERM
        m_proc->terminate();
        if (!m_proc->waitForFinished(3000)) {
            m_proc->kill();
            m_proc->waitForFinished(3000);
        }
    }
}

bool FfmpegPublisher::waitFinished(int timeoutMs)
{
    return !m_proc || m_proc->state() == QProcess::NotRunning || m_proc->waitForFinished(timeoutMs);
}

QString tapedeckBinary()
{
    // TAPEDECK_TEST_BIN runs the tests against another build (e.g. the code
    // before a fix, to see a regression test fail there).
    const QString other = qEnvironmentVariable("TAPEDECK_TEST_BIN");
    return other.isEmpty() ? QStringLiteral(TAPEDECK_BIN_PATH) : other;
}

LiveRecording::LiveRecording(QStringList recordArgs) : m_args(std::move(recordArgs)) {}

LiveRecording::~LiveRecording()
{
    if (running())
        killHard();
}

bool LiveRecording::start()
{
    m_proc = std::make_unique<QProcess>();
    m_proc->setProcessChannelMode(QProcess::MergedChannels);
    m_proc->start(tapedeckBinary(), QStringList{QStringLiteral("record"), QStringLiteral("demo")} + m_args);
    return m_proc->waitForStarted(10000);
}

bool LiveRecording::running() const { return m_proc && m_proc->state() == QProcess::Running; }

QByteArray LiveRecording::output()
{
    if (m_proc)
        m_out += m_proc->readAll();
    return m_out;
}

bool LiveRecording::waitForFile(const QString &path, qint64 minBytes, int timeoutMs)
{
    for (int waited = 0; waited < timeoutMs; waited += 20) {
        if (QFileInfo(path).size() >= minBytes)
            return true;
        if (!running())
            return false;
        QThread::msleep(20);
    }
    return false;
}

int LiveRecording::waitFinished(int timeoutMs)
{
    if (!m_proc)
        return -1;
    if (!m_proc->waitForFinished(timeoutMs)) {
        killHard();
        return -1;
    }
    output();
    return m_proc->exitStatus() == QProcess::NormalExit ? m_proc->exitCode() : -1;
}

void LiveRecording::killHard()
{
    // Never kill(0, ...): a recorder that already ended has no pid, and 0
    // would mean this whole process group.
    if (!running() || m_proc->processId() <= 0) {
        output();
        return;
    }
    ::kill(static_cast<pid_t>(m_proc->processId()), SIGKILL);
    m_proc->waitForFinished(10000);
    output();
}

ToolResult runTapedeck(const QStringList &args, int timeoutMs) { return runTool(tapedeckBinary(), args, timeoutMs); }

QProcessEnvironment appEnvironment(const QString &home, const QString &runtimeDir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/.config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/.local/share"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDir);
    return env;
}

OwnedProcess::~OwnedProcess()
{
    if (proc.state() != QProcess::NotRunning) {
        proc.kill(); // our own child, by PID
        proc.waitForFinished(5000);
    }
}

} // namespace testsupport

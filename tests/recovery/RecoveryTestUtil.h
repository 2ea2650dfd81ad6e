#pragma once
// Helpers shared by the recovery tests: real recordings made by the real
// CLI and by ffmpeg, and decoders as judges.

#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QThread>

#include <csignal>

namespace rtest {

// GStreamer decodes every stream of the file. playbin links audio and video
// (decodebin ! fakesink links one pad and races on the other).
inline bool gstDecodesAll(const QString &file, QString *why = nullptr)
{
    const auto r = testsupport::runTool(QStringLiteral("gst-launch-1.0"),
                                        {QStringLiteral("-q"), QStringLiteral("playbin"),
                                         QStringLiteral("uri=file://") + QFileInfo(file).absoluteFilePath(),
                                         QStringLiteral("video-sink=fakesink sync=false"),
                                         QStringLiteral("audio-sink=fakesink sync=false")},
                                        60000);
    const bool ok = r.exitCode == 0 && !r.timedOut && !r.err.contains("ERROR") && !r.out.contains("ERROR");
    if (!ok && why)
        *why = QString::fromUtf8(r.out + r.err);
    return ok;
}

// Duration of one stream type ("v" or "a") as ffprobe reports it, or -1.
inline double streamDuration(const QString &file, const char *type)
{
    const auto r = testsupport::runTool(QStringLiteral("ffprobe"),
                                        {QStringLiteral("-v"), QStringLiteral("error"),
                                         QStringLiteral("-select_streams"), QString::fromLatin1(type),
                                         QStringLiteral("-show_entries"), QStringLiteral("stream=duration"),
                                         QStringLiteral("-of"), QStringLiteral("csv=p=0"), file});
    bool ok = false;
    const double d = r.out.trimmed().split('\n').value(0).toDouble(&ok);
    return ok ? d : -1;
}

// ffmpeg-made raw pair: `seconds` of a `fps` test pattern (x264 with
// B-frames) and a 48 kHz tone, as NAME.mp4.h264 + NAME.mp4.aac.
inline bool makeRawPair(const QString &base, int seconds, int fps)
{
    const QString dur = QString::number(seconds);
    const auto r = testsupport::runTool(QStringLiteral("ffmpeg"),
                                        {QStringLiteral("-v"),
                                         QStringLiteral("error"),
                                         QStringLiteral("-y"),
                                         QStringLiteral("-f"),
                                         QStringLiteral("lavfi"),
                                         QStringLiteral("-i"),
                                         QStringLiteral("testsrc2=size=320x240:rate=%1:duration=%2").arg(fps).arg(dur),
                                         QStringLiteral("-f"),
                                         QStringLiteral("lavfi"),
                                         QStringLiteral("-i"),
                                         QStringLiteral("sine=frequency=440:sample_rate=48000:duration=%1").arg(dur),
                                         QStringLiteral("-map"),
                                         QStringLiteral("0:v"),
                                         QStringLiteral("-c:v"),
                                         QStringLiteral("libx264"),
                                         QStringLiteral("-g"),
                                         QString::number(fps),
                                         QStringLiteral("-pix_fmt"),
                                         QStringLiteral("yuv420p"),
                                         QStringLiteral("-f"),
                                         QStringLiteral("h264"),
                                         base + QStringLiteral(".h264"),
                                         QStringLiteral("-map"),
                                         QStringLiteral("1:a"),
                                         QStringLiteral("-c:a"),
                                         QStringLiteral("aac"),
                                         QStringLiteral("-f"),
                                         QStringLiteral("adts"),
                                         base + QStringLiteral(".aac")});
    return r.exitCode == 0;
}

// Starts `tapedeck record demo ...`, waits until `watch` (a file the
// recording creates) has at least `minBytes`, then SIGKILLs it.
inline bool recordAndKill(const QStringList &recordArgs, const QString &watch, qint64 minBytes, int timeoutMs = 60000)
{
    testsupport::LiveRecording rec(recordArgs);
    if (!rec.start())
        return false;
    const bool reached = rec.waitForFile(watch, minBytes, timeoutMs);
    rec.killHard();
    return reached;
}

// `tapedeck record demo --type TYPE --duration SECONDS --out BASE`, stopped cleanly.
inline bool recordDemo(const QString &type, int seconds, const QString &base)
{
    const auto r = testsupport::runTapedeck({QStringLiteral("record"), QStringLiteral("demo"), QStringLiteral("--type"),
                                             type, QStringLiteral("--duration"), QString::number(seconds),
                                             QStringLiteral("--out"), base, QStringLiteral("-q")});
    return r.exitCode == 0;
}

// Runs `tapedeck recover ARGS --json`; returns the JSON objects printed.
inline QList<QJsonObject> recoverJson(const QStringList &args, int *exitCode)
{
    const auto r =
        testsupport::runTapedeck(QStringList{QStringLiteral("recover"), QStringLiteral("--json")} + args, 300000);
    *exitCode = r.timedOut ? -1 : r.exitCode;
    QList<QJsonObject> out;
    for (const QByteArray &line : r.out.split('\n'))
        if (!line.trimmed().isEmpty())
            out << QJsonDocument::fromJson(line).object();
    return out;
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace rtest

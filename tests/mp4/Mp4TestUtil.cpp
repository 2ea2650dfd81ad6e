#include "Mp4TestUtil.h"

#include "TestSupport.h"
#include "core/mp4/Sidecar.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace mp4test {

using namespace tapedeck;

QString makeMedia(const QString &dir, const QString &kind, double seconds, QString *error)
{
    const QString dur = QString::number(seconds);
    const QStringList video = {QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                               QStringLiteral("testsrc2=size=160x120:rate=15:duration=") + dur};
    const QStringList audio = {QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                               QStringLiteral("sine=frequency=440:sample_rate=48000:duration=") + dur};
    const QStringList x264 = {QStringLiteral("-c:v"),    QStringLiteral("libx264"),  QStringLiteral("-bf"),
                              QStringLiteral("2"),       QStringLiteral("-g"),       QStringLiteral("15"),
                              QStringLiteral("-preset"), QStringLiteral("veryfast"), QStringLiteral("-pix_fmt"),
                              QStringLiteral("yuv420p")};
    const QStringList x265 = {QStringLiteral("-c:v"),         QStringLiteral("libx265"),
                              QStringLiteral("-preset"),      QStringLiteral("ultrafast"),
                              QStringLiteral("-x265-params"), QStringLiteral("log-level=error:keyint=15:bframes=2"),
                              QStringLiteral("-pix_fmt"),     QStringLiteral("yuv420p")};
    const QStringList aac = {QStringLiteral("-c:a"), QStringLiteral("aac"), QStringLiteral("-b:a"),
                             QStringLiteral("64k")};
    const QStringList opus = {QStringLiteral("-c:a"), QStringLiteral("libopus"), QStringLiteral("-b:a"),
                              QStringLiteral("48k")};
    QStringList args = {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
                        QStringLiteral("-y")};
    QString ext = QStringLiteral("mp4");
    if (kind == u"h264_aac")
        args << video << audio << x264 << aac;
    else if (kind == u"hevc_opus")
        args << video << audio << x265 << opus;
    else if (kind == u"h264")
        args << video << x264;
    else if (kind == u"aac")
        args << audio << aac;
    else if (kind == u"opus")
        args << audio << opus;
    else if (kind == u"h264_aac_ts") {
        args << video << audio << x264 << aac;
        ext = QStringLiteral("ts");
    } else if (kind == u"hevc_aac_ts") {
        args << video << audio << x265 << aac;
        ext = QStringLiteral("ts");
    } else if (kind == u"h264_aac_srt" || kind == u"h264_aac_movtext") {
        // A subtitle stream with a gap between every two cues: SubRip in
        // Matroska (converted to tx3g) or mov_text in MP4 (copied).
        const QString srt = QDir(dir).filePath(QStringLiteral("cues_%1.srt").arg(kind));
        QFile f(srt);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        for (int i = 0; i * 0.5 + 0.4 < seconds; ++i)
            f.write(QStringLiteral("%1\n00:00:%2,%3 --> 00:00:%2,%4\nCue %1\n\n")
                        .arg(i + 1)
                        .arg(i / 2, 2, 10, QLatin1Char('0'))
                        .arg((i % 2) * 500 + 100, 3, 10, QLatin1Char('0'))
                        .arg((i % 2) * 500 + 350, 3, 10, QLatin1Char('0'))
                        .toUtf8());
        f.close();
        args << video << audio << QStringLiteral("-i") << srt << QStringLiteral("-map") << QStringLiteral("0")
             << QStringLiteral("-map") << QStringLiteral("1") << QStringLiteral("-map") << QStringLiteral("2") << x264
             << aac << QStringLiteral("-c:s")
             << (kind == u"h264_aac_srt" ? QStringLiteral("srt") : QStringLiteral("mov_text"))
             << QStringLiteral("-metadata:s:s:0") << QStringLiteral("language=eng");
        if (kind == u"h264_aac_srt") {
            // Matroska stores no dts: without B-frames the pts are the dts
            // loadMedia feeds (the session would derive them).
            args << QStringLiteral("-bf") << QStringLiteral("0");
            ext = QStringLiteral("mkv");
        }
    } else {
        if (error)
            *error = QStringLiteral("unknown media kind ") + kind;
        return {};
    }
    const QString out = QDir(dir).filePath(QStringLiteral("src_%1.%2").arg(kind, ext));
    args << out;
    const auto r = testsupport::runTool(QStringLiteral("ffmpeg"), args, 120000);
    if (r.exitCode != 0 || !QFileInfo::exists(out)) {
        if (error)
            *error = QString::fromUtf8(r.err);
        return {};
    }
    return out;
}

bool loadMedia(const QString &path, Media *out, QString *error)
{
    AVFormatContext *raw = nullptr;
    const QByteArray p = QFile::encodeName(path);
    if (int rc = avformat_open_input(&raw, p.constData(), nullptr, nullptr); rc < 0) {
        if (error)
            *error = ffmpegErrorString(rc);
        return false;
    }
    InputFormatContextPtr ctx(raw);
    if (int rc = avformat_find_stream_info(ctx.get(), nullptr); rc < 0) {
        if (error)
            *error = ffmpegErrorString(rc);
        return false;
    }
    for (unsigned i = 0; i < ctx->nb_streams; ++i) {
        const AVStream *st = ctx->streams[i];
        StreamInfo s;
        s.index = int(i);
        s.type = st->codecpar->codec_type;
        s.params = CodecParams(st->codecpar);
        s.timeBase = st->time_base;
        s.frameRate = st->avg_frame_rate;
        if (const AVDictionaryEntry *e = av_dict_get(st->metadata, "language", nullptr, 0))
            s.tags.language = QString::fromUtf8(e->value);
        out->streams.push_back(std::move(s));
    }
    PacketPtr pkt = makePacket();
    while (av_read_frame(ctx.get(), pkt.get()) >= 0) {
        if (pkt->dts == AV_NOPTS_VALUE)
            pkt->dts = pkt->pts;
        if (pkt->pts == AV_NOPTS_VALUE)
            pkt->pts = pkt->dts;
        out->packets.push_back(clonePacket(pkt.get()));
        av_packet_unref(pkt.get());
    }
    // Shift every stream by the same amount so the earliest dts becomes 0.
    double minSec = 1e300;
    for (const PacketPtr &k : out->packets)
        minSec = std::min(minSec, k->dts * av_q2d(out->streams[size_t(k->stream_index)].timeBase));
    for (PacketPtr &k : out->packets) {
        const AVRational tb = out->streams[size_t(k->stream_index)].timeBase;
        const qint64 shift = qint64(std::llround(minSec / av_q2d(tb)));
        k->dts -= shift;
        k->pts -= shift;
        if (k->dts < 0) {
            k->pts -= k->dts;
            k->dts = 0;
        }
    }
    return !out->packets.empty();
}

FeedResult feed(const Media &m, ContainerWriter &w, int count, const std::function<void(int)> &after)
{
    FeedResult r;
    const int n = count < 0 ? int(m.packets.size()) : std::min<int>(count, int(m.packets.size()));
    for (int i = 0; i < n; ++i) {
        r.status = w.write(m.packets[size_t(i)].get());
        if (!r.status)
            return r;
        ++r.written;
        ++r.perStream[m.packets[size_t(i)]->stream_index];
        if (after)
            after(r.written);
    }
    return r;
}

QStringList topLevelBoxes(const QString &file)
{
    QStringList out;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    qint64 pos = 0;
    const qint64 end = f.size();
    while (pos + 8 <= end) {
        f.seek(pos);
        const QByteArray h = f.read(16);
        quint64 size = (quint64(quint8(h[0])) << 24) | (quint64(quint8(h[1])) << 16) | (quint64(quint8(h[2])) << 8)
            | quint64(quint8(h[3]));
        if (size == 1 && h.size() == 16) {
            size = 0;
            for (int i = 8; i < 16; ++i)
                size = (size << 8) | quint8(h[i]);
        } else if (size == 0) {
            size = quint64(end - pos);
        }
        out << QString::fromLatin1(h.mid(4, 4));
        if (size < 8)
            break;
        pos += qint64(size);
    }
    return out;
}

QStringList sidecarFiles(const QString &dir)
{
    QStringList out;
    for (const QString &name : QDir(dir).entryList(QDir::Files))
        if (mp4::isSidecarPath(name))
            out << name;
    return out;
}

bool copySidecarSet(const QString &fromFinal, const QString &toFinal)
{
    QStringList suffixes = {QStringLiteral(".info"), QStringLiteral(".mdat")};
    for (int i = 1; i <= 16; ++i)
        suffixes << QStringLiteral(".track%1").arg(i);
    bool any = false;
    for (const QString &s : suffixes) {
        if (!QFileInfo::exists(fromFinal + s))
            continue;
        QFile::remove(toFinal + s);
        if (!QFile::copy(fromFinal + s, toFinal + s))
            return false;
        any = true;
    }
    return any;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace mp4test

#include "core/source/Probe.h"

#include "core/base/MediaTypes.h"
#include "core/source/Source.h"

#include <QJsonArray>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/avutil.h>
}

namespace tapedeck {

QStringList ProbeReport::descriptions() const
{
    QStringList out;
    for (const ProbedStream &s : streams)
        out << s.description;
    return out;
}

QJsonObject ProbeReport::toJson() const
{
    QJsonArray list;
    for (const ProbedStream &s : streams) {
        QJsonObject o{{QStringLiteral("index"), s.index},
                      {QStringLiteral("type"), s.type},
                      {QStringLiteral("codec"), s.codec},
                      {QStringLiteral("description"), s.description}};
        if (s.type == QLatin1String("video")) {
            o.insert(QStringLiteral("width"), s.width);
            o.insert(QStringLiteral("height"), s.height);
            if (s.fps > 0)
                o.insert(QStringLiteral("fps"), s.fps);
        } else if (s.type == QLatin1String("audio")) {
            o.insert(QStringLiteral("sampleRate"), s.sampleRate);
            o.insert(QStringLiteral("channels"), s.channels);
        }
        list.append(o);
    }
    return QJsonObject{
        {QStringLiteral("source"), source}, {QStringLiteral("live"), live}, {QStringLiteral("streams"), list}};
}

Result<ProbeReport> probeSource(const QString &spec, const ProbeOptions &options)
{
    const QString trimmed = spec.trimmed();
    if (trimmed.isEmpty())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no address given"));
    SourceOptions so;
    so.openTimeoutMs = options.openTimeoutMs;
    so.stallTimeoutMs = options.openTimeoutMs;
    so.stopFlag = options.stopFlag;
    std::unique_ptr<PacketSource> src = makeSource(trimmed, so);
    if (!src)
        return makeError(ErrorCode::Unsupported, QStringLiteral("Tapedeck cannot read this kind of source"));
    if (Status st = src->open(); !st.ok())
        return st.error();
    ProbeReport report;
    report.source = src->displayName();
    report.live = src->isLive();
    for (const StreamInfo &si : src->streams()) {
        const AVCodecParameters *par = si.params.get();
        ProbedStream s;
        s.index = si.index;
        const char *type = av_get_media_type_string(si.type);
        s.type = QString::fromUtf8(type ? type : "unknown");
        s.codec = QString::fromUtf8(avcodec_get_name(par->codec_id));
        s.description = describeStream(si);
        if (si.type == AVMEDIA_TYPE_VIDEO) {
            s.width = par->width;
            s.height = par->height;
            if (si.frameRate.num > 0)
                s.fps = av_q2d(si.frameRate);
        } else if (si.type == AVMEDIA_TYPE_AUDIO) {
            s.sampleRate = par->sample_rate;
            s.channels = par->ch_layout.nb_channels;
        }
        report.streams.push_back(std::move(s));
    }
    return report;
}

} // namespace tapedeck

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

namespace {

QJsonObject streamJson(const ProbedStream &s, bool catalog)
{
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
    if (!s.language.isEmpty())
        o.insert(QStringLiteral("language"), s.language);
    if (!s.title.isEmpty())
        o.insert(QStringLiteral("title"), s.title);
    if (catalog) {
        o.insert(QStringLiteral("track"), s.item);
        o.insert(QStringLiteral("recorded"), s.recorded);
    }
    return o;
}

ProbedStream probed(const StreamInfo &si)
{
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
    s.language = si.tags.language;
    s.title = si.tags.title;
    if (!s.language.isEmpty())
        s.description += u' ' + s.language;
    return s;
}

} // namespace

QJsonObject ProbeReport::toJson() const
{
    QJsonArray list;
    for (const ProbedStream &s : streams)
        list.append(streamJson(s, false));
    QJsonArray progs;
    for (const ProbedProgram &p : programs) {
        QJsonArray tracks;
        for (const ProbedStream &s : p.streams)
            tracks.append(streamJson(s, true));
        QJsonObject o{{QStringLiteral("recorded"), p.recorded}, {QStringLiteral("streams"), tracks}};
        if (p.number >= 0)
            o.insert(QStringLiteral("program"), p.number);
        if (!p.name.isEmpty())
            o.insert(QStringLiteral("name"), p.name);
        if (!p.provider.isEmpty())
            o.insert(QStringLiteral("provider"), p.provider);
        progs.append(o);
    }
    return QJsonObject{{QStringLiteral("source"), source},
                       {QStringLiteral("live"), live},
                       {QStringLiteral("streams"), list},
                       {QStringLiteral("programs"), progs}};
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
    so.tracks = options.tracks;
    std::unique_ptr<PacketSource> src = makeSource(trimmed, so);
    if (!src)
        return makeError(ErrorCode::Unsupported, QStringLiteral("Tapedeck cannot read this kind of source"));
    if (Status st = src->open(); !st.ok())
        return st.error();
    ProbeReport report;
    report.source = src->displayName();
    report.live = src->isLive();
    for (const StreamInfo &si : src->streams())
        report.streams.push_back(probed(si));
    for (const CatalogProgram &cp : src->catalog()) {
        ProbedProgram pp;
        pp.number = cp.number;
        pp.name = cp.name;
        pp.provider = cp.provider;
        pp.recorded = cp.recorded;
        for (const CatalogTrack &t : cp.tracks) {
            ProbedStream s = probed(t.info);
            s.item = t.item;
            s.recorded = t.recorded;
            pp.streams.push_back(std::move(s));
        }
        report.programs.push_back(std::move(pp));
    }
    if (report.programs.empty()) {
        // A source that knows only what it delivers: one program of it all.
        ProbedProgram pp;
        pp.recorded = true;
        std::vector<TrackCandidate> candidates;
        for (const StreamInfo &si : src->streams())
            candidates.push_back(TrackCandidate{si.index, si.type, si.tags.language});
        for (size_t k = 0; k < candidates.size(); ++k) {
            ProbedStream s = report.streams[k];
            s.item = trackItemFor(candidates, k);
            pp.streams.push_back(std::move(s));
        }
        report.programs.push_back(std::move(pp));
    }
    return report;
}

} // namespace tapedeck

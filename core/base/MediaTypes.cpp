#include "core/base/MediaTypes.h"

#include <cstring>

namespace tapedeck {

QString containerName(ContainerType type)
{
    switch (type) {
    case ContainerType::Mp4:
        return QStringLiteral("mp4");
    case ContainerType::MpegTs:
        return QStringLiteral("ts");
    case ContainerType::Flv:
        return QStringLiteral("flv");
    }
    return QString();
}

Result<ContainerType> parseContainerType(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == u"mp4")
        return ContainerType::Mp4;
    if (n == u"ts" || n == u"mpegts")
        return ContainerType::MpegTs;
    if (n == u"flv")
        return ContainerType::Flv;
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown type \"%1\" (use mp4, ts or flv)").arg(name));
}

bool hasVideo(const std::vector<StreamInfo> &streams) { return firstVideoIndex(streams) >= 0; }

int firstVideoIndex(const std::vector<StreamInfo> &streams)
{
    for (const StreamInfo &s : streams)
        if (s.type == AVMEDIA_TYPE_VIDEO)
            return s.index;
    return -1;
}

QString describeStream(const StreamInfo &s)
{
    const AVCodecParameters *p = s.params.get();
    if (!p)
        return QStringLiteral("unknown");
    const QString codec = QString::fromUtf8(avcodec_get_name(p->codec_id));
    if (s.type == AVMEDIA_TYPE_VIDEO) {
        QString d = QStringLiteral("%1 %2x%3").arg(codec).arg(p->width).arg(p->height);
        if (s.frameRate.num > 0 && s.frameRate.den > 0)
            d += QStringLiteral(" %1 fps").arg(av_q2d(s.frameRate), 0, 'g', 4);
        return d;
    }
    if (s.type == AVMEDIA_TYPE_AUDIO)
        return QStringLiteral("%1 %2 Hz %3 ch").arg(codec).arg(p->sample_rate).arg(p->ch_layout.nb_channels);
    return codec;
}

bool sameCodecSetup(const std::vector<StreamInfo> &a, const std::vector<StreamInfo> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const AVCodecParameters *x = a[i].params.get();
        const AVCodecParameters *y = b[i].params.get();
        if (!x || !y || x->codec_type != y->codec_type || x->codec_id != y->codec_id)
            return false;
        if (x->width != y->width || x->height != y->height || x->sample_rate != y->sample_rate
            || x->ch_layout.nb_channels != y->ch_layout.nb_channels)
            return false;
        if (x->extradata_size != y->extradata_size
            || (x->extradata_size > 0 && std::memcmp(x->extradata, y->extradata, size_t(x->extradata_size)) != 0))
            return false;
    }
    return true;
}

} // namespace tapedeck

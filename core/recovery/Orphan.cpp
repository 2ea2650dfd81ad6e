#include "core/recovery/Orphan.h"

#include <QDateTime>
#include <QJsonArray>

namespace tapedeck::recovery {

QString kindName(OrphanKind k)
{
    switch (k) {
    case OrphanKind::SidecarSet:
        return QStringLiteral("sidecar-set");
    case OrphanKind::RawPair:
        return QStringLiteral("raw-pair");
    case OrphanKind::RawVideo:
        return QStringLiteral("raw-video");
    case OrphanKind::RawAudio:
        return QStringLiteral("raw-audio");
    case OrphanKind::MpegTs:
        return QStringLiteral("mpegts");
    case OrphanKind::Flv:
        return QStringLiteral("flv");
    case OrphanKind::Mp4NoIndex:
        return QStringLiteral("mp4-no-index");
    case OrphanKind::NotRecording:
        return QStringLiteral("not-a-recording");
    }
    return QString();
}

QJsonObject toJson(const Orphan &o, const QString &output)
{
    QJsonObject j;
    j[QStringLiteral("kind")] = kindName(o.kind);
    j[QStringLiteral("verdict")] = verdictName(o.verdict);
    j[QStringLiteral("target")] = o.target;
    j[QStringLiteral("files")] = QJsonArray::fromStringList(o.files);
    QJsonArray tracks;
    for (const TrackSummary &t : o.tracks) {
        QJsonObject tj;
        tj[QStringLiteral("kind")] = t.kind;
        if (!t.codec.isEmpty())
            tj[QStringLiteral("codec")] = t.codec;
        if (!t.detail.isEmpty())
            tj[QStringLiteral("detail")] = t.detail;
        if (t.samples >= 0)
            tj[QStringLiteral("samples")] = t.samples;
        if (t.durationSec >= 0)
            tj[QStringLiteral("duration")] = t.durationSec;
        tracks.append(tj);
    }
    j[QStringLiteral("tracks")] = tracks;
    j[QStringLiteral("duration")] = o.durationSec >= 0 ? QJsonValue(o.durationSec) : QJsonValue();
    j[QStringLiteral("size")] = o.sizeBytes;
    j[QStringLiteral("reason")] = o.reason;
    if (!o.notes.isEmpty())
        j[QStringLiteral("notes")] = QJsonArray::fromStringList(o.notes);
    if (o.frameRateNum > 0) {
        j[QStringLiteral("frameRate")] = double(o.frameRateNum) / o.frameRateDen;
        j[QStringLiteral("frameRateSource")] = o.frameRateSource;
    }
    if (o.owner.owned()) {
        j[QStringLiteral("owner")] =
            o.owner.owner == FileOwner::Recording ? QStringLiteral("recording") : QStringLiteral("recovery");
        if (o.owner.sinceMs > 0)
            j[QStringLiteral("ownerSince")] = QDateTime::fromMSecsSinceEpoch(o.owner.sinceMs).toString(Qt::ISODate);
    }
    if (o.kind == OrphanKind::Mp4NoIndex) {
        j[QStringLiteral("reference")] = o.reference.isEmpty() ? QJsonValue() : QJsonValue(o.reference);
        j[QStringLiteral("layoutSource")] = o.layoutSource;
        if (!o.referenceCandidates.isEmpty())
            j[QStringLiteral("referenceCandidates")] = QJsonArray::fromStringList(o.referenceCandidates);
    }
    j[QStringLiteral("output")] = output.isEmpty() ? QJsonValue() : QJsonValue(output);
    return j;
}

} // namespace tapedeck::recovery

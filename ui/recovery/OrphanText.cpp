#include "ui/recovery/OrphanText.h"

#include <QFileInfo>
#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QStyle>

namespace tapedeck {
namespace ui {

using recovery::Orphan;
using recovery::OrphanKind;
using recovery::Verdict;
using tapedeck::FileOwner;

QString OrphanText::kind(OrphanKind k)
{
    switch (k) {
    case OrphanKind::SidecarSet:
        return tr("Tapedeck recording");
    case OrphanKind::RawPair:
        return tr("Raw H.264/AAC pair");
    case OrphanKind::RawVideo:
        return tr("Raw H.264 video");
    case OrphanKind::RawAudio:
        return tr("Raw AAC audio");
    case OrphanKind::MpegTs:
        return tr("Interrupted TS");
    case OrphanKind::Flv:
        return tr("Interrupted FLV");
    case OrphanKind::Mp4NoIndex:
        return tr("MP4 without index — repairable");
    case OrphanKind::NotRecording:
        return tr("Not a recording");
    }
    return QString();
}

namespace {

// Sidecars carry MP4 sample-entry tags (avc1, mp4a), raw streams plain names.
QString codecName(const QString &codec)
{
    const QString c = codec.trimmed().toLower();
    if (c == QLatin1String("avc1") || c == QLatin1String("avc3") || c == QLatin1String("h264"))
        return QStringLiteral("H.264");
    if (c == QLatin1String("hvc1") || c == QLatin1String("hev1") || c == QLatin1String("hevc"))
        return QStringLiteral("HEVC");
    if (c == QLatin1String("mp4a") || c == QLatin1String("aac"))
        return QStringLiteral("AAC");
    if (c == QLatin1String("opus"))
        return QStringLiteral("Opus");
    return codec.trimmed().toUpper();
}

} // namespace

QString OrphanText::tracks(const Orphan &o)
{
    QStringList parts;
    for (const recovery::TrackSummary &t : o.tracks) {
        QString s = t.kind == QLatin1String("video") ? tr("video") : tr("audio");
        if (!t.codec.isEmpty())
            s += QLatin1Char(' ') + codecName(t.codec);
        if (!t.detail.isEmpty())
            s += QStringLiteral(" (%1)").arg(t.detail);
        parts << s;
    }
    return parts.isEmpty() ? tr("unknown") : parts.join(QStringLiteral(", "));
}

QString OrphanText::duration(double seconds)
{
    if (seconds < 0)
        return tr("not known yet");
    const qint64 total = qint64(seconds + 0.5);
    const qint64 h = total / 3600, m = (total / 60) % 60, s = total % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString OrphanText::size(qint64 bytes) { return QLocale().formattedDataSize(bytes); }

QString OrphanText::rebuildable(const Orphan &o)
{
    if (o.verdict == Verdict::InUse) {
        const QString since = o.owner.sinceMs > 0
            ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(o.owner.sinceMs), QLocale::ShortFormat)
            : QString();
        if (o.owner.owner == FileOwner::Recording)
            return since.isEmpty()
                ? tr("Being recorded right now: left alone until it is finished")
                : tr("Being recorded right now (since %1): left alone until it is finished").arg(since);
        return since.isEmpty() ? tr("Being recovered by another process: left alone")
                               : tr("Being recovered by another process (since %1): left alone").arg(since);
    }
    if (o.finishedAlready)
        return tr("Already complete: only the leftover index files are tidied up");
    if (o.kind == OrphanKind::Mp4NoIndex && o.rebuildable())
        return o.reference.isEmpty()
            ? tr("Repaired into a new file, layout from the stream itself")
            : tr("Repaired into a new file, layout from %1").arg(QFileInfo(o.reference).fileName());
    const bool hasVideo = std::any_of(o.tracks.cbegin(), o.tracks.cend(),
                                      [](const recovery::TrackSummary &t) { return t.kind == QLatin1String("video"); });
    const bool hasAudio = std::any_of(o.tracks.cbegin(), o.tracks.cend(),
                                      [](const recovery::TrackSummary &t) { return t.kind == QLatin1String("audio"); });
    // TS and FLV are judged by their packets, not their tracks: no "what".
    const QString what = hasVideo && hasAudio ? tr("picture and sound")
        : hasVideo                            ? tr("the picture only")
        : hasAudio                            ? tr("the sound only")
                                              : QString();
    switch (o.verdict) {
    case Verdict::Complete:
        return what.isEmpty() ? tr("Everything") : tr("Everything: %1").arg(what);
    case Verdict::Partial:
        return what.isEmpty() ? tr("Everything but the cut-off end")
                              : tr("Everything but the cut-off end: %1").arg(what);
    case Verdict::Damaged:
        return what.isEmpty() ? tr("Only the undamaged part") : tr("Only the undamaged part: %1").arg(what);
    case Verdict::Unrecoverable:
        return tr("Nothing can be rebuilt");
    case Verdict::NotRecording:
        return tr("Not a recording");
    case Verdict::Empty:
        return tr("Nothing was recorded in it: its leftover files are removed");
    case Verdict::InUse:
        break; // above
    }
    return QString();
}

QString OrphanText::displayName(const Orphan &o)
{
    const QFileInfo fi(o.target.isEmpty() && !o.files.isEmpty() ? o.files.first() : o.target);
    if (o.kind == OrphanKind::NotRecording || o.verdict == Verdict::NotRecording)
        return fi.fileName();
    // The recording, as a person would name it: "crash2 (MP4, 12 s, unfinished)",
    // never its index file "crash2.mp4.info".
    QStringList bits;
    if (!fi.suffix().isEmpty())
        bits << fi.suffix().toUpper();
    if (o.durationSec >= 0)
        bits << (o.durationSec < 60 ? tr("%1 s").arg(qint64(o.durationSec + 0.5)) : duration(o.durationSec));
    switch (o.verdict) {
    case Verdict::InUse:
        bits << tr("in use");
        break;
    case Verdict::Damaged:
        bits << tr("damaged");
        break;
    case Verdict::Unrecoverable:
        bits << tr("unreadable");
        break;
    case Verdict::Empty:
        bits << tr("empty");
        break;
    default:
        bits << (o.finishedAlready ? tr("already complete") : tr("unfinished"));
        break;
    }
    return tr("%1 (%2)").arg(fi.completeBaseName(), bits.join(QStringLiteral(", ")));
}

QString OrphanText::pathName(const QString &path)
{
    const QFileInfo fi(path);
    const QString name = fi.fileName();
    static const QStringList sidecarMarks = {QStringLiteral(".mp4.info"), QStringLiteral(".mp4.mdat"),
                                             QStringLiteral(".mp4.track")};
    for (const QString &m : sidecarMarks) {
        const qsizetype at = name.lastIndexOf(m, -1, Qt::CaseInsensitive);
        if (at > 0)
            return tr("%1 — an unfinished MP4 recording").arg(name.left(at));
    }
    if (name.endsWith(QStringLiteral(".h264"), Qt::CaseInsensitive))
        return tr("%1 — the picture of an unfinished recording").arg(fi.completeBaseName());
    if (name.endsWith(QStringLiteral(".aac"), Qt::CaseInsensitive))
        return tr("%1 — the sound of an unfinished recording").arg(fi.completeBaseName());
    return name;
}

QIcon OrphanText::icon(const Orphan &o)
{
    if (o.rebuildable())
        return QIcon(QStringLiteral(":/icons/recover.svg"));
    // Never a bin: nothing here is deleted, and it must not look so.
    return QApplication::style()->standardIcon(o.kind == OrphanKind::NotRecording ? QStyle::SP_FileIcon
                                                                                  : QStyle::SP_MessageBoxWarning);
}

bool OrphanText::needsFrameRate(const Orphan &o)
{
    if (!o.rebuildable() || o.frameRateNum > 0)
        return false;
    if (o.kind != OrphanKind::RawPair && o.kind != OrphanKind::RawVideo)
        return false;
    // A damaged pair whose video did not parse rebuilds the sound only.
    return std::any_of(o.tracks.cbegin(), o.tracks.cend(),
                       [](const recovery::TrackSummary &t) { return t.kind == QLatin1String("video"); });
}

} // namespace ui
} // namespace tapedeck

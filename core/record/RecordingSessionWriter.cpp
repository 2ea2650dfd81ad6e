// The writer thread of a RecordingSession: the per-packet path from the
// queue to the chunked output (stream remapping after a reconnect, gap
// notes, in-band parameter changes, split and marker requests), the
// WheneverLive takes (closing one, naming the next), the statistics and
// figures the UI reads, the disk-reserve check, and how the recording ends.

#include "core/record/RecordingSessionImpl.h"

#include "core/base/Redact.h"
#include "core/record/ParameterWatch.h"
#include "core/record/StreamMatch.h"
#include "core/record/TimestampNormalizer.h"
#include "core/writer/ChunkedOutput.h"
#include "core/writer/MuxWriter.h"

#include <QDir>
#include <QFileInfo>

namespace tapedeck {
namespace {

// After packet loss (RTP over UDP) a depacketizer can hand over an access
// unit holding only an access-unit delimiter or SEI: no picture, and players
// report it as an error. Only small Annex B packets are looked at.
bool isPictureless(const AVPacket *pkt, const AVCodecParameters *par)
{
    const AVCodecID codec = par->codec_id;
    if ((codec != AV_CODEC_ID_H264 && codec != AV_CODEC_ID_HEVC) || pkt->size >= 4096 || pkt->size < 4)
        return false;
    // avcC/hvcC extradata (version byte 1) means length-prefixed packets,
    // whose first bytes can look like a start code: not this case.
    if (par->extradata_size > 0 && par->extradata[0] == 1)
        return false;
    const uint8_t *d = pkt->data;
    const int n = pkt->size;
    if (!(d[0] == 0 && d[1] == 0 && (d[2] == 1 || (d[2] == 0 && d[3] == 1))))
        return false; // length-prefixed: not this case
    for (int i = 0; i + 3 < n; ++i) {
        if (d[i] != 0 || d[i + 1] != 0 || d[i + 2] != 1)
            continue;
        const uint8_t h = d[i + 3];
        const bool vcl = codec == AV_CODEC_ID_H264 ? ((h & 0x1f) >= 1 && (h & 0x1f) <= 5) : ((h >> 1) & 0x3f) <= 31;
        if (vcl)
            return false;
        i += 2;
    }
    return true;
}

QString clockText(qint64 ms)
{
    return QStringLiteral("%1:%2:%3")
        .arg(ms / 3600000, 2, 10, QLatin1Char('0'))
        .arg(ms / 60000 % 60, 2, 10, QLatin1Char('0'))
        .arg(ms / 1000 % 60, 2, 10, QLatin1Char('0'));
}

// WheneverLive: BASE_take001, BASE_take002, ...: the first number after
// `*last` with nothing of that name on disk (a file, a chunk, a sidecar), so
// no take replaces an earlier one, from this run or from an earlier one.
QString nextTakeBase(const QString &outBase, int *last)
{
    const QFileInfo fi(outBase);
    const QDir dir = fi.absoluteDir();
    while (true) {
        const QString name = fi.fileName() + QStringLiteral("_take%1").arg(++*last, 3, 10, QLatin1Char('0'));
        const QStringList taken = dir.entryList({name + QStringLiteral(".*"), name + QStringLiteral("_*")},
                                                QDir::Files | QDir::Hidden | QDir::System);
        if (taken.isEmpty()) {
            const QString base = dir.filePath(name);
            registerUserPath(base);
            return base;
        }
    }
}
} // namespace

void RecordingSession::Impl::writerLoop(const RecordParams &p)
{
    WriterOptions wo;
    wo.fsyncIntervalMs = p.fsyncIntervalMs;
    wo.gatherWrites = true;     // this loop calls flush() before it waits for a packet
    wo.syncInBackground = true; // and never waits for an fsync: packets keep coming while the disk works
    wo.overwrite = p.overwrite == OverwritePolicy::Replace;
    wo.sourceDescription = display;
    wo.forceMoovFirst = p.forceMoovFirst;
    wo.expectedDurationMs = p.maxDurationMs; // sizes the MP4 header room (0: open-ended)
    wo.faults = io;                          // set in start(): counts progress (and faults, in tests)

    std::unique_ptr<ChunkedOutput> out;
    TimestampNormalizer norm;
    ParameterWatch paramWatch;
    int meterIndex = -1; // the output stream the audio meter hears
    std::vector<StreamInfo> streams;
    std::vector<int> inMap;              // connection's stream index -> output stream (empty: same)
    std::vector<AVRational> inTimeBases; // the connection's time bases, when remapped
    qint64 lastPreviewMs = 0;
    qint64 lastDiskCheckMs = nowMs();
    QString failure;
    EndReason finishKind = EndReason::Stopped; // DiskReserve when the writer stopped it
    const QString outDir = QFileInfo(p.outBase).absolutePath();
    // WheneverLive: what the finished takes made, and the last take number.
    const bool wheneverLive = p.startMode == StartMode::WheneverLive;
    QStringList takenFiles;
    qint64 takenBytes = 0;
    qint64 takenMediaUs = 0;
    int takeNumber = 0;

    // The stream went away for good (TakeEnd): the take's files are closed
    // like at a stop, and the next Streams opens a new take.
    auto closeTake = [&](const QString &why) {
        QStringList made;
        if (out->started()) {
            auto r = out->finish();
            for (const QString &n : out->notes())
                addNote(n);
            if (!r) {
                failure = r.message(); // `out` stays: the end abandons it, its sidecars stay recoverable
                abortFlag = true;
                queue->close();
                return;
            }
            made = r.value();
        } else {
            out->abandon(); // nothing was written before the first keyframe
        }
        takenBytes += out->bytesWritten();
        takenMediaUs += out->mediaDurationUs();
        out.reset();
        streams.clear();
        inMap.clear();
        inTimeBases.clear();
        std::lock_guard lock(mutex);
        stats.bytes = takenBytes;
        stats.currentFile.clear();
        if (made.isEmpty())
            return;
        takenFiles += made;
        ++stats.takes;
        for (qsizetype i = files.size(); i < takenFiles.size(); ++i)
            postLocked([q = q, sid = id, f = takenFiles[i]] { emit q->chunkFinished(sid, f); });
        files = takenFiles;
        const QString note = QStringLiteral("take %1 (%2) ended: the stream went away (%3)")
                                 .arg(stats.takes)
                                 .arg(QFileInfo(made.constFirst()).fileName(), why);
        logInfo(display + QStringLiteral(": ") + note);
        notes << note;
        postLocked([q = q, sid = id, made] { emit q->takeFinished(sid, made); });
    };

    while (true) {
        std::optional<QueueItem> item = queue->tryPop();
        if (!item) {
            // Nothing waiting: what the writer gathered goes to the kernel
            // before this thread sleeps, so a kill loses at most the packet
            // in flight (Writer.h, flush()).
            if (out && !abortFlag.load()) {
                if (Status s = out->flush(); !s) {
                    failure = s.message();
                    abortFlag = true;
                    queue->close();
                }
            }
            item = queue->pop();
            if (!item)
                break;
        }
        if (item->kind == QueueItem::Kind::End)
            break;
        if (item->kind == QueueItem::Kind::TakeEnd) {
            if (out && !abortFlag.load())
                closeTake(item->gapReason);
            continue;
        }
        if (item->kind == QueueItem::Kind::Streams) {
            std::vector<StreamInfo> next = item->streams;
            inMap.clear();
            if (!out) {
                wo.sourceTags = item->sourceTags;
                // A live source's bursts (the backlog queued while the files
                // were made, an HLS segment) are synced by their media time.
                wo.syncMediaMs = item->live ? p.fsyncIntervalMs : 0;
                const QString base = wheneverLive ? nextTakeBase(p.outBase, &takeNumber) : p.outBase;
                out = std::make_unique<ChunkedOutput>(p.type, base, p.chunkDurationMs, wo);
                out->setStreams(next);
                norm.reset(next);
            } else {
                // A returning source: its streams are matched to the
                // recording's by type and codec parameters (servers reorder
                // them between connections), and keep their places.
                const StreamMatch match = matchStreams(streams, item->streams);
                next = reorderLike(item->streams, match);
                if (match.complete) {
                    inMap = match.map;
                    inTimeBases.clear();
                    for (const StreamInfo &s : item->streams)
                        inTimeBases.push_back(s.timeBase);
                    if (match.identical || p.type != ContainerType::Mp4) {
                        // The file goes on: packets keep the output's time bases.
                        for (size_t i = 0; i < next.size(); ++i)
                            next[i].timeBase = streams[i].timeBase;
                    }
                }
                // MP4 keeps one codec setup per file: a new file at the next
                // keyframe. TS and FLV carry new parameters in-band and go
                // on, unless the streams themselves changed.
                if (!match.identical && (p.type == ContainerType::Mp4 || !match.complete)) {
                    out->changeStreams(next);
                    norm.reset(next);
                    const QString why = match.complete
                        ? QStringLiteral("the source came back with new codec parameters")
                        : QStringLiteral("the source came back with other streams");
                    addNote(QStringLiteral("%1; a new file was started at its first keyframe").arg(why));
                }
                // A new connection restarts the source's clock. The outage is
                // closed up or kept as real time (GapMode), and marked.
                const bool realTime = effectiveGapMode(p.gapMode, p.source) == GapMode::RealTime;
                norm.discontinuity(realTime ? item->gapMs * 1000 : 0);
                const QString at = clockText(out->mediaDurationUs() / 1000);
                const QString len = QStringLiteral("%1 s").arg(double(item->gapMs) / 1000.0, 0, 'f', 1);
                out->markGap(QStringLiteral("gap of %1 (%2)").arg(len, item->gapReason));
                addNote(QStringLiteral("at %1 the source was gone for %2 (%3); %4")
                            .arg(at, len, item->gapReason,
                                 realTime ? QStringLiteral("the gap is kept in the timeline (real time)")
                                          : QStringLiteral("the timeline was closed up (no gap in the file)")));
            }
            streams = next;
            paramWatch.reset(streams);
            {
                std::vector<RecordedTrack> held;
                const int flvVideo = flvKeptTrack(streams, AVMEDIA_TYPE_VIDEO);
                const int flvAudio = flvKeptTrack(streams, AVMEDIA_TYPE_AUDIO);
                for (const StreamInfo &s : streams) {
                    if (s.type != AVMEDIA_TYPE_VIDEO && s.type != AVMEDIA_TYPE_AUDIO && s.type != AVMEDIA_TYPE_SUBTITLE)
                        continue;
                    if (p.type == ContainerType::Flv
                        && (s.type == AVMEDIA_TYPE_SUBTITLE || (s.index != flvVideo && s.index != flvAudio)))
                        continue; // FLV keeps one video and one audio (MuxWriter says which in a note)
                    RecordedTrack t;
                    t.type = s.type;
                    t.codec = QString::fromUtf8(avcodec_get_name(s.params->codec_id));
                    t.language = s.tags.language;
                    t.title = s.tags.title;
                    t.width = s.params->width;
                    t.height = s.params->height;
                    t.channels = s.params->ch_layout.nb_channels;
                    held.push_back(std::move(t));
                }
                std::lock_guard lock(mutex);
                tracks = std::move(held);
            }
            const int v = firstVideoIndex(streams);
            if (p.previewEnabled && v >= 0) {
                // A new picture source: its black run starts over.
                black.reset();
                preview.start(
                    streams[size_t(v)],
                    [this](PreviewFrame f) {
                        std::lock_guard lock(mutex);
                        postLocked([q = q, sid = id, f = std::move(f)] { emit q->previewFrame(sid, f); });
                    },
                    [this](qint64 atMs, const PictureStats &s) { black.push(atMs, s); });
            }
            meterIndex = -1;
            if (p.previewEnabled)
                for (const StreamInfo &st : streams)
                    if (st.type == AVMEDIA_TYPE_AUDIO) {
                        if (meter.start(st))
                            meterIndex = int(&st - streams.data());
                        break;
                    }
            continue;
        }
        if (abortFlag.load())
            continue; // drain
        AVPacket *pkt = item->packet.get();
        if (!inMap.empty()) {
            const int in = pkt->stream_index;
            if (in < 0 || size_t(in) >= inMap.size() || inMap[size_t(in)] < 0)
                continue;
            const int outIndex = inMap[size_t(in)];
            const AVRational from = inTimeBases[size_t(in)];
            const AVRational to = streams[size_t(outIndex)].timeBase;
            if (av_cmp_q(from, to) != 0)
                av_packet_rescale_ts(pkt, from, to);
            pkt->stream_index = outIndex;
        }
        if (size_t(pkt->stream_index) < streams.size()
            && isPictureless(pkt, streams[size_t(pkt->stream_index)].params.get())) {
            pictureless.fetch_add(1);
            continue;
        }
        if (!out || !norm.normalize(pkt))
            continue;
        // WheneverLive: --duration counts every take together.
        if (p.maxDurationMs > 0 && out->started() && takenMediaUs + out->mediaDurationUs() >= p.maxDurationMs * 1000) {
            stopFromInside(); // reached --duration: finish like a stop
            continue;
        }
        if (auto changed = paramWatch.check(pkt)) {
            // In-band change (new SPS, new sequence header): MP4 starts a new
            // chunk at this keyframe; TS and FLV carry it in-band and go on.
            if (p.type == ContainerType::Mp4) {
                addNote(QStringLiteral("at %1 the source's %2; MP4 holds one codec setup per file, so a new file "
                                       "was started at that keyframe")
                            .arg(clockText((out->mediaDurationUs() + 500000) / 1000), // to the nearest second
                                 describeChange(streams[size_t(pkt->stream_index)],
                                                (*changed)[size_t(pkt->stream_index)])));
                out->changeStreams(*changed);
            }
            streams = *changed;
        }
        if (splitAsked.exchange(false))
            out->splitAtNextCutPoint();
        if (markersAsked.exchange(false)) {
            QStringList asked;
            {
                std::lock_guard lock(mutex);
                asked.swap(markers);
            }
            for (const QString &title : std::as_const(asked))
                out->addMarker(title);
        }
        Status s = out->write(pkt);
        if (!s) {
            failure = s.message();
            abortFlag = true;
            queue->close();
            continue;
        }
        if (pkt->stream_index == meterIndex)
            meter.push(pkt);
        if (p.previewEnabled && (pkt->flags & AV_PKT_FLAG_KEY) && pkt->stream_index == firstVideoIndex(streams)
            && nowMs() - lastPreviewMs >= 1000 && preview.push(pkt))
            lastPreviewMs = nowMs();
        {
            std::lock_guard lock(mutex);
            const qint64 now = nowMs();
            stats.packets++;
            stats.mediaMs = (takenMediaUs + out->mediaDurationUs()) / 1000;
            const qint64 bytes = takenBytes + out->bytesWritten();
            if (rateWindowStartMs == 0) {
                rateWindowStartMs = now;
                rateWindowBytes = bytes;
            } else if (now - rateWindowStartMs >= 1000) {
                stats.bitrateBps = (bytes - rateWindowBytes) * 8000 / std::max<qint64>(1, now - rateWindowStartMs);
                rateWindowStartMs = now;
                rateWindowBytes = bytes;
            }
            stats.bytes = bytes;
            stats.chunkIndex = std::max(0, out->chunkIndex());
            stats.currentFile = out->currentPath();
            // Each chunk closed since the last packet is announced once (the
            // library lists it while the recording goes on).
            const QStringList done = takenFiles + out->finishedFiles();
            for (qsizetype i = files.size(); i < done.size(); ++i)
                postLocked([q = q, sid = id, f = done[i]] { emit q->chunkFinished(sid, f); });
            files = done;
        }
        if (p.diskReserveBytes > 0 && nowMs() - lastDiskCheckMs >= 1000) {
            lastDiskCheckMs = nowMs();
            auto free = freeDiskBytes(outDir);
            if (free && *free < p.diskReserveBytes) {
                finishKind = EndReason::DiskReserve;
                logWarning(display + QStringLiteral(": ")
                           + endReasonText(finishKind, QString::number(p.diskReserveBytes / 1048576)));
                stopFromInside();
            }
        }
    }
    queue->close();
    preview.stop(); // no picture after the last state change
    meter.stop();   // its last levels stay readable
    if (const qint64 n = pictureless.load(); n > 0)
        addNote(QStringLiteral("%1 access unit(s) held no picture (only a delimiter or SEI, as a source sends after "
                               "packet loss) and were left out")
                    .arg(n));

    QStringList finished;
    if (!failure.isEmpty() || abortFlag.load()) {
        if (out)
            out->abandon();
        std::lock_guard lock(mutex);
        if (error.isEmpty())
            error = failure;
        files = out ? takenFiles + out->finishedFiles() : takenFiles;
    } else if (out && out->started()) {
        auto r = out->finish();
        for (const QString &n : out->notes())
            addNote(n);
        std::lock_guard lock(mutex);
        if (!r)
            error = r.message();
        else
            files = takenFiles + r.value();
        stats.bytes = takenBytes + out->bytesWritten();
    }
    RecordState final = RecordState::Finished;
    QString finalText;
    {
        std::lock_guard lock(mutex);
        EndReason why = finishKind;
        QString detail = why == EndReason::DiskReserve ? QString::number(p.diskReserveBytes / 1048576) : QString();
        if (why == EndReason::Stopped && !endNote.isEmpty()) {
            why = EndReason::SourceGone;
            detail = endNote;
        }
        if (!error.isEmpty()) {
            why = EndReason::Failed;
            detail = error;
        } else if (!everOpened) {
            why = EndReason::NeverAppeared;
        } else if ((!out || !out->started()) && takenFiles.isEmpty()) {
            why = EndReason::NoKeyframe;
        }
        endKind = why;
        QString reason = endReasonText(why, detail);
        if (const qint64 n = damagedInput.load(); n > 0) {
            const QString note =
                QStringLiteral("the input %1 is damaged or cut short: %2 incomplete packet(s) left out")
                    .arg(display)
                    .arg(n);
            logWarning(note);
            // Said with the reason, except where the reason alone counts.
            if (why == EndReason::Stopped || why == EndReason::SourceGone || why == EndReason::DiskReserve)
                reason = reason.isEmpty() ? note : reason + QStringLiteral("; ") + note;
        }
        if (why == EndReason::Failed)
            final = RecordState::Failed;
        finalText = reason;
    }
    // Wait for the reader here so "done" means both threads are over (the
    // owner joins the std::thread objects; the writer never touches them).
    stopFlag = true;
    std::unique_lock lock(mutex);
    doneChanged.wait(lock, [this] { return readerDone; });
    transitionLocked(final, finalText);
}

} // namespace tapedeck

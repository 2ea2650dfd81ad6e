#include "core/mp4/Mp4Writer.h"
#include "core/io/Paths.h"

#include "core/base/Log.h"
#include "core/base/Redact.h"
#include "core/io/BackgroundSync.h"
#include "core/io/FileLock.h"
#include "core/mp4/Moov.h"
#include "core/mp4/Rebuild.h"
#include "core/mp4/SampleEntry.h"
#include "core/mp4/Sidecar.h"
#include "core/mp4/TextTrack.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <mutex>

namespace tapedeck {

using namespace mp4;

qint64 estimateMoovRoom(const std::vector<StreamInfo> &streams, qint64 expectedDurationMs)
{
    // A chunk ends at the first keyframe after its length, so allow a margin;
    // an open-ended recording gets room for 10 minutes and puts the moov
    // after the media when it runs longer.
    const double seconds = expectedDurationMs > 0 ? expectedDurationMs / 1000.0 * 1.25 + 10 : 600;
    double bytes = 4096;
    for (const StreamInfo &s : streams) {
        const AVCodecParameters *p = s.params.get();
        if (!p)
            continue;
        double rate = 0;
        double perSample = 0;
        if (s.type == AVMEDIA_TYPE_VIDEO) {
            rate = s.frameRate.num > 0 && s.frameRate.den > 0 ? std::min(240.0, av_q2d(s.frameRate)) : 60;
            perSample = 36; // stsz 4 + ctts 8 + co64 8 + stsc 12 + stss 4, worst case
        } else if (s.type == AVMEDIA_TYPE_AUDIO) {
            const int frame = p->frame_size > 0 ? p->frame_size : p->codec_id == AV_CODEC_ID_OPUS ? 960 : 1024;
            rate = p->sample_rate > 0 ? double(p->sample_rate) / frame : 50;
            perSample = 28; // stsz 4 + co64 8 + stsc 12 + stts 4 (jitter)
        } else {
            continue;
        }
        bytes += 1024 + p->extradata_size + rate * seconds * perSample;
    }
    return std::clamp<qint64>(qint64(bytes), 64 * 1024, 256LL * 1024 * 1024);
}

namespace {

// The source's own creation time (a file's "creation_time"), else -1.
qint64 sourceCreationUs(const SourceTags &tags)
{
    const QString v = tags.value(QStringLiteral("creation_time"));
    if (v.isEmpty())
        return -1;
    QDateTime t = QDateTime::fromString(v, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(v, Qt::ISODate);
    return t.isValid() ? t.toMSecsSinceEpoch() * 1000 : -1;
}

// What the source says about itself that an MP4 carries as a file-level tag
// (docs/sidecar-format.md, "File tags"). "comment" is not among them: in
// every container it says where the recording came from (the source line).
std::vector<std::pair<QString, QString>> fileTags(const SourceTags &tags)
{
    std::vector<std::pair<QString, QString>> out;
    for (const char *key : {"title", "description", "artist", "album", "date", "genre", "copyright", "composer"}) {
        // Matroska's tags come upper-case (DESCRIPTION), MP4's lower-case.
        for (auto it = tags.constBegin(); it != tags.constEnd(); ++it) {
            if (it.key().compare(QLatin1String(key), Qt::CaseInsensitive) != 0 || it->isEmpty())
                continue;
            if (out.size() < size_t(kMaxFileTags))
                out.emplace_back(QLatin1String(key), *it);
            break;
        }
    }
    return out;
}

// Language, names, dispositions and rotation of the source stream, in the
// form the moov writes them (docs/sidecar-format.md, version 2 fields).
void describeTrack(SidecarTrack &t, const StreamInfo &s, const std::vector<StreamInfo> &all)
{
    const QByteArray lang = s.tags.language.toLatin1().toLower();
    if (lang.size() == 3 && std::all_of(lang.begin(), lang.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
        t.language = lang;
    t.handlerName = s.tags.handlerName;
    t.title = s.tags.title;
    t.disposition = quint32(s.tags.disposition);
    // One track of each kind is enabled (ffprobe: "default"): those the
    // source marks default, else the first; players pick among the rest.
    bool anyDefault = false;
    int firstOfKind = -1;
    for (const StreamInfo &o : all) {
        if (o.type != s.type)
            continue;
        anyDefault = anyDefault || (o.tags.disposition & AV_DISPOSITION_DEFAULT);
        if (firstOfKind < 0)
            firstOfKind = o.index;
    }
    const bool enabled = anyDefault ? (s.tags.disposition & AV_DISPOSITION_DEFAULT) != 0 : s.index == firstOfKind;
    t.trackFlags = enabled ? 3 : 2;
    if (const QByteArray *m = s.tags.side(AV_PKT_DATA_DISPLAYMATRIX); m && m->size() >= 36)
        memcpy(t.matrix, m->constData(), 36);
    // The encoder's priming, in the track's clock (at most a second: the
    // .info reader refuses more).
    if (s.type == AVMEDIA_TYPE_AUDIO && s.primingSamples > 0 && s.params && s.params->sample_rate > 0)
        t.primingTicks = quint32(
            std::min<qint64>(av_rescale(s.primingSamples, t.timescale, s.params->sample_rate), qint64(t.timescale)));
}

QByteArray mdatHeaderWhileRecording()
{
    // size = 1 → a 64-bit size follows; it stays 0 until the finish patches it.
    return QByteArray("\x00\x00\x00\x01mdat\x00\x00\x00\x00\x00\x00\x00\x00", 16);
}

class Mp4Writer final : public ContainerWriter {
public:
    explicit Mp4Writer(Mp4WriterTuning tuning) : m_tuning(tuning) {}
    ~Mp4Writer() override { abandon(); }

    Status open(const QString &finalPath, const std::vector<StreamInfo> &streams, const WriterOptions &options) override
    {
        m_options = options;
        m_final = QFileInfo(finalPath).absoluteFilePath();
        m_set = sidecarPaths(m_final);
        // Another process's live recording (or a recovery at work) is never
        // touched, not even with overwrite: refuse before anything is created.
        QString owned;
        if (const OwnerInfo who = firstOwner({m_set.dataPath, m_set.infoPath, m_final}, &owned); who.owned())
            return makeError(ErrorCode::InUse,
                             QStringLiteral("%1 is %2; nothing was written").arg(owned, who.describe()));
        if (pathExists(m_final) && !options.overwrite)
            return makeError(ErrorCode::AlreadyExists, QStringLiteral("%1 already exists").arg(m_final));
        if (pathExists(m_set.infoPath) || pathExists(m_set.dataPath))
            return makeError(
                ErrorCode::AlreadyExists,
                QStringLiteral("an unfinished recording is at %1 (sidecar files); recover it first").arg(m_final));

        SidecarInfo info;
        QStringList leftOut;
        for (const StreamInfo &s : streams) {
            const bool av = s.type == AVMEDIA_TYPE_VIDEO || s.type == AVMEDIA_TYPE_AUDIO;
            if (!av && !isMp4Text(s)) {
                // Named as the TS writer names them: kind, codec, language.
                QString codec = QString::fromUtf8(avcodec_get_name(s.params->codec_id));
                if (!s.tags.language.isEmpty())
                    codec += u' ' + s.tags.language;
                leftOut << QStringLiteral("%1 (%2)").arg(QString::fromUtf8(av_get_media_type_string(s.type)), codec);
                continue;
            }
            auto setup = setupTrack(s, quint32(m_tracks.size() + 1));
            if (!setup)
                return setup.error();
            Track t;
            if (!av) {
                auto conv = TextConverter::create(s);
                if (!conv)
                    return conv.error();
                t.text = std::move(*conv);
                if (t.text)
                    setup->track.sampleEntry = tx3gSampleEntry(t.text->description());
            }
            describeTrack(setup->track, s, streams);
            t.stream = s;
            t.setup = std::move(*setup);
            m_streamToTrack[s.index] = m_tracks.size();
            info.tracks.push_back(t.setup.track);
            m_tracks.push_back(std::move(t));
        }
        if (std::none_of(m_tracks.begin(), m_tracks.end(),
                         [](const Track &t) { return t.setup.track.kind != TrackKind::Text; }))
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("MP4: no audio or video stream to record"));
        if (!leftOut.isEmpty())
            m_notes << QStringLiteral("%1: MP4 keeps video, audio and text subtitles; left out %2 (MP4 has no place "
                                      "for bitmap subtitles, teletext or timed data; record to TS to keep them)")
                           .arg(QFileInfo(m_final).fileName(), leftOut.join(QStringLiteral(", ")));
        info.tags = fileTags(options.sourceTags);

        const QByteArray ftyp = buildFtyp();
        // An estimated room is rounded so that the first sample starts on a
        // 4 KiB boundary; an explicit one is taken as it is.
        const qint64 dataOffset = m_tuning.reservedBytes > 0
            ? ftyp.size() + std::max<qint64>(8, m_tuning.reservedBytes) + kMdatHeaderSize
            : ((ftyp.size() + estimateMoovRoom(streams, options.expectedDurationMs) + kMdatHeaderSize + 4095) / 4096)
                * 4096;
        // Recovery passes the recording's own time, so a rerun writes the same bytes.
        info.creationTimeUs =
            options.creationTimeUs >= 0 ? options.creationTimeUs : sourceCreationUs(options.sourceTags);
        if (info.creationTimeUs < 0)
            info.creationTimeUs = QDateTime::currentMSecsSinceEpoch() * 1000;
        info.ftypSize = quint64(ftyp.size());
        info.reservedOffset = info.ftypSize;
        info.dataOffset = quint64(dataOffset);
        info.mdatHeaderOffset = info.dataOffset - kMdatHeaderSize;
        info.reservedSize = info.mdatHeaderOffset - info.reservedOffset;
        // Already credential-free by contract; redacted again because the
        // sidecars outlive the session and may be shared for recovery.
        info.source = redactText(options.sourceDescription);
        m_info = info;

        if (auto s = createFiles(ftyp); !s) {
            removeAll();
            return s;
        }
        m_open = true;
        m_syncTimer.start();
        logInfo(QStringLiteral("MP4: recording %1 (%2 track(s), %3 bytes reserved for the header)")
                    .arg(m_final)
                    .arg(m_tracks.size())
                    .arg(info.reservedSize));
        return {};
    }

    Status write(const AVPacket *pkt) override
    {
        if (m_error)
            return *m_error;
        if (!m_open)
            return makeError(ErrorCode::Internal, QStringLiteral("MP4 writer is not open"));
        const auto it = m_streamToTrack.find(pkt->stream_index);
        if (it == m_streamToTrack.end() || !pkt->data || pkt->size <= 0)
            return {};
        Track &t = m_tracks[it->second];
        if (t.setup.pending) {
            if (!completeSetupFromPacket(t.setup, t.stream, pkt->data, pkt->size)) {
                if (t.droppedWaiting++ == 0)
                    logWarning(QStringLiteral("MP4: track %1 waits for its codec setup (SPS/PPS or ADTS header); "
                                              "packets before it are dropped")
                                   .arg(t.setup.track.number));
                return {};
            }
            m_info.tracks[it->second] = t.setup.track;
            if (auto s = writeFileAtomically(m_set.infoPath, encodeInfo(m_info)); !s)
                return fail(s.error());
        }
        const bool text = t.setup.track.kind == TrackKind::Text;
        QByteArray bytes = t.text ? t.text->convert(pkt) : sampleBytes(t.setup, pkt->data, pkt->size);
        if (bytes.isEmpty() && !text)
            return {};

        const AVRational tb = t.stream.timeBase;
        const AVRational ts{1, int(t.setup.track.timescale)};
        qint64 dts = pkt->dts != AV_NOPTS_VALUE ? pkt->dts : pkt->pts;
        qint64 pts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : dts;
        if (dts == AV_NOPTS_VALUE)
            return fail(makeError(ErrorCode::InvalidArgument, QStringLiteral("MP4: packet without timestamps")));
        if (text)
            dts = pts; // a cue shows at its pts; text is never reordered
        dts = av_rescale_q(dts, tb, ts);
        pts = av_rescale_q(pts, tb, ts);
        const quint32 duration = pkt->duration > 0
            ? quint32(std::min<qint64>(av_rescale_q(pkt->duration, tb, ts), std::numeric_limits<quint32>::max()))
            : 0;
        if (text) {
            // A text track is a gapless run of samples: the time between two
            // cues is an empty sample, so a cue ends when the source said.
            // The track starts with the recording's first picture or sound
            // (an empty sample up to the first cue), not with an edit list:
            // FFmpeg cuts a late track's last cue short at the edit's end.
            const qint64 gapFrom = t.count > 0  ? (t.textEnd > t.lastDts ? t.textEnd : dts)
                : m_firstAvUs != AV_NOPTS_VALUE ? av_rescale_q(m_firstAvUs, AV_TIME_BASE_Q, ts)
                                                : dts;
            if (dts > gapFrom && dts - gapFrom <= std::numeric_limits<quint32>::max())
                if (auto s = appendSample(t, emptyTextSample(), nullptr, gapFrom, 0, quint32(dts - gapFrom), true); !s)
                    return s;
            if (bytes.isEmpty())
                bytes = emptyTextSample(); // a cue without text still takes its time
            t.textEnd = duration > 0 ? dts + qint64(duration) : 0;
        }
        if (!text && m_firstAvUs == AV_NOPTS_VALUE)
            m_firstAvUs = av_rescale_q(dts, ts, AV_TIME_BASE_Q);
        const bool sync = (pkt->flags & AV_PKT_FLAG_KEY) || t.setup.track.kind != TrackKind::Video;
        return appendSample(t, bytes, pkt, dts, pts - dts, duration, sync);
    }

    Status flush() override
    {
        if (m_error)
            return *m_error;
        if (!m_open)
            return {};
        if (auto s = flushPending(); !s)
            return fail(s.error());
        return {};
    }

    Result<QString> finish() override
    {
        if (!m_open)
            return m_error ? Result<QString>(*m_error)
                           : Result<QString>(makeError(ErrorCode::Internal, QStringLiteral("MP4 writer is not open")));
        if (m_error)
            return *m_error;
        // A sync still running ends first (and writes the records it held).
        if (auto s = waitForBackgroundSync(); !s)
            return Result<QString>(fail(s.error()));
        // Data before index: a synced record always points at synced bytes.
        if (auto s = syncAll(); !s)
            return Result<QString>(fail(s.error()));
        for (Track &t : m_tracks)
            if (auto s = t.file.close(); !s)
                return Result<QString>(fail(s.error()));
        if (auto s = m_data.close(); !s)
            return Result<QString>(fail(s.error()));
        m_open = false;

        quint64 samples = 0;
        for (const Track &t : m_tracks)
            samples += t.count;
        if (samples == 0) {
            removeAll();
            m_error =
                makeError(ErrorCode::NotFound, QStringLiteral("nothing was recorded; %1 was not written").arg(m_final));
            return *m_error;
        }

        RebuildOptions ro;
        ro.overwrite = m_options.overwrite;
        ro.forceMoovFirst = m_options.forceMoovFirst;
        ro.faults = m_options.faults;
        auto rep = rebuildMp4(m_final, ro);
        if (!rep) {
            m_error = makeError(rep.error().code,
                                QStringLiteral("could not finish %1: %2 — the sidecar files are kept for recovery")
                                    .arg(m_final, rep.message()));
            logError(m_error->message);
            return *m_error;
        }
        if (rep->input.verdict != Verdict::Complete)
            logWarning(QStringLiteral("MP4: %1 was finished from an index that did not read back cleanly: %2")
                           .arg(m_final, rep->input.summary()));
        if (rep->placement == MoovPlacement::End)
            m_notes << QStringLiteral(
                           "%1: the header (moov, %2 kB) is at the end of the file, after the media: the %3 kB "
                           "reserved at the front were too small for this long a recording. It plays in every "
                           "player; a web server streaming it progressively sends the end first. To move it to "
                           "the front: tapedeck web-ready FILE (or Make web-ready in the Recordings library); to "
                           "have it there from the start, record with a chunk length, a --duration or --moov-first.")
                           .arg(QFileInfo(rep->outputPath).fileName())
                           .arg((rep->moovSize + 1023) / 1024)
                           .arg((rep->reservedSize + 1023) / 1024);
        else if (rep->placement == MoovPlacement::FrontCopied)
            m_notes << QStringLiteral(
                           "%1: the header outgrew the %2 kB reserved for it; the media was copied once to keep "
                           "the header at the front (--moov-first)")
                           .arg(QFileInfo(rep->outputPath).fileName())
                           .arg((rep->reservedSize + 1023) / 1024);
        // Only now: the final file is in place and the sidecars are gone.
        releaseLocks();
        return rep->outputPath;
    }

    void abandon() override
    {
        // What was accepted reaches the set (unless writing already failed);
        // handles close; the sidecar set stays on disk for recovery.
        if (m_open && !m_error)
            (void)flushPending();
        (void)waitForBackgroundSync(); // the records it held reach their files
        for (Track &t : m_tracks)
            (void)t.file.close();
        (void)m_data.close();
        m_open = false;
        releaseLocks(); // what is left is an orphan: recoverable at once
    }

    QStringList notes() const override { return m_notes; }

    void addMarker(qint64 atUs, const QString &title) override
    {
        if (!m_open || m_error || m_info.chapters.size() >= 254)
            return;
        if (m_info.chapters.empty() && atUs > 0)
            m_info.chapters.push_back({0, QStringLiteral("recording")});
        m_info.chapters.push_back({atUs, title});
        // Into .info at once: a recovered file has the same chapters.
        if (auto s = writeFileAtomically(m_set.infoPath, encodeInfo(m_info)); !s)
            (void)fail(s.error());
    }

    qint64 bytesWritten() const override
    {
        qint64 n = m_data.size() + m_pending.bytes;
        std::lock_guard lock(m_recordsMutex); // the sync thread may be writing records
        for (const Track &t : m_tracks)
            n += t.file.size() + qint64(t.pendingRecords.size() + t.heldRecords.size());
        return n;
    }

private:
    struct Track {
        StreamInfo stream;
        TrackSetup setup;
        OutputFile file;
        qint64 lastDts = 0;
        quint64 count = 0;
        quint64 droppedWaiting = 0;
        quint64 nudged = 0;
        QByteArray pendingRecords;           // encoded records not yet handed to the kernel
        QByteArray heldRecords;              // records of samples already in the kernel, held while a
                                             // background sync runs (m_recordsMutex)
        std::unique_ptr<TextConverter> text; // subtitles that are not mov_text already
        qint64 textEnd = 0;                  // text: where the last cue ends (0 = unknown)
    };

    // Samples waiting for one pwritev, by reference: the packet's buffer
    // (refcounted, no copy) or the converted bytes (Annex B input).
    struct PendingSamples {
        std::vector<OutputFile::Piece> pieces;
        std::vector<AVBufferRef *> refs;
        std::vector<QByteArray> owned;
        qint64 bytes = 0;

        void add(const QByteArray &sample, const AVPacket *pkt)
        {
            const char *d = sample.constData();
            const bool inPacket = pkt && pkt->data && d >= reinterpret_cast<const char *>(pkt->data)
                && d < reinterpret_cast<const char *>(pkt->data) + pkt->size;
            AVBufferRef *ref = inPacket && pkt->buf ? av_buffer_ref(pkt->buf) : nullptr;
            if (ref) {
                refs.push_back(ref);
            } else {
                // Converted bytes, or a packet without a refcounted buffer:
                // a copy that lives until the flush (a deep one for the latter).
                owned.push_back(inPacket ? QByteArray(d, sample.size()) : sample);
                d = owned.back().constData();
            }
            pieces.push_back({d, sample.size()});
            bytes += sample.size();
        }
        void clear()
        {
            for (AVBufferRef *&r : refs)
                av_buffer_unref(&r);
            refs.clear();
            owned.clear();
            pieces.clear();
            bytes = 0;
        }
        ~PendingSamples() { clear(); }
    };

    // At most this much waits for a flush (the session flushes sooner, when
    // no packet is queued).
    static constexpr qint64 kPendingBytes = 512 * 1024;
    static constexpr size_t kPendingPieces = 256;
    // The disk is asked to start writing every this many bytes, so the
    // periodic fsync finds little left to do and the disk works in parallel.
    static constexpr qint64 kWritebackBytes = 4 * 1024 * 1024;

    // One sample and its record; `pkt` (may be null) owns `bytes` when they
    // point into it.
    Status appendSample(Track &t, const QByteArray &bytes, const AVPacket *pkt, qint64 dts, qint64 ctsOffset,
                        quint32 duration, bool sync)
    {
        if (t.count > 0 && dts <= t.lastDts) {
            // MP4 sample times must rise; nudge by one tick rather than drop.
            if (t.nudged++ == 0)
                logWarning(
                    QStringLiteral("MP4: track %1 has non-rising timestamps; adjusted").arg(t.setup.track.number));
            dts = t.lastDts + 1;
        }
        if (t.count == 0 && dts < 0)
            dts = 0;

        SampleRecord r;
        r.offset = quint64(m_data.size() + m_pending.bytes);
        r.size = quint32(bytes.size());
        r.flags = sync ? kRecordFlagSync : 0;
        r.dts = dts;
        r.ctsOffset = qint32(
            std::clamp<qint64>(ctsOffset, std::numeric_limits<qint32>::min(), std::numeric_limits<qint32>::max()));
        r.duration = duration;
        r.sequence = quint32(t.count);

        // Sample bytes and the record that points at them wait in memory
        // while more packets are queued (flush()); the sample always reaches
        // the kernel before its record (flushPending()).
        const bool gather = m_options.gatherWrites && m_options.fsyncIntervalMs > 0;
        if (!gather) {
            if (auto s = m_data.write(bytes.constData(), bytes.size()); !s)
                return fail(s.error());
        } else {
            m_pending.add(bytes, pkt);
        }
        char rec[kRecordSize];
        encodeRecordInto(r, rec);
        t.pendingRecords.append(rec, kRecordSize);
        if (!gather)
            if (auto s = flushPending(); !s) // the record, right after its sample
                return fail(s.error());
        t.lastDts = dts;
        ++t.count;

        // Media time of what no sync covers yet (live sources): a burst of
        // media reaches the disk as soon as the interval's worth is written.
        const qint64 us = av_rescale(dts, 1000000, qint64(t.setup.track.timescale));
        if (m_unsyncedFromUs == AV_NOPTS_VALUE || us < m_unsyncedFromUs)
            m_unsyncedFromUs = us;
        qint64 spanUs = 0;
        const bool mediaDue = m_options.syncMediaMs > 0 && !__builtin_sub_overflow(us, m_unsyncedFromUs, &spanUs)
            && spanUs >= m_options.syncMediaMs * 1000;
        const qint64 wallMs = m_syncTimer.elapsed();
        if (m_options.fsyncIntervalMs <= 0 || mediaDue || wallMs >= m_options.fsyncIntervalMs) {
            // The interval counts from the START of a sync: a power cut then
            // loses at most the interval plus the sync in progress. Counted
            // from its end, a slow disk added its sync time twice.
            if (backgroundSync() && syncFitsInBackground(mediaDue, spanUs, wallMs, m_options.syncMediaMs)) {
                if (auto s = startBackgroundSync(); !s)
                    return fail(s.error());
            } else {
                if (auto s = waitForBackgroundSync(); !s) // a burst: this thread waits for its sync
                    return fail(s.error());
                m_syncTimer.restart();
                if (auto s = syncAll(); !s)
                    return fail(s.error());
            }
        } else if (m_pending.bytes >= kPendingBytes || m_pending.pieces.size() >= kPendingPieces) {
            if (auto s = flushPending(); !s)
                return fail(s.error());
        }
        return {};
    }

    // The order that makes a record safe: sample bytes before records, and
    // both before any fsync (syncAll()).
    Status flushPending()
    {
        if (!m_pending.pieces.empty()) {
            const Status s = m_data.writePieces(m_pending.pieces.data(), int(m_pending.pieces.size()));
            m_pending.clear();
            if (!s)
                return s;
        }
        {
            std::lock_guard lock(m_recordsMutex);
            if (m_syncFailed) // a background sync failed: nothing more goes after what it wrote
                return *m_syncFailed;
            for (Track &t : m_tracks) {
                if (t.pendingRecords.isEmpty())
                    continue;
                if (m_syncRunning) {
                    // A sync runs: records written now could reach the disk
                    // by its track fsync while their samples, written after
                    // its .mdat fsync began, do not. They wait for its end.
                    t.heldRecords.append(t.pendingRecords);
                } else if (auto s = t.file.write(t.pendingRecords.constData(), t.pendingRecords.size()); !s) {
                    return s;
                }
                t.pendingRecords.resize(0);
            }
        }
        if (m_data.size() - m_writebackMark >= kWritebackBytes) {
            m_data.startWriteback();
            m_writebackMark = m_data.size();
        }
        return {};
    }

    Status createFiles(const QByteArray &ftyp)
    {
        // .info first (atomically): a data file never exists without its setup.
        // The set is owned from its first file on (docs/recovery.md,
        // "Ownership"): the .info (already as .info.tmp) until the .mdat
        // exists, then the .mdat, whose lock follows it through the rename to
        // NAME.mp4 at the finish.
        auto infoLock = FileLock::createAtomically(m_set.infoPath, encodeInfo(m_info), kLockWaitMs);
        if (!infoLock)
            return infoLock.error();
        m_createdInfo = true;
        m_infoLock = std::move(*infoLock);
        auto data = OutputFile::open(m_set.dataPath, CreateMode::NewOnly, m_options.faults);
        if (!data)
            return data.error();
        m_data = std::move(*data);
        m_createdData = true;
        auto dataLock = FileLock::acquire(m_set.dataPath, FileLock::Role::Recording, kLockWaitMs);
        if (!dataLock)
            return dataLock.error();
        m_dataLock = std::move(*dataLock);
        const QByteArray free = buildFreeHeader(m_info.reservedSize);
        const QByteArray mdat = mdatHeaderWhileRecording();
        if (auto s = m_data.write(ftyp.constData(), ftyp.size()); !s)
            return s;
        if (auto s = m_data.writeAt(qint64(m_info.reservedOffset), free.constData(), free.size()); !s)
            return s;
        // The room's payload stays a hole: no bytes written, reads as zeros.
        if (auto s = m_data.writeAt(qint64(m_info.mdatHeaderOffset), mdat.constData(), mdat.size()); !s)
            return s;
        for (Track &t : m_tracks) {
            const QString path = m_final + QStringLiteral(".track%1").arg(t.setup.track.number);
            auto f = OutputFile::open(path, CreateMode::NewOnly, m_options.faults);
            if (!f)
                return f.error();
            t.file = std::move(*f);
            m_createdTracks << path;
            const QByteArray hdr = encodeTrackHeader(t.setup.track.number);
            if (auto s = t.file.write(hdr.constData(), hdr.size()); !s)
                return s;
        }
        if (auto s = syncAll(); !s)
            return s;
        return syncDirectory(QFileInfo(m_final).absolutePath());
    }

    bool backgroundSync() const { return m_options.syncInBackground && m_options.fsyncIntervalMs > 0; }

    // The periodic sync on the sync thread: everything written so far goes to
    // the kernel first (samples, then their records), then the thread syncs
    // .mdat and every .trackN while this thread goes on taking packets. Until
    // it ends, new records wait in memory (flushPending()), so every record
    // a track fsync makes durable was written before the .mdat fsync began,
    // and so was its sample. A sync still running is left to end; the next
    // packet asks again.
    Status startBackgroundSync()
    {
        if (auto e = m_sync.takeError())
            return *e;
        if (m_sync.busy())
            return {};
        if (auto s = flushPending(); !s)
            return s;
        {
            std::lock_guard lock(m_recordsMutex);
            m_syncRunning = true;
        }
        m_syncTimer.restart();
        m_unsyncedFromUs = AV_NOPTS_VALUE;
        m_sync.start([this] { return backgroundSyncJob(); });
        return {};
    }

    // On the sync thread. The writer thread writes no track file while
    // m_syncRunning is set; .mdat it keeps appending to, which fsync allows.
    Status backgroundSyncJob()
    {
        Status result = m_data.sync();
        if (result)
            for (Track &t : m_tracks)
                if (result = t.file.sync(); !result)
                    break;
        std::lock_guard lock(m_recordsMutex);
        // The held records go to the kernel now (a kill keeps them, as it
        // keeps their samples); the next sync makes them durable. Also after
        // a failed fsync: records after them must not reach a file without
        // them (the first error is the one reported).
        for (Track &t : m_tracks) {
            if (t.heldRecords.isEmpty())
                continue;
            const Status written = t.file.write(t.heldRecords.constData(), t.heldRecords.size());
            t.heldRecords.resize(0);
            if (result && !written)
                result = written;
        }
        if (!result && !m_syncFailed)
            m_syncFailed = result.error();
        m_syncRunning = false;
        return result;
    }

    Status waitForBackgroundSync()
    {
        m_sync.wait();
        if (auto e = m_sync.takeError())
            return *e;
        return {};
    }

    Status syncAll()
    {
        m_unsyncedFromUs = AV_NOPTS_VALUE;
        if (auto s = flushPending(); !s)
            return s;
        if (auto s = m_data.sync(); !s)
            return s;
        for (Track &t : m_tracks)
            if (auto s = t.file.sync(); !s)
                return s;
        return {};
    }

    Error fail(Error e)
    {
        e.message = QStringLiteral("MP4 recording to %1 failed: %2 — the sidecar files are kept for recovery")
                        .arg(m_final, e.message);
        logError(e.message);
        m_error = e;
        return e;
    }

    // Only for a set with no samples (open failed, or nothing recorded).
    void removeAll()
    {
        abandon();
        if (m_createdData)
            removePath(m_set.dataPath);
        for (const QString &p : m_createdTracks)
            removePath(p);
        if (m_createdInfo)
            removePath(m_set.infoPath);
        m_createdData = m_createdInfo = false;
        m_createdTracks.clear();
    }

    void releaseLocks()
    {
        m_dataLock.release();
        m_infoLock.release();
    }

    // A file this writer just created can be locked only by a recovery that
    // looked at it in the microseconds before: give that one time to let go.
    static constexpr int kLockWaitMs = 2000;

    Mp4WriterTuning m_tuning;
    WriterOptions m_options;
    QString m_final;
    SidecarSet m_set;
    SidecarInfo m_info;
    std::vector<Track> m_tracks;
    std::map<int, size_t> m_streamToTrack;
    qint64 m_firstAvUs = AV_NOPTS_VALUE; // dts of the first video or audio sample (where text starts)
    OutputFile m_data;
    PendingSamples m_pending; // sample bytes not yet handed to the kernel (follow m_data.size())
    qint64 m_writebackMark = 0;
    FileLock m_infoLock, m_dataLock;
    QElapsedTimer m_syncTimer;
    mutable std::mutex m_recordsMutex;        // the track files and heldRecords, while a background sync may run
    bool m_syncRunning = false;               // (m_recordsMutex) the writer thread holds records back
    std::optional<Error> m_syncFailed;        // (m_recordsMutex) a background sync's fsync or record write failed
    qint64 m_unsyncedFromUs = AV_NOPTS_VALUE; // earliest sample time (µs) written since the last sync
    std::optional<Error> m_error;
    QStringList m_createdTracks;
    QStringList m_notes;
    bool m_createdInfo = false, m_createdData = false;
    bool m_open = false;
    // Last: destroyed first, so its thread has ended before what it syncs goes.
    BackgroundSync m_sync;
};

} // namespace

std::unique_ptr<ContainerWriter> makeMp4Writer() { return makeMp4Writer(Mp4WriterTuning{}); }

std::unique_ptr<ContainerWriter> makeMp4Writer(const Mp4WriterTuning &tuning)
{
    return std::make_unique<Mp4Writer>(tuning);
}

} // namespace tapedeck

#include "core/writer/MuxWriter.h"
#include "core/mp4/TextTrack.h"

#include "core/base/Log.h"
#include "core/base/TsMarks.h"
#include "core/io/BackgroundSync.h"
#include "core/io/FileLock.h"
#include "core/io/Paths.h"
#include "core/writer/MarksFile.h"
#include "core/writer/TsCueSections.h"

#include <QDir>
#include <QFileInfo>

#include <chrono>
#include <cstring>

namespace tapedeck {
namespace {
qint64 monoMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
// The muxer's buffer. Gathered writes (a file read as fast as possible) fill
// it while packets are queued: 256 KB makes one write(2) per 256 KB, as
// ffmpeg's own file output does. Without gathering every packet is flushed
// on its own, so the buffer only needs to hold one.
constexpr int kIoBufferSize = 64 * 1024;
constexpr int kGatherIoBufferSize = 256 * 1024;
// The disk is asked to start writing every this many bytes (see
// OutputFile::startWriteback), so the periodic fsync finds little to do.
constexpr qint64 kWritebackBytes = 4 * 1024 * 1024;

// Subtitle and data streams FFmpeg's MPEG-TS muxer writes with their proper
// stream type and descriptors, and SCTE-35 cues, which TsCueSections turns
// from FFmpeg's PES back into sections. Anything else it would turn into
// anonymous private data, so those are left out and said so.
bool tsCarries(AVCodecID id)
{
    switch (id) {
    case AV_CODEC_ID_DVB_SUBTITLE:
    case AV_CODEC_ID_DVB_TELETEXT:
    case AV_CODEC_ID_TIMED_ID3:
    case AV_CODEC_ID_SMPTE_KLV:
    case AV_CODEC_ID_SCTE_35:
        return true;
    default:
        return false;
    }
}

// The muxer's PIDs: 0x100 + stream index (set explicitly below, so the cue
// filter knows them whatever FFmpeg's default).
constexpr int kTsStartPid = 0x100;

// Language, title, dispositions and side data (rotation, HDR) of the source
// stream. The muxers keep what their container can carry: MPEG-TS the
// language (ISO 639 descriptor) and the audio type from the dispositions.
void copyStreamTags(AVStream *st, const StreamTags &tags)
{
    if (!tags.language.isEmpty())
        av_dict_set(&st->metadata, "language", tags.language.toUtf8().constData(), 0);
    if (!tags.title.isEmpty())
        av_dict_set(&st->metadata, "title", tags.title.toUtf8().constData(), 0);
    st->disposition = tags.disposition & ~AV_DISPOSITION_ATTACHED_PIC;
    for (const auto &[type, bytes] : tags.sideData) {
        uint8_t *dst = av_stream_new_side_data(st, AVPacketSideDataType(type), size_t(bytes.size()));
        if (dst)
            memcpy(dst, bytes.constData(), size_t(bytes.size()));
    }
}
// Timed ID3 in MPEG-TS (stream type 0x15) travels in metadata access-unit
// cells: a 5-byte header before the tag (H.222.0 2.12.4.2). FFmpeg's
// demuxer takes the header off, and 5.1's muxer does not put it back, so a
// copied tag would lose its first 5 bytes on the next read. One complete
// cell per packet: service 0, fragment indication '11' (whole AU), random
// access point.
Status wrapMetadataCell(AVPacket *p, uint8_t sequence)
{
    if (p->size > 0xFFFF)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("an ID3 tag over 64 KB"));
    PacketPtr cell = makePacket();
    if (!cell || av_new_packet(cell.get(), p->size + 5) < 0 || av_packet_copy_props(cell.get(), p) < 0)
        return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
    const uint8_t head[5] = {0x00, sequence, 0xDF, uint8_t(p->size >> 8), uint8_t(p->size & 0xFF)};
    memcpy(cell->data, head, 5);
    memcpy(cell->data + 5, p->data, size_t(p->size));
    av_packet_unref(p);
    av_packet_move_ref(p, cell.get());
    return {};
}

} // namespace

struct MuxWriter::Impl {
    ContainerType type;
    OutputFile file;
    FileLock lock; // this file is ours while it is written (docs/recovery.md, "Ownership")
    QString finalPath;
    WriterOptions opt;
    OutputFormatContextPtr ctx;
    IOContextPtr io;
    std::vector<AVRational> inTimeBases; // per muxer stream
    std::vector<int> outIndex;           // input stream -> muxer stream, -1 = left out
    std::vector<StreamInfo> kept;        // the streams the muxer carries
    QStringList notes;
    qint64 pos = 0;
    qint64 lastSyncMs = 0;
    qint64 unsyncedFromUs = AV_NOPTS_VALUE; // earliest packet time (µs) written since the last sync
    qint64 writebackMark = 0;
    PacketPtr scratch = makePacket();    // reused for every packet: a reference, no copy
    std::optional<Error> ioError;        // the first write error, with its real reason
    std::unique_ptr<TsCueSections> cues; // MPEG-TS with SCTE-35 streams only
    uint8_t id3Sequence = 0;             // metadata AU cells' sequence_number
    bool headerWritten = false;
    std::unique_ptr<MarksWriter> marks; // NAME.ts.marks: gaps and markers (MarksFile.h)
    bool marksFailed = false;
    // Last: destroyed first, so its thread has ended before the file goes.
    BackgroundSync sync; // WriterOptions::syncInBackground

    void addMark(qint64 atUs, const QString &title, MarkKind kind)
    {
        if (marksFailed)
            return;
        if (!marks)
            marks = std::make_unique<MarksWriter>(marksPathFor(finalPath));
        // A mark that cannot be written costs the mark, not the recording.
        if (Status s = marks->append(Mark{atUs / 1000, kind, title}); !s) {
            marksFailed = true;
            logWarning(QStringLiteral("marks of %1 not written: %2").arg(finalPath, s.message()));
            notes << QStringLiteral("%1: its gaps and markers could not be written to %2 (%3)")
                         .arg(QFileInfo(finalPath).fileName(), QFileInfo(marks->path()).fileName(), s.message());
        }
    }

    static int writePacket(void *opaque, uint8_t *buf, int size) // non-const in FFmpeg 5.1
    {
        auto *d = static_cast<Impl *>(opaque);
        if (d->ioError)
            return AVERROR(EIO);
        if (d->cues) {
            // TS never seeks: the filter's packets simply follow each other.
            const QByteArray out = d->cues->push(buf, size);
            if (Status s = d->file.writeAt(d->pos, out.constData(), out.size()); !s) {
                d->ioError = s.error();
                return AVERROR(EIO);
            }
            d->pos += out.size();
            return size;
        }
        Status s = d->file.writeAt(d->pos, buf, size);
        if (!s) {
            d->ioError = s.error();
            return AVERROR(EIO);
        }
        d->pos += size;
        return size;
    }

    static int64_t seek(void *opaque, int64_t offset, int whence)
    {
        auto *d = static_cast<Impl *>(opaque);
        switch (whence & ~AVSEEK_FORCE) {
        case SEEK_SET:
            d->pos = offset;
            break;
        case SEEK_CUR:
            d->pos += offset;
            break;
        case SEEK_END:
            d->pos = d->file.size() + offset;
            break;
        case AVSEEK_SIZE:
            return d->file.size();
        default:
            return AVERROR(EINVAL);
        }
        return d->pos;
    }

    Error muxError(int err, const QString &what)
    {
        if (ioError)
            return *ioError;
        return makeError(ErrorCode::Io, QStringLiteral("%1 %2: %3").arg(what, finalPath, ffmpegErrorString(err)));
    }
};

MuxWriter::MuxWriter(ContainerType type) : d(std::make_unique<Impl>()) { d->type = type; }

MuxWriter::~MuxWriter()
{
    if (d->ctx)
        abandon();
}

int flvKeptTrack(const std::vector<StreamInfo> &streams, AVMediaType type)
{
    int first = -1;
    for (const StreamInfo &s : streams) {
        if (s.type != type)
            continue;
        if (s.tags.disposition & AV_DISPOSITION_DEFAULT)
            return s.index;
        if (first < 0)
            first = s.index;
    }
    return first;
}

Status MuxWriter::open(const QString &finalPath, const std::vector<StreamInfo> &streams, const WriterOptions &options)
{
    d->finalPath = finalPath;
    d->opt = options;
    const char *fmtName = d->type == ContainerType::Flv ? "flv" : "mpegts";
    const AVOutputFormat *ofmt = av_guess_format(fmtName, nullptr, nullptr);
    if (!ofmt)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("this FFmpeg has no %1 muxer").arg(QLatin1String(fmtName)));
    QStringList leftOut;
    bool leftOutText = false, leftOutOther = false; // text subtitles: MP4 keeps them
    d->outIndex.assign(streams.size(), -1);
    const int flvVideo = flvKeptTrack(streams, AVMEDIA_TYPE_VIDEO);
    const int flvAudio = flvKeptTrack(streams, AVMEDIA_TYPE_AUDIO);
    QStringList flvLeftOutAv;
    for (const StreamInfo &s : streams) {
        // 0 = cannot; a negative answer means the muxer does not say (TS).
        const bool fits = avformat_query_codec(ofmt, s.params->codec_id, FF_COMPLIANCE_NORMAL) != 0;
        const bool av = s.type == AVMEDIA_TYPE_VIDEO || s.type == AVMEDIA_TYPE_AUDIO;
        if (av && !fits)
            return makeError(
                ErrorCode::Unsupported,
                QStringLiteral("%1 cannot hold %2; choose another format")
                    .arg(containerName(d->type).toUpper(), QString::fromUtf8(avcodec_get_name(s.params->codec_id))));
        // FLV carries audio and video only; MPEG-TS every elementary stream
        // (subtitles, SCTE-35, ID3, KLV) its muxer knows.
        const bool flvExtra = d->type == ContainerType::Flv && av && s.index != flvVideo && s.index != flvAudio;
        if (flvExtra)
            flvLeftOutAv << QString::fromUtf8(av_get_media_type_string(s.type));
        if (flvExtra || (!av && (d->type == ContainerType::Flv || !fits || !tsCarries(s.params->codec_id)))) {
            QString what = QStringLiteral("%1 #%2 (%3")
                               .arg(QString::fromUtf8(av_get_media_type_string(s.type)))
                               .arg(s.index)
                               .arg(QString::fromUtf8(avcodec_get_name(s.params->codec_id)));
            if (!s.tags.language.isEmpty())
                what += u' ' + s.tags.language;
            leftOut << what + u')';
            (mp4::isMp4Text(s) ? leftOutText : leftOutOther) = true;
            continue;
        }
        d->outIndex[size_t(s.index)] = int(d->kept.size());
        d->kept.push_back(s);
    }
    // Which one FLV kept of several, so nobody has to guess which language
    // the file speaks.
    QStringList flvKept;
    for (const StreamInfo &s : streams) {
        const char *kind = av_get_media_type_string(s.type);
        if ((s.index == flvVideo || s.index == flvAudio) && kind && flvLeftOutAv.contains(QString::fromUtf8(kind)))
            flvKept << QStringLiteral("%1 #%2 (%3%4)")
                           .arg(QString::fromUtf8(kind))
                           .arg(s.index)
                           .arg(QString::fromUtf8(avcodec_get_name(s.params->codec_id)),
                                s.tags.language.isEmpty() ? QString() : u' ' + s.tags.language);
    }
    if (!flvKept.isEmpty())
        d->notes << QStringLiteral("%1: FLV holds one audio and one video track; kept %2 (choose the tracks to "
                                   "record another one)")
                        .arg(QFileInfo(finalPath).fileName(), flvKept.join(QStringLiteral(", ")));
    if (!leftOut.isEmpty())
        d->notes << QStringLiteral("%1: %2 cannot carry %3; left out%4")
                        .arg(QFileInfo(finalPath).fileName(),
                             d->type == ContainerType::Flv ? QStringLiteral("FLV (one video and one audio track)")
                                                           : QStringLiteral("MPEG-TS as written by FFmpeg"),
                             leftOut.join(QStringLiteral(", ")),
                             // Where what was left out can go instead.
                             !leftOutText
                                 ? (d->type == ContainerType::Flv ? QStringLiteral(" (record to TS to keep them)")
                                                                  : QString())
                                 : !leftOutOther || d->type == ContainerType::MpegTs
                                 ? QStringLiteral(" (record to MP4 to keep text subtitles)")
                                 : QStringLiteral(" (record to MP4 to keep text subtitles, to TS for the rest)"));

    // A file another process records or recovers is never touched, not even
    // with overwrite; an existing file is truncated only once it is locked.
    if (const OwnerInfo who = fileOwner(finalPath); who.owned())
        return makeError(ErrorCode::InUse,
                         QStringLiteral("%1 is %2; nothing was written").arg(finalPath, who.describe()));
    auto f =
        OutputFile::open(finalPath, options.overwrite ? CreateMode::CreateOrOpen : CreateMode::NewOnly, options.faults);
    if (!f) {
        if (f.error().code == ErrorCode::AlreadyExists)
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("%1 already exists (use overwrite to replace it)").arg(finalPath));
        return f.error();
    }
    // Only a recovery that looked at the new file in the instant before can
    // hold it: give it time to let go.
    auto lock = FileLock::acquire(finalPath, FileLock::Role::Recording, 2000);
    if (!lock)
        return lock.error();
    d->lock = std::move(*lock);
    if (options.overwrite && f->size() > 0)
        if (auto s = f->truncate(0); !s)
            return s;
    d->file = std::move(*f);
    // Marks an earlier recording of this name left describe nothing here.
    if (const QString stale = marksPathFor(finalPath); pathExists(stale))
        removePath(stale);
    d->pos = 0;
    // The periodic fsyncs below only make the data durable; the new file's
    // name needs its folder synced once, or a power cut loses the whole file.
    if (auto s = syncDirectory(QFileInfo(finalPath).absolutePath()); !s)
        return s;

    AVFormatContext *raw = nullptr;
    avformat_alloc_output_context2(&raw, ofmt, nullptr, nullptr);
    if (!raw)
        return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
    d->ctx.reset(raw);
    const int bufferSize = options.gatherWrites ? kGatherIoBufferSize : kIoBufferSize;
    auto *buf = static_cast<unsigned char *>(av_malloc(bufferSize));
    d->io.reset(avio_alloc_context(buf, bufferSize, 1, d.get(), nullptr, &Impl::writePacket, &Impl::seek));
    if (!d->io) {
        av_free(buf);
        return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
    }
    // FLV seeks back at the end to write duration and size; TS never seeks.
    d->io->seekable = d->type == ContainerType::Flv ? AVIO_SEEKABLE_NORMAL : 0;
    d->ctx->pb = d->io.get();
    // With gatherWrites, packets gather in the 256 KB buffer while more are
    // queued, and flush() hands them to the kernel before the session waits
    // for the next one (one write per batch, not per packet); without it,
    // every packet is flushed as it is written.
    d->ctx->flags |= AVFMT_FLAG_CUSTOM_IO | (options.gatherWrites ? 0 : AVFMT_FLAG_FLUSH_PACKETS);
    d->ctx->flush_packets = options.gatherWrites ? 0 : 1;

    d->inTimeBases.clear();
    std::set<int> cuePids;
    for (const StreamInfo &s : d->kept) {
        if (d->type == ContainerType::MpegTs && s.params->codec_id == AV_CODEC_ID_SCTE_35)
            cuePids.insert(kTsStartPid + int(d->inTimeBases.size()));
        AVStream *st = avformat_new_stream(d->ctx.get(), nullptr);
        if (!st || avcodec_parameters_copy(st->codecpar, s.params.get()) < 0)
            return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
        st->codecpar->codec_tag = 0;
        st->time_base = s.timeBase;
        if (s.frameRate.num > 0 && s.frameRate.den > 0)
            st->avg_frame_rate = s.frameRate; // FLV's onMetaData framerate; otherwise players estimate
        copyStreamTags(st, s.tags);
        d->inTimeBases.push_back(s.timeBase);
    }
    if (!options.sourceDescription.isEmpty())
        av_dict_set(&d->ctx->metadata, "comment", options.sourceDescription.toUtf8().constData(), 0);
    av_dict_set(&d->ctx->metadata, "encoder", "Tapedeck", 0);
    // The program's name and provider (MPEG-TS SDT), the source's title and
    // creation time: what the source said about itself.
    for (const char *key : {"service_name", "service_provider", "title", "creation_time"}) {
        const auto it = options.sourceTags.constFind(QString::fromLatin1(key));
        if (it != options.sourceTags.constEnd() && !it->isEmpty())
            av_dict_set(&d->ctx->metadata, key, it->toUtf8().constData(), 0);
    }

    Dictionary mopts;
    if (d->type == ContainerType::MpegTs) {
        mopts.set("mpegts_flags", "resend_headers+initial_discontinuity");
        mopts.setInt("mpegts_start_pid", kTsStartPid);
        if (!cuePids.empty())
            d->cues = std::make_unique<TsCueSections>(std::move(cuePids));
        // "Written by Tapedeck, judge my end by the end mark" (core/base/TsMarks.h).
        const auto mark = tsMarkPacket(TsMark::Begin);
        avio_write(d->io.get(), mark.data(), int(mark.size()));
    }
    const int err = avformat_write_header(d->ctx.get(), mopts.out());
    if (err < 0)
        return d->muxError(err, QStringLiteral("cannot start"));
    d->headerWritten = true;
    d->lastSyncMs = monoMs();
    return {};
}

Status MuxWriter::write(const AVPacket *pkt)
{
    if (!d->ctx)
        return makeError(ErrorCode::Internal, QStringLiteral("writer is not open"));
    if (pkt->stream_index < 0 || size_t(pkt->stream_index) >= d->outIndex.size()
        || d->outIndex[size_t(pkt->stream_index)] < 0)
        return {}; // a stream this container cannot carry (said in notes())
    // The muxer takes the reference and leaves `scratch` blank again.
    PacketPtr &p = d->scratch;
    if (!p || av_packet_ref(p.get(), pkt) < 0)
        return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
    p->stream_index = d->outIndex[size_t(pkt->stream_index)];
    AVStream *st = d->ctx->streams[p->stream_index];
    if (d->type == ContainerType::MpegTs && st->codecpar->codec_id == AV_CODEC_ID_TIMED_ID3)
        if (auto s = wrapMetadataCell(p.get(), d->id3Sequence++); !s) {
            av_packet_unref(p.get());
            return s;
        }
    av_packet_rescale_ts(p.get(), d->inTimeBases[size_t(p->stream_index)], st->time_base);
    p->pos = -1;
    // Media time of what no sync covers yet (WriterOptions::syncMediaMs).
    const qint64 when = p->dts != AV_NOPTS_VALUE ? p->dts : p->pts;
    const qint64 us = when != AV_NOPTS_VALUE ? av_rescale_q(when, st->time_base, AV_TIME_BASE_Q) : AV_NOPTS_VALUE;
    // Interleaved like ffmpeg's own muxing: players (GStreamer's flvdemux in
    // particular) expect packets in decode-time order across streams. The
    // muxer holds back at most a few packets for that.
    const bool damaged = (p->flags & AV_PKT_FLAG_CORRUPT) != 0;
    const int err = av_interleaved_write_frame(d->ctx.get(), p.get());
    if (err == AVERROR_INVALIDDATA && damaged && !d->ioError) {
        // A packet the source already marked damaged (a live stream's loss)
        // that the TS muxer's bitstream filter cannot parse: the input's
        // fault, not the file's. MP4 and FLV keep going too, so TS does.
        logWarning(QStringLiteral("%1: a damaged packet from the source was left out").arg(d->finalPath));
        return {};
    }
    if (err < 0) {
        av_packet_unref(p.get());
        return d->muxError(err, QStringLiteral("cannot write"));
    }
    if (us != AV_NOPTS_VALUE && (d->unsyncedFromUs == AV_NOPTS_VALUE || us < d->unsyncedFromUs))
        d->unsyncedFromUs = us;
    qint64 spanUs = 0;
    const bool mediaDue = d->opt.syncMediaMs > 0 && us != AV_NOPTS_VALUE
        && !__builtin_sub_overflow(us, d->unsyncedFromUs, &spanUs) && spanUs >= d->opt.syncMediaMs * 1000;
    const qint64 wallMs = monoMs() - d->lastSyncMs;
    if (d->opt.fsyncIntervalMs >= 0 && (mediaDue || wallMs >= d->opt.fsyncIntervalMs)) {
        // Counted from the start of a sync, as in Mp4Writer: a power cut
        // loses at most the interval plus the sync in progress.
        const bool background = d->opt.syncInBackground && d->opt.fsyncIntervalMs > 0
            && syncFitsInBackground(mediaDue, spanUs, wallMs, d->opt.syncMediaMs);
        if (background) {
            // One file, so no order to keep: what is in the kernel when the
            // fsync starts is what it makes durable. A sync still running is
            // left to end; the next packet asks again.
            if (auto e = d->sync.takeError())
                return *e;
            if (d->sync.busy())
                return {};
        } else {
            d->sync.wait(); // a burst (or a sync per packet): this thread syncs, as it always did
            if (auto e = d->sync.takeError())
                return *e;
        }
        d->lastSyncMs = monoMs();
        d->unsyncedFromUs = AV_NOPTS_VALUE;
        // What the muxer's buffer holds belongs to this interval too.
        if (auto s = flush(); !s)
            return s;
        if (background) {
            Impl *impl = d.get();
            d->sync.start([impl] { return impl->file.sync(); });
        } else if (auto s = d->file.sync(); !s) {
            return s;
        }
    }
    return {};
}

Status MuxWriter::flush()
{
    if (!d->ctx || !d->io)
        return {};
    avio_flush(d->io.get());
    if (d->ioError)
        return *d->ioError;
    if (d->file.size() - d->writebackMark >= kWritebackBytes) {
        d->file.startWriteback();
        d->writebackMark = d->file.size();
    }
    return {};
}

Result<QString> MuxWriter::finish()
{
    if (!d->ctx)
        return makeError(ErrorCode::Internal, QStringLiteral("writer is not open"));
    const int err = av_write_trailer(d->ctx.get());
    if (err >= 0 && d->type == ContainerType::MpegTs) {
        // Closed: nothing after this packet belongs to the recording.
        const auto mark = tsMarkPacket(TsMark::End);
        avio_write(d->io.get(), mark.data(), int(mark.size()));
    }
    avio_flush(d->io.get());
    if (err < 0 || d->ioError) {
        Error e = d->muxError(err, QStringLiteral("cannot finish"));
        abandon();
        return e;
    }
    d->ctx.reset();
    d->io.reset();
    d->sync.wait();
    if (auto e = d->sync.takeError())
        return *e;
    if (auto s = d->file.sync(); !s)
        return s.error();
    if (auto s = d->file.close(); !s)
        return s.error();
    if (auto s = syncDirectory(QFileInfo(d->finalPath).absolutePath()); !s)
        return s.error();
    d->lock.release();
    return d->finalPath;
}

void MuxWriter::abandon()
{
    // What reached the file stays: a TS/FLV file is playable up to its last
    // complete packet, and recovery can tidy its tail.
    if (d->io)
        avio_flush(d->io.get());
    d->ctx.reset();
    d->io.reset();
    d->sync.wait();
    (void)d->file.sync();
    (void)d->file.close();
    d->lock.release(); // an orphan now: recoverable at once
}

void MuxWriter::addMarker(qint64 atUs, const QString &title) { d->addMark(atUs, title, MarkKind::Marker); }

void MuxWriter::addGap(qint64 atUs, const QString &title) { d->addMark(atUs, title, MarkKind::Gap); }

qint64 MuxWriter::bytesWritten() const
{
    // Including what waits in the muxer's buffer for the next flush().
    return d->file.size() + (d->io ? qint64(d->io->buf_ptr - d->io->buffer) : 0);
}

QStringList MuxWriter::notes() const
{
    QStringList n = d->notes;
    if (d->cues && d->cues->pmtUnchanged())
        n << QStringLiteral("%1: the program table is too long to declare its SCTE-35 streams; their cues are "
                            "written as private data, which SCTE-35 readers do not recognise")
                 .arg(QFileInfo(d->finalPath).fileName());
    if (d->cues && d->cues->malformedCues() > 0)
        n << QStringLiteral("%1: %2 SCTE-35 cue message(s) from the source were not whole sections; left out")
                 .arg(QFileInfo(d->finalPath).fileName())
                 .arg(d->cues->malformedCues());
    return n;
}

} // namespace tapedeck

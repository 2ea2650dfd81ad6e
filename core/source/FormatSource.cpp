#include "core/source/FormatSource.h"
#include "core/source/LiveTsFrames.h"

#include "core/base/Log.h"
#include "core/base/Redact.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include <netdb.h>
#include <sys/socket.h>

namespace tapedeck {
namespace {

// libavformat's default probe size, and the one a UDP source opens with
// (FormatSource::open).
constexpr int64_t kProbeBytes = 5'000'000;
constexpr int64_t kUdpHeaderProbeBytes = 1 << 20;

qint64 monoNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool isLocalPath(const QString &url)
{
    return !url.contains(QStringLiteral("://")) || url.startsWith(QStringLiteral("file://"));
}

// The host part of a URL, without credentials or port ("" for none).
QString hostOf(const QString &url)
{
    const int s = url.indexOf(QStringLiteral("://"));
    if (s < 0)
        return QString();
    QString auth = url.mid(s + 3).section(u'/', 0, 0).section(u'?', 0, 0);
    auth = auth.mid(auth.lastIndexOf(u'@') + 1);
    if (auth.startsWith(u'['))
        return auth.mid(1, auth.indexOf(u']') - 1);
    return auth.section(u':', 0, 0);
}

int systemResolve(const QByteArray &host)
{
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *res = nullptr;
    const int rc = getaddrinfo(host.constData(), nullptr, &hints, &res);
    if (res)
        freeaddrinfo(res);
    return rc;
}

enum class Lookup { Resolves, DoesNotResolve, Unknown, Interrupted };

// Looks `host` up without letting a dead name server hold a stop: the C
// library's getaddrinfo() cannot be cancelled and ignores libavformat's
// interrupt callback. It runs on a worker thread while the caller waits on
// the interrupter (stop flag, open deadline). An interrupted wait leaves the
// worker behind, detached: it owns nothing but its shared answer and ends
// on its own whenever the resolver answers. This is the one place Tapedeck
// lets a thread go unjoined, because nothing can end it earlier.
Lookup lookUp(const QString &host, const SourceOptions &opt, const Interrupter &interrupt)
{
    if (host.isEmpty())
        return Lookup::Resolves;
    struct Answer {
        std::mutex mutex;
        std::condition_variable ready;
        bool done = false;
        int rc = 0;
    };
    auto answer = std::make_shared<Answer>();
    std::function<int(const QByteArray &)> resolve = opt.resolveHost ? opt.resolveHost : systemResolve;
    std::thread([answer, resolve, name = host.toUtf8()] {
        const int rc = resolve(name);
        std::lock_guard lock(answer->mutex);
        answer->rc = rc;
        answer->done = true;
        answer->ready.notify_all();
    }).detach();
    std::unique_lock lock(answer->mutex);
    while (!answer->done) {
        if (interrupt.shouldInterrupt())
            return Lookup::Interrupted;
        answer->ready.wait_for(lock, std::chrono::milliseconds(20));
    }
    if (answer->rc == 0)
        return Lookup::Resolves;
    if (answer->rc == EAI_NONAME || answer->rc == EAI_FAIL
#ifdef EAI_NODATA
        || answer->rc == EAI_NODATA
#endif
    )
        return Lookup::DoesNotResolve;
    return Lookup::Unknown; // EAI_AGAIN and the like: let the open say what it finds
}

} // namespace

bool isListenerUrl(const QString &spec)
{
    const QString s = spec.toLower();
    const int q = s.indexOf(u'?');
    if (q < 0)
        return false;
    const QUrlQuery query(s.mid(q + 1));
    if (query.queryItemValue(QStringLiteral("listen")) == u"1"
        || query.queryItemValue(QStringLiteral("listen")) == u"2")
        return true;
    return query.queryItemValue(QStringLiteral("mode")) == u"listener";
}

FormatSource::FormatSource(QString url, SourceOptions options)
    : m_url(std::move(url)), m_opt(options), m_interrupt(options.stopFlag)
{
    m_listener = isListenerUrl(m_url);
    m_live = !isLocalPath(m_url);
    registerSecretsOf(m_url);
}

FormatSource::~FormatSource() = default;

QString FormatSource::displayName() const { return redactUrl(m_url); }

Error FormatSource::classifyOpenError(int err)
{
    const QString where = displayName();
    if (m_interrupt.stopRequested())
        return makeError(ErrorCode::Cancelled, QStringLiteral("stopped while opening %1").arg(where));
    if (err == AVERROR_EXIT || m_interrupt.timedOut())
        return makeError(ErrorCode::Timeout,
                         QStringLiteral("%1 did not answer within %2 s").arg(where).arg(m_opt.openTimeoutMs / 1000.0));
    if (err == AVERROR(ENOENT))
        return makeError(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(where));
    if (m_live && !m_listener && (err == AVERROR(EIO) || err < 0)) {
        // Only to say *why* in plain words; bounded like the open.
        m_interrupt.arm(m_opt.openTimeoutMs);
        const Lookup found = lookUp(hostOf(m_url), m_opt, m_interrupt);
        if (found == Lookup::Interrupted && m_interrupt.stopRequested())
            return makeError(ErrorCode::Cancelled, QStringLiteral("stopped while opening %1").arg(where));
        if (found == Lookup::DoesNotResolve)
            return makeError(
                ErrorCode::NotFound,
                QStringLiteral("the host name \"%1\" does not resolve (check the address)").arg(hostOf(m_url)));
    }
    if (err == AVERROR(ECONNREFUSED))
        return makeError(ErrorCode::Network,
                         QStringLiteral("nothing is listening at %1 (connection refused)").arg(where));
    if (err == AVERROR(EIO) && m_live)
        return makeError(ErrorCode::Network, QStringLiteral("cannot reach %1 (%2)").arg(where, ffmpegErrorString(err)));
    if (err == AVERROR_HTTP_NOT_FOUND || err == AVERROR_STREAM_NOT_FOUND)
        return makeError(ErrorCode::NotFound, QStringLiteral("stream not found at %1").arg(where));
    if (err == AVERROR_INVALIDDATA)
        return makeError(ErrorCode::Corrupt, QStringLiteral("%1 is not a media stream Tapedeck can read").arg(where));
    return makeError(m_live ? ErrorCode::Network : ErrorCode::Io,
                     QStringLiteral("cannot open %1: %2").arg(where, ffmpegErrorString(err)));
}

bool FormatSource::recordable(unsigned i) const
{
    const AVStream *st = m_ctx->streams[i];
    const AVCodecParameters *par = st->codecpar;
    // Video and audio, and what rides along with them: subtitles (DVB,
    // teletext, text) and timed data (SCTE-35 cues, ID3, KLV). Each writer
    // keeps what its container can hold and says what it left out.
    if (par->codec_type != AVMEDIA_TYPE_VIDEO && par->codec_type != AVMEDIA_TYPE_AUDIO
        && par->codec_type != AVMEDIA_TYPE_SUBTITLE && par->codec_type != AVMEDIA_TYPE_DATA)
        return false;
    if (par->codec_id == AV_CODEC_ID_NONE)
        return false;
    return !(par->codec_type == AVMEDIA_TYPE_VIDEO && (st->disposition & AV_DISPOSITION_ATTACHED_PIC));
}

StreamInfo FormatSource::streamInfo(unsigned i) const
{
    const AVStream *st = m_ctx->streams[i];
    const AVCodecParameters *par = st->codecpar;
    StreamInfo info;
    info.index = int(i);
    info.type = par->codec_type;
    info.params = CodecParams(par);
    info.timeBase = st->time_base;
    info.frameRate = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : st->r_frame_rate;
    if (const AVDictionaryEntry *e = av_dict_get(st->metadata, "language", nullptr, 0))
        info.tags.language = QString::fromUtf8(e->value);
    if (const AVDictionaryEntry *e = av_dict_get(st->metadata, "title", nullptr, 0))
        info.tags.title = QString::fromUtf8(e->value);
    if (const AVDictionaryEntry *h = av_dict_get(st->metadata, "handler_name", nullptr, 0))
        info.tags.handlerName = QString::fromUtf8(h->value);
    info.tags.disposition = st->disposition;
    for (int k = 0; k < st->nb_side_data; ++k)
        info.tags.sideData.emplace_back(
            int(st->side_data[k].type),
            QByteArray(reinterpret_cast<const char *>(st->side_data[k].data), qsizetype(st->side_data[k].size)));
    return info;
}

Status FormatSource::open()
{
    m_ctx.reset();
    m_streams.clear();
    m_map.clear();
    m_catalog.clear();
    m_paceFirstUs = AV_NOPTS_VALUE;

    AVFormatContext *raw = avformat_alloc_context();
    if (!raw)
        return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
    m_interrupt.install(raw->interrupt_callback);
    // Listeners wait for their encoder until stopped; everything else gets the
    // open deadline.
    m_interrupt.arm(m_listener ? 0 : m_opt.openTimeoutMs);

    // The host name first, interruptibly: libavformat's own lookup inside
    // avformat_open_input() cannot be interrupted, so a dead name server
    // would hold a stop until the C library gives up. Once this lookup
    // answered, the one inside the open is normally served at once.
    if (m_live && !m_listener) {
        const QString host = hostOf(m_url);
        const Lookup found = lookUp(host, m_opt, m_interrupt);
        if (found == Lookup::Interrupted) {
            avformat_free_context(raw);
            if (m_interrupt.stopRequested())
                return makeError(ErrorCode::Cancelled, QStringLiteral("stopped while opening %1").arg(displayName()));
            return makeError(ErrorCode::Timeout,
                             QStringLiteral("the name server did not answer for \"%1\" within %2 s")
                                 .arg(host)
                                 .arg(m_opt.openTimeoutMs / 1000.0));
        }
        if (found == Lookup::DoesNotResolve) {
            avformat_free_context(raw);
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("the host name \"%1\" does not resolve (check the address)").arg(host));
        }
    }

    Dictionary opts;
    const QString lower = m_url.toLower();
    bool smallHeaderProbe = false; // a UDP source: the full probe size only for the stream analysis
    // libavformat's own socket time-outs must not end the open before the
    // open time-out the user set (an RTSP camera that accepts and never
    // answers used to fail after the stall time-out, as "not a media
    // stream"); while reading, our interrupt enforces the stall time-out.
    const qint64 rwTimeoutUs =
        std::max({m_opt.stallTimeoutMs, m_listener ? 0 : m_opt.openTimeoutMs, qint64(1000)}) * 1000;
    if (lower.startsWith(QStringLiteral("rtsp"))) {
        opts.set("rtsp_flags", "prefer_tcp");
        opts.setInt("timeout", rwTimeoutUs);
    } else if (lower.startsWith(QStringLiteral("http"))) {
        opts.setInt("rw_timeout", rwTimeoutUs);
        opts.set("reconnect", "0");
        // HLS demuxer (ignored by other HTTP formats): libavformat starts a
        // live playlist 3 segments from its end (-3); -1 is the newest
        // segment, the live edge; 0 the oldest one still listed. A playlist
        // that has ended (VOD) always plays from its start.
        opts.setInt("live_start_index", m_opt.hlsStart == HlsStart::Oldest ? 0 : -1);
    } else if (lower.startsWith(QStringLiteral("rtmp")) && m_listener) {
        opts.set("listen", "1");
    } else if (lower.startsWith(QStringLiteral("udp"))) {
        opts.setInt("timeout", rwTimeoutUs);
        opts.set("overrun_nonfatal", "1");
        // No receive thread: with libavformat's FIFO (fifo_size > 0) a thread
        // takes each datagram off the socket and wakes this one for it, two
        // context switches per 1316 bytes; at 6.4 Mbit/s x 32 recordings
        // that was a third of the engine's CPU (bench table 3: 1.99 -> 1.28 %
        // per recording, 0.985 of the frames kept either way, also with the
        // cores saturated). This thread only demuxes and hands packets to a
        // queue that drops rather than blocks, so it reads the socket as fast
        // as the FIFO thread did; the kernel's buffer covers its pauses, as
        // large as the system allows (net.core.rmem_max; ~0.3 s of a 6
        // Mbit/s stream at Debian's default, more where it was raised).
        opts.set("fifo_size", "0");
        opts.setInt("buffer_size", 4 * 1024 * 1024);
        // The MPEG-TS demuxer makes its input buffer able to seek back the
        // whole probe size (5 MB) to re-read the packets before the PMT, and
        // that buffer lives until the stream has filled it once: 5 MB per
        // recording for its first seconds (bench table 3's peak at N = 32).
        // The PMT comes within a fraction of that; the stream analysis after
        // the open gets the full probe size back.
        opts.setInt("probesize", kUdpHeaderProbeBytes);
        smallHeaderProbe = true;
    }
    opts.set("analyzeduration", "5000000", AV_DICT_DONT_OVERWRITE);

    QByteArray path = m_url.toUtf8();
    if (lower.startsWith(QStringLiteral("rtmp")) && m_listener) {
        // "listen" is an option of FFmpeg's RTMP protocol, not part of the
        // stream path the encoder publishes to.
        QString u = m_url;
        u.remove(QRegularExpression(QStringLiteral("[?&]listen=[0-9]"), QRegularExpression::CaseInsensitiveOption));
        path = u.toUtf8();
    }
    if (lower.startsWith(QStringLiteral("file://")))
        path = QUrl(m_url).toLocalFile().toUtf8();
    int err = avformat_open_input(&raw, path.constData(), nullptr, opts.out());
    if (err < 0)
        return classifyOpenError(err); // avformat_open_input freed raw
    m_ctx.reset(raw);
    m_interrupt.arm(m_opt.openTimeoutMs);
    if (smallHeaderProbe)
        m_ctx->probesize = kProbeBytes;
    err = avformat_find_stream_info(m_ctx.get(), nullptr);
    if (err < 0) {
        Error e = classifyOpenError(err);
        m_ctx.reset();
        return e;
    }
    if (m_ctx->iformat && (m_ctx->iformat->flags & AVFMT_NOFILE) == 0 && m_ctx->pb
        && !(m_ctx->pb->seekable & AVIO_SEEKABLE_NORMAL))
        m_live = true;

    // One program: an MPEG-TS multiplex can carry several, and a recording
    // keeps the streams of the one it records (the program asked for, else
    // the program of the best video stream, else of the best audio stream)
    // and nothing of the others.
    const AVProgram *program = nullptr;
    const TrackSelection &wanted = m_opt.tracks;
    if (wanted.program >= 0) {
        QStringList have;
        for (unsigned p = 0; p < m_ctx->nb_programs; ++p) {
            const AVProgram *prog = m_ctx->programs[p];
            if (prog->program_num == wanted.program)
                program = prog;
            const AVDictionaryEntry *n = av_dict_get(prog->metadata, "service_name", nullptr, 0);
            have << (n ? QStringLiteral("%1 \"%2\"").arg(prog->program_num).arg(QString::fromUtf8(n->value))
                       : QString::number(prog->program_num));
        }
        if (!program) {
            m_ctx.reset();
            return makeError(ErrorCode::InvalidArgument,
                             have.isEmpty()
                                 ? QStringLiteral("%1 has no programs, so there is no program %2 to record (only "
                                                  "an MPEG-TS multiplex has programs; leave the program unset)")
                                       .arg(displayName())
                                       .arg(wanted.program)
                                 : QStringLiteral("%1 has no program %2; its programs: %3")
                                       .arg(displayName())
                                       .arg(wanted.program)
                                       .arg(have.join(QStringLiteral(", "))));
        }
    } else if (m_ctx->nb_programs > 1) {
        int best = av_find_best_stream(m_ctx.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        if (best < 0)
            best = av_find_best_stream(m_ctx.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
        for (unsigned p = 0; best >= 0 && !program && p < m_ctx->nb_programs; ++p)
            for (unsigned k = 0; k < m_ctx->programs[p]->nb_stream_indexes; ++k)
                if (int(m_ctx->programs[p]->stream_index[k]) == best)
                    program = m_ctx->programs[p];
    }
    const AVProgram *recordedProgram = program ? program : (m_ctx->nb_programs == 1 ? m_ctx->programs[0] : nullptr);
    m_sourceTags.clear();
    for (const AVDictionary *dict :
         {static_cast<const AVDictionary *>(m_ctx->metadata),
          recordedProgram ? static_cast<const AVDictionary *>(recordedProgram->metadata) : nullptr}) {
        const AVDictionaryEntry *e = nullptr;
        while ((e = av_dict_get(dict, "", e, AV_DICT_IGNORE_SUFFIX)))
            m_sourceTags.insert(QString::fromUtf8(e->key), QString::fromUtf8(e->value));
    }

    // The tracks of every program, and which of them the selection keeps.
    // In a multiplex they are counted in the order of their PIDs: the
    // demuxer numbers streams in the order their first packets arrive,
    // which differs from one join of a live UDP stream to the next, and
    // "a:0" must name the same track every time.
    std::vector<unsigned> order(m_ctx->nb_streams);
    for (unsigned i = 0; i < m_ctx->nb_streams; ++i)
        order[i] = i;
    if (m_ctx->nb_programs > 0)
        std::stable_sort(order.begin(), order.end(),
                         [this](unsigned a, unsigned b) { return m_ctx->streams[a]->id < m_ctx->streams[b]->id; });
    m_catalog.clear();
    std::vector<int> keep;
    for (unsigned p = 0; p < std::max(1u, m_ctx->nb_programs); ++p) {
        const AVProgram *prog = m_ctx->nb_programs > 0 ? m_ctx->programs[p] : nullptr;
        CatalogProgram cp;
        if (prog) {
            cp.number = prog->program_num;
            if (const AVDictionaryEntry *e = av_dict_get(prog->metadata, "service_name", nullptr, 0))
                cp.name = QString::fromUtf8(e->value);
            if (const AVDictionaryEntry *e = av_dict_get(prog->metadata, "service_provider", nullptr, 0))
                cp.provider = QString::fromUtf8(e->value);
        }
        // Without a chosen program (one program, or none) every stream is
        // recorded, as it always was.
        cp.recorded = prog == nullptr || prog == recordedProgram || (!program && m_ctx->nb_programs == 1);
        // A lone program that was not asked for by number takes every
        // stream, as before programs could be chosen (a stream outside the
        // program table is still recorded).
        auto inProg = [prog, all = !program && m_ctx->nb_programs == 1](unsigned i) {
            if (!prog || all)
                return true;
            for (unsigned k = 0; k < prog->nb_stream_indexes; ++k)
                if (prog->stream_index[k] == i)
                    return true;
            return false;
        };
        std::vector<TrackCandidate> candidates;
        for (unsigned i : order) {
            if (!inProg(i) || !recordable(i))
                continue;
            StreamInfo info = streamInfo(i);
            candidates.push_back(TrackCandidate{int(i), info.type, info.tags.language});
            cp.tracks.push_back(CatalogTrack{std::move(info), QString(), false});
        }
        for (size_t k = 0; k < candidates.size(); ++k)
            cp.tracks[k].item = trackItemFor(candidates, k);
        if (cp.recorded && keep.empty() && !candidates.empty()) {
            const QString name =
                cp.number >= 0 ? QStringLiteral("program %1 of %2").arg(cp.number).arg(displayName()) : displayName();
            auto chosen = selectTracks(candidates, wanted.tracks, name);
            if (!chosen) {
                m_ctx.reset();
                m_catalog.clear();
                return chosen.error();
            }
            keep = *chosen;
            for (CatalogTrack &t : cp.tracks)
                t.recorded = std::find(keep.begin(), keep.end(), t.info.index) != keep.end();
        }
        m_catalog.push_back(std::move(cp));
    }

    m_map.assign(m_ctx->nb_streams, -1);
    for (int i : keep) {
        StreamInfo info = streamInfo(unsigned(i));
        info.index = int(m_streams.size());
        m_map[size_t(i)] = info.index;
        m_streams.push_back(std::move(info));
    }
    if (std::none_of(m_streams.begin(), m_streams.end(),
                     [](const StreamInfo &s) { return s.type == AVMEDIA_TYPE_VIDEO || s.type == AVMEDIA_TYPE_AUDIO; }))
        m_streams.clear();
    if (m_streams.empty()) {
        m_ctx.reset();
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("%1 has no audio or video stream Tapedeck can record").arg(displayName()));
    }
    // Live MPEG-TS: video frames are handed over as soon as their PES ends,
    // not one frame later (LiveTsFrames.h).
    m_frames = LiveTsFrames();
    if (m_live)
        m_frames.arm(m_ctx.get(), keep);
    m_interrupt.arm(m_opt.stallTimeoutMs);
    return {};
}

void FormatSource::pace(const AVPacket *pkt)
{
    if (m_opt.pacing != Pacing::Realtime || pkt->dts == AV_NOPTS_VALUE)
        return;
    const AVStream *st = m_ctx->streams[pkt->stream_index];
    const qint64 us = av_rescale_q(pkt->dts, st->time_base, AVRational{1, 1000000});
    if (m_paceFirstUs == AV_NOPTS_VALUE) {
        m_paceFirstUs = us;
        m_paceStartNs = monoNs();
        return;
    }
    const qint64 dueNs = m_paceStartNs + (us - m_paceFirstUs) * 1000;
    while (!m_interrupt.stopRequested()) {
        const qint64 waitNs = dueNs - monoNs();
        if (waitNs <= 0)
            break;
        QThread::usleep(quint64(std::min<qint64>(waitNs / 1000, 50000)));
    }
}

Result<PacketPtr> FormatSource::read()
{
    if (!m_ctx)
        return makeError(ErrorCode::Internal, QStringLiteral("source is not open"));
    while (true) {
        if (PacketPtr waiting = m_frames.ready()) {
            const int idx = waiting->stream_index;
            if (m_map[size_t(idx)] < 0)
                continue;
            pace(waiting.get());
            waiting->stream_index = m_map[size_t(idx)];
            return waiting;
        }
        PacketPtr pkt = makePacket();
        m_interrupt.arm(m_opt.stallTimeoutMs);
        const int err = av_read_frame(m_ctx.get(), pkt.get());
        if (err < 0) {
            if (m_interrupt.stopRequested())
                return makeError(ErrorCode::Cancelled, QStringLiteral("stopped"));
            if (PacketPtr held = m_frames.takeHeld()) {
                // A complete frame that waited for its turn: it goes out
                // before the error (the next read() reports it again).
                pkt = std::move(held);
                if (m_map[size_t(pkt->stream_index)] < 0)
                    continue;
                pkt->stream_index = m_map[size_t(pkt->stream_index)];
                return pkt;
            }
            if (err == AVERROR_EOF)
                return makeError(ErrorCode::EndOfStream, QStringLiteral("%1 ended").arg(displayName()));
            if (m_interrupt.timedOut() || err == AVERROR_EXIT || err == AVERROR(ETIMEDOUT))
                return makeError(
                    ErrorCode::Timeout,
                    QStringLiteral("no data from %1 for %2 s").arg(displayName()).arg(m_opt.stallTimeoutMs / 1000.0));
            if (err == AVERROR(EAGAIN))
                continue;
            return makeError(m_live ? ErrorCode::Network : ErrorCode::Io,
                             QStringLiteral("reading %1 failed: %2").arg(displayName(), ffmpegErrorString(err)));
        }
        if (m_frames.armed()) {
            if (m_interrupt.fired() && m_frames.handsOverAtOnce(pkt->stream_index)) {
                // The stall or stop cut this PES short: not a whole frame.
                if (!m_interrupt.stopRequested())
                    logWarning(QStringLiteral("%1: the stream stalled inside a frame; that frame was left out")
                                   .arg(displayName()));
                continue;
            }
            pkt = m_frames.pass(std::move(pkt));
        }
        const int idx = pkt->stream_index;
        if (idx < 0 || idx >= int(m_map.size()) || m_map[idx] < 0 || pkt->size <= 0)
            continue;
        pace(pkt.get());
        pkt->stream_index = m_map[idx];
        return pkt;
    }
}

std::unique_ptr<PacketSource> makeDemoSource(const QString &spec, const SourceOptions &options);
std::unique_ptr<PacketSource> makeCaptureSource(const QString &spec, const SourceOptions &options);

bool isDemoSpec(const QString &spec)
{
    return spec == u"demo" || spec.startsWith(QStringLiteral("demo?")) || spec.startsWith(QStringLiteral("demo:"));
}

namespace {

// The demo and capture sources make their own streams (no programs): a
// selection of their tracks is applied here, around them, so that every
// source honours it the same way.
class SelectedSource final : public PacketSource {
public:
    SelectedSource(std::unique_ptr<PacketSource> inner, TrackSelection tracks)
        : m_inner(std::move(inner)), m_tracks(std::move(tracks))
    {}
    Status open() override
    {
        m_streams.clear();
        m_map.clear();
        m_catalog.clear();
        if (Status st = m_inner->open(); !st.ok())
            return st;
        if (m_tracks.program >= 0)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("%1 has no programs, so there is no program %2 to record (only an "
                                            "MPEG-TS multiplex has programs; leave the program unset)")
                                 .arg(displayName())
                                 .arg(m_tracks.program));
        const std::vector<StreamInfo> &all = m_inner->streams();
        std::vector<TrackCandidate> candidates;
        for (const StreamInfo &s : all)
            candidates.push_back(TrackCandidate{s.index, s.type, s.tags.language});
        auto keep = selectTracks(candidates, m_tracks.tracks, displayName());
        if (!keep)
            return keep.error();
        CatalogProgram cp;
        cp.recorded = true;
        m_map.assign(all.size(), -1);
        for (size_t k = 0; k < all.size(); ++k) {
            const bool kept = std::find(keep->begin(), keep->end(), all[k].index) != keep->end();
            cp.tracks.push_back(CatalogTrack{all[k], trackItemFor(candidates, k), kept});
            if (!kept || all[k].index < 0 || size_t(all[k].index) >= all.size())
                continue;
            StreamInfo info = all[k];
            info.index = int(m_streams.size());
            m_map[size_t(all[k].index)] = info.index;
            m_streams.push_back(std::move(info));
        }
        m_catalog.push_back(std::move(cp));
        return {};
    }
    const std::vector<StreamInfo> &streams() const override { return m_streams; }
    SourceTags sourceTags() const override { return m_inner->sourceTags(); }
    std::vector<CatalogProgram> catalog() const override { return m_catalog; }
    Result<PacketPtr> read() override
    {
        while (true) {
            auto r = m_inner->read();
            if (!r)
                return r;
            PacketPtr pkt = std::move(r.value());
            const int idx = pkt->stream_index;
            if (idx < 0 || size_t(idx) >= m_map.size() || m_map[size_t(idx)] < 0)
                continue;
            pkt->stream_index = m_map[size_t(idx)];
            return pkt;
        }
    }
    bool isLive() const override { return m_inner->isLive(); }
    QString displayName() const override { return m_inner->displayName(); }

private:
    std::unique_ptr<PacketSource> m_inner;
    TrackSelection m_tracks;
    std::vector<StreamInfo> m_streams;
    std::vector<int> m_map;
    std::vector<CatalogProgram> m_catalog;
};

} // namespace

std::unique_ptr<PacketSource> makeSource(const QString &spec, const SourceOptions &options)
{
    std::unique_ptr<PacketSource> made;
    if (isDemoSpec(spec))
        made = makeDemoSource(spec, options);
    else if (isDeviceSpec(spec))
        made = makeCaptureSource(spec, options);
    else
        return std::make_unique<FormatSource>(spec, options);
    if (!made || options.tracks.isDefault())
        return made;
    return std::make_unique<SelectedSource>(std::move(made), options.tracks);
}

} // namespace tapedeck

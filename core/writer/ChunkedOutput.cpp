#include "core/writer/ChunkedOutput.h"
#include "core/io/Paths.h"

#include "core/base/Log.h"
#include "core/io/File.h"

#include <QDir>
#include <QFileInfo>

namespace tapedeck {
namespace {
constexpr AVRational kUs{1, 1000000};
// A closing chunk takes late packets of other streams for at most this long
// past the cut before it is finished regardless.
constexpr qint64 kMaxStragglerUs = 2'000'000;
} // namespace

ChunkedOutput::ChunkedOutput(ContainerType type, QString outBase, qint64 chunkDurationMs, WriterOptions options)
    : m_type(type), m_base(std::move(outBase)), m_chunkUs(chunkDurationMs * 1000), m_opt(std::move(options))
{}

ChunkedOutput::~ChunkedOutput()
{
    if (m_cur.writer || m_prev.writer)
        abandon();
}

QString ChunkedOutput::chunkPath(ContainerType type, const QString &outBase, qint64 chunkDurationMs, int index)
{
    const QString ext = containerName(type);
    if (chunkDurationMs <= 0) {
        // One file, unless the source changed under an MP4 (or changed
        // codecs under TS/FLV): the first file keeps the name the user asked
        // for, the next ones count on from it: rec.mp4, rec_2.mp4, rec_3.mp4.
        // The first file is never renamed afterwards (another program may
        // already have it open).
        if (index == 0)
            return outBase + u'.' + ext;
        return QStringLiteral("%1_%2.%3").arg(outBase).arg(index + 1).arg(ext);
    }
    return QStringLiteral("%1_part%2.%3").arg(outBase).arg(index, 4, 10, QLatin1Char('0')).arg(ext);
}

QStringList ChunkedOutput::firstTargets(ContainerType type, const QString &outBase, qint64 chunkDurationMs)
{
    const QString first = chunkPath(type, outBase, chunkDurationMs, 0);
    QStringList t{first};
    if (type == ContainerType::Mp4)
        t << first + QStringLiteral(".info") << first + QStringLiteral(".mdat");
    return t;
}

void ChunkedOutput::setStreams(const std::vector<StreamInfo> &streams)
{
    m_streams = streams;
    m_videoIndex = firstVideoIndex(streams);
}

void ChunkedOutput::changeStreams(const std::vector<StreamInfo> &streams)
{
    if (!m_started) {
        setStreams(streams);
        return;
    }
    m_pendingStreams = streams;
    m_streamsChangePending = true;
}

qint64 ChunkedOutput::toUs(const AVPacket *pkt) const
{
    return av_rescale_q(pkt->dts, m_streams[size_t(pkt->stream_index)].timeBase, kUs);
}

bool ChunkedOutput::isCutPoint(const AVPacket *pkt) const
{
    if (m_videoIndex >= 0)
        return pkt->stream_index == m_videoIndex && (pkt->flags & AV_PKT_FLAG_KEY);
    return true;
}

qint64 ChunkedOutput::bytesWritten() const
{
    qint64 b = m_closedBytes;
    if (m_cur.writer)
        b += m_cur.writer->bytesWritten();
    if (m_prev.writer)
        b += m_prev.writer->bytesWritten();
    return b;
}

Status ChunkedOutput::openChunk(qint64 startUs)
{
    ++m_index;
    Open o;
    o.writer = makeContainerWriter(m_type);
    o.path = chunkPath(m_type, m_base, m_chunkUs, m_index);
    if (m_index > 0 && m_chunkUs <= 0 && !m_opt.overwrite) {
        // A continuation file that an earlier run left: take the next free
        // number rather than fail the recording or replace it.
        auto taken = [this](const QString &path) {
            return QFileInfo::exists(path)
                || (m_type == ContainerType::Mp4
                    && (QFileInfo::exists(path + QStringLiteral(".mdat"))
                        || QFileInfo::exists(path + QStringLiteral(".info"))));
        };
        while (taken(o.path) && m_index < 100000)
            o.path = chunkPath(m_type, m_base, m_chunkUs, ++m_index);
    }
    o.startUs = startUs;
    o.streams = m_streams;
    WriterOptions opt = m_opt;
    // The header room is sized from what is known: the chunk length, or the
    // recording's --duration when that is shorter (or the only bound).
    if (m_chunkUs > 0)
        opt.expectedDurationMs =
            m_opt.expectedDurationMs > 0 ? std::min(m_opt.expectedDurationMs, m_chunkUs / 1000) : m_chunkUs / 1000;
    // The folder is made only now, with the first file: an armed record that
    // never starts leaves nothing behind.
    // Its name is synced into the parent, or a power cut takes the folder and
    // every file in it, however often those were synced.
    if (auto made = makeDirectories(QFileInfo(o.path).absolutePath()); !made)
        return made;
    if (auto s = o.writer->open(o.path, o.streams, opt); !s) {
        o.writer->abandon();
        return s;
    }
    logInfo(QStringLiteral("recording to %1").arg(o.path));
    m_cur = std::move(o);
    m_curPath = m_cur.path;
    return {};
}

Status ChunkedOutput::closePrevious()
{
    if (!m_prev.writer)
        return {};
    const qint64 bytes = m_prev.writer->bytesWritten();
    auto r = m_prev.writer->finish();
    m_notes << m_prev.writer->notes();
    m_prev.writer.reset();
    if (!r)
        return r.error();
    m_closedBytes += bytes;
    m_finished << r.value();
    return {};
}

Status ChunkedOutput::writeTo(Open &o, const AVPacket *pkt)
{
    if (!m_pendingMarkers.empty() && &o == &m_cur) {
        const qint64 atUs = std::max<qint64>(0, toUs(pkt) - o.startUs);
        for (const PendingMarker &m : m_pendingMarkers)
            m.gap ? o.writer->addGap(atUs, m.title) : o.writer->addMarker(atUs, m.title);
        m_pendingMarkers.clear();
    }
    if (m_type == ContainerType::MpegTs)
        return o.writer->write(pkt); // continuous timeline
    const AVRational tb = o.streams[size_t(pkt->stream_index)].timeBase;
    const qint64 shift = av_rescale_q(o.startUs, kUs, tb);
    if (shift == 0 && pkt->dts >= 0)
        return o.writer->write(pkt); // the first chunk: nothing to shift, no copy
    // A reference in a reused packet (no allocation per packet), dropped
    // again once the writer has it.
    if (!m_scratch)
        m_scratch = makePacket();
    if (!m_scratch || av_packet_ref(m_scratch.get(), pkt) < 0)
        return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
    AVPacket *p = m_scratch.get();
    p->dts -= shift;
    if (p->pts != AV_NOPTS_VALUE)
        p->pts -= shift;
    if (p->dts < 0) {
        // Rounding at the chunk start: never emit a negative decode time.
        if (p->pts != AV_NOPTS_VALUE)
            p->pts -= p->dts;
        p->dts = 0;
    }
    const Status s = o.writer->write(p);
    av_packet_unref(p);
    return s;
}

Status ChunkedOutput::flush()
{
    if (m_prev.writer)
        if (Status s = m_prev.writer->flush(); !s)
            return s;
    if (m_cur.writer)
        return m_cur.writer->flush();
    return {};
}

Status ChunkedOutput::write(const AVPacket *pkt)
{
    if (m_streamsChangePending
        && !(pkt->stream_index == firstVideoIndex(m_pendingStreams) && (pkt->flags & AV_PKT_FLAG_KEY))
        && firstVideoIndex(m_pendingStreams) >= 0) {
        // New codec setup: nothing is decodable until its first keyframe.
        ++m_skipped;
        return {};
    }
    if (m_streamsChangePending) {
        // The keyframe that opens the new setup: cut right here.
        if (auto s = closePrevious(); !s)
            return s;
        if (m_cur.writer) {
            m_prev = std::move(m_cur);
            if (auto s = closePrevious(); !s)
                return s;
        }
        setStreams(m_pendingStreams);
        m_streamsChangePending = false;
        const qint64 cutUs = toUs(pkt);
        m_lastUs = std::max(m_lastUs, cutUs);
        if (auto s = openChunk(cutUs); !s)
            return s;
        return writeTo(m_cur, pkt);
    }
    if (pkt->stream_index < 0 || size_t(pkt->stream_index) >= m_streams.size())
        return {};
    const qint64 us = toUs(pkt);

    if (!m_started) {
        if (!isCutPoint(pkt)) {
            ++m_skipped; // before the first keyframe: not decodable, not part of the recording
            return {};
        }
        m_started = true;
        m_startUs = us;
        m_lastUs = us;
        if (auto s = openChunk(us); !s)
            return s;
        return writeTo(m_cur, pkt);
    }
    if (us < m_startUs && pkt->stream_index != m_videoIndex) {
        ++m_skipped;
        return {};
    }
    m_lastUs = std::max(m_lastUs, us);

    // Route stragglers of other streams to the chunk that is closing.
    if (m_prev.writer) {
        if (pkt->stream_index != m_videoIndex && us < m_prevCutUs && size_t(pkt->stream_index) < m_prev.streams.size())
            return writeTo(m_prev, pkt);
        m_prevSeenPastCut[size_t(pkt->stream_index)] = true;
        bool all = true;
        for (size_t i = 0; i < m_prevSeenPastCut.size(); ++i)
            all = all && (m_prevSeenPastCut[i] || int(i) == m_videoIndex);
        if (all || us - m_prevCutUs > kMaxStragglerUs)
            if (auto s = closePrevious(); !s)
                return s;
    }

    const bool due = m_splitAsked || (m_chunkUs > 0 && us - m_cur.startUs >= m_chunkUs);
    if (due && isCutPoint(pkt)) {
        m_splitAsked = false;
        if (auto s = closePrevious(); !s)
            return s;
        m_prev = std::move(m_cur);
        m_prevCutUs = us;
        m_prevSeenPastCut.assign(m_streams.size(), false);
        m_prevSeenPastCut[size_t(pkt->stream_index)] = true;
        if (auto s = openChunk(us); !s)
            return s;
    }
    return writeTo(m_cur, pkt);
}

Result<QStringList> ChunkedOutput::finish()
{
    if (auto s = closePrevious(); !s) {
        abandon();
        return s.error();
    }
    if (m_cur.writer) {
        const qint64 bytes = m_cur.writer->bytesWritten();
        auto r = m_cur.writer->finish();
        m_notes << m_cur.writer->notes();
        m_cur.writer.reset();
        if (!r)
            return r.error();
        m_closedBytes += bytes;
        m_finished << r.value();
    }
    return m_finished;
}

void ChunkedOutput::abandon()
{
    if (m_prev.writer) {
        m_prev.writer->abandon();
        m_prev.writer.reset();
    }
    if (m_cur.writer) {
        m_cur.writer->abandon();
        m_cur.writer.reset();
    }
}

} // namespace tapedeck

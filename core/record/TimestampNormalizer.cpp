#include "core/record/TimestampNormalizer.h"

#include "core/base/Log.h"

#include <cstdlib>

namespace tapedeck {
namespace {
constexpr AVRational kUs{1, 1000000};
constexpr qint64 kTsWrap = qint64(1) << 33; // in 1/90000
} // namespace

void TimestampNormalizer::reset(const std::vector<StreamInfo> &streams)
{
    // A new stream layout continues the timeline where the old one ended.
    qint64 floorUs = AV_NOPTS_VALUE;
    for (const Track &t : m_tracks)
        if (t.lastOutDts != AV_NOPTS_VALUE)
            floorUs = std::max<qint64>(floorUs == AV_NOPTS_VALUE ? 0 : floorUs,
                                       av_rescale_q(t.lastOutDts + t.lastDuration, t.tb, kUs));
    m_tracks.assign(streams.size(), Track{});
    for (size_t i = 0; i < streams.size(); ++i) {
        Track &t = m_tracks[i];
        t.tb = streams[i].timeBase;
        t.sparse = streams[i].type == AVMEDIA_TYPE_SUBTITLE || streams[i].type == AVMEDIA_TYPE_DATA;
        t.video = streams[i].type == AVMEDIA_TYPE_VIDEO;
        if (floorUs != AV_NOPTS_VALUE) {
            t.lastOutDts = av_rescale_q(floorUs, kUs, t.tb);
            t.lastDuration = 0;
            t.lastInDts = 0;
            t.resync = true;
        }
    }
    m_resyncPending = floorUs != AV_NOPTS_VALUE;
    m_haveResyncDelta = false;
    m_shiftNewStreams = false;
}

void TimestampNormalizer::discontinuity(qint64 keepGapUs)
{
    for (Track &t : m_tracks)
        t.resync = t.lastOutDts != AV_NOPTS_VALUE;
    m_resyncPending = true;
    m_haveResyncDelta = false;
    m_resyncGapUs = std::max<qint64>(0, keepGapUs);
}

qint64 TimestampNormalizer::onFrameGrid(const Track &t, qint64 dts)
{
    // Only a video track whose frame length is known (more than a tick: a
    // nudged or invented length says nothing about the grid).
    if (!t.video || t.lastOutDts == AV_NOPTS_VALUE || t.lastDuration <= 1)
        return dts;
    const qint64 frame = t.lastDuration;
    const qint64 frames = std::max<qint64>(1, (dts - t.lastOutDts + frame / 2) / frame);
    return t.lastOutDts + frames * frame;
}

qint64 TimestampNormalizer::endUs() const
{
    qint64 end = AV_NOPTS_VALUE;
    for (const Track &t : m_tracks)
        if (!t.sparse && t.lastOutDts != AV_NOPTS_VALUE)
            end = std::max<qint64>(end == AV_NOPTS_VALUE ? 0 : end,
                                   av_rescale_q(t.lastOutDts + t.lastDuration, t.tb, kUs));
    return end;
}

bool TimestampNormalizer::normalize(AVPacket *pkt)
{
    if (pkt->stream_index < 0 || size_t(pkt->stream_index) >= m_tracks.size())
        return false;
    Track &t = m_tracks[size_t(pkt->stream_index)];

    // Fill in what is missing.
    if (pkt->dts == AV_NOPTS_VALUE && pkt->pts != AV_NOPTS_VALUE) {
        // Demuxers (Matroska, for one) leave the dts of the first packets of
        // a B-frame stream unset. Their pts run ahead of decode order, so
        // taking the pts as dts would make the real dts that follow look like
        // a step back and stack presentation times: never guess a dts past
        // the previous one plus a frame.
        pkt->dts = pkt->pts;
        if (!t.resync && t.lastInDts != AV_NOPTS_VALUE)
            pkt->dts = std::min<qint64>(pkt->pts, t.lastInDts + std::max<qint64>(1, t.lastDuration));
    }
    if (pkt->dts == AV_NOPTS_VALUE) {
        // No timestamps at all (raw H.264, ADTS, the first RTP packet before
        // any sync): the stream starts at 0 and each packet follows the
        // previous one by its duration.
        if (t.lastInDts == AV_NOPTS_VALUE)
            t.invented = true;
        pkt->dts = t.lastInDts == AV_NOPTS_VALUE ? 0 : t.lastInDts + std::max<qint64>(1, t.lastDuration);
    } else if (t.invented) {
        // The first real timestamp after invented ones: continue where the
        // invented ones got to, and start every stream that has not begun
        // yet with the same shift so audio and video stay together.
        t.invented = false;
        if (t.lastOutDts != AV_NOPTS_VALUE && !t.resync) {
            t.resync = true;
            m_haveResyncDelta = false;
            m_shiftNewStreams = true;
        }
    }
    const qint64 inPts = pkt->pts;

    const qint64 inDts = pkt->dts;
    if (t.lastOutDts == AV_NOPTS_VALUE) {
        // First packet of this stream: no correction (the chunked output
        // decides where the recording starts), unless the streams already
        // running were shifted onto invented timestamps.
        if (m_shiftNewStreams && m_haveResyncDelta)
            t.offset = av_rescale_q(m_resyncDeltaUs, kUs, t.tb);
    } else if (t.resync) {
        // After a reconnect every stream moves by the same delta, chosen by
        // the first packet to arrive, so A/V sync survives the gap.
        if (!m_haveResyncDelta) {
            // The first packet continues its own stream; a subtitle or data
            // packet (its stream's last packet may be long ago) follows the
            // audio/video end instead.
            const qint64 avEnd = t.sparse ? endUs() : AV_NOPTS_VALUE;
            qint64 expected = avEnd != AV_NOPTS_VALUE ? av_rescale_q(avEnd, kUs, t.tb)
                                                      : t.lastOutDts + std::max<qint64>(1, t.lastDuration);
            expected += av_rescale_q(m_resyncGapUs, kUs, t.tb);
            // A kept gap measured in wall-clock milliseconds is no whole
            // number of frames: rounded to one, so that every stream moves
            // by the same amount and the video stays on its frame grid.
            // Off the grid, FFmpeg guesses a wrong frame rate for the file
            // (240 fps, then the average): its decode reports equal dts and
            // a transcode drops frames (docs/timestamps.md, "Gaps").
            expected = onFrameGrid(t, expected);
            const qint64 deltaTb = expected - (inDts + t.offset);
            m_resyncDeltaUs = av_rescale_q(deltaTb, t.tb, kUs);
            m_haveResyncDelta = true;
            m_resyncGapUs = 0; // kept once: a later resync (invented timestamps turning real) adds none
            t.offset += deltaTb;
        } else {
            t.offset += av_rescale_q(m_resyncDeltaUs, kUs, t.tb);
            // The shift was fixed by another stream (audio first): the video
            // still lands on its own frame grid, at most half a frame from
            // where the shift put it.
            const qint64 candidate = inDts + t.offset;
            t.offset += onFrameGrid(t, candidate) - candidate;
        }
        // A stream that had run ahead of the others before the drop never
        // overlaps its own past: its packets would be stacked one tick apart.
        if (!t.sparse) {
            const qint64 ownEnd = t.lastOutDts + std::max<qint64>(1, t.lastDuration);
            if (inDts + t.offset < ownEnd)
                t.offset += ownEnd - (inDts + t.offset);
        }
        t.resync = false;
    } else {
        const qint64 expected = t.lastOutDts + std::max<qint64>(0, t.lastDuration);
        const qint64 candidate = inDts + t.offset;
        const qint64 diffUs = av_rescale_q(candidate - expected, t.tb, kUs);
        const qint64 tsWrapTb = av_rescale_q(kTsWrap, AVRational{1, 90000}, t.tb);
        if (std::llabs(candidate - expected + tsWrapTb) < av_rescale_q(10'000'000, kUs, t.tb)) {
            t.offset += tsWrapTb; // the 33-bit MPEG-TS clock wrapped
            ++m_jumps;
        } else if (!t.sparse && (diffUs < -1'000'000 || diffUs > m_maxGapUs)) {
            // A jump: close it up so the timeline continues seamlessly.
            t.offset += expected - candidate;
            ++m_jumps;
            logDebug(QStringLiteral("timestamp jump of %1 ms closed up on stream %2")
                         .arg(diffUs / 1000)
                         .arg(pkt->stream_index));
        }
    }

    qint64 outDts = inDts + t.offset;
    if (t.lastOutDts != AV_NOPTS_VALUE && outDts <= t.lastOutDts)
        outDts = t.lastOutDts + 1; // small backward step: nudge forward
    pkt->dts = outDts;
    // A nudged dts leaves the presentation time where it was (moving it with
    // the dts would stack two frames on nearly the same instant); it only
    // never falls before the dts.
    pkt->pts = inPts == AV_NOPTS_VALUE ? outDts : std::max<qint64>(inPts + t.offset, outDts);

    if (t.lastInDts != AV_NOPTS_VALUE && pkt->duration <= 0) {
        const qint64 step = outDts - t.lastOutDts;
        if (step > 0 && (t.lastDuration <= 0 || step < 4 * t.lastDuration))
            pkt->duration = step;
    }
    if (pkt->duration > 0)
        t.lastDuration = pkt->duration;
    else if (t.lastOutDts != AV_NOPTS_VALUE)
        t.lastDuration = std::max<qint64>(1, outDts - t.lastOutDts);
    t.lastInDts = inDts;
    t.lastOutDts = outDts;
    return true;
}

} // namespace tapedeck

#pragma once
// Makes timestamps monotonic whatever comes in: missing or negative values,
// the 33-bit MPEG-TS wrap, backward and forward jumps, and the restart of a
// reconnected source. Output keeps each stream's time base; the timeline
// never claims time that was not recorded (a forward jump larger than
// `maxGapUs` is closed up).

#include "core/base/MediaTypes.h"

#include <vector>

namespace tapedeck {

class TimestampNormalizer {
public:
    explicit TimestampNormalizer(qint64 maxGapUs = 5'000'000) : m_maxGapUs(maxGapUs) {}

    void reset(const std::vector<StreamInfo> &streams);
    // The source reconnected (or its timeline restarted): the next packet of
    // each stream continues from where the stream left off, all streams
    // shifted by the same amount so audio and video stay together.
    // `keepGapUs` > 0 keeps that much time between the two (real time
    // across the outage) instead of closing the gap up, rounded to whole
    // video frames so the video keeps its frame grid.
    void discontinuity(qint64 keepGapUs = 0);

    // Rewrites pkt->dts/pts/duration in place. Returns false when the packet
    // cannot be placed (no timestamps at all and nothing to infer from).
    bool normalize(AVPacket *pkt);

    int jumpsCorrected() const { return m_jumps; }

private:
    struct Track {
        AVRational tb{1, 1000};
        qint64 offset = 0; // added to incoming timestamps (stream tb)
        qint64 lastInDts = AV_NOPTS_VALUE;
        qint64 lastOutDts = AV_NOPTS_VALUE;
        qint64 lastDuration = 0;
        bool resync = false;
        bool invented = false; // every dts so far was invented (none came in)
        bool sparse = false;   // subtitles and timed data: long silences are normal, not jumps
        bool video = false;
    };

    // `dts` moved to the nearest whole number of frames (at least one) after
    // the video track's last packet: frames after a gap stay on the grid of
    // those before it.
    static qint64 onFrameGrid(const Track &t, qint64 dts);

    qint64 endUs() const; // end of the latest packet of the audio/video streams

    qint64 m_maxGapUs;
    std::vector<Track> m_tracks;
    bool m_resyncPending = false;
    bool m_haveResyncDelta = false;
    bool m_shiftNewStreams = false; // streams starting late follow the resync delta
    qint64 m_resyncDeltaUs = 0;
    qint64 m_resyncGapUs = 0;
    int m_jumps = 0;
};

} // namespace tapedeck

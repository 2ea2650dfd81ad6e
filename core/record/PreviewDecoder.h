#pragma once
// Decodes an occasional keyframe of a recording's own packets into a small
// RGB32 picture for the UI: no second connection to the source, and only
// keyframes, so the cost is a fraction of a real decode.

#include "core/record/BlackDetector.h"
#include "core/record/PacketWorker.h"
#include "core/record/RecordParams.h"

#include <functional>

namespace tapedeck {

class PreviewDecoder {
public:
    explicit PreviewDecoder(int maxWidth = 320) : m_maxWidth(maxWidth) {}
    void reset(const StreamInfo &video);
    // Returns a frame when `pkt` is a keyframe and decoding succeeded;
    // `stats` (when given) gets the decoded picture's luma, and `atMs` its
    // media time.
    std::optional<PreviewFrame> decodeKeyframe(const AVPacket *pkt, std::optional<PictureStats> *stats = nullptr,
                                               qint64 *atMs = nullptr);

private:
    int m_maxWidth;
    AVRational m_timeBase{1, 1000};
    CodecContextPtr m_dec;
    SwsContextPtr m_sws;
    FramePtr m_frame;
};

// A PreviewDecoder on a thread of its own: the writer hands it a keyframe
// and goes on writing; the picture reaches `sink` from the worker's thread.
// Only the newest keyframe waits: a slow decoder shows a later picture,
// never an old one, and never holds up the file.
class PreviewWorker {
public:
    using Sink = std::function<void(PreviewFrame)>;
    // The luma of each picture decoded, at its media time (BlackDetector.h).
    using StatsSink = std::function<void(qint64 atMs, const PictureStats &)>;

    explicit PreviewWorker(int maxWidth = 320) : m_decoder(maxWidth) {}
    ~PreviewWorker() { stop(); }
    PreviewWorker(const PreviewWorker &) = delete;
    PreviewWorker &operator=(const PreviewWorker &) = delete;

    // (Re)starts on `video`: a new decoder, the same sink for every picture.
    void start(const StreamInfo &video, Sink sink, StatsSink stats = {});
    // No picture reaches the sink after this returns.
    void stop() { m_worker.stop(); }
    // False when refused (not running, or `pkt` is no keyframe).
    bool push(const AVPacket *pkt);

private:
    PreviewDecoder m_decoder; // the worker's while it runs
    Sink m_sink;
    StatsSink m_stats;
    PacketWorker m_worker; // last: stopped first
};

} // namespace tapedeck

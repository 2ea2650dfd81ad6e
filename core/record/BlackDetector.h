#pragma once
// A black picture: measured on the keyframes the preview decodes anyway
// (PreviewDecoder, off the writer's thread), so watching for a dead camera
// or a black feed costs no extra decode.
//
// A picture is black when its luma is dark on average and nearly uniform:
// mean and spread (standard deviation) on the full-range 0..255 scale, the
// limited-range (16..235) pictures most sources send mapped onto it. The
// tolerance takes in the noise of a dark sensor and of encoding, not a dark
// scene: a night shot has bright points and a spread well above it.

#include "core/base/FFmpeg.h"

#include <QtGlobal>

#include <mutex>
#include <optional>

namespace tapedeck {

inline constexpr double kBlackMaxMean = 20.0;  // 0..255: darker than this on average...
inline constexpr double kBlackMaxSpread = 6.0; // ...and this uniform

struct PictureStats {
    double mean = 0;   // luma, 0..255 full range
    double spread = 0; // its standard deviation
    bool black() const { return mean <= kBlackMaxMean && spread <= kBlackMaxSpread; }
};

// Luma statistics of a decoded picture (planar or semi-planar YUV, gray;
// 8 to 16 bits). Nothing for another pixel format (RGB, palette, hardware).
std::optional<PictureStats> measurePicture(const AVFrame *frame);

struct PictureLevels {
    bool black = false;  // the newest picture is black
    qint64 blackMs = 0;  // media time the picture has stayed black since the first black one
    qint64 measured = 0; // pictures measured so far (0: nothing yet)
    PictureStats last;   // of the newest picture
};

// How long the picture has stayed black, from pictures at rising media
// times. Thread-safe: fed by the preview's thread, read by the UI.
class BlackTracker {
public:
    void push(qint64 atMs, const PictureStats &stats);
    void reset();
    PictureLevels levels() const;

private:
    mutable std::mutex m_mutex;
    PictureLevels m_levels;
    qint64 m_blackSinceMs = -1; // media time of the first picture of the black run
};

} // namespace tapedeck

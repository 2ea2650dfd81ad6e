#include "core/record/BlackDetector.h"

extern "C" {
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <cmath>

namespace tapedeck {

std::optional<PictureStats> measurePicture(const AVFrame *frame)
{
    if (!frame || frame->width <= 0 || frame->height <= 0 || !frame->data[0])
        return std::nullopt;
    const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(AVPixelFormat(frame->format));
    if (!desc
        || (desc->flags
            & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_HWACCEL | AV_PIX_FMT_FLAG_BITSTREAM))
        || desc->nb_components < 1)
        return std::nullopt;
    const AVComponentDescriptor &y = desc->comp[0];
    // Luma alone in plane 0, one sample every `step` bytes (packed YUYV and
    // friends interleave it with chroma: step 2).
    const int depth = y.depth;
    if (y.plane != 0 || depth < 8 || depth > 16 || y.step <= 0)
        return std::nullopt;
    const bool wide = depth > 8;
    const bool bigEndian = desc->flags & AV_PIX_FMT_FLAG_BE;
    // "yuvj" formats and pictures flagged full range use 0..255; the rest
    // (the broadcast norm) put black at 16 and white at 235.
    const bool fullRange = frame->color_range == AVCOL_RANGE_JPEG || AVPixelFormat(frame->format) == AV_PIX_FMT_YUVJ420P
        || AVPixelFormat(frame->format) == AV_PIX_FMT_YUVJ422P || AVPixelFormat(frame->format) == AV_PIX_FMT_YUVJ444P
        || AVPixelFormat(frame->format) == AV_PIX_FMT_GRAY8;
    const double scale = 255.0 / double((1 << depth) - 1);
    // A sample every other row and column: plenty for a mean and a spread.
    const int stride = 2;
    double sum = 0, sumSq = 0;
    qint64 n = 0;
    for (int row = 0; row < frame->height; row += stride) {
        const uint8_t *line = frame->data[0] + qint64(row) * frame->linesize[0] + y.offset;
        for (int col = 0; col < frame->width; col += stride) {
            const uint8_t *p = line + qint64(col) * y.step;
            unsigned v = p[0];
            if (wide)
                v = bigEndian ? (unsigned(p[0]) << 8 | p[1]) : (unsigned(p[1]) << 8 | p[0]);
            v = (v >> y.shift) & ((1u << depth) - 1);
            double luma = double(v) * scale;
            if (!fullRange)
                luma = std::clamp((luma - 16.0) * 255.0 / 219.0, 0.0, 255.0);
            sum += luma;
            sumSq += luma * luma;
            ++n;
        }
    }
    if (n == 0)
        return std::nullopt;
    PictureStats s;
    s.mean = sum / double(n);
    s.spread = std::sqrt(std::max(0.0, sumSq / double(n) - s.mean * s.mean));
    return s;
}

void BlackTracker::push(qint64 atMs, const PictureStats &stats)
{
    std::lock_guard lock(m_mutex);
    ++m_levels.measured;
    m_levels.last = stats;
    m_levels.black = stats.black();
    if (!m_levels.black) {
        m_blackSinceMs = -1;
        m_levels.blackMs = 0;
        return;
    }
    if (m_blackSinceMs < 0 || atMs < m_blackSinceMs)
        m_blackSinceMs = atMs;
    m_levels.blackMs = atMs - m_blackSinceMs;
}

void BlackTracker::reset()
{
    std::lock_guard lock(m_mutex);
    m_levels = {};
    m_blackSinceMs = -1;
}

PictureLevels BlackTracker::levels() const
{
    std::lock_guard lock(m_mutex);
    return m_levels;
}

} // namespace tapedeck

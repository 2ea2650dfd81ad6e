#include "core/source/DemoClock.h"

#include "core/base/FFmpeg.h"

#include <algorithm>

namespace tapedeck {
namespace {

void fillLuma(AVFrame *f, const DemoClockRect &r, int luma)
{
    for (int y = std::max(0, r.y); y < std::min(f->height, r.y + r.h); ++y)
        for (int x = std::max(0, r.x); x < std::min(f->width, r.x + r.w); ++x)
            f->data[0][y * f->linesize[0] + x] = uint8_t(luma);
}

// Grey chroma under `r` (4:2:0: half size, rounded outwards).
void fillNeutralChroma(AVFrame *f, const DemoClockRect &r)
{
    const int cw = (f->width + 1) / 2, ch = (f->height + 1) / 2;
    for (int y = std::max(0, r.y / 2); y < std::min(ch, (r.y + r.h + 1) / 2); ++y)
        for (int x = std::max(0, r.x / 2); x < std::min(cw, (r.x + r.w + 1) / 2); ++x) {
            f->data[1][y * f->linesize[1] + x] = 128;
            f->data[2][y * f->linesize[2] + x] = 128;
        }
}

struct Metrics {
    int s, t, g, space, sep, pad;
    int width() const { return 2 * pad + 8 * s + 7 * space + 3 * sep; }
};

Metrics metricsFor(int s)
{
    Metrics m;
    m.s = s;
    m.t = std::max(2, s / 4);
    m.g = std::max(1, m.t / 5);
    m.space = std::max(2, s / 3);
    m.sep = m.t + m.space; // a dot and the room beside it
    m.pad = std::max(3, s / 4);
    return m;
}

} // namespace

DemoClockLayout demoClockLayout(int frameWidth, int frameHeight)
{
    // As tall as a ninth of the picture, smaller when the width asks for it.
    int s = std::max(4, frameHeight / 9);
    while (s > 4 && metricsFor(s).width() + 8 > frameWidth)
        --s;
    const Metrics m = metricsFor(s);
    DemoClockLayout l;
    l.digitWidth = m.s;
    l.digitHeight = 2 * m.s;
    l.stroke = m.t;
    l.gap = m.g;
    const int margin = std::max(2, std::min(10, frameHeight / 36));
    l.panel = {margin, margin, m.width(), l.digitHeight + 2 * m.pad};
    l.digitY = l.panel.y + m.pad;
    int x = l.panel.x + m.pad;
    size_t dot = 0;
    for (int i = 0; i < 8; ++i) {
        l.digitX[size_t(i)] = x;
        x += m.s + m.space;
        if (i == 1 || i == 3 || i == 5) {
            // ":" after the hours and minutes, "." before the hundredths.
            if (i != 5)
                l.dots[dot++] = {x, l.digitY + l.digitHeight / 3 - m.t / 2, m.t, m.t};
            l.dots[dot++] = {x, i == 5 ? l.digitY + l.digitHeight - m.t : l.digitY + 2 * l.digitHeight / 3 - m.t / 2,
                             m.t, m.t};
            x += m.sep;
        }
    }
    return l;
}

DemoClockRect demoClockSegment(const DemoClockLayout &l, int index, int segment)
{
    const int x = l.digitX[size_t(std::clamp(index, 0, 7))];
    const int y = l.digitY;
    const int s = l.digitWidth, h = l.digitHeight, t = l.stroke, g = l.gap;
    // The bars stop a gap short of the uprights, and the upper and lower
    // uprights a gap short of each other; the corners stay half dark. So
    // every segment stands on its own and a 0 does not read as a box.
    const int hx = x + t + g, hw = s - 2 * (t + g);
    const int midY = y + (h - t) / 2;
    const int upperY = y + t / 2, upperH = midY + t / 2 - g - upperY;
    const int lowerY = midY + t / 2 + g, lowerH = y + h - t / 2 - lowerY;
    switch (segment) {
    case 0: // a, top
        return {hx, y, hw, t};
    case 1: // b, upper right
        return {x + s - t, upperY, t, upperH};
    case 2: // c, lower right
        return {x + s - t, lowerY, t, lowerH};
    case 3: // d, bottom
        return {hx, y + h - t, hw, t};
    case 4: // e, lower left
        return {x, lowerY, t, lowerH};
    case 5: // f, upper left
        return {x, upperY, t, upperH};
    default: // g, middle
        return {hx, midY, hw, t};
    }
}

std::array<int, 8> demoClockDigits(qint64 ms)
{
    ms = std::max<qint64>(0, ms);
    return {int(ms / 3600000 / 10 % 10), int(ms / 3600000 % 10), int(ms / 60000 % 60 / 10), int(ms / 60000 % 10),
            int(ms / 1000 % 60 / 10),    int(ms / 1000 % 10),    int(ms / 100 % 10),        int(ms / 10 % 10)};
}

void drawDemoClock(AVFrame *f, qint64 ms)
{
    const DemoClockLayout l = demoClockLayout(f->width, f->height);
    fillLuma(f, l.panel, kDemoLumaPanel);
    fillNeutralChroma(f, l.panel);
    const std::array<int, 8> digits = demoClockDigits(ms);
    for (int i = 0; i < 8; ++i) {
        const unsigned char mask = kDemoClockSegments[digits[size_t(i)]];
        for (int seg = 0; seg < 7; ++seg)
            if (mask & (1 << seg))
                fillLuma(f, demoClockSegment(l, i, seg), kDemoLumaOn);
    }
    for (const DemoClockRect &d : l.dots)
        fillLuma(f, d, kDemoLumaOn);
}

} // namespace tapedeck

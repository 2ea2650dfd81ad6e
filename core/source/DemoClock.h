#pragma once
// The running clock of the demo source (HH:MM:SS.cc of media time), drawn
// as a seven-segment display straight into a YUV 4:2:0 frame: core has no
// QtGui. Its geometry is public so that a test can read the digits back out
// of a decoded (and downscaled) frame.
//
// What keeps it readable down to the card's 160×90 preview: strokes a
// quarter of the digit wide, segments apart from each other (a 0 is not a
// rectangle, an 8 is not a grid), colons and a point between the fields,
// and white on a black, colourless panel.

#include <QtGlobal>

#include <array>

struct AVFrame;

namespace tapedeck {

struct DemoClockRect {
    int x = 0, y = 0, w = 0, h = 0;
};

struct DemoClockLayout {
    DemoClockRect panel;                 // the dark background
    int digitWidth = 0;                  // of one digit cell
    int digitHeight = 0;                 // 2 × width
    int stroke = 0;                      // thickness of a segment
    int gap = 0;                         // between the ends of neighbouring segments
    std::array<int, 8> digitX{};         // left edge of each digit cell
    int digitY = 0;                      // top edge of every digit cell
    std::array<DemoClockRect, 5> dots{}; // the two of each ":" and the "." before the hundredths
};

// Segments a..g (bit 0..6) lit for each digit.
inline constexpr unsigned char kDemoClockSegments[10] = {0x3f, 0x06, 0x5b, 0x4f, 0x66, 0x6d, 0x7d, 0x07, 0x7f, 0x6f};
inline constexpr unsigned char kDemoLumaOn = 235;
inline constexpr unsigned char kDemoLumaPanel = 16;

// Where the clock goes in a frame of this size (it fits the width).
DemoClockLayout demoClockLayout(int frameWidth, int frameHeight);
// Segment `segment` (0 = a … 6 = g) of the digit in cell `index` (0..7).
DemoClockRect demoClockSegment(const DemoClockLayout &layout, int index, int segment);
// The eight digits shown at `ms` of media time: H H M M S S c c.
std::array<int, 8> demoClockDigits(qint64 ms);
// Draws the clock for `ms` into a YUV 4:2:0 (planar) frame.
void drawDemoClock(AVFrame *frame, qint64 ms);

} // namespace tapedeck

#include "ui/LevelMeter.h"

#include <QPainter>

#include <algorithm>

namespace tapedeck {
namespace ui {

namespace {
constexpr float kRangeDb = 60.0f; // the bar shows -60..0 dBFS
constexpr int kBarHeight = 5;
constexpr int kGap = 2;

double fraction(float db) { return std::clamp((double(db) + kRangeDb) / kRangeDb, 0.0, 1.0); }
} // namespace

LevelMeter::LevelMeter(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("levelMeter"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setProperty("peakDb", double(kMeterFloorDb));
}

QSize LevelMeter::sizeHint() const { return {160, minimumSizeHint().height()}; }

QSize LevelMeter::minimumSizeHint() const
{
    const int channels = std::max<int>(2, int(m_levels.peakDb.size()));
    return {60, channels * (kBarHeight + kGap)};
}

void LevelMeter::setLevels(const AudioLevels &levels)
{
    const bool resize = levels.peakDb.size() != m_levels.peakDb.size();
    m_levels = levels;
    const float peak =
        levels.peakDb.empty() ? kMeterFloorDb : *std::max_element(levels.peakDb.begin(), levels.peakDb.end());
    setProperty("peakDb", double(peak)); // for tests and accessibility
    setToolTip(levels.peakDb.empty() ? QString() : tr("Peak %1 dBFS").arg(double(peak), 0, 'f', 1));
    if (resize)
        updateGeometry();
    update();
}

void LevelMeter::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const int channels = std::max<int>(1, int(m_levels.peakDb.size()));
    for (int c = 0; c < channels; ++c) {
        const QRect bar(0, c * (kBarHeight + kGap), width(), kBarHeight);
        p.fillRect(bar, QColor(0x30, 0x30, 0x30));
        if (size_t(c) >= m_levels.peakDb.size())
            continue;
        const float rms = m_levels.rmsDb[size_t(c)];
        const float peak = m_levels.peakDb[size_t(c)];
        // Green, yellow above -12 dBFS, red above -3 dBFS: the usual meter.
        const QColor color = peak > -3 ? QColor(0xd0, 0x30, 0x30)
            : peak > -12               ? QColor(0xd0, 0xb0, 0x20)
                                       : QColor(0x30, 0xb0, 0x40);
        p.fillRect(QRect(bar.left(), bar.top(), int(bar.width() * fraction(rms)), bar.height()), color);
        const int x = int((bar.width() - 1) * fraction(peak));
        p.fillRect(QRect(x, bar.top(), 2, bar.height()), color.lighter(140));
    }
}

} // namespace ui
} // namespace tapedeck

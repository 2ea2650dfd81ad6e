#pragma once
// A recording's audio level: one bar per channel, RMS filled and the peak as
// a line, -60..0 dBFS (core/record/AudioMeter).

#include "core/record/AudioMeter.h"

#include <QWidget>

namespace tapedeck {
namespace ui {

class LevelMeter : public QWidget {
    Q_OBJECT
public:
    explicit LevelMeter(QWidget *parent = nullptr);
    void setLevels(const AudioLevels &levels);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *e) override;

private:
    AudioLevels m_levels;
};

} // namespace ui
} // namespace tapedeck

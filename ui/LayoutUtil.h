#pragma once
// A window's minimum size that keeps its wrapped texts whole. Qt's
// minimumSizeHint() ignores height-for-width, so a dialog shrunk to its
// minimum (or opened there at 640×480) cut its wrapped labels off; the
// minimum height here is what the layout needs at the minimum width.

#include <QLayout>
#include <QWidget>

#include <algorithm>

namespace tapedeck {
namespace ui {

inline void holdWrappedText(QWidget *window)
{
    QLayout *lay = window->layout();
    if (!lay)
        return;
    lay->activate();
    const int w = std::max(window->minimumWidth(), window->minimumSizeHint().width());
    const int h = lay->hasHeightForWidth() ? lay->totalHeightForWidth(w) : window->minimumSizeHint().height();
    window->setMinimumSize(w, std::max(h, window->minimumSizeHint().height()));
}

} // namespace ui
} // namespace tapedeck

#pragma once
// A window's minimum size that keeps its wrapped texts whole. Qt's
// minimumSizeHint() ignores height-for-width, so a dialog shrunk to its
// minimum (or opened there at 640×480) cut its wrapped labels off; the
// minimum height here is what the layout needs at the minimum width.

#include <QAbstractItemView>
#include <QLayout>
#include <QStyledItemDelegate>
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

// A list's rows as wide as the list, never wider: a name longer than the
// list is cut with "…" (the whole name in its tooltip) instead of being
// clipped under a horizontal scroll bar. (A QListView row is as wide as its
// widest item's size hint; this hint never asks for more than the view.)
class ElidingItemDelegate : public QStyledItemDelegate {
public:
    explicit ElidingItemDelegate(QAbstractItemView *view) : QStyledItemDelegate(view), m_view(view) {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize s = QStyledItemDelegate::sizeHint(option, index);
        s.setWidth(std::min(s.width(), std::max(1, m_view->viewport()->width())));
        return s;
    }

private:
    QAbstractItemView *m_view;
};

} // namespace ui
} // namespace tapedeck

#include "ui/StatusBar.h"

#include <QPainter>
#include <QStyleOption>

#include <algorithm>

namespace tapedeck {
namespace ui {
namespace {
// Room between the message and the first permanent widget.
constexpr int kGap = 12;
} // namespace

StatusBar::StatusBar(QWidget *parent) : QStatusBar(parent)
{
    setObjectName(QStringLiteral("statusBar"));
    connect(this, &QStatusBar::messageChanged, this, &StatusBar::updateToolTip);
}

QRect StatusBar::messageArea() const
{
    const bool rtl = layoutDirection() == Qt::RightToLeft;
    int left = 6;
    int right = width() - 12;
    // While a message shows, the visible children are the permanent widgets
    // and the size grip: the message ends before the nearest of them.
    for (const QObject *o : children()) {
        const auto *w = qobject_cast<const QWidget *>(o);
        if (!w || !w->isVisible() || w->isWindow())
            continue;
        if (rtl)
            left = std::max(left, w->geometry().right() + 1 + kGap);
        else
            right = std::min(right, w->x() - kGap);
    }
    return QRect(left, 0, std::max(0, right - left), height());
}

QString StatusBar::shownMessage() const
{
    return fontMetrics().elidedText(currentMessage(), Qt::ElideRight, messageArea().width());
}

void StatusBar::paintEvent(QPaintEvent *event)
{
    if (currentMessage().isEmpty()) {
        QStatusBar::paintEvent(event);
        return;
    }
    // QStatusBar::paintEvent less its own message drawing: the panel and
    // the frames of the permanent widgets, then the message, elided.
    QPainter p(this);
    QStyleOption opt;
    opt.initFrom(this);
    style()->drawPrimitive(QStyle::PE_PanelStatusBar, &opt, &p, this);
    for (const QObject *o : children()) {
        const auto *w = qobject_cast<const QWidget *>(o);
        if (!w || !w->isVisible() || w->isWindow() || w->inherits("QSizeGrip"))
            continue;
        QStyleOption item(0);
        item.rect = w->geometry().adjusted(-2, -1, 2, 1);
        item.palette = palette();
        item.state = QStyle::State_None;
        style()->drawPrimitive(QStyle::PE_FrameStatusBarItem, &item, &p, w);
    }
    const QRect area = messageArea();
    p.setClipRect(area);
    p.setPen(palette().windowText().color());
    p.drawText(area, Qt::AlignLeading | Qt::AlignVCenter | Qt::TextSingleLine, shownMessage());
    // The permanent widgets may have changed width since the message came.
    updateToolTip();
}

void StatusBar::resizeEvent(QResizeEvent *event)
{
    QStatusBar::resizeEvent(event);
    updateToolTip();
}

void StatusBar::updateToolTip()
{
    const QString message = currentMessage();
    // The whole text where it had to be cut; nothing to add otherwise.
    setToolTip(!message.isEmpty() && shownMessage() != message ? message : QString());
}

} // namespace ui
} // namespace tapedeck

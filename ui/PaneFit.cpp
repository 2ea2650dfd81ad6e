#include "ui/PaneFit.h"

#include <QEvent>
#include <QLayout>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>

#include <algorithm>
#include <numeric>

namespace tapedeck {
namespace ui {

PaneFit::PaneFit(QSplitter *splitter, QScrollArea *pane, double maxShare)
    : QObject(splitter), m_splitter(splitter), m_pane(pane), m_maxShare(maxShare)
{
    // The content posts a LayoutRequest whenever what it needs changes (a
    // child shown or hidden, a text set); the splitter is shown and resized
    // with the window.
    if (QWidget *content = m_pane->widget())
        content->installEventFilter(this);
    m_splitter->installEventFilter(this);
}

bool PaneFit::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type t = event->type();
    if ((watched == m_pane->widget() && t == QEvent::LayoutRequest)
        || (watched == m_splitter && (t == QEvent::Show || t == QEvent::Resize)))
        fitSoon();
    return QObject::eventFilter(watched, event);
}

void PaneFit::fitSoon()
{
    // After the layouts have handled the change: the content's new height
    // is known only then.
    if (m_pending)
        return;
    m_pending = true;
    QTimer::singleShot(0, this, [this] {
        m_pending = false;
        fit();
    });
}

void PaneFit::fit()
{
    QWidget *content = m_pane->widget();
    const int index = m_splitter->indexOf(m_pane);
    if (!content || index < 0 || !m_splitter->isVisible() || m_splitter->count() < 2)
        return;
    if (QLayout *lay = content->layout())
        lay->activate();
    // What QScrollArea compares with its viewport to decide on a scroll bar:
    // the content's minimum, taller when its texts wrap at this width.
    const int frame = 2 * m_pane->frameWidth();
    const int width = m_pane->width() - frame;
    int need = content->minimumSizeHint().height();
    if (content->hasHeightForWidth())
        need = std::max(need, content->heightForWidth(width));
    need += frame;

    QList<int> sizes = m_splitter->sizes();
    const int have = sizes.at(index);
    if (have >= need)
        return;
    const int total = std::accumulate(sizes.begin(), sizes.end(), 0);
    const int want = std::min(need, int(total * m_maxShare));
    if (want <= have)
        return;
    // The room comes from the neighbour (the recordings' tabs).
    const int other = index + 1 < sizes.size() ? index + 1 : index - 1;
    const int give = std::min(want - have, sizes.at(other));
    sizes[other] -= give;
    sizes[index] += give;
    m_splitter->setSizes(sizes);
}

} // namespace ui
} // namespace tapedeck

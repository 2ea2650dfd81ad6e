#pragma once
// A scrolling pane of a splitter that grows to hold its content whenever
// the content grows (a hint appears, a text wraps to another line), not only
// at the first show: the main window's options get the note "changes apply
// to its next recording" while a recording runs, after the window was
// placed, and showed a scroll bar beside them at 1600×1000 although there
// was room. The pane never takes more than `maxShare` of the splitter (at
// 640×480 the recordings' cards keep the rest) and never shrinks by itself
// (what the user dragged stays, as long as it holds the content).

#include <QObject>

class QScrollArea;
class QSplitter;

namespace tapedeck {
namespace ui {

class PaneFit : public QObject {
public:
    PaneFit(QSplitter *splitter, QScrollArea *pane, double maxShare);

    // Grows the pane now when its content needs it and there is room.
    void fit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fitSoon();

    QSplitter *m_splitter;
    QScrollArea *m_pane;
    double m_maxShare;
    bool m_pending = false;
};

} // namespace ui
} // namespace tapedeck

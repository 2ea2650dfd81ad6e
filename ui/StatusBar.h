#pragma once
// The main window's status bar. QStatusBar draws a temporary message up to
// the first permanent widget and simply cuts it there, so a long message
// ran into the "Disk: … free" label at 640 px ("saved on the reDisk: …").
// This one keeps a clear margin before the permanent widgets, elides what
// does not fit with "…", and holds the whole message in its tooltip.

#include <QStatusBar>

namespace tapedeck {
namespace ui {

class StatusBar : public QStatusBar {
    Q_OBJECT
public:
    explicit StatusBar(QWidget *parent = nullptr);

    // Where the temporary message is drawn (left of every permanent widget,
    // with a margin), and the text drawn there: the message, or its elided
    // form when it does not fit. For tests and the tooltip.
    QRect messageArea() const;
    QString shownMessage() const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateToolTip();
};

} // namespace ui
} // namespace tapedeck

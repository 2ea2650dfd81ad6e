// MainWindow: Split now and markers (issue 13, features). The engine cuts at
// the next keyframe and writes markers as MP4 chapters (Nero `chpl`, kept in
// the sidecar .info at once, so a recovered file has them too), and for TS
// and FLV as lines of NAME.ext.marks beside the file (docs/sidecar-format.md).

#include "ui/MainWindow.h"

#include "core/record/Engine.h"
#include "ui/ActiveRecordingsView.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QStatusBar>

namespace tapedeck {
namespace ui {

void MainWindow::buildMarkerActions(QMenu *menu)
{
    m_split = new QAction(QIcon(QStringLiteral(":/icons/record.svg")), tr("S&plit now"), this);
    m_split->setObjectName(QStringLiteral("actionSplit"));
    m_split->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_split->setToolTip(tr("Go on in a new file from the next keyframe (%1)")
                            .arg(m_split->shortcut().toString(QKeySequence::NativeText)));
    m_marker = new QAction(QIcon(QStringLiteral(":/icons/edit.svg")), tr("Add &marker"), this);
    m_marker->setObjectName(QStringLiteral("actionMarker"));
    m_marker->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_marker->setToolTip(tr("Mark this moment as a chapter of the recording (%1)")
                             .arg(m_marker->shortcut().toString(QKeySequence::NativeText)));
    addAction(m_split);
    addAction(m_marker);
    connect(m_split, &QAction::triggered, this, [this] { splitRecording(); });
    connect(m_marker, &QAction::triggered, this, [this] { addMarker(); });
    menu->addSeparator();
    menu->addAction(m_split);
    menu->addAction(m_marker);
}

std::optional<int> MainWindow::markerTarget() const
{
    auto recording = [this](int id) {
        const RecordingSession *s = m_engine.session(id);
        return s && s->state() == RecordState::Recording;
    };
    if (auto own = m_service.recordingOf(currentSourceId()); own && recording(*own))
        return own;
    std::optional<int> only;
    for (int id : m_service.live()) {
        if (!recording(id))
            continue;
        if (only)
            return std::nullopt; // several: the selection must say which
        only = id;
    }
    return only;
}

void MainWindow::splitRecording(int id)
{
    if (id < 0) {
        const auto target = markerTarget();
        if (!target)
            return;
        id = *target;
    }
    if (m_service.splitNow(id))
        statusBar()->showMessage(tr("\"%1\" goes on in a new file from the next keyframe.").arg(recordingName(id)),
                                 8000);
}

void MainWindow::addMarker(int id, const QString &nameIn)
{
    if (id < 0) {
        const auto target = markerTarget();
        if (!target)
            return;
        id = *target;
    }
    const RecordingSession *s = m_engine.session(id);
    if (!s)
        return;
    const int n = ++m_markerCount[id];
    const QString name = nameIn.trimmed().isEmpty() ? tr("Marker %1").arg(n) : nameIn.trimmed();
    const QString at = formatDuration(s->stats().mediaMs);
    if (m_service.addMarker(id, name))
        statusBar()->showMessage(tr("Marker \"%1\" at %2 in \"%3\".").arg(name, at, recordingName(id)), 8000);
}

} // namespace ui
} // namespace tapedeck

#include "ui/recovery/RecoveryWizard.h"

#include "ui/MainWindow.h"
#include "ui/PlayerDialog.h"
#include "ui/TrayController.h"
#include "ui/recovery/RebuiltLedger.h"

#include "core/app/Library.h"
#include "ui/recovery/RecoveryPages.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QIcon>
#include <QMimeData>
#include <QPointer>
#include <QScreen>

namespace tapedeck {
namespace ui {

namespace {

QStringList localPaths(const QMimeData *mime)
{
    QStringList out;
    if (!mime)
        return out;
    for (const QUrl &u : mime->urls())
        if (u.isLocalFile())
            out << QFileInfo(u.toLocalFile()).absoluteFilePath();
    return out;
}

} // namespace

RecoveryWizard::RecoveryWizard(QWidget *parent) : QWizard(parent)
{
    setObjectName(QStringLiteral("recoveryWizard"));
    setWindowTitle(tr("Recover recordings"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/recover.svg")));
    setAcceptDrops(true);
    setOption(QWizard::NoBackButtonOnLastPage, true);
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    setButtonText(QWizard::CommitButton, tr("Rebuild"));
    // Set here rather than left to Qt's own catalogue, which a system may lack.
    setButtonText(QWizard::BackButton, tr("< &Back"));
    setButtonText(QWizard::NextButton, tr("&Next >"));
    setButtonText(QWizard::CancelButton, tr("Cancel"));
    setButtonText(QWizard::FinishButton, tr("&Finish"));
    m_job = new RebuildJob(this);

    setPage(PickPageId, new PickPage(this));
    setPage(ScanPageId, new ScanPage(this));
    setPage(ChoosePageId, new ChoosePage(this));
    setPage(RebuildPageId, new RebuildPage(this));
    setPage(DonePageId, new DonePage(this));
    setStartId(PickPageId);
    // Roomy where the screen allows, never larger than it: at 640x480 a
    // fixed 980x620 put the Stop button and the progress column off-screen.
    QSize size(980, 620);
    if (const QScreen *s = screen())
        size = size.boundedTo(s->availableGeometry().size() - QSize(8, 40)); // room for the frame
    resize(size);
}

RecoveryWizard::~RecoveryWizard() = default;

void RecoveryWizard::attachTo(MainWindow *window)
{
    auto wizard = std::make_shared<QPointer<RecoveryWizard>>();
    connect(window, &MainWindow::recoveryRequested, window, [window, wizard](const QStringList &paths) {
        if (!*wizard) {
            // A top-level window of its own, so it can sit beside the main
            // window and go on in the background.
            auto *w = new RecoveryWizard(window);
            w->setWindowFlag(Qt::Window, true);
            w->setAttribute(Qt::WA_DeleteOnClose);
            w->setTray(window->tray());
            w->setLedgerPath(window->rebuiltLedgerPath());
            *wizard = w;
        }
        (*wizard)->openWith(paths);
    });
}

void RecoveryWizard::openWith(const QStringList &paths)
{
    addPaths(paths);
    showNormal();
    raise();
    activateWindow();
}

bool RecoveryWizard::isBusy() const
{
    auto *scan = qobject_cast<ScanPage *>(page(ScanPageId));
    return m_job->isRunning() || (scan && scan->isScanning());
}

void RecoveryWizard::addPaths(const QStringList &paths)
{
    QStringList added;
    for (const QString &p : paths) {
        const QString abs = QFileInfo(p).absoluteFilePath();
        if (!p.isEmpty() && !m_paths.contains(abs) && !added.contains(abs))
            added << abs;
    }
    if (added.isEmpty())
        return;
    m_paths << added;
    emit pathsChanged();
    // New material means a new scan: go back to the list, unless a rebuild
    // is running (then the paths wait there for the next round).
    const int id = currentId();
    if (id == ScanPageId || id == ChoosePageId || id == DonePageId)
        restart();
}

void RecoveryWizard::removePaths(const QStringList &paths)
{
    bool changed = false;
    for (const QString &p : paths)
        changed |= m_paths.removeAll(p) > 0;
    if (changed)
        emit pathsChanged();
}

bool RecoveryWizard::acceptsDrops() const { return !m_job->isRunning(); }

void RecoveryWizard::dragEnterEvent(QDragEnterEvent *e)
{
    if (acceptsDrops() && !localPaths(e->mimeData()).isEmpty())
        e->acceptProposedAction();
    else
        e->ignore();
}

void RecoveryWizard::dragMoveEvent(QDragMoveEvent *e)
{
    if (acceptsDrops() && !localPaths(e->mimeData()).isEmpty())
        e->acceptProposedAction();
    else
        e->ignore();
}

void RecoveryWizard::dropEvent(QDropEvent *e)
{
    const QStringList paths = localPaths(e->mimeData());
    if (!acceptsDrops() || paths.isEmpty()) {
        e->ignore();
        return;
    }
    e->acceptProposedAction();
    addPaths(paths);
}

void RecoveryWizard::reject()
{
    if (m_job->isRunning()) {
        // Close once the item in hand has stopped cleanly; waiting here would
        // freeze the window.
        m_closeWhenStopped = true;
        m_job->cancel();
        return;
    }
    if (auto *scan = qobject_cast<ScanPage *>(page(ScanPageId)))
        scan->cancelScan();
    if (m_player)
        m_player->close();
    QWizard::reject();
}

bool RecoveryWizard::openUrl(const QUrl &url)
{
    if (m_openUrl)
        return m_openUrl(url);
    return QDesktopServices::openUrl(url);
}

PlayerDialog *RecoveryWizard::player()
{
    if (!m_player)
        m_player = new PlayerDialog(this);
    return m_player;
}

void RecoveryWizard::rebuildFinished(int ok, int failed, bool cancelled)
{
    if (!m_ledgerPath.isEmpty()) {
        RebuiltLedger ledger(m_ledgerPath);
        const std::vector<RebuildItemResult> &results = m_job->results();
        QStringList rebuilt;
        for (size_t i = 0; i < results.size() && i < m_plan.size(); ++i) {
            if (results[i].outcome.ok && m_plan[i].options.keep && !results[i].outcome.output.isEmpty())
                ledger.remember(m_plan[i].orphan, results[i].outcome.output);
            if (results[i].outcome.ok && !results[i].outcome.output.isEmpty())
                rebuilt << results[i].outcome.output;
        }
        // The library says "recovered" of these (a rebuilt MP4 is otherwise
        // byte for byte what a clean stop writes).
        RecoveredIndex(QFileInfo(m_ledgerPath).absoluteDir().filePath(QLatin1String(kRecoveredIndexFileName)))
            .add(rebuilt);
    }
    if (m_closeWhenStopped) {
        m_closeWhenStopped = false;
        QWizard::reject();
        return;
    }
    // Only worth a pop-up when nobody is looking at the wizard.
    const bool background = !isVisible() || isMinimized() || !isActiveWindow();
    if (background && m_tray) {
        QStringList outputs;
        for (const RebuildItemResult &r : m_job->results())
            if (r.outcome.ok)
                outputs << r.outcome.output;
        const QString title = cancelled ? tr("Recovery stopped") : tr("Recovery finished");
        QString message = tr("%n recording(s) rebuilt.", nullptr, ok);
        if (failed > 0)
            message += QLatin1Char(' ') + tr("%n could not be rebuilt.", nullptr, failed);
        m_tray->notify(failed > 0 ? NotificationKind::Failed : NotificationKind::Finished, title, message, outputs);
    }
    next();
}

} // namespace ui
} // namespace tapedeck

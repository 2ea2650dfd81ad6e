#pragma once
// The recovery wizard: pick files and folders (or drop them), scan them,
// choose what to rebuild and how, rebuild, and see the results. All the
// recovery logic lives in core/recovery; this is only its face.

#include "core/recovery/Orphan.h"
#include "core/recovery/Recover.h"
#include "ui/recovery/RebuildJob.h"

#include <QStringList>
#include <QUrl>
#include <QWizard>

#include <functional>
#include <vector>

namespace tapedeck {
namespace ui {

class MainWindow;
class PlayerDialog;
class TrayController;

class RecoveryWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { PickPageId, ScanPageId, ChoosePageId, RebuildPageId, DonePageId };

    explicit RecoveryWizard(QWidget *parent = nullptr);
    ~RecoveryWizard() override;

    // Connects a main window's recoveryRequested() (menu, drop, start-up
    // notification) to one wizard, created when first needed.
    static void attachTo(MainWindow *window);

    // Files and folders to scan. Adding while scanning or choosing starts
    // over from the list; while rebuilding they wait on the list.
    void addPaths(const QStringList &paths);
    void removePaths(const QStringList &paths);
    QStringList paths() const { return m_paths; }
    // Opens (or raises) the wizard with these paths on its list.
    void openWith(const QStringList &paths);

    // The scan's result (set by the scan page).
    const recovery::ScanResult &scanResult() const { return m_scan; }
    void setScanResult(const recovery::ScanResult &r) { m_scan = r; }

    // What the choose page decided; read by the rebuild page.
    std::vector<RebuildItem> plan() const { return m_plan; }
    void setPlan(std::vector<RebuildItem> plan) { m_plan = std::move(plan); }

    RebuildJob *job() const { return m_job; }
    bool isBusy() const; // scanning or rebuilding

    // Notifications when the rebuild ends while the wizard is in the background.
    void setTray(TrayController *tray) { m_tray = tray; }
    // Where rebuilds that kept their originals are remembered, so the same
    // set is not offered again at every start (RebuiltLedger).
    void setLedgerPath(const QString &path) { m_ledgerPath = path; }
    // How "show in folder" opens a folder (QDesktopServices by default; tests
    // replace it so no file manager starts).
    void setUrlOpener(std::function<bool(const QUrl &)> opener) { m_openUrl = std::move(opener); }
    bool openUrl(const QUrl &url);
    PlayerDialog *player();

    // Called by the rebuild page when it is done.
    void rebuildFinished(int ok, int failed, bool cancelled);

signals:
    void pathsChanged();

protected:
    void dragEnterEvent(QDragEnterEvent *e) override;
    void dragMoveEvent(QDragMoveEvent *e) override;
    void dropEvent(QDropEvent *e) override;
    void reject() override;

private:
    bool acceptsDrops() const;

    QStringList m_paths;
    recovery::ScanResult m_scan;
    std::vector<RebuildItem> m_plan;
    RebuildJob *m_job;
    TrayController *m_tray = nullptr;
    PlayerDialog *m_player = nullptr;
    std::function<bool(const QUrl &)> m_openUrl;
    bool m_closeWhenStopped = false;
    QString m_ledgerPath;
};

} // namespace ui
} // namespace tapedeck

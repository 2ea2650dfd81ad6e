#pragma once
// The recordings library: one row per recording with its chunks under it,
// a thumbnail, start, duration, size, format, source and state (recording,
// finished, recovered, unfinished, damaged), kept current by a file-system
// watcher. Play, show in folder, rename, move to the trash and make an MP4
// web-ready; a recording a live process owns is never renamed, trashed or
// rewritten.
//
// The disk work (core/app/Library.h: scan, probe, thumbnails) runs on a
// thread pool the widget owns and waits for when it goes; results come back
// as queued calls on the widget.

#include "core/app/Library.h"

#include <QHash>
#include <QIcon>
#include <QSet>
#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QComboBox;
class QFileSystemWatcher;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;
class QUrl;

namespace tapedeck {
namespace ui {

class RecordingsList : public QWidget {
    Q_OBJECT
public:
    explicit RecordingsList(QWidget *parent = nullptr);
    ~RecordingsList() override;

    // Where the recovery wizard notes what it rebuilt (RecoveredIndex).
    void setRecoveredIndexPath(const QString &path);
    QString recoveredIndexPath() const { return m_recoveredIndexPath; }
    // Where the "Keep" marks live (retention never removes a kept recording).
    void setKeptIndexPath(const QString &path);
    bool isKept(const LibraryEntry &e) const;

    // A file this app just wrote: its folder is watched and scanned again.
    void addFile(const QString &path);
    // Watches `folder` and lists its recordings without blocking the UI.
    void scanFolder(const QString &folder);
    // Every file of every recording listed (chunks and sidecars).
    QStringList files() const;
    // The selected chunk, or the first playable chunk of the selected recording.
    QString selectedFile() const;
    void selectFile(const QString &path);
    // The recording a file belongs to (null when not listed).
    const LibraryEntry *entryOf(const QString &path) const;
    QStringList watchedFolders() const;
    // Tests: how "Show in folder" opens a URL (default QDesktopServices).
    void setOpenUrlHandler(std::function<bool(const QUrl &)> open) { m_openUrl = std::move(open); }

signals:
    void playRequested(const QString &path);
    // A scan of `folder` was applied to the list.
    void folderScanned(const QString &folder);

protected:
    void changeEvent(QEvent *e) override;
    bool eventFilter(QObject *watched, QEvent *e) override;

private:
    void watch(const QString &folder);
    void startScan(const QString &folder);
    void applyScan(const QString &folder, const std::vector<LibraryEntry> &entries);
    void updateItem(QTreeWidgetItem *item, const LibraryEntry &e);
    void requestThumbnail(const LibraryEntry &e);
    void applyFilter();
    void fitColumns();
    void updateButtons();
    void retranslate();
    void showMessage(const QString &text);
    const LibraryEntry *selectedEntry() const;
    QString refusal(const LibraryEntry &e, const OwnerInfo &owner) const;
    // The selected recording when no live process owns it (a copy: the list
    // may be rescanned while a dialog is open); otherwise says why, nullopt.
    std::optional<LibraryEntry> selectedUnowned();

    void playSelected();
    void showInFolder();
    void renameSelected();
    void deleteSelected();
    void setKeepSelected(bool keep);
    // Moves the header of the selected MP4 recording's files in front of
    // their media, on m_jobs (ui/RecordingsListWebReady.cpp).
    void makeWebReadySelected();
    void webReadyFinished(const QString &folder, const QString &message);

    QTreeWidget *m_tree;
    QLineEdit *m_filter;
    QComboBox *m_stateFilter;
    QPushButton *m_play;
    QPushButton *m_show;
    QPushButton *m_rename;
    QPushButton *m_delete;
    QPushButton *m_keep;
    QAction *m_webReady; // context menu (an action of this widget: tests find it by name)
    bool m_webReadyRunning = false;
    QLabel *m_message;
    QFileSystemWatcher *m_watcher;
    QTimer *m_debounce;
    QTimer *m_livePoll;

    QString m_recoveredIndexPath;
    QString m_keptIndexPath;
    QSet<QString> m_kept;                      // files of recordings marked "Keep"
    QHash<QString, LibraryEntry> m_entries;    // key -> recording
    QHash<QString, QTreeWidgetItem *> m_items; // key -> its row
    QSet<QString> m_folders;                   // scanned at least once
    QSet<QString> m_awaited;                   // wanted, but not created yet
    QSet<QString> m_dirty;                     // changed, waiting for the debounce
    QSet<QString> m_scanning, m_scanAgain;
    QHash<QString, QIcon> m_thumbs; // path|size|mtime -> picture
    QSet<QString> m_thumbPending;
    std::function<bool(const QUrl &)> m_openUrl;

    // Declared last: destroyed first, after the destructor waited for it.
    std::shared_ptr<ProbeCache> m_cache;
    std::atomic_bool m_closing{false};
    QThreadPool m_pool;
    // Long file jobs (make web-ready: a copy of the file) apart from the
    // scans, so the list stays current meanwhile; waited for like m_pool.
    QThreadPool m_jobs;
};

} // namespace ui
} // namespace tapedeck

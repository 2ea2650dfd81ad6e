#pragma once
// The main window: sources on the left, the selected source's recording
// controls, the live recordings and the finished files on the right.
// Talks to core through the Engine only; nothing here blocks the UI thread.

#include "core/app/RecordingService.h"
#include "core/record/RecordParams.h"
#include "ui/SourceStore.h"

#include <QHash>
#include <QMainWindow>
#include <QSet>

#include <functional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QMenu;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTimer;

namespace tapedeck {
class Engine;
class Scheduler;
class Settings;
struct ScheduleAction;
namespace recovery {
class Scanner;
}
namespace remote {
struct RemoteReply;
}
} // namespace tapedeck

namespace tapedeck {
namespace ui {

class ActiveRecordingsView;
class RecordOptionsWidget;
class RecordingsList;
class SecretStore;
class TrayController;
class PlayerDialog;
class RecordersView;
class RemoteRecorders;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Shows the window as a person starts it: where it was last time, or
    // the first time maximised when its default size does not fit the
    // screen (a 640x480 or 800x600 screen).
    void showFitted();
    // `scheduler`: the application's (it outlives a window rebuilt for a
    // language switch); without one the window makes its own.
    MainWindow(Settings &settings, Engine &engine, SecretStore &secrets, Scheduler *scheduler = nullptr,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    TrayController *tray() const { return m_tray; }
    SourceStore *sources() const { return m_sources; }
    ActiveRecordingsView *activeView() const { return m_active; }
    RecordingsList *recordingsList() const { return m_recordings; }
    Scheduler *scheduler() const { return m_scheduler; }

    QString currentSourceId() const;
    void selectSource(const QString &id);
    // Record / arm the selected source (also the buttons and shortcuts).
    void startSelected(StartMode mode);
    void stopSelected();
    void openSourceDialog(const QString &editId = QString(), const QString &prefillUrl = QString());
    void openSettings();
    // The Schedules dialog; with a source id, a new schedule for it is added (the source's context menu).
    void openSchedules(const QString &forSourceId = QString());

    // The application layer this window calls (which source records is
    // kept there, so a successor window after a language switch knows it).
    RecordingService &service() { return m_service; }
    void playFile(const QString &path);
    // Stops everything and quits once the files are closed.
    void quitGracefully();
    // Scans the recordings folders for orphaned MP4 sidecars (worker thread).
    void checkForOrphans();
    // What another start of Tapedeck (or the file manager) handed over:
    // stream URLs open the source dialog, a finished recording plays, other
    // files and folders go to the recovery wizard. Brings the window forward.
    void openArguments(const QStringList &items);
    // The file where the wizard remembers sets it rebuilt and kept.
    QString rebuiltLedgerPath() const;
    // The library's "Keep" marks (retention never removes those).
    QString keptIndexPath() const;
    // Applies every folder's retention rule now, off the GUI thread
    // (also every 10 minutes, after each recording and after the settings).
    void enforceRetention();
    // Split now / add a marker on `id`, or (-1) on the recording the
    // actions aim at: the selected source's, or the only one running.
    void splitRecording(int id = -1);
    void addMarker(int id = -1, const QString &name = QString());
    // The orphans the last scan found (what the notice and the menu open).
    QStringList knownOrphans() const { return m_orphanPaths; }

    // Remote recorders (tapedeck-cli serve) beside "This computer".
    RemoteRecorders *remoteRecorders() const { return m_remote; }
    RecordersView *recordersView() const { return m_recordersView; }
    // Where Record starts the selected source: "" = this computer, or a recorder's id.
    QString selectedRecorderId() const;
    void setRecorderChoice(const QString &recorderId);
    // The dialog that adds a recorder (name, address, token).
    void openRecorderDialog();
    // Tests: sees (and may change) every request before this window starts
    // it on this computer (e.g. RecordParams::failAfterBytes to make one fail).
    void setRequestHookForTesting(std::function<void(RecordRequest &)> hook) { m_requestHook = std::move(hook); }

signals:
    // A retention run finished (files deleted, possibly none).
    void retentionApplied(const QStringList &deleted);
    // The hook for the recovery wizard: sidecar files dropped on the window,
    // found at start-up (notification clicked) or the menu action (empty).
    void recoveryRequested(const QStringList &paths);
    // The user chose another language in the settings.
    void languageChanged(const QString &language);

protected:
    void closeEvent(QCloseEvent *e) override;
    void resizeEvent(QResizeEvent *e) override;
    void dragEnterEvent(QDragEnterEvent *e) override;
    void dropEvent(QDropEvent *e) override;

private:
    void buildActions();
    void adoptSessions();
    void buildUi();
    void reloadSources();
    void onSourceSelected();
    void updateActions();
    void requestRecovery(const QStringList &paths);
    void askForSecret(const SourceEntry &entry, const RecordOptions &opts, StartMode mode);
    void beginRecording(const SourceEntry &entry, const RecordOptions &opts, StartMode mode, const QString &spec);
    // Starts `entry` on this computer; the recording's id, or nothing (reported).
    std::optional<int> startLocal(const SourceEntry &entry, const RecordOptions &opts, StartMode mode,
                                  const QString &spec);
    // A source by id, the demo included.
    std::optional<SourceEntry> sourceEntry(const QString &id) const;

    // MainWindowSchedule.cpp: what the scheduler says is due.
    void setUpSchedules();
    void onScheduleAction(const ScheduleAction &action);
    void startScheduled(const ScheduleAction &action);
    // Arms again the sources that were recording whenever live when Tapedeck last quit.
    void rearmSources();
    // A scheduled recording ended before its stop time: start it again later, or let go.
    void scheduledRecordingEnded(int id, RecordState state);
    void updateNextSchedule();
    void reportFailure(const QString &sourceName, const QString &reason);
    void checkDiskSpace();
    void buildMarkerActions(QMenu *menu);
    std::optional<int> markerTarget() const;
    // The status bar's and the cards' free space and time left.
    void updateDiskStatus();
    // The name a recording goes by here: its source's name in the current
    // language, or the label it was started with.
    QString recordingName(int id) const;
    void showOrphanNotice(int count);
    void showKeptNotice(const QStringList &outputs);
    void deleteKeptOriginals();
    void saveWindowState();

    // MainWindowRemote.cpp: remote recordings as cards, notifications, stop.
    void setUpRemote();
    void reloadRecorderChoice();
    void startRemote(const SourceEntry &entry, const RecordOptions &opts, StartMode mode, const QString &spec,
                     const QString &recorderId);
    void onRemoteRecording(const QString &recorderId, const QString &remoteId, const QJsonObject &o);
    void onRemoteFigures(const QString &recorderId);
    void onRemoteLink(const QString &recorderId);
    void stopRemote(int cardId);
    void splitRemote(int cardId);
    void addRemoteMarker(int cardId, const QString &name);
    // The recorder's own named source, recorded by name (Recorders tab).
    void recordRemoteSource(const QString &recorderId, const QString &sourceName, bool whenLive);
    QJsonObject remoteOptions(const RecordOptions &opts, StartMode mode) const;
    void onRemoteStarted(const QString &recorderId, const QString &title, const QString &detail, const QString &name,
                         const remote::RemoteReply &reply);
    void askRecorderToken(const QString &recorderId);

    void onStateChanged(int id, RecordState state, const QString &reason);
    void onFinished(int id, const QStringList &files);
    void onFailed(int id, const QString &reason);
    void onTakeFinished(int id, const QStringList &files); // WheneverLive: the stream went away, its file is closed

    Settings &m_settings;
    Engine &m_engine;
    RecordingService m_service;
    SourceStore *m_sources;
    TrayController *m_tray;

    QListWidget *m_sourceList = nullptr;
    RecordOptionsWidget *m_options = nullptr;
    QPushButton *m_recordButton = nullptr;
    QPushButton *m_armButton = nullptr;
    QCheckBox *m_keepArmedCheck = nullptr; // the same choice as m_keepArmed, beside the button
    QPushButton *m_stopButton = nullptr;
    QTabWidget *m_tabs = nullptr;
    QSplitter *m_mainSplit = nullptr;
    bool m_geometryRestored = false;
    bool m_splitPlaced = false; // restored from the settings, or moved by the user
    ActiveRecordingsView *m_active = nullptr;
    RecordingsList *m_recordings = nullptr;
    PlayerDialog *m_player = nullptr;
    QTimer *m_diskTimer = nullptr;
    recovery::Scanner *m_orphanScanner = nullptr; // child: cancels and joins when the window goes

    QAction *m_addSource = nullptr;
    QAction *m_editSource = nullptr;
    QAction *m_removeSource = nullptr;
    QAction *m_record = nullptr;
    QAction *m_arm = nullptr;
    QAction *m_keepArmed = nullptr; // checked: Record when live stays armed (StartMode::WheneverLive)
    QAction *m_stop = nullptr;
    QAction *m_stopAll = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_recover = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_split = nullptr;
    QAction *m_marker = nullptr;
    QAction *m_schedulesAction = nullptr;
    QAction *m_scheduleSource = nullptr;
    Scheduler *m_scheduler = nullptr;
    bool m_scheduleHintShown = false;
    QHash<int, int> m_markerCount; // per recording: "Marker 1", "Marker 2", …

    QStringList m_orphanPaths;             // found by the last orphan scan
    QStringList m_keptOriginals;           // files of sets already rebuilt, kept by the user
    QPushButton *m_orphanNotice = nullptr; // status bar: "Recover…"
    QPushButton *m_keptNotice = nullptr;   // status bar: "Delete kept originals…"
    QLabel *m_diskStatus = nullptr;        // status bar: free space and time left
    bool m_quitting = false;
    bool m_loadingSource = false; // the selection sets the check box: not a choice to save
    std::function<void(RecordRequest &)> m_requestHook;
    bool m_retentionRunning = false;
    QTimer *m_retentionTimer = nullptr;

    RemoteRecorders *m_remote = nullptr;
    RecordersView *m_recordersView = nullptr;
    QComboBox *m_recorderCombo = nullptr;
    QHash<int, QString> m_remoteTitles;     // card id -> "Demo on Studio server"
    QHash<int, RecordState> m_remoteStates; // card id -> last state seen (for notifications)
    QHash<int, int> m_remotePreviewSeq;     // card id -> the recorder's preview counter last fetched
    QHash<int, qint64> m_remotePreviewAtMs; // card id -> when it was last fetched
    QSet<QString> m_tokenAsked;             // recorders whose token was asked for this session
};

} // namespace ui
} // namespace tapedeck

#pragma once
// The tray icon (idle / recording) and the notifications. Every
// notification is also emitted as notified() so tests and the status bar
// see it even where no system tray exists (offscreen, some desktops).

#include <QObject>
#include <QStringList>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace tapedeck {
class Settings;
}

namespace tapedeck {
namespace ui {

// Warning: something about a live recording needs a look (a black picture).
enum class NotificationKind { Started, Finished, Failed, DiskLow, Orphans, Info, Warning };

class TrayController : public QObject {
    Q_OBJECT
public:
    TrayController(Settings &settings, QObject *parent = nullptr);
    ~TrayController() override;

    bool available() const;
    // Test seam: offscreen has no system tray; tests pretend one exists to
    // drive the close-to-tray path.
    void setAvailableForTesting(bool available) { m_forceAvailable = available; }
    void setRecording(int activeCount);
    // "Next: Demo, today 18:00" under the status line; empty hides it.
    void setNextSchedule(const QString &text);
    QString nextScheduleText() const;
    void notify(NotificationKind kind, const QString &title, const QString &message, const QStringList &paths = {});
    // Whether `kind` deserves a pop-up: what needs attention (a failure, low
    // disk, unfinished recordings) always; a finished recording or a note
    // only when the window is not in front; a start never (its card says so).
    static bool wantsPopup(NotificationKind kind, bool windowInFront);
    QMenu *menu() const { return m_menu; }
    QSystemTrayIcon *icon() const { return m_icon; }

signals:
    void notified(tapedeck::ui::NotificationKind kind, const QString &title, const QString &message);
    // A pop-up was asked of the desktop (tests: which ones, offscreen too).
    void poppedUp(tapedeck::ui::NotificationKind kind, const QString &title);
    void stopAllRequested();
    void schedulesRequested();
    void showWindowRequested();
    void quitRequested();
    void recoveryRequested(const QStringList &paths);
    void fileRequested(const QString &path); // a "finished" notification was clicked

private:
    void onMessageClicked();

    Settings &m_settings;
    QSystemTrayIcon *m_icon;
    QMenu *m_menu;
    QAction *m_status;
    QAction *m_stopAll;
    QAction *m_nextSchedule;
    bool m_forceAvailable = false;
    NotificationKind m_lastKind = NotificationKind::Info;
    QStringList m_lastPaths;
};

} // namespace ui
} // namespace tapedeck

Q_DECLARE_METATYPE(tapedeck::ui::NotificationKind)

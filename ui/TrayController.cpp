#include "ui/TrayController.h"

#include "core/app/Settings.h"

#include <QAction>
#include <QIcon>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>

namespace tapedeck {
namespace ui {

TrayController::TrayController(Settings &settings, QObject *parent) : QObject(parent), m_settings(settings)
{
    qRegisterMetaType<tapedeck::ui::NotificationKind>();
    m_menu = new QMenu;
    m_status = m_menu->addAction(tr("Nothing is recording"));
    m_status->setEnabled(false);
    m_nextSchedule = m_menu->addAction(QString());
    m_nextSchedule->setObjectName(QStringLiteral("trayNextSchedule"));
    m_nextSchedule->setEnabled(false);
    m_nextSchedule->setVisible(false);
    m_menu->addSeparator();
    m_stopAll = m_menu->addAction(QIcon(QStringLiteral(":/icons/stop.svg")), tr("Stop all recordings"), this,
                                  &TrayController::stopAllRequested);
    m_stopAll->setObjectName(QStringLiteral("trayStopAll"));
    m_menu
        ->addAction(QIcon(QStringLiteral(":/icons/schedule.svg")), tr("Schedules…"), this,
                    &TrayController::schedulesRequested)
        ->setObjectName(QStringLiteral("traySchedules"));
    m_menu->addAction(tr("Show Tapedeck"), this, &TrayController::showWindowRequested);
    m_menu->addAction(tr("Quit"), this, &TrayController::quitRequested);

    m_icon = new QSystemTrayIcon(this);
    m_icon->setObjectName(QStringLiteral("trayIcon"));
    m_icon->setContextMenu(m_menu);
    setRecording(0);
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
            emit showWindowRequested();
    });
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, &TrayController::onMessageClicked);
    if (available())
        m_icon->show();
}

TrayController::~TrayController() { delete m_menu; }

bool TrayController::available() const { return m_forceAvailable || QSystemTrayIcon::isSystemTrayAvailable(); }

void TrayController::setRecording(int activeCount)
{
    const bool rec = activeCount > 0;
    m_icon->setIcon(
        QIcon(rec ? QStringLiteral(":/icons/tray-recording.svg") : QStringLiteral(":/icons/tray-idle.svg")));
    const QString text = rec ? tr("Recording %n stream(s)", nullptr, activeCount) : tr("Nothing is recording");
    m_icon->setToolTip(QStringLiteral("Tapedeck — ") + text);
    m_status->setText(text);
    m_stopAll->setEnabled(rec);
    m_icon->setProperty("recording", rec);
}

void TrayController::setNextSchedule(const QString &text)
{
    m_nextSchedule->setText(text);
    m_nextSchedule->setVisible(!text.isEmpty());
}

QString TrayController::nextScheduleText() const { return m_nextSchedule->text(); }

void TrayController::notify(NotificationKind kind, const QString &title, const QString &message,
                            const QStringList &paths)
{
    m_lastKind = kind;
    m_lastPaths = paths;
    const QSystemTrayIcon::MessageIcon icon = kind == NotificationKind::Failed ? QSystemTrayIcon::Critical
        : kind == NotificationKind::DiskLow || kind == NotificationKind::Orphans || kind == NotificationKind::Warning
        ? QSystemTrayIcon::Warning
        : QSystemTrayIcon::Information;
    // The setting silences the pop-ups; the signal (status bar, tests) stays.
    const auto *window = qobject_cast<const QWidget *>(parent());
    const bool inFront = window && window->isVisible() && !window->isMinimized() && window->isActiveWindow();
    if (m_settings.flag(SettingKey::Notifications) && wantsPopup(kind, inFront)) {
        if (available() && m_icon->isVisible())
            m_icon->showMessage(title, message, icon, 8000);
        emit poppedUp(kind, title);
    }
    emit notified(kind, title, message);
}

bool TrayController::wantsPopup(NotificationKind kind, bool windowInFront)
{
    switch (kind) {
    case NotificationKind::Failed:
    case NotificationKind::DiskLow:
    case NotificationKind::Orphans:
    case NotificationKind::Warning:
        return true;
    case NotificationKind::Finished:
    case NotificationKind::Info:
        return !windowInFront;
    case NotificationKind::Started:
        return false;
    }
    return true;
}

void TrayController::onMessageClicked()
{
    if (m_lastKind == NotificationKind::Orphans)
        emit recoveryRequested(m_lastPaths);
    else if (m_lastKind == NotificationKind::Finished && !m_lastPaths.isEmpty())
        emit fileRequested(m_lastPaths.first());
    else
        emit showWindowRequested();
}

} // namespace ui
} // namespace tapedeck

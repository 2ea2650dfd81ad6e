#include "ui/WindowHost.h"

#include "core/app/Scheduler.h"
#include "ui/ActiveRecordingsView.h"
#include "ui/MainWindow.h"
#include "ui/Translations.h"
#include "ui/recovery/RecoveryWizard.h"

#include <QCoreApplication>
#include <QTimer>

namespace tapedeck {
namespace ui {

WindowHost::WindowHost(Settings &settings, Engine &engine, SecretStore &secrets, QObject *parent)
    : QObject(parent), m_settings(settings), m_engine(engine), m_secrets(secrets),
      m_scheduler(std::make_unique<Scheduler>(settings))
{
    create();
}

WindowHost::~WindowHost() = default;

void WindowHost::create()
{
    m_window = std::make_unique<MainWindow>(m_settings, m_engine, m_secrets, m_scheduler.get());
    RecoveryWizard::attachTo(m_window.get()); // menu, drops and the orphan notification open the wizard
    // Queued: the signal comes from inside the settings dialog, which the
    // old window owns and which must not be deleted under its own feet.
    connect(m_window.get(), &MainWindow::languageChanged, this, &WindowHost::switchLanguage, Qt::QueuedConnection);
}

void WindowHost::switchLanguage(const QString &language)
{
    installTranslations(*QCoreApplication::instance(), language);
    std::unique_ptr<MainWindow> old = std::move(m_window);
    const bool wasVisible = old->isVisible();
    const QHash<int, QPixmap> pictures = old->activeView()->previews();
    old->hide();
    // The old window's destructor saves its geometry; the new one restores it.
    old.reset();
    create();
    m_window->activeView()->restorePreviews(pictures);
    if (wasVisible)
        m_window->show();
    emit windowReplaced(m_window.get());
}

} // namespace ui
} // namespace tapedeck

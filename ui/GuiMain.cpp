#include "ui/GuiMain.h"

#include "core/Engine.h"
#include "core/Settings.h"
#include "ui/MainWindow.h"
#include "ui/SecretStore.h"
#include "ui/Translations.h"
#include "ui/TrayController.h"
#include "ui/recovery/RecoveryWizard.h"

#include <QApplication>
#include <QIcon>
#include <QTimer>

namespace tapedeck {

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Tapedeck"));
    QApplication::setOrganizationName(QStringLiteral("Tapedeck"));
    QApplication::setApplicationDisplayName(QStringLiteral("Tapedeck"));
    QApplication::setDesktopFileName(QStringLiteral("io.github.tapedeck.Tapedeck"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/tapedeck.svg")));
    // The tray keeps Tapedeck alive while it records with the window closed.
    QApplication::setQuitOnLastWindowClosed(false);

    Settings settings;
    ui::installTranslations(app, settings.string(SettingKey::Language));

    Engine engine;
    ui::KeychainSecretStore secrets(QStringLiteral("Tapedeck"));
    ui::MainWindow window(settings, engine, secrets);
    ui::RecoveryWizard::attachTo(&window); // menu, drops and the orphan notification open the wizard

    const bool minimized = settings.flag(SettingKey::StartMinimized);
    if (minimized && window.tray()->available())
        ; // tray only
    else if (minimized)
        window.showMinimized();
    else
        window.show();
    // After the window is up, so the notification has somewhere to lead.
    QTimer::singleShot(1500, &window, &ui::MainWindow::checkForOrphans);

    const int rc = app.exec();
    engine.stopAll();
    engine.waitAll(30000);
    return rc;
}

} // namespace tapedeck

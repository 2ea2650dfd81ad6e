#include "ui/GuiMain.h"

#include "core/Engine.h"
#include "core/Settings.h"
#include "ui/MainWindow.h"
#include "ui/ProbeJob.h"
#include "ui/SecretStore.h"
#include "ui/Translations.h"
#include "ui/TrayController.h"

#include <QApplication>
#include <QIcon>
#include <QTimer>

#include <memory>

static void initTapedeckIcons() { Q_INIT_RESOURCE(tapedeck); }

namespace tapedeck {

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv);
    initTapedeckIcons();
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
    auto windowOwner = std::make_unique<ui::MainWindow>(settings, engine, secrets);
    ui::MainWindow &window = *windowOwner;

    // "Start minimised" means the tray only, where there is a tray.
    const bool minimized = settings.flag(SettingKey::StartMinimized);
    if (!minimized)
        window.show();
    else if (!window.tray()->available())
        window.showMinimized();
    // After the window is up, so the notification has somewhere to lead.
    QTimer::singleShot(1500, &window, &ui::MainWindow::checkForOrphans);

    const int rc = app.exec();
    engine.stopAll();
    engine.waitAll(30000);
    // Closing the window cancels any "Check" still talking to a server;
    // give those workers a moment to leave libav before the process ends.
    windowOwner.reset();
    ui::ProbeJob::waitForWorkers(3000);
    return rc;
}

} // namespace tapedeck

#include "ui/GuiMain.h"

#include "core/record/Engine.h"
#include "core/app/Settings.h"
#include "ui/MainWindow.h"
#include "core/app/Prober.h"
#include "ui/SecretStore.h"
#include "ui/SingleInstance.h"
#include "ui/Translations.h"
#include "ui/TrayController.h"
#include "ui/WindowHost.h"

#include <QApplication>
#include <QDir>
#include <QMessageBox>
#include <QIcon>
#include <QTimer>

#include <cstdio>
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

    // One app per user: a second start hands its files, folders and URLs to
    // the running window and leaves before it makes an engine of its own.
    const QStringList items =
        ui::SingleInstance::normaliseArguments(QApplication::arguments().mid(1), QDir::currentPath());
    ui::SingleInstance instance;
    QString instanceError;
    switch (instance.claim(&instanceError)) {
    case ui::SingleInstance::Role::Secondary:
        if (instance.handOff(items, &instanceError)) {
            std::fprintf(stderr, "tapedeck: Tapedeck is already running; brought its window forward%s\n",
                         items.isEmpty() ? ""
                                         : qPrintable(QStringLiteral(" and handed it %1 item(s)").arg(items.size())));
            return 0;
        }
        std::fprintf(stderr, "tapedeck: %s\n", qPrintable(instanceError));
        QMessageBox::warning(nullptr, QObject::tr("Tapedeck is already running"),
                             QObject::tr("Another Tapedeck is running but does not answer. "
                                         "Close it (or end its process) and start Tapedeck again."));
        return 1;
    case ui::SingleInstance::Role::Unavailable:
        std::fprintf(stderr, "tapedeck: %s; starting anyway\n", qPrintable(instanceError));
        break;
    case ui::SingleInstance::Role::Primary:
        break;
    }

    Engine engine;
    ui::KeychainSecretStore secrets(QStringLiteral("Tapedeck"));
    auto host = std::make_unique<ui::WindowHost>(settings, engine, secrets);
    ui::MainWindow &window = *host->window();

    // "Start minimised" means the tray only, where there is a tray.
    const bool minimized = settings.flag(SettingKey::StartMinimized);
    if (!minimized)
        window.showFitted();
    else if (!window.tray()->available())
        window.showMinimized();
    QObject::connect(&instance, &ui::SingleInstance::activated, host.get(), [&host](const QStringList &args) {
        std::fprintf(stderr, "tapedeck: another start handed over %d item(s)\n", int(args.size()));
        host->window()->openArguments(args);
    });
    if (!items.isEmpty())
        QTimer::singleShot(0, host.get(), [&host, items] { host->window()->openArguments(items); });
    // After the window is up, so the notification has somewhere to lead.
    QTimer::singleShot(1500, host.get(), [&host] { host->window()->checkForOrphans(); });

    const int rc = app.exec();
    engine.stopAll();
    engine.waitAll(30000);
    // Closing the window cancels any "Check" still talking to a server;
    // give those workers a moment to leave libav before the process ends.
    host.reset();
    ProbeJob::waitForWorkers(3000);
    return rc;
}

} // namespace tapedeck

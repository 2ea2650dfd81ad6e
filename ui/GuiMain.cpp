#include "ui/GuiMain.h"

#include "core/record/Engine.h"
#include "core/app/Settings.h"
#include "ui/MainWindow.h"
#include "core/app/Prober.h"
#include "core/app/Scheduler.h"
#include "ui/SecretStore.h"
#include "ui/SingleInstance.h"
#include "ui/Translations.h"
#include "ui/TrayController.h"
#include "ui/WindowHost.h"

#include <QApplication>
#include <QDir>
#include <QSocketNotifier>
#include <QMessageBox>
#include <QIcon>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

static void initTapedeckIcons() { Q_INIT_RESOURCE(tapedeck); }

namespace {

// SIGTERM (logout, shutdown, systemd, kill) and SIGINT end the app the way
// Quit does, through the event loop: the handler only writes a byte.
int g_quitSignalWrite = -1;

extern "C" void onQuitSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_quitSignalWrite, &c, 1);
}

} // namespace

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

    // Ended by the system rather than by the user: every file is finished as
    // by Quit, and a scheduled run that was recording goes on at the next
    // start (while its stop is ahead), as after a crash.
    int quitPipe[2] = {-1, -1};
    std::unique_ptr<QSocketNotifier> quitNotifier;
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, quitPipe) == 0) {
        g_quitSignalWrite = quitPipe[0];
        quitNotifier = std::make_unique<QSocketNotifier>(quitPipe[1], QSocketNotifier::Read);
        QObject::connect(quitNotifier.get(), &QSocketNotifier::activated, host.get(), [&host, &quitPipe] {
            char c;
            while (::read(quitPipe[1], &c, 1) > 0) {
            }
            std::fprintf(stderr, "tapedeck: asked to end (signal): finishing every file\n");
            host->scheduler()->keepRunsForNextStart();
            QCoreApplication::exit(0); // not quit(): a window kept in the tray must not refuse
        });
        struct sigaction sa {};
        sa.sa_handler = onQuitSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sigaction(SIGTERM, &sa, nullptr);
        sigaction(SIGINT, &sa, nullptr);
    }

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

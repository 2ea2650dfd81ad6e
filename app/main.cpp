#include "app/Cli.h"
#include "core/FFmpeg.h"
#include "core/io/Paths.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#ifdef TAPEDECK_HAVE_GUI
#include "ui/GuiMain.h"
#endif

namespace {

bool haveDisplay()
{
    if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        return true; // the user chose a platform (offscreen, xcb, wayland...)
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
}

} // namespace

int main(int argc, char **argv)
{
    tapedeck::installFfmpegLogHandler();

    const char *sub = argc > 1 ? argv[1] : nullptr;
    const bool isSubcommand = sub && (std::strcmp(sub, "record") == 0 || std::strcmp(sub, "probe") == 0
                                      || std::strcmp(sub, "recover") == 0 || std::strcmp(sub, "help") == 0
                                      || std::strcmp(sub, "--help") == 0 || std::strcmp(sub, "-h") == 0
                                      || std::strcmp(sub, "--version") == 0);
    if (isSubcommand || !haveDisplay()) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("Tapedeck"));
        QCoreApplication::setOrganizationName(QStringLiteral("Tapedeck"));
        QCoreApplication::setApplicationVersion(QStringLiteral(TAPEDECK_VERSION));
        // From argv as bytes: QCoreApplication::arguments() decodes them as
        // UTF-8 and would turn a file name that is not valid UTF-8 into one
        // that does not exist.
        QStringList args;
        for (int i = 2; i < argc; ++i)
            args << tapedeck::decodePath(QByteArray(argv[i]));
        if (!sub)
            return tapedeck::cli::runHeadlessDemo();
        if (std::strcmp(sub, "record") == 0)
            return tapedeck::cli::runRecord(args);
        if (std::strcmp(sub, "probe") == 0)
            return tapedeck::cli::runProbe(args);
        if (std::strcmp(sub, "recover") == 0)
            return tapedeck::cli::runRecover(args);
        if (std::strcmp(sub, "--version") == 0) {
            std::printf("tapedeck %s\n", TAPEDECK_VERSION);
            return 0;
        }
        if (std::strcmp(sub, "help") == 0 || std::strcmp(sub, "--help") == 0 || std::strcmp(sub, "-h") == 0) {
            tapedeck::cli::printUsage();
            return 0;
        }
        std::fprintf(stderr, "tapedeck: no display, and \"%s\" is not a command\n", sub);
        tapedeck::cli::printUsage();
        return 2;
    }
#ifdef TAPEDECK_HAVE_GUI
    return tapedeck::runGui(argc, argv);
#else
    std::fprintf(stderr, "tapedeck: this build has no GUI; use a subcommand\n");
    tapedeck::cli::printUsage();
    return 2;
#endif
}

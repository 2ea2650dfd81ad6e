// `tapedeck`: the desktop app when started plainly on a display, the command
// line otherwise (the same commands as tapedeck-cli).
#include "app/Cli.h"

#include <QtGlobal>

#include <cstdio>

#ifdef TAPEDECK_HAVE_GUI
#include "core/base/FFmpeg.h"
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
    using namespace tapedeck::cli;
    const char *sub = argc > 1 ? argv[1] : nullptr;
    if (isCommand(sub) || !haveDisplay())
        return runCommandLine(argc, argv, HeadlessDefault::RecordDemo);
#ifdef TAPEDECK_HAVE_GUI
    tapedeck::installFfmpegLogHandler();
    return tapedeck::runGui(argc, argv);
#else
    std::fprintf(stderr, "tapedeck: this build has no GUI; use a command\n");
    printUsage();
    return int(ExitCode::Usage);
#endif
}

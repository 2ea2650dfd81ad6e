// `tapedeck-cli-engine`: every command of `tapedeck-cli` that needs Qt or
// FFmpeg. The thin front (app/CliFront.cpp) execs it, keeping the process id
// and argv; it links QtCore, Qt Network (the service) and FFmpeg only (no
// Widgets, no Multimedia, no keychain), so it runs where no display or GUI
// library is installed. Started directly it answers every command too.
#include "app/Cli.h"

#include <cstring>
#include <sys/prctl.h>

int main(int argc, char **argv)
{
    // exec named the process after this file ("tapedeck-cli-en", cut to 15
    // bytes); keep the name the user started, so ps -C, top and the journal
    // show tapedeck-cli as before the split. Only the main thread is renamed,
    // which is the process's name; no other thread exists yet.
    if (argc > 0 && argv[0]) {
        const char *slash = std::strrchr(argv[0], '/');
        const char *name = slash ? slash + 1 : argv[0];
        if (std::strcmp(name, "tapedeck-cli") == 0)
            prctl(PR_SET_NAME, name, 0, 0, 0);
    }
    return tapedeck::cli::runCommandLine(argc, argv, tapedeck::cli::HeadlessDefault::Usage);
}

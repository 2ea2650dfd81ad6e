// `tapedeck-cli`: the command line alone, for servers and scripts. It links
// QtCore and FFmpeg only (no Widgets, no Multimedia, no keychain), so it starts
// fast and runs where no display or GUI library is installed.
#include "app/Cli.h"

int main(int argc, char **argv)
{
    return tapedeck::cli::runCommandLine(argc, argv, tapedeck::cli::HeadlessDefault::Usage);
}

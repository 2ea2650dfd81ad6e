// `tapedeck-cli`: a thin front that starts in about a millisecond.
//
// Loading Qt and Debian's FFmpeg costs ~140 shared libraries and ~27,000
// symbol relocations (about 120 ms of CPU, docs/service.md) before main()
// runs, and lazy binding cannot avoid it: most of those libraries are linked
// with BIND_NOW and most relocations are relative ones. So this binary links
// the C library only and answers --help, --version and a mistyped command
// itself; every other command execs `tapedeck-cli-engine` (app/main_cli_engine.cpp)
// with the same argv. exec keeps the process id, so systemd, Kubernetes and a
// parent waiting on the pid see one process, and signals reach the engine.
#include "app/CliCommands.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <unistd.h>

#ifndef TAPEDECK_ENGINE_NAME
#error "TAPEDECK_ENGINE_NAME and TAPEDECK_ENGINE_RELDIR must be defined by the build (app/CMakeLists.txt)"
#endif

namespace {

using namespace tapedeck::cli;

// The folder this binary lies in, from /proc/self/exe (symlinks resolved, so
// a link in ~/bin to an installed tapedeck-cli still finds its engine), or
// from argv[0] when /proc is not mounted.
bool ownFolder(char *out, size_t size, const char *argv0)
{
    const ssize_t n = readlink("/proc/self/exe", out, size - 1);
    if (n > 0) {
        out[n] = '\0';
    } else if (argv0 && std::strchr(argv0, '/') && std::strlen(argv0) < size) {
        std::strcpy(out, argv0);
    } else {
        return false;
    }
    char *slash = std::strrchr(out, '/');
    if (!slash)
        return false;
    if (slash == out)
        ++slash; // the root folder keeps its "/"
    *slash = '\0';
    return true;
}

// Runs the engine with argv; returns only when no engine could be started.
int execEngine(char **argv)
{
    const char *self = argv[0] && *argv[0] ? argv[0] : "tapedeck-cli";
    char folder[PATH_MAX];
    if (!ownFolder(folder, sizeof folder, argv[0])) {
        std::fprintf(stderr, "%s: cannot find its own folder (is /proc mounted?), so not %s either\n", self,
                     TAPEDECK_ENGINE_NAME);
        return int(ExitCode::Failed);
    }
    // Beside this binary (the build tree, or both copied into one folder),
    // then the installed layout (bin/ -> libexec/tapedeck/).
    const char *const subfolders[] = {"", TAPEDECK_ENGINE_RELDIR "/"};
    char tried[2][PATH_MAX + 64];
    int count = 0;
    for (const char *sub : subfolders) {
        char *path = tried[count++];
        std::snprintf(path, PATH_MAX + 64, "%s/%s%s", folder, sub, TAPEDECK_ENGINE_NAME);
        execv(path, argv);
        if (errno != ENOENT && errno != ENOTDIR) {
            // There, but it cannot run (permissions, a foreign architecture, ...).
            std::fprintf(stderr, "%s: cannot start %s: %s\n", self, path, std::strerror(errno));
            return int(ExitCode::Failed);
        }
    }
    std::fprintf(stderr,
                 "%s: \"%s\" needs %s, which is missing (looked for %s and %s); the installation is incomplete: "
                 "reinstall tapedeck-cli, or copy %s from the build tree beside this binary\n",
                 self, argv[1], TAPEDECK_ENGINE_NAME, tried[0], tried[1], TAPEDECK_ENGINE_NAME);
    return int(ExitCode::Failed);
}

} // namespace

int main(int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : nullptr;
    if (!sub) {
        printUsage();
        return int(ExitCode::Usage);
    }
    const CommandName *command = findCommandName(sub);
    if (!command) {
        std::fprintf(stderr, "tapedeck: \"%s\" is not a command\n", sub);
        printUsage();
        return int(ExitCode::Usage);
    }
    if (command->id == CommandId::Help) {
        printUsage();
        return int(ExitCode::Ok);
    }
    if (command->id == CommandId::Version) {
        printVersion();
        return int(ExitCode::Ok);
    }
    return execEngine(argv);
}

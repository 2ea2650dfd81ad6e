#include "app/Cli.h"
#include "core/base/FFmpeg.h"
#include "core/io/Paths.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>
#include <array>
#include <string_view>
#include <iterator>

namespace tapedeck::cli {

namespace {

ExitCode runVersion(const QStringList &)
{
    std::printf("tapedeck %s\n", TAPEDECK_VERSION);
    return ExitCode::Ok;
}

ExitCode runHelp(const QStringList &)
{
    printUsage();
    return ExitCode::Ok;
}

// The commands both binaries answer (KeePassXC's src/cli/Command.h shape: a
// name, its aliases and what runs it). One table, so the desktop binary and
// tapedeck-cli cannot drift apart, and a new command is one line here.
struct Command {
    std::string_view name;
    std::array<std::string_view, 2> aliases; // empty ones are unused
    ExitCode (*run)(const QStringList &args);
};

const Command kCommands[] = {
    {"record", {}, runRecord},     {"probe", {}, runProbe},        {"recover", {}, runRecover},
    {"serve", {}, runServe},       {"web-ready", {}, runWebReady}, {"help", {"--help", "-h"}, runHelp},
    {"--version", {}, runVersion},
};

const Command *findCommand(const char *name)
{
    if (!name)
        return nullptr;
    const std::string_view wanted(name);
    for (const Command &c : kCommands) {
        if (c.name == wanted)
            return &c;
        for (std::string_view alias : c.aliases)
            if (!alias.empty() && alias == wanted)
                return &c;
    }
    return nullptr;
}

} // namespace

bool isCommand(const char *name) { return findCommand(name) != nullptr; }

int runCommandLine(int argc, char **argv, HeadlessDefault fallback)
{
    installFfmpegLogHandler();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Tapedeck"));
    QCoreApplication::setOrganizationName(QStringLiteral("Tapedeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TAPEDECK_VERSION));
    const char *sub = argc > 1 ? argv[1] : nullptr;
    if (const Command *c = findCommand(sub)) {
        // From argv as bytes: QCoreApplication::arguments() decodes them as
        // UTF-8 and would turn a file name that is not valid UTF-8 into one
        // that does not exist.
        QStringList args;
        for (int i = 2; i < argc; ++i)
            args << decodePath(QByteArray(argv[i]));
        return int(c->run(args));
    }
    if (!sub) {
        if (fallback == HeadlessDefault::RecordDemo)
            return int(runHeadlessDemo());
        printUsage();
        return int(ExitCode::Usage);
    }
    std::fprintf(stderr, "tapedeck: \"%s\" is not a command\n", sub);
    printUsage();
    return int(ExitCode::Usage);
}

} // namespace tapedeck::cli

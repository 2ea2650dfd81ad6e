#include "app/Cli.h"
#include "core/base/FFmpeg.h"
#include "core/io/Paths.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>
#include <cstring>
#include <iterator>

namespace tapedeck::cli {

namespace {

int runVersion(const QStringList &)
{
    std::printf("tapedeck %s\n", TAPEDECK_VERSION);
    return int(ExitCode::Ok);
}

int runHelp(const QStringList &)
{
    printUsage();
    return int(ExitCode::Ok);
}

// The commands both binaries answer. One table, so the desktop binary and
// tapedeck-cli cannot drift apart.
struct Command {
    const char *name;
    int (*run)(const QStringList &args);
};

constexpr Command kCommands[] = {
    {"record", runRecord}, {"probe", runProbe}, {"recover", runRecover},   {"help", runHelp},
    {"--help", runHelp},   {"-h", runHelp},     {"--version", runVersion},
};

const Command *findCommand(const char *name)
{
    if (!name)
        return nullptr;
    for (const Command &c : kCommands)
        if (std::strcmp(c.name, name) == 0)
            return &c;
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
        return c->run(args);
    }
    if (!sub) {
        if (fallback == HeadlessDefault::RecordDemo)
            return runHeadlessDemo();
        printUsage();
        return int(ExitCode::Usage);
    }
    std::fprintf(stderr, "tapedeck: \"%s\" is not a command\n", sub);
    printUsage();
    return int(ExitCode::Usage);
}

} // namespace tapedeck::cli

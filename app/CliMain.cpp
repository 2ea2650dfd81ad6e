#include "app/Cli.h"
#include "core/base/FFmpeg.h"
#include "core/io/Paths.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

namespace tapedeck::cli {

namespace {

ExitCode runVersion(const QStringList &)
{
    printVersion();
    return ExitCode::Ok;
}

ExitCode runHelp(const QStringList &)
{
    printUsage();
    return ExitCode::Ok;
}

// What runs each command of app/CliCommands.h (KeePassXC's src/cli/Command.h
// shape): one table of names for both binaries and the thin front, so they
// cannot drift apart, and a new command is one line there and one here.
ExitCode (*runnerOf(CommandId id))(const QStringList &)
{
    switch (id) {
    case CommandId::Record:
        return runRecord;
    case CommandId::Probe:
        return runProbe;
    case CommandId::Recover:
        return runRecover;
    case CommandId::Serve:
        return runServe;
    case CommandId::WebReady:
        return runWebReady;
    case CommandId::Help:
        return runHelp;
    case CommandId::Version:
        return runVersion;
    }
    return runHelp;
}

} // namespace

bool isCommand(const char *name) { return findCommandName(name) != nullptr; }

int runCommandLine(int argc, char **argv, HeadlessDefault fallback)
{
    installFfmpegLogHandler();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("Tapedeck"));
    QCoreApplication::setOrganizationName(QStringLiteral("Tapedeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TAPEDECK_VERSION));
    const char *sub = argc > 1 ? argv[1] : nullptr;
    if (const CommandName *c = findCommandName(sub)) {
        // From argv as bytes: QCoreApplication::arguments() decodes them as
        // UTF-8 and would turn a file name that is not valid UTF-8 into one
        // that does not exist.
        QStringList args;
        for (int i = 2; i < argc; ++i)
            args << decodePath(QByteArray(argv[i]));
        return int(runnerOf(c->id)(args));
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

#pragma once
// The command line drives the same engine as the GUI.

#include "app/CliCommands.h"

#include <QStringList>

class QCommandLineParser;

namespace tapedeck::cli {

// What a binary does when started with no command on a machine with no display.
enum class HeadlessDefault {
    RecordDemo, // `tapedeck`: record the demo for a few seconds, say where it went
    Usage,      // `tapedeck-cli`: print the usage
};

// True when `name` is one of the commands (record, probe, recover, help, ...).
bool isCommand(const char *name);
// Runs the command named in argv[1] (one table for both binaries).
int runCommandLine(int argc, char **argv, HeadlessDefault fallback);

// Each takes the arguments after the subcommand name (CliMain.cpp's command
// table names them) and returns what the exit status says.
ExitCode runRecord(const QStringList &args);
ExitCode runProbe(const QStringList &args);
ExitCode runRecover(const QStringList &args);
// The header of finished MP4s in front of their media (app/CliWebReady.cpp).
ExitCode runWebReady(const QStringList &args);
// The recorder service (app/CliServe.cpp, docs/service.md).
ExitCode runServe(const QStringList &args);
// Plain `tapedeck` on a machine with no display: record the demo source for a
// few seconds and say where the file went.
ExitCode runHeadlessDemo();

// parser.parse() with one plain message for an unknown option ("unknown option
// -x.mp4.info; use -- before file names that start with '-'"). `command` is
// "tapedeck recover" etc.
bool parseArguments(QCommandLineParser &parser, const QString &command, const QStringList &args, QString *error);

} // namespace tapedeck::cli

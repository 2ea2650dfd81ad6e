#pragma once
// The command line drives the same engine as the GUI.

#include <QStringList>

class QCommandLineParser;

namespace tapedeck::cli {

// Each takes the arguments after the subcommand name and returns the exit code.
int runRecord(const QStringList &args);
int runProbe(const QStringList &args);
int runRecover(const QStringList &args);
// Plain `tapedeck` on a machine with no display: record the demo source for a
// few seconds and say where the file went.
int runHeadlessDemo();

void printUsage();

// parser.parse() with one plain message for an unknown option ("unknown option
// -x.mp4.info; use -- before file names that start with '-'"). `command` is
// "tapedeck recover" etc.
bool parseArguments(QCommandLineParser &parser, const QString &command, const QStringList &args, QString *error);

} // namespace tapedeck::cli

// Parsing shared by the subcommands: one message for an unknown option that
// names the argument as typed, and `--` for file names starting with '-'.

#include "app/Cli.h"

#include <QCommandLineParser>

namespace tapedeck::cli {

bool parseArguments(QCommandLineParser &parser, const QString &command, const QStringList &args, QString *error)
{
    // "-x.mp4.info" is one word: with the default compacted short options Qt
    // would report it as the options x, ., m, p, 4, ...
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (parser.parse(QStringList{command} + args))
        return true;
    const QStringList unknown = parser.unknownOptionNames();
    if (unknown.isEmpty()) {
        *error = parser.errorText();
        return false;
    }
    // The argument as the user typed it (with its dashes and any "=value").
    QString typed = unknown.first();
    for (const QString &a : args) {
        if (a == QLatin1String("--"))
            break;
        const QString bare = a.mid(a.startsWith(QLatin1String("--")) ? 2 : 1).section(QLatin1Char('='), 0, 0);
        if (a.startsWith(QLatin1Char('-')) && bare == unknown.first()) {
            typed = a;
            break;
        }
    }
    *error = QStringLiteral("unknown option %1; use -- before file names that start with '-' (%2 -- %1)")
                 .arg(typed, command);
    return false;
}

} // namespace tapedeck::cli

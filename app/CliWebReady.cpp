// tapedeck web-ready FILE... : the header of each MP4 in front of its media,
// without re-encoding (core/mp4/WebReady.h, docs/recording.md).

#include "app/Cli.h"
#include "core/io/Paths.h"
#include "core/mp4/WebReady.h"

#include <QCommandLineParser>

#include <cstdio>

namespace tapedeck::cli {
namespace {

void printLine(std::FILE *f, const QString &line)
{
    const QByteArray b = (displayPath(line) + u'\n').toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), f);
}

} // namespace

ExitCode runWebReady(const QStringList &args)
{
    QCommandLineParser p;
    p.addHelpOption();
    p.setApplicationDescription(QStringLiteral(
        "Moves the header (moov) of each MP4 in front of its media, so a web server can stream it from the "
        "start. Nothing is re-encoded; the file is rewritten beside itself and renamed over the original only "
        "when complete. A file a recording is still writing is refused."));
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("MP4 files."), QStringLiteral("FILE..."));
    QString parseError;
    if (!parseArguments(p, QStringLiteral("tapedeck web-ready"), args, &parseError)) {
        printLine(stderr, QStringLiteral("tapedeck web-ready: %1").arg(parseError));
        return ExitCode::Usage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        printLine(stdout, p.helpText());
        return ExitCode::Ok;
    }
    const QStringList files = p.positionalArguments();
    if (files.isEmpty()) {
        printLine(stderr, QStringLiteral("tapedeck web-ready: name at least one MP4 file"));
        return ExitCode::Usage;
    }
    bool allOk = true;
    for (const QString &f : files) {
        const auto r = mp4::makeWebReady(f);
        if (r) {
            printLine(stdout, QStringLiteral("tapedeck: %1").arg(r->summary()));
        } else {
            printLine(stderr, QStringLiteral("tapedeck web-ready: %1").arg(r.message()));
            allOk = false;
        }
    }
    return allOk ? ExitCode::Ok : ExitCode::Failed;
}

} // namespace tapedeck::cli

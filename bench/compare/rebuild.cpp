// Rebuilds a crashed Tapedeck MP4 from its sidecars with the same code the
// recovery wizard and `tapedeck recover` run (core/mp4/Rebuild.h). The crash
// table uses it when the CLI has no `recover` subcommand yet.
//
//   tapedeck_bench_rebuild PATH.mp4     (or PATH.mp4.info)

#include "core/mp4/Rebuild.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: tapedeck_bench_rebuild PATH.mp4\n");
        return 2;
    }
    auto r = tapedeck::mp4::rebuildMp4(QString::fromLocal8Bit(argv[1]));
    if (!r) {
        std::fprintf(stderr, "rebuild: %s\n", qPrintable(r.message()));
        return 1;
    }
    std::printf("%s\n", qPrintable(r->summary()));
    return 0;
}

#include "app/Cli.h"

#include <cstdio>

namespace tapedeck::cli {
int runRecord(const QStringList &) { std::fprintf(stderr, "tapedeck record: engine under construction\n"); return 2; }
int runProbe(const QStringList &) { std::fprintf(stderr, "tapedeck probe: engine under construction\n"); return 2; }
int runHeadlessDemo() { return runRecord({}); }
void printUsage() {}
} // namespace tapedeck::cli

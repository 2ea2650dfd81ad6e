#include "app/Cli.h"

#include <cstdio>

namespace tapedeck::cli {
int runRecover(const QStringList &)
{
    std::fprintf(stderr, "tapedeck recover: not yet available\n");
    return 2;
}
} // namespace tapedeck::cli

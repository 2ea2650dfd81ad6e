// The usage and the version, with stdio only: the thin front prints them
// without loading Qt or FFmpeg (app/CliFront.cpp).
#include "app/CliCommands.h"

#include <cstdio>

#ifndef TAPEDECK_VERSION
#error "TAPEDECK_VERSION must be defined by the build (app/CMakeLists.txt)"
#endif

namespace tapedeck::cli {

void printUsage()
{
    const char *text =
        "Usage:\n"
        "  tapedeck                      start the desktop app (no display: record the demo source)\n"
        "  tapedeck record SOURCE --type ts|flv|mp4 (--out PATH | --out-dir DIR [--name PATTERN])\n"
        "                  [--chunk SECONDS] [--duration SECONDS] [--overwrite] [--realtime]\n"
        "                  [--wait | --whenever-live [--reconnect-window SECONDS]]\n"
        "                  [--program N] [--tracks v:0,a:eng,...]\n"
        "  tapedeck probe SOURCE [--json] [--program N] [--tracks LIST]   programs and tracks\n"
        "  tapedeck recover PATH... [--out DIR] [--dry-run] [--keep] [--fps N] [--json]\n"
        "  tapedeck web-ready FILE...    move an MP4's header in front of its media (no re-encoding)\n"
        "  tapedeck-cli serve [--listen ADDR:PORT] [--dir DIR] [--rotate-token] [--tls-cert F --tls-key F]\n"
        "\n"
        "SOURCE is a URL (rtmp://, rtsp://, srt://, http(s)://...m3u8, udp://), a local file,\n"
        "a named source from your source list, or \"demo\" (built-in test pattern and tone).\n"
        "PATH is the output path without extension: --out media/rec writes media/rec.ts,\n"
        "or media/rec_part0000.ts, media/rec_part0001.ts, ... with --chunk.\n";
    std::fputs(text, stdout);
}
void printVersion() { std::printf("tapedeck %s\n", TAPEDECK_VERSION); }

} // namespace tapedeck::cli

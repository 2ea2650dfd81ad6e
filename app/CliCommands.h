#pragma once
// The names of the command line's commands and its usage text, without Qt:
// the thin `tapedeck-cli` front (app/CliFront.cpp) answers --help, --version
// and mistyped commands from this alone, and the engine (app/CliMain.cpp)
// maps the same names to what runs them, so the two cannot drift apart.

#include <array>
#include <string_view>

namespace tapedeck::cli {

// What the command line's exit status means (README, "Command line").
enum class ExitCode : int {
    Ok = 0,              // saved / done
    Failed = 1,          // the reason is on stderr, one line
    Usage = 2,           // the command line itself is wrong
    NothingRecorded = 3, // cancelled before the stream appeared
    TargetExists = 4,    // the output exists and --overwrite was not given
};

enum class CommandId { Record, Probe, Recover, Serve, WebReady, Help, Version };

struct CommandName {
    std::string_view name;
    std::array<std::string_view, 2> aliases; // empty ones are unused
    CommandId id;
};

inline constexpr CommandName kCommandNames[] = {
    {"record", {}, CommandId::Record},      {"probe", {}, CommandId::Probe},
    {"recover", {}, CommandId::Recover},    {"serve", {}, CommandId::Serve},
    {"web-ready", {}, CommandId::WebReady}, {"help", {"--help", "-h"}, CommandId::Help},
    {"--version", {}, CommandId::Version},
};

// The entry of kCommandNames named (or aliased) `name`; nullptr for none.
constexpr const CommandName *findCommandName(const char *name)
{
    if (!name)
        return nullptr;
    const std::string_view wanted(name);
    for (const CommandName &c : kCommandNames) {
        if (c.name == wanted)
            return &c;
        for (std::string_view alias : c.aliases)
            if (!alias.empty() && alias == wanted)
                return &c;
    }
    return nullptr;
}

// The usage on stdout (app/CliUsage.cpp; stdio only).
void printUsage();
// "tapedeck VERSION" on stdout.
void printVersion();

} // namespace tapedeck::cli

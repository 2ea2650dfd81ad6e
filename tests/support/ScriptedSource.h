#pragma once
// A packet source for engine tests, scripted in-process: real encoded packets
// (the demo source's H.264 + AAC, encoded once per test process) behind opens
// that fail, block or succeed, reads that end, fail or stall. Injected through
// SessionHooks::sourceFactory; no network, no real time, milliseconds a run.

#include "core/source/Source.h"

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace testsupport {

// One connection: what open() does, then what read() hands over.
struct ScriptedConnection {
    std::optional<tapedeck::Error> openError; // open() fails with this
    int openDelayUs = 0;                      // open() takes this long (stop ends it early: Cancelled)
    bool openBlocksUntilStop = false;         // open() never answers (a dead peer) until stop
    int packets = 0;                          // packets read after the open
    int packetDelayUs = 0;                    // each read() takes this long
    // After the packets: read() blocks until stop (a stalled peer that is
    // not given up on), else returns `end`.
    bool stallUntilStop = false;
    // After every this many video packets, one more access unit of the video
    // stream with no picture in it (only a delimiter), extra to `packets`.
    int picturelessEvery = 0;
    tapedeck::Error end{tapedeck::ErrorCode::EndOfStream, QStringLiteral("the script ended")};
};

struct Script {
    std::vector<ScriptedConnection> connections; // one per open(); the last one repeats
    bool live = true;
};

class ScriptedSources {
public:
    explicit ScriptedSources(Script script);
    // The factory to put into SessionHooks::sourceFactory.
    tapedeck::SourceFactory factory() const;
    int opens() const;           // open() calls so far
    int packetsRead() const;     // packets handed over so far
    int picturelessSent() const; // access units without a picture handed over (picturelessEvery)

    // The library the packets come from: its streams and packets in order.
    static const std::vector<tapedeck::StreamInfo> &streams();
    static int libraryPackets();

    struct State;

private:
    std::shared_ptr<State> m_state;
};

} // namespace testsupport

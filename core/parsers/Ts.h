#pragma once
// MPEG-TS files cut short: a killed recording ends in a partial 188-byte
// packet (and sometimes a zero-filled tail after it). Classification reads
// three packet headers and the tail; fuzzed (tests/fuzz).

#include <QString>

#include <cstdint>
#include <vector>

namespace tapedeck::recovery {

struct TsInspect {
    bool isTs = false;
    int64_t packets = 0;    // whole packets kept
    int64_t goodBytes = 0;  // packets * 188
    int64_t tailBytes = 0;  // bytes dropped by a trim (partial packet, zeroed packets)
    int64_t badPackets = 0; // whole packets at the end without a sync byte
    QString problem;        // why it is not a (recoverable) TS
};

// `data` is the whole file (memory-mapped: only the touched pages are read).
TsInspect inspectTs(const uint8_t *data, size_t size);

// The last PES of each elementary stream in a killed file may be torn (its
// frame cut short even though the packets are whole). Walks every packet of
// [0, goodBytes) and marks, per PID, the packets of a last PES that cannot be
// shown complete (unbounded length, or fewer bytes than it declares).
struct TsTrimPlan {
    std::vector<uint8_t> keep; // per packet: 1 = copy
    int64_t droppedPackets = 0;
    int droppedStreams = 0; // PIDs that lost their last PES
};
TsTrimPlan planTsTrim(const uint8_t *data, int64_t goodBytes);

} // namespace tapedeck::recovery

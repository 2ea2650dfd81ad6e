#pragma once
// MPEG-TS files cut short: a killed recording ends in a partial 188-byte
// packet (and sometimes a zero-filled tail after it). Classification reads
// three packet headers and the tail; fuzzed (tests/fuzz).

#include <QString>

#include <cstdint>

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

} // namespace tapedeck::recovery

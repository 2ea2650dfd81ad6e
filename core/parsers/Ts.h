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

// Tapedeck's own marks (core/base/TsMarks.h): `ours` when the first packet
// is the begin mark, `closed` when the last whole packet is the end mark.
struct TsClosure {
    bool ours = false;
    bool closed = false;
};
TsClosure tsClosure(const uint8_t *data, int64_t goodBytes);

// True when every whole packet is a null packet (PID 0x1FFF: padding, or
// Tapedeck's marks): a file that holds nothing, as a power cut leaves a
// chunk just opened. Stops at the first other packet, so O(1) for a file
// with media.
bool tsHoldsOnlyNullPackets(const uint8_t *data, int64_t goodBytes);

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

// The audio and video streams the program table (PMT) declares, and which of
// them never start a PES in the file. A TS cut just after a chunk began can
// hold the video's first packets and none of the audio: its PMT still lists
// the AAC stream, whose sample rate is then unknown, and ffmpeg and
// GStreamer refuse the file. Only audio and video stream types count
// (subtitles, SCTE-35 and metadata streams are sparse by nature). Files
// longer than kTsSilenceWindow bytes are judged on that first window only
// and a stream not yet seen there is not called silent: a scan of a healthy
// recording stays O(1).
struct TsStreamCheck {
    int pmtPid = -1;             // -1: no PAT/PMT found before the media
    bool pmtRewritable = false;  // the PMT section fits in one packet
    std::vector<int> esPids;     // declared audio/video PIDs
    std::vector<int> silentPids; // of those, the ones with no PES start
    std::vector<int> videoPids;  // the declared video PIDs (a subset of esPids)
    bool allSilent() const { return !esPids.empty() && silentPids.size() == esPids.size(); }
    // Video is declared and none of it carries a packet.
    bool videoSilent() const;
};
constexpr int64_t kTsSilenceWindow = 64LL << 20;
// `keep` (optional): per packet, 0 = will be dropped by a trim (planTsTrim).
TsStreamCheck checkTsStreams(const uint8_t *data, int64_t goodBytes, const std::vector<uint8_t> *keep = nullptr);

// Copies one 188-byte PMT packet with the `drop` streams removed from its
// table and the CRC recomputed; false (and `out` untouched) when the packet
// is not a single-packet PMT section of `pmtPid`.
bool rewritePmtPacket(const uint8_t *packet, int pmtPid, const std::vector<int> &drop, uint8_t *out);

} // namespace tapedeck::recovery

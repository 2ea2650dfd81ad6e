#pragma once
// ADTS AAC elementary streams (`X.mp4.aac`): header parsing and a frame walk
// that stops at the first torn or foreign frame. Fuzzed (tests/fuzz).

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>

namespace tapedeck::recovery {

struct AdtsHeader {
    int headerSize = 7;  // 9 with CRC
    int frameLength = 0; // header included
    int objectType = 0;  // MPEG-4 audio object type (2 = AAC LC)
    int sampleRateIndex = 0;
    int sampleRate = 0;
    int channelConfig = 0;
    int rawDataBlocks = 1; // AAC frames (of 1024 samples) in this ADTS frame
};

// Parses the header at data[0..]; nullopt when it is not a valid ADTS header.
std::optional<AdtsHeader> parseAdtsHeader(const uint8_t *data, size_t size);

struct AdtsScan {
    int64_t frames = 0;     // AAC frames (1024 samples each)
    int64_t validBytes = 0; // bytes up to the end of the last whole frame
    int64_t tailBytes = 0;  // bytes after it (torn frame or garbage)
    int sampleRate = 0;
    int channelConfig = 0;
    int objectType = 0;
    bool parametersChange = false; // sample rate or channels change midway
    QString problem;               // why the walk stopped early ("" = clean end)
    int64_t durationMs() const { return sampleRate > 0 ? frames * 1024 * 1000 / sampleRate : -1; }
};

// Walks whole frames from the start. `maxFrames` bounds the work (0 = all).
AdtsScan scanAdts(const uint8_t *data, size_t size, int64_t maxFrames = 0);

// AudioSpecificConfig (2 bytes) for the MP4 esds, from an ADTS header.
QByteArray audioSpecificConfig(const AdtsHeader &h);

} // namespace tapedeck::recovery

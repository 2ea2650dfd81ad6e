#pragma once
// Reading the layout of MP4/MOV files for repair (issue 12):
//  - where the media of a file without a usable index lies (its mdat,
//    whatever its size field says: 0, past the end, 32 or 64 bits);
//  - what a healthy "reference" file beside it says about its tracks: the
//    codec configuration (avcC/hvcC/esds/dOps), timescales, the usual sample
//    duration and the composition delay of the video.
// Everything here reads untrusted bytes with bounds checks and is fuzzed
// (tests/fuzz/fuzz_mp4layout.cpp).

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace tapedeck::recovery {

constexpr uint32_t fourccOf(const char (&s)[5])
{
    return (uint32_t(uint8_t(s[0])) << 24) | (uint32_t(uint8_t(s[1])) << 16) | (uint32_t(uint8_t(s[2])) << 8)
        | uint32_t(uint8_t(s[3]));
}

// The media region of a file whose index is missing or unusable.
struct BrokenMp4 {
    bool isMp4 = false; // starts with ftyp / a known top-level box, or a bare mdat
    bool hasFtyp = false;
    QByteArray majorBrand;      // "isom", "qt  ", "3gp4", ...
    bool quickTime = false;     // major brand "qt  " (a .mov)
    bool hasUsableMoov = false; // a whole moov: the file is not broken
    bool moovCut = false;       // a moov box that runs past the end of the file
    bool largeSize = false;     // the mdat header uses a 64-bit size
    int64_t mdatHeader = -1;    // offset of the mdat box header
    int64_t mdatBegin = -1;     // first media byte
    int64_t mdatEnd = -1;       // one past the last media byte present
    int64_t declaredEnd = -1;   // where the size field says the mdat ends (-1: size 0, "to the end")
    QString why;                // what is wrong, in words
};
BrokenMp4 inspectBrokenMp4(const uint8_t *data, size_t size);

enum class RefCodec { Unknown, H264, Hevc, Aac, Opus, Pcm };

struct RefTrack {
    bool video = false;
    RefCodec codec = RefCodec::Unknown;
    QByteArray sampleEntryType; // "avc1", "hev1", "mp4a", ...
    uint32_t timescale = 0;
    QByteArray config; // avcC / hvcC payload, AudioSpecificConfig, or an OpusHead
    int width = 0, height = 0;
    int sampleRate = 0, channels = 0;
    int bitsPerSample = 0;    // PCM: from the sound description
    uint32_t sampleDelta = 0; // the most common stts delta
    int64_t samples = 0;
    int64_t firstCts = 0;       // composition offset of the first sample (B-frame delay)
    int64_t elstMediaTime = -1; // first edit's media time, -1 when there is no edit list
    uint32_t maxSampleSize = 0;
    uint32_t meanSampleSize = 0;
    int nalLengthSize = 4; // from avcC/hvcC
};

struct RefLayout {
    std::vector<RefTrack> tracks; // in the file's track order
    QString problem;
};
// `data` is a whole healthy MP4/MOV file.
RefLayout readReferenceLayout(const uint8_t *data, size_t size);

// The AudioSpecificConfig inside an esds payload (after its version/flags).
QByteArray ascFromEsds(const uint8_t *data, size_t size);

} // namespace tapedeck::recovery

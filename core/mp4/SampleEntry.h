#pragma once
// Codec-specific parts of the MP4 writer (internal to core/mp4): the stsd
// sample entry for H.264, HEVC, AAC and Opus, and the conversion of packets
// into MP4 sample bytes (Annex B → length-prefixed NAL units, ADTS headers
// stripped).

#include "core/base/MediaTypes.h"
#include "core/mp4/Sidecar.h"

#include <QByteArray>

namespace tapedeck::mp4 {

enum class PayloadFormat {
    Copy,   // packets are already MP4 samples
    AnnexB, // start-code delimited NAL units → 4-byte lengths
    Adts,   // AAC with ADTS headers → raw access units
};

struct TrackSetup {
    SidecarTrack track; // sampleEntry empty while the codec setup is pending
    PayloadFormat payload = PayloadFormat::Copy;
    bool pending = false; // the setup comes from the first packet (in-band SPS/PPS, ADTS)
};

// Describes `s` as track `number`. Unsupported codecs give ErrorCode::Unsupported.
Result<TrackSetup> setupTrack(const StreamInfo &s, quint32 number);

// For a pending track: completes the sample entry from this packet's in-band
// parameter sets / ADTS header. False when the packet does not carry them.
bool completeSetupFromPacket(TrackSetup &setup, const StreamInfo &s, const quint8 *data, int size);

// The bytes that go into mdat for one packet. Empty on malformed input. May
// point into `data` without copying: use it before the packet is released.
QByteArray sampleBytes(const TrackSetup &setup, const quint8 *data, int size);

// The timescale of a track for stream `s`.
quint32 chooseTimescale(const StreamInfo &s);

} // namespace tapedeck::mp4

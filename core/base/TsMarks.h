#pragma once
// Tapedeck's marks in its own MPEG-TS files (docs/recovery.md, "MPEG-TS").
//
// A TS file has no index and no trailer: a file that ends on a whole packet
// looks finished whether its writer closed it or the power went out in the
// middle of a frame (the frame's PES has no length when it is video, so its
// torn end cannot be seen). Tapedeck therefore writes a null packet (PID
// 0x1FFF, which every demuxer discards by definition) before the first table
// and another after the last packet when the file is closed. A file that
// begins with the first mark and lacks the second was not closed: its last
// frame of each stream may be torn, and recovery drops it. Files without the
// first mark (other recorders, older Tapedeck) are judged by their tail only.

#include <array>
#include <cstdint>
#include <cstring>

namespace tapedeck {

enum class TsMark { Begin, End };

constexpr int kTsMarkPacket = 188;

inline const char *tsMarkText(TsMark m) { return m == TsMark::Begin ? "TAPEDECK TS BEGIN 1" : "TAPEDECK TS END 1"; }

// The 188-byte null packet carrying mark `m`: header 47 1F FF 10 (payload
// only, continuity counter 0), the text, then 0xFF stuffing.
inline std::array<uint8_t, kTsMarkPacket> tsMarkPacket(TsMark m)
{
    std::array<uint8_t, kTsMarkPacket> p{};
    p.fill(0xff);
    p[0] = 0x47;
    p[1] = 0x1f;
    p[2] = 0xff;
    p[3] = 0x10;
    const char *text = tsMarkText(m);
    std::memcpy(p.data() + 4, text, std::strlen(text) + 1);
    return p;
}

inline bool isTsMarkPacket(const uint8_t *packet, TsMark m)
{
    const auto want = tsMarkPacket(m);
    return std::memcmp(packet, want.data(), want.size()) == 0;
}

} // namespace tapedeck

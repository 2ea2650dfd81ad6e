#pragma once
// SCTE-35 cue messages in an MPEG-TS that FFmpeg's muxer writes.
//
// FFmpeg 5.1's MPEG-TS muxer has no SCTE-35 support: it writes a cue stream
// as anonymous private data (stream type 0x06) wrapped in PES packets, which
// no SCTE-35 reader (FFmpeg's own demuxer included) recognises. A cue is a
// splice_info_section and belongs on its PID as a section, with stream type
// 0x86 and the "CUEI" registration in the program's descriptors (SCTE 35
// §8.1). This filter sits between the muxer and the file and puts that
// right: it rewrites the PMT of each program and turns each PES on a cue PID
// back into the section it carries. Every other packet passes unchanged.

#include <QByteArray>

#include <cstdint>
#include <set>
#include <map>

namespace tapedeck {

class TsCueSections {
public:
    // PIDs the muxer writes the SCTE-35 streams on.
    explicit TsCueSections(std::set<int> cuePids);

    // Muxer output in, file bytes out: whole 188-byte packets; a packet cut
    // by the muxer's buffer waits for its rest.
    QByteArray push(const uint8_t *data, int size);

    // Cues that were not whole sections (left out), for the notes.
    int malformedCues() const { return m_malformed; }
    // The PMT spans more than one packet and was left as it was (so were the cues).
    bool pmtUnchanged() const { return m_pmtUnchanged; }

private:
    void packet(const uint8_t *p, QByteArray &out);
    void rewritePmt(const uint8_t *p, QByteArray &out);
    void cuePacket(int pid, const uint8_t *p, QByteArray &out);
    void emitSection(int pid, const QByteArray &section, QByteArray &out);

    std::set<int> m_cuePids;
    std::set<int> m_pmtPids;
    QByteArray m_partial;                // an unfinished packet from the last push
    std::map<int, QByteArray> m_pes;     // a cue PID's PES being gathered
    std::map<int, uint8_t> m_continuity; // our own counter per cue PID
    int m_malformed = 0;
    bool m_pmtUnchanged = false; // a PMT too long to rewrite: cues stay FFmpeg's PES
};

// CRC-32/MPEG-2 of PSI sections.
uint32_t mpegCrc32(const uint8_t *data, size_t size);

} // namespace tapedeck

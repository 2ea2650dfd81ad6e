#pragma once
// The pieces of the MP4 repair (Mp4Repair.h) shared by its files: what is
// known about each track, the walk that finds the samples in the mdat, and
// the timing rebuilt from them. Internal to core/recovery.
//   RepairSetup.cpp     tracks from a reference file or from the stream itself
//   RepairWalk.cpp      the walk: which track has a sample where, resync
//   RepairResidual.cpp  audio with no framing of its own (PCM, Opus)
//   RepairTiming.cpp    presentation order from POC, the writer's streams
//   Mp4Repair.cpp       planning, choosing a reference, writing the result

#include "core/recovery/Mp4Repair.h"

#include "core/base/Result.h"
#include "core/io/MappedFile.h"
#include "core/parsers/AacFramer.h"
#include "core/parsers/NalWalk.h"
#include "core/parsers/OpusScore.h"
#include "core/recovery/Mp4Layout.h"
#include "core/writer/Writer.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace tapedeck::recovery::repair {

constexpr int64_t kPlanBytes = 4LL << 20;  // what planning and reference picking walk
constexpr int64_t kProbeBytes = 8LL << 20; // where in-band parameter sets are looked for
constexpr int kResyncConfirm = 2;          // samples that must follow a resync point

struct Sample {
    int64_t offset = 0;
    uint32_t size = 0;
    int32_t duration = 0; // audio: decoded samples
    bool key = false;
    bool idr = false;
    int64_t poc = 0; // video: picture order count
};

struct Track {
    bool video = false;
    RefCodec codec = RefCodec::Unknown;
    QByteArray config;
    uint32_t timescale = 0;
    uint32_t delta = 0;         // video frame duration in timescale units
    int64_t refDelayTicks = -1; // composition delay from the reference
    int width = 0, height = 0;
    int sampleRate = 0, channels = 0;
    int64_t priming = 0; // audio: encoder priming, samples the repaired file's edit list skips
    VideoStreamState vstate;
    std::optional<AacFramer> aac;
    int64_t nextTicks = 0; // audio: decoded samples so far (for interleaving)
    // Audio with no structure of its own (PCM, Opus) takes the bytes between
    // the samples of the other tracks: the "residual" track.
    bool residual = false;
    AVCodecID pcmId = AV_CODEC_ID_NONE;
    int blockAlign = 0;        // PCM: bytes per frame (all channels)
    int64_t lastFrameNum = -1; // H.264: frame_num of the last picture
    // Opus: TOC bytes seen at the start of a run (where a packet surely
    // starts), and the sizes of the last packets (their mean predicts how
    // many packets a run holds).
    bool opus = false;
    std::optional<OpusScore> opusScore;
    std::vector<uint8_t> opusTocs;
    std::vector<uint32_t> recentSizes;
    double meanSize = 0;
    int64_t ambiguousRuns = 0;
    bool discard = false; // an audio track repair cannot frame: its bytes are left out
    QString unsupported;  // its sample entry type
    int64_t discardedBytes = 0;
    std::vector<Sample> samples;
    // HEVC POC across pictures.
    int64_t hevcPrevMsb = 0, hevcPrevLsb = 0;
    PocTracker h264Poc;
};

QString codecName(RefCodec c);
QString fpsText(uint32_t timescale, uint32_t delta);
QString describe(const Track &t);

Status setupFromReference(const RefLayout &ref, std::vector<Track> &tracks);
// Video from in-band parameter sets; audio (AAC-LC) by trying the usual
// configurations on the first bytes that are not video.
Status setupFromStream(const uint8_t *data, int64_t begin, int64_t end, std::vector<Track> &tracks, QStringList &notes);

// Samples at 48 kHz of an Opus packet, from its TOC (RFC 6716 3.1), 0 when
// the packet is malformed.
int opusPacketSamples(const uint8_t *p, int64_t size);

// How far behind itself a walk keeps the file mapped (a few samples look
// back: Opus scoring, the last video sample), and how often it lets go.
constexpr int64_t kKeepBehind = 4LL << 20;
constexpr int64_t kReleaseEvery = 8LL << 20;

struct Walker {
    const uint8_t *data = nullptr;
    int64_t end = 0;
    std::vector<Track> *tracks = nullptr;
    const MappedFile *map = nullptr; // released behind the walk when set

    int residual = -1; // index of the residual track, -1: none
    int64_t residualSkipped = 0;

    // Track order to try at a position: video first (its check is strict),
    // then audio by time so that two tracks of one codec alternate as the
    // muxer interleaved them.
    std::vector<size_t> order() const;
    // Size of a sample of track `i` at `pos` (0: none). `commit` records it.
    int64_t match(size_t i, int64_t pos, bool commit);
    // Whether a video sample starts at `pos` (not committed). The length
    // field and NAL header are checked first: most bytes fail there.
    bool videoStartsAt(int64_t pos) const;
    // A video sample whose NAL length runs past the end of the media: the
    // sample the recorder was writing when it stopped, not residual audio.
    bool looksLikeCutVideo(int64_t pos) const;
    // Whether the bytes from `pos` to the end are one video sample the
    // recorder was writing when it stopped: NAL units whose lengths and
    // headers hold together, the last one cut by the end of the media.
    // Looking for samples inside it byte by byte would cost an AAC decode
    // per byte of the picture and can only find look-alikes.
    bool cutVideoSample(int64_t pos) const;
    // Which track has a sample at `pos`, -1 if none.
    int claim(int64_t pos, bool commit, int64_t *size);
    // Whether a video sample at `pos` (found while looking for the end of a
    // residual run) is a real one: followed by another sample, or the end,
    // or its picture fits the pictures before it (frame_num / POC).
    bool residualBoundary(int64_t pos, int64_t size);
    // The bytes [from, to) belong to the residual track. `cut`: the media
    // ends inside them (a partial frame at the end is left out).
    void commitResidual(int64_t from, int64_t to, bool cut, std::vector<SkippedRange> &skipped);
    // An Opus run: packets without lengths, one after the other. A packet
    // starts with a TOC byte like those seen at the start of runs; how
    // many packets the run holds follows from its length and the recent
    // packet sizes, and among the TOC-like bytes the split that makes the
    // packets most alike is taken (VBR sizes vary little from one packet
    // to the next; a byte that only looks like a TOC lands anywhere).
    void commitOpus(Track &t, int64_t from, int64_t to, bool cut);
    bool confirmed(int64_t pos);
    // Walks [begin, end); returns the ranges nothing claimed.
    Status run(int64_t begin, std::vector<SkippedRange> &skipped, const std::atomic_bool *cancel,
               const std::function<void(qint64, qint64)> &progress);
};

// Presentation order within each run from one IDR to the next, from the
// POC values themselves (not their rank), so that pictures missing at a cut
// leave their gap and the ones before them keep their times.
int64_t assignVideoTiming(std::vector<Sample> &v, std::vector<int64_t> &ptsIndex);
StreamInfo streamFor(const Track &t, int index);

} // namespace tapedeck::recovery::repair

#include "core/recovery/Mp4Repair.h"

#include "core/base/FFmpeg.h"
#include "core/mp4/Mp4Writer.h"
#include "core/parsers/AacFramer.h"
#include "core/parsers/OpusScore.h"
#include "core/io/MappedFile.h"
#include "core/recovery/Mp4Layout.h"
#include "core/parsers/NalWalk.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/mathematics.h>
}

#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <map>
#include <numeric>

namespace tapedeck::recovery {

namespace {

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

QString codecName(RefCodec c)
{
    switch (c) {
    case RefCodec::H264:
        return QStringLiteral("h264");
    case RefCodec::Hevc:
        return QStringLiteral("hevc");
    case RefCodec::Aac:
        return QStringLiteral("aac");
    case RefCodec::Opus:
        return QStringLiteral("opus");
    case RefCodec::Pcm:
        return QStringLiteral("pcm");
    case RefCodec::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString fpsText(uint32_t timescale, uint32_t delta)
{
    if (delta == 0)
        return QStringLiteral("?");
    const double f = double(timescale) / delta;
    return QString::number(f, 'f', std::abs(f - std::round(f)) < 1e-6 ? 0 : 3);
}

QString describe(const Track &t)
{
    if (t.video)
        return QStringLiteral("%1 %2x%3 %4 fps")
            .arg(codecName(t.codec))
            .arg(t.width)
            .arg(t.height)
            .arg(fpsText(t.timescale, t.delta));
    return QStringLiteral("%1 %2 Hz %3 ch").arg(codecName(t.codec)).arg(t.sampleRate).arg(t.channels);
}

// ffmpeg's mov muxer doubles a video clock until it reaches 10000; doing the
// same gives the same timestamps a clean stop would have written.
void timescaleFromRate(Track &t, int num, int den)
{
    if (num <= 0 || den <= 0)
        return;
    const int g = std::gcd(num, den);
    uint32_t ts = uint32_t(num / g);
    uint32_t d = uint32_t(den / g);
    while (ts < 10000) {
        ts *= 2;
        d *= 2;
    }
    t.timescale = ts;
    t.delta = d;
}

// Samples at 48 kHz of an Opus packet, from its TOC (RFC 6716 3.1), 0 when
// the packet is malformed.
int opusPacketSamples(const uint8_t *p, int64_t size)
{
    if (size < 1)
        return 0;
    const int config = p[0] >> 3;
    static const int kSilkHybrid[] = {480, 960, 1920, 2880};
    int frame = 0;
    if (config < 12)
        frame = kSilkHybrid[config & 3];
    else if (config < 16)
        frame = (config & 1) ? 960 : 480;
    else
        frame = 120 << (config & 3);
    int frames = 1;
    switch (p[0] & 3) {
    case 0:
        break;
    case 1:
    case 2:
        frames = 2;
        break;
    default:
        if (size < 2)
            return 0;
        frames = p[1] & 0x3f;
        break;
    }
    const int samples = frame * frames;
    return frames > 0 && samples <= 5760 ? samples : 0;
}

// PCM's layout is all in its sample entry: the fourcc says the format.
bool setupPcm(const RefTrack &r, Track &t)
{
    const QByteArray f = r.sampleEntryType;
    int bits = 0;
    if (f == "sowt" || f == "twos") {
        bits = 16;
        t.pcmId = f == "sowt" ? AV_CODEC_ID_PCM_S16LE : AV_CODEC_ID_PCM_S16BE;
    } else if (f == "in24") {
        bits = 24;
        t.pcmId = AV_CODEC_ID_PCM_S24BE;
    } else if (f == "in32" || f == "fl32") {
        bits = 32;
        t.pcmId = f == "in32" ? AV_CODEC_ID_PCM_S32BE : AV_CODEC_ID_PCM_F32BE;
    } else if (f == "fl64") {
        bits = 64;
        t.pcmId = AV_CODEC_ID_PCM_F64BE;
    } else if (f == "raw ") {
        bits = 8;
        t.pcmId = AV_CODEC_ID_PCM_U8;
    }
    if (bits == 0 || r.channels <= 0 || r.channels > 64 || r.sampleRate <= 0)
        return false;
    t.residual = true;
    t.blockAlign = bits / 8 * r.channels;
    t.timescale = uint32_t(r.sampleRate);
    return true;
}

Status setupFromReference(const RefLayout &ref, std::vector<Track> &tracks)
{
    for (const RefTrack &r : ref.tracks) {
        Track t;
        t.video = r.video;
        t.codec = r.codec;
        t.config = r.config;
        t.timescale = r.timescale;
        t.delta = r.sampleDelta;
        t.width = r.width;
        t.height = r.height;
        t.sampleRate = r.sampleRate;
        t.channels = r.channels;
        if (r.video) {
            if (r.codec != RefCodec::H264 && r.codec != RefCodec::Hevc)
                return makeError(ErrorCode::Unsupported,
                                 QStringLiteral("the reference's video is %1; repair handles H.264 and HEVC")
                                     .arg(QString::fromLatin1(r.sampleEntryType)));
            t.vstate.hevc = r.codec == RefCodec::Hevc;
            if (!loadDecoderConfig(r.config, t.vstate))
                return makeError(ErrorCode::Corrupt,
                                 QStringLiteral("the reference's video configuration is unreadable"));
            if (r.maxSampleSize > 0)
                t.vstate.maxAccessUnit = std::max<int64_t>(int64_t(r.maxSampleSize) * 8, 4 << 20);
            if (r.firstCts > 0)
                t.refDelayTicks = r.firstCts;
            else if (r.elstMediaTime >= 0)
                t.refDelayTicks = r.elstMediaTime;
            if (t.delta == 0)
                return makeError(ErrorCode::Corrupt, QStringLiteral("the reference's video has no frame duration"));
        } else if (r.codec == RefCodec::Opus) {
            if (r.config.size() < 19 || r.channels <= 0)
                return makeError(ErrorCode::Corrupt,
                                 QStringLiteral("the reference's Opus configuration is unreadable"));
            t.residual = true;
            t.opus = true;
            t.sampleRate = 48000;
            t.timescale = 48000;
            t.channels = uint8_t(r.config[9]);
            t.meanSize = r.meanSampleSize > 0 ? r.meanSampleSize : 160;
            if (auto sc = OpusScore::open(r.config))
                t.opusScore.emplace(std::move(*sc));
        } else if (r.codec == RefCodec::Pcm) {
            if (!setupPcm(r, t))
                return makeError(ErrorCode::Unsupported,
                                 QStringLiteral("the reference's PCM audio (%1, %2 channel(s)) is not one repair reads")
                                     .arg(QString::fromLatin1(r.sampleEntryType))
                                     .arg(r.channels));
        } else if (r.codec != RefCodec::Aac) {
            // An audio codec repair cannot frame: its bytes (those between
            // the video samples) are left out, and the video still comes back.
            t.residual = true;
            t.discard = true;
            t.unsupported = QString::fromLatin1(r.sampleEntryType).trimmed();
        } else {
            auto f = AacFramer::open(r.config);
            if (!f)
                return f.error();
            t.sampleRate = f->sampleRate();
            t.channels = f->channels();
            t.aac.emplace(std::move(*f));
        }
        tracks.push_back(std::move(t));
    }
    if (std::count_if(tracks.begin(), tracks.end(), [](const Track &t) { return t.residual; }) > 1)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("the reference has two PCM or Opus tracks: their bytes cannot be told apart "
                                        "without an index"));
    return {};
}

// Video from in-band parameter sets; audio (AAC-LC) by trying the usual
// configurations on the first bytes that are not video.
Status setupFromStream(const uint8_t *data, int64_t begin, int64_t end, std::vector<Track> &tracks, QStringList &notes)
{
    const auto params = findInBandParameterSets(data + begin, std::min(end - begin, kProbeBytes));
    if (!params)
        return makeError(ErrorCode::Unsupported,
                         QStringLiteral("the video carries no parameter sets in the stream (SPS/PPS), so its layout "
                                        "cannot be learnt from the file alone: give a healthy file from the same "
                                        "recorder as reference"));
    Track v;
    v.video = true;
    v.codec = params->hevc ? RefCodec::Hevc : RefCodec::H264;
    v.vstate.hevc = params->hevc;
    if (!params->hevc) {
        v.config = makeAvcC(params->sps, params->pps);
        v.width = params->h264Sps->width;
        v.height = params->h264Sps->height;
        timescaleFromRate(v, params->h264Sps->frameRateNum, params->h264Sps->frameRateDen);
        if (v.delta == 0) {
            timescaleFromRate(v, 25, 1);
            notes << QStringLiteral(
                "the SPS has no frame rate: 25 fps assumed (give a reference file for the right one)");
        } else {
            notes << QStringLiteral("video frame rate %1 fps from the SPS timing").arg(fpsText(v.timescale, v.delta));
        }
    } else {
        v.config = makeHvcC(params->vps, params->sps, params->pps);
        const auto s =
            parseHevcSps(reinterpret_cast<const uint8_t *>(params->sps.constData()), size_t(params->sps.size()));
        v.width = s->width;
        v.height = s->height;
        const auto [num, den] =
            hevcVpsFrameRate(reinterpret_cast<const uint8_t *>(params->vps.constData()), size_t(params->vps.size()));
        if (num > 0) {
            timescaleFromRate(v, num, den);
            notes << QStringLiteral("video frame rate %1 fps from the VPS timing").arg(fpsText(v.timescale, v.delta));
        } else if (s->fpsNum > 0) {
            timescaleFromRate(v, s->fpsNum, s->fpsDen);
            notes << QStringLiteral("video frame rate %1 fps from the SPS timing").arg(fpsText(v.timescale, v.delta));
        } else {
            timescaleFromRate(v, 25, 1);
            notes << QStringLiteral(
                "neither VPS nor SPS has a frame rate: 25 fps assumed (give a reference file for the right one)");
        }
    }
    if (!loadDecoderConfig(v.config, v.vstate))
        return makeError(ErrorCode::Corrupt, QStringLiteral("the in-band parameter sets are unreadable"));
    tracks.push_back(std::move(v));

    // The first bytes after a run of video samples are another track's.
    int64_t pos = begin;
    VideoStreamState probe = tracks[0].vstate;
    int64_t audioAt = -1;
    for (int guard = 0; pos < end && guard < 100000 && audioAt < 0; ++guard) {
        if (auto m = matchAccessUnit(data + pos, end - pos, probe)) {
            pos += m->size;
            continue;
        }
        audioAt = pos;
    }
    if (audioAt < 0)
        return {};
    for (int channels : {2, 1, 6}) {
        for (int rate : {48000, 32000, 24000, 16000, 8000, 64000, 96000, 12000}) {
            auto f = AacFramer::open(makeAacLcConfig(rate, channels));
            if (!f)
                continue;
            int64_t p = audioAt;
            int frames = 0;
            for (; frames < 3 && p < end; ++frames) {
                const auto fr = f->frameAt(data + p, end - p);
                if (!fr)
                    break;
                p += fr->size;
            }
            if (frames == 0 || (frames < 3 && p < end && !matchAccessUnit(data + p, end - p, probe)))
                continue;
            Track a;
            a.codec = RefCodec::Aac;
            a.sampleRate = rate;
            a.channels = channels;
            a.config = makeAacLcConfig(rate, channels);
            a.timescale = uint32_t(rate);
            a.aac.emplace(std::move(*f));
            tracks.push_back(std::move(a));
            notes << QStringLiteral("audio: AAC-LC, %1 channel(s), found by decoding").arg(channels);
            return {};
        }
    }
    notes << QStringLiteral("the bytes between the video samples are not AAC this repair can decode: video only");
    return {};
}

// How far behind itself a walk keeps the file mapped (a few samples look
// back: Opus scoring, the last video sample), and how often it lets go.
constexpr int64_t kKeepBehind = 4LL << 20;
constexpr int64_t kReleaseEvery = 8LL << 20;

struct Walker {
    const uint8_t *data = nullptr;
    int64_t end = 0;
    std::vector<Track> *tracks = nullptr;
    const MappedFile *map = nullptr; // released behind the walk when set

    // Track order to try at a position: video first (its check is strict),
    // then audio by time so that two tracks of one codec alternate as the
    // muxer interleaved them.
    std::vector<size_t> order() const
    {
        std::vector<size_t> o(tracks->size());
        std::iota(o.begin(), o.end(), size_t(0));
        std::stable_sort(o.begin(), o.end(), [&](size_t a, size_t b) {
            const Track &ta = (*tracks)[a], &tb = (*tracks)[b];
            if (ta.video != tb.video)
                return ta.video;
            if (ta.video)
                return false;
            const double sa = double(ta.nextTicks) / std::max(1, ta.sampleRate);
            const double sb = double(tb.nextTicks) / std::max(1, tb.sampleRate);
            return sa < sb;
        });
        return o;
    }

    // Size of a sample of track `i` at `pos` (0: none). `commit` records it.
    int64_t match(size_t i, int64_t pos, bool commit)
    {
        Track &t = (*tracks)[i];
        if (t.video) {
            VideoStreamState st = t.vstate;
            const auto m = matchAccessUnit(data + pos, end - pos, st);
            if (!m)
                return 0;
            if (commit) {
                t.vstate = st;
                Sample s;
                s.offset = pos;
                s.size = uint32_t(m->size);
                s.key = m->key;
                s.idr = m->idr;
                if (m->slice)
                    t.lastFrameNum = m->slice->frameNum;
                if (!t.vstate.hevc) {
                    if (m->slice && t.vstate.sps)
                        s.poc = t.h264Poc.next(*m->slice, *t.vstate.sps);
                    else
                        s.poc = int64_t(t.samples.size()) * 2;
                } else if (m->hevcPocLsb >= 0 && t.vstate.hevcSps) {
                    const int64_t maxLsb = int64_t(1) << t.vstate.hevcSps->log2MaxPocLsb;
                    const int64_t lsb = m->hevcPocLsb;
                    int64_t msb = t.hevcPrevMsb;
                    if (m->idr || (m->key && t.samples.empty())) {
                        msb = 0;
                    } else if (lsb < t.hevcPrevLsb && t.hevcPrevLsb - lsb >= maxLsb / 2) {
                        msb += maxLsb;
                    } else if (lsb > t.hevcPrevLsb && lsb - t.hevcPrevLsb > maxLsb / 2) {
                        msb -= maxLsb;
                    }
                    s.poc = msb + lsb;
                    t.hevcPrevMsb = msb;
                    t.hevcPrevLsb = lsb;
                } else {
                    s.poc = int64_t(t.samples.size()) * 2;
                }
                t.samples.push_back(s);
            }
            return m->size;
        }
        if (!t.aac)
            return 0;
        // An AAC frame starts with a single-channel, channel-pair or fill element.
        const int elem = data[pos] >> 5;
        if (elem != 0 && elem != 1 && elem != 6 && elem != 3)
            return 0;
        // The last frame of a run ends where the next video sample starts.
        const auto f =
            t.aac->frameAt(data + pos, end - pos, [this, pos](int64_t offset) { return videoStartsAt(pos + offset); });
        if (!f)
            return 0;
        if (commit) {
            t.samples.push_back(Sample{pos, uint32_t(f->size), f->samples, true, false, 0});
            t.nextTicks += f->samples;
        }
        return f->size;
    }

    // Whether a video sample starts at `pos` (not committed). The length
    // field and NAL header are checked first: most bytes fail there.
    bool videoStartsAt(int64_t pos) const
    {
        for (const Track &t : *tracks) {
            const int ls = t.vstate.lengthSize;
            if (!t.video || pos + ls + 2 > end)
                continue;
            int64_t len = 0;
            for (int i = 0; i < ls; ++i)
                len = (len << 8) | data[pos + i];
            if (len == 0 || len > end - pos - ls || (data[pos + ls] & 0x80) != 0)
                continue;
            VideoStreamState st = t.vstate;
            if (matchAccessUnit(data + pos, end - pos, st))
                return true;
        }
        return false;
    }

    // A video sample whose NAL length runs past the end of the media: the
    // sample the recorder was writing when it stopped, not residual audio.
    bool looksLikeCutVideo(int64_t pos) const
    {
        for (const Track &t : *tracks) {
            if (!t.video || pos + t.vstate.lengthSize + 2 > end)
                continue;
            int64_t len = 0;
            for (int i = 0; i < t.vstate.lengthSize; ++i)
                len = (len << 8) | data[pos + i];
            const uint8_t h = data[pos + t.vstate.lengthSize];
            if (len > end - pos - t.vstate.lengthSize && len < t.vstate.maxAccessUnit && (h & 0x80) == 0)
                return true;
        }
        return false;
    }

    // Whether the bytes from `pos` to the end are one video sample the
    // recorder was writing when it stopped: NAL units whose lengths and
    // headers hold together, the last one cut by the end of the media.
    // Looking for samples inside it byte by byte would cost an AAC decode
    // per byte of the picture and can only find look-alikes.
    bool cutVideoSample(int64_t pos) const
    {
        for (const Track &t : *tracks) {
            if (!t.video)
                continue;
            const int ls = t.vstate.lengthSize;
            int64_t p = pos;
            bool chain = true;
            while (chain && p + ls < end) {
                int64_t len = 0;
                for (int i = 0; i < ls; ++i)
                    len = (len << 8) | data[p + i];
                const uint8_t h = data[p + ls];
                const int type = t.vstate.hevc ? (h >> 1) & 0x3f : h & 0x1f;
                const bool header = (h & 0x80) == 0
                    && (t.vstate.hevc ? type < 41 && p + ls + 1 < end && (data[p + ls + 1] & 7) != 0
                                      : type >= 1 && type <= 12);
                if (len == 0 || len > t.vstate.maxAccessUnit || !header || p + ls + len - pos > t.vstate.maxAccessUnit)
                    chain = false;
                else if (p + ls + len > end)
                    return true;
                else
                    p += ls + len;
            }
            if (chain && p > pos)
                return true; // whole NAL units up to the end (or a cut length field)
        }
        return false;
    }

    // Which track has a sample at `pos`, -1 if none.
    int claim(int64_t pos, bool commit, int64_t *size)
    {
        for (size_t i : order()) {
            const int64_t n = match(i, pos, commit);
            if (n > 0) {
                *size = n;
                return int(i);
            }
        }
        return -1;
    }

    int residual = -1; // index of the residual track, -1: none
    int64_t residualSkipped = 0;

    // Whether a video sample at `pos` (found while looking for the end of a
    // residual run) is a real one: followed by another sample, or the end,
    // or its picture fits the pictures before it (frame_num / POC).
    bool residualBoundary(int64_t pos, int64_t size)
    {
        if (pos + size >= end)
            return true;
        int64_t n = 0;
        if (claim(pos + size, false, &n) >= 0)
            return true;
        for (Track &t : *tracks) {
            if (!t.video)
                continue;
            VideoStreamState st = t.vstate;
            const auto m = matchAccessUnit(data + pos, end - pos, st);
            if (!m || m->size != size)
                continue;
            if (m->idr)
                return true;
            if (!t.vstate.hevc) {
                if (!m->slice || !t.vstate.sps)
                    return false;
                if (t.lastFrameNum < 0)
                    return true;
                const int64_t maxFrameNum = int64_t(1) << t.vstate.sps->log2MaxFrameNum;
                const int64_t d = (int64_t(m->slice->frameNum) - t.lastFrameNum + maxFrameNum) % maxFrameNum;
                return d <= 1;
            }
            if (m->hevcPocLsb < 0 || !t.vstate.hevcSps)
                return false;
            const int64_t maxLsb = int64_t(1) << t.vstate.hevcSps->log2MaxPocLsb;
            const int64_t d = (int64_t(m->hevcPocLsb) - t.hevcPrevLsb + maxLsb) % maxLsb;
            return d <= 64 || maxLsb - d <= 64;
        }
        return false;
    }

    // The bytes [from, to) belong to the residual track. `cut`: the media
    // ends inside them (a partial frame at the end is left out).
    void commitResidual(int64_t from, int64_t to, bool cut, std::vector<SkippedRange> &skipped)
    {
        Track &t = (*tracks)[size_t(residual)];
        if (t.discard) {
            t.discardedBytes += to - from;
            return;
        }
        if (t.opus) {
            commitOpus(t, from, to, cut);
            return;
        }
        if (t.pcmId != AV_CODEC_ID_NONE) {
            // ffmpeg reads a chunk of PCM as packets of at most 1024 frames;
            // cutting the same way gives the same packets back.
            const int64_t frames = (to - from) / t.blockAlign;
            const int64_t rest = (to - from) - frames * t.blockAlign;
            int64_t p = from;
            for (int64_t left = frames; left > 0;) {
                const int64_t n = std::min<int64_t>(left, 1024);
                t.samples.push_back(Sample{p, uint32_t(n * t.blockAlign), int32_t(n), true, false, 0});
                t.nextTicks += n;
                p += n * t.blockAlign;
                left -= n;
            }
            if (rest > 0) {
                skipped.push_back(SkippedRange{p, rest});
                if (!cut)
                    residualSkipped += rest;
            }
        }
    }

    // An Opus run: packets without lengths, one after the other. A packet
    // starts with a TOC byte like those seen at the start of runs; how
    // many packets the run holds follows from its length and the recent
    // packet sizes, and among the TOC-like bytes the split that makes the
    // packets most alike is taken (VBR sizes vary little from one packet
    // to the next; a byte that only looks like a TOC lands anywhere).
    void commitOpus(Track &t, int64_t from, int64_t to, bool cut)
    {
        const int64_t len = to - from;
        if (len <= 0)
            return;
        if (std::find(t.opusTocs.begin(), t.opusTocs.end(), data[from]) == t.opusTocs.end() && !cut)
            t.opusTocs.push_back(data[from]);
        const int parts = std::max<int64_t>(1, std::llround(double(len) / std::max(1.0, t.meanSize)));
        std::vector<int64_t> bounds{from};
        if (parts > 1) {
            // The run's own TOC first (a stream changes its mode or bandwidth
            // seldom; every other TOC value admitted doubles the bytes that only
            // look like one), any TOC seen when that leaves too few.
            std::vector<int64_t> cands{from};
            for (int64_t i = from + 2; i < to - 1; ++i)
                if (data[i] == data[from])
                    cands.push_back(i);
            if (int64_t(cands.size()) < parts) {
                cands.assign(1, from);
                for (int64_t i = from + 2; i < to - 1; ++i)
                    if (std::find(t.opusTocs.begin(), t.opusTocs.end(), data[i]) != t.opusTocs.end())
                        cands.push_back(i);
            }
            cands.push_back(to);
            const size_t c = cands.size();
            const int k = int(std::min<size_t>(size_t(parts), c - 1));
            if (int(c) - 2 > k - 1)
                ++t.ambiguousRuns;
            // cost[j][m]: the best split of [from, cands[j]) into m packets.
            const double target = double(len) / k;
            const double inf = 1e300;
            std::vector<std::vector<double>> cost(c, std::vector<double>(size_t(k) + 1, inf));
            std::vector<std::vector<size_t>> back(c, std::vector<size_t>(size_t(k) + 1, 0));
            cost[0][0] = 0;
            for (size_t j = 1; j < c; ++j)
                for (int m = 1; m <= k; ++m)
                    for (size_t i = 0; i < j; ++i) {
                        if (cost[i][size_t(m - 1)] >= inf)
                            continue;
                        const double d = double(cands[j] - cands[i]) - target;
                        const double v = cost[i][size_t(m - 1)] + d * d;
                        if (v < cost[j][size_t(m)]) {
                            cost[j][size_t(m)] = v;
                            back[j][size_t(m)] = i;
                        }
                    }
            std::vector<int64_t> rev;
            size_t j = c - 1;
            for (int m = k; m > 1; --m) {
                j = back[j][size_t(m)];
                rev.push_back(cands[j]);
            }
            bounds.insert(bounds.end(), rev.rbegin(), rev.rend());
            // Two packets and several look-alikes: sizes alone are too even
            // to choose (VBR moves a few bytes); decode each split after the
            // packets before it and keep the one whose sound jumps least.
            if (k == 2 && c > 3 && t.opusScore) {
                std::vector<OpusScore::Span> before;
                for (size_t b = t.samples.size() > 2 ? t.samples.size() - 2 : 0; b < t.samples.size(); ++b)
                    before.push_back({data + t.samples[b].offset, t.samples[b].size});
                double best = 1e300;
                for (size_t x = 1; x + 1 < c; ++x) {
                    const double d = double(cands[x] - from) - target;
                    const double v =
                        t.opusScore->score(before, {{data + from, cands[x] - from}, {data + cands[x], to - cands[x]}})
                        + d * d / 800.0;
                    if (v < best) {
                        best = v;
                        bounds[1] = cands[x];
                    }
                }
            }
        }
        bounds.push_back(to);
        for (size_t b = 0; b + 1 < bounds.size(); ++b) {
            const int64_t size = bounds[b + 1] - bounds[b];
            const int samples = opusPacketSamples(data + bounds[b], size);
            if (samples == 0 || size > 1275 * 6)
                continue;
            t.samples.push_back(Sample{bounds[b], uint32_t(size), samples, true, false, 0});
            t.nextTicks += samples;
            t.recentSizes.push_back(uint32_t(size));
        }
        if (t.recentSizes.size() > 16)
            t.recentSizes.erase(t.recentSizes.begin(), t.recentSizes.end() - 16);
        if (!t.recentSizes.empty())
            t.meanSize = double(std::accumulate(t.recentSizes.begin(), t.recentSizes.end(), uint64_t(0)))
                / double(t.recentSizes.size());
    }

    bool confirmed(int64_t pos)
    {
        for (int k = 0; k < kResyncConfirm && pos < end; ++k) {
            int64_t n = 0;
            if (claim(pos, false, &n) < 0)
                return false;
            pos += n;
        }
        return true;
    }

    // Walks [begin, end); returns the ranges nothing claimed.
    Status run(int64_t begin, std::vector<SkippedRange> &skipped, const std::atomic_bool *cancel,
               const std::function<void(qint64, qint64)> &progress)
    {
        int64_t pos = begin;
        int64_t lastTick = 0;
        int64_t released = 0;
        while (pos < end) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                return makeError(ErrorCode::Cancelled, QStringLiteral("stopped"));
            if (progress && pos - lastTick >= (4 << 20)) {
                lastTick = pos;
                progress(pos - begin, end - begin);
            }
            if (map && pos - kKeepBehind - released >= kReleaseEvery) {
                map->release(size_t(released), size_t(pos - kKeepBehind));
                released = pos - kKeepBehind;
            }
            int64_t n = 0;
            if (claim(pos, true, &n) >= 0) {
                pos += n;
                continue;
            }
            if (residual >= 0) {
                // Everything up to the next real sample of another track.
                int64_t q = pos + 1;
                for (; q < end; ++q) {
                    int64_t m = 0;
                    if (claim(q, false, &m) >= 0 && residualBoundary(q, m))
                        break;
                    if (cancel && (q & 0xffff) == 0 && cancel->load(std::memory_order_relaxed))
                        return makeError(ErrorCode::Cancelled, QStringLiteral("stopped"));
                }
                if (q >= end && looksLikeCutVideo(pos)) {
                    skipped.push_back(SkippedRange{pos, end - pos});
                } else {
                    commitResidual(pos, std::min(q, end), q >= end, skipped);
                }
                pos = q;
                continue;
            }
            if (cutVideoSample(pos)) {
                skipped.push_back(SkippedRange{pos, end - pos});
                pos = end;
                break;
            }
            // Resynchronise: the next position where a sample parses and is
            // followed by another (a zero run is stepped over at once).
            int64_t q = pos + 1;
            while (q < end) {
                if (data[q] == 0 && q + 16 < end
                    && std::all_of(data + q, data + q + 16, [](uint8_t b) { return b == 0; })) {
                    q += 16;
                    while (q < end && data[q] == 0)
                        ++q;
                    q = std::max(pos + 1, q - 8); // a length field may start with zeros
                    if (q + 8 >= end) {
                        q = end;
                        break;
                    }
                    // Step through the few bytes before the first non-zero one.
                }
                int64_t m = 0;
                if (claim(q, false, &m) >= 0 && confirmed(q + m))
                    break;
                ++q;
                if (cancel && (q & 0xffff) == 0 && cancel->load(std::memory_order_relaxed))
                    return makeError(ErrorCode::Cancelled, QStringLiteral("stopped"));
            }
            skipped.push_back(SkippedRange{pos, q - pos});
            pos = q;
        }
        if (progress)
            progress(end - begin, end - begin);
        return {};
    }
};

struct Setup {
    MappedFile map;
    BrokenMp4 broken;
    std::vector<Track> tracks;
    QString layoutSource;
    QStringList notes;
};

Result<Setup> prepare(const QString &inputPath, const QString &referencePath)
{
    Setup s;
    auto map = MappedFile::open(inputPath);
    if (!map)
        return map.error();
    s.map = std::move(*map);
    s.broken = inspectBrokenMp4(s.map.data(), s.map.size());
    if (!s.broken.isMp4 || s.broken.mdatHeader < 0)
        return makeError(ErrorCode::Corrupt,
                         s.broken.why.isEmpty() ? QStringLiteral("not an MP4 with media data") : s.broken.why);
    if (s.broken.hasUsableMoov)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the file has its index: nothing to repair"));
    if (!referencePath.isEmpty()) {
        auto ref = MappedFile::open(referencePath);
        if (!ref)
            return ref.error();
        const RefLayout layout = readReferenceLayout(ref->data(), ref->size());
        if (!layout.problem.isEmpty())
            return makeError(
                ErrorCode::Corrupt,
                QStringLiteral("reference %1: %2").arg(QFileInfo(referencePath).fileName(), layout.problem));
        if (auto st = setupFromReference(layout, s.tracks); !st)
            return st.error();
        s.layoutSource = QStringLiteral("reference %1").arg(QFileInfo(referencePath).fileName());
    } else {
        if (auto st = setupFromStream(s.map.data(), s.broken.mdatBegin, s.broken.mdatEnd, s.tracks, s.notes); !st)
            return st.error();
        s.layoutSource = QStringLiteral("the stream itself (in-band parameter sets)");
    }
    return s;
}

// Presentation order within each run from one IDR to the next, from the
// POC values themselves (not their rank), so that pictures missing at a cut
// leave their gap and the ones before them keep their times.
int64_t assignVideoTiming(std::vector<Sample> &v, std::vector<int64_t> &ptsIndex)
{
    ptsIndex.assign(v.size(), 0);
    std::vector<std::pair<size_t, size_t>> groups;
    size_t groupStart = 0;
    for (size_t i = 1; i <= v.size(); ++i)
        if (i == v.size() || v[i].idr) {
            groups.push_back({groupStart, i});
            groupStart = i;
        }
    // The POC step between consecutive pictures (2 for frames from most encoders).
    std::map<int64_t, int64_t> stepVotes;
    for (const auto &[b, e] : groups) {
        std::vector<int64_t> pocs;
        for (size_t k = b; k < e; ++k)
            pocs.push_back(v[k].poc);
        std::sort(pocs.begin(), pocs.end());
        for (size_t k = 1; k < pocs.size(); ++k)
            if (pocs[k] > pocs[k - 1])
                ++stepVotes[pocs[k] - pocs[k - 1]];
    }
    int64_t step = 1, best = 0;
    for (const auto &[s, n] : stepVotes)
        if (n > best) {
            best = n;
            step = s;
        }
    for (const auto &[b, e] : groups) {
        int64_t minPoc = INT64_MAX;
        for (size_t k = b; k < e; ++k)
            minPoc = std::min(minPoc, v[k].poc);
        std::vector<size_t> order(e - b);
        std::iota(order.begin(), order.end(), b);
        std::stable_sort(order.begin(), order.end(), [&](size_t x, size_t y) { return v[x].poc < v[y].poc; });
        int64_t prev = -1;
        for (size_t r = 0; r < order.size(); ++r) {
            // By POC distance, but never two pictures on one time, and never
            // beyond what the group's own count allows before the next group.
            int64_t idx = int64_t(b) + (v[order[r]].poc - minPoc) / step;
            idx = std::max(idx, prev + 1);
            ptsIndex[order[r]] = idx;
            prev = idx;
        }
        if (e < v.size() && prev >= int64_t(e)) {
            // POCs with holes inside a complete group: fall back to rank.
            for (size_t r = 0; r < order.size(); ++r)
                ptsIndex[order[r]] = int64_t(b + r);
        }
    }
    int64_t delay = 0;
    for (size_t i = 0; i < v.size(); ++i)
        delay = std::max(delay, int64_t(i) - ptsIndex[i]);
    return std::min<int64_t>(delay, 16);
}

StreamInfo streamFor(const Track &t, int index)
{
    CodecParametersPtr p = makeCodecParameters();
    StreamInfo s;
    s.index = index;
    if (t.video) {
        p->codec_type = AVMEDIA_TYPE_VIDEO;
        p->codec_id = t.codec == RefCodec::Hevc ? AV_CODEC_ID_HEVC : AV_CODEC_ID_H264;
        p->width = t.width;
        p->height = t.height;
        s.type = AVMEDIA_TYPE_VIDEO;
        s.timeBase = AVRational{1, int(t.timescale)};
        s.frameRate = AVRational{int(t.timescale), int(std::max<uint32_t>(1, t.delta))};
    } else {
        p->codec_type = AVMEDIA_TYPE_AUDIO;
        p->codec_id = t.opus ? AV_CODEC_ID_OPUS : t.pcmId != AV_CODEC_ID_NONE ? t.pcmId : AV_CODEC_ID_AAC;
        p->sample_rate = t.sampleRate;
        p->frame_size = t.opus ? 960 : t.pcmId != AV_CODEC_ID_NONE ? 0 : 1024;
        av_channel_layout_default(&p->ch_layout, t.channels);
        s.type = AVMEDIA_TYPE_AUDIO;
        s.timeBase = AVRational{1, t.sampleRate};
    }
    if (!t.config.isEmpty()) {
        p->extradata = static_cast<uint8_t *>(av_mallocz(size_t(t.config.size()) + AV_INPUT_BUFFER_PADDING_SIZE));
        std::memcpy(p->extradata, t.config.constData(), size_t(t.config.size()));
        p->extradata_size = int(t.config.size());
    }
    s.params = CodecParams(p.get());
    return s;
}

} // namespace

QString RepairReport::summary() const
{
    QStringList parts;
    for (const RepairedTrack &t : tracks)
        parts
            << QStringLiteral("%1 %2: %3 frame(s), %4 s").arg(t.kind, t.codec).arg(t.frames).arg(t.seconds, 0, 'f', 2);
    QString s = parts.join(QLatin1String("; "));
    s += QStringLiteral(". Layout from %1.").arg(layoutSource);
    if (skippedBytes > 0)
        s += QStringLiteral(" %1 byte(s) in %2 place(s) matched no sample and were skipped.")
                 .arg(skippedBytes)
                 .arg(skipped.size());
    return s;
}

RepairPlan planRepair(const QString &inputPath, const QString &referencePath)
{
    RepairPlan plan;
    auto setup = prepare(inputPath, referencePath);
    if (!setup) {
        plan.problem = setup.message();
        return plan;
    }
    Setup &s = *setup;
    plan.layoutSource = s.layoutSource;
    Walker w;
    w.data = s.map.data();
    w.end = std::min(s.broken.mdatEnd, s.broken.mdatBegin + kPlanBytes);
    w.tracks = &s.tracks;
    for (size_t i = 0; i < s.tracks.size(); ++i)
        if (s.tracks[i].residual)
            w.residual = int(i);
    std::vector<SkippedRange> skipped;
    (void)w.run(s.broken.mdatBegin, skipped, nullptr, {});
    int64_t skippedBytes = 0;
    for (const SkippedRange &r : skipped)
        skippedBytes += r.size;
    const int64_t walked = w.end - s.broken.mdatBegin;
    plan.matchedShare = walked > 0 ? 1.0 - double(skippedBytes) / double(walked) : 0;
    for (const Track &t : s.tracks)
        if (!t.discard)
            plan.tracks << describe(t);
    const bool anyVideo =
        std::any_of(s.tracks.begin(), s.tracks.end(), [](const Track &t) { return t.video && !t.samples.empty(); });
    plan.repairable = anyVideo && plan.matchedShare > 0.5;
    if (!plan.repairable)
        plan.problem = QStringLiteral("the layout from %1 explains only %2 % of the media")
                           .arg(s.layoutSource)
                           .arg(int(plan.matchedShare * 100));
    return plan;
}

QString pickReference(const QString &inputPath, const QStringList &candidates, RepairPlan *plan)
{
    QString best;
    double bestShare = 0.9; // a reference must explain nearly everything it sees
    for (const QString &c : candidates) {
        if (QFileInfo(c).canonicalFilePath() == QFileInfo(inputPath).canonicalFilePath())
            continue;
        RepairPlan p = planRepair(inputPath, c);
        if (p.repairable && p.matchedShare > bestShare) {
            bestShare = p.matchedShare;
            best = c;
            if (plan)
                *plan = std::move(p);
        }
    }
    return best;
}

Result<RepairReport> repairMp4(const RepairParams &params)
{
    auto setup = prepare(params.inputPath, params.referencePath);
    if (!setup)
        return setup.error();
    Setup &s = *setup;
    RepairReport rep;
    rep.reference = params.referencePath;
    rep.layoutSource = s.layoutSource;
    rep.notes = s.notes;
    rep.mediaBytes = s.broken.mdatEnd - s.broken.mdatBegin;
    Walker w;
    w.data = s.map.data();
    w.end = s.broken.mdatEnd;
    w.tracks = &s.tracks;
    w.map = &s.map;
    for (size_t i = 0; i < s.tracks.size(); ++i)
        if (s.tracks[i].residual)
            w.residual = int(i);
    // Progress: the walk is the first half of the work, the writing the second.
    const int64_t media = s.broken.mdatEnd - s.broken.mdatBegin;
    std::function<void(qint64, qint64)> walkProgress;
    if (params.progress)
        walkProgress = [&params, media](qint64 done, qint64) { params.progress(done, 2 * media); };
    if (auto st = w.run(s.broken.mdatBegin, rep.skipped, params.cancel, walkProgress); !st)
        return st.error();
    for (const SkippedRange &r : rep.skipped) {
        rep.skippedBytes += r.size;
        if (r.offset + r.size >= s.broken.mdatEnd)
            rep.notes << QStringLiteral(
                             "%1 byte(s) at the end (from byte %2) are a sample cut off when the recorder stopped")
                             .arg(r.size)
                             .arg(r.offset);
        else
            rep.notes
                << QStringLiteral("skipped %1 byte(s) at byte %2 that matched no track").arg(r.size).arg(r.offset);
    }

    for (const Track &t : s.tracks)
        if (t.discard)
            rep.notes << QStringLiteral("audio in %1 format cannot be recovered by this repair: %2 byte(s) of it were "
                                        "left out, the video is complete")
                             .arg(t.unsupported)
                             .arg(t.discardedBytes);
    for (const Track &t : s.tracks)
        if (t.opus && t.ambiguousRuns > 0)
            rep.notes << QStringLiteral(
                             "Opus packets carry no length: in %1 run(s) of audio the boundaries were chosen "
                             "among bytes that look like a packet start (by the packets' sizes)")
                             .arg(t.ambiguousRuns);

    // Audio without a reference: 44.1 and 48 kHz (and their kin) decode
    // alike, so the rate is the one that keeps audio as long as the video.
    for (Track &t : s.tracks) {
        if (t.video || t.residual || !params.referencePath.isEmpty() || s.tracks.empty() || !s.tracks[0].video)
            continue;
        const Track &v = s.tracks[0];
        if (v.samples.empty() || v.delta == 0 || t.samples.empty())
            continue;
        const double videoSec = double(v.samples.size()) * v.delta / v.timescale;
        const double impliedRate = double(t.nextTicks) / videoSec;
        static const std::map<int, std::vector<int>> kin = {
            {48000, {48000, 44100}}, {24000, {24000, 22050}}, {96000, {96000, 88200}}, {12000, {12000, 11025}}};
        const auto it = kin.find(t.sampleRate);
        if (it == kin.end())
            continue;
        int bestRate = t.sampleRate;
        for (int r : it->second)
            if (std::abs(r - impliedRate) < std::abs(bestRate - impliedRate))
                bestRate = r;
        if (bestRate != t.sampleRate) {
            t.sampleRate = bestRate;
            t.timescale = uint32_t(bestRate);
            t.config = makeAacLcConfig(bestRate, t.channels);
        }
        rep.notes
            << QStringLiteral("audio sample rate %1 Hz: the rate that lasts as long as the video").arg(t.sampleRate);
    }

    // Video timing.
    std::vector<int64_t> ptsIndex;
    int64_t firstKey = 0;
    int64_t delayTicks = 0;
    Track *video = nullptr;
    for (Track &t : s.tracks)
        if (t.video && !video)
            video = &t;
    if (video) {
        if (video->samples.empty())
            return makeError(ErrorCode::Corrupt, QStringLiteral("no video frame found in the media data"));
        const int64_t delayFrames = assignVideoTiming(video->samples, ptsIndex);
        delayTicks = video->refDelayTicks >= 0 ? std::max(video->refDelayTicks, delayFrames * video->delta)
                                               : delayFrames * video->delta;
        while (firstKey < int64_t(video->samples.size()) && !video->samples[size_t(firstKey)].key)
            ++firstKey;
        if (firstKey == int64_t(video->samples.size()))
            return makeError(ErrorCode::Corrupt, QStringLiteral("the video has no keyframe: nothing can be decoded"));
        rep.droppedFrames = firstKey;
        if (firstKey > 0)
            rep.notes << QStringLiteral(
                             "%1 video frame(s) before the first keyframe cannot be decoded and were dropped")
                             .arg(firstKey);
        if (delayFrames > 0)
            rep.notes << QStringLiteral("B-frames: presentation order from the picture order count (delay %1 frame(s))")
                             .arg(delayTicks / std::max<uint32_t>(1, video->delta));
    }

    std::vector<StreamInfo> streams;
    std::vector<int> streamOf(s.tracks.size(), -1);
    double longest = 0;
    for (size_t i = 0; i < s.tracks.size(); ++i) {
        const Track &t = s.tracks[i];
        const int64_t n = int64_t(t.samples.size()) - (t.video ? firstKey : 0);
        if (n <= 0)
            continue;
        streamOf[i] = int(streams.size());
        streams.push_back(streamFor(t, int(streams.size())));
        RepairedTrack rt;
        rt.kind = t.video ? QStringLiteral("video") : QStringLiteral("audio");
        rt.codec = codecName(t.codec);
        rt.detail = describe(t);
        rt.frames = n;
        rt.seconds = t.video ? double(n) * t.delta / t.timescale : double(t.nextTicks) / t.sampleRate;
        longest = std::max(longest, rt.seconds);
        rep.tracks.push_back(rt);
    }
    if (streams.empty())
        return makeError(ErrorCode::Corrupt, QStringLiteral("no sample found in the media data"));

    auto writer = params.makeWriter ? params.makeWriter() : makeMp4Writer();
    WriterOptions wo;
    wo.fsyncIntervalMs = 3600 * 1000; // finish() fsyncs; per-packet syncs would only slow the repair
    wo.expectedDurationMs = qint64(longest * 1000) + 1000;
    wo.creationTimeUs = params.creationTimeUs;
    wo.sourceDescription = QStringLiteral("repaired %1").arg(QFileInfo(params.inputPath).fileName());
    if (auto st = writer->open(params.outputPath, streams, wo); !st)
        return st.error();

    // Write in file order, as the recorder interleaved the tracks.
    std::vector<size_t> next(s.tracks.size(), 0);
    // The writer wants every dts >= 0 and keeps the tracks' start offsets:
    // audio starts together with the first picture, i.e. after the video's
    // composition delay (as the recorder's edit lists had it).
    std::vector<int64_t> audioDts(s.tracks.size(), 0);
    if (video)
        for (size_t i = 0; i < s.tracks.size(); ++i)
            if (!s.tracks[i].video)
                audioDts[i] = av_rescale(delayTicks, s.tracks[i].sampleRate, video->timescale);
    if (video)
        next[size_t(video - s.tracks.data())] = size_t(firstKey);
    PacketPtr pkt = makePacket();
    Status failure;
    int64_t written = 0;
    int64_t released = 0, lastTick = s.broken.mdatBegin;
    while (failure.ok()) {
        int pick = -1;
        for (size_t i = 0; i < s.tracks.size(); ++i)
            if (streamOf[i] >= 0 && next[i] < s.tracks[i].samples.size()
                && (pick < 0
                    || s.tracks[i].samples[next[i]].offset < s.tracks[size_t(pick)].samples[next[size_t(pick)]].offset))
                pick = int(i);
        if (pick < 0)
            break;
        if (params.cancel && (written & 255) == 0 && params.cancel->load(std::memory_order_relaxed)) {
            failure = makeError(ErrorCode::Cancelled, QStringLiteral("stopped"));
            break;
        }
        Track &t = s.tracks[size_t(pick)];
        const size_t k = next[size_t(pick)]++;
        const Sample &smp = t.samples[k];
        if (av_new_packet(pkt.get(), int(smp.size)) < 0) {
            failure = makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
            break;
        }
        std::memcpy(pkt->data, s.map.data() + smp.offset, smp.size);
        if (smp.offset - kKeepBehind - released >= kReleaseEvery) {
            s.map.release(size_t(released), size_t(smp.offset - kKeepBehind));
            released = smp.offset - kKeepBehind;
        }
        if (params.progress && smp.offset - lastTick >= (4 << 20)) {
            lastTick = smp.offset;
            params.progress(media + smp.offset - s.broken.mdatBegin, 2 * media);
        }
        pkt->stream_index = streamOf[size_t(pick)];
        if (t.video) {
            const int64_t dts = (int64_t(k) - firstKey) * t.delta;
            const int64_t pts = (ptsIndex[k] - ptsIndex[size_t(firstKey)]) * t.delta + delayTicks;
            pkt->dts = dts;
            pkt->pts = std::max(pts, dts);
            pkt->duration = t.delta;
            pkt->flags = smp.key ? AV_PKT_FLAG_KEY : 0;
        } else {
            pkt->dts = pkt->pts = audioDts[size_t(pick)];
            pkt->duration = smp.duration;
            pkt->flags = AV_PKT_FLAG_KEY;
            audioDts[size_t(pick)] += smp.duration;
        }
        failure = writer->write(pkt.get());
        av_packet_unref(pkt.get());
        ++written;
    }
    if (!failure) {
        writer->abandon();
        return failure.error();
    }
    auto fin = writer->finish();
    if (!fin)
        return fin.error();
    if (params.progress)
        params.progress(2 * media, 2 * media);
    return rep;
}

} // namespace tapedeck::recovery

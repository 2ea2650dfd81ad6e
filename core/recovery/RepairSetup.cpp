#include "core/recovery/RepairModel.h"

#include <map>
#include <numeric>

namespace tapedeck::recovery::repair {

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

namespace {

// An Opus track, from its OpusHead (the reference's dOps, or the usual one):
// it takes the bytes between the other tracks' samples (the residual track).
void setupOpus(Track &t, const QByteArray &opusHead, double meanSize)
{
    t.codec = RefCodec::Opus;
    t.config = opusHead;
    t.residual = true;
    t.opus = true;
    t.sampleRate = 48000;
    t.timescale = 48000;
    t.channels = uint8_t(opusHead[9]);
    t.meanSize = meanSize;
    if (auto sc = OpusScore::open(opusHead))
        t.opusScore.emplace(std::move(*sc));
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

} // namespace

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
        // The reference's audio edit list starts its sound after the
        // encoder's priming: the same recorder primed the broken file alike.
        // An encoder's delay is a few thousand samples; an edit that skips
        // more than 0.1 s is a cut someone made, not priming.
        if (!r.video && r.elstMediaTime > 0 && r.timescale > 0 && r.sampleRate > 0) {
            const int64_t skip = av_rescale(r.elstMediaTime, r.sampleRate, r.timescale);
            if (skip <= r.sampleRate / 10)
                t.priming = skip;
        }
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
            setupOpus(t, r.config, r.meanSampleSize > 0 ? r.meanSampleSize : 160);
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

namespace {

// Opus has no frame sync and its packets no lengths; what marks it is the
// TOC byte each packet starts with. The runs of bytes between the pictures
// each start with a packet: when the first bytes of at least three quarters
// of them (eight runs at least) agree on the packet's duration, the runs are
// Opus. PCM's first bytes are sample values: a random byte gives 20 ms in
// about one case in four, so six of eight agreeing by chance is rare.
std::optional<Track> opusFromRuns(const uint8_t *data, int64_t begin, int64_t end, const Track &video,
                                  QStringList &notes)
{
    VideoStreamState probe = video.vstate;
    std::vector<std::pair<int64_t, int64_t>> runs;
    int64_t runStart = -1;
    const int64_t stop = std::min(end, begin + kProbeBytes);
    for (int64_t pos = begin; pos < stop && runs.size() < 24;) {
        if (auto m = matchAccessUnit(data + pos, stop - pos, probe)) {
            if (runStart >= 0)
                runs.emplace_back(runStart, pos);
            runStart = -1;
            pos += m->size;
            continue;
        }
        if (runStart < 0)
            runStart = pos;
        ++pos;
    }
    if (runs.size() < 8)
        return std::nullopt;
    // An encoder switches mode and bandwidth as the sound changes (SILK,
    // hybrid, CELT: another TOC configuration) but keeps its frame size.
    std::map<int, int> durations;
    int stereo = 0;
    int64_t bytes = 0;
    for (const auto &[from, to] : runs) {
        // One to a few packets of at most 1275 bytes per frame.
        const int samples = opusPacketSamples(data + from, to - from);
        if (to - from < 2 || to - from > 3 * 1275 || samples == 0)
            return std::nullopt;
        ++durations[samples];
        stereo += (data[from] & 0x04) != 0;
        bytes += to - from;
    }
    const auto common = std::max_element(durations.begin(), durations.end(),
                                         [](const auto &a, const auto &b) { return a.second < b.second; });
    if (common->second * 4 < int(runs.size()) * 3)
        return std::nullopt;
    // How many packets one picture's time holds.
    const int packetSamples = common->first;
    const double perRun = video.delta > 0 && video.timescale > 0 && packetSamples > 0
        ? std::max(1.0, double(video.delta) / video.timescale * 48000.0 / packetSamples)
        : 1.0;
    const int channels = stereo > 0 ? 2 : 1;
    // The OpusHead a libopus encoder writes: version 1, the channels, a
    // pre-skip of 312 samples (its look-ahead at 48 kHz), 48 kHz input, no
    // gain, mapping family 0.
    QByteArray head("OpusHead", 8);
    head.append(char(1)).append(char(channels));
    head.append(char(312 & 0xFF)).append(char(312 >> 8));
    const uint32_t rate = 48000;
    for (int k = 0; k < 4; ++k)
        head.append(char((rate >> (8 * k)) & 0xFF));
    head.append(char(0)).append(char(0)).append(char(0));
    Track a;
    setupOpus(a, head, double(bytes) / double(runs.size()) / perRun);
    a.priming = 312;
    notes << QStringLiteral("audio: Opus, %1 channel(s), %2 ms packets, found by the packets' TOC bytes; its first "
                            "312 samples taken as the encoder's pre-skip (libopus; no reference to read it from)")
                 .arg(channels)
                 .arg(packetSamples / 48);
    return a;
}

} // namespace

// Video from in-band parameter sets; audio by trying the usual AAC-LC
// configurations on the first bytes that are not video, else by the Opus
// TOC bytes the runs between the pictures start with.
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
            // With no reference to read the encoder's delay from, AAC-LC's
            // own: the first 1024 samples are priming (FFmpeg's encoder and
            // most others; Apple's adds 1088 more).
            a.priming = 1024;
            tracks.push_back(std::move(a));
            notes << QStringLiteral("audio: AAC-LC, %1 channel(s), found by decoding; its first 1024 samples taken "
                                    "as the encoder's priming (no reference to read it from)")
                         .arg(channels);
            return {};
        }
    }
    if (auto opus = opusFromRuns(data, begin, end, tracks[0], notes)) {
        tracks.push_back(std::move(*opus));
        return {};
    }
    notes << QStringLiteral(
        "the bytes between the video samples are neither AAC nor Opus this repair can read: video only");
    return {};
}

} // namespace tapedeck::recovery::repair

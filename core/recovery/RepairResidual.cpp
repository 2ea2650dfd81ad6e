#include "core/recovery/RepairModel.h"

#include <algorithm>
#include <numeric>

namespace tapedeck::recovery::repair {

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

// Whether a video sample at `pos` (found while looking for the end of a
// residual run) is a real one: followed by another sample, or the end,
// or its picture fits the pictures before it (frame_num / POC).
bool Walker::residualBoundary(int64_t pos, int64_t size)
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
void Walker::commitResidual(int64_t from, int64_t to, bool cut, std::vector<SkippedRange> &skipped)
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
void Walker::commitOpus(Track &t, int64_t from, int64_t to, bool cut)
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
        int k = int(std::min<size_t>(size_t(parts), c - 1));
        if (int(c) - 2 > k - 1)
            ++t.ambiguousRuns;
        // The best split of the run into k packets at the candidates: the
        // sizes closest to the run's mean packet.
        const auto split = [&](int packets) {
            // cost[j][m]: the best split of [from, cands[j]) into m packets.
            const double target = double(len) / packets;
            const double inf = 1e300;
            std::vector<std::vector<double>> cost(c, std::vector<double>(size_t(packets) + 1, inf));
            std::vector<std::vector<size_t>> back(c, std::vector<size_t>(size_t(packets) + 1, 0));
            cost[0][0] = 0;
            for (size_t j = 1; j < c; ++j)
                for (int m = 1; m <= packets; ++m)
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
            std::vector<int64_t> out{from};
            std::vector<int64_t> rev;
            size_t j = c - 1;
            for (int m = packets; m > 1; --m) {
                j = back[j][size_t(m)];
                rev.push_back(cands[j]);
            }
            out.insert(out.end(), rev.rbegin(), rev.rend());
            return out;
        };
        bounds = split(k);
        // Before the track has packets of its own to measure (no
        // reference, the first runs), the mean is a guess, and an encoder's
        // first packets are larger than its later ones: a split that leaves
        // a packet under a third of the others' size is one packet too many.
        while (k > 1 && t.recentSizes.size() < 4) {
            std::vector<int64_t> b = bounds;
            b.push_back(to);
            bool tiny = false;
            for (size_t x = 0; x + 1 < b.size(); ++x)
                tiny = tiny || double(b[x + 1] - b[x]) * 3 < double(len) / k;
            if (!tiny)
                break;
            bounds = split(--k);
        }
        const double target = double(len) / k;
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

} // namespace tapedeck::recovery::repair

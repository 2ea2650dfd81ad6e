#include "core/recovery/RepairModel.h"

#include <algorithm>
#include <numeric>

namespace tapedeck::recovery::repair {

// Track order to try at a position: video first (its check is strict),
// then audio by time so that two tracks of one codec alternate as the
// muxer interleaved them.
std::vector<size_t> Walker::order() const
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
int64_t Walker::match(size_t i, int64_t pos, bool commit)
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
bool Walker::videoStartsAt(int64_t pos) const
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
bool Walker::looksLikeCutVideo(int64_t pos) const
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
bool Walker::cutVideoSample(int64_t pos) const
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
int Walker::claim(int64_t pos, bool commit, int64_t *size)
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

bool Walker::confirmed(int64_t pos)
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
Status Walker::run(int64_t begin, std::vector<SkippedRange> &skipped, const std::atomic_bool *cancel,
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

} // namespace tapedeck::recovery::repair

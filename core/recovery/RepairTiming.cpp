#include "core/recovery/RepairModel.h"

extern "C" {
#include <libavutil/channel_layout.h>
}

#include <algorithm>
#include <cstring>
#include <map>
#include <numeric>

namespace tapedeck::recovery::repair {

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
        s.primingSamples = int(std::clamp<int64_t>(t.priming, 0, t.sampleRate));
    }
    if (!t.config.isEmpty()) {
        p->extradata = static_cast<uint8_t *>(av_mallocz(size_t(t.config.size()) + AV_INPUT_BUFFER_PADDING_SIZE));
        std::memcpy(p->extradata, t.config.constData(), size_t(t.config.size()));
        p->extradata_size = int(t.config.size());
    }
    s.params = CodecParams(p.get());
    return s;
}

} // namespace tapedeck::recovery::repair

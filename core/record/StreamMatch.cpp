#include "core/record/StreamMatch.h"

#include <cstring>

namespace tapedeck {

bool sameStreamSetup(const StreamInfo &a, const StreamInfo &b)
{
    const AVCodecParameters *x = a.params.get();
    const AVCodecParameters *y = b.params.get();
    if (!x || !y || x->codec_type != y->codec_type || x->codec_id != y->codec_id)
        return false;
    if (x->width != y->width || x->height != y->height || x->sample_rate != y->sample_rate
        || x->ch_layout.nb_channels != y->ch_layout.nb_channels)
        return false;
    return x->extradata_size == y->extradata_size
        && (x->extradata_size == 0 || std::memcmp(x->extradata, y->extradata, size_t(x->extradata_size)) == 0);
}

StreamMatch matchStreams(const std::vector<StreamInfo> &current, const std::vector<StreamInfo> &incoming)
{
    StreamMatch m;
    m.map.assign(incoming.size(), -1);
    std::vector<bool> taken(current.size(), false);
    // First the exact twins, then streams of the same codec whose parameters
    // moved (a new resolution): an exact twin is never given away to a
    // stream that only shares the codec.
    for (int pass = 0; pass < 2; ++pass) {
        for (size_t i = 0; i < incoming.size(); ++i) {
            if (m.map[i] >= 0)
                continue;
            for (size_t j = 0; j < current.size(); ++j) {
                if (taken[j])
                    continue;
                const AVCodecParameters *x = current[j].params.get();
                const AVCodecParameters *y = incoming[i].params.get();
                const bool fits = pass == 0 ? sameStreamSetup(current[j], incoming[i])
                                            : (x && y && x->codec_type == y->codec_type && x->codec_id == y->codec_id);
                if (fits) {
                    m.map[i] = int(j);
                    taken[j] = true;
                    break;
                }
            }
        }
    }
    m.complete = incoming.size() == current.size();
    for (int j : m.map)
        m.complete = m.complete && j >= 0;
    m.identical = m.complete;
    for (size_t i = 0; m.identical && i < incoming.size(); ++i)
        m.identical = sameStreamSetup(current[size_t(m.map[i])], incoming[i]);
    return m;
}

std::vector<StreamInfo> reorderLike(const std::vector<StreamInfo> &incoming, const StreamMatch &match)
{
    if (!match.complete)
        return incoming;
    std::vector<StreamInfo> out(incoming.size());
    for (size_t i = 0; i < incoming.size(); ++i) {
        StreamInfo s = incoming[i];
        s.index = match.map[i];
        out[size_t(match.map[i])] = std::move(s);
    }
    return out;
}

} // namespace tapedeck

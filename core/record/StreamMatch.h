#pragma once
// Which stream of a returning connection continues which stream of the
// recording. Servers do not keep the order of streams across connections
// (nginx-rtmp announces audio first on one connection and video first on the
// next, whichever packet reaches it first), so streams are matched by their
// type and codec parameters, never by their position.

#include "core/base/MediaTypes.h"

#include <vector>

namespace tapedeck {

struct StreamMatch {
    // map[i]: the index in `current` that incoming stream i continues, or -1.
    std::vector<int> map;
    // Every incoming stream continues a current one and none is left over.
    bool complete = false;
    // complete, and every pair has the very same codec setup (dimensions,
    // rates, channels, extradata): the file can simply go on.
    bool identical = false;
};

// True when the two streams have the same type, codec, dimensions, sample
// rate, channels and extradata.
bool sameStreamSetup(const StreamInfo &a, const StreamInfo &b);

StreamMatch matchStreams(const std::vector<StreamInfo> &current, const std::vector<StreamInfo> &incoming);

// `incoming` in the order of `current` (index fields renumbered) when the
// match is complete; `incoming` unchanged otherwise.
std::vector<StreamInfo> reorderLike(const std::vector<StreamInfo> &incoming, const StreamMatch &match);

} // namespace tapedeck

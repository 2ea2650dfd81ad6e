#pragma once

#include "core/Writer.h"

namespace tapedeck {

// The crash-safe MP4 writer (sidecar files, finalised in O(index)).
std::unique_ptr<ContainerWriter> makeMp4Writer();

} // namespace tapedeck

#pragma once
// ISO BMFF header boxes built from sidecar records (internal to core/mp4).

#include "core/mp4/Sidecar.h"

#include <QByteArray>

#include <span>
#include <vector>

namespace tapedeck::mp4 {

// The ftyp box every Tapedeck MP4 starts with.
QByteArray buildFtyp();

// The complete moov box. `records[i]` are the accepted samples of
// info.tracks[i] (empty tracks are left out), read where they are: a
// rebuild of hours holds millions of records, they are not copied. Chunk
// offsets are the records' offsets plus `offsetDelta` (non-zero only when
// the media is moved).
QByteArray buildMoov(const SidecarInfo &info, const std::vector<std::span<const SampleRecord>> &records,
                     qint64 offsetDelta = 0);

// A free box of exactly `size` bytes (size >= 8), payload zero.
QByteArray buildFreeHeader(quint64 size);

} // namespace tapedeck::mp4

#pragma once
// A PNG of a preview frame, without Qt Gui (the headless binary links
// neither Gui nor an image library): 8-bit RGB, zlib from QtCore's
// qCompress, CRC-32 per chunk (ISO/IEC 15948).

#include "core/record/RecordParams.h"

#include <QByteArray>

namespace tapedeck::service {

QByteArray encodePng(const PreviewFrame &frame);

} // namespace tapedeck::service

// libFuzzer target: the sidecar .info decoder and the 40-byte index records
// (core/mp4/Sidecar.h), as recovery's scanner reads them.
#include "core/mp4/Sidecar.h"

#include <QByteArray>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace tapedeck::mp4;
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    (void)decodeInfo(bytes);
    // After a track header, whole records.
    for (size_t off = kTrackHeaderSize; off + kRecordSize <= size; off += kRecordSize)
        (void)decodeRecord(reinterpret_cast<const char *>(data + off));
    return 0;
}

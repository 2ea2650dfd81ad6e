#pragma once
// Shared by the repair tests: a test's own look at an MP4's top-level boxes,
// independent of the product's parser.

#include <QByteArray>
#include <QtGlobal>

namespace repairtest {

// Offset of a top-level box of `type` (box headers only), -1 when absent.
inline qint64 boxOffset(const QByteArray &file, const char *type)
{
    qint64 pos = 0;
    while (pos + 8 <= file.size()) {
        const quint32 size = quint32(quint8(file[pos])) << 24 | quint32(quint8(file[pos + 1])) << 16
            | quint32(quint8(file[pos + 2])) << 8 | quint8(file[pos + 3]);
        if (file.mid(pos + 4, 4) == type)
            return pos;
        if (size < 8)
            return -1;
        pos += size;
    }
    return -1;
}

} // namespace repairtest

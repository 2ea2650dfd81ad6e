#include "app/service/Png.h"

#include <array>

namespace tapedeck::service {

namespace {

quint32 crc32(const QByteArray &data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    quint32 c = 0xffffffffu;
    for (char ch : data)
        c = table[(c ^ quint8(ch)) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

void be32(QByteArray &out, quint32 v)
{
    out += char(v >> 24);
    out += char(v >> 16);
    out += char(v >> 8);
    out += char(v);
}

void chunk(QByteArray &out, const char *type, const QByteArray &data)
{
    be32(out, quint32(data.size()));
    const QByteArray typed = QByteArray(type, 4) + data;
    out += typed;
    be32(out, crc32(typed));
}

} // namespace

QByteArray encodePng(const PreviewFrame &frame)
{
    if (frame.width <= 0 || frame.height <= 0 || frame.rgb32.size() < qsizetype(frame.width) * frame.height * 4)
        return {};
    // Each row: filter type 0, then R G B from the 0xffRRGGBB words.
    QByteArray raw;
    raw.reserve(qsizetype(frame.height) * (1 + frame.width * 3));
    const auto *px = reinterpret_cast<const quint32 *>(frame.rgb32.constData());
    for (int y = 0; y < frame.height; ++y) {
        raw += char(0);
        for (int x = 0; x < frame.width; ++x) {
            const quint32 p = px[qsizetype(y) * frame.width + x];
            raw += char((p >> 16) & 0xff);
            raw += char((p >> 8) & 0xff);
            raw += char(p & 0xff);
        }
    }
    // qCompress = 4 bytes of length (big-endian) + a zlib stream: PNG's IDAT.
    const QByteArray zlib = qCompress(raw, 6).mid(4);
    QByteArray out("\x89PNG\r\n\x1a\n", 8);
    QByteArray ihdr;
    be32(ihdr, quint32(frame.width));
    be32(ihdr, quint32(frame.height));
    ihdr += char(8); // bit depth
    ihdr += char(2); // colour type: RGB
    ihdr += char(0); // deflate
    ihdr += char(0); // adaptive filtering
    ihdr += char(0); // no interlace
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", zlib);
    chunk(out, "IEND", {});
    return out;
}

} // namespace tapedeck::service

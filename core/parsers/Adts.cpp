#include "core/parsers/Adts.h"

#include "core/parsers/Bytes.h"

namespace tapedeck::recovery {

namespace {
constexpr int kSampleRates[13] = {96000, 88200, 64000, 48000, 44100, 32000, 24000,
                                  22050, 16000, 12000, 11025, 8000,  7350};
}

std::optional<AdtsHeader> parseAdtsHeader(const uint8_t *data, size_t size)
{
    if (size < 7)
        return std::nullopt;
    BitReader br(data, 7);
    if (br.bits(12) != 0xfff)
        return std::nullopt;
    br.bits(1);          // MPEG version
    if (br.bits(2) != 0) // layer
        return std::nullopt;
    const bool protectionAbsent = br.flag();
    AdtsHeader h;
    h.objectType = static_cast<int>(br.bits(2)) + 1;
    h.sampleRateIndex = static_cast<int>(br.bits(4));
    if (h.sampleRateIndex >= 13)
        return std::nullopt;
    h.sampleRate = kSampleRates[h.sampleRateIndex];
    br.bits(1); // private
    h.channelConfig = static_cast<int>(br.bits(3));
    br.bits(4); // original, home, copyright id, copyright start
    h.frameLength = static_cast<int>(br.bits(13));
    br.bits(11); // buffer fullness
    h.rawDataBlocks = static_cast<int>(br.bits(2)) + 1;
    h.headerSize = protectionAbsent ? 7 : 9;
    if (!br.ok() || h.frameLength < h.headerSize)
        return std::nullopt;
    return h;
}

AdtsScan scanAdts(const uint8_t *data, size_t size, int64_t maxFrames)
{
    AdtsScan s;
    const int64_t total = static_cast<int64_t>(size);
    int64_t pos = 0;
    bool first = true;
    while (pos < total) {
        if (maxFrames > 0 && s.frames >= maxFrames)
            break;
        const auto h = parseAdtsHeader(data + pos, static_cast<size_t>(total - pos));
        if (!h) {
            if (total - pos < 7)
                s.problem = QStringLiteral("the last frame header is cut off");
            else if (first)
                s.problem = QStringLiteral("does not start with an ADTS header");
            else
                s.problem = QStringLiteral("no ADTS header at byte %1").arg(pos);
            break;
        }
        if (!rangeFits(pos, h->frameLength, total)) {
            s.problem = QStringLiteral("the last frame is cut off");
            break;
        }
        if (first) {
            s.sampleRate = h->sampleRate;
            s.channelConfig = h->channelConfig;
            s.objectType = h->objectType;
            first = false;
        } else if (h->sampleRate != s.sampleRate || h->channelConfig != s.channelConfig) {
            s.parametersChange = true;
            s.problem = QStringLiteral("sample rate or channel layout changes at byte %1").arg(pos);
            break;
        }
        s.frames += h->rawDataBlocks;
        pos += h->frameLength;
    }
    s.validBytes = pos;
    s.tailBytes = total - pos;
    return s;
}

QByteArray audioSpecificConfig(const AdtsHeader &h)
{
    QByteArray asc(2, '\0');
    const int v = (h.objectType << 11) | (h.sampleRateIndex << 7) | (h.channelConfig << 3);
    asc[0] = static_cast<char>(v >> 8);
    asc[1] = static_cast<char>(v & 0xff);
    return asc;
}

} // namespace tapedeck::recovery

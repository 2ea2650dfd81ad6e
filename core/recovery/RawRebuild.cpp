#include "core/recovery/RawRebuild.h"

#include "core/base/FFmpeg.h"
#include "core/io/File.h"
#include "core/mp4/Mp4Writer.h"
#include "core/mp4/Sidecar.h"
#include "core/parsers/Adts.h"
#include "core/parsers/AnnexB.h"
#include "core/io/MappedFile.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/mathematics.h>
}

#include <QFile>

#include <algorithm>
#include <cstring>
#include <vector>

namespace tapedeck::recovery {

namespace {

constexpr int64_t kFeedChunk = 1 << 20;

struct AccessUnit {
    int64_t decodeIndex = 0;
    int64_t poc = 0;
    bool key = false;
    bool idr = false;
    int64_t ptsIndex = 0; // display position, filled after the walk
};

// Splits an Annex B file into access units with libavcodec's H.264 parser,
// feeding padded copies of the mapped bytes. `onUnit` gets each unit's bytes
// and the parser's keyframe flag; returning false stops the walk.
Status splitAccessUnits(const MappedFile &file, const std::atomic_bool *cancel,
                        const std::function<bool(const uint8_t *, int, bool)> &onUnit)
{
    ParserContextPtr parser(av_parser_init(AV_CODEC_ID_H264));
    CodecContextPtr ctx = makeCodecContext(avcodec_find_decoder(AV_CODEC_ID_H264));
    if (!parser || !ctx)
        return makeError(ErrorCode::Unsupported, QStringLiteral("this FFmpeg has no H.264 parser"));
    std::vector<uint8_t> buf(static_cast<size_t>(kFeedChunk) + AV_INPUT_BUFFER_PADDING_SIZE);
    int64_t pos = 0;
    const int64_t total = static_cast<int64_t>(file.size());
    bool flushing = false;
    while (true) {
        if (cancel && cancel->load())
            return makeError(ErrorCode::Cancelled, QStringLiteral("cancelled"));
        int inLen = 0;
        if (pos < total) {
            inLen = static_cast<int>(std::min(kFeedChunk, total - pos));
            std::memcpy(buf.data(), file.data() + pos, static_cast<size_t>(inLen));
            std::memset(buf.data() + inLen, 0, AV_INPUT_BUFFER_PADDING_SIZE);
            pos += inLen;
        } else {
            flushing = true;
        }
        const uint8_t *in = buf.data();
        do {
            uint8_t *out = nullptr;
            int outSize = 0;
            const int used = av_parser_parse2(parser.get(), ctx.get(), &out, &outSize, flushing ? nullptr : in,
                                              flushing ? 0 : inLen, AV_NOPTS_VALUE, AV_NOPTS_VALUE, 0);
            if (used < 0)
                return makeError(ErrorCode::Corrupt, QStringLiteral("H.264 parser: %1").arg(ffmpegErrorString(used)));
            in += used;
            inLen -= used;
            if (outSize > 0 && !onUnit(out, outSize, parser->key_frame == 1))
                return {};
            if (flushing && outSize == 0)
                return {};
        } while (inLen > 0 || flushing);
    }
}

// Does the access unit sequence [from, end) decode without error? Used on
// the last group of pictures only, to drop a frame torn by the crash.
// Errors before `judgeFrom` are ignored: decoding starts one group of
// pictures early so open-GOP leading pictures have their references.
int64_t firstUndecodable(const std::vector<QByteArray> &units, const QByteArray &headerAnnexB, size_t judgeFrom)
{
    CodecContextPtr dec = makeCodecContext(avcodec_find_decoder(AV_CODEC_ID_H264));
    if (!dec)
        return -1;
    dec->thread_count = 1; // errors must surface on the packet that caused them
    dec->err_recognition = AV_EF_EXPLODE | AV_EF_BITSTREAM | AV_EF_BUFFER;
    if (avcodec_open2(dec.get(), dec->codec, nullptr) < 0)
        return -1;
    PacketPtr pkt = makePacket();
    FramePtr frame = makeFrame();
    for (size_t i = 0; i < units.size(); ++i) {
        QByteArray data = i == 0 ? headerAnnexB + units[i] : units[i];
        if (av_new_packet(pkt.get(), static_cast<int>(data.size())) < 0)
            return -1;
        std::memcpy(pkt->data, data.constData(), static_cast<size_t>(data.size()));
        const int r = avcodec_send_packet(dec.get(), pkt.get());
        av_packet_unref(pkt.get());
        if (r < 0 && r != AVERROR(EAGAIN) && i >= judgeFrom)
            return static_cast<int64_t>(i);
        while (avcodec_receive_frame(dec.get(), frame.get()) >= 0) {
            const bool bad = frame->decode_error_flags != 0 || (frame->flags & AV_FRAME_FLAG_CORRUPT);
            av_frame_unref(frame.get());
            if (bad && i >= judgeFrom)
                return static_cast<int64_t>(i);
        }
    }
    // Pictures still held back for reordering.
    avcodec_send_packet(dec.get(), nullptr);
    while (avcodec_receive_frame(dec.get(), frame.get()) >= 0) {
        const bool bad = frame->decode_error_flags != 0 || (frame->flags & AV_FRAME_FLAG_CORRUPT);
        av_frame_unref(frame.get());
        if (bad && !units.empty())
            return static_cast<int64_t>(units.size()) - 1;
    }
    return -1;
}

CodecParams videoParams(const SpsInfo &sps, const QByteArray &avcC)
{
    CodecParametersPtr p = makeCodecParameters();
    p->codec_type = AVMEDIA_TYPE_VIDEO;
    p->codec_id = AV_CODEC_ID_H264;
    p->width = sps.width;
    p->height = sps.height;
    p->profile = sps.profileIdc;
    p->level = sps.levelIdc;
    p->extradata = static_cast<uint8_t *>(av_mallocz(static_cast<size_t>(avcC.size()) + AV_INPUT_BUFFER_PADDING_SIZE));
    std::memcpy(p->extradata, avcC.constData(), static_cast<size_t>(avcC.size()));
    p->extradata_size = static_cast<int>(avcC.size());
    return CodecParams(p.get());
}

CodecParams audioParams(const AdtsHeader &h)
{
    CodecParametersPtr p = makeCodecParameters();
    p->codec_type = AVMEDIA_TYPE_AUDIO;
    p->codec_id = AV_CODEC_ID_AAC;
    p->sample_rate = h.sampleRate;
    p->frame_size = 1024;
    p->profile = h.objectType - 1;
    av_channel_layout_default(&p->ch_layout, h.channelConfig == 7 ? 8 : h.channelConfig);
    const QByteArray asc = audioSpecificConfig(h);
    p->extradata = static_cast<uint8_t *>(av_mallocz(static_cast<size_t>(asc.size()) + AV_INPUT_BUFFER_PADDING_SIZE));
    std::memcpy(p->extradata, asc.constData(), static_cast<size_t>(asc.size()));
    p->extradata_size = static_cast<int>(asc.size());
    return CodecParams(p.get());
}

// An access unit is a picture when one of its NAL units is a coded slice
// (type 1, or 5 for an IDR); the parser also hands over units of parameter
// sets or SEI alone, which are not frames of the file.
bool holdsSlice(const uint8_t *d, int n)
{
    bool slice = false;
    forEachNal(d, static_cast<size_t>(n), [&](const NalUnit &u) {
        slice = u.type == 1 || u.type == 5;
        return !slice;
    });
    return slice;
}

} // namespace

Result<RawRebuildReport> rebuildRawStreams(const RawRebuildParams &params)
{
    RawRebuildReport rep;
    const bool withVideo = !params.h264Path.isEmpty();
    const bool withAudio = !params.aacPath.isEmpty();
    if (!withVideo && !withAudio)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no raw stream given"));

    // --- Video: index pass (sizes are not kept; the bytes are re-read later).
    MappedFile video;
    AnnexBHead head;
    std::vector<AccessUnit> units;
    int64_t firstKey = -1;
    int64_t frameTicks = 0;
    AVRational videoTb{1, 90000};
    if (withVideo) {
        if (params.frameRateNum <= 0 || params.frameRateDen <= 0)
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("the video frame rate is unknown: the SPS has no timing and no healthy MP4 "
                                            "is beside it; give it with --fps"));
        auto m = MappedFile::open(params.h264Path);
        if (!m)
            return m.error();
        video = std::move(*m);
        head = inspectAnnexBHead(video.data(), std::min<size_t>(video.size(), 64 * 1024));
        if (!head.problem.isEmpty())
            return makeError(ErrorCode::Corrupt, head.problem);
        SpsInfo sps = *head.sps;
        PocTracker poc;
        int64_t index = 0;
        auto s = splitAccessUnits(video, params.cancel, [&](const uint8_t *d, int n, bool parserKey) {
            AccessUnit au;
            au.decodeIndex = index++;
            bool haveSlice = false;
            forEachNal(d, static_cast<size_t>(n), [&](const NalUnit &u) {
                if (u.type == 7) {
                    if (auto s2 = parseSps(d + u.offset, static_cast<size_t>(u.size)))
                        sps = *s2;
                } else if ((u.type == 1 || u.type == 5) && !haveSlice) {
                    haveSlice = true;
                    au.idr = u.type == 5;
                    if (auto sh = parseSliceHeader(d + u.offset, static_cast<size_t>(u.size), sps))
                        au.poc = poc.next(*sh, sps);
                    else
                        au.poc = -1; // unknown: keep decode order
                    return false;
                }
                return true;
            });
            au.key = parserKey || au.idr;
            if (!haveSlice) {
                --index; // parameter sets or SEI alone: not a picture
                return true;
            }
            if (firstKey < 0 && au.key)
                firstKey = au.decodeIndex;
            units.push_back(au);
            return true;
        });
        if (!s)
            return s.error();
        if (firstKey < 0)
            return makeError(ErrorCode::Corrupt,
                             QStringLiteral("the H.264 stream has no keyframe: nothing can be decoded"));
        // Presentation order: within each run from one IDR to the next, by POC.
        size_t groupStart = 0;
        for (size_t i = 1; i <= units.size(); ++i) {
            if (i == units.size() || units[i].idr) {
                std::vector<size_t> order;
                for (size_t k = groupStart; k < i; ++k)
                    order.push_back(k);
                std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
                    const int64_t pa = units[a].poc < 0 ? INT64_MAX : units[a].poc;
                    const int64_t pb = units[b].poc < 0 ? INT64_MAX : units[b].poc;
                    return pa < pb;
                });
                for (size_t r = 0; r < order.size(); ++r)
                    units[order[r]].ptsIndex = int64_t(groupStart + r);
                groupStart = i;
            }
        }
        int64_t delay = 0;
        for (const AccessUnit &au : units)
            delay = std::max(delay, au.decodeIndex - au.ptsIndex);
        rep.reorderDelayFrames = static_cast<int>(std::min<int64_t>(delay, 16));
        if ((int64_t(90000) * params.frameRateDen) % params.frameRateNum == 0) {
            videoTb = AVRational{1, 90000};
            frameTicks = int64_t(90000) * params.frameRateDen / params.frameRateNum;
        } else {
            videoTb = AVRational{params.frameRateDen, params.frameRateNum};
            frameTicks = 1;
        }
        rep.droppedVideoFrames = firstKey;
        if (firstKey > 0)
            rep.notes << QStringLiteral("%1 frame(s) before the first keyframe cannot be decoded and were dropped")
                             .arg(firstKey);
    }

    // --- Audio: frame walk.
    MappedFile audio;
    AdtsScan adts;
    std::optional<AdtsHeader> adtsFirst;
    if (withAudio) {
        auto m = MappedFile::open(params.aacPath);
        if (!m)
            return m.error();
        audio = std::move(*m);
        adts = scanAdts(audio.data(), audio.size());
        adtsFirst = parseAdtsHeader(audio.data(), audio.size());
        if (adts.frames == 0 || !adtsFirst)
            return makeError(ErrorCode::Corrupt, QStringLiteral("the AAC stream has no whole ADTS frame"));
        if (adtsFirst->channelConfig == 0)
            return makeError(ErrorCode::Unsupported,
                             QStringLiteral("ADTS with a program config element (channel config 0) is not supported"));
        if (adts.tailBytes > 0)
            rep.notes << QStringLiteral("audio: %1 byte(s) after the last whole frame dropped (%2)")
                             .arg(adts.tailBytes)
                             .arg(adts.problem);
    }

    // --- Torn last picture: decode the last group of pictures once.
    std::vector<QByteArray> tailUnits;
    int64_t tailStart = -1, judgeStart = -1;
    if (withVideo) {
        for (auto it = units.rbegin(); it != units.rend(); ++it)
            if (it->key) {
                if (judgeStart < 0) {
                    judgeStart = it->decodeIndex;
                    tailStart = judgeStart;
                } else {
                    tailStart = it->decodeIndex;
                    break;
                }
            }
        int64_t idx = 0;
        (void)splitAccessUnits(video, params.cancel, [&](const uint8_t *d, int n, bool) {
            if (!holdsSlice(d, n))
                return true;
            if (idx++ >= tailStart)
                tailUnits.emplace_back(reinterpret_cast<const char *>(d), n);
            return true;
        });
        QByteArray hdr("\0\0\0\1", 4);
        hdr += head.spsNal + QByteArray("\0\0\0\1", 4) + head.ppsNal;
        const int64_t bad = firstUndecodable(tailUnits, hdr, static_cast<size_t>(judgeStart - tailStart));
        if (bad >= 0) {
            const int64_t keep = tailStart + bad;
            rep.notes
                << QStringLiteral("%1 torn frame(s) at the end of the video dropped").arg(int64_t(units.size()) - keep);
            rep.droppedVideoFrames += int64_t(units.size()) - keep;
            units.resize(static_cast<size_t>(keep));
        }
    }

    // --- Streams.
    std::vector<StreamInfo> streams;
    int videoIndex = -1, audioIndex = -1;
    if (withVideo) {
        StreamInfo s;
        s.index = videoIndex = 0;
        s.type = AVMEDIA_TYPE_VIDEO;
        s.params = videoParams(*head.sps, makeAvcC(head.spsNal, head.ppsNal));
        s.timeBase = videoTb;
        s.frameRate = AVRational{params.frameRateNum, params.frameRateDen};
        streams.push_back(std::move(s));
    }
    if (withAudio) {
        StreamInfo s;
        s.index = audioIndex = static_cast<int>(streams.size());
        s.type = AVMEDIA_TYPE_AUDIO;
        s.params = audioParams(*adtsFirst);
        s.timeBase = AVRational{1, adtsFirst->sampleRate};
        streams.push_back(std::move(s));
    }
    auto writer = params.makeWriter ? params.makeWriter() : makeMp4Writer();
    WriterOptions wo;
    wo.fsyncIntervalMs = 3600 * 1000; // finish() fsyncs; per-packet syncs would only slow the rebuild
    // Sizes the room reserved for the moov, so it lands at the front.
    const double videoSec = withVideo ? double(units.size()) * params.frameRateDen / params.frameRateNum : 0;
    const double audioSec = withAudio ? double(adts.frames) * 1024.0 / adtsFirst->sampleRate : 0;
    wo.expectedDurationMs = static_cast<qint64>(std::max(videoSec, audioSec) * 1000) + 1000;
    wo.creationTimeUs = params.creationTimeUs;
    wo.sourceDescription = QStringLiteral("recovered raw streams");
    if (auto s = writer->open(params.outputPath, streams, wo); !s)
        return s.error();

    // Video starts presenting after the reorder delay; audio starts with it.
    const int64_t delayTicks = int64_t(rep.reorderDelayFrames) * frameTicks;
    const int64_t audioStart =
        withVideo && withAudio ? av_rescale_q(delayTicks, videoTb, AVRational{1, adtsFirst->sampleRate}) : 0;

    PacketPtr pkt = makePacket();
    size_t vNext = static_cast<size_t>(std::max<int64_t>(firstKey, 0));
    int64_t vWritten = 0;
    // Re-split the video, interleaving audio by time.
    int64_t aPos = 0, aFrame = 0;
    auto writeAudioUpTo = [&](int64_t videoDts) -> Status {
        while (withAudio && aPos < adts.validBytes) {
            const int64_t aDts = audioStart + aFrame * 1024;
            if (videoDts >= 0 && av_compare_ts(aDts, AVRational{1, adtsFirst->sampleRate}, videoDts, videoTb) > 0)
                return {};
            const auto h = parseAdtsHeader(audio.data() + aPos, static_cast<size_t>(adts.validBytes - aPos));
            if (!h)
                return makeError(ErrorCode::Corrupt, QStringLiteral("ADTS frame vanished at byte %1").arg(aPos));
            const int payload = h->frameLength - h->headerSize;
            if (av_new_packet(pkt.get(), payload) < 0)
                return makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
            std::memcpy(pkt->data, audio.data() + aPos + h->headerSize, static_cast<size_t>(payload));
            pkt->stream_index = audioIndex;
            pkt->pts = pkt->dts = aDts;
            pkt->duration = 1024 * h->rawDataBlocks;
            pkt->flags = AV_PKT_FLAG_KEY;
            const Status s = writer->write(pkt.get());
            av_packet_unref(pkt.get());
            if (!s)
                return s;
            aPos += h->frameLength;
            aFrame += h->rawDataBlocks;
            ++rep.audioFrames;
        }
        return {};
    };

    Status failure;
    if (withVideo) {
        int64_t idx = 0;
        const int64_t ptsBase = units.empty() ? 0 : units[vNext].ptsIndex;
        const int64_t dtsBase = static_cast<int64_t>(vNext);
        auto s = splitAccessUnits(video, params.cancel, [&](const uint8_t *d, int n, bool) {
            if (!holdsSlice(d, n))
                return true;
            const int64_t i = idx++;
            if (i < int64_t(vNext))
                return true;
            if (i >= int64_t(units.size()))
                return false;
            const AccessUnit &au = units[static_cast<size_t>(i)];
            const int64_t dts = (au.decodeIndex - dtsBase) * frameTicks;
            const int64_t pts = (au.ptsIndex - ptsBase + rep.reorderDelayFrames) * frameTicks;
            if (auto st = writeAudioUpTo(dts); !st) {
                failure = st;
                return false;
            }
            const QByteArray avcc = annexBToLengthPrefixed(d, static_cast<size_t>(n));
            if (av_new_packet(pkt.get(), static_cast<int>(avcc.size())) < 0) {
                failure = makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
                return false;
            }
            std::memcpy(pkt->data, avcc.constData(), static_cast<size_t>(avcc.size()));
            pkt->stream_index = videoIndex;
            pkt->dts = dts;
            pkt->pts = std::max(pts, dts);
            pkt->duration = frameTicks;
            pkt->flags = au.key ? AV_PKT_FLAG_KEY : 0;
            const Status ws = writer->write(pkt.get());
            av_packet_unref(pkt.get());
            if (!ws) {
                failure = ws;
                return false;
            }
            ++vWritten;
            return true;
        });
        if (!s)
            failure = s;
    }
    if (failure.ok())
        failure = writeAudioUpTo(-1);
    if (!failure) {
        writer->abandon();
        return failure.error();
    }
    auto fin = writer->finish();
    if (!fin)
        return fin.error();
    rep.videoFrames = vWritten;
    rep.videoDurationSec = withVideo ? double(vWritten) * params.frameRateDen / params.frameRateNum : 0;
    rep.audioDurationSec = withAudio ? double(aFrame) * 1024.0 / adtsFirst->sampleRate : 0;
    if (rep.reorderDelayFrames > 0)
        rep.notes << QStringLiteral("B-frames: pictures reordered by their picture order count (delay %1 frame(s))")
                         .arg(rep.reorderDelayFrames);
    return rep;
}

} // namespace tapedeck::recovery

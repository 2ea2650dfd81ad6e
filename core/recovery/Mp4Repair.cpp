#include "core/recovery/Mp4Repair.h"

#include "core/recovery/RepairModel.h"

#include "core/base/FFmpeg.h"
#include "core/mp4/Mp4Writer.h"

extern "C" {
#include <libavutil/mathematics.h>
}

#include <QFileInfo>

#include <algorithm>
#include <cstring>
#include <map>

namespace tapedeck::recovery {

using namespace repair;

namespace {

struct Setup {
    MappedFile map;
    BrokenMp4 broken;
    std::vector<Track> tracks;
    QString layoutSource;
    QStringList notes;
};

Result<Setup> prepare(const QString &inputPath, const QString &referencePath)
{
    Setup s;
    auto map = MappedFile::open(inputPath);
    if (!map)
        return map.error();
    s.map = std::move(*map);
    s.broken = inspectBrokenMp4(s.map.data(), s.map.size());
    if (!s.broken.isMp4 || s.broken.mdatHeader < 0)
        return makeError(ErrorCode::Corrupt,
                         s.broken.why.isEmpty() ? QStringLiteral("not an MP4 with media data") : s.broken.why);
    if (s.broken.hasUsableMoov)
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the file has its index: nothing to repair"));
    if (!referencePath.isEmpty()) {
        auto ref = MappedFile::open(referencePath);
        if (!ref)
            return ref.error();
        const RefLayout layout = readReferenceLayout(ref->data(), ref->size());
        if (!layout.problem.isEmpty())
            return makeError(
                ErrorCode::Corrupt,
                QStringLiteral("reference %1: %2").arg(QFileInfo(referencePath).fileName(), layout.problem));
        if (auto st = setupFromReference(layout, s.tracks); !st)
            return st.error();
        s.layoutSource = QStringLiteral("reference %1").arg(QFileInfo(referencePath).fileName());
    } else {
        if (auto st = setupFromStream(s.map.data(), s.broken.mdatBegin, s.broken.mdatEnd, s.tracks, s.notes); !st)
            return st.error();
        s.layoutSource = QStringLiteral("the stream itself (in-band parameter sets)");
    }
    return s;
}

} // namespace

QString RepairReport::summary() const
{
    QStringList parts;
    for (const RepairedTrack &t : tracks)
        parts
            << QStringLiteral("%1 %2: %3 frame(s), %4 s").arg(t.kind, t.codec).arg(t.frames).arg(t.seconds, 0, 'f', 2);
    QString s = parts.join(QLatin1String("; "));
    s += QStringLiteral(". Layout from %1.").arg(layoutSource);
    if (skippedBytes > 0)
        s += QStringLiteral(" %1 byte(s) in %2 place(s) matched no sample and were skipped.")
                 .arg(skippedBytes)
                 .arg(skipped.size());
    return s;
}

RepairPlan planRepair(const QString &inputPath, const QString &referencePath)
{
    RepairPlan plan;
    auto setup = prepare(inputPath, referencePath);
    if (!setup) {
        plan.problem = setup.message();
        return plan;
    }
    Setup &s = *setup;
    plan.layoutSource = s.layoutSource;
    Walker w;
    w.data = s.map.data();
    w.end = std::min(s.broken.mdatEnd, s.broken.mdatBegin + kPlanBytes);
    w.tracks = &s.tracks;
    for (size_t i = 0; i < s.tracks.size(); ++i)
        if (s.tracks[i].residual)
            w.residual = int(i);
    std::vector<SkippedRange> skipped;
    (void)w.run(s.broken.mdatBegin, skipped, nullptr, {});
    int64_t skippedBytes = 0;
    for (const SkippedRange &r : skipped)
        skippedBytes += r.size;
    const int64_t walked = w.end - s.broken.mdatBegin;
    plan.matchedShare = walked > 0 ? 1.0 - double(skippedBytes) / double(walked) : 0;
    for (const Track &t : s.tracks)
        if (!t.discard)
            plan.tracks << describe(t);
    const bool anyVideo =
        std::any_of(s.tracks.begin(), s.tracks.end(), [](const Track &t) { return t.video && !t.samples.empty(); });
    plan.repairable = anyVideo && plan.matchedShare > 0.5;
    if (!plan.repairable)
        plan.problem = QStringLiteral("the layout from %1 explains only %2 % of the media")
                           .arg(s.layoutSource)
                           .arg(int(plan.matchedShare * 100));
    return plan;
}

QString pickReference(const QString &inputPath, const QStringList &candidates, RepairPlan *plan)
{
    QString best;
    double bestShare = 0.9; // a reference must explain nearly everything it sees
    for (const QString &c : candidates) {
        if (QFileInfo(c).canonicalFilePath() == QFileInfo(inputPath).canonicalFilePath())
            continue;
        RepairPlan p = planRepair(inputPath, c);
        if (p.repairable && p.matchedShare > bestShare) {
            bestShare = p.matchedShare;
            best = c;
            if (plan)
                *plan = std::move(p);
        }
    }
    return best;
}

Result<RepairReport> repairMp4(const RepairParams &params)
{
    auto setup = prepare(params.inputPath, params.referencePath);
    if (!setup)
        return setup.error();
    Setup &s = *setup;
    RepairReport rep;
    rep.reference = params.referencePath;
    rep.layoutSource = s.layoutSource;
    rep.notes = s.notes;
    rep.mediaBytes = s.broken.mdatEnd - s.broken.mdatBegin;
    Walker w;
    w.data = s.map.data();
    w.end = s.broken.mdatEnd;
    w.tracks = &s.tracks;
    w.map = &s.map;
    for (size_t i = 0; i < s.tracks.size(); ++i)
        if (s.tracks[i].residual)
            w.residual = int(i);
    // Progress: the walk is the first half of the work, the writing the second.
    const int64_t media = s.broken.mdatEnd - s.broken.mdatBegin;
    std::function<void(qint64, qint64)> walkProgress;
    if (params.progress)
        walkProgress = [&params, media](qint64 done, qint64) { params.progress(done, 2 * media); };
    if (auto st = w.run(s.broken.mdatBegin, rep.skipped, params.cancel, walkProgress); !st)
        return st.error();
    for (const SkippedRange &r : rep.skipped) {
        rep.skippedBytes += r.size;
        if (r.offset + r.size >= s.broken.mdatEnd)
            rep.notes << QStringLiteral(
                             "%1 byte(s) at the end (from byte %2) are a sample cut off when the recorder stopped")
                             .arg(r.size)
                             .arg(r.offset);
        else
            rep.notes
                << QStringLiteral("skipped %1 byte(s) at byte %2 that matched no track").arg(r.size).arg(r.offset);
    }

    for (const Track &t : s.tracks)
        if (t.discard)
            rep.notes << QStringLiteral("audio in %1 format cannot be recovered by this repair: %2 byte(s) of it were "
                                        "left out, the video is complete")
                             .arg(t.unsupported)
                             .arg(t.discardedBytes);
    for (const Track &t : s.tracks)
        if (t.opus && t.ambiguousRuns > 0)
            rep.notes << QStringLiteral(
                             "Opus packets carry no length: in %1 run(s) of audio the boundaries were chosen "
                             "among bytes that look like a packet start (by the packets' sizes)")
                             .arg(t.ambiguousRuns);

    // Audio without a reference: 44.1 and 48 kHz (and their kin) decode
    // alike, so the rate is the one that keeps audio as long as the video.
    for (Track &t : s.tracks) {
        if (t.video || t.residual || !params.referencePath.isEmpty() || s.tracks.empty() || !s.tracks[0].video)
            continue;
        const Track &v = s.tracks[0];
        if (v.samples.empty() || v.delta == 0 || t.samples.empty())
            continue;
        const double videoSec = double(v.samples.size()) * v.delta / v.timescale;
        const double impliedRate = double(t.nextTicks) / videoSec;
        static const std::map<int, std::vector<int>> kin = {
            {48000, {48000, 44100}}, {24000, {24000, 22050}}, {96000, {96000, 88200}}, {12000, {12000, 11025}}};
        const auto it = kin.find(t.sampleRate);
        if (it == kin.end())
            continue;
        int bestRate = t.sampleRate;
        for (int r : it->second)
            if (std::abs(r - impliedRate) < std::abs(bestRate - impliedRate))
                bestRate = r;
        if (bestRate != t.sampleRate) {
            t.sampleRate = bestRate;
            t.timescale = uint32_t(bestRate);
            t.config = makeAacLcConfig(bestRate, t.channels);
        }
        rep.notes
            << QStringLiteral("audio sample rate %1 Hz: the rate that lasts as long as the video").arg(t.sampleRate);
    }

    // Video timing.
    std::vector<int64_t> ptsIndex;
    int64_t firstKey = 0;
    int64_t delayTicks = 0;
    Track *video = nullptr;
    for (Track &t : s.tracks)
        if (t.video && !video)
            video = &t;
    if (video) {
        if (video->samples.empty())
            return makeError(ErrorCode::Corrupt, QStringLiteral("no video frame found in the media data"));
        const int64_t delayFrames = assignVideoTiming(video->samples, ptsIndex);
        delayTicks = video->refDelayTicks >= 0 ? std::max(video->refDelayTicks, delayFrames * video->delta)
                                               : delayFrames * video->delta;
        while (firstKey < int64_t(video->samples.size()) && !video->samples[size_t(firstKey)].key)
            ++firstKey;
        if (firstKey == int64_t(video->samples.size()))
            return makeError(ErrorCode::Corrupt, QStringLiteral("the video has no keyframe: nothing can be decoded"));
        rep.droppedFrames = firstKey;
        if (firstKey > 0)
            rep.notes << QStringLiteral(
                             "%1 video frame(s) before the first keyframe cannot be decoded and were dropped")
                             .arg(firstKey);
        if (delayFrames > 0)
            rep.notes << QStringLiteral("B-frames: presentation order from the picture order count (delay %1 frame(s))")
                             .arg(delayTicks / std::max<uint32_t>(1, video->delta));
    }

    std::vector<StreamInfo> streams;
    std::vector<int> streamOf(s.tracks.size(), -1);
    double longest = 0;
    for (size_t i = 0; i < s.tracks.size(); ++i) {
        const Track &t = s.tracks[i];
        const int64_t n = int64_t(t.samples.size()) - (t.video ? firstKey : 0);
        if (n <= 0)
            continue;
        streamOf[i] = int(streams.size());
        streams.push_back(streamFor(t, int(streams.size())));
        RepairedTrack rt;
        rt.kind = t.video ? QStringLiteral("video") : QStringLiteral("audio");
        rt.codec = codecName(t.codec);
        rt.detail = describe(t);
        rt.frames = n;
        rt.seconds = t.video ? double(n) * t.delta / t.timescale : double(t.nextTicks) / t.sampleRate;
        longest = std::max(longest, rt.seconds);
        rep.tracks.push_back(rt);
    }
    if (streams.empty())
        return makeError(ErrorCode::Corrupt, QStringLiteral("no sample found in the media data"));

    auto writer = params.makeWriter ? params.makeWriter() : makeMp4Writer();
    WriterOptions wo;
    wo.fsyncIntervalMs = 3600 * 1000; // finish() fsyncs; per-packet syncs would only slow the repair
    wo.gatherWrites = true;           // samples and records go out in batches (writev), finish() writes the rest
    wo.expectedDurationMs = qint64(longest * 1000) + 1000;
    wo.creationTimeUs = params.creationTimeUs;
    wo.sourceDescription = QStringLiteral("repaired %1").arg(QFileInfo(params.inputPath).fileName());
    if (auto st = writer->open(params.outputPath, streams, wo); !st)
        return st.error();

    // Write in file order, as the recorder interleaved the tracks.
    std::vector<size_t> next(s.tracks.size(), 0);
    // The writer wants every dts >= 0 and keeps the tracks' start offsets:
    // the sound starts together with the first picture, i.e. after the
    // video's composition delay, and its priming (which the edit list skips)
    // comes before that (as the recorder's edit lists had it). When the
    // priming is longer than the delay, the video starts that much later.
    std::vector<int64_t> audioDts(s.tracks.size(), 0);
    int64_t videoStart = 0;
    if (video) {
        for (const Track &t : s.tracks)
            if (!t.video && t.sampleRate > 0)
                videoStart = std::max(
                    videoStart, av_rescale_rnd(t.priming, video->timescale, t.sampleRate, AV_ROUND_UP) - delayTicks);
        for (size_t i = 0; i < s.tracks.size(); ++i)
            if (!s.tracks[i].video)
                audioDts[i] =
                    av_rescale(delayTicks + videoStart, s.tracks[i].sampleRate, video->timescale) - s.tracks[i].priming;
    }
    for (const Track &t : s.tracks)
        if (!t.video && t.priming > 0 && !t.discard)
            rep.notes << QStringLiteral("audio: %1 samples of encoder priming marked in the edit list (%2 ms)")
                             .arg(t.priming)
                             .arg(double(t.priming) * 1000.0 / std::max(1, t.sampleRate), 0, 'f', 1);
    if (video)
        next[size_t(video - s.tracks.data())] = size_t(firstKey);
    PacketPtr pkt = makePacket();
    Status failure;
    int64_t written = 0;
    int64_t released = 0, lastTick = s.broken.mdatBegin;
    while (failure.ok()) {
        int pick = -1;
        for (size_t i = 0; i < s.tracks.size(); ++i)
            if (streamOf[i] >= 0 && next[i] < s.tracks[i].samples.size()
                && (pick < 0
                    || s.tracks[i].samples[next[i]].offset < s.tracks[size_t(pick)].samples[next[size_t(pick)]].offset))
                pick = int(i);
        if (pick < 0)
            break;
        if (params.cancel && (written & 255) == 0 && params.cancel->load(std::memory_order_relaxed)) {
            failure = makeError(ErrorCode::Cancelled, QStringLiteral("stopped"));
            break;
        }
        Track &t = s.tracks[size_t(pick)];
        const size_t k = next[size_t(pick)]++;
        const Sample &smp = t.samples[k];
        if (av_new_packet(pkt.get(), int(smp.size)) < 0) {
            failure = makeError(ErrorCode::Internal, QStringLiteral("out of memory"));
            break;
        }
        std::memcpy(pkt->data, s.map.data() + smp.offset, smp.size);
        if (smp.offset - kKeepBehind - released >= kReleaseEvery) {
            s.map.release(size_t(released), size_t(smp.offset - kKeepBehind));
            released = smp.offset - kKeepBehind;
        }
        if (params.progress && smp.offset - lastTick >= (4 << 20)) {
            lastTick = smp.offset;
            params.progress(media + smp.offset - s.broken.mdatBegin, 2 * media);
        }
        pkt->stream_index = streamOf[size_t(pick)];
        if (t.video) {
            const int64_t dts = (int64_t(k) - firstKey) * t.delta + videoStart;
            const int64_t pts = (ptsIndex[k] - ptsIndex[size_t(firstKey)]) * t.delta + delayTicks + videoStart;
            pkt->dts = dts;
            pkt->pts = std::max(pts, dts);
            pkt->duration = t.delta;
            pkt->flags = smp.key ? AV_PKT_FLAG_KEY : 0;
        } else {
            pkt->dts = pkt->pts = audioDts[size_t(pick)];
            pkt->duration = smp.duration;
            pkt->flags = AV_PKT_FLAG_KEY;
            audioDts[size_t(pick)] += smp.duration;
        }
        failure = writer->write(pkt.get());
        av_packet_unref(pkt.get());
        ++written;
    }
    if (!failure) {
        writer->abandon();
        return failure.error();
    }
    // The writer's finish reads every record back to build the header: the
    // walk's sample lists are not needed any more (hours of recording hold
    // millions of them).
    for (Track &t : s.tracks)
        std::vector<Sample>().swap(t.samples);
    std::vector<int64_t>().swap(ptsIndex);
    auto fin = writer->finish();
    if (!fin)
        return fin.error();
    if (params.progress)
        params.progress(2 * media, 2 * media);
    return rep;
}
} // namespace tapedeck::recovery

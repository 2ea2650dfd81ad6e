// How many complete video frames libavformat holds back when a live MPEG-TS
// source pauses (issue 15: "a SIGKILL loses 2 frames; measure, do not guess").
//
//   tapedeck_bench_demuxhold FILE.ts [FRAMES] [fflags|tapedeck]
//
// Writes the first FRAMES video frames of FILE.ts (every TS packet before the
// start of video PES number FRAMES, so each of those frames is complete) into
// a pipe and keeps the pipe open, as a paused live sender does. A second
// thread reads the pipe with av_read_frame, as the recorder's reader does.
// After the reader has been idle for a second it prints how many video
// packets it received and how many frames were complete but not handed
// over, and the number of ADTS frames inside each audio packet (with
// +noparse the demuxer hands over whole PES packets, which may hold several
// AAC frames). FFLAGS is given to the demuxer as "fflags" (e.g. +noparse);
// "tapedeck" reads as Tapedeck's live MPEG-TS reader does (default flags,
// then core/source/LiveTsFrames: the video parser told that each PES is a
// complete frame). Not part of the product; the recorder never runs this.

#include "core/parsers/Ts.h"
#include "core/source/LiveTsFrames.h"

extern "C" {
#include <libavformat/avformat.h>
}

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace {

constexpr size_t kTs = 188;

// PID of the first video stream the PMT declares, or -1.
int videoPid(const std::vector<unsigned char> &ts)
{
    const auto streams = tapedeck::recovery::checkTsStreams(ts.data(), int64_t(ts.size() / kTs * kTs));
    return streams.videoPids.empty() ? -1 : streams.videoPids.front();
}

int adtsFrames(const AVPacket *pkt)
{
    int n = 0;
    for (int i = 0; i + 7 <= pkt->size;) {
        const unsigned char *h = pkt->data + i;
        if (h[0] != 0xff || (h[1] & 0xf6) != 0xf0)
            return n == 0 ? 1 : n; // not ADTS (already split): one frame
        const int len = ((h[3] & 0x03) << 11) | (h[4] << 3) | (h[5] >> 5);
        if (len < 7)
            break;
        ++n;
        i += len;
    }
    return n;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: tapedeck_bench_demuxhold FILE.ts [FRAMES] [fflags]\n");
        return 2;
    }
    const int frames = argc > 2 ? std::atoi(argv[2]) : 150;
    const char *fflags = argc > 3 ? argv[3] : "";
    const bool tapedeck = std::strcmp(fflags, "tapedeck") == 0;
    if (tapedeck)
        fflags = "";
    std::ifstream in(argv[1], std::ios::binary);
    std::vector<unsigned char> ts((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const int vpid = videoPid(ts);
    if (vpid < 0) {
        std::fprintf(stderr, "no H.264/HEVC stream in %s\n", argv[1]);
        return 1;
    }
    size_t cut = 0;
    int starts = 0;
    for (size_t off = 0; off + kTs <= ts.size(); off += kTs) {
        const int pid = ((ts[off + 1] & 0x1f) << 8) | ts[off + 2];
        if (pid == vpid && (ts[off + 1] & 0x40) && starts++ == frames) {
            cut = off;
            break;
        }
    }
    if (cut == 0) {
        std::fprintf(stderr, "%s has fewer than %d video frames\n", argv[1], frames + 1);
        return 1;
    }

    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    std::thread sender([&] {
        size_t done = 0;
        while (done < cut) {
            const ssize_t w = write(fds[1], ts.data() + done, std::min<size_t>(cut - done, 1316));
            if (w <= 0)
                return;
            done += size_t(w);
        }
        // The sender pauses here with the pipe open: no end of file.
    });

    std::atomic<int> video{0}, videoKey{0}, audio{0}, audioFrames{0}, maxAudioFrames{0};
    std::atomic<long long> lastMs{0};
    const auto t0 = std::chrono::steady_clock::now();
    auto nowMs = [&] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
    };
    std::thread reader([&] {
        AVFormatContext *ctx = nullptr;
        AVDictionary *opts = nullptr;
        if (*fflags)
            av_dict_set(&opts, "fflags", fflags, 0);
        const std::string url = "pipe:" + std::to_string(fds[0]);
        if (avformat_open_input(&ctx, url.c_str(), av_find_input_format("mpegts"), &opts) < 0) {
            std::fprintf(stderr, "open failed\n");
            std::_Exit(1);
        }
        av_dict_free(&opts);
        if (avformat_find_stream_info(ctx, nullptr) < 0) {
            std::fprintf(stderr, "find_stream_info failed\n");
            std::_Exit(1);
        }
        tapedeck::LiveTsFrames handover;
        if (tapedeck) {
            std::vector<int> all;
            for (unsigned i = 0; i < ctx->nb_streams; ++i)
                all.push_back(int(i));
            handover.arm(ctx, all);
        }
        for (;;) {
            tapedeck::PacketPtr pkt = handover.ready();
            if (!pkt) {
                pkt = tapedeck::makePacket();
                if (av_read_frame(ctx, pkt.get()) < 0)
                    break;
                if (handover.armed())
                    pkt = handover.pass(std::move(pkt));
            }
            const AVCodecParameters *par = ctx->streams[pkt->stream_index]->codecpar;
            if (par->codec_type == AVMEDIA_TYPE_VIDEO) {
                ++video;
                if (pkt->flags & AV_PKT_FLAG_KEY)
                    ++videoKey; // without the parser, is a keyframe still flagged?
            } else if (par->codec_type == AVMEDIA_TYPE_AUDIO) {
                ++audio;
                const int n = adtsFrames(pkt.get());
                audioFrames += n;
                if (n > maxAudioFrames)
                    maxAudioFrames = n;
            }
            lastMs = nowMs();
        }
    });
    // Wait until the reader has had nothing new for a second (bounded).
    while (nowMs() < 30000 && (lastMs == 0 || nowMs() - lastMs < 1000))
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::printf("fflags=%s complete_video_frames_sent=%d video_packets_received=%d (keyframes flagged %d) held=%d "
                "audio_packets=%d adts_frames=%d max_adts_frames_per_packet=%d\n",
                tapedeck      ? "(none), as Tapedeck reads live MPEG-TS"
                    : *fflags ? fflags
                              : "(none)",
                frames, video.load(), videoKey.load(), frames - video.load(), audio.load(), audioFrames.load(),
                maxAudioFrames.load());
    std::fflush(stdout);
    std::_Exit(0); // the reader is blocked in read(2) on the open pipe
}

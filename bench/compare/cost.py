#!/usr/bin/env python3
"""Table 3 — cost per recording.

N = 1, 8, 32 concurrent stream-copy recordings of live MPEG-TS over UDP
(a real 720p30 H.264 + AAC stream, ~6.4 Mbit/s each, sent in real time by a
fan-out in this process: the same datagrams to N ports). Recorded to MP4:
  Tapedeck: one engine process with N recordings (tapedeck_bench_multirecord),
  ffmpeg:   N processes `ffmpeg -i udp://... -map 0 -c copy OUT.mp4`.
CPU = utime+stime from /proc/<pid>/stat over a fixed window after a warm-up;
memory = VmHWM (peak RSS) from /proc/<pid>/status, summed over processes.
Each side runs alone (one after the other) with a fresh fan-out.
"""

import argparse
import os
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402


def measure(procs, fan, warmup, window, series=None, every=60):
    time.sleep(warmup)
    r0 = sum(C.proc_rss_bytes(p.pid) for p in procs)
    c0 = sum(C.proc_cpu_seconds(p.pid) for p in procs)
    b0, t0 = fan.bytes_sent, time.monotonic()
    if series is None:
        time.sleep(window)
    else:
        # The long run: resident memory and CPU every `every` seconds.
        series.append((0.0, r0, 0.0))
        last_c, last_t = c0, t0
        while time.monotonic() - t0 < window:
            time.sleep(min(every, window - (time.monotonic() - t0)))
            now, c = time.monotonic(), sum(C.proc_cpu_seconds(p.pid) for p in procs)
            series.append((now - t0, sum(C.proc_rss_bytes(p.pid) for p in procs), (c - last_c) / (now - last_t)))
            last_c, last_t = c, now
    c1 = sum(C.proc_cpu_seconds(p.pid) for p in procs)
    b1, t1 = fan.bytes_sent, time.monotonic()
    hwm = sum(C.proc_hwm_bytes(p.pid) for p in procs)
    rss = sum(C.proc_rss_bytes(p.pid) for p in procs)
    growth = (rss - r0) / (t1 - t0)
    alive = sum(p.poll() is None for p in procs)
    return (c1 - c0) / (t1 - t0), hwm, (b1 - b0) * 8 / (t1 - t0), alive, growth, rss


def stop(procs):
    return C.stop_all(procs, 30)


def dir_bytes(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))


class Reaper(threading.Thread):
    """The long run: N recordings at 6.3 Mbit/s write 2.8 GB each per hour.
    They are cut into one-minute chunks, and every finished chunk (a plain
    .mp4: the open one is still in sidecar form) is deleted as the run goes,
    so the disk holds a few minutes at most."""

    def __init__(self, d):
        super().__init__(daemon=True)
        self.d, self.halt, self.deleted = d, threading.Event(), 0

    def run(self):
        while not self.halt.wait(20):
            for f in os.listdir(self.d):
                if f.endswith(".mp4"):
                    try:
                        os.remove(os.path.join(self.d, f))
                        self.deleted += 1
                    except OSError:
                        pass


def side(kind, n, bindir, work, dgrams, warmup, window, series=None):
    d = C.scratch(work, "cost-%s-%d" % (kind, n))
    ports = C.free_udp_ports(n, 32000)
    urls = ["udp://127.0.0.1:%d" % p for p in ports]
    long_run = series is not None
    if kind == "tapedeck":
        procs = [subprocess.Popen([os.path.join(bindir, "bench", "compare", "tapedeck_bench_multirecord"),
                                   "--type", "mp4", "--out-dir", d] + (["--chunk", "60"] if long_run else []) + urls,
                                  stdout=subprocess.PIPE, stderr=open(os.path.join(d, "log.txt"), "w"), text=True)]
        procs[0].stdout.readline()  # "ready"
    else:
        procs = [subprocess.Popen(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", u, "-map", "0", "-c", "copy",
                                   os.path.join(d, "rec%d.mp4" % i)],
                                  stdout=subprocess.DEVNULL, stderr=open(os.path.join(d, "log%d.txt" % i), "w"))
                 for i, u in enumerate(urls)]
    time.sleep(1.5)  # every recorder has bound its port
    # The clip is 60 s: a longer window loops it (the source's timestamps
    # jump back at each loop, as a restarted encoder's do).
    fan = C.FanOut(dgrams, ports, loop=long_run)
    fan.start()
    reaper = Reaper(d) if long_run else None
    if reaper:
        reaper.start()
    cpu, hwm, bps, alive, growth, rss = measure(procs, fan, warmup, window, series)
    hung = stop(procs)
    sent = fan.frames_sent
    fan.stop()
    fan.join()
    if reaper:
        reaper.halt.set()
        reaper.join()
    frames = [video_frames(os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith(".mp4")]
    import shutil
    shutil.rmtree(d, ignore_errors=True)
    return {"cpu": cpu, "hwm": hwm, "rss": rss, "bps": bps, "alive": alive, "hung": hung, "growth": growth,
            "kept": None if long_run else min(frames + [0] * (n - len(frames))) / max(1, sent)}


def video_frames(path):
    r = C.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries",
               "stream=nb_read_packets", "-of", "csv=p=0", path], check=False)
    try:
        return int(r.stdout.strip().splitlines()[0])
    except (ValueError, IndexError):
        return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--counts", help="e.g. 1,8,32 (default: 1,8,32; quick: 1,8)")
    ap.add_argument("--sides", default="tapedeck,ffmpeg")
    ap.add_argument("--window", type=int, help="seconds measured (default 15; quick 5; 3600 = the one-hour run)")
    a = ap.parse_args()
    media = os.path.join(a.work, "media")
    os.makedirs(media, exist_ok=True)
    dgrams = C.load_ts(C.make_clip(os.path.join(media, "live720p30_6M_60s.ts"), 60))
    counts = [int(c) for c in a.counts.split(",")] if a.counts else [1, 8] if a.quick else [1, 8, 32]
    sides = a.sides.split(",")
    warmup, window = (3, 5) if a.quick else (4, 15)
    if a.window:
        window = a.window
    long_run = window > 45
    rows = []
    goals = []
    serieses = {}
    for n in counts:
        res = {}
        for kind in sides:
            if long_run and kind != "tapedeck":
                # 32 ffmpeg processes writing one MP4 each for an hour would
                # need 90 GB of disk; the long run is about Tapedeck's memory.
                C.log("cost: %s skipped in the long run" % kind)
                continue
            C.log("cost: %s, %d recording(s) ..." % (kind, n))
            series = [] if long_run else None
            res[kind] = side(kind, n, a.bin, a.work, dgrams, warmup, window, series)
            if series is not None:
                serieses[n] = series
        for kind, label in (("tapedeck", "Tapedeck engine (1 process)"), ("ffmpeg", "ffmpeg -c copy (%d process%s)"
                                                                             % (n, "es" if n > 1 else ""))):
            if kind not in res:
                continue
            r = res[kind]
            rows.append([n, label, "%.2f %%" % (100 * r["cpu"] / n), "%.1f %%" % (100 * r["cpu"]),
                         "%.1f MB" % (r["hwm"] / n / 1e6), "%.0f MB" % (r["hwm"] / 1e6),
                         "%.1f MB" % (r["rss"] / n / 1e6),
                         "%+.0f kB/s" % (r["growth"] / n / 1e3),
                         ("n/a (chunks deleted)" if r["kept"] is None else "%.3f" % r["kept"])
                         + ("" if r["alive"] == (1 if kind == "tapedeck" else n)
                                              else " (%d alive)" % r["alive"])
                         + (" (%d did not stop within 30 s)" % r["hung"] if r["hung"] else "")])
        # Goals of issue 15, beside their measurement.
        if "tapedeck" in res and "ffmpeg" in res and n in (8, 32):
            td, ff = res["tapedeck"]["cpu"] / n, res["ffmpeg"]["cpu"] / n
            goals.append(["N = %d: CPU per recording ≤ 0.8 × ffmpeg's" % n,
                          "%.2f %% vs 0.8 × %.2f %% = %.2f %%" % (100 * td, 100 * ff, 80 * ff),
                          "met" if td <= 0.8 * ff else "NOT met"])
        if "tapedeck" in res and n == 32:
            hwm, growth = res["tapedeck"]["hwm"] / n, res["tapedeck"]["growth"] / n
            rss = res["tapedeck"]["rss"] / n
            # Flat is judged over an hour (--hour, the goal below); a window
            # of seconds after the start sees the buffers' first growth (the
            # queues, the parsers' frame buffers) and, before 2026-12-02, the
            # release of the MPEG-TS demuxer's 5 MB seek-back buffer, which
            # made the growth negative. A buffer still filling shows as a
            # growth near the stream's byte rate (~800 kB/s): that fails here.
            goals.append(["N = 32: memory ≤ 8 MB per recording while recording, no buffer filling "
                          "(flat over an hour: --hour)",
                          "%.1f MB resident at the end of the window, %+.0f kB/s over %d s" % (rss / 1e6, growth / 1e3,
                                                                                            window),
                          "met" if rss <= 8e6 and growth <= 80e3 else "NOT met"])
            goals.append(["N = 32: memory ≤ 8 MB per recording at its peak (the start, every stream probed at once)",
                          "%.1f MB peak (VmHWM)" % (hwm / 1e6), "met" if hwm <= 8e6 else "NOT met"])
    print("### 3. Cost per recording (live UDP MPEG-TS, %.1f Mbit/s each, stream copy to MP4)\n"
          % (next(iter(res.values()))["bps"] / 1e6))
    print(C.table(["N", "recorder", "CPU per recording (of one core)", "CPU total", "peak RSS per recording",
                   "peak RSS total", "RSS per recording at the end", "RSS growth per recording",
                   "frames kept (worst recording)"], rows))
    print("\nCPU over a %d s window after a %d s warm-up (utime+stime, /proc/PID/stat); peak RSS = VmHWM summed over "
          "the recorder's processes (for Tapedeck its start, when every stream is probed at once: libavformat decodes "
          "at least 7 frames of each H.264 stream); RSS at the end = VmRSS at the end of the window. Frames kept = video frames in the worst of the N files (ffprobe -count_packets) / video frames sent until the recorders were stopped (SIGTERM, stream still live). RSS growth = change of the summed VmRSS over the window, per recording: a figure near the stream's byte rate means a buffer still filling, so peak RSS keeps rising with recording time. The UDP fan-out (this Python process) is not counted on either side. "
          "Files are MP4 on both sides; Tapedeck fsyncs every second, ffmpeg never." % (window, warmup))
    for n, series in serieses.items():
        print("\nThe long run, N = %d: the source loops its 60 s clip; recordings cut into one-minute chunks, each "
              "finished chunk deleted as the run went. Resident memory of the engine process, per recording, and "
              "CPU per recording over the minute before:\n" % n)
        print(C.table(["minute", "RSS per recording", "CPU per recording"],
                      [["%.1f" % (t / 60), "%.2f MB" % (r / n / 1e6), "%.2f %%" % (100 * c / n) if t else "-"]
                       for t, r, c in series]))
        later = [r for t, r, _ in series if t >= 600]
        if later:
            goals.append(["N = %d: memory flat over the long run (from minute 10 to the end)" % n,
                          "%.2f to %.2f MB per recording" % (min(later) / n / 1e6, max(later) / n / 1e6),
                          "met" if max(later) / n <= 8e6 and max(later) - min(later) <= 1e6 * n else "NOT met"])
    if goals:
        print("\nGoals (issue 15):\n")
        print(C.table(["goal", "measured", "met?"], goals))


if __name__ == "__main__":
    main()

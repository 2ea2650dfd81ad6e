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
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402


def measure(procs, fan, warmup, window):
    time.sleep(warmup)
    r0 = sum(C.proc_rss_bytes(p.pid) for p in procs)
    c0 = sum(C.proc_cpu_seconds(p.pid) for p in procs)
    b0, t0 = fan.bytes_sent, time.monotonic()
    time.sleep(window)
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


def side(kind, n, bindir, work, dgrams, warmup, window):
    d = C.scratch(work, "cost-%s-%d" % (kind, n))
    ports = C.free_udp_ports(n, 32000)
    urls = ["udp://127.0.0.1:%d" % p for p in ports]
    if kind == "tapedeck":
        procs = [subprocess.Popen([os.path.join(bindir, "bench", "compare", "tapedeck_bench_multirecord"),
                                   "--type", "mp4", "--out-dir", d] + urls,
                                  stdout=subprocess.PIPE, stderr=open(os.path.join(d, "log.txt"), "w"), text=True)]
        procs[0].stdout.readline()  # "ready"
    else:
        procs = [subprocess.Popen(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", u, "-map", "0", "-c", "copy",
                                   os.path.join(d, "rec%d.mp4" % i)],
                                  stdout=subprocess.DEVNULL, stderr=open(os.path.join(d, "log%d.txt" % i), "w"))
                 for i, u in enumerate(urls)]
    time.sleep(1.5)  # every recorder has bound its port
    fan = C.FanOut(dgrams, ports, loop=False)
    fan.start()
    cpu, hwm, bps, alive, growth, rss = measure(procs, fan, warmup, window)
    hung = stop(procs)
    sent = fan.frames_sent
    fan.stop()
    fan.join()
    frames = [video_frames(os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith(".mp4")]
    import shutil
    shutil.rmtree(d, ignore_errors=True)
    return {"cpu": cpu, "hwm": hwm, "rss": rss, "bps": bps, "alive": alive, "hung": hung, "growth": growth,
            "kept": min(frames + [0] * (n - len(frames))) / max(1, sent)}


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
    rows = []
    goals = []
    for n in counts:
        res = {}
        for kind in sides:
            C.log("cost: %s, %d recording(s) ..." % (kind, n))
            res[kind] = side(kind, n, a.bin, a.work, dgrams, warmup, window)
        for kind, label in (("tapedeck", "Tapedeck engine (1 process)"), ("ffmpeg", "ffmpeg -c copy (%d process%s)"
                                                                             % (n, "es" if n > 1 else ""))):
            if kind not in res:
                continue
            r = res[kind]
            rows.append([n, label, "%.2f %%" % (100 * r["cpu"] / n), "%.1f %%" % (100 * r["cpu"]),
                         "%.1f MB" % (r["hwm"] / n / 1e6), "%.0f MB" % (r["hwm"] / 1e6),
                         "%.1f MB" % (r["rss"] / n / 1e6),
                         "%+.0f kB/s" % (r["growth"] / n / 1e3),
                         "%.3f" % r["kept"] + ("" if r["alive"] == (1 if kind == "tapedeck" else n)
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
            goals.append(["N = 32: memory ≤ 8 MB per recording while recording, flat",
                          "%.1f MB resident at the end of the window, %+.0f kB/s over %d s" % (rss / 1e6, growth / 1e3,
                                                                                            window),
                          "met" if rss <= 8e6 and growth <= 1e3 else "NOT met"])
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
    if goals:
        print("\nGoals (issue 15):\n")
        print(C.table(["goal", "measured", "met?"], goals))


if __name__ == "__main__":
    main()

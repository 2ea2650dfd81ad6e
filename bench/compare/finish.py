#!/usr/bin/env python3
"""Table 1 — finish and rebuild time against size.

Runs the finish benchmark of bench/finish (Tapedeck's clean finish and its
rebuild from sidecars, against `ffmpeg -c copy -movflags +faststart` on the
same media) and, in the same run, GStreamer on media made by the same recipe
(a 2 s 720p30 H.264 20 Mbit/s + AAC clip repeated to the size):
  - qtmux finish: qtmux (faststart=true, moov-recovery-file set) muxing the
    media; the clock runs from the end-of-stream reaching qtmux to the EOS on
    the bus (gst_finish_probe.py);
  - qtmoovrecover: qtmux (moov-recovery-file, no faststart) is SIGKILLed once
    all media is in its output, then `qtmoovrecover` rebuilds the file.
Prints one Markdown table joining both, by size.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MB = 1024 * 1024


def parse_size(s):
    s = s.strip().upper()
    mul = {"G": 1024 * MB, "M": MB}.get(s[-1], 1)
    return int(float(s[:-1] if mul > 1 else s) * mul)


def make_media(d, target):
    seed = C.make_clip(os.path.join(d, "seed20M_2s.mp4"), 2, bitrate="20M", bframes=2)
    loops = max(0, -(-target // os.path.getsize(seed)) - 1)
    out = os.path.join(d, "media.mp4")
    C.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-stream_loop", str(loops), "-i", seed, "-map", "0",
           "-c", "copy", out])
    return out


def gst_mux_cmd(src, out, mrf, faststart):
    return ["gst-launch-1.0", "-q", "filesrc", "location=" + src, "!", "qtdemux", "name=d", "d.video_0", "!", "queue",
            "!", "h264parse", "!", "qtmux", "name=m", "faststart=%s" % ("true" if faststart else "false"),
            "moov-recovery-file=" + mrf, "!", "filesink", "location=" + out, "d.audio_0", "!", "queue", "!",
            "aacparse", "!", "m."]


def gst_finish(src, d):
    out, mrf = os.path.join(d, "gst-clean.mp4"), os.path.join(d, "gst-clean.mrf")
    r = C.run(["/usr/bin/python3", os.path.join(HERE, "gst_finish_probe.py"), src, out, mrf])
    sec = float(r.stdout.strip().splitlines()[-1])
    for f in (out, mrf):
        if os.path.exists(f):
            os.remove(f)
    return sec


def gst_crash(src, d):
    """qtmux killed once all media is in its file; returns (broken, mrf)."""
    out, mrf = os.path.join(d, "gst-broken.mp4"), os.path.join(d, "gst-broken.mrf")
    size = os.path.getsize(src)
    p = subprocess.Popen(gst_mux_cmd(src, out, mrf, False), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    prev, still = -1, 0
    while p.poll() is None:
        cur = os.path.getsize(out) if os.path.exists(out) else 0
        # Everything is muxed when the file stopped growing near the input's size
        # (the moov is written only at EOS, which the kill pre-empts).
        still = still + 1 if cur == prev and cur > 0.97 * size else 0
        if still >= 3:
            break
        prev = cur
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    p.wait()
    return out, mrf


def gst_recover(broken, mrf, d):
    fixed = os.path.join(d, "gst-fixed.mp4")
    t = C.timed(["gst-launch-1.0", "-q", "qtmoovrecover", "recovery-input=" + mrf, "broken-input=" + broken,
                 "fixed-output=" + fixed])
    if not os.path.exists(fixed) or os.path.getsize(fixed) < 0.9 * os.path.getsize(broken):
        raise RuntimeError("qtmoovrecover wrote no usable file")
    os.remove(fixed)
    return t


def run_tapedeck_finish(bindir, sizes, runs, work):
    exe = os.path.join(bindir, "bench", "finish", "tapedeck_bench_finish")
    r = C.run([exe, "--sizes", ",".join(sizes), "--runs", str(runs), "--dir", work])
    rows = {}
    note = ""
    for line in r.stdout.splitlines():
        m = re.match(r"\|\s*(\S+) \(", line)
        if m:
            rows[m.group(1)] = [c.strip() for c in line.strip().strip("|").split("|")]
        elif line.strip() and not line.startswith("|"):
            note += line.strip() + " "
    return rows, note.strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--sizes", default="100M,1G,4G")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    sizes = a.sizes.split(",")

    C.log("finish: Tapedeck and ffmpeg (bench/finish) at %s ..." % a.sizes)
    td, td_note = run_tapedeck_finish(a.bin, sizes, a.runs, a.work)

    gst = {}
    for s in sizes:
        d = C.scratch(a.work, "gst-finish")
        target = parse_size(s)
        C.log("finish: GStreamer at %s ..." % s)
        src = make_media(d, target)
        fin_runs = a.runs if target <= 200 * MB else 1
        rec_runs = a.runs if target <= 1536 * MB else 1
        fin = C.median([gst_finish(src, d) for _ in range(fin_runs)])
        broken, mrf = gst_crash(src, d)
        os.remove(src)  # keep the disk footprint at two copies
        rec = C.median([gst_recover(broken, mrf, d) for _ in range(rec_runs)])
        gst[s] = (fin, fin_runs, rec, rec_runs)
        shutil.rmtree(d, ignore_errors=True)

    print("### 1. Finish and rebuild time against size (720p30 H.264 20 Mbit/s + AAC)\n")
    headers = ["recording", "Tapedeck finish", "Tapedeck rebuild", "ffmpeg -c copy -movflags +faststart",
               "GStreamer qtmux finish (faststart)", "GStreamer qtmoovrecover", "Tapedeck finish vs ffmpeg"]
    rows = []
    for s in sizes:
        t = td.get(s)
        g = gst[s]
        if t is None:
            rows.append([s, "?", "?", "?", "%.2f s" % g[0], "%.2f s" % g[2], "?"])
            continue
        # bench/finish columns: recording | samples | finish | rebuild | ffmpeg | finish/ffmpeg
        rows.append([t[0], t[2], t[3], t[4], "%.2f s (median of %d)" % (g[0], g[1]),
                     "%.2f s (median of %d)" % (g[2], g[3]), t[5]])
    print(C.table(headers, rows))
    print("\nTapedeck and ffmpeg columns come from `tapedeck_bench_finish` (bench/finish): %s "
          "GStreamer columns: same media recipe; the qtmux finish is timed from the end-of-stream reaching qtmux to "
          "its EOS message; qtmoovrecover rebuilds a qtmux file SIGKILLed after all media was written. "
          "Neither GStreamer figure includes an fsync." % td_note)


if __name__ == "__main__":
    main()

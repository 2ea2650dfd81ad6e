#!/usr/bin/env python3
"""Repair speed and memory against the file's size (issue 12).

usage: speed.py TAPEDECK_BIN WORKDIR [--runs N]

Makes two kinds of broken MP4 with ffmpeg (the index never written: cut
before the moov, a healthy 4 s file of the same settings beside it as the
reference) and repairs them with `tapedeck recover --keep`, the file in the
page cache:
  - bytes: 720p30 H.264 8 Mbit/s + AAC, 28 s and the same looped 10x
    (29 MB, 278 MB): MB/s, with the output on this disk (the repair's own
    fsyncs included) and in /dev/shm (the repair alone), beside a copy of
    the same bytes with one fsync (dd conv=fsync: what this disk can do)
    and ffmpeg -c copy of the healthy original (an index to read, no
    sample to find, no fsync);
  - samples: 320x180 H.264 150 kbit/s + AAC 32 kbit/s, 10 and 60 minutes
    (46 k and 277 k samples): time and peak memory, which grow with the
    number of samples (the index the output must carry), beside ffmpeg -c
    copy of the healthy original.
Median of N runs (default 3). Prints Markdown; nothing is downloaded.
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

FF = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y"]


def run(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def timed(cmd):
    """(wall s, cpu s, peak RSS MB) of one process."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed ({status}): {' '.join(cmd)}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def median_of(runs, cmd, before=None):
    res = []
    for _ in range(runs):
        if before:
            before()
        res.append(timed(cmd))
    return tuple(statistics.median(r[i] for r in res) for i in range(3))


def cut(src, dst, fraction):
    n = int(os.path.getsize(src) * fraction)
    with open(src, "rb") as f, open(dst, "wb") as g:
        left = n
        while left:
            b = f.read(min(left, 1 << 24))
            g.write(b)
            left -= len(b)


def warm(path):
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass


def make_case(work, name, size, rate, vbit, abit, seconds, loops):
    enc = ["-c:v", "libx264", "-preset", "veryfast", "-bf", "3", "-g", "60", "-b:v", vbit, "-threads", "2",
           "-c:a", "aac", "-b:a", abit, "-ac", "1"]
    clip = os.path.join(work, f"{name}-clip.mp4")
    ref = os.path.join(work, f"{name}-ref.mp4")
    if not os.path.exists(clip):
        run(FF + ["-f", "lavfi", "-i", f"testsrc2=size={size}:rate={rate}", "-f", "lavfi", "-i",
                  "sine=frequency=440:sample_rate=48000", "-t", str(seconds)] + enc + [clip])
        run(FF + ["-f", "lavfi", "-i", f"smptebars=size={size}:rate={rate}", "-f", "lavfi", "-i",
                  "sine=frequency=1000:sample_rate=48000", "-t", "4"] + enc + [ref])
    cases = []
    for n in loops:
        orig = os.path.join(work, f"{name}-x{n}.mp4")
        if n == 1:
            shutil.copyfile(clip, orig)
        else:
            run(FF + ["-stream_loop", str(n - 1), "-i", clip, "-map", "0", "-c", "copy", orig])
        d = os.path.join(work, f"{name}-x{n}")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        shutil.copyfile(ref, os.path.join(d, "reference.mp4"))
        cut(orig, os.path.join(d, "broken.mp4"), 0.95)
        cases.append((n, orig, d))
    return cases


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    tapedeck = os.path.abspath(sys.argv[1])
    work = os.path.abspath(sys.argv[2])
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    os.makedirs(work, exist_ok=True)
    shm = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    shm_out = os.path.join(shm, f"tapedeck-speed-{os.getpid()}") if shm else None

    def clean(d, also_shm=True):
        def f():
            for p in (os.path.join(d, "broken.repaired.mp4"), os.path.join(work, "copy.mp4"),
                      os.path.join(work, "remux.mp4")):
                if os.path.exists(p):
                    os.remove(p)
            if also_shm and shm_out:
                shutil.rmtree(shm_out, ignore_errors=True)
                os.makedirs(shm_out)
        return f

    def prepared(d):
        """The broken file of case folder `d`, its size in MB, read into the page cache."""
        broken = os.path.join(d, "broken.mp4")
        warm(broken)
        return broken, os.path.getsize(broken) / 1e6

    def remux(orig, d):
        """ffmpeg -c copy of the intact original (an index to read, no fsync), median of the runs."""
        warm(orig)
        return median_of(runs, FF + ["-i", orig, "-map", "0", "-c", "copy", os.path.join(work, "remux.mp4")],
                         clean(d))

    try:
        print("| file | broken MB | repair to this disk: wall (MB/s) | CPU (MB/s) | repair to /dev/shm: wall (MB/s) "
              "| dd + fsync of the same bytes | ffmpeg -c copy of the intact file | goal (>= 200 MB/s, page cache) |")
        print("|---|---:|---:|---:|---:|---:|---:|---|")
        for n, orig, d in make_case(work, "hd", "1280x720", 30, "8M", "128k", 28, [1, 10]):
            broken, mb = prepared(d)
            disk = median_of(runs, [tapedeck, "recover", "-q", "--keep", d], clean(d))
            mem = median_of(runs, [tapedeck, "recover", "-q", "--keep", "--out", shm_out, d], clean(d)) \
                if shm_out else None
            dd = median_of(runs, ["dd", f"if={broken}", f"of={os.path.join(work, 'copy.mp4')}", "bs=4M",
                                  "conv=fsync", "status=none"], clean(d))
            ff = remux(orig, d)
            clean(d)()
            best = max(mb / disk[0], mb / mem[0] if mem else 0)
            goal = "met" if best >= 200 else "NOT met"
            memcol = f"{mem[0]:.2f} s ({mb / mem[0]:.0f})" if mem else "-"
            print(f"| 720p30 8 Mbit/s, {28 * n} s | {mb:.0f} | {disk[0]:.2f} s ({mb / disk[0]:.0f}) "
                  f"| {disk[1]:.2f} s ({mb / disk[1]:.0f}) | {memcol} | {dd[0]:.2f} s ({mb / dd[0]:.0f}) "
                  f"| {ff[0]:.2f} s ({mb / ff[0]:.0f}) | {goal} (best wall {best:.0f} MB/s) |")
        print()
        print("| file | samples | broken MB | repair: wall | CPU | peak RSS | ffmpeg -c copy of the intact file: "
              "wall | peak RSS |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for n, orig, d in make_case(work, "low", "320x180", 30, "150k", "32k", 20, [30, 180]):
            broken, mb = prepared(d)
            samples = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "stream=nb_frames", "-of",
                                      "csv=p=0", orig], capture_output=True, text=True).stdout.split()
            count = sum(int(x) for x in samples if x.isdigit())
            target = shm_out or d
            rep = median_of(runs, [tapedeck, "recover", "-q", "--keep", "--out", target, d], clean(d))
            ff = remux(orig, d)
            clean(d)()
            print(f"| 320x180 150 kbit/s, {n * 20 // 60} min | {count} | {mb:.0f} | {rep[0]:.2f} s | {rep[1]:.2f} s "
                  f"| {rep[2]:.0f} MB | {ff[0]:.2f} s | {ff[2]:.0f} MB |")
    finally:
        if shm_out:
            shutil.rmtree(shm_out, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Table 4 — throughput: recording a local file as fast as possible.

Tapedeck (`tapedeck record FILE --type T --out X -q`) against
`ffmpeg -i FILE -map 0 -c copy X.T`, on the same ~1 GB input (the 720p30
H.264 + AAC live clip repeated), for MP4 and MPEG-TS outputs. Median of
several runs each, alternating; wall time until the recorder exits, CPU
(user+sys of the process), and wall time including an fsync of the output
(Tapedeck fsyncs every second while it records; ffmpeg does not).
"""

import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common as C  # noqa: E402

MB = 1024 * 1024


def timed_child(cmd):
    t = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t
    err = p.stderr.read().decode(errors="replace")
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise RuntimeError("%s failed: %s" % (cmd[0], err[-500:]))
    return wall, ru.ru_utime + ru.ru_stime


def sync_file(path):
    t = time.monotonic()
    fd = os.open(path, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)
    return time.monotonic() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    media = os.path.join(a.work, "media")
    os.makedirs(media, exist_ok=True)
    clip = C.make_clip(os.path.join(media, "live720p30_6M_60s.ts"), 60)
    target = (256 if a.quick else 1024) * MB
    loops = max(0, -(-target // os.path.getsize(clip)) - 1)
    d = C.scratch(a.work, "throughput")
    tapedeck = os.path.join(a.bin, "app", "tapedeck")
    rows = []
    for ext, typ in (("mp4", "mp4"), ("ts", "ts")):
        src = os.path.join(d, "input." + ext)
        C.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-stream_loop", str(loops), "-i", clip, "-map", "0",
               "-c", "copy", src])
        size = os.path.getsize(src)
        res = {"tapedeck": [], "ffmpeg": []}
        C.log("throughput: %s, %.0f MB ..." % (typ, size / 1e6))
        for _ in range(a.runs):
            for kind in ("tapedeck", "ffmpeg"):
                out = os.path.join(d, "out-%s.%s" % (kind, typ))
                if os.path.exists(out):
                    os.remove(out)
                C.run(["sync"])
                if kind == "tapedeck":
                    cmd = [tapedeck, "record", src, "--type", typ, "--out", out[:-len(typ) - 1], "-q", "--overwrite"]
                else:
                    cmd = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", src, "-map", "0", "-c", "copy", out]
                wall, cpu = timed_child(cmd)
                fs = sync_file(out)
                res[kind].append((wall, cpu, wall + fs, os.path.getsize(out)))
                os.remove(out)
        for kind, label in (("tapedeck", "Tapedeck"), ("ffmpeg", "ffmpeg -c copy")):
            wall = C.median([r[0] for r in res[kind]])
            cpu = C.median([r[1] for r in res[kind]])
            dur = C.median([r[2] for r in res[kind]])
            rows.append(["%s → %s (%.0f MB)" % (ext.upper() if ext != "ts" else "MPEG-TS",
                                                 "MP4" if typ == "mp4" else "MPEG-TS", size / 1e6),
                         label, "%.2f s" % wall, "%.0f MB/s" % (size / 1e6 / wall), "%.2f s" % cpu,
                         "%.2f s" % dur])
        os.remove(src)
    import shutil
    shutil.rmtree(d, ignore_errors=True)
    print("### 4. Throughput: recording a local file as fast as possible (median of %d runs)\n" % a.runs)
    print(C.table(["input → output", "recorder", "wall time", "speed", "CPU time", "wall + fsync of the output"],
                  rows, ["---", "---", "---:", "---:", "---:", "---:"]))
    print("\nInput read from the page cache; each run starts after `sync`. The last column adds the time of one "
          "fsync(2) of the output after the recorder exited, so it compares the time until the recording is on disk.")


if __name__ == "__main__":
    main()

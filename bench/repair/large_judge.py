#!/usr/bin/env python3
"""Helpers of large.sh (the > 4 GiB repair case).

large_judge.py cut ORIG BROKEN
    copies ORIG up to its moov (the index never written): the mdat keeps its
    64-bit size, which now points past the end.
large_judge.py judge ORIG BROKEN REPAIRED --size N --wall S --cpu S --rss-kb K --json OUT
    compares framecrc lines (stream, pts, size, crc) of ORIG and REPAIRED in
    three 4 s windows: the start, the sample whose bytes cross 4 GiB in
    ORIG, and the last frames present in BROKEN; decodes the same windows of
    REPAIRED and counts ffmpeg's errors; prints one table.
"""
import json
import os
import struct
import subprocess
import sys
from fractions import Fraction

GIB4 = 1 << 32


def boxes(path):
    with open(path, "rb") as f:
        pos = 0
        end = os.path.getsize(path)
        while pos + 8 <= end:
            f.seek(pos)
            size, kind = struct.unpack(">I4s", f.read(8))
            if size == 1:
                size = struct.unpack(">Q", f.read(8))[0]
            elif size == 0:
                size = end - pos
            yield pos, size, kind.decode("latin1")
            if size < 8:
                return
            pos += size


def cut(orig, broken):
    moov = next(p for p, s, k in boxes(orig) if k == "moov")
    mdat = next((p, s) for p, s, k in boxes(orig) if k == "mdat")
    assert mdat[1] > GIB4, f"mdat is {mdat[1]} bytes, not over 4 GiB"
    with open(orig, "rb") as i, open(broken, "wb") as o:
        left = moov
        while left > 0:
            b = i.read(min(left, 1 << 24))
            o.write(b)
            left -= len(b)


def run(args):
    return subprocess.run(args, capture_output=True, text=True)


def time_base(path):
    out = json.loads(run(["ffprobe", "-v", "error", "-show_entries", "stream=index,codec_type,time_base",
                          "-of", "json", path]).stdout)
    return {s["index"]: (s["codec_type"], Fraction(s["time_base"])) for s in out["streams"]}


def framecrc(path, start, dur):
    # -ss/-t on the input with -copyts: the original timestamps, read for `dur` s.
    out = run(["ffmpeg", "-v", "error", "-ss", str(start), "-t", str(dur), "-i", path, "-map", "0", "-c", "copy",
               "-copyts", "-f", "framecrc", "-"]).stdout
    tb = time_base(path)
    frames = []
    for line in out.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        f = [x.strip() for x in line.split(",")]
        kind, base = tb[int(f[0])]
        frames.append((kind, Fraction(int(f[2])) * base, int(f[4]), f[5]))
    return frames


def packet_near(path, offset):
    """pts (s) of the first video packet whose bytes reach past `offset`."""
    out = run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts_time,pos,size",
               "-of", "csv=p=0", path]).stdout
    last = None
    for line in out.split():
        f = line.split(",")
        if len(f) < 3 or "N/A" in f:
            continue
        t, size, pos = float(f[0]), int(f[1]), int(f[2])
        last = t
        if pos + size > offset:
            return t
    return last


def judge(orig, broken, repaired, opts):
    size = os.path.getsize(broken)
    rows = []
    boundary = packet_near(orig, GIB4)
    end_t = packet_near(orig, size) or 0
    audio_offset = None
    for name, start in (("start", 0.0), ("4 GiB", max(0.0, boundary - 2)), ("end", max(0.0, end_t - 6))):
        o = framecrc(orig, start, 4)
        r = framecrc(repaired, start, 4)
        if audio_offset is None:
            oa = [f for f in framecrc(orig, 0, 1) if f[0] == "audio"]
            ra = [f for f in framecrc(repaired, 0, 1) if f[0] == "audio"]
            audio_offset = ra[0][1] - oa[0][1] if oa and ra else Fraction(0)
        have = {}
        for kind, t, sz, crc in r:
            key = (kind, t - (audio_offset if kind == "audio" else 0), sz, crc)
            have[key] = have.get(key, 0) + 1
        # Frames well inside the window (seeking with -c copy lands on a
        # keyframe, the edges differ by a frame or two between the files).
        o = [f for f in o if start + 1 <= f[1] <= start + 3]
        exact = 0
        for kind, t, sz, crc in o:
            key = (kind, t, sz, crc)
            if have.get(key, 0) > 0:
                have[key] -= 1
                exact += 1
        errs = run(["ffmpeg", "-v", "error", "-ss", str(start), "-t", "4", "-i", repaired, "-map", "0", "-f", "null",
                    "-"]).stderr
        rows.append((name, start, exact, len(o), len([l for l in errs.splitlines() if l.strip()])))
    # Every frame, in order: the bytes (size, CRC) and the step from the
    # frame before (the looped original jumps at each seam of the loop, a
    # continuous recording does not; those steps are counted apart).
    whole = []
    fo, fr = framecrc(orig, 0, 1e9), framecrc(repaired, 0, 1e9)
    for kind in ("video", "audio"):
        a = [f for f in fo if f[0] == kind]
        b = [f for f in fr if f[0] == kind]
        n = min(len(a), len(b))
        same = sum(1 for i in range(n) if a[i][2:] == b[i][2:])
        steps = sum(1 for i in range(1, n) if a[i][1] - a[i - 1][1] == b[i][1] - b[i - 1][1])
        whole.append((kind, len(a), len(b), same, steps))
    co64 = any(k == "moov" for _, _, k in boxes(repaired)) and b"co64" in read_moov(repaired)
    rep = json.load(open(opts["--json"])) if os.path.exists(opts["--json"]) else {}
    mb = size / 1e6
    wall, cpu = float(opts["--wall"]), float(opts["--cpu"])
    print(f"broken file: {size} bytes ({size / GIB4:.2f} x 4 GiB), repaired: {os.path.getsize(repaired)} bytes, "
          f"co64 in the output: {'yes' if co64 else 'NO'}")
    print(f"repair (tapedeck recover, file in the page cache): wall {wall:.1f} s ({mb / wall:.0f} MB/s), "
          f"CPU {cpu:.1f} s ({mb / max(cpu, 1e-3):.0f} MB/s), peak RSS {int(opts['--rss-kb']) // 1024} MB")
    print(f'{"window":8} {"from s":>8} {"same time":>14} {"ffmpeg err":>10}')
    for name, start, exact, n, errs in rows:
        print(f"{name:8} {start:8.1f} {f'{exact}/{n}':>14} {errs:>10}")
    for kind, no, nr, same, steps in whole:
        print(f"all {kind} frames: {nr} repaired of {no}, {same} bit-exact in order, {steps} of {no - 1} "
              f"steps from the frame before equal (the others: the loop's seams)")
    print("result:", rep.get("result"), "| " + " ".join(n for n in rep.get("notes", []) if n.startswith("video ")))
    ok = co64 and all(err == 0 for *_, err in rows) and all(same == no for _, no, _, same, _ in whole)
    sys.exit(0 if ok else 1)


def read_moov(path):
    for p, s, k in boxes(path):
        if k == "moov":
            with open(path, "rb") as f:
                f.seek(p)
                return f.read(s)
    return b""


if __name__ == "__main__":
    if sys.argv[1] == "cut":
        cut(sys.argv[2], sys.argv[3])
    else:
        args = sys.argv[2:5]
        opts = dict(zip(sys.argv[5::2], sys.argv[6::2]))
        judge(*args, opts)

#!/usr/bin/env python3
"""Judges a repaired MP4 against the healthy original (issue 12).

usage: judge.py ORIGINAL BROKEN REPAIRED [--json]

A frame of the original "is present in the broken file" when its bytes lie
inside the broken file (ffprobe packet pos + size). It "comes back exactly"
when the repaired file has a frame of the same kind of stream with the same
size, the same CRC (ffmpeg -f framecrc) and the same presentation time.
Every time must match exactly, audio too (the repaired file marks the
encoder's priming with an edit list, as the original did); offset_s gives how
far the repaired track's first frame stands from the original's first frame
present, to tell a constant shift from missing frames. Decode errors: ffmpeg -v error to the null muxer, and
GStreamer's playbin with fake sinks (every stream decoded).
"""
import json
import subprocess
import sys
from collections import Counter, defaultdict
from fractions import Fraction


def run(args):
    return subprocess.run(args, capture_output=True, text=True)


def streams(path):
    out = run(["ffprobe", "-v", "error", "-show_entries", "stream=index,codec_type,time_base", "-of", "json", path])
    return json.loads(out.stdout or "{}").get("streams", [])


def packets(path):
    out = run(["ffprobe", "-v", "error", "-show_entries", "packet=stream_index,pos,size", "-of", "csv=p=0", path])
    per = defaultdict(list)
    for line in out.stdout.split():
        f = line.split(",")
        if len(f) >= 3 and f[2] not in ("", "N/A"):
            per[int(f[0])].append((int(f[1]), int(f[2])))  # size, pos
    return per


def framecrc(path):
    out = run(["ffmpeg", "-v", "error", "-i", path, "-map", "0", "-c", "copy", "-f", "framecrc", "-"])
    per = defaultdict(list)
    for line in out.stdout.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        f = [x.strip() for x in line.split(",")]
        per[int(f[0])].append((int(f[2]), int(f[4]), f[5]))  # pts, size, crc
    return per


def decode_errors(path):
    ff = run(["ffmpeg", "-v", "error", "-i", path, "-map", "0", "-f", "null", "-"])
    ff_errors = len([l for l in ff.stderr.splitlines() if l.strip()])
    import os
    gst = run(["gst-launch-1.0", "-q", "playbin", "uri=file://" + os.path.abspath(path),
               "video-sink=fakesink sync=false", "audio-sink=fakesink sync=false"])
    gst_ok = gst.returncode == 0 and "ERROR" not in gst.stdout + gst.stderr
    return ff_errors, gst_ok


def main():
    orig, broken, repaired = sys.argv[1:4]
    import os
    broken_size = os.path.getsize(broken)
    so, sr = streams(orig), streams(repaired)
    po, fo, fr = packets(orig), framecrc(orig), framecrc(repaired)
    # Streams pair up by kind and order.
    def by_kind(ss):
        d = defaultdict(list)
        for s in ss:
            d[s["codec_type"]].append(s)
        return d
    ko, kr = by_kind(so), by_kind(sr)
    result = {"present": 0, "exact": 0, "bytes_only": 0, "tracks": []}
    for kind, lst in ko.items():
        for n, s in enumerate(lst):
            i = s["index"]
            pk = po.get(i, [])
            crcs = fo.get(i, [])
            present = [crcs[k] for k in range(min(len(pk), len(crcs))) if pk[k][1] + pk[k][0] <= broken_size]
            rep_stream = kr.get(kind, [])
            rep = fr.get(rep_stream[n]["index"], []) if n < len(rep_stream) else []
            tb_o = Fraction(s["time_base"])
            tb_r = Fraction(rep_stream[n]["time_base"]) if n < len(rep_stream) else tb_o
            offset = Fraction(0)
            if rep and present:
                offset = rep[0][0] * tb_r - present[0][0] * tb_o
            have = Counter((Fraction(p) * tb_r, sz, c) for p, sz, c in rep)
            have_bytes = Counter((sz, c) for _, sz, c in rep)
            exact = 0
            bytes_only = 0
            for p, sz, c in present:
                key = (Fraction(p) * tb_o, sz, c)
                if have[key] > 0:
                    have[key] -= 1
                    exact += 1
                if have_bytes[(sz, c)] > 0:
                    have_bytes[(sz, c)] -= 1
                    bytes_only += 1
            result["tracks"].append({"kind": kind, "present": len(present), "exact": exact, "bytes": bytes_only,
                                     "repaired": len(rep), "offset_s": float(offset)})
            result["present"] += len(present)
            result["exact"] += exact
            result["bytes_only"] += bytes_only
    result["ffmpeg_errors"], result["gst_ok"] = decode_errors(repaired)
    if "--json" in sys.argv:
        print(json.dumps(result))
    else:
        for t in result["tracks"]:
            print(f'{t["kind"]}: {t["exact"]}/{t["present"]} exact (bytes {t["bytes"]}), offset {t["offset_s"]:.4f} s')
        print(f'ffmpeg errors {result["ffmpeg_errors"]}, gstreamer {"ok" if result["gst_ok"] else "FAILED"}')


if __name__ == "__main__":
    main()

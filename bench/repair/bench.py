#!/usr/bin/env python3
"""MP4 repair corpus table (issue 12).

usage: bench.py TAPEDECK_BIN CORPUS_DIR
CORPUS_DIR as made by make_corpus.sh. Per case: frames of the broken file
that come back bit-exact with their original timestamps, decode errors
(ffmpeg, GStreamer), wall time and MB/s of the repair. With UNTRUNC=/path
set, untrunc (given the same reference file) gets a column too; nothing is
ever downloaded. untrunc's column: frames exact with their timestamps, and in
brackets frames whose bytes came back whatever their time.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import judge  # noqa: E402


def judged(orig, broken, repaired):
    out = subprocess.run([sys.executable, os.path.join(HERE, "judge.py"), orig, broken, repaired, "--json"],
                         capture_output=True, text=True)
    return json.loads(out.stdout)


def main():
    tapedeck, corpus = sys.argv[1], sys.argv[2]
    untrunc = os.environ.get("UNTRUNC")
    if untrunc and not os.access(untrunc, os.X_OK):
        print(f"UNTRUNC={untrunc} is not executable: column skipped")
        untrunc = None
    rows = []
    for case in sorted(d for d in os.listdir(corpus) if os.path.isdir(os.path.join(corpus, d))):
        src = os.path.join(corpus, case)
        broken = [f for f in glob.glob(os.path.join(src, "broken.*")) if ".repaired" not in f]
        origs = glob.glob(os.path.join(corpus, case + ".orig.*"))
        if not broken or not origs:
            continue
        broken, orig = broken[0], origs[0]
        work = tempfile.mkdtemp(prefix="repair-bench-")
        try:
            for f in os.listdir(src):
                if ".repaired" not in f:
                    shutil.copy(os.path.join(src, f), work)
            wb = os.path.join(work, os.path.basename(broken))
            t0 = time.monotonic()
            p = subprocess.run([tapedeck, "recover", "--keep", "--json", work], capture_output=True, text=True)
            dt = time.monotonic() - t0
            out = None
            error = ""
            for line in p.stdout.splitlines():
                try:
                    j = json.loads(line)
                except ValueError:
                    continue
                if j.get("kind") == "mp4-no-index":
                    out = j.get("output")
                    error = j.get("error", "") or (j.get("reason", "") if j.get("result") != "rebuilt" else "")
            row = {"case": case, "size": os.path.getsize(broken), "time": dt}
            if out and os.path.exists(out):
                row.update(judged(orig, wb, out))
            else:
                row.update({"present": judge_present(orig, wb), "exact": 0, "ffmpeg_errors": "-", "gst_ok": False,
                            "error": error})
            if untrunc:
                ref = [f for f in glob.glob(os.path.join(work, "reference.*"))]
                if ref:
                    t1 = time.monotonic()
                    try:
                        subprocess.run([untrunc, "-s", ref[0], wb], capture_output=True, text=True, cwd=work,
                                       timeout=300)
                    except subprocess.TimeoutExpired:
                        row["untrunc_errors"] = "timeout"
                    row["untrunc_time"] = time.monotonic() - t1
                    fixed = glob.glob(wb + "_fixed*")
                    if fixed:
                        u = judged(orig, wb, fixed[0])
                        row["untrunc_exact"] = f'{u["exact"]} ({u["bytes_only"]})'
                        row["untrunc_errors"] = u["ffmpeg_errors"]
                    elif "untrunc_errors" not in row:
                        row["untrunc_exact"] = 0
                        row["untrunc_errors"] = "no file"
                else:
                    row["untrunc_errors"] = "no ref"
            rows.append(row)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    head = f'{"case":28} {"frames exact/present":>21} {"%":>6} {"ffmpeg err":>10} {"gst":>4} {"time s":>7} {"MB/s":>6}'
    if untrunc:
        head += f' {"untrunc exact (bytes)":>22} {"untrunc err":>11} {"u. time s":>9}'
    print(head)
    for r in rows:
        pct = 100.0 * r["exact"] / r["present"] if r.get("present") else 0
        line = (f'{r["case"]:28} {str(r["exact"]) + "/" + str(r["present"]):>21} {pct:6.1f} {str(r["ffmpeg_errors"]):>10} '
                f'{"ok" if r["gst_ok"] else "FAIL":>4} {r["time"]:7.2f} {r["size"] / 1e6 / max(r["time"], 1e-6):6.1f}')
        if untrunc:
            ut = r.get("untrunc_time")
            line += (f' {str(r.get("untrunc_exact", "-")):>22} {str(r.get("untrunc_errors", "-")):>11}'
                     f' {"-" if ut is None else f"{ut:.2f}":>9}')
        if r.get("error"):
            line += "  (" + r["error"][:90] + ")"
        print(line)


def judge_present(orig, broken):
    size = os.path.getsize(broken)
    return sum(1 for lst in judge.packets(orig).values() for s, pos in lst if pos + s <= size)


if __name__ == "__main__":
    main()

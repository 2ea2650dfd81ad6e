#!/usr/bin/env python3
"""Recordings per service process (issue 14): CPU and memory of ONE
`tapedeck-cli serve` carrying N live recordings started through its HTTP API,
beside N `ffmpeg -c copy` processes recording the same sources.

For each N: a fresh service on a free 127.0.0.1 port in a temp folder, N
recordings of N live UDP MPEG-TS streams (a real 720p30 H.264 + AAC clip sent
in real time by bench/compare/common.FanOut to N loopback ports), a warm-up,
then a fixed window in which the service's CPU time (utime+stime from
/proc/PID/stat) and memory (VmRSS, and PSS from smaps_rollup) are sampled
every second; the recordings are stopped through the API (DELETE), the
service is stopped with SIGTERM, and every file is decoded by ffmpeg
(`-v error`, all streams): its error lines are counted. The same is then done
with N ffmpeg processes (CPU and memory summed over them; PSS shares their
common libraries fairly, RSS counts them N times).

A bench, not a test: nothing here asserts a time. Figures from a shared,
loaded machine are ratios measured minutes apart, not absolutes.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

KEEP = False  # --keep: leave each run's folder (files, logs) to look at
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "compare"))
import common as C  # noqa: E402


# ---------------------------------------------------------------- /proc

def pss_bytes(pid):
    """Proportional set size (shared pages divided among their users)."""
    try:
        with open("/proc/%d/smaps_rollup" % pid) as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        pass
    return 0


def measure(pids, fan, warmup, window):
    """CPU share (cores) over the window, mean and max of summed RSS and PSS
    sampled once a second over the window, and the fan-out's bit rate."""
    time.sleep(warmup)
    c0 = sum(C.proc_cpu_seconds(p) for p in pids)
    b0, t0 = fan.bytes_sent, time.monotonic()
    rss, pss = [], []
    while True:
        rss.append(sum(C.proc_rss_bytes(p) for p in pids))
        pss.append(sum(pss_bytes(p) for p in pids))
        left = t0 + window - time.monotonic()
        if left <= 0:
            break
        time.sleep(min(1.0, left))
    c1 = sum(C.proc_cpu_seconds(p) for p in pids)
    b1, t1 = fan.bytes_sent, time.monotonic()
    return {"cpu": (c1 - c0) / (t1 - t0), "rss": sum(rss) / len(rss), "rss_max": max(rss),
            "pss": sum(pss) / len(pss), "bps": (b1 - b0) * 8 / (t1 - t0),
            "threads": sum(threads(p) for p in pids)}


def threads(pid):
    try:
        return len(os.listdir("/proc/%d/task" % pid))
    except FileNotFoundError:
        return 0


# ---------------------------------------------------------------- judge

def decode(path):
    """ffmpeg decodes every stream of the file: (video frames, error lines)."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return 0, 1
    r = C.run(["ffmpeg", "-nostdin", "-v", "error", "-threads", "1", "-i", path, "-map", "0",
               "-f", "framecrc", "-"], check=False)
    vframes = sum(1 for line in r.stdout.splitlines() if line.startswith("0,"))
    errors = [l for l in r.stderr.splitlines() if l.strip()]
    if r.returncode != 0 and not errors:
        errors = ["exit %d" % r.returncode]
    if KEEP and errors:
        with open(path + ".decode-errors.txt", "w") as f:
            f.write("\n".join(errors) + "\n")
    return vframes, len(errors)


def judge(files, jobs):
    with ThreadPoolExecutor(max_workers=jobs) as ex:
        results = list(ex.map(decode, files))
    return {"files": len(files), "errors": sum(e for _, e in results),
            "bad": sum(1 for f, e in results if e or f == 0),
            "min_frames": min((f for f, _ in results), default=0)}


# ---------------------------------------------------------------- the service

class Service:
    def __init__(self, exe, folder):
        self.dir = folder
        self.proc = subprocess.Popen([exe, "serve", "--listen", "127.0.0.1:0", "--dir", folder],
                                     stdout=subprocess.PIPE, stderr=open(os.path.join(folder, "..", "serve.log"), "w"),
                                     text=True)
        first = self.proc.stdout.readline()
        if not first:
            raise RuntimeError("tapedeck-cli serve exited at start (%s); see serve.log" % self.proc.wait())
        self.base = json.loads(first)["listening"]
        # Drain later stdout lines so the service never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()
        with open(os.path.join(folder, "token")) as f:
            self.token = f.read().strip()

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + self.token,
                                              "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            raise RuntimeError("%s %s: %d %s" % (method, path, e.code, e.read().decode(errors="replace")))

    def stop(self, timeout=60):
        """SIGTERM, bounded wait; SIGKILL (counted) only if it never exits."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return "killed"


def run_tapedeck(exe, n, work, dgrams, warmup, window, jobs):
    root = C.scratch(work, "svc-tapedeck-%d" % n)
    folder = os.path.join(root, "service")
    os.makedirs(folder)
    svc = Service(exe, folder)
    try:
        ports = C.free_udp_ports(n, 34000)
        ids = []
        for i, p in enumerate(ports):
            # wait: armed until the datagrams arrive (the fan-out starts below,
            # after every recorder is listening, as for ffmpeg).
            r = svc.call("POST", "/api/v1/recordings", {"source": "udp://127.0.0.1:%d" % p, "type": "mp4",
                                                        "out": "rec%02d" % i, "wait": True})
            ids.append(r["id"])
        time.sleep(1.5)
        fan = C.FanOut(dgrams, ports, loop=True)
        fan.start()
        m = measure([svc.proc.pid], fan, warmup, window)
        states = [r["state"] for r in svc.call("GET", "/api/v1/recordings")["recordings"]]
        m["recording"] = states.count("recording")
        drops = sum(r.get("drops", 0) for r in svc.call("GET", "/api/v1/recordings")["recordings"])
        sent = fan.frames_sent
        t = time.monotonic()
        for i in ids:
            svc.call("DELETE", "/api/v1/recordings/" + i)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            rs = svc.call("GET", "/api/v1/recordings")["recordings"]
            if all(r["state"] in ("finished", "failed") for r in rs):
                break
            time.sleep(0.2)
        m["stop_s"] = time.monotonic() - t
        m["drops"] = drops
        m["sent"] = sent
        fan.stop()
        fan.join()
    finally:
        m_exit = svc.stop()
    m["exit"] = m_exit
    rec = os.path.join(folder, "recordings")
    files = sorted(os.path.join(rec, f) for f in os.listdir(rec) if f.endswith(".mp4")) if os.path.isdir(rec) else []
    m.update(judge(files, jobs))
    m["expected"] = n
    if not KEEP:
        shutil.rmtree(root, ignore_errors=True)
    return m


def run_ffmpeg(n, work, dgrams, warmup, window, jobs):
    d = C.scratch(work, "svc-ffmpeg-%d" % n)
    ports = C.free_udp_ports(n, 34000)
    procs = [subprocess.Popen(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", "udp://127.0.0.1:%d" % p,
                               "-map", "0", "-c", "copy", "-bsf:a", "aac_adtstoasc",
                               os.path.join(d, "rec%02d.mp4" % i)],
                              stdout=subprocess.DEVNULL, stderr=open(os.path.join(d, "log%02d.txt" % i), "w"))
             for i, p in enumerate(ports)]
    try:
        time.sleep(1.5)  # every ffmpeg has bound its port
        fan = C.FanOut(dgrams, ports, loop=True)
        fan.start()
        m = measure([p.pid for p in procs], fan, warmup, window)
        m["recording"] = sum(p.poll() is None for p in procs)
        m["drops"] = None
        m["sent"] = fan.frames_sent
        t = time.monotonic()
        hung = C.stop_all(procs, 60)  # ffmpeg finishes its MP4 on SIGTERM
        m["stop_s"] = time.monotonic() - t
        m["exit"] = "%d killed" % hung if hung else 0
        fan.stop()
        fan.join()
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    files = sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".mp4"))
    m.update(judge(files, jobs))
    m["expected"] = n
    if not KEEP:
        shutil.rmtree(d, ignore_errors=True)
    return m


# ---------------------------------------------------------------- main

def find_exe(given):
    if given:
        return given
    root = os.path.abspath(os.path.join(HERE, "..", ".."))
    for b in ("build-bench", "build"):
        p = os.path.join(root, b, "app", "tapedeck-cli")
        if os.access(p, os.X_OK):
            return p
    sys.exit("bench/service: no tapedeck-cli found; build it (cmake --build build --target tapedeck-cli) "
             "or pass --exe PATH")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--exe", help="tapedeck-cli to run (default: build-bench/ or build/app/tapedeck-cli)")
    ap.add_argument("--counts", help="recordings per run, e.g. 1,8,32,64 (default; --quick: 1,4)")
    ap.add_argument("--window", type=float, help="seconds measured (default 30; --quick 8)")
    ap.add_argument("--warmup", type=float, help="seconds before the window (default 5; --quick 3)")
    ap.add_argument("--bitrate", default="6M", help="video bit rate of the source clip (default 6M, as table 3)")
    ap.add_argument("--quick", action="store_true", help="small N, short window: checks the set-up in ~1 min")
    ap.add_argument("--sides", default="tapedeck,ffmpeg")
    ap.add_argument("--jobs", type=int, default=2, help="ffmpeg decodes in parallel when judging (default 2)")
    ap.add_argument("--work", help="scratch folder (default: a new temp folder, removed at the end)")
    ap.add_argument("--keep", action="store_true", help="keep the recordings and logs (needs --work)")
    a = ap.parse_args()
    if a.keep and not a.work:
        sys.exit("bench/service: --keep needs --work DIR")
    global KEEP
    KEEP = a.keep
    exe = find_exe(a.exe)
    counts = [int(c) for c in (a.counts or ("1,4" if a.quick else "1,8,32,64")).replace(" ", ",").split(",") if c]
    window = a.window or (8 if a.quick else 30)
    warmup = a.warmup if a.warmup is not None else (3 if a.quick else 5)
    sides = a.sides.split(",")
    own_work = a.work is None
    work = a.work or tempfile.mkdtemp(prefix="tapedeck-svcbench-")
    os.makedirs(work, exist_ok=True)
    cache = os.path.join(os.path.dirname(os.path.abspath(work)) if not own_work else tempfile.gettempdir(),
                         "tapedeck-svcbench-media")
    os.makedirs(cache, exist_ok=True)
    clip_s = max(60, int(warmup + window + 20))
    C.log("bench/service: source clip (720p30 H.264 %s + AAC, %d s) ..." % (a.bitrate, clip_s))
    dgrams = C.load_ts(C.make_clip(os.path.join(cache, "live720p30_%s_%ds.ts" % (a.bitrate, clip_s)), clip_s,
                                   bitrate=a.bitrate))
    load0 = os.getloadavg()
    res = {}
    try:
        for n in counts:
            for kind in sides:
                C.log("bench/service: %s, %d recording(s), %g s warm-up + %g s window ..." % (kind, n, warmup, window))
                if kind == "tapedeck":
                    res[(kind, n)] = run_tapedeck(exe, n, work, dgrams, warmup, window, a.jobs)
                else:
                    res[(kind, n)] = run_ffmpeg(n, work, dgrams, warmup, window, a.jobs)
                C.log("  %s" % {k: (round(v, 3) if isinstance(v, float) else v) for k, v in res[(kind, n)].items()})
    finally:
        if own_work:
            shutil.rmtree(work, ignore_errors=True)
    load1 = os.getloadavg()

    def pct(x):
        return "%.2f %%" % (100 * x)

    def mb(x):
        return "%.1f" % (x / 1e6)

    def check(r):
        ok = r["files"] == r["expected"] and r["bad"] == 0 and r["recording"] == r["expected"]
        s = "%d/%d files, %d errors, worst %d/%d frames" % (r["files"] - r["bad"], r["expected"], r["errors"],
                                                             r["min_frames"], r["sent"])
        if r["recording"] != r["expected"]:
            s += ", %d of %d recording at the end of the window" % (r["recording"], r["expected"])
        if r["exit"] not in (0, "0"):
            s += ", exit %s" % r["exit"]
        return s if ok else "**" + s + "**"

    rows = []
    for n in counts:
        t, f = res.get(("tapedeck", n)), res.get(("ffmpeg", n))
        row = [n, " / ".join("%.1f" % (r["bps"] / 1e6) if r else "-" for r in (t, f))]
        for r in (t, f):
            if r is None:
                row += ["-"] * 5
                continue
            row += [pct(r["cpu"] / n), pct(r["cpu"]), mb(r["pss"] / n), mb(r["pss"]) + " / " + mb(r["rss"]),
                    check(r)]
        if t and f and f["cpu"] > 0 and f["pss"] > 0:
            row += ["%.2f" % (t["cpu"] / f["cpu"]), "%.2f" % (t["pss"] / f["pss"])]
        else:
            row += ["-", "-"]
        rows.append(row)
    print("### Recordings per service process (live UDP MPEG-TS, 720p30 %s video + AAC, stream copy to MP4)\n"
          % a.bitrate)
    print(C.table(["N", "Mbit/s per stream sent (Tapedeck / ffmpeg run)", "Tapedeck CPU per rec. (of one core)", "Tapedeck CPU (process)", "Tapedeck MB per rec. (PSS)",
                   "Tapedeck MB process (PSS / RSS)", "Tapedeck files",
                   "ffmpeg CPU per rec.", "ffmpeg CPU (N processes)", "ffmpeg MB per rec. (PSS)",
                   "ffmpeg MB, N processes (PSS / RSS)", "ffmpeg files",
                   "CPU Tapedeck / ffmpeg", "memory (PSS) Tapedeck / ffmpeg"], rows))
    extra = []
    for n in counts:
        t = res.get(("tapedeck", n))
        if t:
            extra.append("N = %d: %d threads, peak RSS %s MB, %s drops, every recording stopped through the "
                         "API in %.1f s" % (n, t["threads"], mb(t["rss_max"]), t["drops"], t["stop_s"]))
    print("\nOne `tapedeck-cli serve` per N (recordings started with POST /api/v1/recordings, stopped with DELETE, "
          "then SIGTERM) vs N `ffmpeg -i udp://... -map 0 -c copy -bsf:a aac_adtstoasc OUT.mp4` (stopped with "
          "SIGTERM). CPU = utime+stime (/proc/PID/stat) over a %g s window after a %g s warm-up; memory = mean over "
          "the window of PSS (smaps_rollup) and VmRSS, summed over the recorder's processes (RSS counts ffmpeg's "
          "shared libraries N times, PSS shares them). Files: decoded by `ffmpeg -v error` (all streams), error "
          "lines counted. Mbit/s sent = what the fan-out reached per stream over the window: below the clip's rate, "
          "the sender (and so the machine) could not keep up and the row is not a like-for-like figure; worst = video frames in the file that has fewest / video frames sent per stream until "
          "the stop began (a recorder that began late or lost datagrams has fewer). The UDP fan-out (the bench's Python process) is not counted. Load average %.1f at the "
          "start, %.1f at the end (%d cores)." % (window, warmup, load0[0], load1[0], os.cpu_count()))
    # How cost grows: the slope between the smallest and the largest N.
    for kind, label in (("tapedeck", "Tapedeck (one process)"), ("ffmpeg", "ffmpeg (one process each)")):
        lo, hi = res.get((kind, counts[0])), res.get((kind, counts[-1]))
        if lo and hi and counts[-1] > counts[0]:
            dn = counts[-1] - counts[0]
            extra.append("%s, each recording added from N = %d to %d: %s of a core, %s MB PSS" % (
                label, counts[0], counts[-1], pct((hi["cpu"] - lo["cpu"]) / dn), mb((hi["pss"] - lo["pss"]) / dn)))
    if extra:
        print("\n" + "\n".join("- " + e for e in extra))


if __name__ == "__main__":
    main()

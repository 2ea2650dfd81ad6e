#!/usr/bin/env python3
"""Power-cut harness: records with the real `tapedeck` CLI onto pcfs (a FUSE
filesystem that forgets everything not made durable), cuts the power at
chosen points, recovers what is left with `tapedeck recover` and judges it
with ffmpeg and GStreamer. The model and the figures: docs/powercut.md.

  powercut.py --tapedeck BIN --pcfs BIN            # the short run (ctest)
  powercut.py ... --long 1000                      # 1,000 random cuts
  powercut.py ... --only ts-first-sync             # one named case

A cut case passes when, after `tapedeck recover`:
  - every media file left decodes with zero errors (ffmpeg -v error prints
    nothing; GStreamer's playbin reaches EOS);
  - the recovered duration is at least what a SIGKILL at the same instant
    keeps (the page cache: the filesystem's view at the cut) minus the fsync
    interval (in media time) and a small tolerance;
  - no chunk is missing below the newest one ("neither the sidecars nor the
    finished file"), and recover exits 0 except for sets that hold no sample.
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SKIP = 77  # ctest SKIP_RETURN_CODE

# Judge tolerance (seconds of media) on top of the allowed loss: container
# durations are rounded and recovery drops a frame a crash may have torn.
TOLERANCE = 0.15


def log(msg):
    print(msg, flush=True)


def run(cmd, timeout=120, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, text=True,
                          errors="replace", **kw)


class Mount:
    """One pcfs mount, started and stopped by PID; always unmounted."""

    def __init__(self, pcfs, where, trace):
        self.dir = where
        self.trace = trace
        os.makedirs(where, exist_ok=True)
        env = dict(os.environ, PCFS_TRACE=trace)
        self.proc = subprocess.Popen([pcfs, "-f", "-s", where], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     env=env)
        deadline = time.time() + 15
        while not os.path.ismount(where):
            if self.proc.poll() is not None or time.time() > deadline:
                err = self.proc.stderr.read().decode(errors="replace") if self.proc.poll() is not None else ""
                self.close()
                raise RuntimeError("pcfs did not mount %s: %s" % (where, err.strip() or "timed out"))
            time.sleep(0.05)
        self.ctlpath = os.path.join(where, ".powercut")

    def ctl(self, cmd):
        with open(self.ctlpath, "w") as f:
            f.write(cmd + "\n")

    def status(self):
        with open(self.ctlpath) as f:
            out = {}
            for line in f:
                k, _, v = line.strip().partition(" ")
                out[k] = v
            return out

    def close(self):
        if self.proc is None:
            return
        if os.path.ismount(self.dir):
            subprocess.run(["fusermount3", "-u", self.dir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=20)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
            subprocess.run(["fusermount3", "-uz", self.dir], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=20)
        self.proc = None


class Tools:
    def __init__(self, tapedeck):
        self.tapedeck = tapedeck
        self.gst = shutil.which("gst-launch-1.0")

    def durations(self, paths):
        """Container durations of several files from one ffmpeg run (the
        machine is shared: one process instead of one per file)."""
        if not paths:
            return {}
        args = ["ffmpeg", "-nostdin", "-hide_banner"]
        for p in paths:
            args += ["-i", p]
        r = run(args)
        out, i = {}, -1
        for line in r.stderr.splitlines():
            line = line.strip()
            if line.startswith("Input #"):
                i = int(line.split("#")[1].split(",")[0])
            elif line.startswith("Duration:") and 0 <= i < len(paths):
                t = line.split()[1].rstrip(",")
                try:
                    h, m, sec = t.split(":")
                    out[paths[i]] = int(h) * 3600 + int(m) * 60 + float(sec)
                except ValueError:
                    out[paths[i]] = 0.0  # "N/A"
        return {p: out.get(p, 0.0) for p in paths}

    def decode_errors(self, paths):
        """Empty when ffmpeg and GStreamer both decode every file cleanly."""
        if not paths:
            return []
        problems = []
        args = ["ffmpeg", "-nostdin", "-v", "error"]
        for p in paths:
            args += ["-i", p]
        for i in range(len(paths)):
            args += ["-map", str(i), "-f", "null", "-"]
        r = run(args, timeout=300)
        if r.returncode != 0 or r.stderr.strip():
            problems.append("ffmpeg: rc %d: %s" % (r.returncode, r.stderr.strip()[:600]))
        # playbin decodes every stream of a file: `decodebin ! fakesink` links
        # only the first pad and, at random, stalls on the unlinked one.
        for p in paths:
            uri = "file://" + urllib.parse.quote(os.path.abspath(p))
            try:
                r = run([self.gst, "-q", "playbin", "uri=" + uri, "video-sink=fakesink sync=false",
                         "audio-sink=fakesink sync=false"], timeout=120)
            except subprocess.TimeoutExpired:
                problems.append("gstreamer: did not reach the end of %s within 120 s" % p)
                continue
            if r.returncode != 0 or "ERROR" in r.stderr or "ERROR" in r.stdout:
                problems.append("gstreamer: %s: rc %d: %s" % (p, r.returncode, (r.stderr + r.stdout).strip()[:600]))
        return problems

    def recover(self, folder, out=None):
        """Runs `tapedeck recover --json`; returns (rc, orphans, stderr)."""
        r = run([self.tapedeck, "recover", folder, "--json"] + (["--out", out] if out else []), timeout=300)
        orphans = []
        for line in r.stdout.splitlines():
            try:
                orphans.append(json.loads(line))
            except ValueError:
                pass
        return r.returncode, orphans, r.stderr


MEDIA = (".mp4", ".ts", ".flv")
SIDECAR_SUFFIXES = (".info", ".info.tmp", ".mdat")


def media_files(folder):
    out = []
    for root, _, files in os.walk(folder):
        for f in files:
            if f.endswith(MEDIA) and ".recovering." not in f:
                out.append(os.path.join(root, f))
    return sorted(out)


def duplicates(folder, what=""):
    """Two media files with the same bytes: a recovery made a second copy."""
    seen, problems = {}, []
    for f in media_files(folder):
        if os.path.getsize(f) == 0:
            continue
        with open(f, "rb") as fh:
            digest = hash(fh.read())
        if digest in seen:
            problems.append("%s%s duplicates %s" % (what, os.path.basename(f), os.path.basename(seen[digest])))
        seen[digest] = f
    return problems


def chunk_index(name):
    i = name.find("_part")
    if i < 0:
        return 0
    try:
        return int(name[i + 5:i + 9])
    except ValueError:
        return None


def chunk_indices(folder):
    got = set()
    if os.path.isdir(folder):
        for f in os.listdir(folder):
            if f.startswith("r"):
                i = chunk_index(f)
                if i is not None:
                    got.add(i)
    return got


def copy_tree(src, dst):
    if os.path.exists(dst):
        shutil.rmtree(dst)
    if os.path.isdir(src):
        shutil.copytree(src, dst)
    else:
        os.makedirs(dst)


class Harness:
    def __init__(self, args):
        self.args = args
        self.tools = Tools(args.tapedeck)
        self.work = tempfile.mkdtemp(prefix="powercut-", dir=args.workdir)
        self.mount = None
        self.failures = []
        self.results = []
        self.source = os.path.join(self.work, "source.mp4")
        self.rec_pid = None

    # ---- set-up ----

    def make_source(self):
        # 8 s of 320x240 H.264 (a keyframe every second, B-frames) + AAC.
        r = run(["ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                 "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", str(self.args.seconds),
                 "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-bf", "2", "-pix_fmt", "yuv420p",
                 "-c:a", "aac", "-b:a", "64k", self.source], timeout=300)
        if r.returncode != 0:
            raise RuntimeError("ffmpeg could not make the test source: " + r.stderr)

    def start(self):
        self.make_source()
        self.mount = Mount(self.args.pcfs, os.path.join(self.work, "mnt"), os.path.join(self.work, "trace"))
        self.rec = os.path.join(self.mount.dir, "rec")

    def selfcheck(self):
        """pcfs forgets what it should: without that every cut would pass."""
        m, base = self.mount, os.path.join(self.mount.dir, "selfcheck")

        def fsync_path(path, flags=os.O_RDONLY):
            fd = os.open(path, flags)
            os.fsync(fd)
            os.close(fd)

        def write(path, data, sync):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
            os.write(fd, data)
            if sync:
                os.fsync(fd)
            os.close(fd)

        self.fresh("mode strict")
        os.mkdir(base)
        fsync_path(m.dir)
        write(base + "/kept", b"one", True)
        fsync_path(base)
        write(base + "/kept", b"two", False)        # data not synced
        write(base + "/unnamed", b"x", True)         # data synced, name not
        os.rename(base + "/kept", base + "/renamed")  # rename not synced
        os.mkdir(base + "/sub")                      # folder whose parent is not synced
        write(base + "/sub/f", b"y", True)
        fsync_path(base + "/sub")
        m.ctl("cut")
        m.ctl("reveal")
        got = sorted(os.listdir(base))
        data = open(base + "/kept", "rb").read() if "kept" in got else None
        if got != ["kept"] or data != b"one":
            raise RuntimeError("pcfs kept what was not durable: %s, kept=%r" % (got, data))
        shutil.rmtree(base)

    def stop(self):
        if self.rec_pid is not None:
            try:
                os.kill(self.rec_pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.mount:
            self.mount.close()
        if not self.args.keep_work and not self.failures:
            shutil.rmtree(self.work, ignore_errors=True)

    def fresh(self, mode):
        """An empty filesystem whose state is all durable."""
        if os.path.exists(self.rec):
            shutil.rmtree(self.rec)
        self.mount.ctl("syncall")
        self.mount.ctl("reset")
        self.mount.ctl(mode)

    # ---- one recording ----

    def record_cmd(self, fmt, chunk, realtime, fsync_ms):
        cmd = [self.args.tapedeck, "record", self.source, "--type", fmt, "--out", os.path.join(self.rec, "r"),
               "--fsync-ms", str(fsync_ms), "--quiet"]
        if chunk:
            cmd += ["--chunk", str(chunk)]
        if realtime:
            cmd += ["--realtime"]
        return cmd

    def run_recorder(self, cmd, cut_after_s=None, timeout=120):
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
        self.rec_pid = p.pid
        try:
            if cut_after_s is not None:
                try:
                    p.wait(timeout=cut_after_s)
                except subprocess.TimeoutExpired:
                    pass
                self.mount.ctl("cut")
                p.kill()  # the process dies with the power
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate(timeout=30)
            err += "\n(killed after %d s)" % timeout
        self.rec_pid = None
        return p.returncode, out, err

    def count_ops(self, cmd):
        """Runs without a cut; returns the counters (any, fsync, ...)."""
        self.fresh("mode strict")
        rc, _, err = self.run_recorder(cmd)
        if rc != 0:
            raise RuntimeError("reference recording failed (rc %d): %s" % (rc, err.strip()))
        st = self.mount.status()
        counts = {k: int(v) for k, v in st.items() if v.isdigit()}
        with open(self.mount.trace) as f:
            counts["trace"] = [line.rstrip("\n").split(" ", 2)[2] for line in f]
        return counts

    # ---- judging ----

    def judge_folder(self, folder, rc, orphans, err):
        """Decode checks of a recovered folder; returns (duration, problems)."""
        problems = []
        for o in orphans:
            if o.get("result") in ("failed",):
                problems.append("recover failed on %s: %s" % (o.get("target"), o.get("error")))
            elif o.get("result") == "cannot-rebuild":
                # Files cut before their first frame are "empty" and cleared
                # (result "cleared"); anything left unrebuilt is a finding.
                problems.append("cannot rebuild %s: %s" % (o.get("target"), o.get("reason", "")))
        if rc != 0:
            problems.append("recover exited %d: %s" % (rc, err.strip()[:300]))
        problems += duplicates(folder)
        files = [f for f in media_files(folder) if os.path.getsize(f) > 0]  # empty: nothing to lose
        problems += ["%s: %s" % (folder, p) for p in self.tools.decode_errors(files)]
        return self.duration_of(folder), problems

    def duration_of(self, folder):
        """Media seconds in a folder, one figure per recording (chunk), the longest copy."""
        files = [f for f in media_files(folder) if os.path.getsize(f) > 0]
        per = {}
        for f, d in self.tools.durations(files).items():
            key = chunk_index(os.path.basename(f))
            per[key] = max(per.get(key, 0.0), d)
        return sum(per.values())

    def neither_check(self, folder):
        """Every chunk below the newest one is still there, finished or as a set."""
        problems = []
        idx = chunk_indices(folder)
        if idx:
            for i in range(max(idx)):
                if i not in idx:
                    problems.append("chunk %d is gone (neither the finished file nor its sidecars) while chunk %d "
                                    "exists" % (i, max(idx)))
        for f in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if f.endswith(".mp4.mdat") and not os.path.exists(os.path.join(folder, f[:-5] + ".info")):
                if not os.path.exists(os.path.join(folder, f[:-5])):
                    problems.append("%s without its .info: not recoverable" % f)
        return problems

    def after_cut(self, name, allowed_loss, extra=None):
        """The recorder is gone and the power is cut: judge kill vs power image."""
        d = os.path.join(self.work, "case")
        kill, power, raw = d + "/kill", d + "/power", d + "/power-raw"
        copy_tree(self.rec, kill)
        self.mount.ctl("reveal")
        copy_tree(self.rec, raw)
        copy_tree(self.rec, power)
        problems = list(extra or [])
        problems += self.neither_check(power)
        rc_k, orph_k, err_k = self.tools.recover(kill)
        dur_kill = self.duration_of(kill)
        # The view at the cut is also what a SIGKILL at that instant leaves.
        problems += duplicates(kill, "after a SIGKILL at the same point: ")
        problems += ["after a SIGKILL at the same point: recover failed on %s: %s" % (o.get("target"), o.get("error"))
                     for o in orph_k if o.get("result") == "failed"]
        rc, orphans, err = self.tools.recover(power)
        dur_power, p2 = self.judge_folder(power, rc, orphans, err)
        problems += p2
        loss = dur_kill - dur_power
        if loss > allowed_loss + TOLERANCE:
            problems.append("lost %.3f s (kept %.3f of %.3f s a SIGKILL keeps; allowed %.3f + %.2f)"
                            % (loss, dur_power, dur_kill, allowed_loss, TOLERANCE))
        self.report(name, problems, dur_kill, dur_power, d)

    def report(self, name, problems, dur_ref, dur_got, evidence):
        ok = not problems
        self.results.append((name, ok, dur_ref, dur_got))
        log("%-48s %s  kept %6.3f of %6.3f s%s" % (name, "ok  " if ok else "FAIL", dur_got, dur_ref,
                                                   "" if ok else "\n    " + "\n    ".join(problems)))
        if not ok:
            safe = "".join(c if c.isalnum() or c in "-." else "_" for c in name)[:80]
            keep = os.path.join(self.work, "failed-%03d-%s" % (len(self.failures), safe))
            if os.path.exists(evidence):
                shutil.move(evidence, keep)
            self.failures.append((name, problems, keep))

    # ---- case kinds ----

    def cut_at_op(self, name, fmt, chunk, n, mode="mode strict"):
        """Deterministic: cut right after the nth modifying operation."""
        cmd = self.record_cmd(fmt, chunk, False, 0)
        self.fresh(mode)
        self.mount.ctl("arm any %d" % n)
        self.run_recorder(cmd)
        if self.mount.status().get("cut") != "1":
            self.mount.ctl("cut")  # the recording ended first: cut after its clean stop
        # fsync every packet: at most the packet in flight may be lost.
        self.after_cut(name, 0.1)

    def cut_at_time(self, name, fmt, chunk, seconds, mode="mode strict"):
        """Real time: --realtime with the default 1 s fsync interval, cut after `seconds`."""
        cmd = self.record_cmd(fmt, chunk, True, 1000)
        self.fresh(mode)
        self.run_recorder(cmd, cut_after_s=seconds)
        self.after_cut(name, 1.0)

    def cut_first_sync_slow_disk(self, name, slow_ms=150):
        """Real time on a slow disk: while the new set's files are synced
        (about six syncs of `slow_ms`), the source's media queues up and
        then reaches the writer in a burst. The cut comes right after the
        first periodic sync made the .mdat durable, before its index
        records: what that sync covered is lost, and it must still be at
        most the interval of media (the writer syncs by media time too).
        Before that fix the first sync came 1 s of wall clock after the
        files were made, covering that second plus the whole backlog."""
        cmd = self.record_cmd("mp4", 0, True, 1000)
        self.fresh("mode strict")
        self.mount.ctl("slow %d" % slow_ms)
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace")
        self.rec_pid = p.pid
        problems = []
        try:
            armed = False
            deadline = time.time() + 60
            while time.time() < deadline and p.poll() is None and not armed:
                # The first index record written after the set was made.
                with open(self.mount.trace) as f:
                    for line in f:
                        what = line.rstrip("\n").split(" ", 2)[-1]
                        if what.startswith("write /rec/r.mp4.track1 @") and not what.startswith(
                                "write /rec/r.mp4.track1 @0 "):
                            armed = True
                            break
                if not armed:
                    time.sleep(0.01)
            if not armed:
                problems.append("the recording wrote no index record within 60 s")
                self.mount.ctl("cut")
            else:
                self.mount.ctl("arm fsync 1")  # right after the next fsync: the first periodic sync's .mdat
                deadline = time.time() + 30
                while time.time() < deadline and self.mount.status().get("cut") != "1":
                    time.sleep(0.01)
                if self.mount.status().get("cut") != "1":
                    problems.append("no sync within 30 s of the first record")
                    self.mount.ctl("cut")
            p.kill()  # the process dies with the power
            p.communicate(timeout=60)
        finally:
            if p.poll() is None:
                p.kill()
                p.communicate(timeout=30)
            self.rec_pid = None
        self.mount.ctl("slow 0")
        self.after_cut(name, 1.0, problems)

    def prepare_crash_state(self, fmt, chunk, fraction):
        """A folder as a SIGKILL leaves it (sidecars, a TS cut mid-packet...),
        at a fixed operation so the recovery cuts are reproducible."""
        cmd = self.record_cmd(fmt, chunk, False, 0)
        total = self.count_ops(cmd)["any"]
        self.fresh("mode strict")
        self.mount.ctl("arm any %d" % int(total * fraction))
        self.run_recorder(cmd)
        state = os.path.join(self.work, "crash-%s-%s" % (fmt, chunk or 0))
        copy_tree(self.rec, state)  # the view at the cut: what a SIGKILL leaves
        self.mount.ctl("reveal")
        if fmt == "ts":
            # End the newest TS mid-packet, as a kill in the middle of a write does.
            last = sorted(f for f in os.listdir(state) if f.endswith(".ts"))[-1]
            with open(os.path.join(state, last), "ab") as fh:
                fh.write(b"\x47" + b"\x00" * 99)
        return state

    def import_state(self, state, mode="mode strict"):
        self.fresh(mode)
        shutil.copytree(state, self.rec)
        self.mount.ctl("syncall")
        self.mount.ctl("reset")

    def recovery_reference(self, state):
        self.import_state(state)
        rc, orphans, err = self.tools.recover(self.rec)
        ops = int(self.mount.status()["any"])
        ref = os.path.join(self.work, "recref")
        copy_tree(self.rec, ref)
        dur, problems = self.judge_folder(ref, rc, orphans, err)
        if problems:
            raise RuntimeError("recovery without a cut already fails: %s" % problems)
        return ops, dur

    def cut_recovery(self, name, state, n, dur_ref, mode="mode strict"):
        """Cut the power during `tapedeck recover`, then recover again."""
        self.import_state(state, mode)
        self.mount.ctl("arm any %d" % n)
        self.tools.recover(self.rec)
        if self.mount.status().get("cut") != "1":
            self.mount.ctl("cut")
        self.mount.ctl("reveal")
        d = os.path.join(self.work, "case")
        copy_tree(self.rec, d + "/power-raw")
        problems = self.neither_check(self.rec)
        rc, orphans, err = self.tools.recover(self.rec)
        copy_tree(self.rec, d + "/power")
        dur, p2 = self.judge_folder(d + "/power", rc, orphans, err)
        problems += p2
        if dur < dur_ref - 0.05:
            problems.append("recovery cut lost %.3f s (kept %.3f of %.3f s)" % (dur_ref - dur, dur, dur_ref))
        self.report(name, problems, dur_ref, dur, d)

    def recover_to_new_folder(self, name, state):
        """`recover --out` into a folder it creates, then the power goes: the
        rebuilt files were moved out of the recording's folder, so the new
        folder's name must be durable too."""
        self.import_state(state)
        out = os.path.join(self.mount.dir, "rescued")
        if os.path.exists(out):
            shutil.rmtree(out)
            self.mount.ctl("syncall")
        rc, orphans, err = self.tools.recover(self.rec, out)
        ref = os.path.join(self.work, "case-ref")
        copy_tree(out, ref)
        copy_tree(self.rec, ref + "-left")
        dur_ref = self.duration_of(ref) + self.duration_of(ref + "-left")
        self.mount.ctl("cut")
        self.mount.ctl("reveal")
        d = os.path.join(self.work, "case")
        copy_tree(self.mount.dir, d + "/power-raw")
        rc, orphans, err = self.tools.recover(self.mount.dir)
        copy_tree(self.mount.dir, d + "/power")
        dur, problems = self.judge_folder(d + "/power", rc, orphans, err)
        if dur < dur_ref - 0.05:
            problems.append("lost %.3f s (kept %.3f of %.3f s)" % (dur_ref - dur, dur, dur_ref))
        if os.path.exists(out):
            shutil.rmtree(out)
        self.report(name, problems, dur_ref, dur, d)


CONFIGS = [  # name, type, chunk seconds
    ("mp4", "mp4", 0),
    ("mp4-chunk", "mp4", 2),
    ("ts", "ts", 0),
    ("ts-chunk", "ts", 2),
    ("flv", "flv", 0),
]


def short_plan(h, rng):
    """About 35 cuts: every fix's failing-before case, the finish paths, random points."""
    cases = []
    ops = {}
    for cname, fmt, chunk in CONFIGS:
        ops[cname] = h.count_ops(h.record_cmd(fmt, chunk, False, 0))
        log("reference %-10s %s" % (cname, " ".join("%s=%d" % kv for kv in sorted(ops[cname].items()) if kv[0] != "trace")))

    def at_op(cname, fmt, chunk, n, label=None, mode="mode strict"):
        name = "%s/%s" % (cname, label or "op%d" % n)
        cases.append((name, lambda: h.cut_at_op(name, fmt, chunk, n, mode)))

    for cname, fmt, chunk in CONFIGS:
        total = ops[cname]["any"]
        # After a clean stop: the finished file must be durable (fails when a
        # created folder or file name was never synced into its parent).
        at_op(cname, fmt, chunk, total + 1, "after-clean-stop")
        # Early, right after the first few packets were synced.
        at_op(cname, fmt, chunk, 120)
        # The clean-stop path: MP4's moov write, link, unlink, folder sync and
        # deletes (the last 12 operations); TS/FLV's trailer and last syncs.
        tail = {"mp4": [12, 10, 8, 7, 6, 5, 4, 3, 1], "mp4-chunk": [7, 5, 3], "ts": [2], "ts-chunk": [2], "flv": [3, 1]}[cname]
        trace = ops[cname]["trace"]
        for back in tail:
            n = total - back
            at_op(cname, fmt, chunk, n, "finish-op%d (after %s)" % (n, trace[n - 1].replace("/rec/", "")))
        # A new chunk's set: cut after its .info, before its data file's name
        # is durable (a lone .info that holds nothing, not a damaged set).
        if chunk:
            made = [i + 1 for i, t in enumerate(trace) if t.startswith("create ") and t.endswith("_part0002.%s" % (
                "mp4.mdat" if fmt == "mp4" else fmt))]
            if made:
                at_op(cname, fmt, chunk, made[0], "new-chunk-op%d (after %s)" % (made[0], trace[made[0] - 1].replace(
                    "/rec/", "")))
        # A random point with a write cache that kept part of the pending work.
        n = rng.randint(1, total)
        seed = rng.randint(1, 1 << 30)
        at_op(cname, fmt, chunk, n, "op%d-cache%d" % (n, seed), "mode cache %d" % seed)
    # Real time on a slow disk, cut in the first periodic sync.
    name = "mp4/realtime-first-sync-slow-disk"
    cases.append((name, lambda nm=name: h.cut_first_sync_slow_disk(nm)))
    # Real time, default 1 s fsync interval.
    for cname, fmt, chunk in (("mp4-chunk", "mp4", 2), ("ts", "ts", 0)):
        t = round(rng.uniform(2.0, h.args.seconds - 1.0), 2)
        name = "%s/realtime-%.2fs" % (cname, t)
        cases.append((name, lambda f=fmt, c=chunk, t=t, nm=name: h.cut_at_time(nm, f, c, t)))
    return cases


def recovery_plan(h, rng, per_state, every=False):
    cases = []
    for fmt, chunk, frac in (("mp4", 2, 0.55), ("ts", 0, 0.4), ("flv", 0, 0.4)):
        state = h.prepare_crash_state(fmt, chunk, frac)
        total, dur_ref = h.recovery_reference(state)
        log("recovery reference %s: %d ops, %.3f s" % (os.path.basename(state), total, dur_ref))
        points = list(range(1, total + 1)) if every else sorted(rng.sample(range(1, total + 1), min(per_state, total)))
        for n in points:
            name = "recover-%s/op%d" % (fmt + ("-chunk" if chunk else ""), n)
            cases.append((name, lambda s=state, n=n, d=dur_ref, nm=name: h.cut_recovery(nm, s, n, d)))
        if fmt == "mp4":
            name = "recover-mp4-chunk/--out-new-folder/after-clean-stop"
            cases.append((name, lambda s=state, nm=name: h.recover_to_new_folder(nm, s)))
    return cases


def long_plan(h, rng, count):
    ops = {}
    for cname, fmt, chunk in CONFIGS:
        ops[cname] = h.count_ops(h.record_cmd(fmt, chunk, False, 0))["any"]
    cases = []
    for i in range(count):
        kind = rng.random()
        cname, fmt, chunk = rng.choice(CONFIGS)
        mode_seed = rng.randint(1, 1 << 30)
        mode = "mode cache %d" % mode_seed if rng.random() < 0.5 else "mode strict"
        tag = "cache%d" % mode_seed if mode != "mode strict" else "strict"
        if kind < 0.75:
            n = rng.randint(1, ops[cname])
            name = "%s/op%d-%s" % (cname, n, tag)
            cases.append((name, lambda f=fmt, c=chunk, n=n, m=mode, nm=name: h.cut_at_op(nm, f, c, n, m)))
        else:
            t = round(rng.uniform(0.5, h.args.seconds + 0.5), 2)
            name = "%s/realtime-%.2fs-%s" % (cname, t, tag)
            cases.append((name, lambda f=fmt, c=chunk, t=t, m=mode, nm=name: h.cut_at_time(nm, f, c, t, m)))
    return cases


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tapedeck", required=True)
    ap.add_argument("--pcfs", required=True)
    ap.add_argument("--long", type=int, default=0, help="this many random cuts (plus recovery-path cuts)")
    ap.add_argument("--seed", type=int, default=int(os.environ.get("POWERCUT_SEED", "20261130")))
    ap.add_argument("--seconds", type=float, default=8.0, help="length of the test source")
    ap.add_argument("--only", default="", help="run only cases whose name contains this")
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--keep-work", action="store_true")
    ap.add_argument("--recovery-every-op", action="store_true", help="cut recovery at every operation")
    args = ap.parse_args()

    missing = [t for t in ("ffmpeg", "ffprobe", "gst-launch-1.0", "fusermount3") if not shutil.which(t)]
    if not os.path.exists(args.pcfs):
        missing.append("pcfs (build it: libfuse3-dev)")
    if not os.path.exists("/dev/fuse"):
        missing.append("/dev/fuse")
    if missing:
        log("powercut: missing %s" % ", ".join(missing))
        return 1 if CI else SKIP

    h = Harness(args)
    rng = random.Random(args.seed)

    def on_term(signum, frame):
        raise KeyboardInterrupt()
    signal.signal(signal.SIGTERM, on_term)
    started = time.time()
    try:
        try:
            h.start()
        except RuntimeError as e:
            log("powercut: %s" % e)
            return 1 if CI else SKIP
        log("powercut: seed %d, work in %s" % (args.seed, h.work))
        try:
            h.selfcheck()
        except (RuntimeError, OSError) as e:
            log("powercut: the filesystem model does not hold: %s" % e)
            h.failures.append(("selfcheck", [str(e)], ""))
            return 1
        if args.long:
            cases = long_plan(h, rng, args.long) + recovery_plan(h, rng, max(5, args.long // 50))
        else:
            cases = short_plan(h, rng) + recovery_plan(h, rng, 2, args.recovery_every_op)
        if args.only:
            cases = [c for c in cases if args.only in c[0]]
        for name, fn in cases:
            try:
                fn()
            except (RuntimeError, subprocess.TimeoutExpired, OSError) as e:
                h.report(name, ["harness error: %s" % e], 0, 0, os.path.join(h.work, "case"))
    except KeyboardInterrupt:
        log("powercut: interrupted")
        h.failures.append(("interrupted", [], ""))
    finally:
        h.stop()
    n = len(h.results)
    bad = len(h.failures)
    kept = [r for r in h.results if r[1] and r[2] > 0]
    worst = max((r[2] - r[3] for r in kept), default=0.0)
    log("powercut: %d cut(s), %d failed, worst loss %.3f s, %.0f s" % (n, bad, worst, time.time() - started))
    if bad:
        log("evidence kept in %s" % h.work)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

"""Shared helpers for the comparison benchmarks: media, a paced UDP fan-out,
process accounting from /proc, decoding judges, medians, Markdown tables."""

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, check=True, **kw):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    if check and r.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (" ".join(cmd[:3]), r.returncode, r.stderr[-2000:]))
    return r


def timed(cmd, **kw):
    t = time.monotonic()
    run(cmd, **kw)
    return time.monotonic() - t


def median(values):
    return statistics.median(values) if values else float("nan")


def table(headers, rows, align=None):
    align = align or ["---"] + ["---:"] * (len(headers) - 1)
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join(align) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


# ---------------------------------------------------------------- media

def make_clip(path, seconds, bitrate="6M", size="1280x720", fps=30, gop=60, bframes=2):
    """A real H.264 (libx264) + AAC clip, made once and cached."""
    if os.path.exists(path):
        return path
    tmp = path + ".part" + os.path.splitext(path)[1]
    fmt = ["-f", "mpegts"] if path.endswith(".ts") else []
    run(["ffmpeg", "-nostdin", "-v", "error", "-y",
         "-f", "lavfi", "-i", "testsrc2=size=%s:rate=%d:duration=%g" % (size, fps, seconds),
         "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=%g" % seconds,
         "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency" if bframes == 0 else "film",
         "-b:v", bitrate, "-maxrate", bitrate, "-bufsize", bitrate,
         "-g", str(gop), "-keyint_min", str(gop), "-bf", str(bframes), "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-b:a", "128k", "-shortest"] + fmt + [tmp])
    os.rename(tmp, path)
    return path


# ---------------------------------------------------------------- UDP fan-out

TS = 188
DGRAM = 7 * TS  # 1316 bytes, the usual MPEG-TS over UDP payload


def _pes_pts(pkt):
    """PTS (90 kHz) of a TS packet that starts a PES, or None."""
    if not (pkt[1] & 0x40):
        return None
    afc = (pkt[3] >> 4) & 3
    off = 4
    if afc & 2:
        off += 1 + pkt[4]
    if not (afc & 1) or off + 14 > TS:
        return None
    p = pkt[off:]
    if p[0:3] != b"\x00\x00\x01" or not (p[7] & 0x80):
        return None
    b = p[9:14]
    return (((b[0] >> 1) & 7) << 30) | (b[1] << 22) | ((b[2] >> 1) << 15) | (b[3] << 7) | (b[4] >> 1)


def load_ts(path):
    """Splits an MPEG-TS file into datagrams, each with the wall-clock offset
    (seconds from the first video frame) at which it is due and the number of
    video frames (PES starts on the video PID) it begins."""
    data = open(path, "rb").read()
    # The video PID: the PID whose PES stream id is 0xE0..0xEF.
    vpid = None
    for i in range(0, min(len(data), 2_000_000), TS):
        pkt = data[i:i + TS]
        if pkt[1] & 0x40:
            afc = (pkt[3] >> 4) & 3
            off = 4 + (1 + pkt[4] if afc & 2 else 0)
            if pkt[off:off + 3] == b"\x00\x00\x01" and 0xE0 <= pkt[off + 3] <= 0xEF:
                vpid = ((pkt[1] & 0x1F) << 8) | pkt[2]
                break
    assert vpid is not None, "no video PID in " + path
    dgrams = []
    pts0 = None
    due = 0.0
    for i in range(0, len(data) - len(data) % DGRAM, DGRAM):
        chunk = data[i:i + DGRAM]
        frames = 0
        for j in range(0, DGRAM, TS):
            pkt = chunk[j:j + TS]
            if (((pkt[1] & 0x1F) << 8) | pkt[2]) == vpid and pkt[1] & 0x40:
                frames += 1
                pts = _pes_pts(pkt)
                if pts is not None:
                    # B-frames: decode order is not PTS order; pace on the
                    # running maximum minus a small lead so sending is monotonic.
                    if pts0 is None:
                        pts0 = pts
                    due = max(due, (pts - pts0) / 90000.0 - 0.1)
        dgrams.append((due, frames, chunk))
    return dgrams


class FanOut(threading.Thread):
    """Sends one MPEG-TS file in real time to many UDP ports on 127.0.0.1 (the
    same datagram to every port, one after another), looping the file.
    `frames_sent` counts video frames whose first datagram went out to all ports."""

    def __init__(self, dgrams, ports, loop=True):
        super().__init__(daemon=True)
        self.dgrams, self.ports, self.loop = dgrams, list(ports), loop
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
        self.lock = threading.Lock()
        self.frames_sent = 0
        self.bytes_sent = 0
        self._halt = threading.Event()
        self.started_at = None

    def stop(self):
        self._halt.set()

    def run(self):
        addrs = [("127.0.0.1", p) for p in self.ports]
        period = self.dgrams[-1][0] + 1 / 30.0
        base = time.monotonic()
        self.started_at = base
        rep = 0
        while not self._halt.is_set():
            for due, frames, chunk in self.dgrams:
                wait = base + rep * period + due - time.monotonic()
                if wait > 0:
                    if self._halt.wait(wait):
                        return
                with self.lock:
                    if self._halt.is_set():
                        return
                    for a in addrs:
                        self.sock.sendto(chunk, a)
                    self.frames_sent += frames
                    self.bytes_sent += len(chunk)
            if not self.loop:
                return
            rep += 1


def free_udp_ports(n, start=30000):
    ports = []
    p = start
    while len(ports) < n:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            s.bind(("127.0.0.1", p))
            ports.append(p)
        except OSError:
            pass
        finally:
            s.close()
        p += 2
    return ports


# ---------------------------------------------------------------- /proc

def proc_cpu_seconds(pid):
    """utime + stime of a process (all its threads), in seconds."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except (FileNotFoundError, ProcessLookupError):
        return 0.0


def _status_kb(pid, key):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def proc_hwm_bytes(pid):
    """Peak resident set size (VmHWM)."""
    return _status_kb(pid, "VmHWM:")


def proc_rss_bytes(pid):
    return _status_kb(pid, "VmRSS:")


def kill_all(procs, sig=signal.SIGKILL):
    for p in procs:
        try:
            p.send_signal(sig)
        except ProcessLookupError:
            pass


def stop_all(procs, seconds):
    """SIGTERM to all (while the stream is still live), then one shared
    deadline; a recorder still running after it is killed and counted.
    Returns how many were killed."""
    kill_all(procs, signal.SIGTERM)
    deadline = time.monotonic() + seconds
    hung = 0
    for p in procs:
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            hung += 1
            p.kill()
            p.wait()
    return hung


# ---------------------------------------------------------------- judges

def decode_count(path):
    """Decodes the first video stream with ffmpeg: (frames decoded, error lines).
    A file ffmpeg cannot open counts as 0 frames and 1 error."""
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return 0, 0, "no file"
    r = run(["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-map", "0:v:0", "-f", "framecrc", "-"], check=False)
    frames = sum(1 for line in r.stdout.splitlines() if line and not line.startswith("#"))
    errors = [l for l in r.stderr.splitlines() if l.strip()]
    note = ""
    if r.returncode != 0 and frames == 0:
        note = errors[-1].replace(path, os.path.basename(path))[:80] if errors else "ffmpeg exit %d" % r.returncode
    return frames, len(errors), note


def tool_version(cmd, pattern):
    try:
        r = run(cmd, check=False)
        m = re.search(pattern, r.stdout + r.stderr)
        return m.group(1) if m else "?"
    except FileNotFoundError:
        return "missing"


def scratch(root, name):
    d = os.path.join(root, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d

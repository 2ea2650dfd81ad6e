#!/usr/bin/python3
"""A live HLS origin for Tapedeck's tests.

ffmpeg encodes a real-time test pattern (H.264 + AAC, 1 s GOPs) into 1 s
MPEG-TS segments and an EVENT playlist that grows by one segment a second
(no #EXT-X-ENDLIST while it runs: players treat it as live). A small HTTP
server on 127.0.0.1 serves the folder. Optional checks a test can use as
credential canaries: HTTP Basic auth (--user/--password) on every request and
a query token (--token) on the playlist. Prints "READY <port>" when the first
segments exist, "PLAYLIST <segments listed>" for each playlist served and
"SEGMENT <name>" for each segment. Commands on stdin: "pause" freezes the encoder (the playlist
stops growing: a stall), "resume" continues it, "quit" stops.
"""
import argparse
import base64
import http.server
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--user")
    ap.add_argument("--password", default="")
    ap.add_argument("--token")
    ap.add_argument("--duration", type=float, default=120)
    ap.add_argument("--min-segments", type=int, default=2)
    args = ap.parse_args()

    os.makedirs(args.dir, exist_ok=True)
    playlist = os.path.join(args.dir, "live.m3u8")
    enc = subprocess.Popen([
        "ffmpeg", "-nostdin", "-v", "error", "-re",
        "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=%g" % args.duration,
        "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=%g" % args.duration,
        "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30",
        "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k",
        "-f", "hls", "-hls_time", "1", "-hls_list_size", "0", "-hls_playlist_type", "event",
        "-hls_flags", "temp_file", "-hls_segment_filename", os.path.join(args.dir, "seg%05d.ts"),
        playlist])

    expected_auth = None
    if args.user is not None:
        expected_auth = "Basic " + base64.b64encode(
            ("%s:%s" % (args.user, args.password)).encode()).decode()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=args.dir, **kw)

        def log_message(self, fmt, *a):  # quiet; the test reads stdout
            pass

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            if expected_auth and self.headers.get("Authorization") != expected_auth:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="tapedeck-test"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if args.token and url.path.endswith(".m3u8"):
                q = urllib.parse.parse_qs(url.query)
                if q.get("token", [None])[0] != args.token:
                    self.send_error(403)
                    return
            if url.path.endswith(".m3u8"):
                # How many segments this answer lists: a test can tell where
                # in the playlist a reader started.
                try:
                    with open(os.path.join(args.dir, os.path.basename(url.path))) as f:
                        listed = f.read().count("#EXTINF")
                except OSError:
                    listed = 0
                print("PLAYLIST %d" % listed, flush=True)
            elif url.path.endswith(".ts"):
                print("SEGMENT %s" % os.path.basename(url.path), flush=True)
            self.path = url.path
            super().do_GET()

        def end_headers(self):
            self.send_header("Cache-Control", "no-cache")
            super().end_headers()

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()

    def shutdown(*_):
        if enc.poll() is None:
            enc.send_signal(signal.SIGCONT)
            enc.terminate()
            try:
                enc.wait(3)
            except subprocess.TimeoutExpired:
                enc.kill()
        httpd.shutdown()
        sys.exit(0)

    signal.signal(signal.SIGTERM, shutdown)
    signal.signal(signal.SIGINT, shutdown)

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with open(playlist) as f:
                if f.read().count("#EXTINF") >= args.min_segments:
                    break
        except OSError:
            pass
        if enc.poll() is not None:
            print("ERROR encoder exited", flush=True)
            return 1
        time.sleep(0.1)
    else:
        print("ERROR no segments", flush=True)
        shutdown()
    print("READY %d" % httpd.server_address[1], flush=True)

    for line in sys.stdin:
        cmd = line.strip()
        if cmd == "pause":
            enc.send_signal(signal.SIGSTOP)
        elif cmd == "resume":
            enc.send_signal(signal.SIGCONT)
        elif cmd == "quit":
            break
        print("OK %s" % cmd, flush=True)
    shutdown()


if __name__ == "__main__":
    sys.exit(main())

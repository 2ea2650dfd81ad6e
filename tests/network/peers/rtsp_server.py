#!/usr/bin/python3
"""A real RTSP server (GStreamer's gst-rtsp-server) for Tapedeck's tests.

Serves a live H.264 test pattern + AAC tone at rtsp://127.0.0.1:PORT/test,
restricted to one lower transport (tcp, udp) or both (any), optionally behind
Basic authentication. Prints "READY <port>" once listening and one
"SETUP <transport>" line per SETUP request it receives, so a test can check
which transport the client really negotiated. Stops on SIGTERM/SIGINT or when
stdin closes.
"""
import argparse
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

PIPELINE = (
    "( videotestsrc is-live=true pattern=smpte ! "
    "video/x-raw,width={w},height={h},framerate={fps}/1 ! "
    "x264enc tune=zerolatency speed-preset=ultrafast key-int-max={gop} bframes=0 ! "
    "video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 config-interval=1 "
    "audiotestsrc is-live=true wave=sine freq=440 ! audioconvert ! audioresample ! "
    "audio/x-raw,rate=48000,channels=2 ! avenc_aac ! rtpmp4gpay name=pay1 pt=97 )"
)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--path", default="/test")
    ap.add_argument("--protocols", choices=["tcp", "udp", "any"], default="any")
    ap.add_argument("--user")
    ap.add_argument("--password")
    ap.add_argument("--width", type=int, default=320)
    ap.add_argument("--height", type=int, default=240)
    ap.add_argument("--fps", type=int, default=30)
    args = ap.parse_args()

    Gst.init(None)
    loop = GLib.MainLoop()
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))

    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(PIPELINE.format(w=args.width, h=args.height, fps=args.fps, gop=args.fps))
    factory.set_shared(True)
    protos = {
        "tcp": GstRtsp.RTSPLowerTrans.TCP,
        "udp": GstRtsp.RTSPLowerTrans.UDP,
        "any": GstRtsp.RTSPLowerTrans.TCP | GstRtsp.RTSPLowerTrans.UDP,
    }[args.protocols]
    factory.set_protocols(protos)

    if args.user is not None:
        auth = GstRtspServer.RTSPAuth()
        token = GstRtspServer.RTSPToken()
        token.set_string("media.factory.role", "user")
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password or ""), token)
        server.set_auth(auth)
        factory.add_role_from_structure(Gst.Structure.new_from_string(
            "user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"))

    server.get_mount_points().add_factory(args.path, factory)

    def on_setup(client, ctx):
        ok, value = ctx.request.get_header(GstRtsp.RTSPHeaderField.TRANSPORT, 0)
        kind = "tcp" if (ok == GstRtsp.RTSPResult.OK and "TCP" in (value or "")) else "udp"
        print("SETUP %s" % kind, flush=True)

    def on_client(_server, client):
        client.connect("pre-setup-request", lambda c, ctx: (on_setup(c, ctx), GstRtsp.RTSPStatusCode.OK)[1])

    server.connect("client-connected", on_client)
    if server.attach(None) == 0:
        print("ERROR cannot listen on %d" % args.port, flush=True)
        return 1

    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, loop.quit)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, loop.quit)
    GLib.io_add_watch(sys.stdin, GLib.IO_HUP | GLib.IO_IN,
                      lambda src, cond: (loop.quit(), False)[1] if not src.readline() else True)
    print("READY %d" % server.get_bound_port(), flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())

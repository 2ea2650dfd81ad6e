#!/usr/bin/python3
"""Times GStreamer qtmux's finish: from the moment the end-of-stream reached
qtmux (the last of its sink pads) to the EOS message on the bus — the work
qtmux does at a clean stop (moov building; with faststart, copying the media
from its temporary file behind the moov). Needs python3-gi (Debian's
/usr/bin/python3).

  gst_finish_probe.py INPUT.mp4 OUTPUT.mp4 RECOVERY_FILE   → prints seconds
"""
import sys
import threading
import time

import gi

gi.require_version("Gst", "1.0")
from gi.repository import Gst  # noqa: E402


def main():
    src, out, mrf = sys.argv[1:4]
    Gst.init(None)
    pipe = Gst.parse_launch(
        "filesrc location=%s ! qtdemux name=d d.video_0 ! queue ! h264parse ! qtmux name=m faststart=true "
        "moov-recovery-file=%s ! filesink location=%s d.audio_0 ! queue ! aacparse ! m." % (src, mrf, out))
    mux = pipe.get_by_name("m")
    lock = threading.Lock()
    state = {"eos": 0, "last": None}
    pads = []

    def on_event(pad, info):
        ev = info.get_event()
        if ev and ev.type == Gst.EventType.EOS:
            with lock:
                state["eos"] += 1
                if state["eos"] == len(pads):
                    state["last"] = time.monotonic()
        return Gst.PadProbeReturn.OK

    def add_probe(pad):
        pads.append(pad)
        pad.add_probe(Gst.PadProbeType.EVENT_DOWNSTREAM, on_event)

    for p in mux.sinkpads:
        add_probe(p)
    mux.connect("pad-added", lambda el, p: add_probe(p) if p.direction == Gst.PadDirection.SINK else None)
    pipe.set_state(Gst.State.PLAYING)
    bus = pipe.get_bus()
    msg = bus.timed_pop_filtered(Gst.CLOCK_TIME_NONE, Gst.MessageType.EOS | Gst.MessageType.ERROR)
    end = time.monotonic()
    pipe.set_state(Gst.State.NULL)
    if msg.type == Gst.MessageType.ERROR or state["last"] is None:
        print("error: %s" % (msg.parse_error()[0].message if msg.type == Gst.MessageType.ERROR else "no EOS seen"),
              file=sys.stderr)
        sys.exit(1)
    print("%.6f" % (end - state["last"]))


if __name__ == "__main__":
    main()

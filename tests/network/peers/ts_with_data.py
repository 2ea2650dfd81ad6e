#!/usr/bin/env python3
"""Adds the streams a broadcast carries beside video and audio to an MPEG-TS.

Usage: ts_with_data.py IN.ts OUT.ts

IN.ts is an ordinary A/V transport stream (ffmpeg's, one program). OUT.ts is
the same stream with four more elementary streams in its program, each with
the stream type and descriptors a broadcaster uses, so that a demuxer (and
ffprobe) recognises them:

  PID 0x0200  SCTE-35 splice_info_sections (stream type 0x86, "CUEI"
              registration in the program info), a time_signal each second,
              every other one with 25 avail descriptors (two TS packets)
  PID 0x0201  timed ID3 (stream type 0x15, metadata descriptor "ID3 ")
  PID 0x0202  SMPTE KLV (stream type 0x06, registration "KLVA")
  PID 0x0203  DVB subtitles (stream type 0x06, subtitling descriptor, "eng")
  PID 0x0204  DVB teletext (stream type 0x06, teletext descriptor, "deu"
              subtitles on page 888)

One packet of each is placed after every 30th video PES from the second
keyframe on, with the PTS of that video frame; every payload differs, so a
recording can be compared with the source byte for byte.
"""
import struct
import sys

TS = 188
SCTE_PID, ID3_PID, KLV_PID, DVB_PID, TTX_PID = 0x200, 0x201, 0x202, 0x203, 0x204


def crc32_mpeg(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else (crc << 1)
            crc &= 0xFFFFFFFF
    return crc


def pid_of(pkt):
    return ((pkt[1] & 0x1F) << 8) | pkt[2]


def payload_of(pkt):
    afc = (pkt[3] >> 4) & 3
    if afc == 1:
        return pkt[4:]
    if afc == 3:
        return pkt[5 + pkt[4]:]
    return b""


class Counter:
    def __init__(self):
        self.cc = {}

    def next(self, pid):
        c = self.cc.get(pid, 15)
        c = (c + 1) & 15
        self.cc[pid] = c
        return c


def ts_packet(pid, payload, start, cc, stuff_in_af):
    """One TS packet carrying payload (at most 184 bytes)."""
    assert len(payload) <= 184
    head = bytes([0x47, (0x40 if start else 0) | (pid >> 8), pid & 0xFF])
    if len(payload) == 184:
        return head + bytes([0x10 | cc]) + payload
    if stuff_in_af:
        af_len = 183 - len(payload)
        af = bytes([af_len]) + (bytes([0x00]) + b"\xff" * (af_len - 1) if af_len > 0 else b"")
        return head + bytes([0x30 | cc]) + af + payload
    return head + bytes([0x10 | cc]) + payload + b"\xff" * (184 - len(payload))


def pes_packets(pid, stream_id, pts, data, counter):
    pts_bytes = bytes([
        0x21 | ((pts >> 29) & 0x0E),
        (pts >> 22) & 0xFF,
        0x01 | ((pts >> 14) & 0xFE),
        (pts >> 7) & 0xFF,
        0x01 | ((pts << 1) & 0xFE),
    ])
    body = bytes([0x80, 0x80, 5]) + pts_bytes + data
    pes = b"\x00\x00\x01" + bytes([stream_id]) + struct.pack(">H", len(body)) + body
    out = []
    first = True
    while pes:
        chunk, pes = pes[:184], pes[184:]
        out.append(ts_packet(pid, chunk, first, counter.next(pid), True))
        first = False
    return out


def section_packets(pid, section, counter):
    data = b"\x00" + section  # pointer_field
    out = []
    first = True
    while data:
        chunk, data = data[:184], data[184:]
        out.append(ts_packet(pid, chunk, first, counter.next(pid), False))
        first = False
    return out


def scte35_time_signal(pts, avails=0):
    """A time_signal; with `avails` avail_descriptors (10 bytes each), so
    that a cue can be longer than one TS packet."""
    command = bytes([0xFE | ((pts >> 32) & 1)]) + struct.pack(">I", pts & 0xFFFFFFFF)
    descriptors = b"".join(b"\x00\x08CUEI" + struct.pack(">I", i) for i in range(avails))
    body = bytes([0x00])  # protocol_version
    body += bytes([0x00]) + b"\x00\x00\x00\x00"  # not encrypted, pts_adjustment 0
    body += bytes([0x00])  # cw_index
    body += struct.pack(">I", (0xFFF << 20) | (len(command) << 8) | 0x06)[:4]  # tier, length, time_signal
    body += command
    body += struct.pack(">H", len(descriptors)) + descriptors
    length = len(body) + 4  # + CRC
    section = bytes([0xFC, 0x30 | (length >> 8), length & 0xFF]) + body
    return section + struct.pack(">I", crc32_mpeg(section))


def id3_tag(n):
    value = ("cue %d" % n).encode()
    frame_body = b"\x03" + b"tapedeck\x00" + value
    def syncsafe(v):
        return bytes([(v >> 21) & 0x7F, (v >> 14) & 0x7F, (v >> 7) & 0x7F, v & 0x7F])
    frame = b"TXXX" + syncsafe(len(frame_body)) + b"\x00\x00" + frame_body
    return b"ID3\x04\x00\x00" + syncsafe(len(frame)) + frame


def klv_packet(n):
    key = bytes.fromhex("060E2B34020B01010E01030101000000")
    value = bytes([0x02, 0x08]) + struct.pack(">Q", 1_700_000_000_000_000 + n)
    return key + bytes([len(value)]) + value


def dvb_subtitle(n):
    page = bytes([0x0F, 0x10, 0x00, 0x01, 0x00, 0x02, 0x05, ((n & 15) << 4) | 0x04])
    end = bytes([0x0F, 0x80, 0x00, 0x01, 0x00, 0x00])
    return bytes([0x20, 0x00]) + page + end + b"\xff"


def teletext(n):
    """One PES payload: data identifier 0x10 and one EBU teletext data unit
    (a page header row, 44 bytes) whose text differs each time."""
    row = bytes([0x55, 0x55, 0x27]) + bytes([0x15] * 8) + ("Tapedeck %04d" % n).encode().ljust(33, b" ")
    unit = bytes([0x02, 0x2C, 0xE0 | 0x08]) + row[:43]
    return bytes([0x10]) + unit


def new_pmt(section):
    """The PMT section with the four streams added (and CUEI registered)."""
    section_length = ((section[1] & 0x0F) << 8) | section[2]
    end = 3 + section_length - 4
    program_info_length = ((section[10] & 0x0F) << 8) | section[11]
    program_info = section[12:12 + program_info_length] + b"\x05\x04CUEI"
    es = section[12 + program_info_length:end]

    def entry(stype, pid, desc):
        return bytes([stype, 0xE0 | (pid >> 8), pid & 0xFF, 0xF0 | (len(desc) >> 8), len(desc) & 0xFF]) + desc

    es += entry(0x86, SCTE_PID, b"")
    es += entry(0x15, ID3_PID, b"\x26\x0d\xff\xffID3 \xff" + b"ID3 " + b"\x00\x0f")
    es += entry(0x06, KLV_PID, b"\x05\x04KLVA")
    es += entry(0x06, DVB_PID, b"\x59\x08eng\x10\x00\x01\x00\x01")
    es += entry(0x06, TTX_PID, b"\x56\x05deu\x10\x88")
    body = section[3:10] + bytes([0xF0 | (len(program_info) >> 8), len(program_info) & 0xFF]) + program_info + es
    length = len(body) + 4
    head = bytes([section[0], (section[1] & 0xF0) | (length >> 8), length & 0xFF])
    out = head + body
    return out + struct.pack(">I", crc32_mpeg(out))


def main():
    src, dst = sys.argv[1], sys.argv[2]
    data = open(src, "rb").read()
    packets = [data[i:i + TS] for i in range(0, len(data) - TS + 1, TS)]
    pmt_pid = None
    video_pid = None
    counter = Counter()
    out = []
    video_pes = 0
    keyframes = 0
    n = 0
    for pkt in packets:
        pid = pid_of(pkt)
        start = bool(pkt[1] & 0x40)
        pl = payload_of(pkt)
        if pid == 0 and start and pmt_pid is None:
            sec = pl[1 + pl[0]:]
            pmt_pid = ((sec[10] & 0x1F) << 8) | sec[11]
        if pid == pmt_pid and start:
            sec = pl[1 + pl[0]:]
            length = ((sec[1] & 0x0F) << 8) | sec[2]
            sec = sec[:3 + length]
            if video_pid is None:
                pil = ((sec[10] & 0x0F) << 8) | sec[11]
                i = 12 + pil
                while i < 3 + length - 4:
                    stype, epid = sec[i], ((sec[i + 1] & 0x1F) << 8) | sec[i + 2]
                    if stype in (0x1B, 0x24, 0x02) and video_pid is None:
                        video_pid = epid
                    i += 5 + (((sec[i + 3] & 0x0F) << 8) | sec[i + 4])
            new = new_pmt(sec)
            out.extend(section_packets(pmt_pid, new, counter))
            continue
        if pid == pmt_pid:
            continue
        out.append(pkt)
        if pid == video_pid and start and pl[:3] == b"\x00\x00\x01":
            key = bool(pkt[3] & 0x20) and pkt[4] > 0 and bool(pkt[5] & 0x40)
            keyframes += key
            video_pes += 1
            if keyframes >= 2 and video_pes % 30 == 0 and pl[7] & 0x80:
                p = pl[9:14]
                pts = (((p[0] >> 1) & 7) << 30) | (p[1] << 22) | ((p[2] >> 1) << 15) | (p[3] << 7) | (p[4] >> 1)
                n += 1
                # Every other cue spans two TS packets.
                cue = scte35_time_signal(pts + 90000, 25 if n % 2 == 0 else 0)
                out.extend(section_packets(SCTE_PID, cue, counter))
                # Metadata in PES (stream type 0x15) comes in access-unit
                # cells: a 5-byte header before the ID3 tag (H.222.0
                # 2.12.4.2; FFmpeg's demuxer takes it off).
                tag = id3_tag(n)
                cell = bytes([0x00, n & 0xFF, 0xDF]) + struct.pack(">H", len(tag)) + tag
                out.extend(pes_packets(ID3_PID, 0xBD, pts, cell, counter))
                out.extend(pes_packets(KLV_PID, 0xBD, pts, klv_packet(n), counter))
                out.extend(pes_packets(DVB_PID, 0xBD, pts, dvb_subtitle(n), counter))
                out.extend(pes_packets(TTX_PID, 0xBD, pts, teletext(n), counter))
    open(dst, "wb").write(b"".join(out))
    print("added %d cue(s) of each kind" % n)


if __name__ == "__main__":
    main()

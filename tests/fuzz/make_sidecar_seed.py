#!/usr/bin/env python3
"""Packs a sidecar set into the input format of fuzz_sidecar_set
(tests/fuzz/fuzz_sidecar_set.cpp) and writes the seeds of its corpus:

  tests/fuzz/make_sidecar_seed.py OUTDIR [NAME.mp4 ...]

Without NAME.mp4 it packs tests/data/recovery/sidecar.mp4 (the index files of
a SIGKILLed recording) plus two forged variants with valid CRCs: a record at
offset 2^64-10 (issue 11, hole 4) and a track timescale of 0xFFFFFFFF.

The packing does not read .info beyond its fixed layout fields, which every
version (1 to 4) has at the same offsets, so sets of any version pack
alike. tests/data/fuzz-corpus/sidecar_set/seed-info-v3-text-track is a
version 3 set with a text track and file tags (issue 17), packed from a
SIGKILLed `tapedeck record --realtime` of a Matroska file with a SubRip
track and a title; tests/data/fuzz-corpus/sidecar/seed-info-v3-text-track
is its .info.
"""
import os
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data', 'recovery')


def pack(info, tracks, mdat_size, flags=1):
    out = struct.pack('<QB', mdat_size, flags) + struct.pack('<I', len(info)) + info
    out += bytes([len(tracks)])
    for t in tracks:
        out += struct.pack('<I', len(t)) + t
    return out


def data_end(info, tracks):
    doff = struct.unpack_from('<Q', info, 16 + 40)[0]
    end = doff
    for t in tracks:
        for i in range((len(t) - 16) // 40):
            off, size = struct.unpack_from('<QI', t, 16 + 40 * i)
            end = max(end, off + size)
    return end


def reseal_record(rec):
    return rec[:36] + struct.pack('<I', zlib.crc32(rec[:36]))


def reseal_info(info):
    body = info[:-4]
    return body + struct.pack('<I', zlib.crc32(body))


def main():
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    finals = sys.argv[2:] or [os.path.join(DATA, 'sidecar.mp4')]
    for final in finals:
        info = open(final + '.info', 'rb').read()
        if struct.unpack_from('<I', info, 8)[0] not in (1, 2, 3):
            sys.exit('%s: .info version %d is not one this script knows' % (final, struct.unpack_from('<I', info, 8)[0]))
        tracks = []
        k = 1
        while os.path.exists('%s.track%d' % (final, k)):
            tracks.append(open('%s.track%d' % (final, k), 'rb').read())
            k += 1
        end = data_end(info, tracks)
        name = os.path.basename(final)
        open(os.path.join(outdir, 'seed-' + name), 'wb').write(pack(info, tracks, end + 100))
        if final.endswith(os.path.join('recovery', 'sidecar.mp4')) or len(sys.argv) == 2:
            # The last record of track 1 at offset 2^64 - 10, CRC fixed.
            t1 = bytearray(tracks[0])
            last = 16 + 40 * ((len(t1) - 16) // 40 - 1)
            rec = bytes(t1[last:last + 40])
            rec = struct.pack('<Q', (1 << 64) - 10) + rec[8:]
            t1[last:last + 40] = reseal_record(rec)
            open(os.path.join(outdir, 'seed-offset-wraps'), 'wb').write(
                pack(info, [bytes(t1)] + tracks[1:], end + 100))
            # Track 1 timescale 0xFFFFFFFF (first track entry after the header,
            # the six layout fields and the source blob), .info CRC fixed.
            pos = 16 + 48
            pos += 4 + struct.unpack_from('<I', info, pos)[0]
            pos += 4  # track count
            ts_at = pos + 12
            bad = bytearray(info)
            bad[ts_at:ts_at + 4] = struct.pack('<I', 0xFFFFFFFF)
            open(os.path.join(outdir, 'seed-timescale-max'), 'wb').write(
                pack(reseal_info(bytes(bad)), tracks, end + 100))


if __name__ == '__main__':
    main()

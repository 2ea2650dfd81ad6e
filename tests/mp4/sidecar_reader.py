#!/usr/bin/env python3
"""A second reader of Tapedeck's MP4 sidecar sets, written from
docs/sidecar-format.md alone. tst_mp4damage compares it with the C++ reader.

usage: sidecar_reader.py NAME.mp4   -> JSON on stdout
"""
import json
import os
import struct
import sys
import zlib


def read_info(path):
    b = open(path, 'rb').read()
    if len(b) < 20 or b[:8] != b'TDMP4INF':
        raise ValueError('bad magic')
    version, payload = struct.unpack_from('<II', b, 8)
    if version not in (1, 2, 3, 4):
        raise ValueError('version')
    if payload + 20 != len(b):
        raise ValueError('size')
    if zlib.crc32(b[:-4]) != struct.unpack_from('<I', b, len(b) - 4)[0]:
        raise ValueError('checksum')
    pos = 16
    created, ftyp, roff, rsize, mhdr, doff = struct.unpack_from('<qQQQQQ', b, pos)
    pos += 48

    def blob():
        nonlocal pos
        n = struct.unpack_from('<I', b, pos)[0]
        pos += 4
        v = b[pos:pos + n]
        pos += n
        return v

    source = blob().decode('utf-8')
    count = struct.unpack_from('<I', b, pos)[0]
    pos += 4
    tracks = []
    for i in range(count):
        number, kind = struct.unpack_from('<II', b, pos)
        tag = b[pos + 8:pos + 12].decode('ascii')
        timescale, w, h, rate, ch, tbn, tbd = struct.unpack_from('<IIIIIii', b, pos + 12)
        pos += 40
        entry = blob()
        blob()  # extradata
        extra = {}
        if version >= 2:
            extra['language'] = b[pos:pos + 3].decode('ascii')
            pos += 3
            extra['handler'] = blob().decode('utf-8')
            extra['title'] = blob().decode('utf-8')
            extra['flags'], extra['disposition'] = struct.unpack_from('<II', b, pos)
            pos += 8
            extra['matrix'] = list(struct.unpack_from('<9i', b, pos))
            pos += 36
        if number != i + 1:
            raise ValueError('track numbering')
        if kind not in ((1, 2, 3) if version >= 3 else (1, 2)):
            raise ValueError('kind')
        if not 1 <= timescale <= 0x7FFFFFFF:
            raise ValueError('timescale')
        if entry and struct.unpack_from('>I', entry, 0)[0] != len(entry):
            raise ValueError('sample entry')
        track = {'number': number, 'kind': kind, 'codec': tag, 'timescale': timescale,
                 'entry_type': entry[4:8].decode('ascii') if entry else '', 'priming': 0}
        track.update(extra)
        tracks.append(track)
    chapters = []
    if version >= 2:
        (nchap,) = struct.unpack_from('<I', b, pos)
        pos += 4
        for _ in range(nchap):
            (start,) = struct.unpack_from('<q', b, pos)
            pos += 8
            chapters.append({'start_us': start, 'title': blob().decode('utf-8')})
    tags = []
    if version >= 3:
        (ntags,) = struct.unpack_from('<I', b, pos)
        pos += 4
        if ntags > 32:
            raise ValueError('tag count')
        for _ in range(ntags):
            key = blob().decode('utf-8')
            tags.append([key, blob().decode('utf-8')])
    if version >= 4:
        (npriming,) = struct.unpack_from('<I', b, pos)
        pos += 4
        if npriming != len(tracks):
            raise ValueError('priming count')
        for t in tracks:
            (t['priming'],) = struct.unpack_from('<I', b, pos)
            pos += 4
            if t['priming'] > t['timescale']:
                raise ValueError('priming')
    if pos != len(b) - 4:
        raise ValueError('trailing bytes')
    if not (roff == ftyp and mhdr == roff + rsize and doff == mhdr + 16 and doff < 1 << 63):
        raise ValueError('layout')
    return {'created_us': created, 'data_offset': doff, 'reserved': rsize, 'source': source, 'tracks': tracks,
            'chapters': chapters, 'tags': tags}


def read_track(path, number, data_offset, data_size):
    out = {'accepted': 0, 'dropped': 0, 'tail': 0, 'end': data_offset}
    if not os.path.exists(path):
        out['missing'] = True
        return out
    b = open(path, 'rb').read()
    if len(b) < 16:
        out['tail'] = len(b)
        return out
    if b[:16] != b'TDMP4TRK' + struct.pack('<II', 1, number):
        out['bad_header'] = True
        return out
    whole = (len(b) - 16) // 40
    out['tail'] = (len(b) - 16) % 40
    last = None
    for i in range(whole):
        r = b[16 + 40 * i:16 + 40 * (i + 1)]
        offset, size, flags, dts, cts, dur, seq, crc = struct.unpack('<QIIqiIII', r)
        ok = (zlib.crc32(r[:36]) == crc and flags & ~1 == 0 and size > 0 and seq == i
              and offset >= data_offset and offset + size <= data_size
              and (dts > last if last is not None else dts >= 0) and dts <= 1 << 62)
        if not ok:
            out['dropped'] = whole - i
            break
        last = dts
        out['accepted'] += 1
        out['end'] = max(out['end'], offset + size)
    return out


def main():
    final = sys.argv[1]
    info = read_info(final + '.info')
    data_size = os.path.getsize(final + '.mdat')
    with open(final + '.mdat', 'rb') as f:
        head = f.read(info['data_offset'])
    if (len(head) < info['data_offset'] or head[4:8] != b'ftyp'
            or head[info['data_offset'] - 16:info['data_offset'] - 8] != b'\x00\x00\x00\x01mdat'):
        raise ValueError('data file layout')
    tracks = [read_track('%s.track%d' % (final, t['number']), t['number'], info['data_offset'], data_size)
              for t in info['tracks']]
    info['data_end'] = max([info['data_offset']] + [t['end'] for t in tracks])
    for t, r in zip(info['tracks'], tracks):
        t.update(r)
    json.dump(info, sys.stdout)


if __name__ == '__main__':
    main()

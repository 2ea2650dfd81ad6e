#!/usr/bin/env bash
# The > 4 GiB repair case (issue 12), opt-in: TAPEDECK_REPAIR_LARGE=1.
#   bench/repair/large.sh TAPEDECK_BIN [WORKDIR]
# Makes a recording over 4 GiB with ffmpeg (a 20 s 640x360 H.264 + AAC clip
# at ~16 Mbit/s, looped with -c copy: the mdat gets a 64-bit size), cuts it
# just before its moov (the index never written), repairs it with
# `tapedeck recover` (the clip's settings recorded again, other picture, as
# the reference beside it), and judges the result with framecrc in three
# windows: the start, the sample that crosses 4 GiB, and the end (the output
# needs co64). Needs ~10 GB in WORKDIR (default /tmp); everything it made is
# deleted at the end. Prints a small table: size, wall and CPU time, MB/s,
# peak RSS, frames exact per window, decode errors per window.
set -euo pipefail
[[ ${TAPEDECK_REPAIR_LARGE:-0} == 1 ]] || { echo "opt-in: set TAPEDECK_REPAIR_LARGE=1 (needs ~10 GB and minutes)"; exit 0; }
BIN=$(readlink -f "${1:?usage: large.sh TAPEDECK_BIN [WORKDIR]}")
BASE=${2:-/tmp}
HERE=$(cd "$(dirname "$0")" && pwd)
free_kb=$(df -Pk "$BASE" | awk 'NR==2 {print $4}')
if (( free_kb < 10 * 1024 * 1024 )); then echo "need 10 GB free in $BASE, have $((free_kb / 1024)) MB"; exit 1; fi
W=$(mktemp -d "$BASE/repair-large.XXXXXX")
[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$W"' EXIT # KEEP=1 leaves WORKDIR/repair-large.* for a second look
FF="ffmpeg -hide_banner -loglevel error -nostdin -y"
ENC=(-c:v libx264 -preset veryfast -bf 3 -g 60 -b:v 16M -maxrate 16M -bufsize 32M -threads 2 -c:a aac -b:a 128k -ac 1)
$FF -f lavfi -i testsrc2=size=640x360:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 20 "${ENC[@]}" "$W/clip.mp4"
mkdir "$W/case"
$FF -f lavfi -i smptebars=size=640x360:rate=30 -f lavfi -i sine=frequency=1000:sample_rate=48000 -t 4 "${ENC[@]}" "$W/case/reference.mp4"
clip=$(stat -c %s "$W/clip.mp4")
loops=$(( (4400 * 1000 * 1000) / clip + 1 ))
$FF -stream_loop "$loops" -i "$W/clip.mp4" -map 0 -c copy "$W/orig.mp4"
python3 "$HERE/large_judge.py" cut "$W/orig.mp4" "$W/case/broken.mp4"
size=$(stat -c %s "$W/case/broken.mp4")
sync
cat "$W/case/broken.mp4" > /dev/null # in the page cache, as the issue measures
/usr/bin/time -f "%e %U %S %M" -o "$W/time" "$BIN" recover --keep --json "$W/case" > "$W/out.json"
read -r wall user sys rss < "$W/time"
python3 "$HERE/large_judge.py" judge "$W/orig.mp4" "$W/case/broken.mp4" "$W/case/broken.repaired.mp4" \
    --size "$size" --wall "$wall" --cpu "$(echo "$user + $sys" | bc)" --rss-kb "$rss" --json "$W/out.json"

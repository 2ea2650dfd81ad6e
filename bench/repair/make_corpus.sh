#!/usr/bin/env bash
# Builds the MP4-repair corpus (issue 12) with real recorders: ffmpeg's mp4
# and mov muxers and GStreamer's qtmux/mp4mux. Per case CASE:
#   OUT/CASE/<broken file>      the file a killed or cut recorder left
#   OUT/CASE/reference.<ext>    a healthy recording with the same settings
#                                (other content), absent for the "no reference" cases
#   OUT/CASE.orig.<ext>         the same recording, finished: the judge
# Deterministic encoders (x264/x265/aac/opus with fixed settings) make the
# killed file's bytes a prefix of the finished one. Nothing is downloaded.
set -euo pipefail
OUT=${1:?usage: make_corpus.sh OUTDIR [CASE...]}
shift || true
ONLY=" $* "
mkdir -p "$OUT"
FF="ffmpeg -hide_banner -loglevel error -nostdin -y"
V="testsrc2=size=320x240:rate=30"
A="sine=frequency=440:sample_rate=48000"
A2="sine=frequency=660:sample_rate=48000"
A3="sine=frequency=880:sample_rate=48000"
want() { [[ "$ONLY" == "  " || "$ONLY" == *" $1 "* ]]; }

# cut FILE FRACTION: the index never written (what a kill leaves once the
# moov is at the end), media cut at FRACTION of the file.
cut_at() { python3 - "$1" "$2" <<'PY'
import sys, os
p, frac = sys.argv[1], float(sys.argv[2])
size = os.path.getsize(p)
with open(p, 'r+b') as f:
    f.truncate(int(size * frac))
PY
}

# kill_at FILE BYTES CMD...: SIGKILL a recorder mid-recording, once FILE
# has reached BYTES.
kill_at() {
    local file=$1 bytes=$2; shift 2
    "$@" & local pid=$!
    while kill -0 $pid 2>/dev/null; do
        if [[ -f $file && $(stat -c %s "$file") -ge $bytes ]]; then kill -9 $pid; break; fi
        sleep 0.01
    done
    wait $pid 2>/dev/null || true
}

# ffcase NAME EXT MODE INPUTS... -- ENCODE_ARGS...   (MODE: cut | kill | kill-noref)
ffcase() {
    local name=$1 ext=$2 mode=$3; shift 3
    local inputs=() enc=()
    while [[ $1 != -- ]]; do inputs+=("$1"); shift; done; shift
    enc=("$@")
    want "$name" || return 0
    rm -rf "${OUT:?}/$name"; mkdir -p "$OUT/$name"
    local orig="$OUT/$name.orig.$ext"
    $FF "${inputs[@]}" -t 12 "${enc[@]}" "$orig"
    if [[ $mode != *noref ]]; then
        # Same settings, other picture and tone, other length.
        local refin=("${inputs[@]//testsrc2/smptebars}")
        refin=("${refin[@]//frequency=440/frequency=1000}")
        $FF "${refin[@]}" -t 4 "${enc[@]}" "$OUT/$name/reference.$ext"
    fi
    case $mode in
        cut*) cp "$orig" "$OUT/$name/broken.$ext"; cut_at "$OUT/$name/broken.$ext" 0.6 ;;
        kill*) kill_at "$OUT/$name/broken.$ext" $(( $(stat -c %s "$orig") * 45 / 100 )) \
                   $FF -re "${inputs[@]}" -t 12 "${enc[@]}" "$OUT/$name/broken.$ext" ;;
    esac
    echo "$name: $(stat -c %s "$OUT/$name/broken.$ext") of $(stat -c %s "$orig") bytes"
}

X264=(-c:v libx264 -preset veryfast -bf 3 -g 60 -threads 1)
AAC=(-c:a aac -b:a 96k -ac 2)
ffcase h264_aac_cut mp4 cut -f lavfi -i "$V" -f lavfi -i "$A" -- "${X264[@]}" "${AAC[@]}"
ffcase h264_aac_killed mp4 kill -f lavfi -i "$V" -f lavfi -i "$A" -- "${X264[@]}" "${AAC[@]}"
ffcase h264_inband_killed_noref mp4 kill-noref -f lavfi -i "$V" -f lavfi -i "$A" -- "${X264[@]}" -x264-params repeat-headers=1 "${AAC[@]}"
ffcase h264_aac_mov_2997 mov cut -f lavfi -i "testsrc2=size=320x240:rate=30000/1001" -f lavfi -i "$A" -- "${X264[@]}" "${AAC[@]}"
ffcase h264_2aac_cut mp4 cut -f lavfi -i "$V" -f lavfi -i "$A" -f lavfi -i "$A2" -- -map 0 -map 1 -map 2 "${X264[@]}" "${AAC[@]}"
ffcase h264_3aac_cut mp4 cut -f lavfi -i "$V" -f lavfi -i "$A" -f lavfi -i "$A2" -f lavfi -i "$A3" -- -map 0 -map 1 -map 2 -map 3 "${X264[@]}" "${AAC[@]}"
ffcase hevc_inband_pcm_mov_cut mov cut -f lavfi -i "$V" -f lavfi -i "$A" -- -c:v libx265 -x265-params log-level=error:pools=1:frame-threads=1:bframes=3:repeat-headers=1 -c:a pcm_s16le -ac 2
ffcase h264_opus_stereo_2997_cut mp4 cut -f lavfi -i "testsrc2=size=320x240:rate=30000/1001" -f lavfi -i "$A" -- "${X264[@]}" -c:a libopus -b:a 96k -ac 2
ffcase hevc_aac_cut mp4 cut -f lavfi -i "$V" -f lavfi -i "$A" -- -c:v libx265 -x265-params log-level=error:pools=1:frame-threads=1:bframes=3 -tag:v hvc1 "${AAC[@]}"
ffcase hevc_inband_killed_noref mp4 kill-noref -f lavfi -i "$V" -f lavfi -i "$A" -- -c:v libx265 -x265-params log-level=error:pools=1:frame-threads=1:bframes=3:repeat-headers=1 -tag:v hvc1 "${AAC[@]}"
ffcase hevc_pcm_mov_cut mov cut -f lavfi -i "$V" -f lavfi -i "$A" -- -c:v libx265 -x265-params log-level=error:pools=1:frame-threads=1 -c:a pcm_s16le
ffcase h264_opus_cut mp4 cut -f lavfi -i "$V" -f lavfi -i "$A" -- "${X264[@]}" -c:a libopus -b:a 64k
ffcase h264_inband_opus_killed_noref mp4 kill-noref -f lavfi -i "$V" -f lavfi -i "$A" -- "${X264[@]}" -x264-params repeat-headers=1 -c:a libopus -b:a 96k -ac 2

# GStreamer: qtmux / mp4mux SIGKILLed mid-recording (no moov is ever
# written). Not live, so that the killed run's bytes are a prefix of the
# finished one; the kill lands when the file has ~40 % of its final size.
gstcase() {
    local name=$1 mux=$2
    want "$name" || return 0
    rm -rf "${OUT:?}/$name"; mkdir -p "$OUT/$name"
    local pipe="videotestsrc num-buffers=NB pattern=PAT ! video/x-raw,width=320,height=240,framerate=30/1 ! x264enc bframes=2 key-int-max=60 threads=1 ! h264parse ! queue ! $mux name=m ! filesink location=OUTF audiotestsrc num-buffers=NA freq=FREQ samplesperbuffer=1024 ! audio/x-raw,rate=48000,channels=2 ! avenc_aac ! aacparse ! queue ! m."
    run() { local p=${pipe//NB/$1}; p=${p//NA/$2}; p=${p//PAT/$3}; p=${p//FREQ/$4}; p=${p//OUTF/$5}; echo "$p"; }
    gst-launch-1.0 -q $(run 900 1407 smpte 440 "$OUT/$name.orig.mp4") >/dev/null
    gst-launch-1.0 -q $(run 120 188 ball 1000 "$OUT/$name/reference.mp4") >/dev/null
    local full; full=$(stat -c %s "$OUT/$name.orig.mp4")
    gst-launch-1.0 -q $(run 900 1407 smpte 440 "$OUT/$name/broken.mp4") >/dev/null &
    local pid=$!
    while kill -0 $pid 2>/dev/null; do
        if [[ -f $OUT/$name/broken.mp4 && $(stat -c %s "$OUT/$name/broken.mp4") -ge $((full * 4 / 10)) ]]; then
            kill -9 $pid; break
        fi
        sleep 0.01
    done
    wait $pid 2>/dev/null || true
    echo "$name: $(stat -c %s "$OUT/$name/broken.mp4") of $full bytes"
}
gstcase gst_qtmux_killed qtmux
gstcase gst_mp4mux_killed mp4mux

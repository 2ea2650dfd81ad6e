#!/usr/bin/env bash
# The long power-cut run (docs/powercut.md): N random cuts across MP4 (plain
# and chunked), TS and FLV recordings, half with a write cache that kept part
# of the pending work, plus cuts at every operation of `tapedeck recover`.
#   bench/powercut/run.sh [CUTS] [SHARDS]     # default 1000 cuts, 1 shard
# Shards run side by side with their own mount and seed. Needs a build with
# tests (build/app/tapedeck, build/tests/powercut/pcfs), fuse3, ffmpeg, GStreamer.
set -euo pipefail
cd "$(dirname "$0")/../.."
cuts=${1:-1000}
shards=${2:-1}
seed=${POWERCUT_SEED:-$(date +%s)}
per=$(( (cuts + shards - 1) / shards ))
pids=()
logs=()
for i in $(seq 1 "$shards"); do
  log=$(mktemp --suffix=.powercut.log)
  logs+=("$log")
  nice -n 10 python3 tests/powercut/powercut.py --tapedeck build/app/tapedeck \
      --pcfs build/tests/powercut/pcfs --long "$per" --seed $((seed + i)) >"$log" 2>&1 &
  pids+=($!)
done
rc=0
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || rc=1
  echo "== shard $((i + 1)) (seed $((seed + i + 1))): ${logs[$i]}"
  grep -E 'FAIL|^    |^powercut:' "${logs[$i]}" || true
done
exit $rc

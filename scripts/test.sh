#!/usr/bin/env bash
# Installs everything (build and test peers: ffmpeg, GStreamer, nginx-rtmp,
# Xvfb, clang), builds Tapedeck with its tests, and runs every test with ctest.
# Also builds core + CLI without Qt Widgets, which breaks if core ever reaches
# for the GUI, and runs the engine tests under ThreadSanitizer (scripts/tsan.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/install-deps.sh --with-tests

jobs=$(nproc 2>/dev/null || echo 2)
echo "== build (GUI, tests) =="
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTAPEDECK_BUILD_TESTS=ON >/dev/null
cmake --build build -j "$jobs"
echo "== build without Widgets (core + CLI must not need the GUI) =="
cmake -S . -B build-nogui -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTAPEDECK_BUILD_GUI=OFF -DTAPEDECK_BUILD_TESTS=OFF >/dev/null
cmake --build build-nogui -j "$jobs" --target tapedeck tapedeck-cli
built=$(date +%s)
echo "build took $((built - start)) s"

echo "== tests =="
export QT_QPA_PLATFORM=offscreen
# Build GStreamer's plugin registry once, not in several tests at the same time.
gst-inspect-1.0 >/dev/null 2>&1 || true
set -o pipefail
log=$(mktemp)
trap 'rm -f "$log"' EXIT
ctest --test-dir build --output-on-failure -j "$jobs" --timeout 900 "$@" | tee "$log"
echo "== tsan (engine tests under ThreadSanitizer, build-tsan) =="
TSAN_BUILD_JOBS="$jobs" bash scripts/tsan.sh | tee -a "$log"
echo "== fuzz (clang, libFuzzer + ASan/UBSan; 30 s per target) =="
bash scripts/run-fuzz.sh 30 | tee -a "$log"
echo "tests took $(( $(date +%s) - built )) s; total $(( $(date +%s) - start )) s"
# One closing line over both ctest runs (suite and fuzz targets).
total=$(grep -Eo 'tests failed out of [0-9]+' "$log" | awk '{s += $NF} END {print s + 0}')
failed=$(grep -Eo '[0-9]+ tests failed out of' "$log" | awk '{s += $1} END {print s + 0}')
echo "tests: $((total - failed)) passed, $failed failed"

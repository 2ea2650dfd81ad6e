#!/usr/bin/env bash
# ThreadSanitizer run of the engine tests (label "tsan": the scripted-source
# tests that drive the reader, writer and state machine from many threads).
# Builds only core, the CLI those tests call and the tests themselves, into
# build-tsan, without the GUI.
#   scripts/tsan.sh
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
jobs=${TSAN_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTAPEDECK_TSAN=ON \
  -DTAPEDECK_BUILD_GUI=OFF -DTAPEDECK_BUILD_TESTS=ON >/dev/null
cmake --build build-tsan -j "$jobs" --target tst_engine_unit tst_engine_states tst_packet_worker
built=$(date +%s)
# Qt and FFmpeg are not instrumented: what happens inside them is theirs
# (tests/tsan.supp); every report in Tapedeck's code fails the run.
# die_after_fork=0: the tests run ffprobe (QProcess) as a judge.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 die_after_fork=0 suppressions=$PWD/tests/tsan.supp ${TSAN_OPTIONS:-}"
export QT_QPA_PLATFORM=offscreen
# Qt's own event dispatcher rather than GLib's (not instrumented either).
export QT_NO_GLIB=1
ctest --test-dir build-tsan -L tsan --output-on-failure --timeout 600
echo "tsan: build $((built - start)) s, tests $(( $(date +%s) - built )) s"

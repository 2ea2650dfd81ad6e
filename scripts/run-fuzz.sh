#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang + ASan/UBSan in a
# separate build-fuzz directory and runs each for N seconds (default 30)
# through ctest (label "fuzz"). Exit status is non-zero when a target finds
# a crash, a leak, undefined behaviour or a timeout; the input that did it is
# left in build-fuzz/tests/fuzz/crash-<target>-*.
#   scripts/run-fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
jobs=$(nproc 2>/dev/null || echo 2)
if ! command -v clang++ >/dev/null; then
  echo "run-fuzz.sh: clang++ is missing (apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi
# Core is instrumented for coverage (fuzzer-no-link) and the sanitizers, so
# the parsers under test are what the fuzzer sees.
san="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTAPEDECK_FUZZ=ON -DTAPEDECK_BUILD_GUI=OFF -DTAPEDECK_BUILD_TESTS=ON \
  -DTAPEDECK_FUZZ_SECONDS="$seconds" \
  -DCMAKE_C_FLAGS="$san" -DCMAKE_CXX_FLAGS="$san" >/dev/null
targets=(fuzz_annexb fuzz_adts fuzz_flv fuzz_ts fuzz_mp4boxes fuzz_sidecar fuzz_mp4repair)
cmake --build build-fuzz -j "$jobs" --target "${targets[@]}"
# One target at a time: each uses a core, and the machine is shared.
ctest --test-dir build-fuzz -L fuzz --output-on-failure -j 1

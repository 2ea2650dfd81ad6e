#!/usr/bin/env bash
# Configures build-fuzz (clang, libFuzzer, ASan + UBSan, core instrumented
# for coverage) and builds the given fuzz targets (default: all of them).
# Shared by scripts/run-fuzz.sh (the short CI run) and scripts/fuzz-long.sh.
#   scripts/fuzz-build.sh [SECONDS_PER_CTEST_TARGET] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
jobs=${FUZZ_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}
if ! command -v clang++ >/dev/null; then
  echo "fuzz-build.sh: clang++ is missing (apt-get install clang libclang-rt-14-dev)" >&2
  exit 1
fi
# Core is instrumented for coverage (fuzzer-no-link) and the sanitizers, so
# the parsers under test are what the fuzzer sees.
san="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTAPEDECK_FUZZ=ON -DTAPEDECK_BUILD_GUI=OFF -DTAPEDECK_BUILD_TESTS=ON \
  -DTAPEDECK_FUZZ_SECONDS="$seconds" \
  -DCMAKE_C_FLAGS="$san" -DCMAKE_CXX_FLAGS="$san" >/dev/null
if [ $# -eq 0 ]; then
  set -- fuzz_annexb fuzz_adts fuzz_flv fuzz_ts fuzz_mp4boxes fuzz_sidecar fuzz_sidecar_set fuzz_mp4repair fuzz_marks
fi
cmake --build build-fuzz -j "$jobs" --target "$@"

#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang + ASan/UBSan in a
# separate build-fuzz directory and runs each for N seconds (default 30)
# through ctest (label "fuzz"), seeded from tests/data/fuzz-corpus/<target>
# (the kept corpus scripts/fuzz-long.sh grows; docs/fuzzing.md) and
# tests/data/recovery. Exit status is non-zero when a target finds a crash, a
# leak, undefined behaviour or a timeout; the input that did it is left in
# build-fuzz/tests/fuzz/crash-<target>-*.
#   scripts/run-fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
bash scripts/fuzz-build.sh "$seconds"
# One target at a time: each uses a core, and the machine is shared.
ctest --test-dir build-fuzz -L fuzz --output-on-failure -j 1

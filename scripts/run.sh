#!/usr/bin/env bash
# Installs what Tapedeck needs (Debian 12 packages), builds it and starts it.
# With no display it records the built-in demo source for a few seconds,
# headless, and prints where the file went.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTAPEDECK_BUILD_TESTS=OFF >/dev/null
cmake --build build --target tapedeck
exec ./build/app/tapedeck "$@"

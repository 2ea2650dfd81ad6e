#!/usr/bin/env bash
# Installs what Tapedeck needs (Debian 12 packages), builds it and starts it.
# With no display it records the built-in demo source for a few seconds,
# headless, and prints where the file went.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# Tests off on a first configure (their peers need `--with-tests`); a build
# folder that scripts/test.sh already configured keeps its tests, so its
# test binaries do not go stale behind the developer's back.
if [ -f build/CMakeCache.txt ]; then
  cmake -S . -B build >/dev/null
else
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTAPEDECK_BUILD_TESTS=OFF >/dev/null
fi
cmake --build build --target tapedeck
exec ./build/app/tapedeck "$@"

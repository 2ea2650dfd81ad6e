#!/usr/bin/env bash
# The code follows .clang-format: `clang-format --dry-run --Werror` over every
# C++ file of the project (fix with: clang-format -i FILE...).
set -euo pipefail
src=${1:?usage: tst_format.sh SOURCE_DIR}
if ! command -v clang-format >/dev/null; then
  if [ "${CI:-}" = true ]; then echo "FAIL: clang-format is missing (required under CI)"; exit 1; fi
  echo "SKIP: clang-format is not installed"; exit 0
fi
cd "$src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.h' | grep -v '^tests/data/')
else
  mapfile -t files < <(find app core ui tests bench -name '*.cpp' -o -name '*.h' | grep -v '^tests/data/')
fi
clang-format --dry-run --Werror "${files[@]}"
echo "ok: ${#files[@]} files follow .clang-format"

#!/usr/bin/env bash
# `cmake --install` of the headless component into a scratch DESTDIR, then the
# installed tapedeck-cli: --help and --version answered by the thin front,
# `probe` and `record` run by the engine it finds in libexec/tapedeck (relative
# to itself, so any prefix works), and a clear error once the engine is gone.
set -euo pipefail
build=${1:?usage: tst_cli_install.sh BUILD_DIR}
fail() { echo "FAIL: $*"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=/opt/tapedeck-test
DESTDIR="$work/root" cmake --install "$build" --component headless --prefix "$prefix" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log"; fail "cmake --install failed"; }
bin="$work/root$prefix/bin/tapedeck-cli"
engine=$(find "$work/root$prefix" -name tapedeck-cli-engine -type f)
[ -x "$bin" ] || fail "no $bin after install: $(cat "$work/install.log")"
[ -n "$engine" ] && [ -x "$engine" ] || fail "no tapedeck-cli-engine installed: $(cat "$work/install.log")"
case "$engine" in */bin/*) fail "the engine is installed in bin/ ($engine): users would see it on PATH";; esac

unset DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM
out=$("$bin" --version) || fail "--version failed"
case "$out" in "tapedeck "*) ;; *) fail "--version said: $out";; esac
"$bin" --help | grep -q '^Usage:' || fail "--help printed no usage"

set +e
probe=$("$bin" probe "$work/missing.ts" 2>&1); rc=$?
set -e
[ "$rc" = 1 ] || fail "probe of a missing file exited $rc: $probe"
case "$probe" in *"needs tapedeck-cli-engine"*) fail "the installed front finds no engine: $probe";; esac
case "$probe" in *missing.ts*) ;; *) fail "probe did not name the file: $probe";; esac

# A symlink on PATH to the installed front still finds the engine.
mkdir "$work/path"
ln -s "$bin" "$work/path/tapedeck-cli"
HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" "$work/path/tapedeck-cli" record demo --type mp4 --duration 1 --out "$work/rec" >"$work/rec.log" 2>&1 \
  || { cat "$work/rec.log"; fail "record through a symlink failed"; }
[ -s "$work/rec.mp4" ] || fail "record wrote no $work/rec.mp4"
"$bin" probe "$work/rec.mp4" >/dev/null 2>&1 || fail "probe of the recording failed"
"$bin" web-ready "$work/rec.mp4" >/dev/null 2>&1 || fail "web-ready of the recording failed"
out=$("$bin" recover --dry-run "$work" 2>&1) || fail "recover --dry-run failed: $out"
case "$out" in *"1 complete recording"*) ;; *) fail "recover --dry-run did not see the recording: $out";; esac
"$bin" serve --help | grep -q -- '--listen' || fail "serve --help printed no --listen"

# Without the engine: --help still works, a command says what is missing.
rm "$engine"
"$bin" --help >/dev/null || fail "--help needs the engine"
set +e
err=$("$bin" record demo --out "$work/x" 2>&1); rc=$?
set -e
[ "$rc" = 1 ] || fail "record without the engine exited $rc: $err"
case "$err" in *"needs tapedeck-cli-engine, which is missing"*"reinstall tapedeck-cli"*) ;; *) fail "unclear error: $err";; esac
echo "ok: $bin and $engine"

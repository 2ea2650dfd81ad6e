#!/usr/bin/env bash
# Builds the Debian packages (CPack), installs them on this machine with
# apt-get from the local files only, checks what a user gets — tapedeck-cli
# runs and needs no Qt GUI library, the desktop file and AppStream data
# validate — and removes them again. Leaves the machine as it found it: when a
# Tapedeck package is already installed (not ours to replace) it stops there.
set -euo pipefail
build=${1:?usage: tst_packages.sh BUILD_DIR}
fail() { echo "FAIL: $*"; exit 1; }
skip() {
  if [ "${CI:-}" = true ]; then fail "$* (required under CI)"; fi
  echo "SKIP: $*"; exit 0
}
SUDO=""
if [ "$(id -u)" != 0 ]; then
  sudo -n true 2>/dev/null || skip "installing packages needs root or passwordless sudo"
  SUDO="sudo -n"
fi
for tool in cpack dpkg-deb apt-get desktop-file-validate appstreamcli; do
  command -v "$tool" >/dev/null || skip "$tool is missing"
done
for pkg in tapedeck tapedeck-cli; do
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    skip "$pkg is already installed on this machine; not replacing it"
  fi
done

work=$(mktemp -d)
installed=0
cleanup() {
  if [ "$installed" = 1 ]; then
    $SUDO apt-get purge -y -qq tapedeck tapedeck-cli >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
cli_deb=$(ls "$work"/tapedeck-cli_*.deb)
app_deb=$(ls "$work"/tapedeck_*.deb)

# The server package must not pull in any GUI library.
deps=$(dpkg-deb -f "$cli_deb" Depends)
for gui in libqt6gui libqt6widgets libqt6multimedia libqt6keychain; do
  case "$deps" in *"$gui"*) fail "tapedeck-cli depends on $gui: $deps";; esac
done
case "$(dpkg-deb -f "$app_deb" Depends)" in *libqt6widgets6*) ;; *) fail "tapedeck does not depend on Qt Widgets";; esac

installed=1
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  "$cli_deb" "$app_deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install failed"; }

[ -x /usr/bin/tapedeck-cli ] || fail "/usr/bin/tapedeck-cli missing"
[ -x /usr/bin/tapedeck ] || fail "/usr/bin/tapedeck missing"
out=$(env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/tapedeck-cli --version)
case "$out" in "tapedeck "*) ;; *) fail "tapedeck-cli --version said: $out";; esac
engine=/usr/libexec/tapedeck/tapedeck-cli-engine
[ -x "$engine" ] || fail "$engine missing"
for bin in /usr/bin/tapedeck-cli "$engine"; do
  if ldd "$bin" | grep -Eq 'libQt6(Gui|Widgets|Multimedia)'; then fail "$bin loads a Qt GUI library"; fi
done
# Every command but --help/--version runs in the engine: it must be found.
set +e
probe=$(env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/tapedeck-cli probe /nonexistent/x.ts 2>&1)
rc=$?
set -e
[ "$rc" = 1 ] || fail "tapedeck-cli probe of a missing file exited $rc: $probe"
case "$probe" in *"needs tapedeck-cli-engine"*) fail "the installed tapedeck-cli finds no engine: $probe";; esac
desktop=/usr/share/applications/io.github.tapedeck.Tapedeck.desktop
metainfo=/usr/share/metainfo/io.github.tapedeck.Tapedeck.metainfo.xml
[ -f /usr/share/icons/hicolor/scalable/apps/io.github.tapedeck.Tapedeck.svg ] || fail "icon missing"
desktop-file-validate "$desktop" || fail "desktop-file-validate rejects $desktop"
appstreamcli validate --no-net --pedantic "$metainfo" >"$work/as.log" 2>&1 \
  || appstreamcli validate --no-net "$metainfo" >"$work/as.log" 2>&1 || { cat "$work/as.log"; fail "appstreamcli rejects $metainfo"; }
[ -f /usr/share/doc/tapedeck-cli/copyright ] || fail "tapedeck-cli has no copyright file"

$SUDO apt-get purge -y -qq tapedeck tapedeck-cli >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "removal failed"; }
installed=0
for f in /usr/bin/tapedeck /usr/bin/tapedeck-cli "$engine" "$desktop" "$metainfo"; do
  [ ! -e "$f" ] || fail "$f is still there after removal"
done
echo "ok: packages build, install, validate and remove cleanly"

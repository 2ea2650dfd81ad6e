#!/usr/bin/env bash
# Installs everything Tapedeck needs to build, run and test on Debian 12.
# Idempotent: packages already present are left alone, apt is only asked when
# something is missing.
set -euo pipefail

BUILD_PKGS=(
  build-essential cmake ninja-build pkg-config ccache git
  qt6-base-dev qt6-base-dev-tools qt6-multimedia-dev qt6-svg-dev libqt6svg6
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qtkeychain-qt6-dev
  libgl-dev libxkbcommon-dev
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev libswresample-dev libavdevice-dev
  qt6-qpa-plugins qt6-image-formats-plugins qt6-gtk-platformtheme
  libqt6multimedia6 qml6-module-qtmultimedia gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  gstreamer1.0-libav
  qt6-translations-l10n
)
TEST_PKGS=(
  ffmpeg
  gstreamer1.0-tools gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-rtsp
  gir1.2-gst-rtsp-server-1.0 gir1.2-gstreamer-1.0 python3-gi
  nginx libnginx-mod-rtmp
  xvfb xauth x11-utils imagemagick
  clang libclang-rt-14-dev
  dbus-x11 appstream desktop-file-utils dpkg-dev clang-format
  fuse3 libfuse3-dev
  openssl python3-yaml systemd
  tzdata  # tst_schedule: the DST changes of Europe/Berlin
)

want=("${BUILD_PKGS[@]}")
if [ "${1:-}" = "--with-tests" ]; then want+=("${TEST_PKGS[@]}"); fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything is already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Debian's nginx starts a web server on port 80 when it is installed. Tests run
# their own nginx on a loopback port, so installing it must not start the
# system one — and must never stop or disable one that the machine already
# runs. policy-rc.d (see invoke-rc.d(8)) tells the package scripts not to start
# services during this install only; an existing policy file is left alone.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# written by Tapedeck install-deps.sh for one apt-get run\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
  own_policy=1
fi
cleanup_policy() { if [ "$own_policy" = 1 ]; then $SUDO rm -f "$policy"; fi; }
trap cleanup_policy EXIT
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

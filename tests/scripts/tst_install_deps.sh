#!/usr/bin/env bash
# The install step must not disturb the machine it runs on: it may install
# packages, but it never stops, kills or disables anything that was running
# (a developer's own nginx, for one). This runs scripts/install-deps.sh with
# stand-ins for dpkg-query and apt-get (so nothing is really installed) while a
# process called "nginx" runs, and checks that the process survives, that
# package scripts were told not to start services during the install, and that
# the script cleans up after itself.
set -euo pipefail
src=${1:?usage: tst_install_deps.sh SOURCE_DIR}
work=$(mktemp -d)
sentinel_pid=""
cleanup() {
  if [ -n "$sentinel_pid" ]; then kill "$sentinel_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# A process whose name is exactly "nginx", like a machine's web server.
cp "$(command -v sleep)" "$work/nginx"
"$work/nginx" 300 &
sentinel_pid=$!

mkdir "$work/bin"
# dpkg-query: every package is "missing", so the script goes down its install road.
cat >"$work/bin/dpkg-query" <<'STUB'
#!/bin/sh
exit 1
STUB
# apt-get: records what package scripts would be told about starting services.
cat >"$work/bin/apt-get" <<STUB
#!/bin/sh
if [ "\$1" = install ]; then
  if [ -x /usr/sbin/policy-rc.d ]; then
    /usr/sbin/policy-rc.d nginx start; echo "policy=\$?" >>"$work/apt.log"
  else
    echo "policy=none" >>"$work/apt.log"
  fi
fi
echo "apt-get \$*" >>"$work/apt.log"
exit 0
STUB
chmod +x "$work/bin/dpkg-query" "$work/bin/apt-get"
had_policy=0
[ -e /usr/sbin/policy-rc.d ] && had_policy=1

PATH="$work/bin:$PATH" bash "$src/scripts/install-deps.sh" --with-tests >"$work/out.log" 2>&1 \
  || { cat "$work/out.log"; fail "install-deps.sh failed"; }

kill -0 "$sentinel_pid" 2>/dev/null || fail "install-deps.sh killed a running process named nginx"
grep -q '^apt-get install' "$work/apt.log" || fail "apt-get install was not called"
if [ "$had_policy" = 0 ]; then
  grep -q '^policy=101' "$work/apt.log" || fail "services were not held back during the install ($(cat "$work/apt.log"))"
  [ ! -e /usr/sbin/policy-rc.d ] || fail "install-deps.sh left /usr/sbin/policy-rc.d behind"
fi
echo "ok: install-deps leaves running processes alone"

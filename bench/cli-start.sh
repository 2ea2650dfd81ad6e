#!/usr/bin/env bash
# How fast the command line starts (issue 14: "a headless binary that starts
# fast", goal <= 30 ms): tapedeck-cli --help, --version and `probe` of a
# missing file (the thin front, and through it the engine), beside ffprobe and
# gst-inspect-1.0 measured in the same run. Prints a Markdown table: median
# of N runs of wall time and of CPU time (user + sys, from wait4's rusage),
# and how many shared objects the dynamic loader opened (LD_DEBUG=files).
#
#   bench/cli-start.sh [--runs N] [BUILD_DIR]    (default: 31 runs, ./build)
#
# Build first: cmake --build build --target tapedeck-cli (builds the engine too).
# The runs of all programs are interleaved, so a load change on a shared
# machine hits every row alike; read the figures as ratios within one table.
set -euo pipefail
runs=31
build=build
while [ $# -gt 0 ]; do
    case "$1" in
    --runs) runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) build="$1"; shift ;;
    esac
done
cli="$build/app/tapedeck-cli"
[ -x "$cli" ] || { echo "no $cli: build it first (cmake --build $build --target tapedeck-cli)" >&2; exit 1; }
exec python3 - "$build" "$runs" <<'PY'
import os, re, shutil, statistics, subprocess, sys, time

build, runs = sys.argv[1], int(sys.argv[2])
app = os.path.join(build, "app")
missing = "/nonexistent/tapedeck-bench-missing.ts"
rows = [
    ("tapedeck-cli --help", [f"{app}/tapedeck-cli", "--help"]),
    ("tapedeck-cli --version", [f"{app}/tapedeck-cli", "--version"]),
    ("tapedeck-cli probe MISSING (front + engine)", [f"{app}/tapedeck-cli", "probe", missing]),
    ("tapedeck-cli-engine probe MISSING (engine alone)", [f"{app}/tapedeck-cli-engine", "probe", missing]),
    ("tapedeck-cli-engine --help (one binary, as before)", [f"{app}/tapedeck-cli-engine", "--help"]),
]
if os.access(f"{app}/tapedeck", os.X_OK):
    rows.append(("tapedeck --help (desktop binary)", [f"{app}/tapedeck", "--help"]))
for name, cmd in (("ffprobe -version", ["ffprobe", "-version"]),
                  ("gst-inspect-1.0 --version", ["gst-inspect-1.0", "--version"]),
                  ("/bin/true (floor)", ["/bin/true"])):
    if shutil.which(cmd[0]):
        rows.append((name, cmd))
    else:
        print(f"(skipped {name}: {cmd[0]} not installed)", file=sys.stderr)

env = dict(os.environ)
for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LD_DEBUG", "LD_BIND_NOW"):
    env.pop(v, None)

def once(cmd):
    start = time.perf_counter()
    pid = os.posix_spawn(cmd[0] if "/" in cmd[0] else shutil.which(cmd[0]), cmd, env,
                         file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
                                       (os.POSIX_SPAWN_OPEN, 2, "/dev/null", os.O_WRONLY, 0)])
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    return wall * 1000, (ru.ru_utime + ru.ru_stime) * 1000

def objects(cmd):
    e = dict(env, LD_DEBUG="files")
    r = subprocess.run(cmd, env=e, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
    return len(set(re.findall(r"\bfile=(\S+)\s+\[\d+\];", r.stderr)))

walls = {n: [] for n, _ in rows}
cpus = {n: [] for n, _ in rows}
for _, cmd in rows:  # warm the page cache once
    once(cmd)
for _ in range(runs):
    for name, cmd in rows:
        w, c = once(cmd)
        walls[name].append(w)
        cpus[name].append(c)

def version(cmd):
    try:
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env).stdout
        return out.splitlines()[0].strip() if out else "?"
    except OSError:
        return "?"

load = open("/proc/loadavg").read().split()[:3]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Start time, median of {runs} runs (interleaved); {os.cpu_count()} cores, {cpu}; load {' '.join(load)}")
print(f"{version([f'{app}/tapedeck-cli', '--version'])}; {version(['ffprobe', '-version'])}; "
      f"{version(['gst-inspect-1.0', '--version']) if shutil.which('gst-inspect-1.0') else ''}")
print()
print("| command | shared objects loaded | wall (median) | CPU user+sys (median) | CPU min..max |")
print("|---|---:|---:|---:|---:|")
for name, cmd in rows:
    c = cpus[name]
    print(f"| `{name}` | {objects(cmd)} | {statistics.median(walls[name]):.1f} ms | "
          f"{statistics.median(c):.1f} ms | {min(c):.1f}..{max(c):.1f} ms |")
goal = statistics.median(cpus["tapedeck-cli --help"])
print()
print(f"goal (issue 14): tapedeck-cli --help <= 30 ms CPU: {'met' if goal <= 30 else 'NOT met'} ({goal:.1f} ms)")
PY

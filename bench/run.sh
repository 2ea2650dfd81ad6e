#!/usr/bin/env bash
# Tapedeck's benchmarks: one command, Markdown tables on stdout.
#
#   bench/run.sh            full run (100 MB / 1 GB / 4 GB finish table, ...): about 10 minutes on 2 cores
#   bench/run.sh --quick    short run (smaller sizes, fewer runs): about 2 minutes
#   options: --build DIR (default ./build-bench)  --work DIR (default BUILD/bench-work)  --only 1,2,3,4,5,6,7
#            --hour   table 3 measures 32 recordings over one hour (memory flat over a long recording, minute
#                     by minute; one-minute chunks deleted as they finish; not in the default run)
#
# Builds what it needs (core, CLI, bench programs; no GUI, no tests) with CMake
# in ./build-bench, then measures every table side by side in the same run:
#   1 finish/rebuild vs size   bench/finish + bench/compare/finish.py (GStreamer)
#   2 what a crash keeps       bench/compare/crash.py
#   3 cost per recording       bench/compare/cost.py
#   4 throughput               bench/compare/throughput.py
#   5 recovery scan            bench/scan
#   6 MP4 repair corpus        bench/repair (UNTRUNC=/path adds untrunc's column), repair speed/memory vs size
#   7 per-packet cost          bench/compare/steady.py: file → file TS/FLV/MP4 at 2-3 sizes, goals of issue 15
# Progress goes to stderr; the tables also land in BUILD/bench-results.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
quick=0
build="$root/build-bench"
work=""
only="1,2,3,4,5,6,7"
hour=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --full) quick=0 ;;
    --build) build="$2"; shift ;;
    --work) work="$2"; shift ;;
    --only) only="$2"; shift ;;
    --hour) hour=1 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
work="${work:-$build/bench-work}"
want() { case ",$only," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
say() { echo "bench: $*" >&2; }

# --- tools ------------------------------------------------------------------
missing=()
for t in cmake ninja ffmpeg ffprobe gst-launch-1.0 gst-inspect-1.0 python3; do
  command -v "$t" >/dev/null || missing+=("$t")
done
gst-inspect-1.0 qtmoovrecover >/dev/null 2>&1 || missing+=("qtmoovrecover (gstreamer1.0-plugins-good)")
/usr/bin/python3 -c 'import gi; gi.require_version("Gst", "1.0")' 2>/dev/null || missing+=("python3-gi (for /usr/bin/python3)")
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench/run.sh: missing: ${missing[*]} (scripts/install-deps.sh installs them)" >&2
  exit 1
fi

# --- disk ---------------------------------------------------------------------
mkdir -p "$work"
need_gb=$([ $quick = 1 ] && echo 4 || echo 14)
free_gb=$(df -Pk "$work" | awk 'NR==2 {print int($4 / 1024 / 1024)}')
if [ "$free_gb" -lt "$need_gb" ]; then
  echo "bench/run.sh: $work has ${free_gb} GB free; this run needs about ${need_gb} GB" >&2
  exit 1
fi

# --- build ----------------------------------------------------------------------
if [ ! -f "$build/build.ninja" ]; then
  say "configuring $build"
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DTAPEDECK_BUILD_GUI=OFF -DTAPEDECK_BUILD_TESTS=OFF >&2
fi
targets=(tapedeck tapedeck_bench_finish tapedeck_bench_multirecord tapedeck_bench_rebuild tapedeck_bench_demuxhold)
has_scan=0
if [ -f "$root/bench/scan/CMakeLists.txt" ]; then has_scan=1; fi
say "building ${targets[*]}$([ $has_scan = 1 ] && echo ' bench/scan')"
ninja -C "$build" "${targets[@]}" >&2
if [ $has_scan = 1 ]; then ninja -C "$build" bench/scan/all >&2; fi

# --- header ---------------------------------------------------------------------
results="$build/bench-results.md"
exec > >(tee "$results")
cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem_gb=$(awk '/^MemTotal/ {printf "%.0f", $2 / 1024 / 1024}' /proc/meminfo)
fs_type=$(df -PT "$work" | awk 'NR==2 {print $2}')
echo "## Tapedeck benchmarks ($([ $quick = 1 ] && echo quick || echo full) run, $(date -u '+%Y-%m-%d %H:%M UTC'))"
echo
echo "- Machine: $(nproc) cores, ${cpu_model:-unknown CPU}, ${mem_gb} GB RAM, $(uname -sr), work folder on ${fs_type}"
echo "- Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- Tapedeck $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?')," \
     "$(ffmpeg -version | head -1 | cut -d' ' -f1-3)," \
     "$(gst-launch-1.0 --version | sed -n 's/^GStreamer \(.*\)/GStreamer \1/p' | head -1)," \
     "Python $(python3 -c 'import platform; print(platform.python_version())')"
echo

py() { python3 "$here/compare/$1" --bin "$build" --work "$work" "${@:2}"; }
if [ $quick = 1 ]; then q=(--quick); else q=(); fi

if want 1; then
  if [ $quick = 1 ]; then py finish.py --sizes 100M,512M --runs 1; else py finish.py --sizes 100M,1G,4G --runs 3; fi
  echo
fi
if want 2; then py crash.py "${q[@]}"; echo; fi
if want 3; then
  if [ $hour = 1 ]; then py cost.py --counts 32 --sides tapedeck --window 3600; else py cost.py "${q[@]}"; fi
  echo
fi
if want 4; then
  if [ $quick = 1 ]; then py throughput.py --quick --runs 1; else py throughput.py --runs 3; fi
  echo
fi
if want 5; then
  echo "### 5. Recovery scan (bench/scan: 10,000 files with a few orphans; raw-pair and sidecar rebuilds)"
  echo
  found=0
  if [ $has_scan = 1 ]; then
    for exe in "$build"/bench/scan/*; do
      if [ -f "$exe" ] && [ -x "$exe" ]; then
        found=1
        say "recovery scan: $(basename "$exe") ..."
        # Its own heading is replaced by the one above; the table follows.
        TMPDIR="$work" "$exe" --files 10000 | sed '/^## /{N;d}'
      fi
    done
  fi
  if [ $found = 0 ]; then echo "(bench/scan is not in this tree yet)"; fi
  echo
fi
if want 6; then
  echo "### 6. Repairing MP4s without index (bench/repair: ffmpeg and GStreamer files killed or cut, judged by framecrc)"
  echo
  say "repair corpus ..."
  "$here/repair/make_corpus.sh" "$work/repair-corpus" >&2
  python3 "$here/repair/bench.py" "$build/app/tapedeck" "$work/repair-corpus" | sed 's/^/    /'
  rm -rf "$work/repair-corpus"
  echo
  echo "Repair speed and memory against the file's size (bench/repair/speed.py; file in the page cache):"
  echo
  say "repair speed ..."
  python3 "$here/repair/speed.py" "$build/app/tapedeck" "$work/repair-speed" --runs "$([ $quick = 1 ] && echo 1 || echo 3)"
  rm -rf "$work/repair-speed"
  echo
fi
if want 7; then
  if [ $quick = 1 ]; then py steady.py --quick --runs 3; else py steady.py --runs 3; fi
  echo
fi
rm -rf "$work"/gst-finish "$work"/throughput "$work"/steady "$work"/crash-* "$work"/cost-*
say "tables saved in $results"

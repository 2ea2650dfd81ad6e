#!/usr/bin/env bash
# Fuzzes one parser for a long time with a kept corpus, then minimises that
# corpus back into the repository. See docs/fuzzing.md.
#
#   scripts/fuzz-long.sh TARGET SECONDS      e.g. scripts/fuzz-long.sh sidecar_set 3600
#   scripts/fuzz-long.sh all SECONDS         every target in turn, SECONDS each
#
# TARGET is a tests/fuzz/fuzz_TARGET.cpp name: annexb adts flv ts mp4boxes
# mp4repair sidecar sidecar_set. The run:
#   1. builds build-fuzz (scripts/fuzz-build.sh);
#   2. runs ONE fuzzing process at nice 19 (the machine may be shared) for
#      SECONDS, starting from tests/data/fuzz-corpus/TARGET and
#      tests/data/recovery, growing build-fuzz/fuzz-long/TARGET/corpus;
#   3. minimises kept + grown corpus with -merge=1 into
#      tests/data/fuzz-corpus/TARGET (inputs over FUZZ_KEEP_MAX_LEN bytes are
#      not kept, so the directory stays small enough to commit);
#   4. prints one summary line: CPU seconds, executions, corpus before/after,
#      crashes. A crash stops the run; the input is left in
#      build-fuzz/fuzz-long/TARGET/crash-* (add it to tests/data, fix, rerun).
# Environment: FUZZ_KEEP_MAX_LEN (default 8192), FUZZ_RSS_MB (2048),
# FUZZ_NICE (19), FUZZ_EXTRA (more libFuzzer flags), FUZZ_CPU_SECONDS (stop
# once the fuzzing process has used this much CPU, user + system, even if
# SECONDS of wall time have not passed: on a shared machine an hour of wall
# time at nice 19 may be minutes of CPU, so budgets are given in CPU time).
# FUZZ_SKIP_BUILD=1 uses build-fuzz as it is (several targets in parallel).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 2 ]; then
  sed -n '2,25p' "$0" >&2
  exit 2
fi
target=$1
seconds=$2
all=(annexb adts flv ts mp4boxes mp4repair sidecar sidecar_set marks)
if [ "$target" = all ]; then
  rc=0
  for t in "${all[@]}"; do
    bash "$0" "$t" "$seconds" || rc=$?
  done
  exit $rc
fi
if [ ! -f "tests/fuzz/fuzz_${target}.cpp" ]; then
  echo "fuzz-long.sh: no target \"$target\" (one of: ${all[*]})" >&2
  exit 2
fi
keep_len=${FUZZ_KEEP_MAX_LEN:-8192}
rss=${FUZZ_RSS_MB:-2048}
nice_level=${FUZZ_NICE:-19}

if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  FUZZ_BUILD_JOBS=${FUZZ_BUILD_JOBS:-1} bash scripts/fuzz-build.sh 30 "fuzz_${target}" >/dev/null
fi
bin=build-fuzz/tests/fuzz/fuzz_${target}
work=build-fuzz/fuzz-long/${target}
kept=tests/data/fuzz-corpus/${target}
mkdir -p "$work/corpus" "$kept"
dict=()
if [ -f "tests/fuzz/${target}.dict" ]; then
  dict=(-dict="tests/fuzz/${target}.dict")
elif [[ $target == sidecar* ]]; then
  dict=(-dict=tests/fuzz/sidecar.dict)
fi
count() { find "$1" -type f | wc -l; }
bytes() { du -sb "$1" | cut -f1; }
before_files=$(count "$kept")
before_bytes=$(bytes "$kept")
log=$work/fuzz.log
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# CPU time of the fuzzing process (user + system), read from /proc while it
# runs; libFuzzer stops cleanly (final stats, corpus flushed) on SIGINT.
cpu_budget=${FUZZ_CPU_SECONDS:-0}
ticks=$(getconf CLK_TCK)
cpu_of() { awk -v t="$ticks" '{ printf "%.0f", ($14 + $15) / t }' "/proc/$1/stat" 2>/dev/null || true; }
started=$(date +%s)
status=0
cpu_total=0
execs_total=0
false_timeouts=0
# libFuzzer's -timeout is wall-clock time: at nice 19 on a busy machine an
# input that takes 2 ms can "time out" because the process got no CPU for 10 s.
# A timeout artifact is therefore replayed at normal priority; if it runs in
# well under the limit it was starvation, it is dropped and fuzzing resumes
# (counted as a false timeout). Anything else that stops the run is real.
: >"$log"
while :; do
  left=$(( seconds - ($(date +%s) - started) ))
  [ "$left" -le 0 ] && break
  nice -n "$nice_level" "$bin" -max_total_time="$left" -rss_limit_mb="$rss" -timeout=10 \
      -max_len=1048576 -print_final_stats=1 -artifact_prefix="$work/crash-" "${dict[@]}" ${FUZZ_EXTRA:-} \
      "$work/corpus" "$kept" tests/data/recovery >"$log.part" 2>&1 &
  pid=$!
  cpu=0
  budget_hit=0
  while kill -0 "$pid" 2>/dev/null; do
    now=$(cpu_of "$pid")
    [ -n "$now" ] && cpu=$now
    if [ "$cpu_budget" -gt 0 ] && [ $(( cpu_total + cpu )) -ge "$cpu_budget" ]; then
      kill -INT "$pid" 2>/dev/null || true
      budget_hit=1
      break
    fi
    sleep 5
  done
  status=0
  wait "$pid" || status=$?
  cat "$log.part" >>"$log"
  cpu_total=$(( cpu_total + cpu ))
  e=$(awk '/stat::number_of_executed_units:/ { print $2 }' "$log.part" | tail -1)
  execs_total=$(( execs_total + ${e:-0} ))
  if [ "$budget_hit" = 1 ]; then
    # SIGINT on reaching the budget is the planned end, not a failure.
    if ! grep -q -E 'ERROR: (AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer|libFuzzer)|SUMMARY: ' "$log.part"; then
      status=0
    fi
    break
  fi
  timeouts=$(find "$work" -maxdepth 1 -name 'crash-timeout-*' -o -maxdepth 1 -name 'timeout-*')
  if [ "$status" -ne 0 ] && [ -n "$timeouts" ] && grep -q 'ERROR: libFuzzer: timeout' "$log.part"; then
    real=0
    for t in $timeouts; do
      if timeout 60 "$bin" -timeout=5 -rss_limit_mb="$rss" "$t" >"$work/replay.log" 2>&1; then
        echo "fuzz-long: $(basename "$t") ran in time when replayed: the timeout was starvation" >>"$log"
        rm -f "$t"
        false_timeouts=$(( false_timeouts + 1 ))
      else
        real=1
      fi
    done
    [ "$real" = 0 ] && continue
  fi
  break
done
rm -f "$log.part"
cpu=$cpu_total
execs=$execs_total
# crash-slow-unit-*: libFuzzer's report of an input that took over 10 s of
# wall time (starvation again, or a slow path); fuzzing went on, so it is
# listed in the log, not counted as a crash.
crashes=$(find "$work" -maxdepth 1 \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) \
          ! -name 'crash-slow-unit-*' | wc -l)

# Minimise: everything kept + everything found, into a fresh directory.
merged=$work/merged
rm -rf "$merged"
mkdir -p "$merged"
nice -n "$nice_level" "$bin" -merge=1 -max_len="$keep_len" -rss_limit_mb="$rss" -timeout=10 \
  "$merged" "$kept" "$work/corpus" >"$work/merge.log" 2>&1 || true
if [ "$(count "$merged")" -gt 0 ]; then
  # Named seeds (seed-*: hand-made regression cases) stay whatever the merge
  # thinks of their coverage; the rest is the minimised corpus.
  saved=$work/named-seeds
  rm -rf "$saved"
  mkdir -p "$saved"
  cp "$kept"/seed-* "$saved"/ 2>/dev/null || true
  rm -rf "$kept"
  mkdir -p "$kept"
  cp "$merged"/* "$kept"/
  cp "$saved"/* "$kept"/ 2>/dev/null || true
fi
if [ "$(bytes "$kept")" -gt 1048576 ]; then
  echo "fuzz-long.sh: $kept is over 1 MB; rerun with a smaller FUZZ_KEEP_MAX_LEN" >&2
fi
echo "fuzz-long $target: $(( $(date +%s) - started )) s wall, ${cpu} CPU s, ${execs:-?} execs," \
     "kept corpus ${before_files} files/${before_bytes} B -> $(count "$kept") files/$(bytes "$kept") B," \
     "crashes ${crashes}, false timeouts ${false_timeouts}, exit ${status} (log: $log)"
if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then
  ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* 2>/dev/null || true
  tail -n 40 "$log"
  exit 1
fi

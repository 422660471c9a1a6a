#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ with clang 14 (ASan + UBSan) and runs each for
# SECONDS (default 60) from its committed seed corpus, copied to a scratch folder so that runs
# do not grow the repository. Prints executions and coverage per target; exits non-zero when a
# target finds something, leaving the input under tests/fuzz/findings/<target>/ (once fixed, move
# it to tests/fuzz/regressions/<target>/: the test suite replays it in every build).
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]     (TARGET: kql_parser, input_readers, ...)
# Environment: FUZZ_JOBS targets at once (default 1), FUZZ_BUILD_DIR (default build-fuzz),
#              FUZZ_RSS_MB memory limit per target (default 2048), FUZZ_TIMEOUT seconds per
#              input (default 10), FUZZ_WORK scratch folder (default: a new one under /tmp).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2; exit 2; }
jobs=${FUZZ_JOBS:-1}
build=${FUZZ_BUILD_DIR:-build-fuzz}
rss_mb=${FUZZ_RSS_MB:-2048}
timeout_s=${FUZZ_TIMEOUT:-10}

all=()
for f in tests/fuzz/*_fuzz.cpp; do
  n=$(basename "$f" .cpp)
  all+=("${n%_fuzz}")
done
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")
for t in "${targets[@]}"; do
  [[ -f tests/fuzz/${t}_fuzz.cpp ]] || { echo "fuzz.sh: no target '$t' (have: ${all[*]})" >&2; exit 2; }
done

command -v clang++-14 >/dev/null || { echo "fuzz.sh: needs clang++-14: scripts/install-deps.sh --fuzz" >&2; exit 2; }
echo "== building ${#targets[@]} fuzz targets in $build (clang 14, libFuzzer, ASan, UBSan)"
# -O2 with assertions left on (no NDEBUG) and debug info for the reports.
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g" -DHUNTQ_FUZZ=ON -DHUNTQ_TESTS=OFF -DHUNTQ_BENCH=OFF \
  >/dev/null
build_targets=()
for t in "${targets[@]}"; do build_targets+=(--target "${t}_fuzz"); done
cmake --build "$build" -j"$(nproc)" "${build_targets[@]}"

work=${FUZZ_WORK:-$(mktemp -d /tmp/huntq-fuzz-XXXXXX)}
mkdir -p "$work"
echo "== running each target for ${seconds}s, $jobs at a time (scratch: $work)"

# Runs one target; its libFuzzer log is $work/<target>.log, its status $work/<target>.status.
run_target() {
  local t=$1 corpus=$work/$1/corpus findings=tests/fuzz/findings/$1/
  rm -rf "${work:?}/$t"
  mkdir -p "$corpus" "$findings"
  cp -r "tests/fuzz/corpus/$t/." "$corpus/" 2>/dev/null || true
  [[ -d tests/fuzz/regressions/$t ]] && cp -r "tests/fuzz/regressions/$t/." "$corpus/"
  local dict=()
  if [[ -f tests/fuzz/$t.dict ]]; then
    dict=(-dict="tests/fuzz/$t.dict")
  elif [[ -f tests/fuzz/${t%%_*}.dict ]]; then
    dict=(-dict="tests/fuzz/${t%%_*}.dict")
  fi
  local max_len=4096
  case $t in
    input_* | gzip_stream) max_len=16384 ;;
    rules_loader) max_len=65536 ;;
  esac
  local status=0
  # TMPDIR: the targets' scratch files go to the scratch folder too.
  TMPDIR=$work/$t "$build/${t}_fuzz" -max_total_time="$seconds" -timeout="$timeout_s" \
    -rss_limit_mb="$rss_mb" -max_len="$max_len" -print_final_stats=1 \
    -artifact_prefix="$findings" "${dict[@]}" "$corpus" >"$work/$t.log" 2>&1 || status=$?
  echo "$status" >"$work/$t.status"
  rmdir "$findings" 2>/dev/null || true  # keep the folder only when it holds a finding
}

pending=("${targets[@]}")
running=0
for t in "${pending[@]}"; do
  if ((running >= jobs)); then
    wait -n || true
    running=$((running - 1))
  fi
  echo "   $t"
  run_target "$t" &
  running=$((running + 1))
done
wait || true

printf '\n%-16s %12s %10s %8s %8s %8s  %s\n' target executions exec/s cov ft corpus result
failed=0
for t in "${targets[@]}"; do
  log=$work/$t.log
  status=$(cat "$work/$t.status" 2>/dev/null || echo "?")
  execs=$(awk '/^stat::number_of_executed_units:/ {v = $2} END {print v}' "$log")
  rate=$(awk '/^stat::average_exec_per_sec:/ {v = $2} END {print v}' "$log")
  last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.*corp: \([0-9]*\).*/\1/p' <<<"$last")
  result=ok
  if [[ "$status" != 0 ]]; then
    result="FINDING (exit $status): $(grep -m1 -E 'ERROR: |fuzz property failed|runtime error' "$log" || echo see log)"
    result="$result; input in tests/fuzz/findings/$t/, log $log"
    failed=1
  fi
  printf '%-16s %12s %10s %8s %8s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
    "${ft:-?}" "${corp:-?}" "$result"
done
rmdir tests/fuzz/findings 2>/dev/null || true
if ((failed)); then
  echo "fuzz.sh: findings above; reproduce with $build/<target>_fuzz <input>" >&2
  exit 1
fi

#!/usr/bin/env bash
# The benchmark: the hunt set (the flagship and four public hunts) with huntq against DuckDB and
# a simdjson floor per hunt; for the flagship also jq, other export shapes and memory at 4x.
# Writes bench/RESULTS.md. See bench/README.md.
#
# usage: bench/run.sh [--size 1G] [--rounds 5] [--hunts ID,...] [--duckdb-variants plain[,prefilter]]
#                     [--shapes ndjson,streaming,csv,ndjson+gz] [--jq-size SIZE] [--seed 42]
#                     [--no-memory] [--no-shapes] [--skip-deps]
#   --size       the flagship's input (both tables); each other hunt's table is about as large
#   --hunts      which hunts to time (default: all five)
#   --shapes     shapes huntq runs the flagship on (peers only read NDJSON); "+gz": gzip
#   --jq-size    input size for jq (default: --size); jq runs once, it is slow
#   --no-memory  skip the flagship's peak-memory runs at 4x the size and with DeviceFileEvents 2x
# Environment: HUNTQ_BUILD_DIR (default build-release), HUNTQ (path to a huntq binary).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
size=1G shapes="ndjson,streaming,csv,ndjson+gz" rounds=5 jq_size="" seed=42 memory=1 deps=1
hunts_wanted="" variants="plain" do_shapes=1
while (($#)); do
  case "$1" in
    --size) size=$2; shift ;;
    --shapes) shapes=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --hunts) hunts_wanted=$2; shift ;;
    --duckdb-variants) variants=$2; shift ;;
    --jq-size) jq_size=$2; shift ;;
    --seed) seed=$2; shift ;;
    --no-memory) memory=0 ;;
    --no-shapes) do_shapes=0 ;;
    --skip-deps) deps=0 ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
jq_size=${jq_size:-$size}
build="$root/${HUNTQ_BUILD_DIR:-build-release}"
data="$bench/data"
out="$bench/out"   # hunt outputs and timing files (git-ignored)
mkdir -p "$data" "$out"
note() { echo "run.sh: $*" >&2; }

# ---- dependencies and build ------------------------------------------------------------------
if ((deps)); then
  "$root/scripts/install-deps.sh" --bench
  if [[ ! -d "$bench/node_modules/@duckdb/node-api" ]]; then (cd "$bench" && npm ci --no-audit --no-fund); fi
fi
if [[ ! -f "$build/CMakeCache.txt" ]]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --target huntq-gen huntq-floor -j2 >/dev/null
huntq=${HUNTQ:-}
if [[ -z "$huntq" ]]; then
  if cmake --build "$build" --target huntq -j2 >"$out/huntq-build.log" 2>&1 && [[ -x "$build/huntq" ]]; then
    huntq="$build/huntq"
  else
    note "huntq does not build yet (see bench/out/huntq-build.log): its rows are marked pending"
  fi
fi
gen="$build/bench/huntq-gen"
floor="$build/bench/huntq-floor"

# ---- data ------------------------------------------------------------------------------------
# The flagship's data is what it always was (huntq-gen without --hunt-set writes the same bytes),
# so its figures stay comparable with earlier runs. Every shape is generated with the same --rows:
# all shapes hold the same logical rows. --size picks the row count: an NDJSON record averages
# about 2530 bytes. The other hunts read the hunt-set data: twice the rows, each table about
# --size, with the rows those hunts look for inserted between the flagship's.
to_bytes() {
  local n=${1%[KkMmGgTt]} m=1
  case "${1: -1}" in k | K) m=$((1 << 10)) ;; m | M) m=$((1 << 20)) ;; g | G) m=$((1 << 30)) ;; t | T) m=$((1 << 40)) ;; esac
  echo $((n * m))
}
rows_for() { echo $(($(to_bytes "$1") / 2 / 2530)); }
# dataset LABEL ROWS SHAPE[+gz] [--hunt-set] → prints the directory, generating it unless its
# manifest matches (hunt-set data also when the generator is newer: its extra rows may change).
dataset() {
  local label=$1 nrows=$2 shape=${3%+gz} hs=${4:-} gz="" flag=""
  [[ $3 == *+gz ]] && gz="-gz" && flag="--gzip"
  local dir="$data/$label-$shape$gz" m="$data/$label-$shape$gz/manifest.json"
  local fresh=1
  grep -q "\"seed\":$seed,.*\"rows\":$nrows," "$m" 2>/dev/null || fresh=0
  if [[ -n "$hs" ]] && { ! grep -q '"hunt_set"' "$m" 2>/dev/null || [[ "$gen" -nt "$m" ]]; }; then fresh=0; fi
  if ((!fresh)); then
    note "generating $dir ($nrows rows per table${hs:+, hunt set})"
    rm -rf "$dir"
    "$gen" --rows "$nrows" --shape "$shape" --seed "$seed" $flag $hs --out "$dir" >&2
  fi
  echo "$dir"
}
inputs() { find "$1" -maxdepth 1 -type f ! -name manifest.json | sort; }
bytes_of() { local n=0 f; for f in "$@"; do n=$((n + $(stat -c %s "$f"))); done; echo "$n"; }
expected() { sed -E 's/.*"expected_hunt_rows":([0-9]+).*/\1/' "$1/manifest.json"; }
warm() { cat "$@" >/dev/null; }

# ---- measuring -------------------------------------------------------------------------------
results="$out/results.tsv"   # hunt tool threads shape bytes wall cpu rss_kb rows rc load1 query_s
: >"$results"
# measure HUNT TOOL THREADS SHAPE BYTES OUTFILE -- CMD...
measure() {
  local hunt=$1 tool=$2 threads=$3 shape=$4 nbytes=$5 outfile=$6; shift 7
  local tf="$out/time.txt" rc=0 load
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S %M" -o "$tf" "$@" >"$outfile" 2>"$outfile.err" || rc=$?
  local wall user sys rss rows qs=""
  read -r wall user sys rss < <(tail -1 "$tf")
  rows=$(grep -c . "$outfile" || true)
  case $tool in
    duckdb*) qs=$(sed -nE 's/.*seconds=([0-9.]+).*/\1/p' "$outfile.err") ;;
    floor) qs=$(sed -nE 's/^total: .*parse_seconds=([0-9.]+).*/\1/p' "$outfile")
           rows=$(sed -nE 's/^total: .*records=([0-9]+).*/\1/p' "$outfile") ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$hunt" "$tool" "$threads" "$shape" \
    "$nbytes" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')" "$rss" \
    "$rows" "$rc" "$load" "$qs" >>"$results"
  if ((rc > 1)); then note "$hunt: $tool ($threads threads, $shape) exited $rc: $(head -c 300 "$outfile.err")"; fi
}

declare -a commands=()
cmdline() { commands+=("$*"); }

# ---- the hunt set ----------------------------------------------------------------------------
# Each hunt: its id (a built-in hunt of huntq and a hunt of bench/duckdb_hunts.mjs and of the
# floor), the tables it reads, and the data set. `now` is the end of the generated month, so the
# hunts' ago() windows hold generated rows.
now="2024-03-31T00:00:00Z"
all_hunts=(av-detections-with-source icedid-delivery remote-file-creation-with-psexec
  system-guard-security-level-drop system-guard-security-level-baseline)
IFS=, read -r -a hunt_list <<<"${hunts_wanted:-$(IFS=,; echo "${all_hunts[*]}")}"
IFS=, read -r -a variant_list <<<"$variants"
main_rows=$(rows_for "$size")
main=$(dataset "$size" "$main_rows" ndjson)
hs=$(dataset "hunt-set-2x$size" $((main_rows * 2)) ndjson --hunt-set)
declare -A files
for h in "${hunt_list[@]}"; do
  case $h in
    av-detections-with-source) files[$h]="$main/DeviceEvents.ndjson $main/DeviceFileEvents.ndjson" ;;
    icedid-delivery | remote-file-creation-with-psexec) files[$h]="$hs/DeviceFileEvents.ndjson" ;;
    system-guard-security-level-*) files[$h]="$hs/DeviceEvents.ndjson" ;;
    *) echo "run.sh: unknown hunt $h (hunts: ${all_hunts[*]})" >&2; exit 2 ;;
  esac
done
want=$(expected "$main")

# One run of TOOL on hunt H into OUTFILE (all tools print NDJSON rows; the floor prints counts).
run_tool() {
  local h=$1 tool=$2 t=$3 outfile=$4 nbytes
  read -r -a f <<<"${files[$h]}"
  nbytes=$(bytes_of "${f[@]}")
  case $tool in
    huntq) measure "$h" huntq "$t" ndjson "$nbytes" "$outfile" -- \
      "$huntq" run --hunt "$h" --now "$now" --format ndjson --threads "$t" "${f[@]}" ;;
    duckdb-*) measure "$h" "$tool" "$t" ndjson "$nbytes" "$outfile" -- \
      node "$bench/duckdb_hunt.mjs" --hunt "$h" --variant "${tool#duckdb-}" --now "$now" --threads "$t" "${f[@]}" ;;
    floor) measure "$h" floor 1 ndjson "$nbytes" "$outfile" -- "$floor" --hunt "$h" "${f[@]}" ;;
  esac
}
tools=()
[[ -n "$huntq" ]] && tools+=("huntq 1" "huntq 2")
for v in "${variant_list[@]}"; do tools+=("duckdb-$v 1" "duckdb-$v 2"); done
tools+=("floor 1")
for h in "${hunt_list[@]}"; do
  read -r -a f <<<"${files[$h]}"
  [[ -n "$huntq" ]] && cmdline "$huntq run --hunt $h --now $now --format ndjson --threads N ${f[*]}"
  for v in "${variant_list[@]}"; do cmdline "node bench/duckdb_hunt.mjs --hunt $h --variant $v --now $now --threads N ${f[*]}"; done
  cmdline "$floor --hunt $h ${f[*]}"
done

# Rows first: every tool's rows of every hunt, compared before anything is timed.
check="$out/compare.txt"
: >"$check"
: >"$check.timed"
compare_hunt() {  # HUNT SUFFIX: compares the outputs named bench/out/HUNT-TOOL-tT.SUFFIX
  local h=$1 sfx=$2 opts=(--unordered-arrays --nonempty) cmp=() o=bench/out
  [[ $h == av-detections-with-source ]] && opts+=(--sorted-by Timestamp --expect "$want")
  [[ -n "$huntq" ]] && cmp+=("$o/$h-huntq-t2.$sfx" "$o/$h-huntq-t1.$sfx")
  for v in "${variant_list[@]}"; do cmp+=("$o/$h-duckdb-$v-t2.$sfx" "$o/$h-duckdb-$v-t1.$sfx"); done
  echo "$h:"
  (cd "$root" && node bench/compare_rows.mjs "${opts[@]}" "${cmp[@]}")
}
warm $(for h in "${hunt_list[@]}"; do echo "${files[$h]}"; done | tr ' ' '\n' | sort -u)
declare -A agree
for h in "${hunt_list[@]}"; do
  note "checking rows: $h"
  for tt in "${tools[@]}"; do
    read -r tool t <<<"$tt"
    [[ $tool == floor ]] && continue
    run_tool "$h" "$tool" "$t" "$out/$h-$tool-t$t.check"
  done
  if compare_hunt "$h" check >>"$check" 2>&1; then agree[$h]=1; else agree[$h]=0; fi
done
: >"$results"   # the check runs are not timings
cat "$check" >&2

# Timed rounds. Each round runs every hunt, and in each hunt every tool, starting one tool later
# than the round before, so that no tool always runs right after the same other one.
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 1; r <= rounds; ++r)); do
  note "round $r/$rounds (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  for h in "${hunt_list[@]}"; do
    n=${#tools[@]}
    for ((k = 0; k < n; ++k)); do
      read -r tool t <<<"${tools[$(((k + r - 1) % n))]}"
      run_tool "$h" "$tool" "$t" "$out/$h-$tool-t$t.ndjson"
    done
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
for h in "${hunt_list[@]}"; do
  compare_hunt "$h" ndjson >>"$check.timed" 2>&1 || agree[$h]=0
done
agreed=""
for h in "${hunt_list[@]}"; do agreed+="$h=${agree[$h]} "; done

# ---- the flagship: jq, other shapes, memory --------------------------------------------------
de="$main/DeviceEvents.ndjson" dfe="$main/DeviceFileEvents.ndjson"
flag=av-detections-with-source
if [[ " ${hunt_list[*]} " == *" $flag "* ]]; then
  jq_dir=$(dataset "$jq_size" "$(rows_for "$jq_size")" ndjson)
  jq_de="$jq_dir/DeviceEvents.ndjson" jq_dfe="$jq_dir/DeviceFileEvents.ndjson"
  jq_bytes=$(bytes_of "$jq_de" "$jq_dfe")
  warm "$jq_de" "$jq_dfe"
  note "jq on $jq_size"
  measure "$flag" jq 1 ndjson "$jq_bytes" "$out/jq.ndjson" -- "$bench/jq_hunt.sh" "$jq_de" "$jq_dfe"
  cmdline "bench/jq_hunt.sh $jq_de $jq_dfe"
  {
    echo "jq ($jq_size), with DuckDB on the same input:"
    node "$bench/duckdb_hunt.mjs" "$jq_de" "$jq_dfe" >"$out/duckdb-jqsize.ndjson" 2>/dev/null || true
    node "$bench/compare_rows.mjs" --sorted-by Timestamp --expect "$(expected "$jq_dir")" \
      "$out/duckdb-jqsize.ndjson" "$out/jq.ndjson" || true
  } >>"$check" 2>&1

  IFS=, read -r -a shape_list <<<"$shapes"
  if [[ -n "$huntq" ]] && ((do_shapes)); then
    for s in "${shape_list[@]}"; do
      [[ "$s" == ndjson ]] && continue
      dir=$(dataset "$size" "$main_rows" "$s")
      mapfile -t sf < <(inputs "$dir")
      sb=$(bytes_of "${sf[@]}")
      warm "${sf[@]}"
      for ((r = 1; r <= rounds; ++r)); do
        for t in 1 2; do
          measure "$flag" huntq "$t" "$s" "$sb" "$out/huntq-$s-t$t.ndjson" -- "$huntq" run --format ndjson --threads "$t" "${sf[@]}"
        done
        # gzip: the decompression floor (ISA-L inflate on one core, output discarded)
        if [[ "$s" == *+gz ]]; then measure "$flag" inflate 1 "$s" "$sb" "$out/inflate.txt" -- "$floor" --inflate "${sf[@]}"; fi
      done
      cmdline "$huntq run --format ndjson --threads N ${sf[*]}"
      [[ "$s" == *+gz ]] && cmdline "$floor --inflate ${sf[*]}"
      echo "shape $s (same rows as NDJSON):" >>"$check"
      node "$bench/compare_rows.mjs" --sorted-by Timestamp --expect "$(expected "$dir")" "$out/huntq-$s-t2.ndjson" \
        "$out/huntq-$s-t1.ndjson" "$out/$flag-huntq-t2.ndjson" >>"$check" 2>&1 || true
    done
  fi

  if ((memory)); then
    for what in big dbl; do
      if [[ $what == big ]]; then
        dir=$(dataset "4x$size" $((main_rows * 4)) ndjson)
        m_de="$dir/DeviceEvents.ndjson" m_dfe="$dir/DeviceFileEvents.ndjson" label="4x input"
      else  # the DeviceEvents of the main input with a DeviceFileEvents twice as large
        dir=$(dataset "2x$size" $((main_rows * 2)) ndjson)
        m_de="$de" m_dfe="$dir/DeviceFileEvents.ndjson" label="DeviceFileEvents 2x"
      fi
      mb=$(bytes_of "$m_de" "$m_dfe")
      warm "$m_de" "$m_dfe"
      note "memory run: $label"
      if [[ -n "$huntq" ]]; then
        for t in 1 2; do
          measure "$flag" huntq "$t" "mem:$label" "$mb" "$out/huntq-mem.ndjson" -- "$huntq" run --format ndjson --threads "$t" "$m_de" "$m_dfe"
        done
      fi
      measure "$flag" duckdb-plain 2 "mem:$label" "$mb" "$out/duckdb-mem.ndjson" -- node "$bench/duckdb_hunt.mjs" --threads 2 "$m_de" "$m_dfe"
      rm -rf "$dir"   # multi-GB: do not keep
    done
  fi
fi

# ---- RESULTS.md ------------------------------------------------------------------------------
node "$bench/report.mjs" --results "$results" --agree "$agreed" --flagship-rows "$want" >"$out/table.md"
{
  echo "# Benchmark results"
  echo
  echo "Generated by \`bench/run.sh --size $size --rounds $rounds --seed $seed${hunts_wanted:+ --hunts $hunts_wanted} --duckdb-variants $variants\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "## Machine"
  echo
  echo "- CPU: $(lscpu | sed -nE 's/^Model name:[[:space:]]+//p' | head -1), \`nproc\` = $(nproc)"
  echo "- Memory: $(free -g | awk '/^Mem:/{print $2}') GiB; kernel $(uname -r); $(sed -nE 's/^PRETTY_NAME="?([^"]*)"?/\1/p' /etc/os-release)"
  echo "- Load average (1, 5, 15 min) before the timed rounds: $load_before; after: $load_after. The 1-minute load average at each run is in the tables (median). On a shared machine, wall times above CPU times mean waiting for a core: read the min wall and the CPU columns too."
  if [[ -n "$huntq" ]]; then
    echo "- huntq: \`$huntq\` ($("$huntq" --version 2>&1 | head -1), built $(stat -c %y "$huntq" | cut -d. -f1); tree at $(git -C "$root" log -1 --format=%h)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' plus uncommitted work'))"
  fi
  echo "- Tools: $(node -e 'console.log("node " + process.version)'), DuckDB $(node -e "console.log(require('$bench/node_modules/@duckdb/node-api/package.json').version)" 2>/dev/null), $(jq --version), simdjson $(grep -m1 -oE 'SIMDJSON_VERSION "?[0-9.]+' /usr/include/simdjson.h | grep -oE '[0-9.]+$')"
  echo
  echo "## Inputs"
  echo
  echo "- The flagship: \`huntq-gen --rows $main_rows --seed $seed\` ($(bytes_of "$de" "$dfe") bytes; $(sed -E 's/.*"DeviceEvents":([0-9]+).*"DeviceFileEvents":([0-9]+).*/\1 DeviceEvents + \2 DeviceFileEvents records/' "$main/manifest.json"); $want rows expected). The same bytes as before the hunt set was added."
  echo "- The other hunts: \`huntq-gen --rows $((main_rows * 2)) --hunt-set --seed $seed\` (DeviceEvents $(bytes_of "$hs/DeviceEvents.ndjson") bytes, DeviceFileEvents $(bytes_of "$hs/DeviceFileEvents.ndjson") bytes; inserted rows: $(sed -E 's/.*"hunt_set":(\{[^}]*\}).*/\1/' "$hs/manifest.json")). Each hunt reads one of the two files. \`--now $now\` (the end of the generated month) for the hunts' \`ago()\`."
  echo
  echo "Earlier flagship figures, for context (same generator and seed, 1 GB): the RESULTS.md of 2026-11-28 (load average about 1) had DuckDB 1.63 s and huntq 0.32 s at 2 threads (0.196×); the issue reports the same DuckDB query re-run at 0.74 s against huntq's 0.18 s (0.24×), and 0.32× on data with more detections per MD5. Those runs' floor loaded each file whole and read two fields; this floor streams the files and reads every field the hunt reads."
  echo
  cat "$out/table.md"
  echo
  [[ -z "$huntq" ]] && echo "**huntq: pending** (the binary did not build when this ran)." && echo
  echo "## Agreement of rows"
  echo
  echo "Checked before the timed rounds (and the rounds' own outputs again after them):"
  echo
  echo '```'
  cat "$check"
  echo "--- outputs of the timed rounds:"
  cat "$check.timed"
  echo '```'
  echo
  echo "## Commands"
  echo
  echo '```'
  for c in "${commands[@]}"; do echo "$c"; done
  echo '```'
} >"$bench/RESULTS.md"
note "wrote bench/RESULTS.md"

#!/usr/bin/env bash
# The benchmark: huntq against DuckDB, jq and the simdjson floor on generated Defender exports.
# Writes bench/RESULTS.md. See bench/README.md.
#
# usage: bench/run.sh [--size 1G] [--shapes ndjson,streaming,csv,ndjson+gz] [--rounds 5]
#                     [--jq-size SIZE] [--seed 42] [--no-memory] [--skip-deps]
#   --shapes     shapes huntq runs on (peers only read NDJSON); "+gz" means gzip-compressed
#   --jq-size    input size for jq (default: --size); jq runs once, it is slow
#   --no-memory  skip the peak-memory runs at 4x the size and with DeviceFileEvents doubled
# Environment: HUNTQ_BUILD_DIR (default build-release), HUNTQ (path to a huntq binary).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench="$root/bench"
size=1G shapes="ndjson,streaming,csv,ndjson+gz" rounds=5 jq_size="" seed=42 memory=1 deps=1
while (($#)); do
  case "$1" in
    --size) size=$2; shift ;;
    --shapes) shapes=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    --jq-size) jq_size=$2; shift ;;
    --seed) seed=$2; shift ;;
    --no-memory) memory=0 ;;
    --skip-deps) deps=0 ;;
    -h | --help) sed -n '2,9p' "$0"; exit 0 ;;
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
# Every shape is generated with the same --rows, so all shapes hold the same logical rows and
# huntq's output on each can be compared with NDJSON's. --size picks the row count: an NDJSON
# record averages about 2530 bytes.
to_bytes() {
  local n=${1%[KkMmGgTt]} m=1
  case "${1: -1}" in k | K) m=$((1 << 10)) ;; m | M) m=$((1 << 20)) ;; g | G) m=$((1 << 30)) ;; t | T) m=$((1 << 40)) ;; esac
  echo $((n * m))
}
rows_for() { echo $(($(to_bytes "$1") / 2 / 2530)); }
# dataset LABEL ROWS SHAPE[+gz] → prints the directory, generating it unless its manifest matches.
dataset() {
  local label=$1 nrows=$2 shape=${3%+gz} gz="" flag=""
  [[ $3 == *+gz ]] && gz="-gz" && flag="--gzip"
  local dir="$data/$label-$shape$gz"
  if ! grep -q "\"seed\":$seed,.*\"rows\":$nrows," "$dir/manifest.json" 2>/dev/null; then
    note "generating $dir ($nrows rows per table)"
    rm -rf "$dir"
    "$gen" --rows "$nrows" --shape "$shape" --seed "$seed" $flag --out "$dir" >&2
  fi
  echo "$dir"
}
inputs() { find "$1" -maxdepth 1 -type f ! -name manifest.json | sort; }
bytes_of() { local n=0 f; for f in "$@"; do n=$((n + $(stat -c %s "$f"))); done; echo "$n"; }
expected() { sed -E 's/.*"expected_hunt_rows":([0-9]+).*/\1/' "$1/manifest.json"; }
warm() { cat "$@" >/dev/null; }

# ---- measuring -------------------------------------------------------------------------------
results="$out/results.tsv"   # tool threads shape bytes wall cpu rss_kb rows rc
: >"$results"
for f in floor-parse-mbs duckdb-query-t1 duckdb-query-t2; do : >"$out/$f.txt"; done
# measure TOOL THREADS SHAPE BYTES OUTFILE -- CMD...
measure() {
  local tool=$1 threads=$2 shape=$3 nbytes=$4 outfile=$5; shift 6
  local tf="$out/time.txt" rc=0
  /usr/bin/time -f "%e %U %S %M" -o "$tf" "$@" >"$outfile" 2>"$outfile.err" || rc=$?
  local wall user sys rss
  read -r wall user sys rss < <(tail -1 "$tf")
  local rows; rows=$(grep -c . "$outfile" || true)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$threads" "$shape" "$nbytes" "$wall" \
    "$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')" "$rss" "$rows" "$rc" >>"$results"
  if ((rc > 1)); then note "$tool ($threads threads, $shape) exited $rc: $(head -c 300 "$outfile.err")"; fi
}

declare -a commands=()
cmdline() { commands+=("$*"); }

# ---- main rounds on NDJSON -------------------------------------------------------------------
main_rows=$(rows_for "$size")
main=$(dataset "$size" "$main_rows" ndjson)
de="$main/DeviceEvents.ndjson" dfe="$main/DeviceFileEvents.ndjson"
nbytes=$(bytes_of "$de" "$dfe")
want=$(expected "$main")
warm "$de" "$dfe"
note "NDJSON $size: $nbytes bytes, expecting $want rows; $rounds rounds"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
[[ -n "$huntq" ]] && cmdline "$huntq run --format ndjson --threads N $de $dfe"
cmdline "node bench/duckdb_hunt.mjs --threads N $de $dfe"
cmdline "$floor $de $dfe"
for ((r = 1; r <= rounds; ++r)); do
  note "round $r/$rounds"
  if [[ -n "$huntq" ]]; then
    for t in 1 2; do
      measure huntq "$t" ndjson "$nbytes" "$out/huntq-t$t.ndjson" -- "$huntq" run --format ndjson --threads "$t" "$de" "$dfe"
    done
  fi
  for t in 1 2; do
    measure duckdb "$t" ndjson "$nbytes" "$out/duckdb-t$t.ndjson" -- node "$bench/duckdb_hunt.mjs" --threads "$t" "$de" "$dfe"
    # DuckDB's own query time, without node's start and the module load
    sed -nE 's/.*seconds=([0-9.]+).*/\1/p' "$out/duckdb-t$t.ndjson.err" >>"$out/duckdb-query-t$t.txt"
  done
  measure floor 1 ndjson "$nbytes" "$out/floor.txt" -- "$floor" "$de" "$dfe"
  floor_parse_mbs=$(sed -nE 's/^total: .*MB\/s=([0-9]+).*/\1/p' "$out/floor.txt")
  echo "$floor_parse_mbs" >>"$out/floor-parse-mbs.txt"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
# The floor prints one line per file plus totals, not rows: count records instead.
floor_records=$(sed -nE 's/^total: .*records=([0-9]+).*/\1/p' "$out/floor.txt")

# jq once (it is slow), possibly on a smaller input.
jq_dir=$(dataset "$jq_size" "$(rows_for "$jq_size")" ndjson)
jq_de="$jq_dir/DeviceEvents.ndjson" jq_dfe="$jq_dir/DeviceFileEvents.ndjson"
jq_bytes=$(bytes_of "$jq_de" "$jq_dfe")
warm "$jq_de" "$jq_dfe"
note "jq on $jq_size"
measure jq 1 "ndjson" "$jq_bytes" "$out/jq.ndjson" -- "$bench/jq_hunt.sh" "$jq_de" "$jq_dfe"
cmdline "bench/jq_hunt.sh $jq_de $jq_dfe"

# ---- agreement of rows -----------------------------------------------------------------------
check="$out/compare.txt"
{
  echo "NDJSON $size (generator expects $want rows):"
  cmp_files=("$out/duckdb-t2.ndjson" "$out/duckdb-t1.ndjson")
  [[ -n "$huntq" ]] && cmp_files=("$out/huntq-t1.ndjson" "$out/huntq-t2.ndjson" "${cmp_files[@]}")
  node "$bench/compare_rows.mjs" --expect "$want" "${cmp_files[@]}" || true
  if [[ "$jq_size" == "$size" ]]; then
    node "$bench/compare_rows.mjs" --expect "$want" "$out/duckdb-t2.ndjson" "$out/jq.ndjson" || true
  else
    echo "jq ran on $jq_size; DuckDB on the same input for comparison:"
    node "$bench/duckdb_hunt.mjs" "$jq_de" "$jq_dfe" >"$out/duckdb-jqsize.ndjson" 2>/dev/null || true
    node "$bench/compare_rows.mjs" --expect "$(expected "$jq_dir")" "$out/duckdb-jqsize.ndjson" "$out/jq.ndjson" || true
  fi
} >"$check" 2>&1
cat "$check" >&2

# ---- other shapes (huntq only) ---------------------------------------------------------------
IFS=, read -r -a shape_list <<<"$shapes"
if [[ -n "$huntq" ]]; then
  for s in "${shape_list[@]}"; do
    [[ "$s" == ndjson ]] && continue
    dir=$(dataset "$size" "$main_rows" "$s")
    mapfile -t sf < <(inputs "$dir")
    sb=$(bytes_of "${sf[@]}")
    warm "${sf[@]}"
    for ((r = 1; r <= rounds; ++r)); do
      for t in 1 2; do
        measure huntq "$t" "$s" "$sb" "$out/huntq-$s-t$t.ndjson" -- "$huntq" run --format ndjson --threads "$t" "${sf[@]}"
      done
      # gzip: the decompression floor (ISA-L inflate on one core, output discarded)
      if [[ "$s" == *+gz ]]; then measure inflate 1 "$s" "$sb" "$out/inflate.txt" -- "$floor" --inflate "${sf[@]}"; fi
    done
    cmdline "$huntq run --format ndjson --threads N ${sf[*]}"
    [[ "$s" == *+gz ]] && cmdline "$floor --inflate ${sf[*]}"
    echo "shape $s (same rows as NDJSON):" >>"$check"
    node "$bench/compare_rows.mjs" --expect "$(expected "$dir")" "$out/huntq-$s-t2.ndjson" \
      "$out/huntq-$s-t1.ndjson" "$out/huntq-t2.ndjson" >>"$check" 2>&1 || true
  done
else
  note "skipping shapes ${shapes}: huntq is the only tool that reads them"
fi

# ---- peak memory: 4x input, and DeviceFileEvents alone doubled -------------------------------
mem="$out/memory.tsv"
: >"$mem"
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
        measure huntq "$t" "mem:$label" "$mb" "$out/huntq-mem.ndjson" -- "$huntq" run --format ndjson --threads "$t" "$m_de" "$m_dfe"
      done
    fi
    measure duckdb 2 "mem:$label" "$mb" "$out/duckdb-mem.ndjson" -- node "$bench/duckdb_hunt.mjs" --threads 2 "$m_de" "$m_dfe"
    rm -rf "$dir"   # multi-GB: do not keep
  done
fi

# ---- RESULTS.md ------------------------------------------------------------------------------
node - "$results" "$floor_records" "$out/floor-parse-mbs.txt" "$out/duckdb-query-t1.txt" \
  "$out/duckdb-query-t2.txt" >"$out/table.md" <<'EOF'
const fs = require('fs');
const [file, floorRecords, parseFile, dq1, dq2] = process.argv.slice(2);
const nums = (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map(Number) : []);
const rows = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => {
  const [tool, threads, shape, bytes, wall, cpu, rss, nrows, rc] = l.split('\t');
  return { tool, threads, shape, bytes: +bytes, wall: +wall, cpu: +cpu, rss: +rss, nrows, rc: +rc };
});
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[(s.length - 1) >> 1]; };
const groups = new Map();
for (const r of rows) {
  const k = `${r.tool}|${r.threads}|${r.shape}`;
  if (!groups.has(k)) groups.set(k, []);
  groups.get(k).push(r);
}
const names = { huntq: 'huntq', duckdb: 'DuckDB (read_json, explicit columns)', jq: 'jq 2-pass',
  floor: 'simdjson floor (load + parse)', inflate: 'ISA-L inflate floor (decompress only)' };
const stat = new Map();
console.log('| tool | threads | input | MB | runs | wall s (median) | wall s (min) | CPU s (median) | peak MiB (max) | MB/s (median wall) | rows | exit |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const [k, g] of groups) {
  const r0 = g[0], ok = g.filter((r) => r.rc <= 1);
  const mb = r0.bytes / 1e6, rcs = [...new Set(g.map((r) => r.rc))].join(',');
  if (!ok.length) {
    console.log(`| ${names[r0.tool]} | ${r0.threads} | ${r0.shape} | ${mb.toFixed(0)} | ${g.length} | failed | | | | | | ${rcs} |`);
    continue;
  }
  const wall = med(ok.map((r) => r.wall)), wmin = Math.min(...ok.map((r) => r.wall));
  const cpu = med(ok.map((r) => r.cpu)), rss = Math.max(...ok.map((r) => r.rss)) / 1024;
  stat.set(k, { wall, wmin, cpu, rss, mbs: mb / wall });
  const nrows = r0.tool === 'floor' ? `${floorRecords} records` : r0.tool === 'inflate' ? '-' : r0.nrows;
  console.log(`| ${names[r0.tool]} | ${r0.threads} | ${r0.shape} | ${mb.toFixed(0)} | ${g.length} | ${wall.toFixed(2)} | ${wmin.toFixed(2)} | ${cpu.toFixed(2)} | ${rss.toFixed(0)} | ${(mb / wall).toFixed(0)} | ${nrows} | ${rcs} |`);
}
const parse = nums(parseFile);
if (parse.length) console.log(`\nsimdjson floor, parse only (file already in memory), median of ${parse.length}: **${med(parse)} MB/s** on one core.`);
const q = [nums(dq1), nums(dq2)];
if (q[0].length || q[1].length) {
  console.log('\nDuckDB query time inside the process (excludes starting node and loading the DuckDB module, ' +
    `about 0.7 s CPU), median: ${q[0].length ? med(q[0]).toFixed(2) : '-'} s at 1 thread, ` +
    `${q[1].length ? med(q[1]).toFixed(2) : '-'} s at 2 threads.`);
}

// Targets (bench/README.md).
const h = (t, shape) => stat.get(`huntq|${t}|${shape}`);
const d2 = stat.get('duckdb|2|ndjson');
const line = (what, value, ok) => console.log(`| ${what} | ${value} | ${ok === undefined ? 'pending' : ok ? 'met' : 'NOT met'} |`);
console.log('\n### Targets\n\n| target | measured | |\n|---|---|---|');
if (h(2, 'ndjson') && d2) {
  const r = h(2, 'ndjson').wall / d2.wall, rmin = h(2, 'ndjson').wmin / d2.wmin;
  line('huntq wall ≤ 0.2× DuckDB, 2 threads, NDJSON', `${r.toFixed(3)}× (median), ${rmin.toFixed(3)}× (min)`, r <= 0.2);
} else line('huntq wall ≤ 0.2× DuckDB, 2 threads, NDJSON', '-');
if (h(1, 'ndjson') && parse.length) {
  line('huntq (1 thread, wall, with I/O) faster than the floor (parse only)', `${h(1, 'ndjson').mbs.toFixed(0)} vs ${med(parse)} MB/s`, h(1, 'ndjson').mbs > med(parse));
} else line('huntq faster than the simdjson floor', '-');
const mem = [...stat].filter(([k]) => k.startsWith('huntq|') && (k.endsWith('|ndjson') || k.includes('|mem:')));
const peaks = mem.map(([k, v]) => `${k.split('|').slice(1).join(' ')}: ${v.rss.toFixed(0)}`);
line('huntq peak ≤ 64 MiB, flat from 1× to 4× input and with DeviceFileEvents 2×',
  peaks.length ? peaks.join('; ') + ' MiB' : '-', peaks.length ? Math.max(...mem.map(([, v]) => v.rss)) <= 64 : undefined);
for (const s of ['streaming', 'csv']) {
  const hs = h(2, s), hn = h(2, 'ndjson');
  if (hs && hn) line(`huntq on ${s} within 2× of NDJSON (same rows, 2 threads)`, `${(hs.wall / hn.wall).toFixed(2)}× the wall`, hs.wall / hn.wall <= 2);
  else line(`huntq on ${s} within 2× of NDJSON`, '-');
}
const hg = h(2, 'ndjson+gz'), inf = stat.get('inflate|1|ndjson+gz');
if (hg && inf) line('huntq on gzip NDJSON limited by decompression (≤ 1.25× the inflate floor, 2 threads)', `${(hg.wall / inf.wall).toFixed(2)}× (${hg.wall.toFixed(2)} s vs ${inf.wall.toFixed(2)} s)`, hg.wall / inf.wall <= 1.25);
else line('huntq on gzip NDJSON limited by decompression', '-');
EOF

{
  echo "# Benchmark results"
  echo
  echo "Generated by \`bench/run.sh --size $size --rounds $rounds --jq-size $jq_size --seed $seed\` on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "## Machine"
  echo
  echo "- CPU: $(lscpu | sed -nE 's/^Model name:[[:space:]]+//p' | head -1), \`nproc\` = $(nproc)"
  echo "- Memory: $(free -g | awk '/^Mem:/{print $2}') GiB; kernel $(uname -r); $(sed -nE 's/^PRETTY_NAME="?([^"]*)"?/\1/p' /etc/os-release)"
  echo "- Load average (1, 5, 15 min) before the rounds: $load_before; after: $load_after. On a shared machine, wall times above CPU times mean waiting for a core: read the min wall and the CPU columns."
  if [[ -n "$huntq" ]]; then
    echo "- huntq: \`$huntq\` ($("$huntq" --version 2>&1 | head -1), built $(stat -c %y "$huntq" | cut -d. -f1); tree at $(git -C "$root" log -1 --format=%h) plus uncommitted work)"
  fi
  echo "- Tools: $(node -e 'console.log("node " + process.version)'), DuckDB $(node -e "console.log(require('$bench/node_modules/@duckdb/node-api/package.json').version)" 2>/dev/null), $(jq --version)"
  echo
  echo "## Results"
  echo
  echo "Input: generated NDJSON, \`huntq-gen --rows $main_rows --seed $seed\` ($nbytes bytes, $(sed -E 's/.*"DeviceEvents":([0-9]+).*"DeviceFileEvents":([0-9]+).*/\1 DeviceEvents + \2 DeviceFileEvents records/' "$main/manifest.json")); the hunt returns $want rows."
  echo "Page cache warm. Wall and CPU (user+sys) are medians over the rounds, peak RSS the maximum, from \`/usr/bin/time -f \"%e %U %S %M\"\`. MB/s = input bytes / wall."
  echo
  cat "$out/table.md"
  echo
  [[ -z "$huntq" ]] && echo "**huntq: pending** (the binary did not build when this ran)." && echo
  echo "## Agreement of rows"
  echo
  echo '```'
  cat "$check"
  echo '```'
  echo
  echo "## Commands"
  echo
  echo '```'
  for c in "${commands[@]}"; do echo "$c"; done
  echo '```'
} >"$bench/RESULTS.md"
note "wrote bench/RESULTS.md"

#!/usr/bin/env bash
# Batch scoring for EVERY trainer's champion, measured as users run it (`churnops score -C project -m MODEL -i rows -o out`),
# build A against build B in alternating rounds, pandas + xgboost in the same run.
#   - one quickstart project (B's CLI), then `churnops train --trainers T --model churn_T` for each trainer T, so each
#     trainer kind has a registered model churn_T:1 on the same data;
#   - ROWS rows (make_rows.py) as CSV and as Parquet (DuckDB's row groups); each round scores CSV -> CSV and
#     Parquet -> Parquet per trainer with A then B, and pandas + xgboost CSV -> CSV once;
#   - memory: peak RSS of B (and A) with the first trainer at ROWS and at BIG_ROWS rows, CSV and Parquet;
#   - checks: A's and B's CSV outputs are byte-identical per trainer.
# Prints per run: wall s, rows/s, CPU s (user + system, steadier than wall on a shared machine), peak MB; then a table of
# medians: rows/s, CPU s per 1M rows and B/A per trainer, pandas beside them.
# Usage: bench/compare/score-trainers.sh A [B]
#   A, B: a churnops.dll, or a git ref (built from a detached copy under /tmp; never in a checkout). B defaults to this
#   checkout's build. E.g.  bench/compare/score-trainers.sh main
# Env: ROWS (1000000) BIG_ROWS (4000000; 0 skips) ROUNDS (3) TRAINERS ("logreg sdca lightgbm fasttree fastforest")
#      PROJECT=DIR (a quickstart project to copy instead of making one) KEEP=1 (keep the work dir)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rows=${ROWS:-1000000}; big_rows=${BIG_ROWS:-4000000}; rounds=${ROUNDS:-3}
trainers=${TRAINERS:-logreg sdca lightgbm fasttree fastforest}
py=/usr/bin/python3
need=()
for pkg in xgboost sklearn pandas scipy; do $py -c "import $pkg" 2>/dev/null || need+=("python3-$pkg"); done
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d /tmp/churnops-score-trainers-XXXXXX)
cleanup() { [ "${KEEP:-0}" = 1 ] && echo "kept $work" || rm -rf "$work"; }
trap cleanup EXIT

cli_of() { # $1 = a churnops.dll or a git ref; prints the dll
  if [ -f "$1" ]; then echo "$1"; return; fi
  local src=/tmp/churnops-build-$(git -C "$root" rev-parse --short "$1")
  if [ ! -f "$src/src/ChurnOps.Cli/bin/Release/net10.0/linux-x64/churnops.dll" ]; then
    mkdir -p "$src" && git -C "$root" archive "$1" | tar -x -C "$src"
    dotnet build "$src/src/ChurnOps.Cli" -c Release --nologo -v q >"$src/build.log" 2>&1 || { tail -5 "$src/build.log" >&2; exit 1; }
  fi
  echo "$src/src/ChurnOps.Cli/bin/Release/net10.0/linux-x64/churnops.dll"
}
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  for project in src/ChurnOps.Cli bench/ChurnOps.Bench; do
    dotnet build "$root/$project" -c Release --nologo -v q | grep -E "error|rror\(s\)" | grep -v " 0 Error" || true
  done
fi
a_dll=$(cli_of "${1:?usage: score-trainers.sh A [B] (a churnops.dll or a git ref)}")
b_dll=$(cli_of "${2:-$root/src/ChurnOps.Cli/bin/Release/net10.0/linux-x64/churnops.dll}")
bench_dll=$root/bench/ChurnOps.Bench/bin/Release/net10.0/linux-x64/ChurnOps.Bench.dll
echo "work dir $work; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); A $a_dll; B $b_dll; $rows rows ($big_rows for memory); $rounds rounds"

# --- one project, one model per trainer ----------------------------------------------------------------------------------
if [ -n "${PROJECT:-}" ]; then
  cp -r "$PROJECT" "$work/churn"
else
  dotnet "$b_dll" quickstart --dir "$work/churn" --rows 10000 --seed 42 --json >"$work/quickstart.log" 2>&1 || { tail -5 "$work/quickstart.log"; exit 1; }
fi
models=()
for t in $trainers; do
  if dotnet "$b_dll" models show "churn_$t" -C "$work/churn" 2>/dev/null | grep -q "^1\b"; then
    models+=("$t")  # a PROJECT from an earlier run already has it
  elif dotnet "$b_dll" train -C "$work/churn" --trainers "$t" --model "churn_$t" --search-trials 1 --cv-folds 2 >"$work/train_$t.log" 2>&1; then
    models+=("$t")
  else
    echo "train $t failed (skipped): $(tail -1 "$work/train_$t.log")"
  fi
done
zip=$(find "$work/churn/.churnops/artifacts" -name model.zip | head -1)
unzip -p "$zip" signature.json | $py -c "
import json, sys
s = json.load(sys.stdin)
print(json.dumps({'inputs': [{'name': i['name'], 'datatype': 'BYTES' if i['dataKind'] == 'Text' else 'FP64'} for i in s['inputs']]}))" >"$work/inputs.json"
make_inputs() { # $1 = rows, $2 = name
  (cd "$here/python" && $py make_rows.py "$work/inputs.json" "$1" "$work/$2.csv")
  BENCH_IN=$work/$2.csv BENCH_OUT=$work/$2.parquet dotnet "$bench_dll" csv-to-parquet >/dev/null
}
make_inputs "$rows" rows

run() { # $1 = label, $2 = dll, $3 = model, $4 = input, $5 = output; appends "label secs kb cpu" to runs.txt
  rm -f "$5"
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" dotnet "$2" score -C "$work/churn" -m "$3" -i "$4" -o "$5" >"$work/log.txt" 2>&1 \
    || { echo "$1 failed: $(tail -2 "$work/log.txt")" >&2; exit 1; }
  read -r secs kb user sys <"$work/time.txt"
  local cpu; cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')
  local n; n=$(($(wc -l <"$4") - 1)); [[ "$4" == *.parquet ]] && n=$rows_for_parquet
  echo "$1: $secs s, $(awk -v n="$n" -v s="$secs" 'BEGIN {printf "%.0f", n / s}') rows/s, CPU $cpu s, peak $((kb / 1024)) MB"
  echo "$1 $secs $kb $cpu" >>"$work/runs.txt"
}

rows_for_parquet=$rows
for r in $(seq 1 "$rounds"); do
  for t in "${models[@]}"; do
    for side in A B; do
      dll=$a_dll; [ "$side" = B ] && dll=$b_dll
      run "$side $t csv" "$dll" "churn_$t:1" "$work/rows.csv" "$work/out_$side.csv"
      run "$side $t parquet" "$dll" "churn_$t:1" "$work/rows.parquet" "$work/out_$side.parquet"
    done
    cmp -s "$work/out_A.csv" "$work/out_B.csv" || echo "WARNING: $t: A's and B's CSV outputs differ"
  done
  (cd "$here/python" && /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" $py score_pandas.py "$work/inputs.json" "$work/rows.csv" "$work/pandas.csv" >"$work/pandas.txt")
  read -r psecs _ pmb <"$work/pandas.txt"; read -r _ _ pu ps <"$work/time.txt"
  pcpu=$(awk -v u="$pu" -v s="$ps" 'BEGIN {print u + s}')
  echo "pandas + xgboost: $psecs s scoring ($(awk -v n="$rows" -v s="$psecs" 'BEGIN {printf "%.0f", n / s}') rows/s), process CPU $pcpu s incl. training, peak $pmb MB"
  echo "P pandas csv $psecs $((pmb * 1024)) $pcpu" >>"$work/runs.txt"
done

# --- memory flat in the file size ----------------------------------------------------------------------------------------
if [ "$big_rows" -gt 0 ]; then
  make_inputs "$big_rows" big
  rows_for_parquet=$big_rows
  t=${models[0]}
  for side in A B; do
    dll=$a_dll; [ "$side" = B ] && dll=$b_dll
    run "${side}big $t csv" "$dll" "churn_$t:1" "$work/big.csv" "$work/big_out.csv"
    run "${side}big $t parquet" "$dll" "churn_$t:1" "$work/big.parquet" "$work/big_out.parquet"
  done
fi

$py - "$work/runs.txt" "$rows" "$big_rows" <<'PY'
import statistics, sys
runs = [l.split() for l in open(sys.argv[1])]
rows, big = int(sys.argv[2]), int(sys.argv[3])
med = lambda side, t, kind, i: statistics.median(float(x[i]) for x in runs if x[:3] == [side, t, kind])
pandas = [x for x in runs if x[0] == "P"]
print()
print("| trainer | input -> output | A rows/s | B rows/s | A CPU s / 1M rows | B CPU s / 1M rows | B/A wall | B/A CPU | A / B peak MB |")
print("|---|---|---|---|---|---|---|---|---|")
for t in dict.fromkeys(x[1] for x in runs if x[0] in "AB"):
    for kind in ("csv", "parquet"):
        a, b = med("A", t, kind, 3), med("B", t, kind, 3)
        ca, cb = med("A", t, kind, 5), med("B", t, kind, 5)
        ma, mb = med("A", t, kind, 4) / 1024, med("B", t, kind, 4) / 1024
        print(f"| {t} | {kind} | {rows / a:,.0f} | {rows / b:,.0f} | {ca * 1e6 / rows:.2f} | {cb * 1e6 / rows:.2f} | {a / b:.2f}x faster | {ca / cb:.2f}x fewer CPU-s | {ma:.0f} / {mb:.0f} |")
if pandas:
    ps = statistics.median(float(x[3]) for x in pandas)
    print(f"| pandas + xgboost | csv | {rows / ps:,.0f} rows/s (scoring only, after training; peak {statistics.median(int(x[4]) for x in pandas) / 1024:.0f} MB) | | | | | | |")
for side in "AB":
    for kind in ("csv", "parquet"):
        small = [x for x in runs if x[0] == side and x[2] == kind]
        large = [x for x in runs if x[0] == side + "big" and x[2] == kind]
        if small and large:
            t = large[0][1]
            one = statistics.median(int(x[4]) for x in small if x[1] == t) / 1024
            print(f"memory {side} {t} {kind}: peak {one:.0f} MB at {rows:,} rows, {int(large[0][4]) / 1024:.0f} MB at {big:,} rows")
print("(rows/s are whole-process wall time incl. start-up; CPU = user + system of the process; medians of the rounds. "
      "On a shared machine compare CPU ratios within one run, never figures across runs.)")
PY

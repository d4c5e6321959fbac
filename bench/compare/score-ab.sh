#!/usr/bin/env bash
# Before/after for batch scoring, measured as users run it: `churnops score` of build A and of build B on the same
# quickstart project and the same input files, CSV -> CSV and Parquet -> Parquet, in alternating rounds. Prints wall
# seconds, CPU seconds (user + system: steadier than wall time on a shared machine) and peak RSS per run, and the B/A
# ratios of the medians. Make the inputs with `KEEP=1 compare.sh` (rows.csv,
# rows.parquet and the project `churn` in its work dir).
# Usage: score-ab.sh A_CLI_DLL B_CLI_DLL PROJECT_DIR ROWS_CSV ROWS_PARQUET [rounds]
set -euo pipefail
a_dll=$1; b_dll=$2; project=$3; csv=$4; parquet=$5; rounds=${6:-3}
dir=$(mktemp -d /tmp/churnops-score-ab-XXXXXX)
trap 'rm -rf "$dir"' EXIT
cp -r "$project" "$dir/churn"
rows=$(($(wc -l <"$csv") - 1))
for r in $(seq 1 "$rounds"); do
  for side in A B; do
    dll=$a_dll; [ "$side" = B ] && dll=$b_dll
    for kind in csv parquet; do
      input=$csv; [ "$kind" = parquet ] && input=$parquet
      rm -f "$dir/out.$kind"
      /usr/bin/time -f "%e %M %U %S" -o "$dir/time.txt" dotnet "$dll" score -C "$dir/churn" -m churn -i "$input" -o "$dir/out.$kind" >"$dir/log.txt" 2>&1 \
        || { echo "$side $kind failed: $(tail -2 "$dir/log.txt")" >&2; exit 1; }
      read -r secs kb user sys <"$dir/time.txt"
      cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')
      echo "round $r $side $kind: $secs s, $(python3 -c "print(f'{$rows / $secs:,.0f}')") rows/s, CPU $cpu s, peak $((kb / 1024)) MB"
      echo "$side $kind $secs $kb $cpu" >>"$dir/runs.txt"
    done
  done
done
python3 - "$dir/runs.txt" "$rows" <<'PY'
import statistics, sys
runs = [l.split() for l in open(sys.argv[1])]
rows = int(sys.argv[2])
for kind in ("csv", "parquet"):
    med = {s: statistics.median(float(x[2]) for x in runs if x[0] == s and x[1] == kind) for s in "AB"}
    mem = {s: statistics.median(int(x[3]) for x in runs if x[0] == s and x[1] == kind) / 1024 for s in "AB"}
    cpu = {s: statistics.median(float(x[4]) for x in runs if x[0] == s and x[1] == kind) for s in "AB"}
    print(f"{kind}: A {rows / med['A']:,.0f} rows/s, {rows / cpu['A']:,.0f} rows/CPU-s ({mem['A']:.0f} MB); B {rows / med['B']:,.0f} rows/s, {rows / cpu['B']:,.0f} rows/CPU-s ({mem['B']:.0f} MB); "
          f"B/A speed {med['A'] / med['B']:.2f}x, CPU {cpu['A'] / cpu['B']:.2f}x fewer CPU-seconds, memory {mem['B'] / mem['A']:.2f}x")
PY

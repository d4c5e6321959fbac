#!/usr/bin/env bash
# Before/after for ingest + contract validation: the `ingestion` harness of build A and of build B in alternating
# rounds, each round on the same seeded INGEST_ROWS-row CSV with its own plain typed DuckDB load (the baseline) in the
# same process. Prints wall and CPU seconds (user + system of all threads: steadier than wall time on a shared
# machine) per round, then the medians and the ratios ingest/plain for A and B, and B/A.
# Usage: bench/compare/ingest-ab.sh A_BENCH_DLL B_BENCH_DLL [rounds]     Env: INGEST_ROWS (1000000)
#   (a bench DLL: bench/ChurnOps.Bench/bin/Release/net10.0/linux-x64/ChurnOps.Bench.dll of each build)
set -euo pipefail
a_dll=$1; b_dll=$2; rounds=${3:-3}
rows=${INGEST_ROWS:-1000000}
dir=$(mktemp -d /tmp/churnops-ingest-ab-XXXXXX)
trap 'rm -rf "$dir"' EXIT
for r in $(seq 1 "$rounds"); do
  for side in A B; do
    dll=$a_dll; [ "$side" = B ] && dll=$b_dll
    CHURNOPS_BENCH_ROWS=$rows CHURNOPS_BENCH_ROUNDS=1 dotnet "$dll" ingestion >"$dir/log.txt" 2>&1 \
      || { echo "$side failed: $(tail -3 "$dir/log.txt")" >&2; exit 1; }
    line=$(python3 - "$dir/log.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def pick(prefix):
    m = re.search(rf"^{prefix}.*?: +([\d.]+) s .*?cpu ([\d.]+) s", text, re.M)
    if not m:
        sys.exit(f"no '{prefix}' line with cpu seconds (is this build's harness the one that reports them?)")
    return m.group(1), m.group(2)
(bw, bc), (iw, ic) = pick("baseline"), pick("churnops")
print(bw, bc, iw, ic)
PY
)
    read -r bw bc iw ic <<<"$line"
    echo "round $r $side: plain $bw s (cpu $bc s)  ingest $iw s (cpu $ic s)"
    echo "$side $bw $bc $iw $ic" >>"$dir/runs.txt"
  done
done
python3 - "$dir/runs.txt" "$rows" <<'PY'
import statistics, sys
runs = [l.split() for l in open(sys.argv[1])]
med = {s: [statistics.median(float(x[i]) for x in runs if x[0] == s) for i in (1, 2, 3, 4)] for s in "AB"}
plain = [statistics.median(float(x[i]) for x in runs) for i in (1, 2)]
print(f"rows {int(sys.argv[2]):,}; medians of {len(runs) // 2} alternating rounds")
print(f"plain typed load (all rounds): {plain[0]:.2f} s, cpu {plain[1]:.2f} s")
for s in "AB":
    bw, bc, iw, ic = med[s]
    print(f"{s}: ingest {iw:.2f} s (cpu {ic:.2f} s) = {iw / bw:.2f}x its plain load {bw:.2f} s (cpu {ic / bc:.2f}x of {bc:.2f} s)")
print(f"B/A: wall {med['B'][2] / med['A'][2]:.2f}x, cpu {med['B'][3] / med['A'][3]:.2f}x   (target: ingest <= 1.5x the plain load)")
PY

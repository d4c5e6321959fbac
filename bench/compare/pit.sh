#!/usr/bin/env bash
# Point-in-time join, ChurnOps vs pandas merge_asof on the same shape, in one run, per size: pandas, ChurnOps, pandas
# again (best pandas round). ChurnOps is the `features-pit-join` harness: B joins the table `features build` stores,
# A the table main's harness joined (128-bit DECIMAL columns, generation order), alternating rounds, best of 2.
# Prints wall and CPU seconds (user + system) for each and the ratios. DuckDB runs on every core, pandas on one: on a
# quiet machine compare wall seconds; on a shared one CPU seconds are the steadier figure.
# Usage: bench/compare/pit.sh [ENTITY_ROWS...]     (default: 100000 1000000; feature rows are 10x)   Env: SKIP_BUILD=1
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
py=/usr/bin/python3
sizes=("$@"); [ ${#sizes[@]} -eq 0 ] && sizes=(100000 1000000)
$py -c "import pandas" 2>/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pandas >/dev/null; }
[ "${SKIP_BUILD:-0}" = 1 ] || dotnet build "$root/bench/ChurnOps.Bench" -c Release --nologo -v q | grep -E "rror\(s\)|error" | grep -v " 0 Error" || true
bench_dll=$root/bench/ChurnOps.Bench/bin/Release/net10.0/linux-x64/ChurnOps.Bench.dll
out=$(mktemp /tmp/churnops-pit-XXXXXX.txt)
trap 'rm -f "$out"' EXIT
summary=()
for rows in "${sizes[@]}"; do
  read -r pw1 pc1 _ <<<"$($py "$here/python/pit_pandas.py" "$rows")"
  CHURNOPS_PIT_ROWS=$rows dotnet "$bench_dll" features-pit-join >"$out" 2>&1 || { tail -5 "$out"; exit 1; }
  read -r pw2 pc2 _ <<<"$($py "$here/python/pit_pandas.py" "$rows")"
  cat "$out"
  echo "  pandas merge_asof rounds: $pw1 s wall $pc1 s CPU, $pw2 s wall $pc2 s CPU"
  # "  churnops B: ... <wall> s wall <cpu> s CPU"
  b=$(awk '/churnops B: join/ {print $(NF-5), $(NF-2)}' "$out"); a=$(awk '/churnops A: join/ {print $(NF-5), $(NF-2)}' "$out")
  summary+=("$(awk -v r="$rows" -v b="$b" -v a="$a" -v w1="$pw1" -v c1="$pc1" -v w2="$pw2" -v c2="$pc2" 'BEGIN {
    split(b, B, " "); split(a, A, " "); pw = (w1 < w2 ? w1 : w2); pc = (c1 < c2 ? c1 : c2)
    printf "| %d x %d | %.2f s / %.2f s | %.2f s / %.2f s | %.2f s / %.2f s | %.1fx / %.1fx | %.1fx / %.1fx |\n", r, r * 10, B[1], B[2], A[1], A[2], pw, pc, pw / B[1], pc / B[2], pw / A[1], pc / A[2] }')")
  # One machine-readable line for compare.sh: rows, B wall, B CPU, A wall, A CPU, pandas wall, pandas CPU.
  echo "pit_result $rows $b $a $(awk -v w1="$pw1" -v c1="$pc1" -v w2="$pw2" -v c2="$pc2" 'BEGIN {print (w1 < w2 ? w1 : w2), (c1 < c2 ? c1 : c2)}')"
done
echo
echo "| entity x feature rows | ChurnOps B wall / CPU | ChurnOps A (main's table) wall / CPU | pandas merge_asof wall / CPU | pandas / B wall / CPU | pandas / A wall / CPU |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${summary[@]}"
echo "(best rounds; target: pandas / B wall >= 3x on a quiet machine)"

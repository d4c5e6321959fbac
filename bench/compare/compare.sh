#!/usr/bin/env bash
# ChurnOps against its anchors, measured the way users run it, in one run, and printed as the table of issue 15
# (see design/PERFORMANCE.md). Each server runs alone in its own process on 127.0.0.1:
#   - online: `churnops serve` on a fresh quickstart project (as the README starts it), an empty ASP.NET JSON POST
#     endpoint (bench/compare/EmptyEndpoint) and FastAPI + xgboost (python/serve_xgboost.py), each under
#     `wrk -t2 -c64`, in alternating rounds (median of ROUNDS);
#   - batch: `churnops score` CSV -> CSV and Parquet -> Parquet on BATCH_ROWS rows vs pandas + xgboost, wall seconds
#     and peak RSS (/usr/bin/time);
#   - point-in-time join: pit.sh (the `features-pit-join` harness vs pandas merge_asof on the same shape, PIT_ROWS
#     entity rows, 10x as many feature rows; 100000 unless PIT_ROWS=1000000);
#   - ingest + contract validation vs a plain DuckDB typed load: the `ingestion` harness on INGEST_ROWS rows.
# Installs what is missing (python3-fastapi python3-uvicorn python3-xgboost python3-sklearn python3-pandas
# python3-scipy wrk) with apt-get. Everything is bounded: about 4 minutes with the defaults on 2 cores, plus builds.
# Usage: bench/compare/compare.sh [--quick]     (--quick: 3 s wrk runs, 200k batch rows, 100k ingest rows)
# Env: SECONDS_PER_RUN (10) ROUNDS (3) WARMUP (2: seconds of wrk before each measured run; a fresh server is still JIT-compiling) BATCH_ROWS (1000000) PIT_ROWS (100000) INGEST_ROWS (1000000) PORT (5481)
#      CLI_DLL (the churnops.dll to measure; default this checkout's build) SKIP_BUILD=1 KEEP=1 (keep the work dir)
#      PROJECT=DIR (score and serve a copy of an existing quickstart project instead of making one)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
quick=0; [ "${1:-}" = "--quick" ] && quick=1
seconds=${SECONDS_PER_RUN:-$([ $quick = 1 ] && echo 3 || echo 10)}
rounds=${ROUNDS:-$([ $quick = 1 ] && echo 1 || echo 3)}
batch_rows=${BATCH_ROWS:-$([ $quick = 1 ] && echo 200000 || echo 1000000)}
pit_rows=${PIT_ROWS:-100000}
ingest_rows=${INGEST_ROWS:-$([ $quick = 1 ] && echo 100000 || echo 1000000)}
port=${PORT:-5481}

# The Debian packages live in the system interpreter, not in whatever python3 comes first on PATH.
py=/usr/bin/python3

# --- prerequisites -----------------------------------------------------------------------------------------------------
need=()
for pkg in fastapi uvicorn xgboost sklearn pandas scipy; do
  $py -c "import $pkg" 2>/dev/null || need+=("python3-$pkg")
done
command -v wrk >/dev/null || need+=(wrk)
command -v curl >/dev/null || need+=(curl)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  for project in src/ChurnOps.Cli bench/ChurnOps.Bench bench/compare/EmptyEndpoint; do
    dotnet build "$root/$project" -c Release --nologo -v q | grep -E "error|rror\(s\)" | grep -v " 0 Error" || true
  done
fi
cli_dll=${CLI_DLL:-$root/src/ChurnOps.Cli/bin/Release/net10.0/linux-x64/churnops.dll}
bench_dll=$root/bench/ChurnOps.Bench/bin/Release/net10.0/linux-x64/ChurnOps.Bench.dll
empty_dll=$root/bench/compare/EmptyEndpoint/bin/Release/net10.0/linux-x64/EmptyEndpoint.dll

work=$(mktemp -d /tmp/churnops-compare-XXXXXX)
results=$work/results.txt
pid=0
cleanup() { [ "$pid" != 0 ] && kill "$pid" 2>/dev/null; [ "${KEEP:-0}" = 1 ] && echo "kept $work" || rm -rf "$work"; }
trap cleanup EXIT
note() { echo "$1 $2" >>"$results"; }
echo "work dir $work; $(nproc) cores; wrk ${seconds}s x $rounds rounds; batch $batch_rows rows; pit $pit_rows x $((pit_rows * 10)); ingest $ingest_rows rows"

# --- online -----------------------------------------------------------------------------------------------------------
if [ -n "${PROJECT:-}" ]; then
  cp -r "$PROJECT" "$work/churn"; echo '{"chosenTrainer": "(reused project)"}' >"$work/quickstart.log"
else
  dotnet "$cli_dll" quickstart --dir "$work/churn" --rows 10000 --seed 42 --json >"$work/quickstart.log" 2>&1 || { tail -5 "$work/quickstart.log"; exit 1; }
fi

wait_for() { # $1 = what, $2... = curl arguments that succeed once it is up
  local what=$1; shift
  for _ in $(seq 1 480); do curl -sf -o /dev/null "$@" 2>/dev/null && return 0; kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  echo "$what did not start: $(tail -3 "$work/server.log")" >&2; exit 1
}
start() { # $1 = name
  case $1 in
    churnops) dotnet "$cli_dll" serve -C "$work/churn" --port "$port" >"$work/server.log" 2>&1 & pid=$!
              wait_for churnops "http://127.0.0.1:$port/v2/models/churn"; url="http://127.0.0.1:$port/v2/models/churn/infer" ;;
    empty)    dotnet "$empty_dll" "$port" >"$work/server.log" 2>&1 & pid=$!
              wait_for empty -X POST -d @"$work/body.json" "http://127.0.0.1:$port/infer"; url="http://127.0.0.1:$port/infer" ;;
    fastapi)  (cd "$here/python" && exec $py serve_xgboost.py "$work/inputs.json" "$port") >"$work/server.log" 2>&1 & pid=$!
              wait_for fastapi -X POST -H 'content-type: application/json' -d @"$work/body.json" "http://127.0.0.1:$port/v2/models/churn/infer"
              url="http://127.0.0.1:$port/v2/models/churn/infer" ;;
  esac
}
stop() { kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=0; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system clock ticks of the server process

start churnops
curl -s "http://127.0.0.1:$port/v2/models/churn" >"$work/inputs.json"
$py - "$work" <<'PY'
import json, sys
work = sys.argv[1]
meta = json.load(open(f"{work}/inputs.json"))
values = {"plan": "premium", "contract_type": "month-to-month", "payment_method": "electronic-check", "region": "west"}
inputs = [{"name": i["name"], "shape": [1], "datatype": i["datatype"],
           "data": [values.get(i["name"], "a") if i["datatype"] == "BYTES" else 3.5]} for i in meta["inputs"]]
body = json.dumps({"inputs": inputs})
open(f"{work}/body.json", "w").write(body)
open(f"{work}/post.lua", "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[' + body + ']==]\n')
PY
champion=$(grep -o '"chosenTrainer": *"[a-z]*"' "$work/quickstart.log" | head -1 | sed 's/.*"\([a-z]*\)"$/\1/' || true)
stop

for round in $(seq 1 "$rounds"); do
  for side in churnops empty fastapi; do
    start "$side"
    wrk -t2 -c64 -d"${WARMUP:-2}s" -s "$work/post.lua" "$url" >/dev/null
    cpu0=$(cpu_ticks "$pid")
    wrk -t2 -c64 -d"${seconds}s" --timeout 10s --latency -s "$work/post.lua" "$url" >"$work/wrk.txt"
    cpu1=$(cpu_ticks "$pid")
    stop
    rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' "$work/wrk.txt")
    p50=$(awk '$1 == "50%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' "$work/wrk.txt")
    bad=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
    requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
    # Server CPU per answered request: steadier than req/s on a shared machine, where wall time includes waiting for a core.
    cpu_us=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.0f", (n > 0 ? (b - a) / hz / n * 1e6 : 0)}')
    echo "round $round $side: $rps req/s, p50 ${p50} ms, p99 ${p99} ms, server CPU ${cpu_us} us/request${bad:+, non-2xx $bad}"
    note "rps_$side" "$rps"; note "p99_$side" "$p99"; note "p50_$side" "$p50"; note "cpu_$side" "$cpu_us"
  done
done

# --- batch ------------------------------------------------------------------------------------------------------------
$py "$here/python/make_rows.py" "$work/inputs.json" "$batch_rows" "$work/rows.csv"
BENCH_IN=$work/rows.csv BENCH_OUT=$work/rows.parquet dotnet "$bench_dll" csv-to-parquet >/dev/null
timed() { # $1 = key, rest = command; notes seconds and peak MB
  local key=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@" >"$work/cmd.log" 2>&1 || { echo "$key failed: $(tail -3 "$work/cmd.log")" >&2; exit 1; }
  read -r secs kb user sys <"$work/time.txt"
  note "sec_$key" "$secs"; note "mb_$key" "$((kb / 1024))"; note "cpu_$key" "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')"
  echo "$key: $secs s, peak $((kb / 1024)) MB, CPU $user s user + $sys s system"
}
timed score_csv dotnet "$cli_dll" score -C "$work/churn" -m churn -i "$work/rows.csv" -o "$work/scored.csv"
timed score_parquet dotnet "$cli_dll" score -C "$work/churn" -m churn -i "$work/rows.parquet" -o "$work/scored.parquet"
(cd "$here/python" && /usr/bin/time -f "%e %M" -o "$work/time.txt" $py score_pandas.py "$work/inputs.json" "$work/rows.csv" "$work/pandas.csv" >"$work/pandas.txt")
read -r psecs _ pmb <"$work/pandas.txt"
note sec_pandas "$psecs"; note mb_pandas "$pmb"
echo "pandas + xgboost: $psecs s (scoring only, after training), peak $pmb MB"

# --- point-in-time join -------------------------------------------------------------------------------------------------
SKIP_BUILD=1 "$here/pit.sh" "$pit_rows" >"$work/pit.txt" 2>&1 || { tail -5 "$work/pit.txt"; exit 1; }
cat "$work/pit.txt"
read -r _ _ b_wall b_cpu a_wall _ p_wall p_cpu <<<"$(grep '^pit_result' "$work/pit.txt")"
note sec_pit "$b_wall"; note cpu_pit "$b_cpu"; note sec_pit_main "$a_wall"; note sec_pit_pandas "$p_wall"; note cpu_pit_pandas "$p_cpu"

# --- ingestion ----------------------------------------------------------------------------------------------------------
CHURNOPS_BENCH_ROWS=$ingest_rows dotnet "$bench_dll" ingestion >"$work/ingest.txt" 2>&1
grep -E "^(input|baseline|churnops|ratio)" "$work/ingest.txt" || true
note sec_ingest_plain "$(awk '/^baseline/ {for (i = 1; i <= NF; i++) if ($i == "s") {print $(i-1); exit}}' "$work/ingest.txt")"
note sec_ingest "$(awk '/^churnops/ {for (i = 1; i <= NF; i++) if ($i == "s") {print $(i-1); exit}}' "$work/ingest.txt")"

# --- the table ------------------------------------------------------------------------------------------------------------
$py - "$results" "$batch_rows" "$pit_rows" "$ingest_rows" "${champion:-?}" <<'PY'
import statistics, sys
values = {}
for line in open(sys.argv[1]):
    key, value = line.split()
    values.setdefault(key, []).append(float(value) if value not in ("", "nan") else float("nan"))
m = lambda k: statistics.median(values[k]) if k in values else float("nan")
def ratio(a, b):
    return a / b if b else float("nan")
rows, pit, ingest, champion = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rps, empty, fast = m("rps_churnops"), m("rps_empty"), m("rps_fastapi")
print()
print("| workload | ChurnOps | anchor in the same run | ratio | target |")
print("|---|---|---|---|---|")
print(f"| online infer, 1 row/request, wrk -t2 -c64 (champion: {champion}) | {rps:,.0f} req/s, p50 {m('p50_churnops'):.1f} ms, p99 {m('p99_churnops'):.1f} ms, {m('cpu_churnops'):.0f} us CPU/request "
      f"| empty ASP.NET endpoint {empty:,.0f} req/s, p99 {m('p99_empty'):.1f} ms, {m('cpu_empty'):.0f} us CPU/request; FastAPI + xgboost {fast:,.0f} req/s, p99 {m('p99_fastapi'):.1f} ms, {m('cpu_fastapi'):.0f} us CPU/request "
      f"| {ratio(rps, empty):.0%} of empty; {ratio(rps, fast):.1f}x FastAPI | >= 50% of empty, p99 < 5 ms |")
for key, label in (("score_csv", "CSV -> CSV"), ("score_parquet", "Parquet -> Parquet")):
    print(f"| `churnops score`, {rows:,} rows {label} | {ratio(rows, m('sec_' + key)):,.0f} rows/s ({ratio(rows, m('cpu_' + key)):,.0f} per CPU-second), peak {m('mb_' + key):,.0f} MB "
          f"| pandas + xgboost (CSV) {ratio(rows, m('sec_pandas')):,.0f} rows/s, peak {m('mb_pandas'):,.0f} MB | {ratio(m('sec_pandas'), m('sec_' + key)):.1f}x pandas | >= 1M rows/s, memory flat |")
print(f"| point-in-time join, {pit:,} x {pit * 10:,} | {m('sec_pit'):.2f} s, {m('cpu_pit'):.2f} s CPU (main's harness table {m('sec_pit_main'):.2f} s) | pandas merge_asof {m('sec_pit_pandas'):.2f} s, {m('cpu_pit_pandas'):.2f} s CPU "
      f"| {ratio(m('sec_pit_pandas'), m('sec_pit')):.1f}x pandas ({ratio(m('cpu_pit_pandas'), m('cpu_pit')):.1f}x in CPU seconds) | >= 3x pandas |")
print(f"| ingest + contract validation, {ingest:,} rows | {m('sec_ingest'):.2f} s | plain DuckDB typed load {m('sec_ingest_plain'):.2f} s "
      f"| {ratio(m('sec_ingest'), m('sec_ingest_plain')):.2f}x the plain load | <= 1.5x |")
print("(medians of the rounds; a shared machine is noisy: compare ratios within one run, never figures across runs)")
PY

#!/usr/bin/env bash
# The cost of the prediction journal, measured as users run the server: wrk (2 threads, 64 connections, one JSON row
# per request; CONNECTIONS=N to change) against two `churnops serve` processes on 127.0.0.1, the same project twice,
# one with serving.durable_predictions on and one with it off. Both run for the whole measurement and wrk alternates
# between them in short windows (ROUNDS of them, order swapped each round), so load from anything else on the machine
# falls on both alike. Prints requests/s and the median of the windows' p99 for each, and their ratio.
# Usage: serve-durability.sh [seconds per server, default 10]
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cli=(dotnet "$root/src/ChurnOps.Cli/bin/Release/net10.0/linux-x64/churnops.dll")
seconds=${1:-10}
port=${PORT:-5391}
connections=${CONNECTIONS:-64}
rounds=${ROUNDS:-5}
window=$(( (seconds + rounds - 1) / rounds ))
dir=$(mktemp -d /tmp/churnops-durability-XXXXXX)
declare -A pid url
trap 'for p in "${pid[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$dir"' EXIT
"${cli[@]}" quickstart --dir "$dir/durable" --rows 2000 --seed 42 >/dev/null
cp -r "$dir/durable" "$dir/volatile"

start() {
  sed -i "s/^  durable_predictions: .*/  durable_predictions: $2/" "$dir/$1/churnops.yaml"
  "${cli[@]}" serve -C "$dir/$1" --port "$3" >"$dir/$1.log" 2>&1 &
  pid[$1]=$!
  url[$1]="http://127.0.0.1:$3/v2/models/churn/infer"
  for _ in $(seq 1 120); do grep -q "ChurnOps serving" "$dir/$1.log" && return 0; sleep 0.5; done
  echo "serve did not start: $(tail -3 "$dir/$1.log")" >&2; exit 1
}

# One window: appends "requests seconds p99ms non2xx" to $dir/$1.windows.
window() {
  wrk -t2 -c"$connections" -d"${window}s" --latency -s "$dir/post.lua" "${url[$1]}" >"$dir/$1.txt"
  awk '/requests in/ {r = $1; s = $4 + 0}
       $1 == "99%" {p = $2; if (p ~ /us$/) p = p / 1000; else if (p ~ /ms$/) p = p + 0; else p = p * 1000}
       /Non-2xx/ {b = $NF}
       END {print r, s, p, b + 0}' "$dir/$1.txt" >>"$dir/$1.windows"
}

start durable true "$port"
start volatile false "$((port + 1))"
curl -s "http://127.0.0.1:$port/v2/models/churn" | python3 -c '
import json, sys
meta = json.load(sys.stdin)
inputs = [{"name": i["name"], "shape": [1], "datatype": i["datatype"], "data": ["month-to-month" if i["datatype"] == "BYTES" else 3.5]} for i in meta["inputs"]]
body = json.dumps({"inputs": inputs})
print("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [==[" + body + "]==]")
' >"$dir/post.lua"

# Warm both (JIT, pools), then alternate.
for mode in durable volatile; do wrk -t2 -c"$connections" -d3s -s "$dir/post.lua" "${url[$mode]}" >/dev/null; done
for round in $(seq 1 "$rounds"); do
  if (( round % 2 )); then window durable; window volatile; else window volatile; window durable; fi
done

python3 - "$dir" "$connections" <<'EOF'
import statistics, sys
d, connections = sys.argv[1], sys.argv[2]
rate, p99 = {}, {}
for mode in ("durable", "volatile"):
    rows = [line.split() for line in open(f"{d}/{mode}.windows")]
    rate[mode] = sum(float(r[0]) for r in rows) / sum(float(r[1]) for r in rows)
    p99[mode] = statistics.median(float(r[2]) for r in rows)
    bad = sum(int(r[3]) for r in rows)
    print(f"{mode}: {rate[mode]:.0f} req/s, p99 {p99[mode]:.2f}ms (median of {len(rows)} windows: "
          + ", ".join(f"{float(r[0]) / float(r[1]):.0f}" for r in rows) + " req/s)" + (f", non-2xx {bad}" if bad else ""))
print(f"durable / volatile at {connections} connections: throughput {rate['durable'] / rate['volatile']:.2f}, p99 {p99['durable'] / p99['volatile']:.2f}")
EOF

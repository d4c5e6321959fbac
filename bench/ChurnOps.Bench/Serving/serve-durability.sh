#!/usr/bin/env bash
# The cost of the prediction journal, measured as users run the server: wrk (2 threads, 64 connections, one JSON row
# per request; CONNECTIONS=N to change) against `churnops serve` on 127.0.0.1 with serving.durable_predictions on, then off, in the same run on
# the same project. Prints requests/s and p99 for each and their ratio. Usage: serve-durability.sh [seconds]
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cli=(dotnet "$root/src/ChurnOps.Cli/bin/Release/net10.0/linux-x64/churnops.dll")
seconds=${1:-10}
port=${PORT:-5391}
connections=${CONNECTIONS:-64}
dir=$(mktemp -d /tmp/churnops-durability-XXXXXX)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$dir"' EXIT
"${cli[@]}" quickstart --dir "$dir/p" --rows 2000 --seed 42 >/dev/null

start() {
  sed -i "s/^  durable_predictions: .*/  durable_predictions: $1/" "$dir/p/churnops.yaml"
  "${cli[@]}" serve -C "$dir/p" --port "$port" >"$dir/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do grep -q "ChurnOps serving" "$dir/serve.log" && return 0; sleep 0.5; done
  echo "serve did not start: $(tail -3 "$dir/serve.log")" >&2; exit 1
}

stop() { kill -TERM "$pid"; wait "$pid" || true; }

measure() {
  wrk -t2 -c"$connections" -d2s -s "$dir/post.lua" "http://127.0.0.1:$port/v2/models/churn/infer" >/dev/null
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$dir/post.lua" "http://127.0.0.1:$port/v2/models/churn/infer" >"$dir/$1.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$dir/$1.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$dir/$1.txt")
  bad=$(awk '/Non-2xx/ {print $NF}' "$dir/$1.txt")
  echo "$1: ${rps} req/s, p99 ${p99}${bad:+, non-2xx $bad}"
  eval "rps_$1=$rps"
}

start true
curl -s "http://127.0.0.1:$port/v2/models/churn" | python3 -c '
import json, sys
meta = json.load(sys.stdin)
inputs = [{"name": i["name"], "shape": [1], "datatype": i["datatype"], "data": ["month-to-month" if i["datatype"] == "BYTES" else 3.5]} for i in meta["inputs"]]
body = json.dumps({"inputs": inputs})
print("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [==[" + body + "]==]")
' >"$dir/post.lua"
measure durable
stop
start false
measure volatile
stop
python3 -c "print(f'durable / volatile throughput: {$rps_durable / $rps_volatile:.2f}')"

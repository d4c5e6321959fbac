#!/usr/bin/env bash
# Before/after for a change, measured as users run ChurnOps: two builds of the CLI (A and B, e.g. main and a branch),
# each makes its own quickstart project (timed), then `churnops serve` of each, alone on 127.0.0.1, takes wrk
# (2 threads, CONNECTIONS=64, one JSON row per request) in alternating rounds. Prints quickstart seconds, requests/s
# and p99 per round, and the B/A ratios of the medians.
# Usage: serve-ab.sh A_CLI_DLL B_CLI_DLL [seconds] [rounds]   (extra `serving:` YAML for B only: B_SERVING_YAML='durable_predictions: false')
# PROJECT=DIR serves copies of an existing quickstart project on both sides instead of making two (no quickstart timing).
set -euo pipefail
. "$(dirname "$0")/lib/wrk-rounds.sh"
a_dll=$1; b_dll=$2; seconds=${3:-10}; rounds=${4:-3}
port=${PORT:-5393}; connections=${CONNECTIONS:-64}
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dir=$(mktemp -d /tmp/churnops-ab-XXXXXX)
trap '[ "${pid:-0}" != 0 ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

quickstart() { # $1 = label, $2 = dll
  local t0 t1
  t0=$(date +%s.%N)
  if [ -n "${PROJECT:-}" ]; then cp -r "$PROJECT" "$dir/$1"; else dotnet "$2" quickstart --dir "$dir/$1" --rows 10000 --seed 42 >/dev/null; fi
  t1=$(date +%s.%N)
  if [ "$1" = B ] && [ -n "${B_SERVING_YAML:-}" ] && grep -q "^serving:" "$dir/$1/churnops.yaml"; then
    key=${B_SERVING_YAML%%:*}
    if grep -q "^  $key:" "$dir/$1/churnops.yaml"; then
      sed -i "s/^  $key:.*/  ${B_SERVING_YAML}/" "$dir/$1/churnops.yaml"
    else
      sed -i "s/^serving:/serving:\n  ${B_SERVING_YAML}/" "$dir/$1/churnops.yaml"
    fi
  fi
  python3 -c "print(f'quickstart $1: {$t1 - $t0:.1f} s')" | tee -a "$dir/quickstart.txt"
}

serve() { # $1 = label, $2 = dll
  dotnet "$2" serve -C "$dir/$1" --port "$port" >"$dir/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/v2/models/churn" >/dev/null 2>&1 && return 0; sleep 0.25; done
  echo "serve $1 did not start: $(tail -3 "$dir/serve.log")" >&2; exit 1
}

stop() { kill -TERM "$pid"; wait "$pid" || true; pid=0; }

quickstart A "$a_dll"
quickstart B "$b_dll"
serve A "$a_dll"
curl -s "http://127.0.0.1:$port/v2/models/churn" | python3 -c '
import json, sys
meta = json.load(sys.stdin)
inputs = [{"name": i["name"], "shape": [1], "datatype": i["datatype"], "data": ["month-to-month" if i["datatype"] == "BYTES" else 3.5]} for i in meta["inputs"]]
print("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [==[" + json.dumps({"inputs": inputs}) + "]==]")
' >"$dir/post.lua"
stop

for r in $(seq 1 "$rounds"); do
  for side in A B; do
    dll=$a_dll; [ "$side" = B ] && dll=$b_dll
    serve "$side" "$dll"
    wrk_round "http://127.0.0.1:$port/v2/models/churn/infer" "$dir/post.lua"
    us=$(printf '%.0f' "$us")
    echo "round $r $side: $rps req/s, p99 $p99, server CPU $us us/request${bad:+, non-2xx $bad}"
    echo "$side $rps $us" >>"$dir/rps.txt"
    stop
  done
done
python3 - "$dir/rps.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {s: statistics.median(float(r[1]) for r in rows if r[0] == s) for s in ("A", "B")}
cpu = {s: statistics.median(float(r[2]) for r in rows if r[0] == s) for s in ("A", "B")}
print(f"median req/s A {med['A']:.0f}, B {med['B']:.0f}, B/A {med['B'] / med['A']:.2f}; server CPU per request A {cpu['A']:.0f} us, B {cpu['B']:.0f} us, B/A {cpu['B'] / cpu['A']:.2f}")
PY

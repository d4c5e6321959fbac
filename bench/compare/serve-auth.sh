#!/usr/bin/env bash
# What access control costs serving, measured as users run ChurnOps: one quickstart project, copied twice; side A has no
# token (zero config: every request is the local user), side B has a token issued (every request must carry it, and is
# authenticated against the token cache). `churnops serve` of each, alone on 127.0.0.1, takes wrk (2 threads,
# CONNECTIONS=64, one JSON row per OIP infer request) in alternating rounds. Prints requests/s, p99 and server CPU per
# request per round (the sides alternate which goes first), and the B/A ratios of the medians (target: B/A req/s >= 0.95).
# Usage: serve-auth.sh CLI_DLL [seconds] [rounds]     PROJECT=DIR copies an existing quickstart project instead of making one.
set -euo pipefail
. "$(dirname "$0")/lib/wrk-rounds.sh"
dll=$1; seconds=${2:-10}; rounds=${3:-3}
# A free port unless PORT is given (other benchmarks may hold the usual ones).
port=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}; connections=${CONNECTIONS:-64}
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dir=$(mktemp -d /tmp/churnops-auth-XXXXXX)
trap '[ "${pid:-0}" != 0 ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

if [ -n "${PROJECT:-}" ]; then cp -r "$PROJECT" "$dir/A"; else dotnet "$dll" quickstart --dir "$dir/A" --rows 10000 --seed 42 >/dev/null; fi
cp -r "$dir/A" "$dir/B"
secret=$(dotnet "$dll" tokens create -C "$dir/B" --team software-engineering --scope read --name bench --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["secret"])')

serve() { # $1 = side
  dotnet "$dll" serve -C "$dir/$1" --port "$port" >"$dir/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do
    kill -0 "$pid" 2>/dev/null || { echo "serve $1 exited: $(tail -3 "$dir/serve.log")" >&2; pid=0; exit 1; }
    curl -sf -H "Authorization: Bearer $secret" "http://127.0.0.1:$port/v2/models/churn" >/dev/null 2>&1 && return 0; sleep 0.25
  done
  echo "serve $1 did not start: $(tail -3 "$dir/serve.log")" >&2; exit 1
}

stop() { kill -TERM "$pid"; wait "$pid" || true; pid=0; }

serve A
for side in A B; do
  curl -s "http://127.0.0.1:$port/v2/models/churn" | SIDE=$side SECRET=$secret python3 -c '
import json, os, sys
meta = json.load(sys.stdin)
inputs = [{"name": i["name"], "shape": [1], "datatype": i["datatype"], "data": ["month-to-month" if i["datatype"] == "BYTES" else 3.5]} for i in meta["inputs"]]
auth = "wrk.headers[\"Authorization\"] = \"Bearer " + os.environ["SECRET"] + "\"\n" if os.environ["SIDE"] == "B" else ""
print("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n" + auth + "wrk.body = [==[" + json.dumps({"inputs": inputs}) + "]==]")
' >"$dir/post-$side.lua"
done
stop

for r in $(seq 1 "$rounds"); do
  # Alternate which side goes first, so neither always follows the other's shutdown (journal flush, page cache).
  order="A B"; [ $((r % 2)) = 0 ] && order="B A"
  for side in $order; do
    serve "$side"
    wrk_round "http://127.0.0.1:$port/v2/models/churn/infer" "$dir/post-$side.lua"
    us=$(printf '%.0f' "$us")
    label=$([ "$side" = A ] && echo "auth off" || echo "auth on ")
    echo "round $r $side ($label): $rps req/s, p99 $p99, server CPU $us us/request${bad:+, non-2xx $bad}"
    [ -z "$bad" ] || { echo "side $side answered non-2xx: the comparison is void" >&2; exit 1; }
    echo "$side $rps $us" >>"$dir/rps.txt"
    stop
  done
done
python3 - "$dir/rps.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = {s: statistics.median(float(r[1]) for r in rows if r[0] == s) for s in ("A", "B")}
cpu = {s: statistics.median(float(r[2]) for r in rows if r[0] == s) for s in ("A", "B")}
print(f"median req/s auth off {med['A']:.0f}, auth on {med['B']:.0f}, on/off {med['B'] / med['A']:.3f}; server CPU per request off {cpu['A']:.0f} us, on {cpu['B']:.0f} us, on/off {cpu['B'] / cpu['A']:.3f}")
PY

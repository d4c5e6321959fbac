#!/usr/bin/env bash
# What one online request costs the server, per protocol, for two builds of the CLI (A and B, e.g. main and a branch),
# measured as users run it: `churnops serve` on the same quickstart project, alone on 127.0.0.1, under wrk (2 threads,
# CONNECTIONS=64, one JSON row per request) on OIP v2 infer, MLflow /invocations and the native predict route, in
# alternating rounds; the empty ASP.NET JSON endpoint (bench/compare/EmptyEndpoint) in the same rounds as the anchor.
# Prints, per protocol, the medians of server CPU per request (user + system ticks of the process over the requests it
# answered) and bytes allocated per request (the runtime's counter on /metrics), B/A, and each side's CPU against the
# empty endpoint's: figures that stay put on a loaded machine, where req/s does not.
# Usage: serve-cost.sh A_CLI_DLL B_CLI_DLL [seconds] [rounds]
# Env: PROJECT=DIR (serve copies of an existing quickstart project; else A makes one), MODEL (the registered model to
#      score, default churn: e.g. a churn_lightgbm trained into PROJECT and aliased champion; /invocations always scores
#      the project's own model, so use PROTOCOLS="oip predict" with it), EMPTY_DLL (default this
#      checkout's build), PROTOCOLS ("oip invocations predict"), CONNECTIONS (64), PORT (5397),
#      A_ENV / B_ENV (environment for that side's server only, e.g. B_ENV="DOTNET_gcServer=1")
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
a_dll=$1; b_dll=$2; seconds=${3:-10}; rounds=${4:-3}
model=${MODEL:-churn}; port=${PORT:-5397}; connections=${CONNECTIONS:-64}; protocols=${PROTOCOLS:-oip invocations predict}
empty_dll=${EMPTY_DLL:-$here/EmptyEndpoint/bin/Release/net10.0/linux-x64/EmptyEndpoint.dll}
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
[ -f "$empty_dll" ] || dotnet build "$here/EmptyEndpoint" -c Release --nologo -v q >/dev/null
dir=$(mktemp -d /tmp/churnops-cost-XXXXXX)
pid=0
trap '[ "$pid" != 0 ] && kill "$pid" 2>/dev/null; [ "${KEEP:-0}" = 1 ] && echo "kept $dir" || rm -rf "$dir"' EXIT
hz=$(getconf CLK_TCK)

if [ -n "${PROJECT:-}" ]; then cp -r "$PROJECT" "$dir/A"; else dotnet "$a_dll" quickstart --dir "$dir/A" --rows 10000 --seed 42 >/dev/null; fi
cp -r "$dir/A" "$dir/B"

up() { # curl arguments that succeed once the server answers
  for _ in $(seq 1 480); do curl -sf -o /dev/null "$@" 2>/dev/null && return 0; kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  echo "server did not start: $(tail -3 "$dir/serve.log")" >&2; exit 1
}
serve() { # $1 = side
  local dll=$a_dll env=${A_ENV:-}
  [ "$1" = B ] && { dll=$b_dll; env=${B_ENV:-}; }
  env $env dotnet "$dll" serve -C "$dir/$1" --port "$port" >"$dir/serve.log" 2>&1 &
  pid=$!
  up "http://127.0.0.1:$port/v2/models/$model"
}
stop() { kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=0; }
allocated() { curl -s "http://127.0.0.1:$port/metrics" | awk '!found && index($0, "dotnet_gc_heap_total_allocated") == 1 {print $NF; found = 1}'; }

serve A
curl -s "http://127.0.0.1:$port/v2/models/$model" >"$dir/meta.json"
stop
python3 - "$dir" <<'PY'
import json, sys
d = sys.argv[1]
meta = json.load(open(f"{d}/meta.json"))
texts = {"plan": "premium", "contract_type": "month-to-month", "payment_method": "electronic-check", "region": "west"}
value = lambda i: texts.get(i["name"], "a") if i["datatype"] == "BYTES" else 3.5
bodies = {
    "oip": {"inputs": [{"name": i["name"], "shape": [1], "datatype": i["datatype"], "data": [value(i)]} for i in meta["inputs"]]},
    "invocations": {"dataframe_split": {"columns": [i["name"] for i in meta["inputs"]], "data": [[value(i) for i in meta["inputs"]]]}},
    "predict": {"rows": [{i["name"]: value(i) for i in meta["inputs"]}]},
}
bodies["empty"] = bodies["oip"]
for name, body in bodies.items():
    open(f"{d}/{name}.json", "w").write(json.dumps(body))
    open(f"{d}/{name}.lua", "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = [==[' + json.dumps(body) + ']==]\n')
PY
path_of() { case $1 in oip) echo "/v2/models/$model/infer" ;; invocations) echo /invocations ;; predict) echo "/api/v1/predict/$model" ;; empty) echo /infer ;; esac; }

measure() { # $1 = side, $2 = protocol; appends "side protocol cpu_us bytes"
  local url="http://127.0.0.1:$port$(path_of "$2")" cpu0 cpu1 a0 a1 n bad us bytes
  wrk -t2 -c"$connections" -d2s -s "$dir/$2.lua" "$url" >/dev/null
  cpu0=$(awk '{print $14 + $15}' "/proc/$pid/stat"); a0=$([ "$1" = E ] && echo 0 || allocated)
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$dir/$2.lua" "$url" >"$dir/w.txt"
  cpu1=$(awk '{print $14 + $15}' "/proc/$pid/stat"); a1=$([ "$1" = E ] && echo 0 || allocated)
  n=$(awk '/requests in/ {print $1}' "$dir/w.txt"); bad=$(awk '/Non-2xx/ {print $NF}' "$dir/w.txt")
  us=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$n" -v hz="$hz" 'BEGIN {printf "%.1f", (n > 0 ? (b - a) / hz / n * 1e6 : 0)}')
  bytes=$(awk -v a="$a0" -v b="$a1" -v n="$n" 'BEGIN {printf "%.0f", (n > 0 ? (b - a) / n : 0)}')
  echo "  $1 $2: $(awk '/Requests\/sec/ {print $2}' "$dir/w.txt") req/s, p99 $(awk '$1 == "99%" {print $2}' "$dir/w.txt"), CPU $us us/request, $bytes B/request${bad:+, non-2xx $bad}"
  echo "$1 $2 $us $bytes" >>"$dir/cost.txt"
}

for r in $(seq 1 "$rounds"); do
  echo "round $r"
  for side in A B; do
    serve "$side"
    for protocol in $protocols; do measure "$side" "$protocol"; done
    stop
  done
  dotnet "$empty_dll" "$port" >"$dir/serve.log" 2>&1 &
  pid=$!
  up -X POST -H 'content-type: application/json' -d @"$dir/empty.json" "http://127.0.0.1:$port/infer"
  measure E empty
  stop
done

python3 - "$dir/cost.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = lambda side, proto, col: statistics.median(float(r[col]) for r in rows if r[0] == side and r[1] == proto)
empty = med("E", "empty", 2)
print(f"empty endpoint: {empty:.1f} us CPU/request (its own process)")
for proto in sorted({r[1] for r in rows if r[0] != "E"}):
    ca, cb, ba, bb = med("A", proto, 2), med("B", proto, 2), med("A", proto, 3), med("B", proto, 3)
    print(f"{proto}: CPU/request A {ca:.1f} us, B {cb:.1f} us, B/A {cb / ca:.2f}; bytes/request A {ba:.0f}, B {bb:.0f}, B/A {bb / ba:.2f}; "
          f"CPU vs empty endpoint A {ca / empty:.2f}x, B {cb / empty:.2f}x")
PY

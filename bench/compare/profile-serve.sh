#!/usr/bin/env bash
# Where `churnops serve` spends its time per request, measured as users run it: a quickstart project (or PROJECT=DIR),
# the server alone on 127.0.0.1 under wrk (2 threads, CONNECTIONS=64, one JSON row per request), and meanwhile
# dotnet-trace's CPU sampling of the server. Prints the figures that stay put on a shared machine — server CPU and bytes
# allocated per request, and gen0 collections per 1,000 requests (the runtime's counters on /metrics) — then the hottest
# methods, exclusive and inclusive. Installs dotnet-trace into a temporary tool path when it is not on PATH.
# Usage: profile-serve.sh CLI_DLL [seconds] [top]     (URL=/invocations-style path not needed: it profiles OIP infer)
set -euo pipefail
dll=$1; seconds=${2:-10}; top=${3:-40}
port=${PORT:-5395}; connections=${CONNECTIONS:-64}
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dir=$(mktemp -d /tmp/churnops-profile-XXXXXX)
trap '[ "${pid:-0}" -gt 0 ] && kill "$pid" 2>/dev/null; [ "${KEEP:-0}" = 1 ] && echo "kept $dir" || rm -rf "$dir"' EXIT
trace=$(command -v dotnet-trace || true)
if [ -z "$trace" ]; then
  dotnet tool install --tool-path "$dir/tools" dotnet-trace >/dev/null
  trace=$dir/tools/dotnet-trace
fi

if [ -n "${PROJECT:-}" ]; then cp -r "$PROJECT" "$dir/project"; else dotnet "$dll" quickstart --dir "$dir/project" --rows 10000 --seed 42 >/dev/null; fi
dotnet "$dll" serve -C "$dir/project" --port "$port" >"$dir/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/v2/models/churn" >/dev/null 2>&1 && break; sleep 0.25; done
curl -s "http://127.0.0.1:$port/v2/models/churn" | python3 -c '
import json, sys
meta = json.load(sys.stdin)
inputs = [{"name": i["name"], "shape": [1], "datatype": i["datatype"], "data": ["month-to-month" if i["datatype"] == "BYTES" else 3.5]} for i in meta["inputs"]]
print("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [==[" + json.dumps({"inputs": inputs}) + "]==]")
' >"$dir/post.lua"
url=http://127.0.0.1:$port/v2/models/churn/infer
# The first sample of a runtime metric (gen0 for collections); awk reads to the end so curl never dies of SIGPIPE.
metric() { curl -s "http://127.0.0.1:$port/metrics" | awk -v m="$1" '!found && index($0, m) == 1 && ($0 ~ /gc_heap_generation="gen0"/ || m !~ /collections/) {print $NF; found = 1}'; }

wrk -t2 -c"$connections" -d3s -s "$dir/post.lua" "$url" >/dev/null

# Without the profiler first: the per-request figures, unperturbed by sampling.
cpu0=$(awk '{print $14 + $15}' "/proc/$pid/stat"); alloc0=$(metric dotnet_gc_heap_total_allocated); gc0=$(metric dotnet_gc_collections)
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$dir/post.lua" "$url" >"$dir/w.txt"
cpu1=$(awk '{print $14 + $15}' "/proc/$pid/stat"); alloc1=$(metric dotnet_gc_heap_total_allocated); gc1=$(metric dotnet_gc_collections)
n=$(awk '/requests in/ {print $1}' "$dir/w.txt")
echo "$(awk '/Requests\/sec/ {print $2}' "$dir/w.txt") req/s, p50 $(awk '$1 == "50%" {print $2}' "$dir/w.txt"), p99 $(awk '$1 == "99%" {print $2}' "$dir/w.txt") ($n requests)"
awk -v a="$cpu0" -v b="$cpu1" -v x="$alloc0" -v y="$alloc1" -v g="$gc0" -v h="$gc1" -v n="$n" -v hz="$(getconf CLK_TCK)" \
  'BEGIN {printf "server CPU %.1f us/request, %.0f B allocated/request, %.2f gen0 GCs per 1,000 requests\n", (b - a) / hz / n * 1e6, (y - x) / n, (h - g) / n * 1000}'

# Then sampled: wrk runs a little longer than the trace so every sample is under load.
wrk -t2 -c"$connections" -d"$((seconds + 4))s" -s "$dir/post.lua" "$url" >/dev/null &
wrk_pid=$!
sleep 1
"$trace" collect -p "$pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$(printf '%02d' "$seconds")" -o "$dir/serve.nettrace" >/dev/null 2>&1 \
  || "$trace" collect -p "$pid" --profile cpu-sampling --duration "00:00:00:$(printf '%02d' "$seconds")" -o "$dir/serve.nettrace" >/dev/null
wait "$wrk_pid"
echo "--- exclusive (self) ---"
"$trace" report "$dir/serve.nettrace" topN -n "$top" 2>/dev/null | sed -n '1,200p'
echo "--- inclusive ---"
"$trace" report "$dir/serve.nettrace" topN -n "$top" --inclusive 2>/dev/null | sed -n '1,200p'

#!/usr/bin/env bash
# What a canary costs the serving path, measured as users run ChurnOps: one quickstart project (run twice, so it has two
# model versions), then `churnops serve` alone on 127.0.0.1 takes wrk (2 threads, CONNECTIONS=64, one JSON row per
# request; OIP v2 infer, MLflow /invocations and native /api/v1/predict) in alternating rounds, which side goes first
# alternating too: A without a deployment, B with a 10% canary of the other version active (split by the seeded
# sequence, per-arm counters, analysis checking every second, every prediction logged with its arm). Prints requests/s,
# p99, server CPU and bytes allocated per request for each round, and the medians' B/A ratios. Figures are noisy on a
# shared machine: compare ratios, and the per-request CPU and bytes, which move least.
# SAME_SERVER=1 keeps one server for every round and deploys / rolls back under it (the deployments are re-read every
# second): the steady-state cost of the split alone, without what differs between two freshly started processes.
# PIN=1 keeps wrk and the server on separate cores (`taskset`: wrk on the last core, the server on the others), so wrk's
# own CPU does not land in the server's tail; SERVER_CPUS / WRK_CPUS (taskset lists, e.g. 0 and 1) choose them by hand.
# Every round prints A's and B's p99 side by side; the summary adds the median of the per-round B/A ratios (rounds
# paired: A and B measured back to back) with their range, steadier than the ratio of the two sides' medians.
# Usage: serve-canary.sh CLI_DLL [seconds] [rounds]
set -euo pipefail
. "$(dirname "$0")/lib/wrk-rounds.sh"
dll=$1; seconds=${2:-10}; rounds=${3:-3}
port=${PORT:-5394}; connections=${CONNECTIONS:-64}
command -v wrk >/dev/null || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ "${PIN:-0}" = 1 ]; then
  cores=$(nproc)
  [ "$cores" -ge 2 ] || { echo "PIN=1 needs at least 2 cores" >&2; exit 1; }
  WRK_CPUS=${WRK_CPUS:-$((cores - 1))}; SERVER_CPUS=${SERVER_CPUS:-0-$((cores - 2))}
fi
export WRK_CPUS
server=(dotnet)
[ -n "${SERVER_CPUS:-}" ] && server=(taskset -c "$SERVER_CPUS" dotnet)
echo "server on cores ${SERVER_CPUS:-any}, wrk on cores ${WRK_CPUS:-any}; $rounds rounds of ${seconds}s per protocol and side"
dir=$(mktemp -d /tmp/churnops-canary-XXXXXX)
trap '[ "${pid:-0}" -gt 0 ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
project=$dir/project

dotnet "$dll" quickstart --dir "$project" --rows 10000 --seed 42 >/dev/null
dotnet "$dll" quickstart --dir "$project" --rows 10000 --seed 42 >/dev/null
# The candidate is the version the serving alias does not point at. Approving it stands in for the registry's approval
# command (a deploy of a version that is not approved is refused).
candidate=$(python3 - "$project/.churnops/metadata.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
champion = db.execute("SELECT version FROM model_aliases WHERE model_name = 'churn' AND alias = 'champion'").fetchone()[0]
other = db.execute("SELECT max(version) FROM model_versions WHERE model_name = 'churn' AND version <> ?", (champion,)).fetchone()[0]
db.execute("UPDATE model_versions SET status = 'approved' WHERE model_name = 'churn' AND version = ?", (other,))
db.commit()
print(other)
PY
)

serve() {
  "${server[@]}" "$dll" serve -C "$project" --port "$port" >"$dir/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/v2/models/churn" >/dev/null 2>&1 && return 0; sleep 0.25; done
  echo "serve did not start: $(tail -3 "$dir/serve.log")" >&2; exit 1
}

# Waits (at most a minute) for the prediction log to reach the warehouse before stopping: what a server leaves behind
# is replayed by the next one in its first seconds, which would bill one side for the other's predictions.
stop() {
  for _ in $(seq 1 300); do
    [ "$(curl -s "http://127.0.0.1:$port/metrics" | awk '!found && /^churnops_predictions_queue_depth/ {print $NF; found = 1}')" = 0 ] && break
    sleep 0.2
  done
  kill -TERM "$pid"; wait "$pid" || true; pid=0
  grep -h "Replayed\|Spooled" "$dir/serve.log" >&2 || true
}

# The bytes the server process has allocated so far (System.Runtime's dotnet.gc.heap.total_allocated on /metrics).
# (awk reads to the end: quitting early would fail curl with SIGPIPE, and pipefail would end the script.)
allocated() { curl -s "http://127.0.0.1:$port/metrics" | awk '!found && /^dotnet_gc_heap_total_allocated/ {print $NF; found = 1}'; }
# wrk_round's hook: the counter just before and just after the measured run.
allocation_mark() { if [ "$1" = before ]; then alloc0=$(allocated); else alloc1=$(allocated); fi; }

serve
curl -s "http://127.0.0.1:$port/v2/models/churn" | python3 -c '
import json, sys
meta = json.load(sys.stdin)
value = lambda i: "month-to-month" if i["datatype"] == "BYTES" else 3.5
inputs = [{"name": i["name"], "shape": [1], "datatype": i["datatype"], "data": [value(i)]} for i in meta["inputs"]]
split = {"dataframe_split": {"columns": [i["name"] for i in meta["inputs"]], "data": [[value(i) for i in meta["inputs"]]]}}
rows = {"rows": [{i["name"]: value(i) for i in meta["inputs"]}]}
for name, body in (("oip", {"inputs": inputs}), ("mlflow", split), ("native", rows)):
    with open(sys.argv[1] + "/" + name + ".lua", "w") as lua:
        lua.write("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [==[" + json.dumps(body) + "]==]\n")
    with open(sys.argv[1] + "/" + name + ".json", "w") as plain:
        plain.write(json.dumps(body))
' "$dir"
[ "${SAME_SERVER:-0}" = 1 ] || stop

# The protocols measured on each server: OIP v2 infer, MLflow's /invocations and the native /api/v1/predict
# (PROTOCOLS="oip" for one).
url_of() {
  case $1 in
    oip) echo "http://127.0.0.1:$port/v2/models/churn/infer" ;;
    mlflow) echo "http://127.0.0.1:$port/invocations" ;;
    *) echo "http://127.0.0.1:$port/api/v1/predict/churn" ;;
  esac
}

# Every protocol against the running server, one wrk round each, appended to rps.txt; $1 = round, $2 = side, $3 = deployment.
measure() {
  local proto url split bytes p99ms
  for proto in ${PROTOCOLS:-oip mlflow native}; do
    url=$(url_of "$proto")
    # Per request, steadier than req/s on a shared machine: the server's CPU (user + system ticks) and the bytes it
    # allocated (the runtime's own counter, read from /metrics before and after).
    wrk_round "$url" "$dir/$proto.lua" allocation_mark
    us=$(printf '%.1f' "$us")
    split=
    [ -n "$3" ] && split=$(curl -s "http://127.0.0.1:$port/api/v1/deployments/$3" | python3 -c 'import json, sys; d = json.load(sys.stdin); print("deployment", d["id"], d["status"], "at", str(d["candidateWeight"]) + "%")')
    bytes=$(awk -v a="$alloc0" -v b="$alloc1" -v n="$n" 'BEGIN {printf "%.0f", (n > 0 ? (b - a) / n : 0)}')
    p99ms=$(python3 -c "import sys; v = sys.argv[1]; print(float(v[:-2]) if v.endswith('ms') else float(v[:-2]) / 1000 if v.endswith('us') else float(v[:-1]) * 1000)" "$p99")
    echo "round $1 $2 $proto: $rps req/s, p99 $p99, server CPU $us us/request, $bytes B allocated/request${bad:+, non-2xx $bad}${split:+ ($split)}"
    echo "$2 $proto $rps $p99ms $us $bytes $1" >>"$dir/rps.txt"
  done
}

# A long interval keeps the canary at 10% for the whole round (the analysis still runs every second).
deploy() { dotnet "$dll" --json deploy churn --version "$candidate" --canary 10 --steps 10,100 --interval 1h -C "$project" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])'; }

# SAME_SERVER=1: until the running server answers with (1) or without (0) a deployment header; it re-reads the
# deployments every second.
routed() {
  local seen
  for _ in $(seq 1 150); do
    seen=$(curl -s -D - -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary @"$dir/oip.json" "$(url_of oip)" | grep -ci '^x-deployment:' || true)
    [ "$seen" = "$1" ] && return 0
    sleep 0.2
  done
  echo "the server did not pick up the deployment change" >&2; exit 1
}

for r in $(seq 1 "$rounds"); do
  # Alternate which side goes first, so neither always follows the other's shutdown (journal flush, page cache, a
  # warehouse grown by the other side's predictions).
  order="A B"; [ $((r % 2)) = 0 ] && order="B A"
  for side in $order; do
    id=
    [ "$side" = B ] && id=$(deploy)
    if [ "${SAME_SERVER:-0}" = 1 ]; then
      [ "$side" = B ] && routed 1
      measure "$r" "$side" "$id"
    else
      serve
      measure "$r" "$side" "$id"
      stop
    fi
    [ -n "$id" ] && dotnet "$dll" deployments rollback "$id" -C "$project" >/dev/null
    if [ "${SAME_SERVER:-0}" = 1 ] && [ -n "$id" ]; then routed 0; fi
  done
done
[ "${SAME_SERVER:-0}" = 1 ] && stop
python3 - "$dir/rps.txt" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for proto in dict.fromkeys(r[1] for r in rows):
    def med(side, k): return statistics.median(float(r[k]) for r in rows if r[0] == side and r[1] == proto)
    a, b = ([med(s, k) for k in (2, 3, 4, 5)] for s in ("A", "B"))
    print(f"{proto}: median req/s A (no deployment) {a[0]:.0f}, B (10% canary) {b[0]:.0f}, B/A {b[0] / a[0]:.3f}; "
          f"p99 A {a[1]:.2f} ms, B {b[1]:.2f} ms, B/A {b[1] / a[1]:.3f}; "
          f"server CPU/request A {a[2]:.1f} us, B {b[2]:.1f} us, B/A {b[2] / a[2]:.3f}; "
          f"allocated/request A {a[3]:.0f} B, B {b[3]:.0f} B, B-A {b[3] - a[3]:+.0f} B")
    # Paired: each round's B against the same round's A (measured back to back, so a busier minute moves both).
    side = {(r[6], r[0]): r for r in rows if r[1] == proto}
    pairs = [(side[(n, "A")], side[(n, "B")]) for n in dict.fromkeys(r[6] for r in rows if r[1] == proto) if (n, "A") in side and (n, "B") in side]
    print(f"  p99 per round (A -> B ms): " + ", ".join(f"{float(x[3]):.2f} -> {float(y[3]):.2f}" for x, y in pairs))
    for name, k in (("req/s", 2), ("p99", 3), ("CPU/request", 4)):
        ratios = sorted(float(y[k]) / float(x[k]) for x, y in pairs if float(x[k]) > 0)
        if ratios:
            print(f"  {name} B/A per round: median {statistics.median(ratios):.3f}, range {ratios[0]:.3f}-{ratios[-1]:.3f} over {len(ratios)} rounds")
PY

# One measured wrk round against the `churnops serve` process $pid, shared by serve-ab.sh, serve-auth.sh and
# serve-canary.sh (sourced, not run). Reads the callers' $pid, $dir, $seconds and $connections.
#
# wrk_round URL LUA [HOOK]: WARMUP seconds (default 2) of warm-up, then $seconds of wrk (2 threads, $connections connections, --latency) with
# the server's CPU ticks (user + system from /proc/PID/stat) read just before and after. HOOK, when given, is called
# as `HOOK before` and `HOOK after` right after each CPU read (e.g. to read the runtime's allocation counter). Sets:
#   rps     requests/s as wrk prints it        p99   wrk's 99th percentile as printed (e.g. 4.21ms)
#   n       requests completed                  bad   wrk's non-2xx count, empty when there were none
#   us      server CPU per request in microseconds, unrounded (callers format it)
# Per-request CPU is steadier than requests/s on a shared machine: it does not move with how much CPU wrk got.
# WRK_CPUS (e.g. 1) runs wrk under `taskset -c WRK_CPUS`, so it does not share cores with a server pinned elsewhere.

wrk_cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

wrk_round() {
  local url=$1 lua=$2 hook=${3:-} cpu0 cpu1 wrk=(wrk)
  [ -n "${WRK_CPUS:-}" ] && wrk=(taskset -c "$WRK_CPUS" wrk)
  "${wrk[@]}" -t2 -c"$connections" -d"${WARMUP:-2}s" -s "$lua" "$url" >/dev/null
  cpu0=$(wrk_cpu_ticks)
  if [ -n "$hook" ]; then "$hook" before; fi
  "${wrk[@]}" -t2 -c"$connections" -d"${seconds}s" --latency -s "$lua" "$url" >"$dir/w.txt"
  cpu1=$(wrk_cpu_ticks)
  if [ -n "$hook" ]; then "$hook" after; fi
  rps=$(awk '/Requests\/sec/ {print $2}' "$dir/w.txt"); p99=$(awk '$1 == "99%" {print $2}' "$dir/w.txt"); bad=$(awk '/Non-2xx/ {print $NF}' "$dir/w.txt")
  n=$(awk '/requests in/ {print $1}' "$dir/w.txt")
  us=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.3f", (n > 0 ? (b - a) / hz / n * 1e6 : 0)}')
}

#!/usr/bin/env bash
# "No regression elsewhere": the in-process harnesses of bench/ChurnOps.Bench that cover tracking (MLflow log-batch and
# runs/search through the REST API and the store), online feature lookup and training time, run from build A and build B
# in alternating rounds (odd rounds A first, even rounds B first), each harness in its own process. Prints every figure
# the harnesses report (medians, percentiles, their own in-process baselines) plus CPU seconds (user + system) of each
# phase, read from /proc between the harness's output lines, and for each figure the B/A ratio: the median of the
# per-round ratios with their min..max. CPU figures are the ones to trust on a busy machine.
#
# Usage: bench/compare/regressions.sh A B [ROUNDS]
#   A, B: a git revision of this repository (exported with `git archive` and built Release into $REG_DIR/<commit>, reused
#         when already built), or a directory: a checkout with the bench built, or one holding ChurnOps.Bench.dll.
#   ROUNDS: default 3.
# Env: HARNESSES (default "tracking features-online-lookup training-candidates"; tracking-engines, tracking-json,
#      dashboard also work), QUICK=1 passes --quick (smaller data, fewer samples), REG_DIR (/tmp/churnops-regressions).
# A harness missing from one build is reported and skipped for both (there is nothing to compare it with).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
[ $# -ge 2 ] || { echo "usage: bench/compare/regressions.sh A B [ROUNDS]  (revisions or build directories)" >&2; exit 2; }
rounds=${3:-3}
reg_dir=${REG_DIR:-/tmp/churnops-regressions}
harnesses=${HARNESSES:-tracking features-online-lookup training-candidates}
mkdir -p "$reg_dir"
bench_dll=bench/ChurnOps.Bench/bin/Release/net10.0/linux-x64/ChurnOps.Bench.dll

# Prints the bench DLL of A or B on stdout, building it first when needed; build output goes to a log file.
resolve() {
  local spec=$1 dir commit
  if [ -d "$spec" ]; then
    dir=$(cd "$spec" && pwd)
    if [ -f "$dir/ChurnOps.Bench.dll" ]; then echo "$dir/ChurnOps.Bench.dll"; return; fi
    if [ ! -f "$dir/$bench_dll" ]; then
      echo "building $dir ..." >&2
      (cd "$dir" && dotnet build bench/ChurnOps.Bench -c Release --nologo -v q >"$reg_dir/build-$(basename "$dir").log" 2>&1) \
        || { echo "build of $dir failed: see $reg_dir/build-$(basename "$dir").log" >&2; exit 1; }
    fi
    echo "$dir/$bench_dll"; return
  fi
  commit=$(git -C "$repo" rev-parse --verify --quiet "$spec^{commit}") || { echo "'$spec' is neither a directory nor a revision" >&2; exit 2; }
  dir=$reg_dir/${commit:0:12}
  if [ ! -f "$dir/$bench_dll" ]; then
    echo "building $spec (${commit:0:12}) in $dir ..." >&2
    rm -rf "$dir" && mkdir -p "$dir"
    git -C "$repo" archive "$commit" | tar -x -C "$dir"
    # The throwaway PostgreSQL/Redis servers some harnesses start live in the checkout's .tools.
    [ -e "$repo/.tools" ] && ln -s "$(readlink -f "$repo/.tools")" "$dir/.tools"
    (cd "$dir" && dotnet build bench/ChurnOps.Bench -c Release --nologo -v q >"$dir/build.log" 2>&1) \
      || { echo "build of $spec failed: see $dir/build.log" >&2; exit 1; }
  fi
  echo "$dir/$bench_dll"
}

a_dll=$(resolve "$1")
b_dll=$(resolve "$2")
echo "A = $1 ($a_dll)"
echo "B = $2 ($b_dll)"
exec python3 "$here/lib/regressions.py" "$a_dll" "$b_dll" "$rounds" "${QUICK:-0}" $harnesses

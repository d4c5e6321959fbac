#!/usr/bin/env bash
# The README's test command: installs what is missing, runs every test project, and ends with one line
# "N passed, N failed, N skipped" (the line CI reads).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-prereqs.sh || exit 1

log=$(mktemp)
dotnet test ChurnOps.slnx --nologo -c Release 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# dotnet test prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, Total: T" line per test project.
summary=$(grep -E '^(Passed|Failed)!' "$log" \
  | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}')
projects=$(grep -cE '^(Passed|Failed)!' "$log")
[ "$projects" -gt 0 ] || { echo "no test project reported results"; rc=1; }
# A test project that did not build reports nothing: count each one missing as a failure, so the last line never
# reads "0 failed" for a run that could not test everything.
expected=$(ls tests/*/*.Tests.csproj | wc -l)
if [ "$projects" -lt "$expected" ]; then
  echo "$((expected - projects)) of $expected test projects reported no results (build error above)"
  summary=$(echo "$summary" | awk -v m=$((expected - projects)) '{printf "%d passed, %d failed, %d skipped\n", $1, $3 + m, $5}')
  rc=1
fi
rm -f "$log"
echo "$summary"
exit "$rc"

#!/usr/bin/env bash
# Training quality on real public churn data (issue 15): for each dataset and seed, one stratified train/test split is
# written to two CSV files; scikit-learn's LogisticRegression (scaled + one-hot), GradientBoostingClassifier and xgboost
# fit the train file and score the test file (python/quality_baselines.py), and ChurnOps runs the way a user runs it on
# the same files: `churnops init`, `churnops ingest` of both files by the dataset's ODCS contract (bench/data/contracts),
# then `churnops train --table staging.X_train --test-table staging.X_test --label ... --positive ... --id ...`, so every
# candidate's test AUC is measured on exactly the rows the baselines are. Prints, per dataset, the mean over the seeds
# of each candidate's, the selected model's (and what selection by validation AUC alone would have picked) and each
# baseline's test AUC, with the difference to the best baseline, plus training CPU seconds per run.
# Usage: bench/compare/training-quality.sh [--quick]     (--quick: 2 seeds, telco only)
# Env: SEEDS ("1 2 3 4 5") DATASETS ("telco bank") TRAINERS (the project's default: lightgbm,fasttree,logreg)
#      CLI_DLL (the churnops.dll to measure; default this checkout's build) SKIP_BUILD=1 KEEP=1 (keep the work dir)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seeds=${SEEDS:-"1 2 3 4 5"}
datasets=${DATASETS:-"telco bank"}
if [ "${1:-}" = "--quick" ]; then seeds=${SEEDS:-"1 2"}; datasets=${DATASETS:-telco}; fi
py=/usr/bin/python3
need=()
for pkg in xgboost sklearn pandas; do $py -c "import $pkg" 2>/dev/null || need+=("python3-$pkg"); done
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  dotnet build "$root/src/ChurnOps.Cli" -c Release --nologo -v q | grep -E "error|rror\(s\)" | grep -v " 0 Error" || true
fi
cli_dll=${CLI_DLL:-$root/src/ChurnOps.Cli/bin/Release/net10.0/linux-x64/churnops.dll}
work=$(mktemp -d /tmp/churnops-quality-XXXXXX)
cleanup() { [ "${KEEP:-0}" = 1 ] && echo "kept $work" || rm -rf "$work"; }
trap cleanup EXIT
churnops() { dotnet "$cli_dll" "$@"; }

# name | file | label | positive value | id columns (left out by both sides)
spec() {
  case $1 in
    telco) echo "WA_Fn-UseC_-Telco-Customer-Churn.csv|Churn|Yes|customerID" ;;
    bank)  echo "Churn_Modelling.csv|Exited|1|RowNumber CustomerId Surname" ;;
    *) echo "unknown dataset '$1' (known: telco bank)" >&2; exit 2 ;;
  esac
}

echo "work dir $work; seeds: $seeds; datasets: $datasets"
for name in $datasets; do
  IFS='|' read -r file label positive ids <<<"$(spec "$name")"
  for seed in $seeds; do
    dir=$work/$name/$seed
    $py "$here/python/quality_split.py" "$root/bench/data/$file" "$label" "$seed" 0.2 "$dir" >/dev/null
    # shellcheck disable=SC2086 # the id list is words on purpose
    $py "$here/python/quality_baselines.py" "$dir/train.csv" "$dir/test.csv" "$label" "$positive" "$seed" $ids >"$dir/baselines.json"
    churnops init "$dir/project" >/dev/null
    for part in train test; do
      churnops ingest -C "$dir/project" "${name}_$part" "$dir/$part.csv" --contract "$root/bench/data/contracts/$name.yaml" >"$dir/ingest-$part.log" 2>&1 \
        || { echo "ingest $name $part failed:"; tail -3 "$dir/ingest-$part.log"; exit 1; }
    done
    id_args=(); for id in $ids; do id_args+=(--id "$id"); done
    /usr/bin/time -f "%U %S" -o "$dir/train.time" dotnet "$cli_dll" train -C "$dir/project" --table "staging.${name}_train" --test-table "staging.${name}_test" \
      --label "$label" --positive "$positive" "${id_args[@]}" --seed "$seed" ${TRAINERS:+--trainers "$TRAINERS"} --json >"$dir/train.json" 2>"$dir/train.err" \
      || { echo "train $name seed $seed failed:"; tail -3 "$dir/train.err"; exit 1; }
    echo "$name seed $seed: done ($(awk '{printf "%.1f", $1 + $2}' "$dir/train.time") CPU s to train)"
  done
done
$py "$here/python/quality_report.py" "$work" $datasets

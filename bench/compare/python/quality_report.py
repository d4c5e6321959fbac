"""Reads training-quality.sh's work dir and prints, per dataset, mean test AUC over the seeds for every ChurnOps
candidate, the selected model, the candidate that selection by validation AUC alone would have picked, and each
scikit-learn baseline, with the difference to the best baseline. Usage: quality_report.py WORK_DIR DATASET..."""
import json
import os
import statistics
import sys

work, datasets = sys.argv[1], sys.argv[2:]


def fmt(values):
    mean = statistics.mean(values)
    spread = statistics.stdev(values) if len(values) > 1 else 0.0
    return mean, f"{mean:.4f} ± {spread:.4f}"


for name in datasets:
    seeds = sorted(os.listdir(os.path.join(work, name)), key=int)
    rows, baselines, cpu = {}, {}, []
    for seed in seeds:
        d = os.path.join(work, name, seed)
        train = json.load(open(os.path.join(d, "train.json")))
        base = json.load(open(os.path.join(d, "baselines.json")))
        for key, value in base.items():
            baselines.setdefault(key, []).append(value["test_auc"])
        passing = [c for c in train["candidates"] if c["passed_gates"]]
        for c in train["candidates"]:
            rows.setdefault("candidate " + c["trainer"], []).append(c["test_metrics"]["auc"])
        by_validation = max((c for c in passing if "+" not in c["trainer"] and c["trainer"] != "blend"),
                            key=lambda c: c["validation_metrics"]["auc"])
        rows.setdefault("selected by validation auc alone", []).append(by_validation["test_metrics"]["auc"])
        winner = next(c for c in train["candidates"] if c["trainer"] == train["winner"])
        rows.setdefault("ChurnOps selected", []).append(winner["test_metrics"]["auc"])
        rows.setdefault("  (winner per seed)", []).append(train["winner"])
        user, system = map(float, open(os.path.join(d, "train.time")).read().split()[-2:])
        cpu.append(user + system)
    best_name = max(baselines, key=lambda k: statistics.mean(baselines[k]))
    best = statistics.mean(baselines[best_name])
    print(f"\n{name}: test AUC, mean ± sd over {len(seeds)} seeds (seeds {', '.join(seeds)}); best baseline: sklearn {best_name}")
    print(f"  {'model':<34} {'test auc':>16} {'vs best baseline':>17}")
    for label, values in list(rows.items()) + [("sklearn " + k, v) for k, v in baselines.items()]:
        if label.startswith("  ("):
            print(f"  {label:<34} {', '.join(values)}")
            continue
        mean, text = fmt(values)
        print(f"  {label:<34} {text:>16} {mean - best:>+17.4f}")
    print(f"  ChurnOps training CPU seconds per run (user+sys of `churnops train`): {statistics.mean(cpu):.1f}")

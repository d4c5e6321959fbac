#!/usr/bin/env python3
"""The Python side of the drift benchmark: Evidently's default per-column tests with scipy on the same CSV files.

    /usr/bin/python3 drift_scipy.py REFERENCE.csv CURRENT.csv OUT.json

Loads both files with pandas, then times the tests alone (what Evidently does per column: choose the test by the
reference size, kind and distinct values; ks_2samp / chisquare / z-test / wasserstein_distance / jensenshannon), and
writes per-column results and both timings as JSON. Text columns are categorical, numbers numeric (as Evidently infers).
"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evidently_scipy import default_test, drifted, run  # noqa: E402


def main():
    reference_path, current_path, out_path = sys.argv[1:4]
    started = time.perf_counter()
    reference = pd.read_csv(reference_path, float_precision="round_trip")
    current = pd.read_csv(current_path, float_precision="round_trip")
    loaded = time.perf_counter()
    cpu_started = time.process_time()
    columns = []
    for name in reference.columns:
        kind = "num" if pd.api.types.is_numeric_dtype(reference[name]) else "cat"
        ref = reference[name].replace([-np.inf, np.inf], np.nan).dropna()
        cur = current[name].replace([-np.inf, np.inf], np.nan).dropna()
        test = default_test(ref, cur, kind)
        values = kind == "num" and test in ("ks", "wasserstein")
        _, score = run(test, ref.values if values else ref, cur.values if values else cur, kind)
        columns.append({"column": name, "test": test, "score": score, "drifted": bool(drifted(test, score))})
    tested = time.perf_counter()
    cpu = time.process_time() - cpu_started
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"load_seconds": loaded - started, "test_seconds": tested - loaded, "test_cpu_seconds": cpu, "columns": columns}, f)


if __name__ == "__main__":
    main()

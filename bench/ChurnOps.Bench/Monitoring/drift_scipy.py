#!/usr/bin/env python3
"""The Python side of the drift benchmark: Evidently's default per-column tests with scipy on the same CSV files.

    /usr/bin/python3 drift_scipy.py REFERENCE.csv CURRENT.csv OUT.json

Loads both files with pandas, then times the tests alone (what Evidently does per column: choose the test by the
reference size, kind and distinct values; ks_2samp / chisquare / z-test / wasserstein_distance / jensenshannon), and
writes per-column results and both timings as JSON. Text columns are categorical, numbers numeric (as Evidently infers).
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance


def default_test(ref, cur, kind):
    n_values = pd.concat([ref, cur]).nunique()
    if ref.shape[0] <= 1000:
        if kind == "num":
            if n_values <= 5:
                return "chisquare" if n_values > 2 else "ztest"
            return "ks"
        return "chisquare" if n_values > 2 else "ztest"
    if kind == "num":
        return "jensenshannon" if n_values <= 5 else "wasserstein"
    return "jensenshannon"


def value_counts(ref, cur):
    keys = list(set(ref.unique()) | set(cur.unique()))
    rd = {**dict.fromkeys(keys, 0), **dict(ref.value_counts())}
    cd = {**dict.fromkeys(keys, 0), **dict(cur.value_counts())}
    return keys, rd, cd


def run(test, ref, cur, kind):
    if test == "ks":
        res = stats.ks_2samp(ref.values, cur.values)
        return float(res.pvalue), bool(res.pvalue <= 0.05)
    if test == "wasserstein":
        norm = max(np.std(ref.values), 0.001)
        value = stats.wasserstein_distance(ref.values, cur.values) / norm
        return float(value), bool(value >= 0.1)
    if test == "chisquare":
        keys, rd, cd = value_counts(ref, cur)
        k_norm = cur.shape[0] / ref.shape[0]
        p = stats.chisquare([cd[k] for k in keys], [rd[k] * k_norm for k in keys])[1]
        return float(p), bool(p < 0.05)
    if test == "ztest":
        if ref.nunique() == 1 and cur.nunique() == 1 and ref.unique()[0] == cur.unique()[0]:
            return 1.0, False
        keys = sorted(set(ref.unique()) | set(cur.unique()))
        n1, n2 = len(ref), len(cur)
        p1 = float((ref != keys[0]).sum()) / n1
        p2 = float((cur != keys[0]).sum()) / n2
        P = float(p1 * n1 + p2 * n2) / (n1 + n2)
        z = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
        p = 2 * (1 - stats.norm.cdf(np.abs(z)))
        return float(p), bool(p < 0.05)
    if test == "jensenshannon":
        if kind == "num" and ref.nunique() > 20:
            bins = np.histogram_bin_edges(pd.concat([ref, cur], axis=0).values, bins="sturges")
            r = np.histogram(ref, bins)[0] / len(ref)
            c = np.histogram(cur, bins)[0] / len(cur)
        else:
            keys, rd, cd = value_counts(ref, cur)
            r = np.array([rd[k] / len(ref) for k in keys])
            c = np.array([cd[k] / len(cur) for k in keys])
        value = distance.jensenshannon(r, c)
        return float(value), bool(value >= 0.1)
    raise ValueError(test)


def main():
    reference_path, current_path, out_path = sys.argv[1:4]
    started = time.perf_counter()
    reference = pd.read_csv(reference_path, float_precision="round_trip")
    current = pd.read_csv(current_path, float_precision="round_trip")
    loaded = time.perf_counter()
    columns = []
    for name in reference.columns:
        kind = "num" if pd.api.types.is_numeric_dtype(reference[name]) else "cat"
        ref = reference[name].replace([-np.inf, np.inf], np.nan).dropna()
        cur = current[name].replace([-np.inf, np.inf], np.nan).dropna()
        test = default_test(ref, cur, kind)
        score, drifted = run(test, ref, cur, kind)
        columns.append({"column": name, "test": test, "score": score, "drifted": drifted})
    tested = time.perf_counter()
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"load_seconds": loaded - started, "test_seconds": tested - loaded, "columns": columns}, f)


if __name__ == "__main__":
    main()
